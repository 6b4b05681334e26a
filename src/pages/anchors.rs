//! Links to a heading of another explainer's page (`other.md#heading`), judged
//! once every page is rendered, against the headings its render gave the
//! target: a page's body depends on its own inputs only, and no page is parsed
//! a second time for its headings.

use super::{PageBody, Pages};
use crate::diagnostics::Diagnostics;
use crate::markdown::{PendingLinks, decode_fragment, missing_anchor};
use std::collections::{HashMap, HashSet};

/// The heading ids of each page of the plan, in page order, where links to it
/// can be judged: not for a page left unrendered, nor for one whose text has
/// errors of its own or was stopped by a limit (those are its findings).
pub struct AnchorTargets(Vec<Option<Vec<String>>>);

impl AnchorTargets {
    /// No page's headings known yet, of a plan of `pages` pages.
    pub fn new(pages: usize) -> AnchorTargets {
        AnchorTargets(vec![None; pages])
    }

    /// The heading ids of page `i` that links to it are judged against, from
    /// its body: none when its text has errors of its own or a limit stopped it.
    pub fn ids_of(pages: &Pages, i: usize, body: &PageBody) -> Option<Vec<String>> {
        let judged = body.complete && !pages.plan.pages[i].doc.body.has_errors;
        judged.then(|| body.headings.iter().map(|h| h.id.clone()).collect())
    }

    /// Page `i`'s heading ids (see `ids_of`).
    pub fn set(&mut self, i: usize, ids: Option<Vec<String>>) {
        self.0[i] = ids;
    }
}

impl Pages<'_> {
    /// Judge page `i`'s links to other pages' headings against `targets`, then
    /// finish its findings.
    pub fn judge_anchor_links(
        &self,
        i: usize,
        pending: &PendingLinks,
        targets: &AnchorTargets,
        diags: &mut Diagnostics,
    ) {
        let page = &self.plan.pages[i];
        let market = &self.plan.markets[page.market].market.id;
        let mut findings = pending.findings.clone();
        // A page may hold thousands of links to a page with thousands of headings.
        let mut sets: HashMap<usize, HashSet<&str>> = HashMap::new();
        for link in &pending.links {
            let target = (self.slugs.get(link.slug.as_str()))
                .and_then(|&e| self.plan.page_index(page.market, e));
            let Some((t, Some(ids))) = target.map(|t| (t, &targets.0[t])) else {
                continue;
            };
            let set = (sets.entry(t)).or_insert_with(|| ids.iter().map(String::as_str).collect());
            if set.contains(decode_fragment(&link.fragment).as_str()) {
                continue;
            }
            let place = |d: crate::diagnostics::Diagnostic| {
                d.at(page.doc.file.location(link.at)).market(market.clone())
            };
            findings.report(
                missing_anchor(&link.slug, &link.fragment, ids),
                place,
                diags,
            );
        }
        findings.finish(page.doc, market, diags);
    }
}
