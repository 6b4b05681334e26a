//! The pseudo-locale: the source, accented, about 35% longer and bracketed, so
//! that untranslated template text and layouts that break under longer languages
//! show up before a translation vendor is involved.

use crate::config::{Config, Market, Untranslated};

pub const PSEUDO_MARKET: &str = "pseudo";
/// `XA` is a private-use region: a valid tag that no real market uses.
pub const PSEUDO_LOCALE: &str = "en-XA";

/// Accented look-alikes of ASCII letters.
fn accent(c: char) -> char {
    const FROM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const TO: &str = "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ";
    FROM.find(c).and_then(|i| TO.chars().nth(i)).unwrap_or(c)
}

/// `Your data` -> `[Ýööûŕ đååţåå]`: letters accented, vowels doubled (about 35%
/// longer for English), the whole in brackets so that cut-off text shows.
pub fn pseudolocalize(text: &str) -> String {
    if text.trim().is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() * 2 + 2);
    out.push('[');
    for c in text.chars() {
        out.push(accent(c));
        if "aeiouAEIOU".contains(c) {
            out.push(accent(c.to_ascii_lowercase()));
        }
    }
    out.push(']');
    out
}

/// The Fluent transform for the pseudo market's messages.
pub fn fluent_transform(text: &str) -> std::borrow::Cow<'_, str> {
    pseudolocalize(text).into()
}

/// Add the pseudo market to a config: built from the source, in the first framing.
pub fn add_pseudo_market(config: &mut Config) {
    if config.market(PSEUDO_MARKET).is_some() {
        return;
    }
    let framing = config
        .framings
        .first()
        .map(|f| f.id.clone())
        .unwrap_or_default();
    // The footer of the first market, so that its layout is tested too.
    let legal = (config.markets.first()).map_or_else(Vec::new, |m| m.legal.clone());
    config.markets.push(Market {
        legal,
        id: PSEUDO_MARKET.into(),
        name: "Pšéûđöĺöçåļé".into(),
        locale: PSEUDO_LOCALE.into(),
        langid: PSEUDO_LOCALE.parse().unwrap_or_default(),
        framing,
        fallback: Vec::new(),
        path: format!("{PSEUDO_MARKET}/"),
        base_url: None,
        untranslated: Untranslated::Source,
        min_translated: None,
        pseudo: true,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_expands_and_brackets() {
        let p = pseudolocalize("Your data, stored safely.");
        assert_eq!(p, "[Ýööûûŕ đååţåå, šţööŕééđ šååƒééļý.]");
        let (before, after) = (
            "Your data, stored safely.".chars().count(),
            p.chars().count(),
        );
        assert!(after as f64 >= before as f64 * 1.3, "{before} -> {after}");
        assert_eq!(pseudolocalize("  "), "  ");
    }
}
