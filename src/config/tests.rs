use super::*;
use crate::diagnostics::Diagnostic;

fn parse(text: &str) -> (Option<Config>, Vec<Diagnostic>) {
    let f = SourceFile::new("glasshouse.yaml", text);
    let mut d = Diagnostics::new();
    let c = parse_config(&f, &mut d);
    (c, d.into_sorted())
}

const GOOD: &str = "base_url: https://trust.example.com\nframings:\n  transparency: T\n  regulatory: R\nmarkets:\n  us: { name: United States, locale: en-US, framing: transparency }\n  uk:\n    name: United Kingdom\n    locale: en-gb\n    framing: regulatory\n    fallback: [en-US]\n";

#[test]
fn parses_markets_in_order_with_canonical_locales() {
    let (c, d) = parse(GOOD);
    assert!(d.is_empty(), "{d:?}");
    let c = c.unwrap();
    assert_eq!(c.base_url, "https://trust.example.com/");
    let ids: Vec<_> = c.markets.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["us", "uk"]);
    assert_eq!(c.markets[1].locale, "en-GB");
    assert_eq!(c.markets[1].path, "uk/");
    assert_eq!(c.markets[1].locale_chain(), ["en-GB", "en-US"]);
}

#[test]
fn unknown_framing_names_the_line() {
    let (c, d) = parse(&GOOD.replace("framing: regulatory", "framing: legal"));
    assert!(c.is_none());
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, Code::Config);
    let loc = d[0].location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (10, 5));
    assert!(d[0].message.contains("unknown framing `legal`"));
}

#[test]
fn invalid_locale_in_flow_mapping_points_at_the_key() {
    let (_, d) = parse(&GOOD.replace("locale: en-US", "locale: en_US"));
    let loc = d[0].location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (6, 30));
    assert!(d[0].message.contains("invalid locale tag `en_US`"));
}

#[test]
fn a_market_path_or_theme_that_leaves_the_site_is_an_error() {
    for path in ["../../outside/", "uk/../../x", "/./", "a b/"] {
        let (c, d) = parse(&GOOD.replace(
            "    fallback: [en-US]\n",
            &format!("    path: \"{path}\"\n"),
        ));
        assert!(c.is_none(), "{path}");
        assert!(
            d[0].message.contains("not a URL path inside the site"),
            "{path}: {d:?}"
        );
        assert_eq!(d[0].location.as_ref().unwrap().line, 11, "{path}");
    }
    let (_, d) = parse(&GOOD.replace(
        "base_url: https://trust.example.com\n",
        "base_url: https://trust.example.com\ntheme: ../../etc\n",
    ));
    let theme = d
        .iter()
        .find(|d| d.message.contains("theme `../../etc`"))
        .unwrap();
    assert_eq!(theme.location.as_ref().unwrap().line, 2);
    let (c, d) = parse(&GOOD.replace("    fallback: [en-US]\n", "    path: en/gb\n"));
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(c.unwrap().markets[1].path, "en/gb/");
}

#[test]
fn two_markets_on_one_prefix_is_an_error() {
    let (_, d) = parse(&GOOD.replace("    fallback: [en-US]\n", "    path: /us/\n"));
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("URL prefix `/us/`"));
    assert_eq!(d[0].location.as_ref().unwrap().line, 7);
}

#[test]
fn unknown_key_is_an_error_with_its_line() {
    let (_, d) = parse(&GOOD.replace("    fallback: [en-US]\n", "    fallbacks: [en-US]\n"));
    assert_eq!(d.len(), 1);
    assert!(
        d[0].message.contains("unknown field `fallbacks`"),
        "{}",
        d[0].message
    );
    assert_eq!(d[0].location.as_ref().unwrap().line, 11);
}

#[test]
fn min_translated_is_a_percentage_at_its_key() {
    for (value, percent) in [("90", 90.0), ("0", 0.0), ("100", 100.0), ("66.5", 66.5)] {
        let text = GOOD.replace(
            "    fallback: [en-US]\n",
            &format!("    min_translated: {value}\n"),
        );
        let (c, d) = parse(&text);
        assert!(d.is_empty(), "{value}: {d:?}");
        let min = c.unwrap().markets[1].min_translated.clone().unwrap();
        assert_eq!(min.percent, percent);
        assert_eq!((min.at.line, min.at.column), (11, 5));
    }
    let (c, _) = parse(GOOD);
    assert!(
        c.unwrap()
            .markets
            .iter()
            .all(|m| m.min_translated.is_none())
    );
}

#[test]
fn a_min_translated_that_is_no_percentage_is_a_config_error_at_its_key() {
    let cases = [
        (
            "120",
            "market `uk` has min_translated `120`, which is not from 0 to 100",
        ),
        (
            "-5",
            "market `uk` has min_translated `-5`, which is not from 0 to 100",
        ),
        (
            "100.5",
            "market `uk` has min_translated `100.5`, which is not from 0 to 100",
        ),
        (
            ".nan",
            "market `uk` has min_translated `NaN`, which is not from 0 to 100",
        ),
        (
            "90%",
            "market `uk` has min_translated `90%`, which is not a number",
        ),
        (
            "most",
            "market `uk` has min_translated `most`, which is not a number",
        ),
        (
            "[90]",
            "market `uk` has a min_translated that is not a number",
        ),
        (
            "{ at: 90 }",
            "market `uk` has a min_translated that is not a number",
        ),
        (
            "true",
            "market `uk` has a min_translated that is not a number",
        ),
    ];
    for (value, message) in cases {
        let text = GOOD.replace(
            "    fallback: [en-US]\n",
            &format!("    min_translated: {value}\n"),
        );
        let (c, d) = parse(&text);
        assert!(c.is_none(), "{value}");
        assert_eq!(d.len(), 1, "{value}: {d:?}");
        let loc = d[0].location.as_ref().unwrap();
        assert_eq!(
            (d[0].code, loc.line, loc.column),
            (Code::Config, 11, 5),
            "{value}"
        );
        assert_eq!(d[0].message, message);
        assert_eq!(
            d[0].help.as_deref(),
            Some(
                "write the percentage as a number from 0 to 100, without `%`: `min_translated: 90`"
            )
        );
    }
    // In a flow mapping, at the key too.
    let text = GOOD.replace(
        "framing: transparency }",
        "framing: transparency, min_translated: 101 }",
    );
    let (_, d) = parse(&text);
    let loc = d[0].location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (6, 68));
}

#[test]
fn writing_direction_comes_from_the_language_and_script() {
    use super::text_direction;
    for tag in ["ar", "ar-SA", "he-IL", "fa", "ur-PK"] {
        assert_eq!(text_direction(tag), "rtl", "{tag}");
    }
    for tag in ["en", "ja-JP", "fr-FR", "az-Latn", "not a tag"] {
        assert_eq!(text_direction(tag), "ltr", "{tag}");
    }
}

/// GOOD with a German-language market and `extra` appended.
fn with_germany(extra: &str) -> String {
    format!(
        "{GOOD}  de: {{ name: Deutschland, locale: de-DE, framing: regulatory }}\n  at: {{ name: Österreich, locale: de-AT, framing: regulatory }}\n{extra}"
    )
}

fn legal(c: &Config, market: &str) -> Vec<(&'static str, String)> {
    (c.market(market).unwrap().legal.iter())
        .map(|(k, url)| (k.as_str(), url.clone()))
        .collect()
}

#[test]
fn a_german_language_market_without_an_imprint_fails_alone() {
    let (c, d) = parse(&with_germany(
        "legal: { links: { privacy: https://k.example/privacy } }\n",
    ));
    // The config is usable: the other markets build.
    let c = c.expect("a missing link fails its market, not the config");
    let errors: Vec<_> = d
        .iter()
        .map(|d| (d.market.as_deref(), d.location.as_ref().map(|l| l.line)))
        .collect();
    assert_eq!(
        errors,
        [(Some("de"), Some(12)), (Some("at"), Some(13))],
        "{d:?}"
    );
    assert!(
        d[0].message.contains("no `imprint` link"),
        "{}",
        d[0].message
    );
    assert!(
        d[0].help
            .as_deref()
            .unwrap()
            .contains("legal: { imprint: https://… }")
    );
    assert_eq!(
        legal(&c, "us"),
        [("privacy", "https://k.example/privacy".to_string())]
    );
}

#[test]
fn a_market_s_own_links_come_over_the_site_s_in_footer_order() {
    let text = with_germany(
        "legal:\n  links: { contact: mailto:privacy@k.example, privacy: https://k.example/privacy, imprint: /imprint/ }\n",
    )
    .replace(
        "de: { name: Deutschland, locale: de-DE, framing: regulatory }",
        "de: { name: Deutschland, locale: de-DE, framing: regulatory, legal: { privacy: https://k.example/de/datenschutz, terms: https://k.example/de/agb } }",
    );
    let (c, d) = parse(&text);
    assert!(d.is_empty(), "{d:?}");
    let c = c.unwrap();
    let kinds = |m: &str| legal(&c, m).into_iter().map(|(k, _)| k).collect::<Vec<_>>();
    assert_eq!(kinds("de"), ["privacy", "terms", "contact", "imprint"]);
    assert_eq!(legal(&c, "de")[0].1, "https://k.example/de/datenschutz");
    assert_eq!(kinds("us"), ["privacy", "contact", "imprint"]);
}

#[test]
fn the_site_sets_which_links_each_market_must_have() {
    // `default` for all, a language for its markets, a market id for itself.
    let required = "legal:\n  links: { privacy: https://k.example/p }\n  required: { default: [privacy, contact], de: [privacy], uk: [] }\n";
    let (c, d) = parse(&with_germany(required));
    assert!(c.is_some());
    let missing: Vec<_> = d.iter().map(|d| d.market.as_deref().unwrap()).collect();
    assert_eq!(missing, ["us"], "{d:?}");
    assert!(d[0].message.contains("no `contact` link"));
    // A key that names nothing is a mistake, not a rule that never applies.
    let (_, d) = parse(&with_germany(&required.replace("uk: []", "gb: []")));
    let typo = d
        .iter()
        .find(|d| d.message.contains("`gb`"))
        .expect("an error for `gb`");
    assert_eq!(typo.location.as_ref().unwrap().line, 16, "{typo:?}");
}

#[test]
fn a_legal_link_must_lead_to_a_page_or_an_address() {
    for bad in [
        "javascript:alert(1)",
        "//evil.example/x",
        "privacy.html",
        "mailto:nobody",
    ] {
        let text = with_germany(&format!("legal: {{ links: {{ imprint: \"{bad}\" }} }}\n"));
        let (_, d) = parse(&text);
        let link = d
            .iter()
            .find(|d| d.message.contains("is not a web address"))
            .unwrap_or_else(|| panic!("{bad}: {d:?}"));
        assert_eq!(link.location.as_ref().unwrap().line, 14, "{bad}");
    }
    let (_, d) = parse(&with_germany(
        "legal: { links: { imprint: https://k.example/i, legal: https://k.example/l } }\n",
    ));
    assert!(
        d.iter()
            .any(|d| d.message.contains("unknown variant `legal`")),
        "{d:?}"
    );
}

#[test]
fn a_brand_colour_must_read_on_light_and_dark_pages() {
    let brand = |b: &str| parse(&format!("{GOOD}brand: {{ {b} }}\n"));
    let (c, d) = brand("colour: \"#0b5cad\"");
    assert!(d.is_empty(), "{d:?}");
    let (light, dark) = c.unwrap().brand.colours.unwrap();
    assert_eq!(light, "#0b5cad");
    assert_ne!(dark, light, "a lighter shade is made for dark pages");
    for (b, says) in [
        ("colour: \"#7cb8ff\"", "contrast of 1.9:1 on light pages"),
        (
            "colour: \"#0b5cad\", colour_dark: \"#0b5cad\"",
            "on dark pages",
        ),
        ("colour: blue", "is not a colour"),
        (
            "logo: images/logo.svg",
            "is not a path of a file in static/",
        ),
        (
            "icons: [/favicon.ico, /../x.png]",
            "`/../x.png` is not a path",
        ),
    ] {
        let (c, d) = brand(b);
        assert!(c.is_none(), "{b}");
        assert!(d.iter().any(|d| d.message.contains(says)), "{b}: {d:?}");
        assert_eq!(d[0].location.as_ref().unwrap().line, 12, "{b}");
    }
}
