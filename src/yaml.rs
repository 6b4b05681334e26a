//! The one module that touches the YAML library, so that swapping serde_yaml
//! (archived upstream) for a maintained drop-in is a one-line change.

use crate::diagnostics::{Code, Diagnostic, SourceFile};
use serde::de::DeserializeOwned;

/// A YAML error with the 1-based line and column it reports, if any.
#[derive(Debug, Clone)]
pub struct Error {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    serde_yaml::from_str(text).map_err(|e| {
        let loc = e.location();
        let mut message = e.to_string();
        // serde_yaml appends " at line L column C"; the location is reported separately.
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        Error {
            message,
            line: loc.as_ref().map(|l| l.line()),
            column: loc.as_ref().map(|l| l.column()),
        }
    })
}

/// A diagnostic for a YAML error in `file`, whose YAML starts `line_offset` lines
/// into the file (front matter starts after its opening `---`).
pub fn error_diagnostic(
    file: &SourceFile,
    e: &Error,
    line_offset: usize,
    code: Code,
) -> Diagnostic {
    let location = match e.line {
        Some(line) => {
            let line = line + line_offset;
            file.location(file.offset_of(line, e.column.unwrap_or(1)))
        }
        None => file.line_location(1 + line_offset),
    };
    Diagnostic::error(code, e.message.clone()).at(location)
}
