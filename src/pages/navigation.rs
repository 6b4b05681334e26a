//! What leads a reader on from a page: the topics of an explainer, the
//! explainers related to it, the market's legal links and the site's brand.

use super::Pages;
use crate::config::{Brand, Config};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::l10n::Messages;
use crate::load::Sources;
use crate::plan::Plan;
use crate::render::views::{IconView, LegalLinkView, Navigation, RelatedView, SiteView, TopicView};
use crate::resolve::Origin;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// How many related explainers a page lists.
const RELATED: usize = 3;

/// A market's pages by topic, each list in the plan's order.
pub type TopicIndex<'a> = HashMap<&'a str, Vec<usize>>;

impl<'a> Pages<'a> {
    /// The topics `ids` as market `mi` names them: its `topic-<id>` message,
    /// else the id (reported by `check`).
    pub fn topics(&self, mi: usize, ids: &[String]) -> Vec<TopicView> {
        let m = self.messages(mi);
        (ids.iter())
            .map(|id| TopicView {
                id: id.clone(),
                name: (m.format(&format!("topic-{id}"), &[])).unwrap_or_else(|_| id.clone()),
            })
            .collect()
    }

    /// Page `page`'s topics and related explainers.
    pub fn navigation(&self, page: usize) -> Navigation {
        let p = &self.plan.pages[page];
        let ids = &self.sources.library.explainers[p.explainer]
            .source
            .front
            .topics;
        Navigation {
            topics: self.topics(p.market, ids),
            related: self.related(page),
        }
    }

    /// Up to three explainers of page `page`'s market that share a topic
    /// with it: for each of its topics in turn, those that follow it in the
    /// market's order (from the start again after the last).
    pub fn related(&self, page: usize) -> Vec<RelatedView> {
        let plan = self.plan;
        let p = &plan.pages[page];
        let index = self.topic_index[p.market].get_or_init(|| topic_index(self, p.market));
        let mut chosen: Vec<usize> = Vec::new();
        for topic in &self.sources.library.explainers[p.explainer]
            .source
            .front
            .topics
        {
            let Some(list) = index.get(topic.as_str()) else {
                continue;
            };
            let at = list.partition_point(|&i| i <= page);
            let around = list[at..].iter().chain(&list[..at]);
            for &other in around.filter(|&&i| i != page) {
                if chosen.len() == RELATED {
                    break;
                }
                if !chosen.contains(&other) {
                    chosen.push(other);
                }
            }
        }
        (chosen.into_iter())
            .map(|i| {
                let other = &plan.pages[i];
                let slug = self.slug(other.explainer);
                let (title, summary) = self.front_texts(i);
                RelatedView {
                    title: title.clone(),
                    summary: summary.clone(),
                    href: plan.href(&plan.page_url(other, slug)),
                    content_lang: (other.origin == Origin::UntranslatedSource)
                        .then(|| self.sources.config.source_language.clone()),
                }
            })
            .collect()
    }

    /// Page `page`'s title and summary in its market, for the pages that list it.
    fn front_texts(&self, page: usize) -> &(String, String) {
        self.front_texts[page].get_or_init(|| {
            let p = &self.plan.pages[page];
            let market = self.plan.markets[p.market].market;
            // The page's own body reports the same problems.
            let mut unreported = Diagnostics::new();
            super::body::front_texts(market, p, self.messages(p.market), &mut unreported)
        })
    }
}

/// The pages of market `mi`, by topic of their explainer's source.
fn topic_index<'a>(pages: &Pages<'a>, mi: usize) -> TopicIndex<'a> {
    let mut index: TopicIndex = HashMap::new();
    let explainers = &pages.sources.library.explainers;
    for (i, p) in pages.plan.pages.iter().enumerate() {
        if p.market != mi {
            continue;
        }
        for topic in &explainers[p.explainer].source.front.topics {
            index.entry(topic.as_str()).or_default().push(i);
        }
    }
    index
}

/// A link of the config (a web page, an email address or a site path) from
/// a page of this build.
fn site_link(plan: &Plan, url: &str) -> String {
    match url.strip_prefix('/') {
        Some(path) => format!("{}{path}", plan.root_path()),
        None => url.to_string(),
    }
}

/// Market `market`'s legal links, named by its `legal-link` message.
pub fn legal_views(plan: &Plan, mi: usize, messages: Option<&Messages>) -> Vec<LegalLinkView> {
    (plan.markets[mi].market.legal.iter())
        .map(|(kind, url)| LegalLinkView {
            kind: kind.as_str(),
            label: (messages.and_then(|m| {
                m.format("legal-link", &[("kind", kind.as_str().into())])
                    .ok()
            }))
            .unwrap_or_else(|| kind.as_str().to_string()),
            href: site_link(plan, url),
        })
        .collect()
}

/// The brand every page shows.
pub fn site_view(config: &Config, plan: &Plan) -> SiteView {
    let Brand {
        logo,
        icons,
        colours,
    } = &config.brand;
    SiteView {
        logo: logo.as_deref().map(|l| site_link(plan, l)),
        icons: icons.iter().map(|i| icon(plan, i)).collect(),
        colour: colours.as_ref().map(|c| c.0.clone()),
        colour_dark: colours.as_ref().map(|c| c.1.clone()),
    }
}

/// An icon of the favicon set, by its file name: an `apple-touch-icon*.png`
/// is the home-screen icon, any other file an icon of its type.
fn icon(plan: &Plan, path: &str) -> IconView {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    IconView {
        rel: if name.starts_with("apple-touch-icon") {
            "apple-touch-icon"
        } else {
            "icon"
        },
        mime: match ext.as_deref() {
            Some("svg") => Some("image/svg+xml"),
            Some("png") => Some("image/png"),
            Some("ico") => Some("image/x-icon"),
            _ => None,
        },
        href: site_link(plan, path),
    }
}

/// Every topic of `topics` needs a name (`topic-<id>`) in each built market:
/// one warning a topic, at the first explainer that files under it.
pub fn check_topic_names(
    sources: &Sources,
    plan: &Plan,
    messages: &[Option<Arc<Messages>>],
    diags: &mut Diagnostics,
) {
    let mut seen = HashSet::new();
    for e in &sources.library.explainers {
        let doc = &e.source;
        for topic in doc.front.topics.iter().filter(|t| seen.insert(t.as_str())) {
            let id = format!("topic-{topic}");
            let lacking: Vec<&str> = (super::lacking(plan, messages, &id))
                .map(|m| m.locale.as_str())
                .collect();
            if lacking.is_empty() {
                continue;
            }
            let front = &doc.file.text[..doc.body_start];
            let at = crate::yaml::key_offset(front, &["topics"]).unwrap_or(0);
            diags.push(
                Diagnostic::warning(
                    Code::UnknownMessage,
                    format!("topic `{topic}` has no name in {}: pages show the id", lacking.join(", ")),
                )
                .at(doc.file.location(at))
                .help(format!("define `{id} = …` in locales/<locale>/*.ftl (the reference locale en-US serves the others)")),
            );
        }
    }
}
