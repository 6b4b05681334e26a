//! The Tera environment of a theme, per-market template functions, and the
//! functions that turn view structs into page HTML.

mod localize;
pub mod sitemap;
pub mod views;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, with_causes};
use crate::l10n::Messages;
use crate::theme::Theme;
use fluent_bundle::FluentValue;
use localize::{Shifts, localize};
use std::collections::HashMap;
use std::sync::Arc;
use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

/// Template names a theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "home.html",
    "explainer.html",
    "404.html",
    "script.html",
    "scripts.html",
];

/// The template names whose printed values are HTML-escaped (Tera's default,
/// stated here because market templates put escaped text in them).
const AUTOESCAPE: [&str; 3] = [".html", ".htm", ".xml"];

/// Parse the theme's templates and register the functions shared by all markets.
/// Template errors are diagnostics naming the template; `None` without one
/// when a template could not be read (that is reported where it was read).
pub fn load_templates(
    theme: &Theme,
    assets: Arc<HashMap<String, String>>,
    diags: &mut Diagnostics,
) -> Option<Tera> {
    if theme.unreadable_templates {
        return None;
    }
    let mut tera = Tera::new();
    tera.set_escape_fn(escape_into);
    tera.autoescape_on(AUTOESCAPE);
    // Templates are checked against the functions they call when added: `t` is
    // registered here and made per market by `market_templates`.
    tera.register_function("t", |_: Kwargs, _: &State| -> TeraResult<String> {
        Err(tera::Error::message("t() has no market"))
    });
    tera.register_filter("date", |iso: &str, _: Kwargs, _: &State| iso.to_string());
    tera.register_function(
        "asset",
        move |args: Kwargs, _: &State| -> TeraResult<String> {
            let path: &str = args
                .get("path")?
                .ok_or_else(|| tera::Error::message("asset() needs path=\"…\""))?;
            assets.get(path).cloned().ok_or_else(|| {
                tera::Error::message(format!(
                    "asset(path=\"{path}\"): no such file in the theme's static/"
                ))
            })
        },
    );
    let sources: Vec<(String, String)> = theme
        .templates
        .iter()
        .map(|(name, f)| (name.clone(), f.text.clone()))
        .collect();
    if let Err(e) = tera.add_raw_templates(sources) {
        diags.push(template_error(theme, &e, None));
        return None;
    }
    let mut missing = false;
    for name in REQUIRED_TEMPLATES {
        if !theme.templates.iter().any(|(n, _)| n == name) {
            diags.push(Diagnostic::error(
                Code::Template,
                format!("{}: the theme has no template `{name}`", theme.origin),
            ));
            missing = true;
        }
    }
    if missing {
        return None;
    }
    Some(tera)
}

/// One market's templates: the theme's, with that market's messages.
pub struct MarketTemplates {
    tera: Tera,
    messages: Arc<Messages>,
    /// Where the text of each localized template moved (see `localize`).
    shifts: std::collections::HashMap<String, Shifts>,
}

/// A copy of `base` whose `t(id="…")` formats messages of one market, whose
/// prints of messages without arguments are the messages' text (`localize`),
/// and whose `date` filter writes an ISO date (`2026-11-20`) in the market's
/// long format (`locale`, through ICU4X; the ISO text when it has no data).
pub fn market_templates(
    base: &Tera,
    theme: &Theme,
    messages: Arc<Messages>,
    locale: &str,
) -> MarketTemplates {
    // The messages the templates name, formatted once without arguments (those
    // that need arguments fail here and are left to `t()`), isolated where they
    // fall back to a locale written the other way.
    let texts: std::collections::HashMap<&str, String> = theme
        .templates
        .iter()
        .flat_map(|(_, f)| message_calls(&f.text))
        .filter_map(|(id, _)| Some((id, messages.isolated(id, messages.format(id, &[]).ok()?))))
        .collect();
    let mut shifts = std::collections::HashMap::default();
    let localized: Vec<(String, String)> = theme
        .templates
        .iter()
        .filter_map(|(name, f)| {
            let escape = AUTOESCAPE.iter().any(|s| name.ends_with(s));
            let (source, moved) =
                localize(&f.text, escape, |id| texts.get(id).map(String::as_str))?;
            shifts.insert(name.clone(), moved);
            Some((name.clone(), source))
        })
        .collect();
    let mut tera = base.clone();
    if tera.add_raw_templates(localized).is_err() {
        // Not expected, as only text replaced prints; the theme's own templates
        // then serve, calling `t()` for every message.
        tera = base.clone();
        shifts.clear();
    }
    // A call without arguments that is left (most are replaced above) hands out
    // a shared template value: no text is copied.
    let plain: std::collections::HashMap<String, Value> = texts
        .iter()
        .map(|(id, text)| (id.to_string(), Value::from(text.as_str())))
        .collect();
    drop(texts);
    let market_messages = messages.clone();
    tera.register_function("t", move |args: Kwargs, _: &State| -> TeraResult<Value> {
        let id: &str = args
            .get("id")?
            .ok_or_else(|| tera::Error::message("t() needs id=\"…\""))?;
        let extra: Vec<(&str, FluentValue)> = args
            .iter()
            .filter_map(|(k, v)| Some((k.as_str()?, v)))
            .filter(|(k, _)| *k != "id")
            .map(|(k, v)| {
                let value = match v.as_str() {
                    _ if v.is_number() => FluentValue::from(v.as_f64().unwrap_or(0.0)),
                    Some(s) => FluentValue::from(s),
                    None => FluentValue::from(v.to_string()),
                };
                (k, value)
            })
            .collect();
        if extra.is_empty()
            && let Some(text) = plain.get(id)
        {
            return Ok(text.clone());
        }
        messages
            .format(id, &extra)
            .map(|text| Value::from(messages.isolated(id, text)))
            .map_err(|e| tera::Error::message(e.to_string()))
    });
    let dates = crate::l10n::dates::Dates::new(locale).map(Arc::new);
    tera.register_filter("date", move |iso: &str, _: Kwargs, _: &State| {
        (dates.as_ref().and_then(|d| d.format(iso))).unwrap_or_else(|| iso.to_string())
    });
    MarketTemplates {
        tera,
        messages: market_messages,
        shifts,
    }
}

impl MarketTemplates {
    /// The market's messages, for labels the pages are given ready-made.
    pub fn messages(&self) -> &Messages {
        &self.messages
    }

    /// Render a template into bytes, in a buffer of `capacity` (about the page's
    /// size, so that it is not grown and copied); an error is a diagnostic naming
    /// the theme's template and its cause.
    pub fn render(
        &self,
        template: &str,
        context: &Context,
        theme: &Theme,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(capacity);
        self.tera
            .render_to(template, context, &mut out)
            .map_err(|e| template_error(theme, &e, Some(&self.shifts)))?;
        Ok(out)
    }
}

/// A template error as a diagnostic: at its place in the theme's file when Tera
/// gives one (moved back to the theme's text where a market's template was
/// localized), else naming the theme, with the whole chain of causes.
fn template_error(
    theme: &Theme,
    e: &tera::Error,
    shifts: Option<&std::collections::HashMap<String, Shifts>>,
) -> Diagnostic {
    if let tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) = e.kind()
        && let Some((_, file)) = theme.templates.iter().find(|(n, _)| n == report.filename())
    {
        let at = report.span().range.start;
        let at = shifts
            .and_then(|s| s.get(report.filename()))
            .map_or(at, |s| s.original(at));
        return Diagnostic::error(Code::Template, report.message().to_string())
            .at(file.location(at));
    }
    Diagnostic::error(
        Code::Template,
        format!("{}: {}", theme.origin, with_causes(e)),
    )
}

/// The entity for a character that HTML text and quoted attributes must escape.
/// Unlike Tera's default, `/` is left alone, so URLs stay readable.
pub fn html_entity(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

/// Tera's escape function: `input` escaped for HTML, straight into the page.
/// The characters and entities are `html_entity`'s; pulldown-cmark's escaping
/// finds them 16 bytes at a time.
pub(crate) fn escape_into(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    pulldown_cmark_escape::escape_html(pulldown_cmark_escape::IoWriter(out), input)
}

/// Calls of `t(id="…")` in a template: (message id, byte offset of the id).
pub fn message_calls(source: &str) -> Vec<(&str, usize)> {
    let mut calls = Vec::new();
    let mut from = 0;
    while let Some(pos) = source[from..].find("t(id=") {
        let at = from + pos;
        from = at + 5;
        let preceded_by_ident = source[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if preceded_by_ident {
            continue;
        }
        let rest = &source[at + 5..];
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(end) = rest[1..].find(quote) {
            calls.push((&rest[1..1 + end], at + 6));
        }
    }
    calls
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape_html(input: &str) -> String {
        let mut out = Vec::new();
        escape_into(input, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_the_five_characters_and_nothing_else() {
        assert_eq!(escape_html("plain / text"), "plain / text");
        assert_eq!(
            escape_html(r#"<a href="x" title='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(escape_html("日本 & データ"), "日本 &amp; データ");
        assert_eq!(escape_html("\"é'"), "&quot;é&#39;");
        assert_eq!(escape_html(""), "");
    }

    #[test]
    fn long_values_escape_as_short_ones() {
        // From 16 bytes on, the escaping looks at 16 bytes at a time; every ASCII
        // character must come out as `html_entity` says.
        let all: String = (1u8..128).map(char::from).collect::<String>().repeat(2);
        let expected: String = all
            .bytes()
            .map(|b| html_entity(b).map_or_else(|| char::from(b).to_string(), str::to_string))
            .collect();
        assert_eq!(escape_html(&all), expected);
        assert_eq!(escape_html(&"データ".repeat(9)), "データ".repeat(9));
    }

    #[test]
    fn finds_message_calls_with_their_offsets() {
        let src = "<a>{{ t(id=\"home-link\") }}</a>{{ at(id='x') }}{{ t(id='b', n=2) }}";
        let calls = message_calls(src);
        let ids: Vec<&str> = calls.iter().map(|c| c.0).collect();
        assert_eq!(ids, ["home-link", "b"]);
        for (id, at) in calls {
            assert_eq!(&src[at..at + id.len()], id);
        }
    }
}
