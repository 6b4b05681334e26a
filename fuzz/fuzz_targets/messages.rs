#![no_main]
//! A vendor's `.ftl` file: parsed (never deeper than the parser's stack allows)
//! and every message formatted in every market, none longer than the limit.

use glasshouse::diagnostics::{Diagnostics, SourceFile};
use glasshouse::l10n::{parse_ftl, Layer, Messages, MAX_MESSAGE_BYTES};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut diags = Diagnostics::new();
    let mut files = common::ftl();
    files.push(parse_ftl(SourceFile::new("locales/en-US/vendor.ftl", &text), "en-US", Layer::Site, &mut diags));
    let ids: Vec<String> = files.iter().flat_map(|f| f.ids()).collect();
    let config = common::config();
    for m in &config.markets {
        let messages = Messages::for_market(m, &files, &mut diags);
        for id in &ids {
            if let Ok(text) = messages.format(id, &[]) {
                assert!(text.len() as u64 <= MAX_MESSAGE_BYTES, "`{id}` formatted to {} bytes", text.len());
            }
        }
    }
});
