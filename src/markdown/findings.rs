//! A page's findings, at most [`MAX_FINDINGS`] of them: a file with a thousand
//! broken links on one line needs the first few, and each finding costs a
//! location and a copy of its line.

use crate::content::Document;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, is_are, plural};

pub const MAX_FINDINGS: usize = 100;

/// What a page reported, and what it left out past the limit.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    reported: usize,
    left_out: usize,
    left_out_error: bool,
}

impl Findings {
    /// Report `d`, placed by `place` (which costs a location), unless the page
    /// has reported its limit.
    pub fn report(
        &mut self,
        d: Diagnostic,
        place: impl FnOnce(Diagnostic) -> Diagnostic,
        diags: &mut Diagnostics,
    ) {
        if self.reported == MAX_FINDINGS {
            self.left_out += 1;
            self.left_out_error |= d.is_error();
            return;
        }
        self.reported += 1;
        diags.push(place(d));
    }

    /// The page's last finding: how many it left out, if any.
    pub fn finish(&self, doc: &Document, market: &str, diags: &mut Diagnostics) {
        if self.left_out == 0 {
            return;
        }
        let message = format!(
            "{} in this page {} not shown",
            plural(self.left_out, "more finding"),
            is_are(self.left_out)
        );
        let d = if self.left_out_error {
            Diagnostic::error(Code::ContentLimit, message)
        } else {
            Diagnostic::warning(Code::ContentLimit, message)
        };
        let d = d.help("fix the findings above and build again");
        diags.push(d.at(doc.file.location(0)).market(market));
    }
}
