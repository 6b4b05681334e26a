//! `l10n import`: a vendor's XLIFF back into the translations. Each target
//! replaces the text of its segment in the translation file, in place, so
//! that everything else in the file (blocks no market of the locale sees,
//! comments, layout) stays as it was, and a target equal to the current
//! translation changes nothing. Nothing is written unless every unit can be
//! imported.
//!
//! A unit is refused when its source is not the current source's text, its
//! target is empty, its codes are not the source's (lost, added or changed:
//! they may move), or it has no place to go: the translation file must exist
//! and hold the segment. Fluent messages are compared but not written: a
//! target that differs from the `.ftl` file is refused, for now.

use super::inline::{Inline, plain};
use super::read::ReadDoc;
use super::segments::{Kind, Segment};
use super::{Only, Parts, explainer_parts, export, is_current, markets_of};
use crate::check::staleness::{stamp_of, stamp_text};
use crate::content::EXPLAINERS_DIR;
use crate::load::Sources;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

/// A unit that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The XLIFF document.
    pub document: String,
    pub original: String,
    pub unit: String,
    pub reason: String,
}

/// A translation file to write: its path in the site, its new text, and
/// whether it was stamped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write {
    pub path: String,
    pub text: String,
    pub stamped: bool,
    pub units: usize,
}

/// What importing `docs` (path, document) would write, or every refusal.
pub fn plan_import(
    sources: &Sources,
    docs: &[(String, ReadDoc)],
) -> Result<Vec<Write>, Vec<Refusal>> {
    let mut refusals = Vec::new();
    let mut writes: Vec<Write> = Vec::new();
    for (name, doc) in docs {
        let mut refuse = |original: &str, unit: &str, reason: String| {
            refusals.push(Refusal {
                document: name.clone(),
                original: original.to_string(),
                unit: unit.to_string(),
                reason,
            })
        };
        let markets = markets_of(&sources.config, &doc.trg_lang);
        let Ok(current) = export(sources, &doc.trg_lang, Only::All) else {
            refuse("", "", format!("no market reads `{}`", doc.trg_lang));
            continue;
        };
        let mut by_file: BTreeMap<&str, Vec<&super::read::ReadUnit>> = BTreeMap::new();
        for u in doc.units.iter().filter(|u| u.target.is_some()) {
            by_file.entry(u.original.as_str()).or_default().push(u);
        }
        for (original, units) in by_file {
            let slug = (original.strip_prefix(EXPLAINERS_DIR))
                .and_then(|r| r.strip_prefix('/'))
                .and_then(|r| r.strip_suffix(".md"));
            let explainer = slug.and_then(|s| sources.library.get(s));
            match explainer.and_then(|e| explainer_parts(e, &markets, &sources.config)) {
                Some(parts) => {
                    let e = explainer.map(|e| &e.source);
                    match import_explainer(&parts, e, &units) {
                        Ok(Some(w)) => writes.push(as_on_disk(sources, w)),
                        Ok(None) => {}
                        Err(errs) => {
                            for (unit, reason) in errs {
                                refuse(original, &unit, reason);
                            }
                        }
                    }
                }
                None if original.starts_with("locales/") => {
                    for (unit, reason) in compare_messages(&current, original, &units) {
                        refuse(original, &unit, reason);
                    }
                }
                None => refuse(original, "", "no explainer of the site is this file".into()),
            }
        }
    }
    if refusals.is_empty() {
        Ok(writes)
    } else {
        Err(refusals)
    }
}

/// The file's line endings and byte-order mark, as it has them on disk (the
/// loader reads text without them).
fn as_on_disk(sources: &Sources, mut w: Write) -> Write {
    let raw = sources.dir.read_text(&w.path).unwrap_or_default();
    if raw.contains("\r\n") {
        w.text = w.text.replace('\n', "\r\n");
    }
    if raw.starts_with('\u{feff}') {
        w.text.insert(0, '\u{feff}');
    }
    w
}

/// Fluent targets must be what the locale's files hold already.
fn compare_messages(
    current: &super::Xliff,
    original: &str,
    units: &[&super::read::ReadUnit],
) -> Vec<(String, String)> {
    let file = current.files.iter().find(|f| f.original == original);
    let mut out = Vec::new();
    for u in units {
        let now = (file.and_then(|f| f.units.iter().find(|c| c.id == u.id)))
            .and_then(|c| c.target.as_ref().map(|t| plain(t)));
        if now.as_deref() != u.target.as_deref() {
            out.push((
                u.id.clone(),
                "Fluent messages are not imported yet: change them in the .ftl file".into(),
            ));
        }
    }
    out
}

/// The codes' data of inline content: what a target must keep.
fn code_data(items: &[Inline], out: &mut Vec<String>) {
    for i in items {
        match i {
            Inline::Text(_) => {}
            Inline::Ph { data, .. } => out.push(data.clone()),
            Inline::Pc {
                start,
                end,
                children,
                ..
            } => {
                out.push(start.clone());
                out.push(end.clone());
                code_data(children, out);
            }
        }
    }
}

/// Why a unit cannot be imported into `parts`, if it cannot.
fn check_unit(parts: &Parts<'_>, u: &super::read::ReadUnit) -> Result<(), String> {
    let source = (parts.source.iter().find(|s| s.id == u.id))
        .ok_or("no segment of the current source has this id")?;
    if plain(&source.content) != u.source {
        return Err("the source changed since the export: export again".into());
    }
    let target = u.target.as_deref().unwrap_or_default();
    if target.trim().is_empty() {
        return Err("the target is empty".into());
    }
    let mut want = Vec::new();
    code_data(&source.content, &mut want);
    let mut got = u.target_codes.clone();
    let lost: Vec<String> = (want.into_iter())
        .filter(|w| match got.iter().position(|g| g == w) {
            Some(i) => {
                got.swap_remove(i);
                false
            }
            None => true,
        })
        .collect();
    if !lost.is_empty() {
        return Err(format!(
            "the target lost the source's inline codes {lost:?}"
        ));
    }
    let one_line = !matches!(source.kind, Kind::Paragraph | Kind::Item);
    if one_line && target.contains('\n') {
        return Err("a title, heading, table cell or script line takes one line".into());
    }
    Ok(())
}

fn import_explainer(
    parts: &Parts<'_>,
    source: Option<&crate::content::Document>,
    units: &[&super::read::ReadUnit],
) -> Result<Option<Write>, Vec<(String, String)>> {
    let mut errors = Vec::new();
    for u in units {
        if let Err(reason) = check_unit(parts, u) {
            errors.push((u.id.clone(), reason));
        }
    }
    let Some(translation) = parts.translation else {
        errors.push((
            String::new(),
            "no translation file for this locale yet: import writes into existing translations"
                .into(),
        ));
        return Err(errors);
    };
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for u in units {
        let Some(t) = parts.targets.get(&u.id) else {
            errors.push((
                u.id.clone(),
                format!(
                    "{} has no segment of this id: its structure differs from the source's",
                    translation.file.path
                ),
            ));
            continue;
        };
        let new = u.target.clone().unwrap_or_default();
        if plain(&t.content) != new {
            edits.push((t.range.clone(), replacement(t, &new)));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if edits.is_empty() {
        return Ok(None);
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut text = translation.file.text.clone();
    for (r, new) in &edits {
        text.replace_range(r.clone(), new);
    }
    // Stamp when every segment is now current: imported, or current before.
    let imported: HashSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
    let stamp = source.map(stamp_of);
    let all_current = stamp.as_ref().is_some_and(|stamp| {
        (parts.source.iter()).all(|s| {
            imported.contains(s.id.as_str())
                || (parts.targets.contains_key(&s.id) && is_current(translation, stamp, s))
        })
    });
    let stamped = match stamp.as_ref().filter(|_| all_current) {
        Some(stamp) => stamp_text(&text, stamp).map(|t| text = t).is_some(),
        None => false,
    };
    Ok(Some(Write {
        path: translation.file.path.clone(),
        text,
        stamped,
        units: edits.len(),
    }))
}

/// The text that replaces a segment's: a front matter value is quoted.
fn replacement(t: &Segment, new: &str) -> String {
    match t.kind {
        Kind::Title | Kind::Summary => serde_json::to_string(new).unwrap_or_default(),
        _ => new.to_string(),
    }
}
