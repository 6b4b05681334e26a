use super::*;
use crate::testing::example_config;

fn ftl(path: &str, locale: &str, layer: Layer, text: &str, diags: &mut Diagnostics) -> FtlFile {
    parse_ftl(SourceFile::new(path, text), locale, layer, diags)
}

fn files(diags: &mut Diagnostics) -> Vec<FtlFile> {
    vec![
        ftl(
            "themes/default/locales/en-US/theme.ftl",
            "en-US",
            Layer::Theme,
            "home = Home\nread = Read more\n",
            diags,
        ),
        ftl(
            "themes/default/locales/fr-FR/theme.ftl",
            "fr-FR",
            Layer::Theme,
            "home = Accueil\n",
            diags,
        ),
        ftl(
            "locales/en-US/site.ftl",
            "en-US",
            Layer::Site,
            "-brand = Kestrel\nread = Read on\nframed = { $framing ->\n    [regulatory] Law for { $market }\n   *[other] Data\n}\n",
            diags,
        ),
        ftl(
            "locales/fr-FR/site.ftl",
            "fr-FR",
            Layer::Site,
            "home = Page d'accueil\n",
            diags,
        ),
    ]
}

#[test]
fn formatted_messages_are_kept_apart_by_their_arguments() {
    let c = example_config();
    let mut d = Diagnostics::new();
    let mut files = files(&mut d);
    files.push(ftl(
        "locales/en-US/args.ftl",
        "en-US",
        Layer::Site,
        "role = Role { $role }\nsecs = { $n } s\n",
        &mut d,
    ));
    let us = Messages::for_market(c.market("us").unwrap(), &files, &mut d);
    for _ in 0..2 {
        assert_eq!(
            us.format("role", &[("role", "hook".into())]).unwrap(),
            "Role hook"
        );
        assert_eq!(
            us.format("role", &[("role", "cta".into())]).unwrap(),
            "Role cta"
        );
        assert_eq!(us.format("secs", &[("n", 3.0.into())]).unwrap(), "3 s");
        assert_eq!(us.format("secs", &[("n", 4.0.into())]).unwrap(), "4 s");
        assert_eq!(us.format("read", &[]).unwrap(), "Read on");
    }
    assert!(us.format("nope", &[]).is_err());
    assert!(
        us.format("nope", &[]).is_err(),
        "a cached error stays an error"
    );
}

#[test]
fn messages_are_formatted_when_first_asked_for_and_only_then() {
    let c = example_config();
    let mut d = Diagnostics::new();
    let mut files = files(&mut d);
    // A chain of unused messages, each referring to the next.
    let chain: String = (0..1000)
        .map(|i| format!("m{i} = {{ m{} }}\n", i + 1))
        .collect();
    files.push(ftl(
        "locales/en-US/chain.ftl",
        "en-US",
        Layer::Site,
        &chain,
        &mut d,
    ));
    let uk = Messages::for_market(c.market("uk").unwrap(), &files, &mut d);
    let formatted = |m: &Messages| m.formatted.read().unwrap().len();
    assert_eq!(formatted(&uk), 0, "nothing formatted up front");
    assert_eq!(uk.format("read", &[]).unwrap(), "Read on");
    assert_eq!(uk.format("-brand", &[]).unwrap(), "Kestrel");
    assert_eq!(formatted(&uk), 2);
    assert_eq!(uk.format("read", &[]).unwrap(), "Read on");
    assert_eq!(formatted(&uk), 2, "asked again, taken from the cache");
}

#[test]
fn a_message_that_can_grow_past_the_limit_is_refused_where_it_is_defined() {
    let c = example_config();
    let mut d = Diagnostics::new();
    let mut files = files(&mut d);
    let big = "x".repeat(10_000);
    let fans = [
        format!("fan = {}\n", "{ big }".repeat(7)),
        format!("-term = {}\n", "{ big }".repeat(7)),
        "via-term = { -term }\n".to_string(),
        format!(
            "sel = {{ $framing ->\n   *[a] {}\n}}\n",
            "{ big }".repeat(7)
        ),
        format!("fn = {{ NUMBER({}) }}\n", "big, ".repeat(7)),
    ];
    let text = format!("big = {big}\nsmall = {{ big }}\n{}", fans.concat());
    files.push(ftl(
        "locales/en-US/big.ftl",
        "en-US",
        Layer::Site,
        &text,
        &mut d,
    ));
    let us = Messages::for_market(c.market("us").unwrap(), &files, &mut d);
    assert_eq!(us.format("small", &[]).unwrap().len(), 10_000);
    for id in ["fan", "-term", "via-term", "sel", "fn"] {
        let e = us.format(id, &[]).unwrap_err();
        assert_eq!(e, MessageError::TooLong { id: id.to_string() });
        assert_eq!(e.code(), Code::ContentLimit);
    }
    let d = d.into_sorted();
    let lines: Vec<usize> = d
        .iter()
        .filter(|d| d.code == Code::ContentLimit)
        .map(|d| d.location.as_ref().unwrap().line)
        .collect();
    assert_eq!(lines, vec![3, 4, 5, 6, 9], "{d:?}");
}

#[test]
fn placeables_nested_too_deep_are_an_error_not_a_crash() {
    for (text, line) in [
        (
            format!(
                "ok = Fine\ndeep = {}x{}\n",
                "{ ".repeat(50_000),
                " }".repeat(50_000)
            ),
            2,
        ),
        (
            format!(
                "ok = Fine\n\ncall = {{ {}1{} }}\n",
                "F(".repeat(50_000),
                ")".repeat(50_000)
            ),
            3,
        ),
        (format!("sel = {}\n", "{ $x ->\n *[a] ".repeat(50_000)), 33),
    ] {
        let mut d = Diagnostics::new();
        let f = ftl(
            "locales/de-DE/site.ftl",
            "de-DE",
            Layer::Site,
            &text,
            &mut d,
        );
        let d = d.into_sorted();
        assert_eq!(d[0].code, Code::ContentLimit, "{d:?}");
        assert_eq!(d[0].location.as_ref().unwrap().line, line);
        assert_eq!(f.ids().count(), 0, "the file is not parsed");
    }
}

#[test]
fn chain_falls_back_and_site_overrides_theme() {
    let c = example_config();
    let mut d = Diagnostics::new();
    let files = files(&mut d);
    let fr = Messages::for_market(c.market("fr").unwrap(), &files, &mut d);
    assert_eq!(fr.format("home", &[]).unwrap(), "Page d'accueil");
    assert_eq!(fr.format("read", &[]).unwrap(), "Read on");
    assert_eq!(fr.format("-brand", &[]).unwrap(), "Kestrel");
    assert_eq!(fr.format("framed", &[]).unwrap(), "Law for fr");
    let us = Messages::for_market(c.market("us").unwrap(), &files, &mut d);
    assert_eq!(us.format("framed", &[]).unwrap(), "Data");
    // A message that falls back to en-US still uses the market's own terms.
    let mut d2 = Diagnostics::new();
    let mut files = files;
    files.push(ftl(
        "locales/en-US/extra.ftl",
        "en-US",
        Layer::Site,
        "by-brand = by { -brand }\n",
        &mut d2,
    ));
    files.push(ftl(
        "locales/fr-FR/extra.ftl",
        "fr-FR",
        Layer::Site,
        "-brand = Crécerelle\n",
        &mut d2,
    ));
    let fr = Messages::for_market(c.market("fr").unwrap(), &files, &mut d2);
    assert_eq!(fr.format("by-brand", &[]).unwrap(), "by Crécerelle");
    assert!(d.is_empty(), "{:?}", d.into_sorted());
}

#[test]
fn unknown_message_is_an_error_naming_the_market() {
    let c = example_config();
    let mut d = Diagnostics::new();
    let files = files(&mut d);
    let fr = Messages::for_market(c.market("fr").unwrap(), &files, &mut d);
    let e = fr.format("nope", &[]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown message `nope` (after fallback to fr-FR, en-US)"
    );
}

#[test]
fn market_without_strings_warns_and_builds() {
    let c = example_config();
    let mut d = Diagnostics::new();
    let files = files(&mut d);
    let jp = Messages::for_market(c.market("jp").unwrap(), &files, &mut d);
    assert_eq!(jp.format("home", &[]).unwrap(), "Home");
    let d = d.into_sorted();
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].code, d[0].is_error()), (Code::MissingLocale, false));
}

#[test]
fn placeholders_expand_and_report_offsets() {
    let c = example_config();
    let mut d = Diagnostics::new();
    let files = files(&mut d);
    let us = Messages::for_market(c.market("us").unwrap(), &files, &mut d);
    let mut errors = Vec::new();
    let mut budget = MAX_INSERTED_BYTES;
    let out = expand_placeholders(
        "Use {{ t \"-brand\" }} {{t  \"nope\"}} {{ x }} {{ t brand }}.",
        &us,
        &mut budget,
        |at, e| errors.push((at, e)),
    );
    assert_eq!(out, "Use Kestrel {{t  \"nope\"}} {{ x }} {{ t brand }}.");
    assert_eq!(budget, MAX_INSERTED_BYTES - "Kestrel".len());
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].0, 21);
    assert!(errors[0].1.message.contains("unknown message `nope`"));
    assert!(errors[1].1.message.contains("malformed"));
}

#[test]
fn placeholders_insert_no_more_than_the_budget() {
    let c = example_config();
    let mut d = Diagnostics::new();
    let us = Messages::for_market(c.market("us").unwrap(), &files(&mut d), &mut d);
    let text = "{{ t \"-brand\" }} ".repeat(10);
    let mut budget = 3 * "Kestrel".len();
    let mut errors = Vec::new();
    let out = expand_placeholders(&text, &us, &mut budget, |at, e| errors.push((at, e)));
    assert_eq!(out.matches("Kestrel").count(), 3);
    assert_eq!(
        out.matches("{{ t").count(),
        7,
        "the rest are left as written"
    );
    assert_eq!(errors.len(), 7);
    assert!(errors.iter().all(|(_, e)| e.code == Code::ContentLimit));
}

#[test]
fn syntax_error_points_at_line_and_column() {
    let mut d = Diagnostics::new();
    let f = ftl(
        "locales/de-DE/site.ftl",
        "de-DE",
        Layer::Site,
        "ok = Gut\nbroken = { $x\nlater = Später\n",
        &mut d,
    );
    let d = d.into_sorted();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, Code::FluentSyntax);
    assert_eq!(d[0].location.as_ref().unwrap().line, 2);
    // the entries that parsed are kept
    assert!(f.ids().any(|id| id == "later"));
}

#[test]
fn syntax_errors_past_the_hundredth_are_counted_in_agreement() {
    for (broken, expected) in [
        (101, "1 more syntax error in this file is not shown"),
        (102, "2 more syntax errors in this file are not shown"),
    ] {
        let mut d = Diagnostics::new();
        let text = "broken = { $x\n".repeat(broken);
        ftl(
            "locales/de-DE/site.ftl",
            "de-DE",
            Layer::Site,
            &text,
            &mut d,
        );
        let d = d.into_sorted();
        assert_eq!(d.len(), 101, "{broken}");
        assert!(d.iter().any(|d| d.message == expected), "{broken}: {d:?}");
    }
}
