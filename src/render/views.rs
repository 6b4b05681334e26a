//! Small, borrowed view structs: what templates see (not the domain types).

use serde::Serialize;

/// The market a page belongs to.
#[derive(Serialize)]
pub struct MarketView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub locale: &'a str,
    pub framing: &'a str,
    /// Link to the market's home page.
    pub home: String,
    /// Its footer's legal links.
    pub legal: Vec<LegalLinkView>,
}

/// A footer link: `privacy`, `terms`, `cookies`, `contact` or `imprint`, named
/// in the market's language.
#[derive(Serialize)]
pub struct LegalLinkView {
    pub kind: &'static str,
    pub label: String,
    pub href: String,
}

/// The site's brand, for every page (`site`).
#[derive(Serialize)]
pub struct SiteView {
    /// The logo's link, when the site has one.
    pub logo: Option<String>,
    pub icons: Vec<IconView>,
    /// The brand colour for light and for dark pages.
    pub colour: Option<String>,
    pub colour_dark: Option<String>,
}

/// A `<link rel="icon">` (or `apple-touch-icon`).
#[derive(Serialize)]
pub struct IconView {
    pub rel: &'static str,
    /// Its media type, when the file name says it.
    pub mime: Option<&'static str>,
    pub href: String,
}

/// A topic of `topics`, named in the market's language.
#[derive(Serialize, Clone, Hash)]
pub struct TopicView {
    pub id: String,
    pub name: String,
}

/// An explainer that shares a topic with the page: listed at its end.
#[derive(Serialize, Clone, Hash)]
pub struct RelatedView {
    pub title: String,
    pub summary: String,
    pub href: String,
    /// The language of its title and summary when they are not the page's.
    pub content_lang: Option<String>,
}

/// Where an explainer page leads on: its topics and its related explainers.
#[derive(Serialize)]
pub struct Navigation {
    pub topics: Vec<TopicView>,
    pub related: Vec<RelatedView>,
}

/// A topic of a market's home and the explainers filed under it.
#[derive(Serialize)]
pub struct TopicGroup {
    pub topic: Option<TopicView>,
    /// Its cards, as the values the home's `explainers` list holds (shared).
    pub explainers: Vec<tera::Value>,
}

/// One `<link rel="alternate" hreflang>`.
#[derive(Serialize, Clone)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// An hreflang set, and the same set as a template value: made once per
/// explainer and shared by its pages in every market (the sitemap needs only
/// the list).
pub struct Hreflang {
    pub list: std::sync::Arc<Vec<Alternate>>,
    pub value: tera::Value,
}

impl Hreflang {
    pub fn new(list: Vec<Alternate>) -> Hreflang {
        Hreflang {
            value: as_value(&list),
            list: std::sync::Arc::new(list),
        }
    }
}

/// A view as a template value, to be shared: Tera hands a value it meets inside
/// another view on without copying it.
pub fn as_value<T: Serialize + ?Sized>(view: &T) -> tera::Value {
    // Views are strings, numbers, lists and maps with string keys: always values.
    tera::Value::try_from_serializable(view).unwrap_or_else(|_| tera::Value::none())
}

/// An entry of the market switcher.
#[derive(Serialize, Clone)]
pub struct SwitchLink<'a> {
    pub name: &'a str,
    pub locale: &'a str,
    pub href: &'a str,
    pub current: bool,
}

/// The image a page's share tags name (`og:image`).
#[derive(Serialize, Clone, Debug)]
pub struct ImageMeta {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// What every page has.
#[derive(Serialize)]
pub struct PageMeta<'a> {
    pub lang: &'a str,
    /// `rtl` or `ltr`.
    pub dir: &'static str,
    pub title: String,
    pub description: String,
    pub canonical: String,
    /// A list of `Alternate`s, shared (see `Hreflang`).
    pub alternates: tera::Value,
    /// A list of `SwitchLink`s, shared by an explainer's page and card.
    pub switcher: tera::Value,
    /// Link to the market chooser, when the build has one.
    pub chooser: Option<String>,
    /// Whether the page links the creator scripts: a creator page, or a site
    /// that opts in (`scripts: { link_from_pages: true }`).
    pub creator_links: bool,
    /// The share card, when the theme draws them.
    pub image: Option<ImageMeta>,
}

#[derive(Serialize, Clone, Copy)]
pub struct HeadingView<'a> {
    pub level: u8,
    pub id: &'a str,
    pub text: &'a str,
}

#[derive(Serialize)]
pub struct ExplainerView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub headings: Vec<HeadingView<'a>>,
    /// The level-2 headings: the sections a table of contents lists.
    pub sections: Vec<HeadingView<'a>>,
    /// Its topics, and the explainers of the market that share one.
    #[serde(flatten)]
    pub navigation: Navigation,
    /// ISO date; templates write it with the `date` filter.
    pub updated: Option<&'a str>,
    /// Set when the page is the source published in place of a missing translation.
    pub untranslated: bool,
    /// The language and direction of the text when it is not the page's
    /// (the source shown untranslated): `lang` and `dir` on the article.
    pub content_lang: Option<String>,
    pub content_dir: &'static str,
    /// Marked `draft: true`: only a preview or a `--drafts` build shows it.
    pub draft: bool,
    /// The printable script card and its length, when the explainer has a script.
    pub script_href: Option<String>,
    pub script_seconds: Option<String>,
}

#[derive(Serialize)]
pub struct ExplainerCard<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub href: String,
    /// ISO date; templates write it with the `date` filter.
    pub updated: Option<&'a str>,
    /// Its first topic: the one the home files it under.
    #[serde(skip)]
    pub topic: Option<&'a str>,
    /// Whole seconds of the market's creator script, when there is one.
    pub script_seconds: Option<String>,
    pub script_href: Option<String>,
    /// The language and direction of its title and summary when they are not
    /// the page's (the source shown untranslated).
    pub content_lang: Option<&'a str>,
    pub content_dir: &'static str,
}

/// One spoken line of a script card.
#[derive(Serialize)]
pub struct ScriptLineView<'a> {
    pub role: &'a str,
    /// The role as the market names it: its `script-role` message, made here
    /// rather than by a `t()` call on every line of every card.
    pub role_name: String,
    pub text: &'a str,
    /// `0:02.2`
    pub start: String,
    pub end: String,
    /// The same in seconds, for the teleprompter.
    pub start_seconds: f64,
    pub end_seconds: f64,
    pub seconds: String,
    pub screen: Option<&'a str>,
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ScriptView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub explainer_href: String,
    /// The explainer's address in full, for the printed card.
    pub explainer_url: String,
    /// ISO date of the explainer's last update.
    pub updated: Option<&'a str>,
    pub total_seconds: String,
    pub lines: Vec<ScriptLineView<'a>>,
    /// The language and direction of the script's words when they are not
    /// the page's (the source shown untranslated).
    pub content_lang: Option<String>,
    pub content_dir: &'static str,
    /// File names of the downloads beside the card: `two-step.txt`…
    pub txt: String,
    pub vtt: String,
    pub srt: String,
    /// The on-screen text track, when the script has on-screen text.
    pub screen_vtt: Option<String>,
    pub json: String,
}

#[derive(Serialize)]
pub struct ChooserEntry<'a> {
    pub name: &'a str,
    pub locale: &'a str,
    pub href: String,
    /// The market's own words for entering its site, in its language.
    pub enter: String,
    pub tagline: String,
}
