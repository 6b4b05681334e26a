//! The preview's render: the build's units (`pages`), wrapped in `serve`'s memo
//! so that an edit re-renders only what it touches, into memory. A market with
//! errors keeps its last good pages while the others update.

use super::memo::{CachedBody, Keys, Memo, failed_markets, key_of, layout_key};
use super::memory::{LazyCard, MemorySite, Served};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Sources;
use crate::pages::{AnchorTargets, Card, File, Made, Pages, fingerprint};
use crate::plan::{Concern, Plan, PlanOptions, check_layout, plan};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

pub struct PreviewOptions<'a> {
    pub markets: &'a [String],
    /// The URL the preview is served at.
    pub base_url: &'a str,
    pub drafts: bool,
}

/// What a rebuild of the preview did.
pub struct Rendered {
    /// Files written or removed.
    pub written: usize,
    /// Output folders (`uk/`) of the markets kept as they were because of their errors.
    pub failed_dirs: Vec<String>,
    pub findings: Findings,
}

/// Why a rebuild changed nothing.
pub enum RenderError {
    /// The command line asks for what the site does not have (`--market`).
    Usage(String),
    /// Every market has errors (or the theme does): the last good site stays.
    Content(Findings),
}

/// A rebuild's findings, sorted, and what the browser needs to show each
/// page only those that concern it.
#[derive(Default)]
pub struct Findings {
    pub diagnostics: Vec<Diagnostic>,
    /// Per finding, the ids of the markets it concerns; empty: the whole site.
    pub markets: Vec<Vec<String>>,
    /// Each built market's id and output folder (`uk/`, empty at the root).
    pub dirs: Vec<(String, String)>,
}

impl Findings {
    fn of(diags: Diagnostics, plan: &Plan) -> Findings {
        let diagnostics = diags.into_sorted();
        let markets = (diagnostics.iter())
            .map(|d| match plan.concern(d) {
                Concern::Site => Vec::new(),
                Concern::Markets(m) => (m.into_iter())
                    .map(|mi| plan.markets[mi].market.id.clone())
                    .collect(),
            })
            .collect();
        let dirs = (plan.markets.iter())
            .filter(|mp| mp.built)
            .map(|mp| (mp.market.id.clone(), mp.dir.clone()))
            .collect();
        Findings {
            diagnostics,
            markets,
            dirs,
        }
    }
}

/// Render `sources` into `site`, reusing from `memo` what did not change.
pub fn render_preview(
    sources: &Sources,
    opts: &PreviewOptions,
    memo: &mut Memo,
    site: &MemorySite,
    mut diags: Diagnostics,
) -> Result<Rendered, RenderError> {
    let plan_opts = PlanOptions {
        markets: opts.markets,
        base_url: Some(opts.base_url),
        strict: false,
        drafts: opts.drafts,
    };
    let plan = plan(sources, &plan_opts, &mut diags).map_err(|e| RenderError::Usage(e.0))?;
    let findings = |diags| Findings::of(diags, &plan);
    let assets = Arc::new(fingerprint(sources, &plan));
    let key = layout_key(sources, &plan, &assets);
    diags.extend(memo.layout(key, || check_layout(sources, &plan, &assets)));
    let Some(pages) = Pages::new(sources, &plan, assets.clone(), &mut diags) else {
        return Err(RenderError::Content(findings(diags)));
    };
    let built = pages.built();
    let messages = built.iter().map(|&mi| (mi, pages.messages(mi).clone()));
    let keys = Keys::new(sources, &plan, messages, &assets, pages.cards_key());
    let bodies = bodies(&pages, &keys, memo);
    findings_of(&pages, &bodies, &mut diags);
    sources.config.apply_levels(&mut diags);
    let failed = failed_markets(&diags, &plan);
    if failed.len() == built.len() && diags.has_errors() {
        memo.discard();
        return Err(RenderError::Content(findings(diags)));
    }
    let mut out = Output {
        pages: &pages,
        plan: &plan,
        keys: &keys,
        memo,
        site,
        failed: &failed,
    };
    let written = out
        .write(&bodies, &built)
        .and_then(|()| out.write_static(sources));
    match written {
        Ok(()) => {
            let failed_dirs: Vec<String> = failed
                .iter()
                .map(|&mi| plan.markets[mi].dir.clone())
                .collect();
            failed_dirs.iter().for_each(|d| memo.keep_prefix(d));
            if !failed.is_empty() {
                let root = ["index.html", "404.html", "robots.txt", "sitemap"];
                for root in root {
                    memo.keep_prefix(root);
                }
            }
            let stale = memo.finish();
            Ok(Rendered {
                written: site.publish(&stale),
                failed_dirs,
                findings: findings(diags),
            })
        }
        Err(d) => {
            memo.discard();
            site.discard();
            diags.push(d);
            Err(RenderError::Content(findings(diags)))
        }
    }
}

/// A page (by index in the plan), its body, and the key of the body's inputs.
type Body = (usize, Arc<CachedBody>, u64);

/// The body of every page of the built markets: from the memo when its inputs
/// did not change, else rendered (on all cores) and kept in the memo.
fn bodies(pages: &Pages, keys: &Keys, memo: &mut Memo) -> Vec<Body> {
    let plan = pages.plan;
    let id_of = |i: usize| {
        let page = &plan.pages[i];
        let slug = &pages.sources.library.explainers[page.explainer].slug;
        key_of((&plan.markets[page.market].market.id, slug))
    };
    let wanted: Vec<(usize, u64, u64, Option<Arc<CachedBody>>)> = (0..plan.pages.len())
        .filter(|&i| plan.markets[plan.pages[i].market].built)
        .map(|i| {
            let (id, key) = (id_of(i), keys.body(pages.sources, &plan.pages[i]));
            (i, id, key, memo.body(id, key))
        })
        .collect();
    let made: Vec<(Body, Option<u64>)> = wanted
        .into_par_iter()
        .map(|(i, id, key, hit)| match hit {
            Some(hit) => ((i, hit, key), None),
            None => {
                let mut d = Diagnostics::new();
                let body = pages.body(i, &mut d);
                let diagnostics = d.into_iter().collect();
                let cached = CachedBody { body, diagnostics };
                ((i, Arc::new(cached), key), Some(id))
            }
        })
        .collect();
    (made.into_iter())
        .map(|((i, body, key), new)| {
            if let Some(id) = new {
                memo.store_body(id, key, body.clone());
            }
            (i, body, key)
        })
        .collect()
}

/// Each body's findings, and those of its links to other pages' headings,
/// judged against the headings of this rebuild's bodies.
fn findings_of(pages: &Pages, bodies: &[Body], diags: &mut Diagnostics) {
    let mut targets = AnchorTargets::new(pages.plan.pages.len());
    for (i, b, _) in bodies
        .iter()
        .filter(|(i, b, _)| AnchorTargets::judged(pages, *i, &b.body))
    {
        targets.set(*i, b.body.headings.as_slice().into());
    }
    for (i, b, _) in bodies {
        diags.extend(b.diagnostics.iter().cloned());
        if let Some(links) = &b.body.pending {
            pages.judge_anchor_links(*i, links, &targets, diags);
        }
    }
}

/// A unit of the output that was made again: its id, its key and its files.
type Unit = (u64, u64, WithCard);

/// What a market's home shows of its cards, as a key: a card's title, summary,
/// script length, first topic and date.
fn shown_on_home(pages: &Pages, cards: &[Card]) -> u64 {
    let plan = pages.plan;
    let shown: Vec<_> = (cards.iter())
        .map(|c| {
            let p = &plan.pages[c.page];
            let source = &pages.sources.library.explainers[p.explainer].source;
            let seconds = c.script_seconds.map(f64::to_bits);
            let dated = (source.front.topics.first(), &p.doc.front.updated);
            (c.page, &c.title, &c.summary, seconds, dated)
        })
        .collect();
    key_of(shown)
}

/// Writing a rebuild's units into the served site.
struct Output<'a, 'p> {
    pages: &'a Pages<'p>,
    plan: &'a Plan<'p>,
    keys: &'a Keys,
    memo: &'a mut Memo,
    site: &'a MemorySite,
    /// Markets whose errors keep their last good pages.
    failed: &'a BTreeSet<usize>,
}

impl Output<'_, '_> {
    /// Write `files` as unit `id` of key `key`.
    fn record(&mut self, id: u64, key: u64, files: Vec<File>) {
        self.record_with_card(id, key, (files, None));
    }

    /// Write `files` and a share card as unit `id` of key `key`.
    fn record_with_card(&mut self, id: u64, key: u64, (files, card): WithCard) {
        let mut paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        for f in files {
            self.site.put(f.path, Served::Bytes(Arc::new(f.bytes)));
        }
        if let Some((path, card)) = card {
            paths.push(path.clone());
            self.site.put(path, card);
        }
        self.memo.record(id, key, paths);
    }

    /// The pages, the markets' indexes and the root files that changed.
    fn write(&mut self, bodies: &[Body], built: &[usize]) -> Result<(), Diagnostic> {
        let (plan, pages) = (self.plan, self.pages);
        let availability = availability(plan, pages.sources.library.explainers.len());
        let theme = self.keys.theme;
        let live: Vec<&Body> = (bodies.iter())
            .filter(|(i, _, _)| !self.failed.contains(&plan.pages[*i].market))
            .collect();
        let stale: Vec<(&Body, u64, u64)> = (live.iter())
            .map(|b| {
                let page = &plan.pages[b.0];
                let slug = &pages.sources.library.explainers[page.explainer].slug;
                let id = key_of(("page", &plan.markets[page.market].market.id, slug));
                // A page lists related explainers: their titles are part of it.
                let related = pages.related(b.0);
                (
                    *b,
                    id,
                    key_of((b.2, theme, availability[page.explainer], related)),
                )
            })
            .filter(|(_, id, key)| !self.memo.fresh(*id, *key))
            .collect();
        let made: Vec<Result<Unit, Diagnostic>> = (stale.into_par_iter())
            .map(|((i, body, _), id, key)| {
                let shared = pages.explainer_shared(plan.pages[*i].explainer);
                let files = pages.page_files(*i, &body.body, &shared)?;
                Ok((id, key, with_card(pages, self.site, files, false)?))
            })
            .collect();
        for m in made {
            let (id, key, files) = m?;
            self.record_with_card(id, key, files);
        }
        let cards = cards(plan, &live);
        for &mi in built.iter().filter(|mi| !self.failed.contains(mi)) {
            let shown = shown_on_home(pages, &cards[mi]);
            let (id, key) = (
                key_of(("market", mi)),
                key_of((theme, self.keys.market.get(&mi), shown)),
            );
            if !self.memo.fresh(id, key) {
                let files =
                    with_card(pages, self.site, pages.market_files(mi, &cards[mi])?, false)?;
                self.record_with_card(id, key, files);
            }
        }
        if self.failed.is_empty() {
            let markets: Vec<Option<&u64>> =
                built.iter().map(|mi| self.keys.market.get(mi)).collect();
            let lastmods: Vec<Option<&str>> = (plan.pages.iter())
                .map(|p| p.doc.front.updated.as_deref())
                .collect();
            let key = key_of((theme, &markets));
            if !self.memo.fresh(key_of("root"), key) {
                let files = with_card(pages, self.site, pages.root_pages()?, true)?;
                self.record_with_card(key_of("root"), key, files);
            }
            let key = key_of((theme, built, &availability, lastmods));
            if !self.memo.fresh(key_of("sitemap"), key) {
                self.record(key_of("sitemap"), key, pages.sitemap_files(true));
            }
        }
        Ok(())
    }

    /// The theme's assets and the site's static files that changed.
    fn write_static(&mut self, sources: &Sources) -> Result<(), Diagnostic> {
        for file in self.pages.asset_files() {
            // The fingerprint in the name is the content's key.
            let id = key_of(("asset", &file.path));
            if !self.memo.fresh(id, 0) {
                self.record(id, 0, vec![file]);
            }
        }
        for rel in sources
            .static_files
            .difference(&sources.static_scan.refused)
        {
            let from = format!("static/{rel}");
            let meta = std::fs::metadata(sources.dir.path(&from)).ok();
            let key = key_of((
                meta.as_ref().map(|m| m.len()),
                meta.and_then(|m| m.modified().ok()),
            ));
            let id = key_of(("static", rel));
            if self.memo.fresh(id, key) {
                continue;
            }
            match sources.dir.read_any_size(&from) {
                Ok(bytes) => self.record(
                    id,
                    key,
                    vec![File {
                        path: rel.clone(),
                        bytes,
                    }],
                ),
                Err(e) => return Err(e.diagnostic(&from)),
            }
        }
        self.write_resized(sources)
    }

    /// The resized copies of the site's images: their names say what they are
    /// made from, so a copy in the memo is never made again.
    fn write_resized(&mut self, sources: &Sources) -> Result<(), Diagnostic> {
        for (rel, image) in &sources.static_scan.images {
            for v in &image.variants {
                let id = key_of(("resized", &v.path));
                if self.memo.fresh(id, 0) {
                    continue;
                }
                let resized = crate::assets::resized_copy(&sources.dir, rel, v)?;
                let file = File {
                    path: v.path.clone(),
                    bytes: resized,
                };
                self.record(id, 0, vec![file]);
            }
        }
        Ok(())
    }
}

/// `files` and their share card: the one the site serves when it has that name
/// (its name says what it is drawn from), else one drawn when first asked for.
/// With `draw_now` (the chooser's card, re-made when the theme changes), it is
/// drawn at once, so that a broken card template is reported with the rebuild.
fn with_card(
    pages: &Pages,
    site: &MemorySite,
    (files, made): (Vec<File>, Option<Made>),
    draw_now: bool,
) -> Result<WithCard, Diagnostic> {
    let (Some(made), Some(maker)) = (made, pages.card_maker()) else {
        return Ok((files, None));
    };
    let card = match site.get(&made.path) {
        Some(served) => served,
        None => {
            let card = LazyCard::new(maker.clone(), made.card);
            if draw_now {
                card.png()?;
            }
            Served::Card(Arc::new(card))
        }
    };
    Ok((files, Some((made.path, card))))
}

/// A unit's files and its share card, by path.
type WithCard = (Vec<File>, Option<(String, Served)>);

/// Per explainer, a key of which markets have it, how, and with a script: the
/// part of a page (alternates, switcher) that other explainers' files change.
fn availability(plan: &Plan, explainers: usize) -> Vec<u64> {
    let mut by_explainer: Vec<Vec<(usize, u8, bool)>> = vec![Vec::new(); explainers];
    for p in &plan.pages {
        let listed = (p.market, p.origin as u8, p.doc.body.script.is_some());
        by_explainer[p.explainer].push(listed);
    }
    by_explainer.into_iter().map(key_of).collect()
}

/// Each market's cards, in the plan's order.
fn cards(plan: &Plan, live: &[&Body]) -> Vec<Vec<Card>> {
    let mut cards = vec![Vec::new(); plan.markets.len()];
    for (i, body, _) in live {
        cards[plan.pages[*i].market].push(Card::of(*i, &body.body));
    }
    cards
        .iter_mut()
        .for_each(|c: &mut Vec<Card>| c.sort_by_key(|c| c.page));
    cards
}
