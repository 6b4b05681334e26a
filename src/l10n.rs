//! Fluent messages: `.ftl` files of the theme and the site, and one bundle per
//! market along its fallback chain (market locale, configured fallbacks, en-US).

use crate::config::Market;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use ahash::HashMap;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use std::collections::BTreeSet;
use std::sync::{Arc, RwLock};

/// Where an `.ftl` file comes from; site files override theme files message by message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layer {
    Theme,
    Site,
}

/// One parsed `.ftl` file.
pub struct FtlFile {
    pub file: SourceFile,
    pub locale: String,
    pub layer: Layer,
    pub resource: Arc<FluentResource>,
}

impl FtlFile {
    /// Message ids and `-term` ids defined in the file.
    pub fn ids(&self) -> impl Iterator<Item = String> + '_ {
        self.resource.entries().filter_map(|e| match e {
            ast::Entry::Message(m) => Some(m.id.name.to_string()),
            ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
    }
}

/// Parse an `.ftl` file; syntax errors are reported with their line and column,
/// and the entries that parsed are kept.
pub fn parse_ftl(file: SourceFile, locale: &str, layer: Layer, diags: &mut Diagnostics) -> FtlFile {
    let resource = match FluentResource::try_new(file.text.clone()) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                // The slice starts at the broken entry; `pos` may already be on the next line.
                let at = e
                    .slice
                    .as_ref()
                    .map_or(e.pos.start, |s| s.start.min(e.pos.start));
                diags.push(
                    Diagnostic::error("fluent-syntax", e.to_string())
                        .at(file.location(at))
                        .help("see https://projectfluent.org/fluent/guide/ for the syntax"),
                );
            }
            r
        }
    };
    FtlFile {
        file,
        locale: locale.to_string(),
        layer,
        resource: Arc::new(resource),
    }
}

/// The prefix of the synthetic messages through which `-terms` are formatted.
const TERM_PREFIX: &str = "glasshouse-term";

/// A market's messages: one bundle holding its whole chain, later locales and
/// theme strings overridden by earlier locales and site strings.
pub struct Messages {
    bundle: FluentBundle<Arc<FluentResource>>,
    market: String,
    framing: String,
    chain: Vec<String>,
    /// Hash of the files in the chain: changes when one of them does.
    generation: u64,
    /// Every message and term of the chain formatted without arguments, once:
    /// templates ask for the same ones on every page, from both cores, and this
    /// map is read without a lock.
    plain: HashMap<String, Result<String, String>>,
    /// Messages formatted with text arguments, by id and arguments.
    formatted: RwLock<HashMap<String, Result<String, String>>>,
}

impl Messages {
    /// Build the bundle for `market` from all loaded files.
    pub fn for_market(market: &Market, files: &[FtlFile], diags: &mut Diagnostics) -> Messages {
        let chain = market.locale_chain();
        let mut bundle = FluentBundle::new_concurrent(vec![market.langid.clone()]);
        // Fluent wraps placeables in bidi isolation marks; none of the locales is
        // right-to-left, and the marks would leak into titles, attributes and captions.
        bundle.set_use_isolating(false);
        if market.pseudo {
            bundle.set_transform(Some(crate::pseudo::fluent_transform));
        }
        let mut terms = BTreeSet::new();
        let mut own_locale_files = 0;
        let mut hashes = Vec::new();
        for locale in chain.iter().rev() {
            for layer in [Layer::Theme, Layer::Site] {
                for f in files
                    .iter()
                    .filter(|f| f.locale == *locale && f.layer == layer)
                {
                    terms.extend(f.ids().filter(|id| id.starts_with('-')));
                    bundle.add_resource_overriding(f.resource.clone());
                    hashes.push(f.file.hash);
                    if *locale == market.locale {
                        own_locale_files += 1;
                    }
                }
            }
        }
        if own_locale_files == 0 {
            diags.push(
                Diagnostic::warning(
                    "missing-locale",
                    format!(
                        "no strings for locale {}; market `{}` uses {}",
                        market.locale,
                        market.id,
                        chain[1..].join(", ")
                    ),
                )
                .market(market.id.clone())
                .help(format!("add locales/{}/site.ftl", market.locale)),
            );
        }
        let wrappers: String = terms
            .iter()
            .map(|t| format!("{TERM_PREFIX}{t} = {{ {t} }}\n"))
            .collect();
        if let Ok(r) = FluentResource::try_new(wrappers) {
            bundle.add_resource_overriding(Arc::new(r));
        }
        let generation = crate::diagnostics::content_hash(
            format!("{:?}{}{}", hashes, market.id, market.framing).as_bytes(),
        );
        let ids: BTreeSet<String> = files
            .iter()
            .filter(|f| chain.contains(&f.locale))
            .flat_map(FtlFile::ids)
            .collect();
        let mut messages = Messages {
            bundle,
            market: market.id.clone(),
            framing: market.framing.clone(),
            chain,
            generation,
            plain: HashMap::default(),
            formatted: RwLock::default(),
        };
        messages.plain = ids
            .into_iter()
            .map(|id| {
                let text = messages.format_now(&id, &[]);
                (id, text)
            })
            .collect();
        messages
    }

    fn message_id(id: &str) -> std::borrow::Cow<'_, str> {
        if id.starts_with('-') {
            format!("{TERM_PREFIX}{id}").into()
        } else {
            id.into()
        }
    }

    /// Changes whenever a file of the market's chain changes.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether the chain defines the message or `-term`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(&Self::message_id(id))
    }

    /// The messages and terms of the chain that format without arguments, with
    /// their text (those that fail to format are left out).
    pub fn plain_texts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.plain
            .iter()
            .filter_map(|(id, text)| Some((id.as_str(), text.as_deref().ok()?)))
    }

    /// Format a message or `-term` with `$market`, `$framing` and `extra` arguments.
    pub fn format(&self, id: &str, extra: &[(&str, FluentValue<'_>)]) -> Result<String, String> {
        if extra.is_empty()
            && let Some(text) = self.plain.get(id)
        {
            return text.clone();
        }
        // With text arguments only, the same call gives the same text on every page.
        // The key is the id itself when there are none (most calls): no allocation.
        let mut key = std::borrow::Cow::Borrowed(id);
        for (k, v) in extra {
            let FluentValue::String(v) = v else {
                return self.format_now(id, extra);
            };
            let key = key.to_mut();
            key.extend(['\u{1f}'].into_iter().chain(k.chars()).chain(['=']));
            key.push_str(v);
        }
        let cached = self
            .formatted
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(key.as_ref())
            .cloned();
        cached.unwrap_or_else(|| {
            let text = self.format_now(id, extra);
            self.formatted
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key.into_owned(), text.clone());
            text
        })
    }

    fn format_now(&self, id: &str, extra: &[(&str, FluentValue<'_>)]) -> Result<String, String> {
        let msg = self
            .bundle
            .get_message(&Self::message_id(id))
            .ok_or_else(|| {
                format!(
                    "unknown message `{id}` (after fallback to {})",
                    self.chain.join(", ")
                )
            })?;
        let pattern = msg
            .value()
            .ok_or_else(|| format!("message `{id}` has no value"))?;
        let mut args = FluentArgs::new();
        args.set("market", FluentValue::from(self.market.as_str()));
        args.set("framing", FluentValue::from(self.framing.as_str()));
        for (k, v) in extra {
            args.set(*k, v.clone());
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&args), &mut errors);
        match errors.first() {
            None => Ok(text.into_owned()),
            Some(e) => Err(format!("message `{id}`: {e}")),
        }
    }
}

/// Replace every `{{ t "id" }}` in `text` with the market's message. Problems are
/// given to `on_error` with their byte offset in `text`; the placeholder is then
/// left as it was.
pub fn expand_placeholders<'t>(
    text: &'t str,
    messages: &Messages,
    mut on_error: impl FnMut(usize, String),
) -> std::borrow::Cow<'t, str> {
    let find = |from: usize| memchr::memmem::find(&text.as_bytes()[from..], b"{{");
    if find(0).is_none() {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    let mut from = 0;
    while let Some(pos) = find(from) {
        let start = from + pos;
        match parse_placeholder(&text[start..]) {
            Placeholder::NotOurs => {
                from = start + 2;
            }
            Placeholder::Malformed => {
                on_error(
                    start,
                    "malformed message placeholder: write `{{ t \"message-id\" }}`".into(),
                );
                from = start + 2;
            }
            Placeholder::Message { id, len } => {
                out.push_str(&text[rest..start]);
                match messages.format(id, &[]) {
                    Ok(s) => out.push_str(&s),
                    Err(e) => {
                        on_error(start, e);
                        out.push_str(&text[start..start + len]);
                    }
                }
                rest = start + len;
                from = rest;
            }
        }
    }
    out.push_str(&text[rest..]);
    out.into()
}

/// The ids of the `{{ t "id" }}` placeholders in `text`.
pub fn placeholder_ids(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("{{")
        .filter_map(move |(i, _)| match parse_placeholder(&text[i..]) {
            Placeholder::Message { id, .. } => Some(id),
            _ => None,
        })
}

enum Placeholder<'a> {
    NotOurs,
    Malformed,
    Message { id: &'a str, len: usize },
}

/// `{{ t "id" }}` at the start of `s`.
fn parse_placeholder(s: &str) -> Placeholder<'_> {
    let inner = s[2..].trim_start();
    let Some(after_t) = inner.strip_prefix('t') else {
        return Placeholder::NotOurs;
    };
    if !after_t.starts_with([' ', '\t']) {
        return Placeholder::NotOurs;
    }
    let q = after_t.trim_start();
    let Some(q) = q.strip_prefix('"') else {
        return Placeholder::Malformed;
    };
    let Some(end) = q.find('"') else {
        return Placeholder::Malformed;
    };
    let id = &q[..end];
    let Some(close) = q[end + 1..].trim_start().strip_prefix("}}") else {
        return Placeholder::Malformed;
    };
    let valid = id.strip_prefix('-').unwrap_or(id);
    if valid.is_empty()
        || !valid.starts_with(|c: char| c.is_ascii_alphabetic())
        || !valid
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Placeholder::Malformed;
    }
    Placeholder::Message {
        id,
        len: s.len() - close.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::example_config;

    fn ftl(path: &str, locale: &str, layer: Layer, text: &str, diags: &mut Diagnostics) -> FtlFile {
        parse_ftl(SourceFile::new(path, text), locale, layer, diags)
    }

    fn files(diags: &mut Diagnostics) -> Vec<FtlFile> {
        vec![
            ftl(
                "themes/default/locales/en-US/theme.ftl",
                "en-US",
                Layer::Theme,
                "home = Home\nread = Read more\n",
                diags,
            ),
            ftl(
                "themes/default/locales/fr-FR/theme.ftl",
                "fr-FR",
                Layer::Theme,
                "home = Accueil\n",
                diags,
            ),
            ftl(
                "locales/en-US/site.ftl",
                "en-US",
                Layer::Site,
                "-brand = Kestrel\nread = Read on\nframed = { $framing ->\n    [regulatory] Law for { $market }\n   *[other] Data\n}\n",
                diags,
            ),
            ftl(
                "locales/fr-FR/site.ftl",
                "fr-FR",
                Layer::Site,
                "home = Page d'accueil\n",
                diags,
            ),
        ]
    }

    #[test]
    fn formatted_messages_are_kept_apart_by_their_arguments() {
        let c = example_config();
        let mut d = Diagnostics::new();
        let mut files = files(&mut d);
        files.push(ftl(
            "locales/en-US/args.ftl",
            "en-US",
            Layer::Site,
            "role = Role { $role }\nsecs = { $n } s\n",
            &mut d,
        ));
        let us = Messages::for_market(c.market("us").unwrap(), &files, &mut d);
        for _ in 0..2 {
            assert_eq!(
                us.format("role", &[("role", "hook".into())]).unwrap(),
                "Role hook"
            );
            assert_eq!(
                us.format("role", &[("role", "cta".into())]).unwrap(),
                "Role cta"
            );
            assert_eq!(us.format("secs", &[("n", 3.0.into())]).unwrap(), "3 s");
            assert_eq!(us.format("secs", &[("n", 4.0.into())]).unwrap(), "4 s");
            assert_eq!(us.format("read", &[]).unwrap(), "Read on");
        }
        assert!(us.format("nope", &[]).is_err());
        assert!(
            us.format("nope", &[]).is_err(),
            "a cached error stays an error"
        );
    }

    #[test]
    fn every_message_of_the_chain_is_formatted_once_up_front() {
        let c = example_config();
        let mut d = Diagnostics::new();
        let files = files(&mut d);
        let uk = Messages::for_market(c.market("uk").unwrap(), &files, &mut d);
        assert!(uk.plain.contains_key("read"), "en-US, through the fallback");
        assert!(uk.plain.keys().any(|id| id.starts_with('-')), "terms too");
        for (id, text) in &uk.plain {
            assert_eq!(&uk.format_now(id, &[]), text, "{id}");
        }
    }

    #[test]
    fn chain_falls_back_and_site_overrides_theme() {
        let c = example_config();
        let mut d = Diagnostics::new();
        let files = files(&mut d);
        let fr = Messages::for_market(c.market("fr").unwrap(), &files, &mut d);
        assert_eq!(fr.format("home", &[]).unwrap(), "Page d'accueil");
        assert_eq!(fr.format("read", &[]).unwrap(), "Read on");
        assert_eq!(fr.format("-brand", &[]).unwrap(), "Kestrel");
        assert_eq!(fr.format("framed", &[]).unwrap(), "Law for fr");
        let us = Messages::for_market(c.market("us").unwrap(), &files, &mut d);
        assert_eq!(us.format("framed", &[]).unwrap(), "Data");
        // A message that falls back to en-US still uses the market's own terms.
        let mut d2 = Diagnostics::new();
        let mut files = files;
        files.push(ftl(
            "locales/en-US/extra.ftl",
            "en-US",
            Layer::Site,
            "by-brand = by { -brand }\n",
            &mut d2,
        ));
        files.push(ftl(
            "locales/fr-FR/extra.ftl",
            "fr-FR",
            Layer::Site,
            "-brand = Crécerelle\n",
            &mut d2,
        ));
        let fr = Messages::for_market(c.market("fr").unwrap(), &files, &mut d2);
        assert_eq!(fr.format("by-brand", &[]).unwrap(), "by Crécerelle");
        assert!(d.is_empty(), "{:?}", d.into_sorted());
    }

    #[test]
    fn unknown_message_is_an_error_naming_the_market() {
        let c = example_config();
        let mut d = Diagnostics::new();
        let files = files(&mut d);
        let fr = Messages::for_market(c.market("fr").unwrap(), &files, &mut d);
        let e = fr.format("nope", &[]).unwrap_err();
        assert_eq!(e, "unknown message `nope` (after fallback to fr-FR, en-US)");
    }

    #[test]
    fn market_without_strings_warns_and_builds() {
        let c = example_config();
        let mut d = Diagnostics::new();
        let files = files(&mut d);
        let jp = Messages::for_market(c.market("jp").unwrap(), &files, &mut d);
        assert_eq!(jp.format("home", &[]).unwrap(), "Home");
        let d = d.into_sorted();
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].code, d[0].is_error()), ("missing-locale", false));
    }

    #[test]
    fn placeholders_expand_and_report_offsets() {
        let c = example_config();
        let mut d = Diagnostics::new();
        let files = files(&mut d);
        let us = Messages::for_market(c.market("us").unwrap(), &files, &mut d);
        let mut errors = Vec::new();
        let out = expand_placeholders(
            "Use {{ t \"-brand\" }} {{t  \"nope\"}} {{ x }} {{ t brand }}.",
            &us,
            |at, e| errors.push((at, e)),
        );
        assert_eq!(out, "Use Kestrel {{t  \"nope\"}} {{ x }} {{ t brand }}.");
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].0, 21);
        assert!(errors[0].1.contains("unknown message `nope`"));
        assert!(errors[1].1.contains("malformed"));
    }

    #[test]
    fn syntax_error_points_at_line_and_column() {
        let mut d = Diagnostics::new();
        let f = ftl(
            "locales/de-DE/site.ftl",
            "de-DE",
            Layer::Site,
            "ok = Gut\nbroken = { $x\nlater = Später\n",
            &mut d,
        );
        let d = d.into_sorted();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "fluent-syntax");
        assert_eq!(d[0].location.as_ref().unwrap().line, 2);
        // the entries that parsed are kept
        assert!(f.ids().any(|id| id == "later"));
    }
}
