//! The checks that compare files with each other: translations against their
//! source (structure, staleness) and locales against the reference (coverage).
//! `glasshouse check` and `build --strict` run them.

pub mod coverage;
pub mod staleness;
pub mod status;
pub mod structure;
pub mod words;

use crate::diagnostics::Diagnostics;
use crate::load::Sources;
use rayon::prelude::*;

/// Message ids referenced by `{{ t "…" }}` in content and `t(id="…")` in templates.
fn used_messages(sources: &Sources) -> std::collections::BTreeSet<String> {
    let mut used = std::collections::BTreeSet::new();
    for e in &sources.library.explainers {
        for doc in std::iter::once(&e.source).chain(e.translations.values().map(|d| &**d)) {
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
    each_explainer(sources, diags, |e, found| {
        structure::check_structure(e, &sources.config, found);
        staleness::check_stale(e, &sources.config, found);
    });
    coverage::check_coverage(
        &sources.ftl,
        &used_messages(sources),
        &sources.config,
        diags,
    );
}

/// What a plain build checks of the translations: the variant blocks and
/// script lines their markets see (`structure::check_blocks`).
pub fn check_translation_blocks(sources: &Sources, diags: &mut Diagnostics) {
    each_explainer(sources, diags, |e, found| {
        structure::check_blocks(e, &sources.config, found)
    });
}

/// Run `check` on every explainer, on all cores; its findings, in order, into `diags`.
fn each_explainer(
    sources: &Sources,
    diags: &mut Diagnostics,
    check: impl Fn(&crate::content::Explainer, &mut Diagnostics) + Sync,
) {
    let found: Vec<Diagnostics> = (sources.library.explainers.par_iter())
        .map(|e| {
            let mut found = Diagnostics::new();
            check(e, &mut found);
            found
        })
        .collect();
    found.into_iter().for_each(|d| diags.extend(d));
}
