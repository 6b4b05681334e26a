#![no_main]
//! Front matter of any bytes: a result or diagnostics, never a panic.

use glasshouse::content::front_matter::parse_front_matter;
use glasshouse::diagnostics::{Diagnostics, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let file = SourceFile::new("content/explainers/x.md", &text);
    let mut diags = Diagnostics::new();
    if let Some(parsed) = parse_front_matter(&file, &mut diags) {
        assert!(parsed.body_start <= file.text.len());
        assert!(file.text.is_char_boundary(parsed.body_start));
    }
    for d in diags.into_sorted() {
        let _ = d.render_human();
    }
});
