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
