//! What a rebuild depends on: the keys that tell `serve` which pages changed, and
//! the markets that an error keeps from updating.

use super::cache::key_of;
use super::load::Sources;
use super::plan::{self, Plan};
use crate::diagnostics::Diagnostics;
use crate::l10n::Messages;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// Hashes of what page bodies and pages depend on.
pub struct Keys {
    /// Per market: its messages and the explainers it publishes (links resolve to them).
    pub market: HashMap<usize, u64>,
    /// Config, static files and theme.
    pub site: u64,
    pub theme: u64,
}

impl Keys {
    pub fn new(
        sources: &Sources,
        plan: &Plan,
        messages: &HashMap<usize, Arc<Messages>>,
        assets: &HashMap<String, String>,
    ) -> Keys {
        let published = |mi: usize| -> Vec<(usize, u8)> {
            plan.pages
                .iter()
                .filter(|p| p.market == mi)
                .map(|p| (p.explainer, p.origin as u8))
                .collect()
        };
        let market = messages
            .iter()
            .map(|(&mi, m)| (mi, key_of((m.generation(), published(mi)))))
            .collect();
        let statics: Vec<&String> = sources.static_files.iter().collect();
        let site = key_of((sources.config_hash, statics, &plan.output_url, plan.chooser));
        let mut templates: Vec<(&String, u64)> = sources
            .theme
            .templates
            .iter()
            .map(|(n, f)| (n, f.hash()))
            .collect();
        templates.sort();
        let mut urls: Vec<(&String, &String)> = assets.iter().collect();
        urls.sort();
        let theme = key_of((site, templates, urls));
        Keys {
            market,
            site,
            theme,
        }
    }

    /// The inputs of one page body: its file (and the source's, for heading ids),
    /// the market's messages and link targets, and the site.
    pub fn body(&self, sources: &Sources, page: &plan::Page) -> u64 {
        let source = &sources.library.explainers[page.explainer].source;
        key_of((
            self.site,
            self.market.get(&page.market),
            page.doc.file.hash(),
            source.file.hash(),
            page.origin as u8,
        ))
    }
}

/// The built markets that an error keeps from updating: the market it names,
/// the markets that use the file it points at, or all of them.
pub fn failed_markets(diags: &Diagnostics, plan: &Plan) -> BTreeSet<usize> {
    let all = || {
        (0..plan.markets.len())
            .filter(|&i| plan.markets[i].built)
            .collect::<BTreeSet<usize>>()
    };
    let mut failed = BTreeSet::new();
    for d in diags.iter().filter(|d| d.is_error()) {
        if let Some(m) = &d.market {
            failed.extend(plan.markets.iter().position(|mp| &mp.market.id == m));
            continue;
        }
        let Some(file) = d.location.as_ref().map(|l| l.file.as_str()) else {
            return all();
        };
        let users: BTreeSet<usize> = plan
            .pages
            .iter()
            .filter(|p| p.doc.file.path == file)
            .map(|p| p.market)
            .collect();
        if !users.is_empty() {
            failed.extend(users);
        } else if let Some(locale) = ftl_locale(file) {
            failed.extend(
                plan.markets
                    .iter()
                    .enumerate()
                    .filter(|(_, mp)| mp.market.locale_chain().iter().any(|l| l == locale))
                    .map(|(i, _)| i),
            );
        } else {
            return all();
        }
    }
    failed
}

/// `locales/fr-FR/site.ftl` or `themes/x/locales/fr-FR/theme.ftl` -> `fr-FR`.
fn ftl_locale(file: &str) -> Option<&str> {
    if !file.ends_with(".ftl") {
        return None;
    }
    let parts: Vec<&str> = file.split('/').collect();
    parts
        .iter()
        .position(|p| *p == "locales")
        .and_then(|i| parts.get(i + 1).copied())
}
