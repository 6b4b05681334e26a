use super::*;
use crate::testing::{doc, example_config};

fn page_for(doc: &Document, config: &Config, market: &str) -> String {
    resolve_markdown(doc, config.market(market).unwrap()).text
}

const GROUP: &str = ":::variant{for=\"us\"}\nUS\n:::\n\n:::variant{for=\"regulatory\"}\nLAW\n:::\n\n:::variant{for=\"default\"}\nDEFAULT\n:::\n";

#[test]
fn uk_gets_the_regulatory_variant_and_us_its_own() {
    let c = example_config();
    let d = doc(GROUP);
    assert_eq!(page_for(&d, &c, "us"), "US\n");
    assert_eq!(page_for(&d, &c, "uk"), "LAW\n");
    assert_eq!(page_for(&d, &c, "de"), "LAW\n");
    assert_eq!(page_for(&d, &c, "mx"), "DEFAULT\n");
}

#[test]
fn a_group_without_default_renders_nothing_for_other_markets() {
    let c = example_config();
    let d = doc("Before\n\n:::variant{for=\"jp\"}\nJP\n:::\n\nAfter\n");
    let squeeze = |s: String| {
        s.split('\n')
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("|")
    };
    assert_eq!(squeeze(page_for(&d, &c, "jp")), "Before|JP|After");
    assert_eq!(squeeze(page_for(&d, &c, "us")), "Before|After");
    assert!(
        page_for(&d, &c, "jp").contains("JP\n\n"),
        "blocks stay apart"
    );
}

#[test]
fn resolved_offsets_map_back_to_the_file() {
    let c = example_config();
    let d = doc(GROUP);
    let r = resolve_markdown(&d, c.market("uk").unwrap());
    let src = r.source_offset(r.text.find("LAW").unwrap());
    assert_eq!(d.file.location(src).line, 6);
}

#[test]
fn errors_on_ambiguous_group_naming_the_market() {
    let c = example_config();
    let d = doc(":::variant{for=\"uk\"}\nA\n:::\n\n:::variant{for=\"uk regulatory\"}\nB\n:::\n");
    let mut diags = Diagnostics::new();
    check_variants(&d, &c, &mut diags);
    let diags = diags.into_sorted();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].market.as_deref(), Some("uk"));
    assert_eq!(diags[0].location.as_ref().unwrap().line, 5);
}

#[test]
fn errors_on_unknown_id_at_its_column() {
    let c = example_config();
    let d = doc(":::variant{for=\"us mars\"}\nA\n:::\n");
    let mut diags = Diagnostics::new();
    check_variants(&d, &c, &mut diags);
    let diags = diags.into_sorted();
    assert_eq!(diags.len(), 1);
    assert!(diags[0].message.contains("`mars`"));
    assert_eq!(diags[0].location.as_ref().unwrap().column, 17);
}

#[test]
fn script_lines_resolve_per_market() {
    let c = example_config();
    let d = doc(
        "::::script\nhook: H\n\n:::variant{for=\"control\"}\nbeat: MX\n:::\n\n:::variant{for=\"default\"}\nbeat: ANY\n:::\n\ncta: C\n::::\n",
    );
    let texts = |m: &str| -> Vec<String> {
        resolve_script(&d, c.market(m).unwrap())
            .unwrap()
            .iter()
            .map(|l| l.text.clone())
            .collect()
    };
    assert_eq!(texts("mx"), ["H", "MX", "C"]);
    assert_eq!(texts("fr"), ["H", "ANY", "C"]);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const IDS: &[&str] = &[
        "us",
        "uk",
        "fr",
        "de",
        "mx",
        "jp",
        "id",
        "transparency",
        "regulatory",
        "accountability",
        "reputation",
        "control",
        "default",
    ];

    /// A group of 1 to 5 blocks, each for 1 to 3 ids.
    fn group() -> impl Strategy<Value = Vec<Vec<&'static str>>> {
        prop::collection::vec(
            prop::collection::vec(prop::sample::select(IDS), 1..=3),
            1..=5,
        )
    }

    proptest! {
        #[test]
        fn each_market_gets_at_most_one_block_in_market_framing_default_order(blocks in group()) {
            let text: String = blocks
                .iter()
                .enumerate()
                .map(|(i, ids)| format!(":::variant{{for=\"{}\"}}\nBLOCK{i}\n:::\n\n", ids.join(" ")))
                .collect();
            let d = doc(&text);
            let c = example_config();
            for m in &c.markets {
                let page = resolve_markdown(&d, m).text;
                let got: Vec<usize> = (0..blocks.len()).filter(|i| page.contains(&format!("BLOCK{i}\n"))).collect();
                prop_assert!(got.len() <= 1, "market {} got {:?}", m.id, got);
                let has = |id: &str| blocks.iter().position(|b| b.contains(&id));
                let expected = has(&m.id).or_else(|| has(&m.framing)).or_else(|| has("default"));
                prop_assert_eq!(got.first().copied(), expected, "market {} in {:?}", m.id, blocks);
            }
        }
    }
}
