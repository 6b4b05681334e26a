//! The checks that compare files with each other: translations against their
//! source (structure, staleness) and locales against the reference (coverage).
//! `glasshouse check` and `build --strict` run them.

pub mod coverage;
pub mod staleness;
pub mod status;
pub mod structure;

use crate::diagnostics::Diagnostics;
use crate::site::load::Sources;

pub fn check_translations(sources: &Sources, diags: &mut Diagnostics) {
    for e in &sources.library.explainers {
        structure::check_structure(e, diags);
        staleness::check_stale(e, diags);
    }
    coverage::check_coverage(&sources.ftl, diags);
}
