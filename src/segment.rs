//! Where a line of text may break: between phrases (bunsetsu) in Japanese, by
//! BudouX's model, and at the Unicode line-break opportunities (UAX #14, by
//! ICU4X) in every other language. Share cards wrap titles with it; captions
//! break between phrases (`phrases`).

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};
use std::sync::LazyLock;

/// The UAX #14 segmenter, made once: making one looks its data up by locale.
static LINES: LazyLock<LineSegmenterBorrowed<'static>> =
    LazyLock::new(|| LineSegmenter::new_auto(LineBreakOptions::default()));

/// BudouX's Japanese model (its tables are compiled in).
static JAPANESE: LazyLock<budoux_phf_rs::Parser> =
    LazyLock::new(budoux_phf_rs::Parser::japanese_parser);

/// `text` cut at every place a line may break, in order: joined, the pieces
/// are `text`. A space stays at the end of the piece before it.
pub fn pieces<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
    let mut cuts = if is_japanese(lang) {
        japanese_cuts(text)
    } else {
        line_cuts(text)
    };
    cuts.retain(|&c| c > 0 && c < text.len());
    cuts.sort_unstable();
    cuts.dedup();
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for cut in cuts {
        pieces.push(&text[start..cut]);
        start = cut;
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

/// `text` cut between phrases: the line-break pieces of `pieces`, with a
/// piece that ends in a word that leads into the next (an article, a
/// possessive, a preposition: "your | password" is no place to break, as
/// subtitle guides say) joined to the one after it.
pub fn phrases<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
    let pieces = pieces(text, lang);
    let leading = leading_words(lang);
    let mut out: Vec<&'a str> = Vec::with_capacity(pieces.len());
    let mut start: Option<usize> = None;
    let mut at = 0;
    for (i, piece) in pieces.iter().enumerate() {
        let begin = *start.get_or_insert(at);
        at += piece.len();
        let word = piece.trim_end().rsplit(' ').next().unwrap_or("");
        if i + 1 < pieces.len() && leads_on(word, leading) {
            continue;
        }
        out.push(&text[begin..at]);
        start = None;
    }
    out
}

/// Words after which a line should not break, in the language of `lang`.
fn leading_words(lang: &str) -> &'static [&'static str] {
    match lang.split('-').next().unwrap_or(lang) {
        "en" => &[
            "a", "an", "the", "your", "my", "our", "their", "its", "his", "her", "this", "that",
            "to", "of", "in", "on", "for", "with", "by", "at", "from", "and", "or",
        ],
        "fr" => &[
            "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "votre", "vos", "notre",
            "nos", "leur", "leurs", "à", "au", "aux", "en", "dans", "sur", "pour", "par", "avec",
            "et", "ou",
        ],
        "de" => &[
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
            "ihr", "ihre", "ihren", "ihrem", "unser", "unsere", "in", "im", "an", "am", "auf",
            "für", "mit", "von", "vom", "zu", "zum", "zur", "und", "oder",
        ],
        "es" => &[
            "el", "la", "los", "las", "un", "una", "unos", "unas", "su", "sus", "tu", "tus",
            "nuestro", "nuestra", "de", "del", "a", "al", "en", "con", "por", "para", "y", "o",
        ],
        "id" => &[
            "di", "ke", "dari", "untuk", "dengan", "dan", "atau", "yang", "para", "sang",
        ],
        _ => &[],
    }
}

/// Whether `word` is one of `words` (which are at most 7 letters).
fn leads_on(word: &str, words: &[&str]) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
    !word.is_empty() && word.len() <= 8 && words.iter().any(|w| w.eq_ignore_ascii_case(word))
}

fn is_japanese(lang: &str) -> bool {
    lang == "ja" || lang.starts_with("ja-")
}

/// UAX #14 break opportunities, as byte offsets.
fn line_cuts(text: &str) -> Vec<usize> {
    LINES.segment_str(text).collect()
}

/// Between BudouX's phrases, and after the spaces around Latin words (which
/// the phrase model does not see as breaks).
fn japanese_cuts(text: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut at = 0;
    JAPANESE.parse_with(text, |phrase| {
        at += phrase.len();
        cuts.push(at);
    });
    cuts.extend(
        line_cuts(text)
            .into_iter()
            .filter(|&c| text[..c].ends_with(char::is_whitespace)),
    );
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_breaks_after_spaces_and_hyphens_only() {
        assert_eq!(
            pieces("Two-step verification, explained", "en"),
            ["Two-", "step ", "verification, ", "explained"]
        );
        assert_eq!(pieces("", "fr"), Vec::<&str>::new());
        // No break before the French colon's non-breaking space.
        assert_eq!(
            pieces("Vos données\u{a0}: où", "fr"),
            ["Vos ", "données\u{a0}: ", "où"]
        );
    }

    #[test]
    fn japanese_breaks_between_phrases_not_characters() {
        let text = "あなたのデータはどこに保存されるのか";
        let p = pieces(text, "ja-JP");
        assert_eq!(p.concat(), text);
        assert!(p.len() >= 3 && p.len() <= 8, "{p:?}");
        // A particle stays with the word before it.
        assert!(
            p.iter().any(|s| s.ends_with("の") || s.ends_with("は")),
            "{p:?}"
        );
        assert!(
            !p.iter().any(|s| s.starts_with("の") || s.starts_with("は")),
            "{p:?}"
        );
    }

    #[test]
    fn japanese_phrases_are_budoux_s() {
        // As BudouX's reference parser (budouy 0.2.2) cuts them.
        assert_eq!(pieces("今日は天気です。", "ja"), ["今日は", "天気です。"]);
        assert_eq!(
            pieces("あなたのデータは日本国内のサーバーに保存されます。", "ja"),
            [
                "あなたの",
                "データは",
                "日本国内の",
                "サーバーに",
                "保存されます。"
            ]
        );
        assert_eq!(pieces("今", "ja"), ["今"]);
        assert!(pieces("", "ja").is_empty());
    }

    #[test]
    fn japanese_with_latin_words_breaks_at_their_spaces() {
        let p = pieces("Google アカウントの 2 段階認証", "ja");
        assert_eq!(p.concat(), "Google アカウントの 2 段階認証");
        assert!(p.contains(&"Google "), "{p:?}");
    }

    #[test]
    fn phrases_keep_a_word_with_the_article_or_preposition_before_it() {
        let p = phrases(
            "A thief who has your password still needs your phone.",
            "en",
        );
        assert!(p.contains(&"your password "), "{p:?}");
        assert!(p.contains(&"your phone."), "{p:?}");
        let p = phrases("Vos données restent dans vos paramètres", "fr");
        assert!(p.contains(&"dans vos paramètres"), "{p:?}");
        let p = phrases("Ihre Daten liegen auf dem Server", "de-DE");
        assert!(p.contains(&"auf dem Server"), "{p:?}");
        assert_eq!(phrases("the", "en"), ["the"]);
        assert_eq!(phrases("", "en"), Vec::<&str>::new());
        let text = "あなたのデータはどこに保存されるのか";
        assert_eq!(phrases(text, "ja"), pieces(text, "ja"));
    }

    #[test]
    fn arabic_breaks_between_words() {
        let p = pieces("أين تُحفظ بياناتك", "ar");
        assert_eq!(p, ["أين ", "تُحفظ ", "بياناتك"]);
    }
}
