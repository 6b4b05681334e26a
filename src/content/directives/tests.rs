use super::*;
use crate::diagnostics::Code;

fn parse(body: &str) -> (Body, Vec<Diagnostic>, SourceFile) {
    let f = SourceFile::new("content/explainers/x.md", body);
    let mut d = Diagnostics::new();
    let b = parse_directives(&f, 0, &mut d);
    (b, d.into_sorted(), f)
}

fn text<'a>(f: &'a SourceFile, r: &Range<usize>) -> &'a str {
    &f.text[r.clone()]
}

#[test]
fn blocks_separated_by_blank_lines_form_one_group() {
    let src = "Intro.\n\n:::variant{for=\"us\"}\nUS text\n:::\n\n:::variant{for=\"regulatory default\"}\nOther\n:::\n\nAfter.\n";
    let (b, d, f) = parse(src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(b.blocks.len(), 3);
    let Block::Group(g) = &b.blocks[1] else {
        panic!("expected a group")
    };
    assert_eq!(g.variants.len(), 2);
    assert_eq!(g.variants[0].ids.iter().collect::<Vec<_>>(), ["us"]);
    assert_eq!(
        g.variants[1].ids.iter().collect::<Vec<_>>(),
        ["regulatory", "default"]
    );
    assert_eq!(text(&f, &g.variants[0].body[0]), "US text\n");
    let Block::Markdown(r) = &b.blocks[2] else {
        panic!()
    };
    assert!(text(&f, r).contains("After."));
}

#[test]
fn text_between_blocks_starts_a_new_group() {
    let src = ":::variant{for=\"us\"}\nA\n:::\nMiddle\n:::variant{for=\"us\"}\nB\n:::\n";
    let (b, d, _) = parse(src);
    assert!(d.is_empty());
    assert_eq!(b.blocks.len(), 3);
    assert!(matches!(&b.blocks[0], Block::Group(g) if g.variants.len() == 1));
    assert!(matches!(&b.blocks[2], Block::Group(g) if g.variants.len() == 1));
}

#[test]
fn directives_inside_code_fences_are_code() {
    let src = "```markdown\n:::variant{for=\"us\"}\n:::\n```\n\n~~~~\n::::script\n~~~~\n";
    let (b, d, f) = parse(src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(b.blocks.len(), 1);
    let Block::Markdown(r) = &b.blocks[0] else {
        panic!()
    };
    assert_eq!(text(&f, r), src);
    assert!(b.script.is_none());
}

#[test]
fn errors_on_unclosed_variant_with_its_line() {
    let (_, d, _) = parse("Intro\n\n:::variant{for=\"us\"}\nText\n");
    assert_eq!(d.len(), 1);
    let loc = d[0].location.as_ref().unwrap();
    assert_eq!((d[0].code, loc.line, loc.column), (Code::Directive, 3, 1));
    assert_eq!(d[0].message, "unclosed variant block");
}

#[test]
fn errors_on_missing_for_and_unknown_directive() {
    let (_, d, _) = parse(":::variant\nA\n:::\n\n:::note\nB\n:::\n");
    let msgs: Vec<_> = d
        .iter()
        .map(|d| (d.location.as_ref().unwrap().line, d.message.as_str()))
        .collect();
    assert!(
        msgs.contains(&(1, "expected `{for=\"…\"}` after `variant`")),
        "{msgs:?}"
    );
    assert!(msgs.contains(&(5, "unknown directive `note`")), "{msgs:?}");
}

#[test]
fn for_value_offset_points_at_the_ids() {
    let (b, _, f) = parse(":::variant{for=\"us uk\"}\nA\n:::\n");
    let Block::Group(g) = &b.blocks[0] else {
        panic!()
    };
    assert_eq!(f.location(g.variants[0].ids_at).column, 17);
    assert_eq!(
        &f.text[g.variants[0].ids_at..g.variants[0].ids_at + 5],
        "us uk"
    );
}

#[test]
fn script_with_nested_variants_parses_and_leaves_the_page() {
    let src = "Body\n\n::::script\nhook: Where?\n\n:::variant{for=\"us\"}\nbeat: US beat\nscreen: US\n:::\n\n:::variant{for=\"default\"}\nbeat: Other beat\n:::\n\nbeat: Second\ncta: Go.\n::::\n";
    let (b, d, f) = parse(src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(b.blocks.len(), 1);
    let Block::Markdown(r) = &b.blocks[0] else {
        panic!()
    };
    assert_eq!(text(&f, r), "Body\n\n");
    let s = b.script.unwrap();
    assert_eq!(s.items.len(), 4);
    let ScriptItem::Group(g) = &s.items[1] else {
        panic!()
    };
    assert_eq!(g.variants.len(), 2);
    assert_eq!(g.variants[0].body.len(), 2);
    assert_eq!(g.variants[0].body[1].role, Role::Screen);
    let ScriptItem::Line(cta) = &s.items[3] else {
        panic!()
    };
    assert_eq!((cta.role, cta.text.as_str()), (Role::Cta, "Go."));
    assert_eq!(f.location(cta.at).line, 16);
}

#[test]
fn script_errors_name_the_line() {
    let src = "::::script\nhook: A\nsay: B\njust text\n::::\n\n::::script\nhook: C\n::::\n";
    let (_, d, _) = parse(src);
    let got: Vec<_> = d
        .iter()
        .map(|d| (d.location.as_ref().unwrap().line, d.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (3, "unknown script role `say`"),
            (4, "a script line must be `role: text`"),
            (7, "a second script block (the first is at line 1)"),
        ]
    );
}

#[test]
fn mismatched_and_stray_fences_are_errors() {
    let (_, d, _) = parse("::::script\nhook: A\n:::\n::::\n:::\n");
    let got: Vec<_> = d
        .iter()
        .map(|d| d.location.as_ref().unwrap().line)
        .collect();
    assert_eq!(got, [3, 5]);
    assert!(d[0].message.contains("closed with 4"));
    assert!(d[1].message.contains("without an open block"));
}

#[test]
fn indented_four_spaces_is_not_a_directive() {
    let (b, d, _) = parse("    :::variant{for=\"us\"}\n");
    assert!(d.is_empty());
    assert!(matches!(b.blocks[0], Block::Markdown(_)));
}

/// (line, column, message, help) of each finding.
fn findings(d: &[Diagnostic]) -> Vec<(usize, usize, &str, &str)> {
    d.iter()
        .map(|d| {
            let loc = d.location.as_ref().unwrap();
            (
                loc.line,
                loc.column,
                d.message.as_str(),
                d.help.as_deref().unwrap_or(""),
            )
        })
        .collect()
}

fn one_finding(src: &str, expected: (usize, usize, &str, &str)) -> Body {
    let (b, d, _) = parse(src);
    assert_eq!(findings(&d), [expected], "{src}");
    assert_eq!(d[0].code, Code::Directive);
    assert!(b.has_errors, "{src}");
    b
}

const CLOSE_VARIANT: &str = "close it with a line of `:::`";

#[test]
fn an_unclosed_variant_is_one_finding_at_its_opening() {
    let script = "::::script\nhook: H\nbeat: B\nbeat: C\ncta: D\n::::\n";
    let unclosed = (3, 1, "unclosed variant block", CLOSE_VARIANT);
    // Alone, first, last of its group, at the end of the file.
    one_finding("Intro\n\n:::variant{for=\"us\"}\nText\n", unclosed);
    one_finding(
        "Intro\n\n:::variant{for=\"us\"}\nUS\n\n:::variant{for=\"default\"}\nOther\n:::\n\nMore\n",
        (
            3,
            1,
            "unclosed variant block",
            "close it with a line of `:::` before line 6, where the next variant block opens",
        ),
    );
    one_finding(
        "Intro\n\n:::variant{for=\"us\"}\nUS\n:::\n\n:::variant{for=\"default\"}\nOther\n\n## More\n",
        (7, 1, "unclosed variant block", CLOSE_VARIANT),
    );
    // Indented, with a heading and a code fence after it.
    one_finding(
        "Intro\n\n  :::variant{for=\"us\"}\n## Heading\n```\ncode\n```\n",
        (3, 3, "unclosed variant block", CLOSE_VARIANT),
    );
    // Before the script block: the script still parses.
    let b = one_finding(
        &format!("Intro\n\n:::variant{{for=\"us\"}}\nUS\n\n{script}"),
        (
            3,
            1,
            "unclosed variant block",
            "close it with a line of `:::` before line 6, where the script block opens",
        ),
    );
    assert_eq!(b.script.unwrap().items.len(), 4);
}

#[test]
fn an_unclosed_variant_in_a_script_is_one_finding() {
    for (src, help) in [
        (
            "::::script\nhook: H\n:::variant{for=\"us\"}\nbeat: B\nbeat: C\ncta: D\n::::\n",
            "close it with a line of `:::` before line 7, where the script block ends",
        ),
        (
            "::::script\nhook: H\n:::variant{for=\"us\"}\nbeat: B\n\n:::variant{for=\"default\"}\nbeat: C\n:::\nbeat: C\ncta: D\n::::\n",
            "close it with a line of `:::` before line 6, where the next variant block opens",
        ),
    ] {
        let b = one_finding(src, (3, 1, "unclosed variant block", help));
        let s = b.script.unwrap();
        assert!(
            matches!(s.items.last(), Some(ScriptItem::Line(l)) if l.role == Role::Cta),
            "{src}"
        );
    }
}

#[test]
fn a_variant_opening_inside_another_leaves_the_first_unclosed() {
    // Meant to nest (two closing fences) or forgot to close (one): one finding.
    for src in [
        "Intro\n:::variant{for=\"us\"}\n:::variant{for=\"uk\"}\nB\n:::\n:::\n",
        "Intro\n:::variant{for=\"us\"}\nA\n:::variant{for=\"uk\"}\nB\n:::\n",
    ] {
        let next = if src.contains("A\n") { 4 } else { 3 };
        let help = format!(
            "close it with a line of `:::` before line {next}, where the next variant block opens"
        );
        let b = one_finding(src, (2, 1, "unclosed variant block", &help));
        let Some(Block::Group(g)) = b.blocks.last() else {
            panic!("the second block parses: {b:?}")
        };
        assert_eq!(g.variants[0].ids.as_str(), "uk");
    }
}

#[test]
fn an_unclosed_script_is_one_finding_at_its_opening() {
    let unclosed = |line| {
        (
            line,
            1,
            "unclosed script block",
            "close it with a line of `::::`",
        )
    };
    one_finding(
        "Intro\n\n::::script\nhook: H\nbeat: B\nbeat: C\ncta: D\n",
        unclosed(3),
    );
    // Markdown after it is not read as script lines.
    one_finding(
        "::::script\nhook: H\ncta: D\n\nMore text.\n\n- a list\n",
        unclosed(1),
    );
    // Nor are its variants read twice.
    one_finding(
        "::::script\nhook: H\n:::variant{for=\"us\"}\nbeat: B\n:::\ncta: C\n",
        unclosed(1),
    );
    one_finding(
        "::::script\nhook: A\n\n::::script\nhook: B\n::::\n",
        (
            1,
            1,
            "unclosed script block",
            "close it with a line of `::::` before line 4, where the next script block opens",
        ),
    );
}

#[test]
fn a_stray_closing_fence_is_one_finding() {
    let stray = |line| {
        (
            line,
            1,
            "closing `:::` without an open block",
            "remove it, or open a block before it",
        )
    };
    one_finding(":::\n", stray(1));
    one_finding("Text\n\n:::\nMore\n", stray(3));
    one_finding(":::variant{for=\"us\"}\nA\n:::\n:::\n", stray(4));
    one_finding("::::script\nhook: H\ncta: C\n::::\n\n::::\n", stray(6));
}

#[test]
fn a_wrong_opening_line_is_one_finding_and_takes_its_fence() {
    let no_for = |col| {
        (
            1,
            col,
            "expected `{for=\"…\"}` after `variant`",
            "for example :::variant{for=\"us regulatory\"}",
        )
    };
    for (src, expected) in [
        (":::variant\nA\n:::\n\nAfter\n", no_for(11)),
        (":::variant{}\nA\n:::\n", no_for(11)),
        (":::variant{fr=\"us\"}\nA\n:::\n", no_for(11)),
        (":::variant{for=us}\nA\n:::\n", no_for(11)),
        (
            ":::variant{for=\"\"}\nA\n:::\n",
            (1, 17, "`for` names no market, framing or `default`", ""),
        ),
        (
            ":::variant{for=\"  \"}\nA\n:::\n",
            (1, 17, "`for` names no market, framing or `default`", ""),
        ),
        (
            ":::varient{for=\"us\"}\nA\n:::\n",
            (
                1,
                1,
                "unknown directive `varient`",
                "directives are `:::variant{for=\"…\"}` and `::::script`",
            ),
        ),
        // Unclosed as well: still one finding.
        (":::variant\nA\n", no_for(11)),
    ] {
        one_finding(src, expected);
    }
    // In a script: the script's lines around it still parse.
    let b = one_finding(
        "::::script\nhook: H\n:::variant\nbeat: B\n:::\nbeat: C\ncta: D\n::::\n",
        (
            3,
            11,
            "expected `{for=\"…\"}` after `variant`",
            "for example :::variant{for=\"us regulatory\"}",
        ),
    );
    assert_eq!(b.script.unwrap().items.len(), 3);
}

#[test]
fn a_fence_of_the_wrong_length_closes_the_block_once() {
    one_finding(
        ":::variant{for=\"us\"}\nA\n::::\n",
        (
            3,
            1,
            "this fence has 4 colons; the variant block opened at line 1 is closed with 3",
            "",
        ),
    );
    let b = one_finding(
        "::::script\nhook: H\nbeat: B\nbeat: C\ncta: D\n:::\n",
        (
            6,
            1,
            "this fence has 3 colons; the script block opened at line 1 is closed with 4",
            "",
        ),
    );
    assert_eq!(b.script.unwrap().items.len(), 4);
}

#[test]
fn going_back_over_unclosed_blocks_reads_each_line_a_bounded_number_of_times() {
    let n = 2_000;
    for unit in [
        ":::variant{for=\"us\"}\nA\n",
        ":::variant{for=\"us\"}\nbeat: x\n",
        "::::script\nhook: H\n",
        ":::variant{for=\"us\"}\n::::script\n",
        "::::script\n:::variant{for=\"us\"}\n",
        "::::script\n:::variant{for=\"us\"}\n::::\n",
        ":::variant{for=\"us\"}\nA\n::::\n",
        ":::variant\n",
    ] {
        for src in [
            unit.repeat(n),
            format!("::::script\nhook: H\n{}", unit.repeat(n)),
        ] {
            let f = SourceFile::new("content/explainers/x.md", &src);
            let lines = src.lines().count();
            let read = scan(&f, 0).lines_read;
            assert!(read <= 3 * lines, "{unit:?}: {read} reads of {lines} lines");
        }
    }
}
