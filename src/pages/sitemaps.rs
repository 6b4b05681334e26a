//! The sitemaps: one per built market (in parts, with an index naming them,
//! past the protocol's limits), and at the root of a build with a market
//! chooser an index naming them all, the chooser's own sitemap, and robots.txt.
//! Creator scripts are for the marketing team, not for search: not listed.

use super::{File, Pages};
use crate::render::sitemap::{
    LIMITS, Limits, ROOT_SITEMAP, SitemapEntry, render_robots, render_sitemap_index,
    render_sitemaps,
};
use crate::render::views::Alternate;
use crate::resolve::Origin;
use std::sync::Arc;

impl Pages<'_> {
    /// Every sitemap of the build, and robots.txt. With `markets_too` false
    /// (`--root-files`), the markets' sitemaps are made only to name their
    /// parts in the root index: each market's own build writes them.
    pub fn sitemap_files(&self, markets_too: bool) -> Vec<File> {
        self.sitemaps_within(markets_too, LIMITS)
    }

    fn sitemaps_within(&self, markets_too: bool, limits: Limits) -> Vec<File> {
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
            let parts = render_sitemaps(&self.market_entries(mi, &homes, &sets), limits);
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

#[cfg(test)]
mod tests {
    use crate::diagnostics::Diagnostics;
    use crate::pages::{Pages, fingerprint};
    use crate::plan::{PlanOptions, plan};
    use crate::render::sitemap::Limits;
    use std::collections::BTreeMap;
    use std::sync::Arc;

    /// The sitemap files of the `basic` fixture, built with `markets` (all
    /// when empty), each market's sitemap cut every `urls` URLs.
    fn sitemaps(markets: &[String], urls: usize, markets_too: bool) -> BTreeMap<String, String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let mut d = Diagnostics::new();
        let sources = crate::load::load_sources(&root, &mut d).unwrap();
        let opts = PlanOptions {
            markets,
            base_url: None,
            strict: false,
            drafts: false,
        };
        let plan = plan(&sources, &opts, &mut d).ok().unwrap();
        let assets = Arc::new(fingerprint(&sources, &plan));
        let pages = Pages::new(&sources, &plan, assets, &mut d).unwrap();
        let limits = Limits {
            urls,
            bytes: usize::MAX,
        };
        (pages.sitemaps_within(markets_too, limits).into_iter())
            .map(|f| (f.path, String::from_utf8(f.bytes).unwrap()))
            .collect()
    }

    fn locs(xml: &str) -> Vec<&str> {
        xml.split("<loc>")
            .skip(1)
            .map(|l| l.split("</loc>").next().unwrap())
            .collect()
    }

    #[test]
    fn a_market_past_the_limit_gets_parts_that_the_root_index_names() {
        let files = sitemaps(&[], 2, true);
        // us: its home, alpha and beta: two parts, and an index of its own.
        let us = locs(&files["us/sitemap.xml"]);
        assert!(files["us/sitemap.xml"].contains("<sitemapindex"));
        let base = "https://trust.example.com/";
        assert_eq!(
            us,
            [
                format!("{base}us/sitemap-1.xml"),
                format!("{base}us/sitemap-2.xml")
            ]
        );
        assert_eq!(
            locs(&files["us/sitemap-1.xml"]),
            [format!("{base}us/"), format!("{base}us/alpha/")]
        );
        assert_eq!(
            locs(&files["us/sitemap-2.xml"]),
            [format!("{base}us/beta/")]
        );
        // jp: its home and alpha fit in one.
        assert!(files["jp/sitemap.xml"].contains("<urlset"));
        assert!(!files.contains_key("jp/sitemap-1.xml"));
        // The root index names the parts, never another index.
        let root = locs(&files["sitemap.xml"]);
        assert!(root.contains(&format!("{base}us/sitemap-1.xml").as_str()));
        assert!(root.contains(&format!("{base}us/sitemap-2.xml").as_str()));
        assert!(!root.contains(&format!("{base}us/sitemap.xml").as_str()));
        assert!(root.contains(&format!("{base}jp/sitemap.xml").as_str()));
        // With --root-files, the same index and no market's sitemap.
        let only_root = sitemaps(&[], 2, false);
        assert_eq!(only_root["sitemap.xml"], files["sitemap.xml"]);
        assert!(
            only_root.keys().all(|k| !k.contains('/')),
            "{:?}",
            only_root.keys()
        );
    }
}
