//! The pages that list others: each market's home and creator scripts index,
//! and at the root the market chooser, 404.html, sitemap.xml and robots.txt.

use super::{Card, File, Pages, format_seconds};
use crate::diagnostics::Diagnostic;
use crate::render::sitemap::{SitemapEntry, render_robots, render_sitemap};
use crate::render::views::{ChooserEntry, ExplainerCard};
use crate::resolve::Origin;
use std::sync::Arc;

impl Pages<'_> {
    /// Market `mi`'s home and its creator scripts index, listing `cards` (the
    /// market's pages, in the plan's order).
    pub fn market_files(&self, mi: usize, cards: &[Card]) -> Result<Vec<File>, Diagnostic> {
        let (plan, pcx) = (self.plan, self.context());
        let mp = &plan.markets[mi];
        let (m, templates) = (&self.market(mi).messages, &self.market(mi).templates);
        let views: Vec<ExplainerCard> = cards
            .iter()
            .map(|card| {
                let page = &plan.pages[card.page];
                let slug = self.slug(page.explainer);
                ExplainerCard {
                    slug,
                    title: &card.title,
                    summary: &card.summary,
                    href: plan.href(&plan.page_url(page, slug)),
                    updated: page.doc.front.updated.as_deref(),
                    script_seconds: card.script_seconds.map(format_seconds),
                    script_href: card
                        .script_seconds
                        .map(|_| plan.href(&plan.script_url(page, slug))),
                }
            })
            .collect();
        let text = |id: &str| m.format(id, &[]).unwrap_or_default();
        let home = pcx.render_home(
            templates,
            mi,
            text("home-title"),
            text("home-description"),
            &views,
        )?;
        let scripts = pcx.render_scripts_index(
            templates,
            mi,
            text("scripts-title"),
            text("scripts-description"),
            &views,
        )?;
        Ok(vec![
            File::new(format!("{}index.html", mp.dir), home),
            File::new(format!("{}scripts/index.html", mp.dir), scripts),
        ])
    }

    /// The files at the root: the pages (`root_pages`) and the sitemap
    /// (`sitemap_files`).
    pub fn root_files(&self) -> Result<Vec<File>, Diagnostic> {
        let mut files = self.root_pages()?;
        files.extend(self.sitemap_files());
        Ok(files)
    }

    /// The market chooser (when the build has one) and 404.html, in the
    /// language of the first built market.
    pub fn root_pages(&self) -> Result<Vec<File>, Diagnostic> {
        let (plan, pcx) = (self.plan, self.context());
        let built = self.built();
        let first = built[0];
        let (m, templates) = (&self.market(first).messages, &self.market(first).templates);
        let text = |id: &str| m.format(id, &[]).unwrap_or_default();
        let mut files = Vec::with_capacity(4);
        if plan.chooser {
            let entries: Vec<ChooserEntry> = built
                .iter()
                .map(|&mi| {
                    let mp = &plan.markets[mi];
                    let own = &self.market(mi).messages;
                    ChooserEntry {
                        name: &mp.market.name,
                        locale: &mp.market.locale,
                        href: plan.href(&mp.url),
                        enter: own.format("chooser-enter", &[]).unwrap_or_default(),
                        tagline: own.format("chooser-tagline", &[]).unwrap_or_default(),
                    }
                })
                .collect();
            let title = text("chooser-title");
            let chooser = pcx.render_chooser(
                templates,
                first,
                title,
                text("chooser-description"),
                &entries,
            )?;
            files.push(File::new("index.html".into(), chooser));
        }
        let not_found = pcx.render_not_found(
            templates,
            first,
            text("not-found-title"),
            text("not-found-body"),
        )?;
        files.push(File::new("404.html".into(), not_found));
        Ok(files)
    }

    /// sitemap.xml, with every page of the built markets, and robots.txt.
    pub fn sitemap_files(&self) -> Vec<File> {
        let sitemap = render_sitemap(&self.sitemap_entries(&self.built()));
        let robots = render_robots(&format!("{}sitemap.xml", self.plan.output_url));
        vec![
            File::new("sitemap.xml".into(), sitemap),
            File::new("robots.txt".into(), robots),
        ]
    }

    /// Every page of the built markets with its hreflang set; an explainer's
    /// sets are made once and shared by its pages.
    fn sitemap_entries(&self, built: &[usize]) -> Vec<SitemapEntry> {
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
        let sets: Vec<_> = (0..self.sources.library.explainers.len())
            .map(|e| {
                let slug = self.slug(e);
                let pages = Arc::new(plan.explainer_alternates(e, slug));
                (pages, Arc::new(plan.script_alternates(e, slug)))
            })
            .collect();
        for &mi in built {
            let mp = &plan.markets[mi];
            for (loc, alternates) in [
                (mp.url.clone(), &homes),
                (format!("{}scripts/", mp.url), &scripts),
            ] {
                entries.push(SitemapEntry {
                    loc,
                    lastmod: None,
                    alternates: alternates.clone(),
                });
            }
            let listed = (plan.pages.iter())
                .filter(|p| p.market == mi && p.origin != Origin::UntranslatedSource);
            for p in listed {
                let slug = self.slug(p.explainer);
                let (page_alts, script_alts) = &sets[p.explainer];
                let lastmod = p.doc.front.updated.clone();
                entries.push(SitemapEntry {
                    loc: plan.page_url(p, slug),
                    lastmod: lastmod.clone(),
                    alternates: page_alts.clone(),
                });
                if p.doc.body.script.is_some() {
                    entries.push(SitemapEntry {
                        loc: plan.script_url(p, slug),
                        lastmod,
                        alternates: script_alts.clone(),
                    });
                }
            }
        }
        entries
    }
}
