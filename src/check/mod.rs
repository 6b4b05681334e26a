//! The checks that compare files with each other: translations against their
//! source (structure, staleness) and locales against the reference (coverage).
//! `glasshouse check` and `build --strict` run them.

pub mod coverage;
pub mod staleness;
pub mod status;
pub mod structure;

use crate::diagnostics::Diagnostics;
use crate::site::load::Sources;

/// Message ids referenced by `{{ t "…" }}` in content and `t(id="…")` in templates.
fn used_messages(sources: &Sources) -> std::collections::BTreeSet<String> {
    let mut used = std::collections::BTreeSet::new();
    for e in &sources.library.explainers {
        for doc in std::iter::once(&e.source).chain(e.translations.values()) {
            used.extend(crate::l10n::placeholder_ids(&doc.file.text).map(str::to_string));
        }
    }
    for (_, file) in &sources.theme.templates {
        used.extend(
            crate::render::message_calls(&file.text)
                .into_iter()
                .map(|(id, _)| id.to_string()),
        );
    }
    used
}

pub fn check_translations(sources: &Sources, diags: &mut Diagnostics) {
    for e in &sources.library.explainers {
        structure::check_structure(e, diags);
        staleness::check_stale(e, diags);
    }
    coverage::check_coverage(&sources.ftl, &used_messages(sources), diags);
}
