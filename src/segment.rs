//! Where a line of text may break: between phrases (bunsetsu) in Japanese, by
//! BudouX's model, and at the Unicode line-break opportunities (UAX #14, by
//! ICU4X) in every other language. Share cards wrap titles with it.

use icu_segmenter::LineSegmenter;
use icu_segmenter::options::LineBreakOptions;
use std::sync::LazyLock;

/// BudouX's Japanese model, parsed once (it is a few thousand weights).
static JAPANESE: LazyLock<budouy::Parser> =
    LazyLock::new(budouy::model::load_default_japanese_parser);

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

fn is_japanese(lang: &str) -> bool {
    lang == "ja" || lang.starts_with("ja-")
}

/// UAX #14 break opportunities, as byte offsets.
fn line_cuts(text: &str) -> Vec<usize> {
    LineSegmenter::new_auto(LineBreakOptions::default())
        .segment_str(text)
        .collect()
}

/// Between BudouX's phrases, and after the spaces around Latin words (which
/// the phrase model does not see as breaks).
fn japanese_cuts(text: &str) -> Vec<usize> {
    let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let mut cuts: Vec<usize> = (JAPANESE.parse_boundaries(text).into_iter())
        .filter_map(|c| offsets.get(c).copied())
        .collect();
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
    fn japanese_with_latin_words_breaks_at_their_spaces() {
        let p = pieces("Google アカウントの 2 段階認証", "ja");
        assert_eq!(p.concat(), "Google アカウントの 2 段階認証");
        assert!(p.contains(&"Google "), "{p:?}");
    }

    #[test]
    fn arabic_breaks_between_words() {
        let p = pieces("أين تُحفظ بياناتك", "ar");
        assert_eq!(p, ["أين ", "تُحفظ ", "بياناتك"]);
    }
}
