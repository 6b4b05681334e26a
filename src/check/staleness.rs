//! Staleness: a translation records the hash of the source it was translated from
//! (`glasshouse l10n stamp`), per section too, so that `check` can say that the
//! source changed since, and where.

use crate::config::{Config, Market};
use crate::content::{Document, Explainer};
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics, content_hash};
use crate::markdown::slugify;
use crate::resolve::{readers, seen_text};
use std::collections::BTreeMap;

/// The hashes of a source: the whole, and each section (`title`, `intro`, one per
/// `##` heading by its id, `script`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceStamp {
    pub whole: String,
    pub sections: BTreeMap<String, String>,
}

fn hex(bytes: &[u8], len: usize) -> String {
    format!("{:016x}", content_hash(bytes))[..len].to_string()
}

/// The stamp of what translation `t`'s markets see of `e`'s source: a change
/// to a variant block none of them sees does not make `t` stale. With no
/// market reading `t`, the whole source.
pub fn stamp_for(e: &Explainer, t: &Document, config: &Config) -> SourceStamp {
    stamp_seen(e, &readers(e, t, config))
}

/// The stamp of what `markets` see of `e`'s source (all of it for none).
pub fn stamp_seen(e: &Explainer, markets: &[&Market]) -> SourceStamp {
    if markets.is_empty() {
        return stamp_whole(&e.source);
    }
    stamp_of(&e.source, &seen_text(&e.source, markets))
}

/// The stamp of the whole of `source`.
pub fn stamp_whole(source: &Document) -> SourceStamp {
    stamp_of(source, &source.file.text)
}

/// The stamp of `source`, whose file `text` (or that text with variant blocks
/// cut out after the front matter) is hashed.
fn stamp_of(source: &Document, text: &str) -> SourceStamp {
    let body = &text[source.body_start.min(text.len())..];
    let mut sections: BTreeMap<String, String> = BTreeMap::new();
    sections.insert(
        "title".into(),
        hex(
            format!("{}\n{}", source.front.title, source.front.summary).as_bytes(),
            8,
        ),
    );
    for (id, text) in split_sections(body) {
        sections.insert(id, hex(text.as_bytes(), 8));
    }
    let whole = hex(
        format!("{}\n{}\n{body}", source.front.title, source.front.summary).as_bytes(),
        16,
    );
    SourceStamp { whole, sections }
}

/// The id of a heading from its text (after the `#`s): its `{#id}`, else its
/// slug. The id of a `##` heading names its section.
pub fn heading_id(heading: &str) -> String {
    match heading.rfind("{#") {
        Some(i) if heading.ends_with('}') => heading[i + 2..heading.len() - 1].to_string(),
        _ => slugify(heading),
    }
}

/// Sections of a body: `intro` before the first `##` heading, one per heading,
/// and the `script` block, each with its text.
pub fn split_sections(body: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![("intro".into(), String::new())];
    let mut script = String::new();
    let (mut in_fence, mut in_script) = (false, false);
    for line in body.split_inclusive('\n') {
        let t = line.trim_end();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if !in_fence && t.starts_with("::::script") {
            in_script = true;
        }
        if in_script {
            script.push_str(line);
            if t == "::::" {
                in_script = false;
            }
            continue;
        }
        if !in_fence && t.starts_with("## ") {
            out.push((heading_id(&t[3..]), String::new()));
        }
        if let Some(last) = out.last_mut() {
            last.1.push_str(line);
        }
    }
    if !script.is_empty() {
        out.push(("script".into(), script));
    }
    out
}

/// `stale-translation` for translations stamped from an older source.
pub fn check_stale(e: &Explainer, config: &Config, diags: &mut Diagnostics) {
    for t in e.translations.values() {
        let Some(hash) = &t.front.source_hash else {
            continue;
        };
        let stamp = stamp_for(e, t, config);
        if *hash == stamp.whole {
            continue;
        }
        let at = t.file.text.find("source_hash:").unwrap_or(0);
        let changed: Vec<&str> = match &t.front.source_sections {
            Some(old) => stamp
                .sections
                .iter()
                .filter(|(id, h)| old.get(*id) != Some(h))
                .map(|(id, _)| id.as_str())
                .chain(
                    old.keys()
                        .filter(|id| !stamp.sections.contains_key(*id))
                        .map(String::as_str),
                )
                .collect(),
            None => Vec::new(),
        };
        let message = if changed.is_empty() {
            format!(
                "the source `{}.md` changed since this translation was stamped",
                e.slug
            )
        } else {
            format!(
                "the source `{}.md` changed since this translation was stamped; changed sections: {}",
                e.slug,
                changed.join(", ")
            )
        };
        diags.push(
            Diagnostic::warning(Code::StaleTranslation, message)
                .at(t.file.location(at))
                .help(format!(
                    "update the translation, then run `glasshouse l10n stamp {}`",
                    t.file.path
                )),
        );
    }
}

/// Write the source's stamp into the front matter of the translation `text`,
/// replacing an earlier stamp. Line endings and a byte-order mark are kept.
pub fn stamp_text(text: &str, stamp: &SourceStamp) -> Option<String> {
    let bom = text.starts_with('\u{feff}');
    let crlf = text.contains("\r\n");
    let normalized = crate::diagnostics::normalize_text(text);
    let rest = normalized.strip_prefix("---\n")?;
    let end = rest
        .find("\n---\n")
        .map(|i| i + 1)
        .or_else(|| rest.strip_suffix("\n---").map(|r| r.len() + 1))?;
    let mut lines: Vec<&str> = Vec::new();
    let mut skipping = false;
    for line in rest[..end].lines() {
        let is_key = !line.starts_with([' ', '\t']);
        if is_key {
            skipping = line.starts_with("source_hash:") || line.starts_with("source_sections:");
        }
        if !skipping {
            lines.push(line);
        }
    }
    let sections: Vec<String> = stamp
        .sections
        .iter()
        .map(|(k, v)| format!("{k}: \"{v}\""))
        .collect();
    let mut out = String::from("---\n");
    for l in lines {
        out.push_str(l);
        out.push('\n');
    }
    out.push_str(&format!(
        "source_hash: \"{}\"\nsource_sections: {{ {} }}\n",
        stamp.whole,
        sections.join(", ")
    ));
    out.push_str(&rest[end..]);
    let out = if crlf { out.replace('\n', "\r\n") } else { out };
    Some(if bom { format!("\u{feff}{out}") } else { out })
}
