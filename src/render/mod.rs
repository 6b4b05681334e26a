//! The Tera environment of a theme, per-market template functions, and the
//! functions that turn view structs into page HTML.

pub mod sitemap;
pub mod views;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::l10n::Messages;
use crate::theme::Theme;
use fluent_bundle::FluentValue;
use std::collections::HashMap;
use std::sync::Arc;
use tera::{Context, Tera, Value};

/// Template names a theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "home.html",
    "explainer.html",
    "404.html",
    "script.html",
    "scripts.html",
];

/// Parse the theme's templates and register the functions shared by all markets.
/// Template errors are diagnostics naming the template.
pub fn load_templates(
    theme: &Theme,
    assets: Arc<HashMap<String, String>>,
    diags: &mut Diagnostics,
) -> Option<Tera> {
    let mut tera = Tera::default();
    tera.set_escape_fn(escape_html);
    let sources: Vec<(String, String)> = theme
        .templates
        .iter()
        .map(|(name, f)| (name.clone(), f.text.clone()))
        .collect();
    if let Err(e) = tera.add_raw_templates(sources) {
        diags.push(template_error(&theme.origin, &e));
        return None;
    }
    let mut missing = false;
    for name in REQUIRED_TEMPLATES {
        if !theme.templates.iter().any(|(n, _)| n == name) {
            diags.push(Diagnostic::error(
                "template",
                format!("{}: the theme has no template `{name}`", theme.origin),
            ));
            missing = true;
        }
    }
    if missing {
        return None;
    }
    tera.register_function("asset", move |args: &HashMap<String, Value>| {
        let path = args
            .get("path")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("asset() needs path=\"…\""))?;
        assets
            .get(path)
            .map(|url| Value::String(url.clone()))
            .ok_or_else(|| {
                tera::Error::msg(format!(
                    "asset(path=\"{path}\"): no such file in the theme's static/"
                ))
            })
    });
    Some(tera)
}

/// A copy of `base` whose `t(id="…")` formats messages of one market.
pub fn market_templates(base: &Tera, messages: Arc<Messages>) -> Tera {
    let mut tera = base.clone();
    tera.register_function("t", move |args: &HashMap<String, Value>| {
        let id = args
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs id=\"…\""))?;
        let extra: Vec<(&str, FluentValue)> = args
            .iter()
            .filter(|(k, _)| k.as_str() != "id")
            .map(|(k, v)| {
                let value = match v {
                    Value::Number(n) => FluentValue::from(n.as_f64().unwrap_or(0.0)),
                    Value::String(s) => FluentValue::from(s.as_str()),
                    other => FluentValue::from(other.to_string()),
                };
                (k.as_str(), value)
            })
            .collect();
        messages
            .format(id, &extra)
            .map(Value::String)
            .map_err(tera::Error::msg)
    });
    tera
}

/// Render a template into bytes, in a buffer of `capacity` (about the page's
/// size, so that it is not grown and copied); an error is a diagnostic naming the
/// template and its cause.
pub fn render_page(
    tera: &Tera,
    template: &str,
    context: &Context,
    origin: &str,
    capacity: usize,
) -> Result<Vec<u8>, Diagnostic> {
    let mut out = Vec::with_capacity(capacity);
    tera.render_to(template, context, &mut out)
        .map_err(|e| template_error(origin, &e))?;
    Ok(out)
}

fn template_error(origin: &str, e: &tera::Error) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Diagnostic::error("template", format!("{origin}: {message}"))
}

/// HTML escaping for text and quoted attributes. Unlike Tera's default it leaves
/// `/` alone, so URLs stay readable.
pub fn escape_html(input: &str) -> String {
    let special = |b: u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    let Some(first) = input.bytes().position(special) else {
        return input.to_string();
    };
    let mut out = String::with_capacity(input.len() + input.len() / 8 + 8);
    out.push_str(&input[..first]);
    let mut from = first;
    for (i, b) in input.bytes().enumerate().skip(first) {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&input[from..]);
    out
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
