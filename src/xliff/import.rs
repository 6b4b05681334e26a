//! `l10n import`: a vendor's XLIFF back into the translations. Each target
//! replaces the text of its segment in the translation file, in place, so
//! that everything else in the file (blocks no market of the locale sees,
//! comments, layout) stays as it was, and a target equal to the current
//! translation changes nothing. Nothing is written unless every unit can be
//! imported.
//!
//! A locale with no translation of an explainer gets one made from the
//! source (see `new_translation`): then every segment needs a target.
//!
//! A unit is refused when its source is not the current source's text, its
//! target is empty, it lost a code of the source (codes may move, as XLIFF
//! allows by default, and a translation may add some: current translations
//! often do), or it has no place to go (the translation lacks the segment:
//! its structure differs from the source's). Fluent targets go into the
//! locale's `.ftl` files (see `messages`).

use super::inline::{Inline, plain};
use super::messages::write_messages;
use super::read::{ReadDoc, ReadUnit};
use super::segments::{Kind, Segment};
use super::{Only, Parts, explainer_parts, export, is_current};
use crate::check::staleness::{stamp_seen, stamp_text};
use crate::content::{EXPLAINERS_DIR, Explainer};
use crate::l10n::{FtlFile, Layer};
use crate::load::Sources;
use crate::resolve::unseen_blocks;
use std::collections::HashMap;
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
        let markets = sources.config.markets_of(&doc.trg_lang);
        let Ok(current) = export(sources, &doc.trg_lang, Only::All) else {
            refuse("", "", format!("no market reads `{}`", doc.trg_lang));
            continue;
        };
        // The tag as the config spells it, for a new file's name.
        let tag = match markets.first() {
            Some(m) if m.locale.eq_ignore_ascii_case(&doc.trg_lang) => m.locale.clone(),
            Some(m) => m.language(),
            None => doc.trg_lang.clone(),
        };
        let mut by_file: BTreeMap<&str, Vec<&ReadUnit>> = BTreeMap::new();
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
                    let e = explainer.expect("parts come from an explainer");
                    match import_explainer(&parts, e, &tag, &units) {
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
                    match import_messages(sources, &current, original, &units) {
                        Ok(w) => writes.extend(w.into_iter().map(|w| as_on_disk(sources, w))),
                        Err(errs) => {
                            for (unit, reason) in errs {
                                refuse(original, &unit, reason);
                            }
                        }
                    }
                }
                None => refuse(original, "", "no explainer of the site is this file".into()),
            }
        }
    }
    let mut paths = HashSet::new();
    for w in &writes {
        if !paths.insert(w.path.as_str()) {
            refusals.push(Refusal {
                document: String::new(),
                original: w.path.clone(),
                unit: String::new(),
                reason: "two documents write this file: import them one at a time".into(),
            });
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

/// Fluent targets into the locale's `.ftl` files (see `messages`): the
/// file that defines each entry, else the locale's first site file, else a
/// new `locales/<locale>/site.ftl`.
fn import_messages(
    sources: &Sources,
    current: &super::Xliff,
    original: &str,
    units: &[&ReadUnit],
) -> Result<Vec<Write>, Vec<(String, String)>> {
    let locale = (original.strip_prefix("locales/"))
        .map(|r| r.trim_end_matches('/'))
        .unwrap_or_default();
    let Some(file) = current.files.iter().find(|f| f.original == original) else {
        return Err(vec![(
            String::new(),
            format!("no market reads the messages of `{locale}`"),
        )]);
    };
    let files: Vec<&FtlFile> = (sources.ftl.iter())
        .filter(|f| f.layer == Layer::Site && f.locale == locale)
        .collect();
    let mut errors = Vec::new();
    let mut by_path: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for u in units {
        let Some(c) = file.units.iter().find(|c| c.id == u.id) else {
            errors.push((
                u.id.clone(),
                "no message of the reference locale has this id".into(),
            ));
            continue;
        };
        let now = c.target.as_ref().map(|t| plain(t));
        if let Err(why) = check_target(&c.source, now.clone(), false, u) {
            errors.push((u.id.clone(), why));
            continue;
        }
        let target = u.target.clone().unwrap_or_default();
        if now.as_deref() == Some(target.as_str()) {
            continue;
        }
        let entry = u.id.split(['.', ':']).next().unwrap_or_default();
        let home = (files.iter().find(|f| f.ids().any(|id| id == entry)))
            .or(files.first())
            .map_or_else(
                || format!("locales/{locale}/site.ftl"),
                |f| f.file.path.clone(),
            );
        by_path
            .entry(home)
            .or_default()
            .insert(u.id.clone(), target);
    }
    let mut writes = Vec::new();
    for (path, targets) in by_path {
        let text = files
            .iter()
            .find(|f| f.file.path == path)
            .map_or("", |f| f.file.text.as_str());
        match write_messages(text, &targets) {
            Ok(new) => writes.push(Write {
                path,
                text: new,
                stamped: false,
                units: targets.len(),
            }),
            Err(errs) => errors.extend(errs),
        }
    }
    if errors.is_empty() {
        Ok(writes)
    } else {
        Err(errors)
    }
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
fn check_unit(parts: &Parts<'_>, u: &ReadUnit) -> Result<(), String> {
    let source = (parts.source.iter().find(|s| s.id == u.id))
        .ok_or("no segment of the current source has this id")?;
    let current = parts.targets.get(&u.id).map(|t| plain(&t.content));
    let one_line = !matches!(source.kind, Kind::Paragraph | Kind::Item);
    check_target(&source.content, current, one_line, u)
}

/// Why the target of `u` cannot replace `current`, if it cannot.
fn check_target(
    source: &[Inline],
    current: Option<String>,
    one_line: bool,
    u: &ReadUnit,
) -> Result<(), String> {
    if plain(source) != u.source {
        return Err("the source changed since the export: export again".into());
    }
    let target = u.target.as_deref().unwrap_or_default();
    // The current translation as it stands is no change, whatever its codes.
    if current.as_deref() == Some(target) {
        return Ok(());
    }
    if target.trim().is_empty() {
        return Err("the target is empty".into());
    }
    let mut want = Vec::new();
    code_data(source, &mut want);
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
    if one_line && target.contains('\n') {
        return Err("a title, heading, table cell or script line takes one line".into());
    }
    Ok(())
}

fn import_explainer(
    parts: &Parts<'_>,
    e: &Explainer,
    locale: &str,
    units: &[&ReadUnit],
) -> Result<Option<Write>, Vec<(String, String)>> {
    let source = Some(&e.source);
    let mut errors = Vec::new();
    for u in units {
        if let Err(reason) = check_unit(parts, u) {
            errors.push((u.id.clone(), reason));
        }
    }
    let Some(translation) = parts.translation else {
        return new_translation(parts, e, locale, units, errors);
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
    let stamp = source.map(|_| stamp_seen(e, &parts.readers));
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

/// A translation made from the source for a locale that has none: the
/// source's text with every segment replaced by its target, the blocks no
/// market of the locale sees left out, and each heading given its `{#id}` so
/// that links keep working. Every segment needs a target.
fn new_translation(
    parts: &Parts<'_>,
    e: &Explainer,
    locale: &str,
    units: &[&ReadUnit],
    mut errors: Vec<(String, String)>,
) -> Result<Option<Write>, Vec<(String, String)>> {
    let by_id: HashMap<&str, &ReadUnit> = units.iter().map(|u| (u.id.as_str(), *u)).collect();
    let text = &e.source.file.text;
    let mut edits: Vec<(Range<usize>, String)> = (unseen_blocks(&e.source, &parts.readers))
        .into_iter()
        .map(|u| (u.open_at..u.end, String::new()))
        .collect();
    for s in &parts.source {
        let Some(target) = by_id.get(s.id.as_str()).and_then(|u| u.target.as_deref()) else {
            errors.push((
                s.id.clone(),
                format!("no target: {EXPLAINERS_DIR}/{}.{locale}.md does not exist yet, and a new translation needs every segment", e.slug),
            ));
            continue;
        };
        let mut new = replacement(s, target);
        let line_end = text[s.range.end..]
            .find('\n')
            .map_or(text.len(), |i| s.range.end + i);
        if s.kind == Kind::Heading && !text[s.range.end..line_end].contains("{#") {
            new.push_str(&format!(" {{#{}}}", s.id.trim_start_matches("h-")));
        }
        edits.push((s.range.clone(), new));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.clone();
    for (r, new) in &edits {
        out.replace_range(r.clone(), new);
    }
    let stamped = stamp_text(&out, &stamp_seen(e, &parts.readers));
    Ok(Some(Write {
        path: format!("{EXPLAINERS_DIR}/{}.{locale}.md", e.slug),
        stamped: stamped.is_some(),
        text: stamped.unwrap_or(out),
        units: parts.source.len(),
    }))
}
