//! The pages that list others: each market's home and scripts index, the market
//! chooser, 404.html, and sitemap.xml with every hreflang set.

use super::bodies::PageBody;
use super::cache::key_of;
use super::pages::PageContext;
use super::plan::Page;
use super::write::{Pass, SiteWriter, WriteError, format_seconds};
use crate::diagnostics::{Diagnostic, content_hash};
use crate::render::sitemap::{SitemapEntry, render_robots, render_sitemap};
use crate::render::views::{ChooserEntry, ExplainerCard};
use crate::resolve::Origin;
use std::sync::Arc;

impl SiteWriter<'_> {
    /// A market's home and scripts index.
    pub(super) fn market_indexes(
        &self,
        pass: &Pass,
        rendered: &[(usize, Arc<PageBody>, u64)],
        mi: usize,
    ) -> Result<usize, WriteError> {
        let plan = self.plan;
        let pcx = self.page_context();
        let mp = &plan.markets[mi];
        let m = &self.messages[&mi];
        let tera = &self.teras[&mi];
        let pages: Vec<(&Page, &PageBody)> = rendered
            .iter()
            .filter(|(i, _, _)| plan.pages[*i].market == mi)
            .map(|(i, b, _)| (&plan.pages[*i], b.as_ref()))
            .collect();
        // The key from what the cards show, without making them: after an edit in
        // `serve`, the homes of a thousand explainers are usually still fresh.
        // Links follow from the slug and the market's URL (in the theme key).
        let cards_key = key_of((
            self.theme_key,
            m.generation(),
            pages
                .iter()
                .map(|(p, b)| {
                    (
                        self.slug(p.explainer),
                        &b.title,
                        &b.summary,
                        p.doc.front.updated.as_deref(),
                        b.script.as_ref().map(|s| s.total_seconds.to_bits()),
                    )
                })
                .collect::<Vec<_>>(),
        ));
        let cards = std::cell::OnceCell::new();
        let cards = || -> &[ExplainerCard] {
            cards.get_or_init(|| {
                pages
                    .iter()
                    .map(|(p, b)| {
                        let slug = self.slug(p.explainer);
                        ExplainerCard {
                            slug,
                            title: &b.title,
                            summary: &b.summary,
                            href: plan.href(&plan.page_url(p, slug)),
                            updated: p.doc.front.updated.as_deref(),
                            script_seconds: b
                                .script
                                .as_ref()
                                .map(|s| format_seconds(s.total_seconds)),
                            script_href: b
                                .script
                                .as_ref()
                                .map(|_| plan.href(&plan.script_url(p, slug))),
                        }
                    })
                    .collect::<Vec<_>>()
            })
        };
        self.single(pass, &format!("{}index.html", mp.dir), cards_key, || {
            let title = m.format("home-title", &[]).unwrap_or_default();
            let description = m.format("home-description", &[]).unwrap_or_default();
            pcx.render_home(tera, mi, title, description, cards())
        })?;
        self.single(
            pass,
            &format!("{}scripts/index.html", mp.dir),
            cards_key,
            || {
                let title = m.format("scripts-title", &[]).unwrap_or_default();
                let description = m.format("scripts-description", &[]).unwrap_or_default();
                pcx.render_scripts_index(tera, mi, title, description, cards())
            },
        )?;
        Ok(2)
    }

    /// The chooser, 404.html, sitemap.xml and robots.txt.
    pub(super) fn root_files(&self, pass: &Pass, built: &[usize]) -> Result<(), WriteError> {
        let plan = self.plan;
        let pcx = self.page_context();
        let first = built[0];
        let generations: Vec<u64> = built
            .iter()
            .map(|mi| self.messages[mi].generation())
            .collect();
        let root_key = key_of((self.theme_key, &generations));
        if plan.chooser {
            self.single(pass, "index.html", root_key, || self.chooser(&pcx, built))?;
        }
        self.single(pass, "404.html", root_key, || {
            let title = self.messages[&first]
                .format("not-found-title", &[])
                .unwrap_or_default();
            let description = self.messages[&first]
                .format("not-found-body", &[])
                .unwrap_or_default();
            pcx.render_not_found(self.teras[&first], first, title, description)
        })?;
        let mut sorted: Vec<(&usize, &u64)> = pass.availability.iter().collect();
        sorted.sort_unstable();
        let lastmods: Vec<Option<&str>> = plan
            .pages
            .iter()
            .map(|p| p.doc.front.updated.as_deref())
            .collect();
        let slugs: Vec<&str> = self
            .sources
            .library
            .explainers
            .iter()
            .map(|e| e.slug.as_str())
            .collect();
        let sitemap_key = key_of((self.theme_key, built, sorted, lastmods, slugs));
        self.single(pass, "sitemap.xml", sitemap_key, || {
            Ok(render_sitemap(&self.sitemap_entries(pass, built)).into_bytes())
        })?;
        let robots = render_robots(&format!("{}sitemap.xml", plan.output_url));
        self.single(pass, "robots.txt", content_hash(robots.as_bytes()), || {
            Ok(robots.into_bytes())
        })
    }

    /// Every page of the built markets with its hreflang set; sets are computed
    /// once per explainer and shared by its pages.
    fn sitemap_entries(&self, pass: &Pass, built: &[usize]) -> Vec<SitemapEntry> {
        let plan = self.plan;
        let mut entries = Vec::with_capacity(plan.pages.len() * 2 + built.len() * 2 + 1);
        let homes = Arc::new(plan.home_alternates());
        let scripts = Arc::new(plan.scripts_index_alternates());
        if plan.chooser {
            entries.push(SitemapEntry {
                loc: plan.site_url.clone(),
                lastmod: None,
                alternates: homes.clone(),
            });
        }
        for &mi in built {
            let mp = &plan.markets[mi];
            entries.push(SitemapEntry {
                loc: mp.url.clone(),
                lastmod: None,
                alternates: homes.clone(),
            });
            entries.push(SitemapEntry {
                loc: format!("{}scripts/", mp.url),
                lastmod: None,
                alternates: scripts.clone(),
            });
            for p in plan
                .pages
                .iter()
                .filter(|p| p.market == mi && p.origin != Origin::UntranslatedSource)
            {
                let slug = self.slug(p.explainer);
                let (page_alts, script_alts) = self.hreflang(pass, p.explainer);
                let lastmod = p.doc.front.updated.clone();
                entries.push(SitemapEntry {
                    loc: plan.page_url(p, slug),
                    lastmod: lastmod.clone(),
                    alternates: page_alts.list.clone(),
                });
                if p.doc.body.script.is_some() {
                    entries.push(SitemapEntry {
                        loc: plan.script_url(p, slug),
                        lastmod,
                        alternates: script_alts.list.clone(),
                    });
                }
            }
        }
        entries
    }

    fn chooser(&self, pcx: &PageContext, built: &[usize]) -> Result<Vec<u8>, Diagnostic> {
        let plan = self.plan;
        let first = built[0];
        let entries: Vec<ChooserEntry> = built
            .iter()
            .map(|&mi| {
                let mp = &plan.markets[mi];
                let m = &self.messages[&mi];
                ChooserEntry {
                    name: &mp.market.name,
                    locale: &mp.market.locale,
                    href: plan.href(&mp.url),
                    enter: m.format("chooser-enter", &[]).unwrap_or_default(),
                    tagline: m.format("chooser-tagline", &[]).unwrap_or_default(),
                }
            })
            .collect();
        let m = &self.messages[&first];
        let title = m.format("chooser-title", &[]).unwrap_or_default();
        let description = m.format("chooser-description", &[]).unwrap_or_default();
        pcx.render_chooser(self.teras[&first], first, title, description, &entries)
    }
}
