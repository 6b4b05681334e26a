//! The code's shape, as docs/ARCHITECTURE.md states it: no file of `src/` over
//! 500 lines and no function over 80, tests aside; no import cycle between the
//! modules of `src/`, nor between the files of one module; `diagnostics` a leaf.
//! `src/` is read with `syn`, as the compiler reads it: a brace in a string or a
//! path in a comment counts for nothing, a path inside a macro call counts.

use proc_macro2::{TokenStream, TokenTree};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use syn::spanned::Spanned;
use syn::visit::Visit;

const MAX_FILE_LINES: usize = 500;
const MAX_FN_LINES: usize = 80;

/// One file of `src/`: its path under `src/`, its module path (`render/mod.rs`
/// and `render.rs` are `["render"]`, `lib.rs` is the root) and its syntax.
struct Source {
    path: String,
    module: Vec<String>,
    text: String,
    ast: syn::File,
}

fn module_of(path: &str) -> Vec<String> {
    let stem = path.strip_suffix(".rs").expect("a .rs file");
    let mut parts: Vec<String> = stem.split('/').map(str::to_owned).collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn parse(path: &str, text: &str) -> Source {
    let ast = syn::parse_file(text).unwrap_or_else(|e| {
        let at = e.span().start();
        panic!("src/{path}:{}:{}: {e}", at.line, at.column + 1)
    });
    Source {
        path: path.to_owned(),
        module: module_of(path),
        text: text.to_owned(),
        ast,
    }
}

/// Every file of `src/`.
fn read_src() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut todo = vec![root.clone()];
    let mut sources = Vec::new();
    while let Some(dir) = todo.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&root).unwrap().to_string_lossy();
                let rel = rel.replace('\\', "/");
                sources.push(parse(&rel, &fs::read_to_string(&path).unwrap()));
            }
        }
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    sources
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Meta>()
                .is_ok_and(|m| m.path().is_ident("test"))
    })
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        syn::Item::Macro(i) => &i.attrs,
        _ => &[],
    }
}

/// The files declared as test modules (`#[cfg(test)] mod tests;`).
fn test_files(sources: &[Source]) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    for s in sources {
        let dir = s.module.join("/");
        for item in &s.ast.items {
            if let syn::Item::Mod(m) = item
                && m.content.is_none()
                && is_cfg_test(&m.attrs)
            {
                let prefix = if dir.is_empty() {
                    String::new()
                } else {
                    format!("{dir}/")
                };
                files.insert(format!("{prefix}{}.rs", m.ident));
                files.insert(format!("{prefix}{}/mod.rs", m.ident));
            }
        }
    }
    files
}

/// The lines of `s` outside `#[cfg(test)]` items.
fn lines_outside_tests(s: &Source) -> usize {
    let total = s.text.lines().count();
    let tests: usize = (s.ast.items.iter())
        .filter(|item| is_cfg_test(item_attrs(item)))
        .map(|item| item.span().end().line - item.span().start().line + 1)
        .sum();
    total - tests
}

/// Functions over `MAX_FN_LINES` lines, from `fn` to the closing brace, outside
/// `#[cfg(test)]` items: (name, first line, lines).
#[derive(Default)]
struct LongFunctions(Vec<(String, usize, usize)>);

impl LongFunctions {
    fn check(&mut self, name: &syn::Ident, sig: &syn::Signature, body: &syn::Block) {
        let first = sig.fn_token.span.start().line;
        let lines = body.brace_token.span.close().end().line - first + 1;
        if lines > MAX_FN_LINES {
            self.0.push((name.to_string(), first, lines));
        }
    }
}

impl<'a> Visit<'a> for LongFunctions {
    fn visit_item(&mut self, item: &'a syn::Item) {
        if !is_cfg_test(item_attrs(item)) {
            syn::visit::visit_item(self, item);
        }
    }
    fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
        self.check(&f.sig.ident, &f.sig, &f.block);
        syn::visit::visit_item_fn(self, f);
    }
    fn visit_impl_item_fn(&mut self, f: &'a syn::ImplItemFn) {
        if !is_cfg_test(&f.attrs) {
            self.check(&f.sig.ident, &f.sig, &f.block);
            syn::visit::visit_impl_item_fn(self, f);
        }
    }
    fn visit_trait_item_fn(&mut self, f: &'a syn::TraitItemFn) {
        if let Some(body) = &f.default {
            self.check(&f.sig.ident, &f.sig, body);
        }
        syn::visit::visit_trait_item_fn(self, f);
    }
}

/// The module paths a file names, made absolute (`crate::`, `super::`, `self::`
/// resolved): in `use` trees, in paths anywhere, and in macro calls' tokens.
struct Names {
    /// The module the visitor is in: the file's, then its inline modules'.
    scope: Vec<String>,
    found: Vec<Vec<String>>,
}

impl Names {
    /// The module paths the file `s` names.
    fn of(s: &Source) -> Vec<Vec<String>> {
        let mut names = Names {
            scope: s.module.clone(),
            found: Vec::new(),
        };
        names.visit_file(&s.ast);
        names.found
    }

    /// `segments` made absolute, if it starts at the crate or at this module.
    fn resolve(&self, segments: &[String]) -> Option<Vec<String>> {
        let mut base = self.scope.clone();
        let mut rest = segments;
        match rest.first().map(String::as_str) {
            Some("crate") => {
                base.clear();
                rest = &rest[1..];
            }
            Some("self") => rest = &rest[1..],
            Some("super") => {
                while rest.first().map(String::as_str) == Some("super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
            }
            _ => return None,
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    fn name(&mut self, segments: &[String]) {
        if let Some(abs) = self.resolve(segments) {
            self.found.push(abs);
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                prefix.push(n.ident.to_string());
                self.name(&prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Rename(r) => {
                prefix.push(r.ident.to_string());
                self.name(&prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Glob(_) => self.name(&prefix.clone()),
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| self.use_tree(prefix, t)),
        }
    }

    /// Paths in a macro call's tokens: `ident (:: ident)*` runs.
    fn tokens(&mut self, tokens: TokenStream) {
        let mut run: Vec<String> = Vec::new();
        let mut colons = 0;
        for tt in tokens {
            match tt {
                TokenTree::Ident(i) if run.is_empty() || colons == 2 => {
                    run.push(i.to_string());
                    colons = 0;
                }
                TokenTree::Punct(p) if p.as_char() == ':' && !run.is_empty() && colons < 2 => {
                    colons += 1
                }
                other => {
                    self.name(&std::mem::take(&mut run));
                    colons = 0;
                    if let TokenTree::Group(g) = other {
                        self.tokens(g.stream());
                    } else if let TokenTree::Ident(i) = other {
                        run.push(i.to_string());
                    }
                }
            }
        }
        self.name(&run);
    }
}

impl<'a> Visit<'a> for Names {
    fn visit_item(&mut self, item: &'a syn::Item) {
        if !is_cfg_test(item_attrs(item)) {
            syn::visit::visit_item(self, item);
        }
    }
    fn visit_item_mod(&mut self, m: &'a syn::ItemMod) {
        self.scope.push(m.ident.to_string());
        syn::visit::visit_item_mod(self, m);
        self.scope.pop();
    }
    fn visit_item_use(&mut self, u: &'a syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &u.tree);
    }
    fn visit_path(&mut self, p: &'a syn::Path) {
        let segments: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        self.name(&segments);
        syn::visit::visit_path(self, p);
    }
    fn visit_macro(&mut self, m: &'a syn::Macro) {
        self.tokens(m.tokens.clone());
        syn::visit::visit_macro(self, m);
    }
}

/// Which module imports which: `depth` 1 for the modules of `src/`; 2 for the
/// files of each module (`pages/html` -> `pages/anchors`), a module's own
/// `mod.rs` aside, since a file uses the items its parent declares for it.
fn imports(sources: &[Source], tests: &BTreeSet<String>, depth: usize) -> Graph {
    let modules: BTreeSet<Vec<String>> = (sources.iter())
        .filter(|s| !tests.contains(&s.path) && s.module.len() >= depth)
        .map(|s| s.module[..depth].to_vec())
        .collect();
    let mut graph = Graph::new();
    for s in sources.iter().filter(|s| !tests.contains(&s.path)) {
        if s.module.len() < depth {
            continue;
        }
        let from = s.module[..depth].to_vec();
        for name in Names::of(s) {
            let same_parent = name.len() >= depth && name[..depth - 1] == from[..depth - 1];
            if same_parent && name[..depth] != from[..] && modules.contains(&name[..depth]) {
                let to = name[..depth].join("/");
                graph.entry(from.join("/")).or_default().insert(to);
            }
        }
    }
    graph
}

type Graph = BTreeMap<String, BTreeSet<String>>;

/// A cycle of `graph`, as the modules along it, if there is one.
fn cycle(graph: &Graph) -> Option<Vec<String>> {
    fn walk(
        graph: &Graph,
        at: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|m| m == at) {
            let mut found = path[i..].to_vec();
            found.push(at.to_owned());
            return Some(found);
        }
        if !done.insert(at.to_owned()) {
            return None;
        }
        path.push(at.to_owned());
        for next in graph.get(at).into_iter().flatten() {
            if let Some(found) = walk(graph, next, path, done) {
                return Some(found);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|m| walk(graph, m, &mut Vec::new(), &mut done))
}

#[test]
fn no_file_of_src_is_over_500_lines_outside_tests() {
    let sources = read_src();
    let tests = test_files(&sources);
    let long: Vec<String> = (sources.iter())
        .filter(|s| !tests.contains(&s.path))
        .map(|s| (s, lines_outside_tests(s)))
        .filter(|(_, lines)| *lines > MAX_FILE_LINES)
        .map(|(s, lines)| format!("src/{}: {lines} lines", s.path))
        .collect();
    assert!(long.is_empty(), "over {MAX_FILE_LINES} lines: {long:#?}");
}

#[test]
fn no_function_of_src_is_over_80_lines_outside_tests() {
    let sources = read_src();
    let tests = test_files(&sources);
    let mut long = Vec::new();
    for s in sources.iter().filter(|s| !tests.contains(&s.path)) {
        let mut v = LongFunctions::default();
        v.visit_file(&s.ast);
        long.extend(
            (v.0.into_iter()).map(|(f, line, n)| format!("src/{}:{line}: {f}, {n} lines", s.path)),
        );
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FN_LINES} lines: {long:#?}"
    );
}

#[test]
fn the_modules_of_src_import_each_other_in_no_cycle() {
    let sources = read_src();
    let graph = imports(&sources, &test_files(&sources), 1);
    // The reader found the imports (a module map with no edge proves nothing).
    assert!(
        graph
            .get("build")
            .is_some_and(|to| to.contains("pages") && to.contains("output"))
    );
    assert_eq!(cycle(&graph), None, "modules importing each other round");
}

#[test]
fn the_files_of_each_module_import_each_other_in_no_cycle() {
    let sources = read_src();
    let graph = imports(&sources, &test_files(&sources), 2);
    assert!(!graph.is_empty());
    assert_eq!(
        cycle(&graph),
        None,
        "files of a module importing each other round"
    );
}

#[test]
fn diagnostics_imports_no_other_module() {
    let sources = read_src();
    let graph = imports(&sources, &test_files(&sources), 1);
    assert_eq!(graph.get("diagnostics"), None, "diagnostics is a leaf");
    // And the others do import it.
    assert!(
        graph
            .values()
            .filter(|to| to.contains("diagnostics"))
            .count()
            > 5
    );
}

/// The reader itself, on sources made for it: what it must see and what it
/// must not.
mod reader {
    use super::*;

    fn graph(files: &[(&str, &str)], depth: usize) -> Graph {
        let sources: Vec<Source> = files.iter().map(|(p, t)| parse(p, t)).collect();
        imports(&sources, &test_files(&sources), depth)
    }

    #[test]
    fn imports_are_found_in_uses_paths_and_macro_calls_and_not_in_tests_strings_or_comments() {
        let g = graph(
            &[
                (
                    "lib.rs",
                    "pub mod a; pub mod b; pub mod c; pub mod d; pub mod e; pub mod f;",
                ),
                ("a.rs", "use crate::{b::{self, X}, c as _};"),
                ("b/mod.rs", "mod inner; fn f() { crate::d::go(); }"),
                ("b/inner.rs", "fn g() { super::super::e::go() }"),
                (
                    "c.rs",
                    "fn f() { let _ = format!(\"{}\", crate::f::NAME); }",
                ),
                (
                    "d.rs",
                    "// crate::a::x\nfn f() -> &'static str { \"crate::a::x\" }\n#[cfg(test)]\nmod tests { use crate::a; }",
                ),
                ("e.rs", "#[cfg(test)] mod tests;"),
                ("e/tests.rs", "use crate::a;"),
                ("f.rs", "pub const NAME: &str = \"f\";"),
            ],
            1,
        );
        let to = |m: &str| g.get(m).cloned().unwrap_or_default();
        assert_eq!(to("a"), BTreeSet::from(["b".into(), "c".into()]));
        assert_eq!(to("b"), BTreeSet::from(["d".into(), "e".into()]));
        assert_eq!(to("c"), BTreeSet::from(["f".into()]));
        assert_eq!(to("d"), BTreeSet::new());
        assert_eq!(to("e"), BTreeSet::new());
    }

    #[test]
    fn a_cycle_is_found_through_any_number_of_modules_and_named() {
        for n in [2, 3, 5] {
            let mut files = vec![(
                "lib.rs".to_owned(),
                (0..n).map(|i| format!("mod m{i};")).collect(),
            )];
            for i in 0..n {
                let next = (i + 1) % n;
                files.push((format!("m{i}.rs"), format!("use crate::m{next}::X;")));
            }
            let files: Vec<(&str, &str)> = files
                .iter()
                .map(|(p, t)| (p.as_str(), t.as_str()))
                .collect();
            let found = cycle(&graph(&files, 1)).expect("a cycle");
            assert_eq!(found.len(), n + 1, "{found:?}");
            assert_eq!(found.first(), found.last());
        }
        let chain = graph(
            &[
                ("lib.rs", "mod a; mod b; mod c;"),
                ("a.rs", "use crate::b::X;"),
                ("b.rs", "use crate::c::X;"),
                ("c.rs", ""),
            ],
            1,
        );
        assert_eq!(cycle(&chain), None);
    }

    #[test]
    fn files_of_one_module_are_judged_among_themselves() {
        let g = graph(
            &[
                ("lib.rs", "mod p;"),
                ("p/mod.rs", "mod x; mod y; pub use x::X; struct P;"),
                ("p/x.rs", "use super::{y::Y, P};"),
                ("p/y.rs", "fn f() { crate::p::x::go() }"),
            ],
            2,
        );
        assert_eq!(
            cycle(&g),
            Some(vec!["p/x".into(), "p/y".into(), "p/x".into()])
        );
    }

    #[test]
    fn lines_and_functions_are_counted_outside_tests_only() {
        let body = "    let _ = 1;\n".repeat(MAX_FN_LINES);
        let text = format!(
            "fn long() {{\n{body}}}\nfn short() {{\n    let _ = \"}}\";\n}}\n#[cfg(test)]\nmod tests {{\n    fn long_test() {{\n{body}    }}\n}}\n"
        );
        let s = parse("a.rs", &text);
        let mut v = LongFunctions::default();
        v.visit_file(&s.ast);
        assert_eq!(v.0, vec![("long".to_owned(), 1, MAX_FN_LINES + 2)]);
        assert_eq!(lines_outside_tests(&s), MAX_FN_LINES + 2 + 3);
    }
}
