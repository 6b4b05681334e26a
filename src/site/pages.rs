//! Template contexts for each kind of page, and their rendering.

use super::bodies::PageBody;
use super::plan::{Page, Plan};
use super::write::format_seconds;
use crate::diagnostics::Diagnostic;
use crate::render::render_page;
use crate::render::views::{
    Alternate, ChooserEntry, ExplainerCard, ExplainerView, HeadingView, MarketView, PageMeta,
    ScriptLineView, ScriptView, SwitchLink,
};
use crate::resolve::Origin;
use crate::scripts::TimedScript;
use tera::{Context, Tera};

pub struct PageContext<'a> {
    pub plan: &'a Plan<'a>,
    pub theme_origin: &'a str,
}

impl<'a> PageContext<'a> {
    fn market_view(&self, mi: usize) -> MarketView<'a> {
        let mp = &self.plan.markets[mi];
        MarketView {
            id: &mp.market.id,
            name: &mp.market.name,
            locale: &mp.market.locale,
            framing: &mp.market.framing,
            home: self.plan.href(&mp.url),
        }
    }

    fn chooser_href(&self) -> Option<String> {
        self.plan
            .chooser
            .then(|| self.plan.href(&self.plan.site_url))
    }

    /// Links to the other markets: the same explainer where they have it, else their home.
    fn switcher(&self, current: usize, explainer: Option<(usize, &str)>) -> Vec<SwitchLink<'a>> {
        self.plan
            .markets
            .iter()
            .enumerate()
            .map(|(mi, mp)| {
                let url = explainer
                    .and_then(|(ei, slug)| {
                        self.plan.page(mi, ei).map(|p| self.plan.page_url(p, slug))
                    })
                    .unwrap_or_else(|| mp.url.clone());
                SwitchLink {
                    name: &mp.market.name,
                    locale: &mp.market.locale,
                    href: self.plan.href(&url),
                    current: mi == current,
                }
            })
            .collect()
    }

    pub fn render_explainer(
        &self,
        tera: &Tera,
        page: &Page,
        slug: &str,
        body: &PageBody,
    ) -> Result<String, Diagnostic> {
        let plan = self.plan;
        let alternates = plan.explainer_alternates(page.explainer, slug);
        let canonical = match page.origin {
            Origin::UntranslatedSource => alternates
                .iter()
                .find(|a| a.hreflang == "x-default")
                .map(|a| a.href.clone()),
            _ => None,
        }
        .unwrap_or_else(|| plan.page_url(page, slug));
        let meta = PageMeta {
            lang: &plan.markets[page.market].market.locale,
            title: body.title.clone(),
            description: body.summary.clone(),
            canonical,
            alternates: if page.origin == Origin::UntranslatedSource {
                Vec::new()
            } else {
                alternates
            },
            switcher: self.switcher(page.market, Some((page.explainer, slug))),
            chooser: self.chooser_href(),
        };
        let front = &page.doc.front;
        let view = ExplainerView {
            slug,
            title: &body.title,
            summary: &body.summary,
            body: &body.html,
            headings: body
                .headings
                .iter()
                .map(|h| HeadingView {
                    level: h.level,
                    id: &h.id,
                    text: &h.text,
                })
                .collect(),
            topics: &front.topics,
            updated: front.updated.as_deref(),
            untranslated: page.origin == Origin::UntranslatedSource,
            script_href: body
                .script
                .as_ref()
                .map(|_| plan.href(&plan.script_url(page, slug))),
            script_seconds: body
                .script
                .as_ref()
                .map(|s| format_seconds(s.total_seconds)),
        };
        let mut cx = Context::new();
        cx.insert("page", &meta);
        cx.insert("market", &self.market_view(page.market));
        cx.insert("explainer", &view);
        render_page(tera, "explainer.html", &cx, self.theme_origin)
    }

    /// A market's home: its explainers, in order.
    pub fn render_home(
        &self,
        tera: &Tera,
        mi: usize,
        title: String,
        description: String,
        cards: &[ExplainerCard],
    ) -> Result<String, Diagnostic> {
        let mp = &self.plan.markets[mi];
        let meta = PageMeta {
            lang: &mp.market.locale,
            title,
            description,
            canonical: mp.url.clone(),
            alternates: self.plan.home_alternates(),
            switcher: self.switcher(mi, None),
            chooser: self.chooser_href(),
        };
        let mut cx = Context::new();
        cx.insert("page", &meta);
        cx.insert("market", &self.market_view(mi));
        cx.insert("explainers", cards);
        render_page(tera, "home.html", &cx, self.theme_origin)
    }

    /// The market chooser at the root, in the language of `mi` (the first market).
    pub fn render_chooser(
        &self,
        tera: &Tera,
        mi: usize,
        title: String,
        description: String,
        entries: &[ChooserEntry],
    ) -> Result<String, Diagnostic> {
        let meta = PageMeta {
            lang: &self.plan.markets[mi].market.locale,
            title,
            description,
            canonical: self.plan.site_url.clone(),
            alternates: self.plan.home_alternates(),
            switcher: Vec::new(),
            chooser: None,
        };
        let mut cx = Context::new();
        cx.insert("page", &meta);
        cx.insert("market", &self.market_view(mi));
        cx.insert("markets", entries);
        render_page(tera, "index.html", &cx, self.theme_origin)
    }

    /// `404.html` at the root, in the language of `mi`, linking to every market home.
    pub fn render_not_found(
        &self,
        tera: &Tera,
        mi: usize,
        title: String,
    ) -> Result<String, Diagnostic> {
        let meta = PageMeta {
            lang: &self.plan.markets[mi].market.locale,
            title,
            description: String::new(),
            canonical: format!("{}404.html", self.plan.output_url),
            alternates: Vec::<Alternate>::new(),
            switcher: self.switcher(mi, None),
            chooser: self.chooser_href(),
        };
        let mut cx = Context::new();
        cx.insert("page", &meta);
        cx.insert("market", &self.market_view(mi));
        render_page(tera, "404.html", &cx, self.theme_origin)
    }

    /// The printable card of a page's creator script.
    pub fn render_script_card(
        &self,
        tera: &Tera,
        page: &Page,
        slug: &str,
        body: &PageBody,
        script: &TimedScript,
    ) -> Result<String, Diagnostic> {
        let plan = self.plan;
        let alternates = plan.script_alternates(page.explainer, slug);
        let own = plan.script_url(page, slug);
        let meta = PageMeta {
            lang: &plan.markets[page.market].market.locale,
            title: body.title.clone(),
            description: body.summary.clone(),
            canonical: if page.origin == Origin::UntranslatedSource {
                alternates
                    .iter()
                    .find(|a| a.hreflang == "x-default")
                    .map_or(own, |a| a.href.clone())
            } else {
                own
            },
            alternates: if page.origin == Origin::UntranslatedSource {
                Vec::new()
            } else {
                alternates
            },
            switcher: self.switcher(page.market, None),
            chooser: self.chooser_href(),
        };
        let view = ScriptView {
            slug,
            title: &body.title,
            explainer_href: plan.href(&plan.page_url(page, slug)),
            total_seconds: format_seconds(script.total_seconds),
            lines: script
                .lines
                .iter()
                .map(|l| ScriptLineView {
                    role: l.role.as_str(),
                    text: &l.text,
                    start: clock(l.start),
                    end: clock(l.end),
                    seconds: format!("{:.1}", l.seconds()),
                    screen: l.screen.as_deref(),
                    note: l.note.as_deref(),
                })
                .collect(),
            txt: format!("../{slug}.txt"),
            vtt: format!("../{slug}.vtt"),
            json: format!("../{slug}.json"),
        };
        let mut cx = Context::new();
        cx.insert("page", &meta);
        cx.insert("market", &self.market_view(page.market));
        cx.insert("script", &view);
        render_page(tera, "script.html", &cx, self.theme_origin)
    }

    /// A market's list of creator scripts with their durations.
    pub fn render_scripts_index(
        &self,
        tera: &Tera,
        mi: usize,
        title: String,
        description: String,
        cards: &[ExplainerCard],
    ) -> Result<String, Diagnostic> {
        let mp = &self.plan.markets[mi];
        let meta = PageMeta {
            lang: &mp.market.locale,
            title,
            description,
            canonical: format!("{}scripts/", mp.url),
            alternates: self.plan.scripts_index_alternates(),
            switcher: self.switcher(mi, None),
            chooser: self.chooser_href(),
        };
        let mut cx = Context::new();
        cx.insert("page", &meta);
        cx.insert("market", &self.market_view(mi));
        cx.insert("explainers", cards);
        render_page(tera, "scripts.html", &cx, self.theme_origin)
    }
}

/// `m:ss.s`, for times on a script card.
fn clock(seconds: f64) -> String {
    let tenths = (seconds * 10.0).round() as u64;
    format!("{}:{:02}.{}", tenths / 600, tenths / 10 % 60, tenths % 10)
}
