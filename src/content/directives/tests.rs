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
fn nested_variants_are_an_error() {
    let (_, d, _) = parse(":::variant{for=\"us\"}\n:::variant{for=\"uk\"}\n:::\n:::\n");
    assert_eq!(
        d[0].message,
        "variant blocks cannot be nested: the block opened at line 1 is not closed"
    );
    assert_eq!(d[0].location.as_ref().unwrap().line, 2);
}

#[test]
fn indented_four_spaces_is_not_a_directive() {
    let (b, d, _) = parse("    :::variant{for=\"us\"}\n");
    assert!(d.is_empty());
    assert!(matches!(b.blocks[0], Block::Markdown(_)));
}
