//! Template contexts for each kind of page, and their rendering.

use super::{PageBody, format_seconds};
use crate::content::Role;
use crate::diagnostics::Diagnostic;
use crate::l10n::Messages;
use crate::plan::{Page, Plan};
use crate::render::MarketTemplates;
use crate::render::views::ImageMeta;
use crate::render::views::{
    Alternate, ChooserEntry, ExplainerView, HeadingView, Hreflang, MarketView, Navigation,
    PageMeta, ScriptLineView, ScriptView, SwitchLink, TopicGroup, as_value,
};
use crate::resolve::Origin;
use crate::scripts::TimedScript;
use serde::Serialize;
use tera::{Context, Value};

pub struct PageContext<'a> {
    pub plan: &'a Plan<'a>,
    pub theme: &'a crate::theme::Theme,
    /// Each market's `market` value (see `market_values`).
    pub markets: &'a [Value],
    /// The site's source language (`en`).
    pub source_language: &'a str,
    /// Whether consumer pages link the creator scripts.
    pub link_scripts: bool,
    /// The brand, as a template value (`site`).
    pub site: &'a Value,
}

/// What templates see as `market`, per market of the plan (`messages` of the
/// built ones name their links): made once per build.
pub fn market_values(plan: &Plan, messages: &[Option<std::sync::Arc<Messages>>]) -> Vec<Value> {
    (0..plan.markets.len())
        .map(|mi| {
            let mp = &plan.markets[mi];
            as_value(&MarketView {
                id: &mp.market.id,
                name: &mp.market.name,
                locale: &mp.market.locale,
                framing: &mp.market.framing,
                home: plan.href(&mp.url),
                legal: super::navigation::legal_views(plan, mi, messages[mi].as_deref()),
            })
        })
        .collect()
}

/// Which pages a market switcher leads to: the explainers or the creator
/// material.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SwitchTo {
    Pages,
    Scripts,
}

/// What an explainer's pages in one market share: the hreflang set (its pages'
/// or its script cards') and the market switcher.
pub struct Shared<'s> {
    pub alternates: &'s Hreflang,
    pub switcher: &'s Value,
    /// The page's share card.
    pub image: Option<&'s ImageMeta>,
}

/// What varies between the pages of a market: title, description, canonical URL,
/// hreflang set and market switcher.
struct Head {
    title: String,
    description: String,
    canonical: String,
    /// The hreflang set, as a template value (see `Hreflang`).
    alternates: Value,
    /// The market switcher (see `PageContext::switcher`); none on the chooser.
    switcher: Option<Value>,
    /// Bytes the page shows beyond the theme's own markup (its body, its list).
    content_size: usize,
    /// One more value a kind of page gives its template (the home's topics).
    extra: Option<(&'static str, Value)>,
    /// The share card.
    image: Option<ImageMeta>,
}

impl<'a> PageContext<'a> {
    fn chooser_href(&self) -> Option<String> {
        self.plan
            .chooser
            .then(|| self.plan.href(&self.plan.site_url))
    }

    /// Where the market switcher of a page leads, per market of the plan: for
    /// an explainer's page, the same explainer's page where the market has it,
    /// else the market's home; for creator material (`to`), the same script
    /// card, else the explainer's page, else the market's scripts. Every market's
    /// page of an explainer has the same links, so they are made once per
    /// explainer.
    pub fn switch_hrefs(&self, explainer: Option<(usize, &str)>, to: SwitchTo) -> Vec<String> {
        let plan = self.plan;
        (0..plan.markets.len())
            .map(|mi| {
                let page = |(ei, slug): (usize, &str)| {
                    let p = plan.page(mi, ei)?;
                    let script = to == SwitchTo::Scripts && p.doc.body.script.is_some();
                    Some(if script {
                        plan.script_url(p, slug)
                    } else {
                        plan.page_url(p, slug)
                    })
                };
                let url = explainer.and_then(page).unwrap_or_else(|| match to {
                    SwitchTo::Pages => plan.markets[mi].url.clone(),
                    SwitchTo::Scripts => format!("{}scripts/", plan.markets[mi].url),
                });
                plan.href(&url)
            })
            .collect()
    }

    /// The market switcher of a page of market `current`, its links leading to
    /// `hrefs` (see `switch_hrefs`): a template value, which an explainer's page
    /// and script card share.
    pub fn switcher(&self, current: usize, hrefs: &[String]) -> Value {
        let links: Vec<SwitchLink> = self
            .plan
            .markets
            .iter()
            .zip(hrefs)
            .enumerate()
            .map(|(mi, (mp, href))| SwitchLink {
                name: &mp.market.name,
                locale: &mp.market.locale,
                href,
                current: mi == current,
            })
            .collect();
        as_value(&links)
    }

    /// Render `template` for market `mi` with the page head and one more value.
    fn render(
        &self,
        tera: &MarketTemplates,
        template: &str,
        mi: usize,
        head: Head,
        name: &'static str,
        value: &impl Serialize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let content_size = head.content_size;
        let extra = head.extra;
        let meta = PageMeta {
            lang: &self.plan.markets[mi].market.locale,
            dir: self.plan.markets[mi].market.dir(),
            title: head.title,
            description: head.description,
            canonical: head.canonical,
            alternates: head.alternates,
            chooser: if head.switcher.is_some() {
                self.chooser_href()
            } else {
                None
            },
            creator_links: self.link_scripts || matches!(template, "script.html" | "scripts.html"),
            switcher: head
                .switcher
                .unwrap_or_else(|| as_value(&[] as &[SwitchLink])),
            image: head.image,
        };
        let mut cx = Context::new();
        cx.insert("page", &meta);
        cx.insert_value("market", self.markets[mi].clone());
        cx.insert_value("site", self.site.clone());
        cx.insert(name, value);
        if let Some((name, value)) = extra {
            cx.insert_value(name, value);
        }
        // The theme's markup comes on top of what the page shows.
        tera.render(template, &cx, self.theme, content_size + 8192)
    }

    /// The language of a page's words when it is not the page's: the source
    /// shown untranslated.
    fn content_lang(&self, page: &Page) -> Option<String> {
        (page.origin == Origin::UntranslatedSource).then(|| self.source_language.to_string())
    }

    /// The head of a page of an explainer whose hreflang set is `alternates`: a
    /// market that shows the untranslated source claims no hreflang and points its
    /// canonical URL at the source page.
    fn explainer_head(&self, page: &Page, body: &PageBody, own: String, shared: Shared) -> Head {
        let Shared {
            alternates,
            switcher,
            image,
        } = shared;
        let (canonical, alternates) = if page.origin == Origin::UntranslatedSource {
            (
                alternates
                    .list
                    .iter()
                    .find(|a| a.hreflang == "x-default")
                    .map_or(own, |a| a.href.clone()),
                as_value(&[] as &[Alternate]),
            )
        } else {
            (own, alternates.value.clone())
        };
        Head {
            title: body.title.clone(),
            description: body.summary.clone(),
            canonical,
            alternates,
            switcher: Some(switcher.clone()),
            content_size: body.html.len(),
            extra: None,
            image: image.cloned(),
        }
    }

    pub fn render_explainer(
        &self,
        tera: &MarketTemplates,
        page: &Page,
        slug: &str,
        body: &PageBody,
        shared: Shared,
        navigation: Navigation,
    ) -> Result<Vec<u8>, Diagnostic> {
        let plan = self.plan;
        let head = self.explainer_head(page, body, plan.page_url(page, slug), shared);
        let front = &page.doc.front;
        let headings: Vec<HeadingView> = body
            .headings
            .iter()
            .map(|h| HeadingView {
                level: h.level,
                id: &h.id,
                text: &h.text,
            })
            .collect();
        let view = ExplainerView {
            slug,
            title: &body.title,
            summary: &body.summary,
            body: &body.html,
            headings: headings.clone(),
            sections: headings.iter().filter(|h| h.level == 2).copied().collect(),
            navigation,
            updated: front.updated.as_deref(),
            untranslated: page.origin == Origin::UntranslatedSource,
            content_lang: self.content_lang(page),
            content_dir: crate::config::text_direction(self.source_language),
            draft: page.draft,
            script_href: (body.script.as_ref())
                .filter(|_| self.link_scripts)
                .map(|_| plan.href(&plan.script_url(page, slug))),
            script_seconds: body
                .script
                .as_ref()
                .map(|s| format_seconds(s.total_seconds)),
        };
        self.render(
            tera,
            "explainer.html",
            page.market,
            head,
            "explainer",
            &view,
        )
    }

    /// The printable card of a page's creator script.
    pub fn render_script_card(
        &self,
        tera: &MarketTemplates,
        page: &Page,
        slug: &str,
        body: &PageBody,
        script: &TimedScript,
        shared: Shared,
    ) -> Result<Vec<u8>, Diagnostic> {
        let plan = self.plan;
        let messages = tera.messages();
        let role_name = |role: Role| {
            messages
                .format("script-role", &[("role", role.as_str().into())])
                .map_err(|e| {
                    Diagnostic::error(e.code(), e.to_string())
                        .market(plan.markets[page.market].market.id.clone())
                })
        };
        let head = Head {
            // The card shows the script's lines, not the body.
            content_size: script.lines.iter().map(|l| l.text.len() + 256).sum(),
            ..self.explainer_head(page, body, plan.script_url(page, slug), shared)
        };
        let view = ScriptView {
            slug,
            title: &body.title,
            explainer_href: plan.href(&plan.page_url(page, slug)),
            explainer_url: plan.page_url(page, slug),
            updated: page.doc.front.updated.as_deref(),
            total_seconds: format_seconds(script.total_seconds),
            lines: script
                .lines
                .iter()
                .map(|l| {
                    Ok(ScriptLineView {
                        role: l.role.as_str(),
                        role_name: role_name(l.role)?,
                        text: &l.text,
                        start: clock(l.start),
                        end: clock(l.end),
                        start_seconds: l.start,
                        end_seconds: l.end,
                        seconds: format!("{:.1}", l.seconds()),
                        screen: l.screen.as_deref(),
                        note: l.note.as_deref(),
                    })
                })
                .collect::<Result<_, Diagnostic>>()?,
            content_lang: self.content_lang(page),
            content_dir: crate::config::text_direction(self.source_language),
            txt: format!("../{slug}.txt"),
            vtt: format!("../{slug}.vtt"),
            srt: format!("../{slug}.srt"),
            screen_vtt: script
                .has_screen_text()
                .then(|| format!("../{slug}.screen.vtt")),
            json: format!("../{slug}.json"),
        };
        self.render(tera, "script.html", page.market, head, "script", &view)
    }

    /// A market's home: its explainers, in order, and the same filed under
    /// their first topic (`topics`).
    pub fn render_home(
        &self,
        tera: &MarketTemplates,
        mi: usize,
        (title, description): (String, String),
        cards: &[Value],
        topics: &[TopicGroup],
        image: Option<ImageMeta>,
    ) -> Result<Vec<u8>, Diagnostic> {
        let url = self.plan.markets[mi].url.clone();
        let head = Head {
            title,
            description,
            canonical: url,
            alternates: as_value(&self.plan.home_alternates()),
            switcher: Some(self.switcher(mi, &self.switch_hrefs(None, SwitchTo::Pages))),
            content_size: cards.len() * 512,
            extra: Some(("topics", as_value(topics))),
            image,
        };
        self.render(tera, "home.html", mi, head, "explainers", &cards)
    }

    /// A market's list of creator scripts with their durations.
    pub fn render_scripts_index(
        &self,
        tera: &MarketTemplates,
        mi: usize,
        (title, description): (String, String),
        cards: &[Value],
        image: Option<ImageMeta>,
    ) -> Result<Vec<u8>, Diagnostic> {
        let canonical = format!("{}scripts/", self.plan.markets[mi].url);
        let head = Head {
            title,
            description,
            canonical,
            alternates: as_value(&self.plan.scripts_index_alternates()),
            switcher: Some(self.switcher(mi, &self.switch_hrefs(None, SwitchTo::Scripts))),
            content_size: cards.len() * 512,
            extra: None,
            image,
        };
        self.render(tera, "scripts.html", mi, head, "explainers", &cards)
    }

    /// The market chooser at the root, in the language of `mi` (the first market).
    pub fn render_chooser(
        &self,
        tera: &MarketTemplates,
        mi: usize,
        (title, description): (String, String),
        entries: &[ChooserEntry],
        image: Option<ImageMeta>,
    ) -> Result<Vec<u8>, Diagnostic> {
        let head = Head {
            title,
            description,
            canonical: self.plan.site_url.clone(),
            alternates: as_value(&self.plan.home_alternates()),
            switcher: None,
            content_size: 0,
            extra: None,
            image,
        };
        self.render(tera, "index.html", mi, head, "markets", &entries)
    }

    /// A 404 page: market `mi`'s, in its language with its market selected
    /// (`markets` none), or the root's, in the language of `mi`, offering the
    /// market chooser's `markets`.
    pub fn render_not_found(
        &self,
        tera: &MarketTemplates,
        mi: usize,
        (title, description): (String, String),
        markets: Option<&[ChooserEntry]>,
        image: Option<ImageMeta>,
    ) -> Result<Vec<u8>, Diagnostic> {
        let (canonical, switcher) = match markets {
            Some(_) => (format!("{}404.html", self.plan.output_url), None),
            None => (
                format!("{}404.html", self.plan.markets[mi].url),
                Some(self.switcher(mi, &self.switch_hrefs(None, SwitchTo::Pages))),
            ),
        };
        let head = Head {
            title,
            description,
            canonical,
            alternates: as_value(&[] as &[Alternate]),
            switcher,
            content_size: 0,
            extra: None,
            image,
        };
        let markets = markets.unwrap_or_default();
        self.render(tera, "404.html", mi, head, "markets", &markets)
    }
}

/// `m:ss.s`, for times on a script card.
fn clock(seconds: f64) -> String {
    let tenths = (seconds * 10.0).round() as u64;
    format!("{}:{:02}.{}", tenths / 600, tenths / 10 % 60, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::clock;

    #[test]
    fn a_clock_shows_minutes_seconds_and_tenths() {
        assert_eq!(clock(0.0), "0:00.0");
        assert_eq!(clock(4.96), "0:05.0");
        assert_eq!(clock(65.26), "1:05.3");
        assert_eq!(clock(59.94), "0:59.9");
        assert_eq!(clock(754.0), "12:34.0");
    }
}
