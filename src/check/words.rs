//! The words a vendor is asked to translate for a locale, counted as
//! translation tools count them: a word per UAX #29 word, each Chinese or
//! Japanese character a word. Only what the locale's markets show (the
//! variant blocks they see), and only what is new or stale: the whole of a
//! missing translation, the changed sections of a stale one, the reference
//! messages the locale lacks.

use super::staleness::{split_sections, stamp_for};
use crate::config::{Config, Market};
use crate::content::Explainer;
use crate::l10n::FtlFile;
use crate::load::Sources;
use crate::resolve::{Origin, is_published_in, seen_text, select_document};
use fluent_syntax::ast;
use unicode_segmentation::UnicodeSegmentation;

/// The words to translate into `locale` (a market's locale).
pub fn words_to_translate(sources: &Sources, locale: &str, missing_messages: &[String]) -> usize {
    let config = &sources.config;
    let markets: Vec<&Market> = (config.markets.iter())
        .filter(|m| m.locale == locale)
        .collect();
    let explainers: usize = (sources.library.explainers.iter())
        .map(|e| explainer_words(e, &markets, config))
        .sum();
    explainers + message_words(&sources.ftl, missing_messages)
}

fn explainer_words(e: &Explainer, markets: &[&Market], config: &Config) -> usize {
    let readers: Vec<&Market> = (markets.iter().copied())
        .filter(|m| is_published_in(e, m, false))
        .collect();
    let Some(first) = readers.first() else {
        return 0;
    };
    let source = &e.source;
    let all = |seen: &str| {
        let head = format!("{}\n\n{}\n\n", source.front.title, source.front.summary);
        count_words(&plain(&head)) + count_words(&plain(&seen[source.body_start..]))
    };
    match select_document(e, first, config) {
        Some((_, Origin::Source)) => 0,
        None | Some((_, Origin::UntranslatedSource)) => all(&seen_text(source, &readers)),
        Some((t, Origin::Translation)) => {
            let Some(hash) = &t.front.source_hash else {
                return 0;
            };
            let stamp = stamp_for(e, t, config);
            if *hash == stamp.whole {
                return 0;
            }
            let seen = seen_text(source, &crate::resolve::readers(e, t, config));
            let Some(old) = &t.front.source_sections else {
                return all(&seen);
            };
            let mut words = 0;
            if old.get("title") != stamp.sections.get("title") {
                let head = format!("{}\n\n{}", source.front.title, source.front.summary);
                words += count_words(&plain(&head));
            }
            for (id, text) in split_sections(&seen[source.body_start..]) {
                if old.get(&id) != stamp.sections.get(&id) {
                    words += count_words(&plain(&text));
                }
            }
            words
        }
    }
}

/// The words of the reference's `missing` messages.
fn message_words(files: &[FtlFile], missing: &[String]) -> usize {
    let reference = (files.iter()).filter(|f| f.locale == crate::config::REFERENCE_LOCALE);
    let mut words = 0;
    for f in reference {
        for entry in f.resource.entries() {
            let ast::Entry::Message(m) = entry else {
                continue;
            };
            if !missing.iter().any(|id| id == m.id.name) {
                continue;
            }
            let patterns = m.value.iter().chain(m.attributes.iter().map(|a| &a.value));
            for p in patterns {
                words += pattern_words(p);
            }
        }
    }
    words
}

fn pattern_words(p: &ast::Pattern<&str>) -> usize {
    let mut words = 0;
    for el in &p.elements {
        match el {
            ast::PatternElement::TextElement { value } => words += count_words(value),
            ast::PatternElement::Placeable {
                expression: ast::Expression::Select { variants, .. },
            } => {
                words += variants
                    .iter()
                    .map(|v| pattern_words(&v.value))
                    .sum::<usize>()
            }
            ast::PatternElement::Placeable { .. } => {}
        }
    }
    words
}

/// The text of Markdown with directives: fences and the script's role
/// keywords dropped, `{{ t }}` placeholders and code left out.
fn plain(markdown: &str) -> String {
    let mut lines = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        let t = line.trim();
        if t.starts_with(":::") {
            continue;
        }
        let roles = ["hook:", "beat:", "cta:", "screen:", "note:"];
        let text = roles.iter().find_map(|r| t.strip_prefix(r)).unwrap_or(line);
        lines.push_str(text);
        lines.push('\n');
    }
    let mut out = String::new();
    let Ok(parser) = crate::markdown::parse(&lines) else {
        return out;
    };
    for event in parser {
        if let pulldown_cmark::Event::Text(t) = event {
            out.push_str(&t);
            out.push(' ');
        }
    }
    // `{{ t "id" }}` inserts a message: not the vendor's words here.
    let mut kept = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(i) = rest.find("{{") {
        kept.push_str(&rest[..i]);
        rest = rest[i..].find("}}").map_or("", |j| &rest[i + j + 2..]);
    }
    kept.push_str(rest);
    kept
}

/// Words as translation tools count them.
pub fn count_words(text: &str) -> usize {
    text.unicode_words()
        .map(|w| match w.chars().filter(|c| is_cjk(*c)).count() {
            0 => 1,
            n => n,
        })
        .sum()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // hiragana, katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFF66..=0xFF9F // half-width katakana
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_translation_tools_count_them() {
        assert_eq!(count_words("Where do your videos actually live?"), 6);
        assert_eq!(count_words("two-step verification, on"), 4);
        assert_eq!(
            count_words("データはどこに"),
            7,
            "each kana or kanji a word"
        );
        assert_eq!(count_words("Kestrelのアカウント"), 7);
        assert_eq!(count_words(""), 0);
    }

    #[test]
    fn markup_directives_and_placeholders_are_not_words() {
        let md = ":::variant{for=\"us\"}\nYour **data** stays [here](a.md).\n:::\n\n::::script\nhook: Where is it?\n::::\n\n`code` and {{ t \"-brand\" }} too.\n";
        assert_eq!(count_words(&plain(md)), 4 + 3 + 2);
    }
}
