//! Dates in each market's locale, as CLDR writes them (ICU4X): `November 20,
//! 2026`, `20. November 2026`, `2026年11月20日`.

use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_locale_core::Locale;

/// A market's long date format.
pub struct Dates(FixedCalendarDateTimeFormatter<Gregorian, YMD>);

impl Dates {
    /// The long dates of `locale` (a BCP 47 tag), falling back as CLDR does;
    /// `None` when ICU4X has no data at all for it.
    pub fn new(locale: &str) -> Option<Dates> {
        let locale: Locale = locale.parse().ok()?;
        FixedCalendarDateTimeFormatter::try_new(locale.into(), YMD::long())
            .ok()
            .map(Dates)
    }

    /// `2026-11-20` in this locale; `None` for a text that is no ISO date.
    pub fn format(&self, iso: &str) -> Option<String> {
        let mut parts = iso.splitn(3, '-').map(str::parse::<i32>);
        let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let date = Date::try_new_gregorian(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?).ok()?;
        Some(self.0.format(&date).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::Dates;

    #[test]
    fn each_market_writes_the_date_its_way() {
        let date = "2026-11-20";
        let f = |l: &str| Dates::new(l).unwrap().format(date).unwrap();
        assert_eq!(f("en-US"), "November 20, 2026");
        assert_eq!(f("en-GB"), "20 November 2026");
        assert_eq!(f("de-DE"), "20. November 2026");
        assert_eq!(f("fr-FR"), "20 novembre 2026");
        assert_eq!(f("es-MX"), "20 de noviembre de 2026");
        assert_eq!(f("ja-JP"), "2026年11月20日");
        assert_eq!(f("id-ID"), "20 November 2026");
        assert_eq!(Dates::new("en-US").unwrap().format("20 Nov"), None);
    }
}
