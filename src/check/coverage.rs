//! Fluent coverage against the reference locale (en-US), in the spirit of
//! Mozilla's compare-locales: messages missing in a locale (a warning: fallback
//! applies), messages only in a locale (obsolete, a warning), and messages whose
//! variables differ from the reference (an error: a variable the code never passes,
//! or one it passes that the translation drops).

use crate::config::{Config, REFERENCE_LOCALE};
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics, plural};
use crate::l10n::FtlFile;
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};

/// Variables every message receives, whether it uses them or not.
const IMPLICIT: &[&str] = &["market", "framing"];

/// A message: its variables and where it is defined (file index, offset).
struct Def {
    vars: BTreeSet<String>,
    file: usize,
    at: usize,
}

fn definitions<'a>(files: impl Iterator<Item = (usize, &'a FtlFile)>) -> BTreeMap<String, Def> {
    let mut defs = BTreeMap::new();
    for (fi, f) in files {
        for entry in f.resource.entries() {
            let (id, pattern, attrs) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
                _ => continue,
            };
            let mut vars = BTreeSet::new();
            if let Some(p) = pattern {
                pattern_vars(p, &mut vars);
            }
            for a in attrs {
                pattern_vars(&a.value, &mut vars);
            }
            vars.retain(|v| !IMPLICIT.contains(&v.as_str()));
            let at = f.entry_offset(&id);
            defs.insert(id, Def { vars, file: fi, at });
        }
    }
    defs
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_vars(i, vars),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
    }
}

fn inline_vars(e: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            arguments
                .positional
                .iter()
                .for_each(|a| inline_vars(a, vars));
            arguments
                .named
                .iter()
                .for_each(|n| inline_vars(&n.value, vars));
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

/// Compare every locale with the reference. Terms may be left to the fallback
/// (brand names are not translated), and locales of the reference's language
/// (en-GB) only override, so neither is reported as missing.
///
/// `used` holds the ids that content and templates reference: a locale may define
/// messages of its own for its translations, and those are not obsolete.
pub fn check_coverage(
    files: &[FtlFile],
    used: &BTreeSet<String>,
    config: &Config,
    diags: &mut Diagnostics,
) {
    let reference =
        definitions((files.iter().enumerate()).filter(|(_, f)| f.locale == REFERENCE_LOCALE));
    let ref_lang = REFERENCE_LOCALE.split('-').next().unwrap_or("en");
    let locales: BTreeSet<&str> = (files.iter())
        .map(|f| f.locale.as_str())
        .filter(|l| *l != REFERENCE_LOCALE)
        .collect();
    for locale in locales {
        let defs = definitions(files.iter().enumerate().filter(|(_, f)| f.locale == locale));
        if !locale.starts_with(&format!("{ref_lang}-")) {
            let mut found = Diagnostics::new();
            missing(files, locale, &reference, &defs, &mut found);
            // Named by the markets that read the locale, so that `--market`
            // judges only them.
            let readers: Vec<&str> = (config.markets.iter())
                .filter(|m| m.locale_chain().iter().any(|l| l == locale))
                .map(|m| m.id.as_str())
                .collect();
            diags.extend(found.into_iter().map(|d| match readers.is_empty() {
                true => d,
                false => d.market(readers.join(", ")),
            }));
        }
        for (id, def) in &defs {
            let f = &files[def.file];
            if f.file.path.starts_with('(') {
                continue;
            }
            match reference.get(id) {
                None if used.contains(id) => {}
                None => diags.push(
                    Diagnostic::warning(
                        Code::ObsoleteMessage,
                        format!("`{id}` is not in {REFERENCE_LOCALE}; nothing uses it"),
                    )
                    .at(f.file.location(def.at))
                    .help(format!("remove it, or add it to {REFERENCE_LOCALE} first")),
                ),
                Some(r) if r.vars != def.vars => {
                    let list = |v: &BTreeSet<String>| {
                        let vars: Vec<String> = v.iter().map(|x| format!("${x}")).collect();
                        if vars.is_empty() {
                            "none".to_string()
                        } else {
                            vars.join(", ")
                        }
                    };
                    diags.push(
                        Diagnostic::error(Code::MessageVariables,
                            format!("`{id}` uses {} but {REFERENCE_LOCALE} uses {}", list(&def.vars), list(&r.vars)),
                        )
                        .at(f.file.location(def.at))
                        .help("use the variables of the reference message; only $market and $framing may be added"),
                    );
                }
                Some(_) => {}
            }
        }
    }
}

/// The messages of the reference that `locale` lacks, as one warning at the
/// site's file of the locale (else the theme's, when it is on disk: the
/// embedded theme is not the site's to fix).
fn missing(
    files: &[FtlFile],
    locale: &str,
    reference: &BTreeMap<String, Def>,
    defs: &BTreeMap<String, Def>,
    diags: &mut Diagnostics,
) {
    let missing: Vec<&String> = (reference.keys())
        .filter(|id| !id.starts_with('-') && !defs.contains_key(*id))
        .collect();
    if missing.is_empty() {
        return;
    }
    let shown: Vec<&str> = missing.iter().take(8).map(|s| s.as_str()).collect();
    let more = match missing.len() {
        n if n > 8 => format!(" and {} more", n - 8),
        _ => String::new(),
    };
    let file = (files.iter())
        .filter(|f| !f.file.path.starts_with('(') && f.locale == locale)
        .min_by_key(|f| f.layer == crate::l10n::Layer::Theme)
        .map(|f| f.file.location(0));
    let message = format!(
        "{locale} lacks {} of {REFERENCE_LOCALE}: {}{more}",
        plural(missing.len(), "message"),
        shown.join(", ")
    );
    diags.push(
        Diagnostic::warning(Code::MissingMessage, message)
            .at_opt(file)
            .help(format!("they fall back to {REFERENCE_LOCALE}; translate them in locales/{locale}/ (or in the theme's locales)")),
    );
}
