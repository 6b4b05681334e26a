//! Speaking-time estimates: syllables (morae for Japanese) counted in the
//! text, divided by the language's rate at presenter pace (`rates`, read from
//! `scripts/rates.yaml`).

use super::rates::Rates;

/// Seconds to say `text` in `lang`, rounded to hundredths.
pub fn speaking_seconds(text: &str, lang: &str, rates: &Rates) -> f64 {
    round2(count_syllables(text, lang) as f64 / rates.speaking(lang))
}

/// A note's duration, written first in brackets (`(2s) Show the screen`,
/// `(1.5 s)`, `(2 sec)`), and the rest of its text.
pub fn note_duration(text: &str) -> (Option<f64>, &str) {
    let parsed = (|| {
        let inner = text.strip_prefix('(')?;
        let (inside, rest) = inner.split_once(')')?;
        let number = inside
            .trim()
            .trim_end_matches("sec")
            .trim_end_matches('s')
            .trim();
        let seconds: f64 = number.replace(',', ".").parse().ok()?;
        (seconds.is_finite() && seconds >= 0.0).then_some((seconds, rest.trim_start()))
    })();
    match parsed {
        Some((seconds, rest)) => (Some(seconds), rest),
        None => (None, text),
    }
}

/// Characters as a reader counts them: in Japanese a half-width character
/// (Latin letters, digits, spaces) counts as half a full-width one.
pub fn reading_chars(text: &str, lang: &str) -> f64 {
    if lang != "ja" {
        return text.chars().count() as f64;
    }
    (text.chars())
        .map(|c| match unicode_width::UnicodeWidthChar::width(c) {
            Some(2) => 1.0,
            Some(0) => 0.0,
            _ => 0.5,
        })
        .sum()
}

/// Seconds a viewer needs to read `text`, at least one.
pub fn reading_seconds(text: &str, lang: &str, rates: &Rates) -> f64 {
    round2((reading_chars(text, lang) / rates.reading(lang)).max(1.0))
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Syllables of `text` in `lang`: morae for Japanese script, vowel groups for
/// Latin-script words (with silent final e in English and French), one per digit,
/// one per letter of an all-capitals abbreviation.
pub fn count_syllables(text: &str, lang: &str) -> usize {
    let mut total = 0;
    // Where the word being read began: words are slices of `text`, not copies.
    let mut word_start = None;
    for (i, c) in text.char_indices() {
        // ASCII first; then kana and kanji, two range checks, where
        // `is_alphanumeric` looks every Japanese character up in Unicode's tables.
        let japanese = !c.is_ascii() && (is_kana(c) || is_kanji(c));
        let in_word = if c.is_ascii() {
            c.is_ascii_alphanumeric() || c == '\''
        } else {
            !japanese && (c.is_alphanumeric() || c == '’')
        };
        if in_word {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            total += latin_word_syllables(&text[start..i], lang);
        }
        if japanese {
            total += mora_count(c);
        }
    }
    total + word_start.map_or(0, |start| latin_word_syllables(&text[start..], lang))
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{FF66}'..='\u{FF9D}')
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々')
}

/// Morae of one Japanese character. Small kana (ゃ, ィ…) join the mora before;
/// the geminate っ, the moraic ん and the long-vowel mark ー are morae of their own.
/// A kanji is counted as two morae: most on-readings are one or two morae long,
/// so two keeps the estimate on the safe side.
fn mora_count(c: char) -> usize {
    let small = matches!(
        c,
        'ぁ' | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
    );
    if is_kanji(c) {
        2
    } else if small || matches!(c, '・' | '゛' | '゜') {
        0
    } else {
        1
    }
}

fn latin_word_syllables(word: &str, lang: &str) -> usize {
    if word.is_empty() {
        return 0;
    }
    // One walk over the word, reading each character and its lower case (the
    // vowel groups are counted on the lower-cased word), with no copy of it.
    let hiatus_lang = matches!(lang, "es" | "id");
    let (mut digits_only, mut letters, mut capitals_only) = (true, 0, true);
    let (mut groups, mut digits) = (0, 0);
    // The previous letter or digit of the lower-cased word: a vowel? a strong one?
    let (mut after_vowel, mut after_strong) = (false, false);
    // The last three characters of the lower-cased word ('\0' before its start).
    let mut tail = ['\0'; 3];
    let mut lowered = |c: char| {
        tail = [tail[1], tail[2], c];
        if !c.is_alphanumeric() {
            return;
        }
        digits += usize::from(c.is_ascii_digit());
        let v = is_vowel(c);
        // In Spanish and Indonesian two strong vowels (a, e, o) are two syllables:
        // "vi-de-o", "Ko-re-a".
        let strong = is_strong(c);
        let hiatus = after_vowel && hiatus_lang && strong && after_strong;
        if v && (!after_vowel || hiatus) {
            groups += 1;
        }
        (after_vowel, after_strong) = (v, strong);
    };
    for c in word.chars() {
        digits_only &= c.is_ascii_digit();
        if c.is_alphabetic() {
            letters += 1;
            capitals_only &= c.is_uppercase();
        }
        if c.is_ascii() {
            lowered(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut lowered);
        }
    }
    if digits_only {
        return word.len();
    }
    if (2..=5).contains(&letters) && capitals_only {
        return letters; // an abbreviation, spelled out: "GDPR", "ICO"
    }
    groups += digits;
    // A final e after a consonant is silent in English ("live") and French ("page",
    // "pages"), but not in English "-le" ("people").
    let before_e = match tail {
        [c, 'e', 's'] if lang == "fr" => c,
        [_, c, 'e'] => c,
        _ => '\0',
    };
    let after_consonant = before_e.is_alphabetic() && !is_vowel(before_e);
    let silent_e = groups > 1
        && after_consonant
        && match lang {
            "en" => tail[1..] != ['l', 'e'],
            "fr" => true,
            _ => false,
        };
    (groups - usize::from(silent_e)).max(1)
}

// A `match` on characters, not a search of a string: these run for every letter
// of every script line of every market.
fn is_strong(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'o' | 'á' | 'é' | 'ó')
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'à'
            | 'â'
            | 'ä'
            | 'á'
            | 'ã'
            | 'å'
            | 'æ'
            | 'é'
            | 'è'
            | 'ê'
            | 'ë'
            | 'í'
            | 'ì'
            | 'î'
            | 'ï'
            | 'ó'
            | 'ò'
            | 'ô'
            | 'ö'
            | 'õ'
            | 'ø'
            | 'œ'
            | 'ú'
            | 'ù'
            | 'û'
            | 'ü'
            | 'ý'
            | 'ÿ'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// At the default theme's rates.
    fn speaking_seconds_en_rates(text: &str, lang: &str) -> f64 {
        speaking_seconds(text, lang, &crate::testing::rates())
    }

    #[test]
    fn a_note_may_start_with_its_duration() {
        assert_eq!(
            note_duration("(2s) Show the Settings screen"),
            (Some(2.0), "Show the Settings screen")
        );
        assert_eq!(note_duration("(1.5 s) Cut"), (Some(1.5), "Cut"));
        assert_eq!(note_duration("(2 sec) Hold"), (Some(2.0), "Hold"));
        assert_eq!(note_duration("(0,5s) Beat"), (Some(0.5), "Beat"));
        for plain in [
            "Smile (warmly)",
            "(two seconds) Hold",
            "(2s Hold",
            "(-1s) x",
            "(NaNs) x",
            "Show it",
        ] {
            assert_eq!(note_duration(plain), (None, plain), "{plain}");
        }
    }

    #[test]
    fn japanese_readers_count_half_width_as_half() {
        assert_eq!(reading_chars("データ", "ja"), 3.0);
        assert_eq!(reading_chars("2段階 OK", "ja"), 4.0);
        assert_eq!(reading_chars("2 steps", "en"), 7.0);
    }

    #[test]
    fn english_counts_vowel_groups_with_silent_e() {
        // where(1: silent e) do(1) your(1) videos(2: "eo" is one vowel group, an
        // undercount the heuristic accepts) actually(3: a, ua, y) live(1)
        assert_eq!(
            count_syllables("Where do your videos actually live?", "en"),
            9
        );
        assert_eq!(count_syllables("people table", "en"), 4);
        assert_eq!(count_syllables("the GDPR", "en"), 5);
    }

    #[test]
    fn english_seconds_by_hand() {
        // 9 syllables / (6.19 * 0.65 = 4.0235 syl/s) = 2.2369 s
        assert_eq!(
            speaking_seconds_en_rates("Where do your videos actually live?", "en"),
            2.24
        );
    }

    #[test]
    fn french_silent_final_e_after_a_consonant() {
        // u-ne(1) bel-le(1) pa-ge(1): the final e is mute
        assert_eq!(count_syllables("une belle page", "fr"), 3);
        // vos(1) don-nées(2: é is spoken) res-tent(2) pro-té-gées(3)
        assert_eq!(count_syllables("Vos données restent protégées", "fr"), 8);
        // 8 / (7.18 * 0.65 = 4.667) = 1.7142
        assert_eq!(
            speaking_seconds_en_rates("Vos données restent protégées", "fr"),
            1.71
        );
    }

    #[test]
    fn german_diphthongs_are_one_syllable() {
        // wo(1) leben(2) deine(2: ei, e) Videos(2: i, eo) eigentlich(3: ei, e, i)
        assert_eq!(
            count_syllables("Wo leben deine Videos eigentlich?", "de"),
            10
        );
        // 10 / (5.97 * 0.65 = 3.8805) = 2.5770
        assert_eq!(
            speaking_seconds_en_rates("Wo leben deine Videos eigentlich?", "de"),
            2.58
        );
    }

    #[test]
    fn spanish_and_indonesian_seconds_by_hand() {
        // dón-de(2) vi-ven(2) tus(1) vi-de-os(3: e-o is a hiatus) = 8 / (7.82*0.65 = 5.083) = 1.5739
        assert_eq!(count_syllables("¿Dónde viven tus videos?", "es"), 8);
        assert_eq!(
            speaking_seconds_en_rates("¿Dónde viven tus videos?", "es"),
            1.57
        );
        // di(1) ma-na(2) vi-de-o(3: hiatus) An-da(2) di-sim-pan(3) = 11 / (6.74*0.65 = 4.381) = 2.5108
        assert_eq!(count_syllables("Di mana video Anda disimpan?", "id"), 11);
        assert_eq!(
            speaking_seconds_en_rates("Di mana video Anda disimpan?", "id"),
            2.51
        );
    }

    #[test]
    fn japanese_counts_morae_not_spaces() {
        // ど こ に (3) + 保存 (2 kanji = 4) + さ れ て (3) + い ま す か (4) = 14
        assert_eq!(count_syllables("どこに保存されていますか？", "ja"), 14);
        // きょう: き + small ょ (joins) + う = 2; がっこう: が っ こ う = 4; ラーメン: ラ ー メ ン = 4
        assert_eq!(count_syllables("きょう", "ja"), 2);
        assert_eq!(count_syllables("がっこう", "ja"), 4);
        assert_eq!(count_syllables("ラーメン", "ja"), 4);
        // 14 / (7.84 * 0.65 = 5.096) = 2.7473
        assert_eq!(
            speaking_seconds_en_rates("どこに保存されていますか？", "ja"),
            2.75
        );
        // no spaces in Japanese: the count does not depend on them
        assert_eq!(count_syllables("どこに 保存 されて いますか", "ja"), 14);
        // A Latin word ends where Japanese script begins: GDPR spelled out (4),
        // に (1), two kanji (2 each).
        assert_eq!(count_syllables("GDPRに準拠", "ja"), 9);
        assert_eq!(count_syllables("準拠GDPR", "ja"), 8);
    }
}
