//! The sitemaps: one per built market (in parts, with an index naming them,
//! past the protocol's limits), and at the root of a build with a market
//! chooser an index naming them all, the chooser's own sitemap, and robots.txt.
//! Creator scripts are for the marketing team, not for search: not listed.

use super::{File, Pages};
use crate::render::sitemap::{
    LIMITS, ROOT_SITEMAP, SitemapEntry, render_robots, render_sitemap_index, render_sitemaps,
};
use crate::render::views::Alternate;
use crate::resolve::Origin;
use std::sync::Arc;

impl Pages<'_> {
    /// Every sitemap of the build, and robots.txt. With `markets_too` false
    /// (`--root-files`), the markets' sitemaps are made only to name their
    /// parts in the root index: each market's own build writes them.
    pub fn sitemap_files(&self, markets_too: bool) -> Vec<File> {
        let plan = self.plan;
        let homes = Arc::new(plan.home_alternates());
        let sets: Vec<Arc<Vec<Alternate>>> = (0..self.sources.library.explainers.len())
            .map(|e| Arc::new(plan.explainer_alternates(e, self.slug(e))))
            .collect();
        let mut files = Vec::new();
        let mut index = Vec::new();
        if plan.chooser {
            index.push(format!("{}{ROOT_SITEMAP}", plan.output_url));
            let chooser = SitemapEntry {
                loc: plan.site_url.clone(),
                lastmod: None,
                alternates: homes.clone(),
            };
            let xml = render_sitemaps(&[chooser], LIMITS).remove(0);
            files.push(File::new(ROOT_SITEMAP.into(), xml));
        }
        for mi in self.built() {
            let mp = &plan.markets[mi];
            let parts = render_sitemaps(&self.market_entries(mi, &homes, &sets), LIMITS);
            let names: Vec<String> = match parts.len() {
                1 => vec!["sitemap.xml".into()],
                n => (1..=n).map(|i| format!("sitemap-{i}.xml")).collect(),
            };
            let urls: Vec<String> = names.iter().map(|n| format!("{}{n}", mp.url)).collect();
            // An index names sitemaps of its own site only.
            if plan.chooser && mp.url.starts_with(&plan.site_url) {
                index.extend(urls.iter().cloned());
            }
            if !markets_too {
                continue;
            }
            if parts.len() > 1 {
                let xml = render_sitemap_index(&urls);
                files.push(File::new(format!("{}sitemap.xml", mp.dir), xml));
            }
            for (name, xml) in names.iter().zip(parts) {
                files.push(File::new(format!("{}{name}", mp.dir), xml));
            }
        }
        if plan.chooser {
            files.push(File::new(
                "sitemap.xml".into(),
                render_sitemap_index(&index),
            ));
        }
        let robots = render_robots(&format!("{}sitemap.xml", plan.output_url));
        files.push(File::new("robots.txt".into(), robots));
        files
    }

    /// Market `mi`'s home and its pages (not those that show the untranslated
    /// source: they claim no place of their own), with their hreflang sets.
    fn market_entries(
        &self,
        mi: usize,
        homes: &Arc<Vec<Alternate>>,
        sets: &[Arc<Vec<Alternate>>],
    ) -> Vec<SitemapEntry> {
        let plan = self.plan;
        let mut entries = vec![SitemapEntry {
            loc: plan.markets[mi].url.clone(),
            lastmod: None,
            alternates: homes.clone(),
        }];
        let listed = (plan.pages.iter())
            .filter(|p| p.market == mi && p.origin != Origin::UntranslatedSource);
        for p in listed {
            entries.push(SitemapEntry {
                loc: plan.page_url(p, self.slug(p.explainer)),
                lastmod: p.doc.front.updated.clone(),
                alternates: sets[p.explainer].clone(),
            });
        }
        entries
    }
}
