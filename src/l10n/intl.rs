//! Fluent's `NUMBER()` and `DATETIME()` in each market's locale, through
//! ICU4X: `{ NUMBER($n) }` is `1,234.5` in en-US and `1.234,5` in de-DE;
//! `{ DATETIME($date) }` is `November 20, 2026` and `2026年11月20日`.
//! Formatters are made once per bundle, in the memo Fluent gives each bundle.

use super::dates::Dates;
use fixed_decimal::{SignedRoundingMode, UnsignedRoundingMode};
use fluent_bundle::types::FluentType;
use fluent_bundle::{FluentArgs, FluentValue};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use intl_memoizer::Memoizable;
use intl_memoizer::concurrent::IntlLangMemoizer;
use std::borrow::Cow;
use std::cell::Cell;
use unic_langid::LanguageIdentifier;

type Bundle = fluent_bundle::bundle::FluentBundle<
    std::sync::Arc<fluent_bundle::FluentResource>,
    IntlLangMemoizer,
>;

/// Give `bundle` the functions `NUMBER` and `DATETIME`, and format its numbers
/// in its locale.
pub fn add_functions(bundle: &mut Bundle) {
    // Neither name is taken in a new bundle.
    let _ = bundle.add_function("NUMBER", number);
    let _ = bundle.add_function("DATETIME", datetime);
    bundle.set_formatter(Some(format_number));
}

thread_local! {
    /// What the last function call on this thread refused, if it refused.
    static REFUSED: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// Take what a function refused since the last call: Fluent prints the call
/// (`DATETIME()`) in place of a value a function could not make, and reports
/// nothing, so the caller asks here after formatting.
pub fn take_refused() -> Option<&'static str> {
    REFUSED.with(Cell::take)
}

fn refuse<'a>(why: &'static str) -> FluentValue<'a> {
    REFUSED.with(|r| r.set(Some(why)));
    FluentValue::Error
}

/// `NUMBER($n, ...)`: Fluent's, which takes only a number.
fn number<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    match fluent_bundle::builtins::NUMBER(positional, named) {
        FluentValue::Error => refuse("NUMBER() takes a number"),
        value => value,
    }
}

/// `DATETIME($date)`: an ISO date (`2026-11-20`) as the market writes it.
fn datetime<'a>(positional: &[FluentValue<'a>], _: &FluentArgs) -> FluentValue<'a> {
    match positional.first() {
        Some(FluentValue::String(s)) if is_iso_date(s) => {
            FluentValue::Custom(Box::new(IsoDate(s.to_string())))
        }
        _ => refuse("DATETIME() takes a date written as 2026-11-20"),
    }
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && (b.iter().enumerate()).all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A date that `DATETIME()` made, formatted when the message is.
#[derive(Debug, Clone, PartialEq)]
struct IsoDate(String);

impl FluentType for IsoDate {
    fn duplicate(&self) -> Box<dyn FluentType + Send> {
        Box::new(self.clone())
    }

    fn as_string(&self, _: &intl_memoizer::IntlLangMemoizer) -> Cow<'static, str> {
        // Bundles here are the concurrent kind; this is the plain date.
        self.0.clone().into()
    }

    fn as_string_threadsafe(&self, intls: &IntlLangMemoizer) -> Cow<'static, str> {
        intls
            .with_try_get::<LongDates, _, _>((), |d| d.0.as_ref()?.format(&self.0))
            .ok()
            .flatten()
            .map_or_else(|| self.0.clone().into(), Cow::Owned)
    }
}

/// The bundle locale's long dates (none when ICU4X has no data for it).
struct LongDates(Option<Dates>);

impl Memoizable for LongDates {
    type Args = ();
    type Error = ();
    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, ()> {
        Ok(LongDates(Dates::new(&lang.to_string())))
    }
}

/// The bundle locale's decimal formatter, with or without grouping.
struct Numbers(DecimalFormatter);

impl Memoizable for Numbers {
    type Args = bool;
    type Error = ();
    fn construct(lang: LanguageIdentifier, grouping: bool) -> Result<Self, ()> {
        let locale: icu_locale_core::Locale = lang.to_string().parse().map_err(|_| ())?;
        let mut options = DecimalFormatterOptions::default();
        if !grouping {
            options.grouping_strategy = Some(GroupingStrategy::Never);
        }
        DecimalFormatter::try_new(locale.into(), options)
            .map(Numbers)
            .map_err(|_| ())
    }
}

/// A number in the bundle's locale: its separators and digits, with the
/// fraction digits `NUMBER()` asks for (rounded half away from zero, as
/// `Intl.NumberFormat` does). Other values are Fluent's to format.
fn format_number(value: &FluentValue, intls: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    // Display of an f64 never uses an exponent; NaN and infinities do not parse.
    let mut decimal: Decimal = n.value.to_string().parse().ok()?;
    let digits = |d: usize| -i16::try_from(d.min(20)).unwrap_or(20);
    if let Some(max) = n.options.maximum_fraction_digits {
        decimal.round_with_mode(
            digits(max),
            SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand),
        );
        decimal.trim_end();
    }
    if let Some(min) = n.options.minimum_fraction_digits {
        decimal.pad_end(digits(min));
    }
    intls
        .with_try_get::<Numbers, _, _>(n.options.use_grouping, |f| f.0.format(&decimal).to_string())
        .ok()
}

#[cfg(test)]
mod tests {
    use fluent_bundle::concurrent::FluentBundle;
    use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
    use std::sync::Arc;

    fn format(locale: &str, ftl: &str, args: &[(&str, FluentValue)]) -> String {
        let mut bundle = FluentBundle::new_concurrent(vec![locale.parse().unwrap()]);
        bundle.set_use_isolating(false);
        super::add_functions(&mut bundle);
        let resource = FluentResource::try_new(format!("m = {ftl}\n")).unwrap();
        bundle.add_resource(Arc::new(resource)).unwrap();
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        let pattern = bundle.get_message("m").unwrap().value().unwrap();
        let mut errors = vec![];
        let text = bundle
            .format_pattern(pattern, Some(&fa), &mut errors)
            .into_owned();
        assert!(errors.is_empty(), "{errors:?}");
        text
    }

    #[test]
    fn numbers_take_each_locales_separators() {
        let n = |l: &str, v: f64| format(l, "{ NUMBER($n) }", &[("n", v.into())]);
        assert_eq!(n("en-US", 1234.5), "1,234.5");
        assert_eq!(n("de-DE", 1234.5), "1.234,5");
        assert_eq!(n("fr-FR", 1234.5), "1\u{202f}234,5");
        assert_eq!(n("ja-JP", 1234567.0), "1,234,567");
        assert_eq!(n("ar-EG", 12.0), "١٢");
        // A number placed without NUMBER() is formatted in the locale too.
        assert_eq!(format("de-DE", "{ $n }", &[("n", 2500.0.into())]), "2.500");
    }

    #[test]
    fn number_options_set_grouping_and_fraction_digits() {
        let f = |ftl: &str, v: f64| format("en-US", ftl, &[("n", v.into())]);
        assert_eq!(
            f("{ NUMBER($n, useGrouping: \"false\") }", 12345.0),
            "12345"
        );
        assert_eq!(f("{ NUMBER($n, minimumFractionDigits: 2) }", 3.0), "3.00");
        assert_eq!(f("{ NUMBER($n, maximumFractionDigits: 1) }", 2.46), "2.5");
        assert_eq!(f("{ NUMBER($n, maximumFractionDigits: 0) }", 2.5), "3");
        assert_eq!(
            f(
                "{ NUMBER($n, minimumFractionDigits: 1, maximumFractionDigits: 2) }",
                7.0
            ),
            "7.0"
        );
        // Plural selection still sees the number.
        let plural = "{ $n -> \n [one] one item\n *[other] { $n } items\n}";
        assert_eq!(f(plural, 1.0), "one item");
        assert_eq!(f(plural, 1200.0), "1,200 items");
    }

    #[test]
    fn datetime_writes_an_iso_date_in_each_locale() {
        let d = |l: &str| format(l, "{ DATETIME($d) }", &[("d", "2026-11-20".into())]);
        assert_eq!(d("en-US"), "November 20, 2026");
        assert_eq!(d("de-DE"), "20. November 2026");
        assert_eq!(d("ja-JP"), "2026年11月20日");
        assert_eq!(d("es-MX"), "20 de noviembre de 2026");
    }

    #[test]
    fn datetime_of_what_is_no_date_prints_the_call() {
        for bad in ["20 Nov 2026", "2026-1-20", "", "2026-11-20T10:00"] {
            let mut bundle = FluentBundle::new_concurrent(vec!["en-US".parse().unwrap()]);
            super::add_functions(&mut bundle);
            let r = FluentResource::try_new("m = { DATETIME($d) }\n".into()).unwrap();
            bundle.add_resource(Arc::new(r)).unwrap();
            let mut fa = FluentArgs::new();
            fa.set("d", bad);
            let mut errors = vec![];
            let pattern = bundle.get_message("m").unwrap().value().unwrap();
            let text = bundle.format_pattern(pattern, Some(&fa), &mut errors);
            // Fluent prints the call in place of a value it could not make,
            // and says why only here.
            assert_eq!(text, "DATETIME()", "{bad:?}");
            assert!(errors.is_empty());
            assert_eq!(
                super::take_refused(),
                Some("DATETIME() takes a date written as 2026-11-20")
            );
            assert_eq!(super::take_refused(), None, "taken once");
        }
    }
}
