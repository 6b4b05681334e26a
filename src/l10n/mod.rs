//! Fluent messages: `.ftl` files of the theme and the site, and one bundle per
//! market along its fallback chain (market locale, configured fallbacks, en-US).

use crate::config::Market;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile, is_are, plural};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use std::collections::HashMap;
use std::collections::{BTreeSet, HashSet};
use std::sync::{Arc, RwLock};

pub mod dates;
mod intl;
mod limits;
mod placeholders;

pub use limits::MAX_MESSAGE_BYTES;
pub use placeholders::{
    MAX_INSERTED_BYTES, expand_placeholders, placeholder_ids, placeholder_spans,
};

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
    /// Where each entry starts, found in one pass when first asked for.
    starts: std::sync::OnceLock<HashMap<String, usize>>,
}

impl FtlFile {
    /// The byte offset where the entry `id` (`name`, or `-name` for a term) is
    /// defined; 0 if it is not found.
    pub fn entry_offset(&self, id: &str) -> usize {
        let starts = self.starts.get_or_init(|| {
            let mut starts = HashMap::default();
            let mut at = 0;
            for line in self.file.text.split_inclusive('\n') {
                if let Some((id, _)) = line.split_once('=')
                    && line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-')
                {
                    starts.entry(id.trim_end().to_string()).or_insert(at);
                }
                at += line.len();
            }
            starts
        });
        starts.get(id).copied().unwrap_or(0)
    }

    /// The comment above each message and term (`-term`), for translators.
    /// The runtime parser drops comments, so the file is read again with the
    /// full parser, if its nesting is within limits.
    pub fn comments(&self) -> HashMap<String, String> {
        if limits::too_deep(&self.file.text).is_some() {
            return HashMap::new();
        }
        let resource = match fluent_syntax::parser::parse(self.file.text.as_str()) {
            Ok(r) | Err((r, _)) => r,
        };
        (resource.body.iter())
            .filter_map(|e| match e {
                ast::Entry::Message(m) => Some((m.id.name.to_string(), m.comment.as_ref()?)),
                ast::Entry::Term(t) => Some((format!("-{}", t.id.name), t.comment.as_ref()?)),
                _ => None,
            })
            .map(|(id, c)| (id, c.content.join("\n")))
            .collect()
    }

    /// Message ids and `-term` ids defined in the file.
    pub fn ids(&self) -> impl Iterator<Item = String> + '_ {
        self.resource.entries().filter_map(|e| match e {
            ast::Entry::Message(m) => Some(m.id.name.to_string()),
            ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
    }
}

/// The messages (not terms) that the theme or the site defines for `locale`.
pub fn message_ids<'f>(files: &'f [FtlFile], locale: &str) -> BTreeSet<&'f str> {
    (files.iter().filter(|f| f.locale == locale))
        .flat_map(|f| f.resource.entries())
        .filter_map(|e| match e {
            ast::Entry::Message(m) => Some(m.id.name),
            _ => None,
        })
        .collect()
}

/// Parse an `.ftl` file; syntax errors are reported with their line and column,
/// and the entries that parsed are kept.
pub fn parse_ftl(file: SourceFile, locale: &str, layer: Layer, diags: &mut Diagnostics) -> FtlFile {
    let text = match limits::too_deep(&file.text) {
        None => file.text.clone(),
        Some(at) => {
            // Fluent's parser recurses on nesting: the file is not parsed at all.
            diags.push(
                Diagnostic::error(
                    Code::ContentLimit,
                    format!("placeables nest more than {} deep", limits::MAX_NESTING),
                )
                .at(file.location(at))
                .help("no message needs this; split it into messages that refer to each other"),
            );
            String::new()
        }
    };
    let resource = match FluentResource::try_new(text) {
        Ok(r) => r,
        Err((r, errors)) => {
            let left_out = errors.len().saturating_sub(MAX_SYNTAX_ERRORS);
            for e in errors.into_iter().take(MAX_SYNTAX_ERRORS) {
                // The slice starts at the broken entry; `pos` may already be on the next line.
                let at = e
                    .slice
                    .as_ref()
                    .map_or(e.pos.start, |s| s.start.min(e.pos.start));
                diags.push(
                    Diagnostic::error(Code::FluentSyntax, e.to_string())
                        .at(file.location(at))
                        .help("see https://projectfluent.org/fluent/guide/ for the syntax"),
                );
            }
            if left_out > 0 {
                diags.push(
                    Diagnostic::error(
                        Code::FluentSyntax,
                        format!(
                            "{} in this file {} not shown",
                            plural(left_out, "more syntax error"),
                            is_are(left_out)
                        ),
                    )
                    .at(file.location(0)),
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
        starts: std::sync::OnceLock::new(),
    }
}

/// At most this many syntax errors are reported for one file.
const MAX_SYNTAX_ERRORS: usize = 100;

/// The prefix of the synthetic messages through which `-terms` are formatted.
const TERM_PREFIX: &str = "glasshouse-term";

/// Why a message could not be formatted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MessageError {
    #[error("unknown message `{id}` (after fallback to {chain})")]
    Unknown { id: String, chain: String },
    #[error("message `{id}` has no value")]
    NoValue { id: String },
    #[error("message `{id}` can format to more than {} KiB", limits::MAX_MESSAGE_BYTES / 1024)]
    TooLong { id: String },
    #[error("message `{id}`: {error}")]
    Format { id: String, error: String },
}

impl MessageError {
    /// The diagnostic code of the error.
    pub fn code(&self) -> Code {
        match self {
            MessageError::TooLong { .. } => Code::ContentLimit,
            _ => Code::UnknownMessage,
        }
    }
}

/// A market's messages: one bundle holding its whole chain, later locales and
/// theme strings overridden by earlier locales and site strings. Messages are
/// formatted when a page first asks for them, never all up front: a vendor's
/// file may hold a hundred thousand that no page uses.
pub struct Messages {
    bundle: FluentBundle<Arc<FluentResource>>,
    market: String,
    framing: String,
    chain: Vec<String>,
    /// Hash of the files in the chain: changes when one of them does.
    generation: u64,
    /// Messages and terms that could format to more than
    /// [`limits::MAX_MESSAGE_BYTES`]: refused (and reported where defined).
    too_long: HashSet<String>,
    /// Messages formatted so far, by id and text arguments.
    formatted: RwLock<HashMap<String, Result<String, MessageError>>>,
    /// Messages and terms that come from a fallback locale written in the other
    /// direction (English in a right-to-left market), and the mark that opens
    /// such a text's isolation: U+2066 (left to right) or U+2067.
    other_direction: (HashSet<String>, char),
}

impl Messages {
    /// Build the bundle for `market` from all loaded files.
    pub fn for_market(market: &Market, files: &[FtlFile], diags: &mut Diagnostics) -> Messages {
        let chain = market.locale_chain();
        let mut bundle = FluentBundle::new_concurrent(vec![market.langid.clone()]);
        // Fluent wraps placeables in bidi isolation marks, which would leak into
        // titles, attributes and captions; pages set `dir` on their text instead.
        bundle.set_use_isolating(false);
        intl::add_functions(&mut bundle);
        if market.pseudo {
            bundle.set_transform(Some(crate::pseudo::fluent_transform));
        }
        let mut terms = BTreeSet::new();
        let mut own_locale_files = 0;
        let mut hashes = Vec::new();
        // Lowest priority first: a later file's entry overrides an earlier one's.
        let mut in_order = Vec::new();
        for locale in chain.iter().rev() {
            for layer in [Layer::Theme, Layer::Site] {
                for f in files
                    .iter()
                    .filter(|f| f.locale == *locale && f.layer == layer)
                {
                    terms.extend(f.ids().filter(|id| id.starts_with('-')));
                    bundle.add_resource_overriding(f.resource.clone());
                    hashes.push(f.file.hash());
                    in_order.push(f);
                    if *locale == market.locale {
                        own_locale_files += 1;
                    }
                }
            }
        }
        if own_locale_files == 0 {
            diags.push(
                Diagnostic::warning(
                    Code::MissingLocale,
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
        let too_long = too_long(&in_order, &market.id, diags);
        let other_direction = other_direction(&in_order, &market.locale);
        Messages {
            bundle,
            market: market.id.clone(),
            framing: market.framing.clone(),
            chain,
            generation,
            too_long,
            formatted: RwLock::default(),
            other_direction,
        }
    }

    /// `text`, the text of message `id`, as a page of the market shows it: when
    /// it comes from a fallback locale written in the other direction, isolated
    /// in its own (U+2066 or U+2067 ... U+2069), so that an English fallback on a
    /// right-to-left page keeps its punctuation where English puts it. Unicode
    /// isolates, not markup: the text may be an attribute's value.
    pub fn isolated(&self, id: &str, text: String) -> String {
        let (ids, open) = &self.other_direction;
        if !ids.contains(id) {
            return text;
        }
        let mut out = String::with_capacity(text.len() + 6);
        out.push(*open);
        out.push_str(&text);
        out.push('\u{2069}');
        out
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

    /// Format a message or `-term` with `$market`, `$framing` and `extra` arguments.
    pub fn format(
        &self,
        id: &str,
        extra: &[(&str, FluentValue<'_>)],
    ) -> Result<String, MessageError> {
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

    fn format_now(
        &self,
        id: &str,
        extra: &[(&str, FluentValue<'_>)],
    ) -> Result<String, MessageError> {
        let msg = self
            .bundle
            .get_message(&Self::message_id(id))
            .ok_or_else(|| MessageError::Unknown {
                id: id.to_string(),
                chain: self.chain.join(", "),
            })?;
        if self.too_long.contains(id) {
            return Err(MessageError::TooLong { id: id.to_string() });
        }
        let pattern = msg
            .value()
            .ok_or_else(|| MessageError::NoValue { id: id.to_string() })?;
        let mut args = FluentArgs::new();
        args.set("market", FluentValue::from(self.market.as_str()));
        args.set("framing", FluentValue::from(self.framing.as_str()));
        for (k, v) in extra {
            args.set(*k, v.clone());
        }
        let mut errors = Vec::new();
        intl::take_refused();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&args), &mut errors);
        let refused = intl::take_refused();
        match (errors.first(), refused) {
            (None, None) => Ok(text.into_owned()),
            (Some(e), _) => Err(MessageError::Format {
                id: id.to_string(),
                error: e.to_string(),
            }),
            (None, Some(why)) => Err(MessageError::Format {
                id: id.to_string(),
                error: why.to_string(),
            }),
        }
    }
}

/// The messages and terms of `files` (lowest priority first) that the market
/// of `locale` takes from a locale written in the other direction, and the
/// mark that opens their isolation.
fn other_direction(files: &[&FtlFile], locale: &str) -> (HashSet<String>, char) {
    let own = crate::config::text_direction(locale);
    let open = if own == "rtl" { '\u{2066}' } else { '\u{2067}' };
    let mut ids = HashSet::new();
    for f in files {
        if crate::config::text_direction(&f.locale) != own {
            ids.extend(f.ids());
        } else if !ids.is_empty() {
            f.ids().for_each(|id| {
                ids.remove(&id);
            });
        }
    }
    (ids, open)
}

/// The messages and terms of a market's chain (`files`, lowest priority first)
/// that could format to more than [`limits::MAX_MESSAGE_BYTES`], each reported
/// where it is defined.
fn too_long(files: &[&FtlFile], market: &str, diags: &mut Diagnostics) -> HashSet<String> {
    let mut defs: std::collections::HashMap<String, Vec<&ast::Pattern<&str>>> =
        std::collections::HashMap::new();
    let mut defined_in: HashMap<String, &FtlFile> = HashMap::default();
    for f in files {
        for e in f.resource.entries() {
            let (id, value, attributes) = match e {
                ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
                _ => continue,
            };
            let patterns = value.into_iter().chain(attributes.iter().map(|a| &a.value));
            defined_in.insert(id.clone(), f);
            defs.insert(id, patterns.collect());
        }
    }
    let too_long: HashSet<String> = limits::longest_texts(&defs)
        .into_iter()
        .filter(|(_, bound)| *bound > limits::MAX_MESSAGE_BYTES)
        .map(|(id, _)| id)
        .collect();
    let mut reported: Vec<&String> = too_long.iter().collect();
    reported.sort();
    for id in reported {
        let f = defined_in[id];
        let at = f.entry_offset(id);
        diags.push(
            Diagnostic::error(
                Code::ContentLimit,
                format!(
                    "`{id}` can format to more than {} KiB",
                    limits::MAX_MESSAGE_BYTES / 1024
                ),
            )
            .at(f.file.location(at))
            .market(market)
            .help("a message is a short text: put long text in the explainer"),
        );
    }
    too_long
}

#[cfg(test)]
mod tests;
