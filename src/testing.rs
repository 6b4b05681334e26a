//! Helpers shared by unit tests.

use crate::config::{Config, parse_config};
use crate::diagnostics::{Diagnostics, SourceFile};

/// The seven markets and five framings of the design, parsed like a real config.
pub fn example_config() -> Config {
    let text = "base_url: https://trust.example.com\nsource_language: en\nframings:\n  transparency: T\n  regulatory: R\n  accountability: A\n  reputation: P\n  control: C\nmarkets:\n  us: { name: United States, locale: en-US, framing: transparency }\n  uk: { name: United Kingdom, locale: en-GB, framing: regulatory, fallback: [en-US] }\n  fr: { name: France, locale: fr-FR, framing: regulatory }\n  de: { name: Deutschland, locale: de-DE, framing: regulatory }\n  mx: { name: México, locale: es-MX, framing: control }\n  jp: { name: 日本, locale: ja-JP, framing: reputation }\n  id: { name: Indonesia, locale: id-ID, framing: accountability }\nlegal: { links: { imprint: https://trust.example.com/imprint/ } }\n";
    let mut d = Diagnostics::new();
    let c = parse_config(&SourceFile::new("glasshouse.yaml", text), &mut d);
    assert!(d.is_empty(), "{d:?}");
    c.unwrap()
}

/// A source document of `body` (no front matter), parsed; it must parse cleanly.
pub fn doc(body: &str) -> crate::content::Document {
    use crate::content::directives::parse_directives;
    let file = SourceFile::new("content/explainers/x.md", body);
    let mut d = Diagnostics::new();
    let parsed = parse_directives(&file, 0, &mut d);
    assert!(d.is_empty(), "{d:?}");
    crate::content::Document {
        file,
        front: Default::default(),
        body: parsed,
        body_start: 0,
        lang: None,
    }
}

/// The default theme's speaking and reading rates.
pub fn rates() -> crate::scripts::rates::Rates {
    let file = SourceFile::new(
        "themes/default/scripts/rates.yaml",
        include_str!("../themes/default/scripts/rates.yaml"),
    );
    let mut d = Diagnostics::new();
    let rates = crate::scripts::rates::Rates::load(Some(&file), None, &mut d);
    assert!(d.is_empty(), "{d:?}");
    rates
}
