//! Links to a heading of another explainer's page (`other.md#heading`), judged
//! once every page is rendered, against the headings its render gave the
//! target: a page's body depends on its own inputs only, and no page is parsed
//! a second time for its headings.

use super::{PageBody, Pages};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{Heading, PendingLinks, decode_fragment, missing_anchor};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The headings of each page of the plan, in page order, where links to it can
/// be judged: not for a page left unrendered, nor for one whose text has
/// errors of its own or was stopped by a limit (those are its findings).
pub struct AnchorTargets<'b>(Vec<Option<Cow<'b, [Heading]>>>);

impl<'b> AnchorTargets<'b> {
    /// No page's headings known yet, of a plan of `pages` pages.
    pub fn new(pages: usize) -> AnchorTargets<'b> {
        AnchorTargets(vec![None; pages])
    }

    /// Whether links to page `i` are judged against the headings of its body.
    pub fn judged(pages: &Pages, i: usize, body: &PageBody) -> bool {
        body.complete && !pages.plan.pages[i].doc.body.has_errors
    }

    /// Page `i`'s headings (see `judged`).
    pub fn set(&mut self, i: usize, headings: Cow<'b, [Heading]>) {
        self.0[i] = Some(headings);
    }
}

/// Above this many headings, a target's ids are looked up in a set: a page may
/// hold thousands of links to a page with thousands of headings.
const SCANNED: usize = 32;

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
        let mut sets: HashMap<usize, HashSet<&str>> = HashMap::new();
        for link in &pending.links {
            let target = (self.slugs.get(link.slug.as_str()))
                .and_then(|&e| self.plan.page_index(page.market, e));
            let Some((t, Some(headings))) = target.map(|t| (t, &targets.0[t])) else {
                continue;
            };
            let id = decode_fragment(&link.fragment);
            let found = if headings.len() <= SCANNED {
                headings.iter().any(|h| h.id == id)
            } else {
                let set = sets.entry(t);
                let set = set.or_insert_with(|| headings.iter().map(|h| h.id.as_str()).collect());
                set.contains(id.as_ref())
            };
            if found {
                continue;
            }
            let place =
                |d: Diagnostic| d.at(page.doc.file.location(link.at)).market(market.clone());
            findings.report(
                missing_anchor(&link.slug, &link.fragment, headings),
                place,
                diags,
            );
        }
        findings.finish(page.doc, market, diags);
    }
}
