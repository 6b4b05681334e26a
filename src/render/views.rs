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
    pub topics: &'a [String],
    pub updated: Option<&'a str>,
    /// Set when the page is the source published in place of a missing translation.
    /// `updated` in the market's long date format.
    pub updated_text: Option<String>,
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
    pub updated: Option<&'a str>,
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
    pub seconds: String,
    pub screen: Option<&'a str>,
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ScriptView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub explainer_href: String,
    pub total_seconds: String,
    pub lines: Vec<ScriptLineView<'a>>,
    /// File names of the downloads beside the card: `two-step.txt`…
    pub txt: String,
    pub vtt: String,
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
