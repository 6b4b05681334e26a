#![allow(dead_code)]
// Shared by the targets: the seven markets of the design and their messages.
use glasshouse::config::{parse_config, Config};
use glasshouse::diagnostics::{Diagnostics, SourceFile};
use glasshouse::l10n::{parse_ftl, FtlFile, Layer, Messages};

pub const CONFIG: &str = "base_url: https://trust.example.com\nsource_language: en\nframings:\n  transparency: T\n  regulatory: R\n  accountability: A\n  reputation: P\n  control: C\nmarkets:\n  us: { name: United States, locale: en-US, framing: transparency }\n  uk: { name: United Kingdom, locale: en-GB, framing: regulatory, fallback: [en-US] }\n  fr: { name: France, locale: fr-FR, framing: regulatory }\n  de: { name: Deutschland, locale: de-DE, framing: regulatory }\n  mx: { name: México, locale: es-MX, framing: control }\n  jp: { name: 日本, locale: ja-JP, framing: reputation }\n  id: { name: Indonesia, locale: id-ID, framing: accountability }\n";

pub fn config() -> Config {
    parse_config(&SourceFile::new("glasshouse.yaml", CONFIG), &mut Diagnostics::new()).expect("the fuzz config parses")
}

pub fn ftl() -> Vec<FtlFile> {
    let text = "-brand = Kestrel\nlaw = { $framing ->\n    [regulatory] the GDPR\n   *[other] the law\n}\n";
    vec![parse_ftl(SourceFile::new("locales/en-US/site.ftl", text), "en-US", Layer::Site, &mut Diagnostics::new())]
}

pub fn messages(config: &Config, files: &[FtlFile]) -> Vec<Messages> {
    config.markets.iter().map(|m| Messages::for_market(m, files, &mut Diagnostics::new())).collect()
}
