//! The render stage: the pages of a site as bytes, for one build. Each unit
//! is a function from loaded sources and the plan to files: a page's body, the
//! files of one explainer page (its page, script card and script downloads), a
//! market's indexes, the files at the root. Nothing here reads or writes a
//! file: a build writes what these return into its staging folder, `serve`
//! into memory (through its memo, `serve::memo`), `check` nowhere.

mod anchors;
mod body;
mod cards;
mod html;
mod indexes;
mod navigation;
mod sitemaps;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::l10n::Messages;
use crate::load::Sources;
use crate::plan::{Page, Plan};
use crate::render::views::Hreflang;
use crate::render::{MarketTemplates, load_templates, market_templates, message_calls};
use crate::scripts::formats::{TxtLabels, render_json, render_txt};
use crate::scripts::vtt::{render_screen_vtt, render_srt, render_vtt};
pub use anchors::AnchorTargets;
pub use body::PageBody;
pub use cards::Made;
use html::{PageContext, Shared, SwitchTo};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use tera::Value;

/// A file of the output: its `/`-separated path and its bytes.
pub struct File {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl File {
    fn new(path: String, bytes: impl Into<Vec<u8>>) -> File {
        File {
            path,
            bytes: bytes.into(),
        }
    }
}

/// What a market's indexes show of one of its pages.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// The page, in the plan.
    pub page: usize,
    pub title: String,
    pub summary: String,
    /// The running time of its script, when it has one.
    pub script_seconds: Option<f64>,
}

impl Card {
    pub fn of(page: usize, body: &PageBody) -> Card {
        Card {
            page,
            title: body.title.clone(),
            summary: body.summary.clone(),
            script_seconds: body.script.as_ref().map(|s| s.total_seconds),
        }
    }
}

/// What the pages of one explainer share in every market: its hreflang sets
/// (its pages', its script cards') and where its market switcher leads.
pub struct ExplainerShared {
    pages: Hreflang,
    scripts: Hreflang,
    switch_hrefs: Vec<String>,
    /// Where its script cards' market switcher leads.
    script_switch_hrefs: Vec<String>,
}

/// One market's messages and templates.
struct MarketPages {
    messages: Arc<Messages>,
    templates: MarketTemplates,
    /// The site's name (`site-name`), which every share card shows.
    brand: String,
}

/// Everything the pages of one build share.
pub struct Pages<'a> {
    pub sources: &'a Sources,
    pub plan: &'a Plan<'a>,
    /// Per market of the plan: its messages and templates, when it is built.
    markets: Vec<Option<MarketPages>>,
    /// Theme asset path -> fingerprinted URL.
    assets: Arc<HashMap<String, String>>,
    /// What templates see as `market`, per market of the plan.
    market_values: Vec<Value>,
    /// Explainer slug -> index, for links between explainers.
    slugs: HashMap<&'a str, usize>,
    /// Per market of the plan: its pages by topic, made when first asked for.
    topic_index: Vec<OnceLock<navigation::TopicIndex<'a>>>,
    /// Per page of the plan: its title and summary, when another page lists it.
    front_texts: Vec<OnceLock<(String, String)>>,
    /// The brand every page shows (`site`).
    site: Value,
    /// The theme's share card template and fonts, when it draws cards.
    cards: Option<Arc<crate::assets::cards::CardMaker>>,
}

impl<'a> Pages<'a> {
    /// The templates and messages of every built market. `None` when the theme's
    /// templates do not load; problems go to `diags`.
    pub fn new(
        sources: &'a Sources,
        plan: &'a Plan<'a>,
        assets: Arc<HashMap<String, String>>,
        diags: &mut Diagnostics,
    ) -> Option<Pages<'a>> {
        let base = load_templates(&sources.theme, assets.clone(), diags)?;
        let cards = match &sources.theme.card {
            Some(t) => match crate::assets::cards::CardMaker::new(t, &sources.theme.fonts) {
                Ok(maker) => Some(Arc::new(maker)),
                Err(d) => {
                    diags.push(d);
                    return None;
                }
            },
            None => None,
        };
        let messages: Vec<Option<Arc<Messages>>> = plan
            .markets
            .iter()
            .map(|mp| {
                mp.built
                    .then(|| Arc::new(Messages::for_market(mp.market, &sources.ftl, diags)))
            })
            .collect();
        check_template_messages(sources, plan, &messages, diags);
        navigation::check_topic_names(sources, plan, &messages, diags);
        let market_values = html::market_values(plan, &messages);
        let markets = messages
            .into_par_iter()
            .enumerate()
            .map(|(mi, m)| {
                m.map(|messages| MarketPages {
                    templates: market_templates(
                        &base,
                        &sources.theme,
                        messages.clone(),
                        &plan.markets[mi].market.locale,
                    ),
                    brand: messages.format("site-name", &[]).unwrap_or_default(),
                    messages,
                })
            })
            .collect();
        Some(Pages {
            sources,
            plan,
            markets,
            assets,
            market_values,
            slugs: (sources.library.explainers.iter().enumerate())
                .map(|(i, e)| (e.slug.as_str(), i))
                .collect(),
            topic_index: plan.markets.iter().map(|_| OnceLock::new()).collect(),
            front_texts: plan.pages.iter().map(|_| OnceLock::new()).collect(),
            site: crate::render::views::as_value(&navigation::site_view(&sources.config, plan)),
            cards,
        })
    }

    /// The markets this build writes, by index in the plan.
    pub fn built(&self) -> Vec<usize> {
        (0..self.markets.len())
            .filter(|&mi| self.markets[mi].is_some())
            .collect()
    }

    /// The messages of built market `mi`.
    pub fn messages(&self, mi: usize) -> &Arc<Messages> {
        &self.market(mi).messages
    }

    fn market(&self, mi: usize) -> &MarketPages {
        self.markets[mi]
            .as_ref()
            .expect("pages are rendered for built markets only")
    }

    fn slug(&self, explainer: usize) -> &'a str {
        &self.sources.library.explainers[explainer].slug
    }

    fn context(&self) -> PageContext<'_> {
        PageContext {
            plan: self.plan,
            theme: &self.sources.theme,
            markets: &self.market_values,
            source_language: &self.sources.config.source_language,
            link_scripts: self.sources.config.scripts.link_from_pages,
            site: &self.site,
        }
    }

    /// The body of page `page` of the plan: its variants, messages, Markdown and
    /// script, for its market.
    pub fn body(&self, page: usize, diags: &mut Diagnostics) -> PageBody {
        let page = &self.plan.pages[page];
        body::render_body(self, page, &self.market(page.market).messages, diags)
    }

    /// What the pages of explainer `e` share in every market.
    pub fn explainer_shared(&self, e: usize) -> ExplainerShared {
        let slug = self.slug(e);
        ExplainerShared {
            pages: Hreflang::new(self.plan.explainer_alternates(e, slug)),
            scripts: Hreflang::new(self.plan.script_alternates(e, slug)),
            switch_hrefs: self
                .context()
                .switch_hrefs(Some((e, slug)), SwitchTo::Pages),
            script_switch_hrefs: self
                .context()
                .switch_hrefs(Some((e, slug)), SwitchTo::Scripts),
        }
    }

    /// The files of page `page`: the explainer page and, when it has a script,
    /// the script card and its JSON, WebVTT and text downloads; and its share
    /// card, to be drawn.
    pub fn page_files(
        &self,
        page: usize,
        body: &PageBody,
        shared: &ExplainerShared,
    ) -> Result<(Vec<File>, Option<Made>), Diagnostic> {
        let (plan, pcx) = (self.plan, self.context());
        let page_index = page;
        let page: &Page = &plan.pages[page];
        let slug = self.slug(page.explainer);
        let templates = &self.market(page.market).templates;
        let switcher = pcx.switcher(page.market, &shared.switch_hrefs);
        let url = plan.page_url(page, slug);
        let dir = format!("{}{slug}/", plan.markets[page.market].dir);
        let (made, image) = self
            .card(page.market, &body.title, (&dir, &url), false)
            .unzip();
        let for_pages = Shared {
            alternates: &shared.pages,
            switcher: &switcher,
            image: image.as_ref(),
        };
        let mut files = vec![File::new(
            plan.page_path(page, slug),
            pcx.render_explainer(
                templates,
                page,
                slug,
                body,
                for_pages,
                self.navigation(page_index),
            )?,
        )];
        let Some(script) = &body.script else {
            return Ok((files, made));
        };
        let dir = format!("{}scripts/{slug}", plan.markets[page.market].dir);
        let lang = page.doc.language(&self.sources.config.source_language);
        let labels = txt_labels(&self.market(page.market).messages, script.total_seconds);
        files.push(File::new(format!("{dir}.json"), render_json(script)));
        files.push(File::new(format!("{dir}.vtt"), render_vtt(script)));
        files.push(File::new(format!("{dir}.srt"), render_srt(script)));
        if script.has_screen_text() {
            let screen = render_screen_vtt(script, lang);
            files.push(File::new(format!("{dir}.screen.vtt"), screen));
        }
        files.push(File::new(format!("{dir}.txt"), render_txt(script, &labels)));
        let switcher = pcx.switcher(page.market, &shared.script_switch_hrefs);
        let for_cards = Shared {
            alternates: &shared.scripts,
            switcher: &switcher,
            image: image.as_ref(),
        };
        let card = pcx.render_script_card(templates, page, slug, body, script, for_cards)?;
        files.push(File::new(format!("{dir}/index.html"), card));
        Ok((files, made))
    }

    /// The theme's assets, under their fingerprinted names.
    pub fn asset_files(&self) -> Vec<File> {
        let root = self.plan.root_path().len();
        (self.sources.theme.assets.iter())
            .map(|(path, bytes)| File::new(self.assets[path][root..].to_string(), bytes.clone()))
            .collect()
    }
}

/// Theme assets by path -> fingerprinted URL (`/static/style.1a2b3c4d5e.css`).
pub fn fingerprint(sources: &Sources, plan: &Plan) -> HashMap<String, String> {
    (sources.theme.assets.iter())
        .map(|(path, bytes)| {
            let hash = blake3::hash(bytes).to_hex();
            let short = &hash.as_str()[..10];
            let name = match path.rsplit_once('.') {
                Some((stem, ext)) if !stem.ends_with('/') => format!("{stem}.{short}.{ext}"),
                _ => format!("{path}.{short}"),
            };
            (path.clone(), format!("{}static/{name}", plan.root_path()))
        })
        .collect()
}

/// Every `t(id="…")` in the templates must resolve in every built market.
fn check_template_messages(
    sources: &Sources,
    plan: &Plan,
    messages: &[Option<Arc<Messages>>],
    diags: &mut Diagnostics,
) {
    for (_, file) in &sources.theme.templates {
        for (id, at) in message_calls(&file.text) {
            for market in lacking(plan, messages, id) {
                diags.push(
                    Diagnostic::error(
                        Code::UnknownMessage,
                        format!(
                            "unknown message `{id}` (after fallback to {})",
                            market.locale_chain().join(", ")
                        ),
                    )
                    .at(file.location(at))
                    .market(market.id.clone())
                    .help(format!(
                        "define `{id}` in locales/{}/ or in the reference locale en-US",
                        market.locale
                    )),
                );
            }
        }
    }
}

/// The built markets whose messages lack `id` (after fallback).
fn lacking<'p>(
    plan: &'p Plan,
    messages: &'p [Option<Arc<Messages>>],
    id: &'p str,
) -> impl Iterator<Item = &'p crate::config::Market> + 'p {
    (plan.markets.iter().zip(messages))
        .filter(move |(_, m)| m.as_ref().is_some_and(|m| !m.has(id)))
        .map(|(mp, _)| mp.market)
}

/// Seconds for display: whole seconds, at least 1.
pub fn format_seconds(seconds: f64) -> String {
    format!("{}", seconds.round().max(1.0) as u64)
}

fn txt_labels(m: &Messages, total: f64) -> TxtLabels {
    let seconds = format_seconds(total);
    TxtLabels {
        screen: m.format("script-screen", &[]).unwrap_or_default(),
        note: m.format("script-note", &[]).unwrap_or_default(),
        total: m.format("script-total", &[]).unwrap_or_default(),
        seconds: m
            .format("script-duration", &[("seconds", seconds.as_str().into())])
            .unwrap_or(seconds),
    }
}
