//! Theme stylesheets, minified by lightningcss (Parcel's CSS engine): it parses
//! the whole of modern CSS, so an error in the theme's CSS is a finding at its
//! line rather than a broken page.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};

/// The stylesheet `file`, minified; `None` with an error when it does not parse.
pub fn minify(file: &SourceFile, diags: &mut Diagnostics) -> Option<String> {
    let options = ParserOptions {
        filename: file.path.clone(),
        ..ParserOptions::default()
    };
    let result = StyleSheet::parse(&file.text, options)
        .map_err(|e| (e.kind.to_string(), e.loc))
        .and_then(|mut sheet| {
            sheet
                .minify(MinifyOptions::default())
                .map_err(|e| (e.kind.to_string(), e.loc))?;
            let printer = PrinterOptions {
                minify: true,
                ..PrinterOptions::default()
            };
            sheet
                .to_css(printer)
                .map(|r| r.code)
                .map_err(|e| (e.kind.to_string(), e.loc))
        });
    match result {
        Ok(css) => Some(css),
        Err((message, loc)) => {
            // lightningcss counts lines from 0 and columns from 1.
            let at = loc.map_or(0, |l| {
                file.offset_of(l.line as usize + 1, l.column as usize)
            });
            diags.push(
                Diagnostic::error(
                    Code::Css,
                    format!("the stylesheet does not parse: {message}"),
                )
                .at(file.location(at)),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(css: &str) -> (Option<String>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let out = minify(
            &SourceFile::new("themes/t/static/style.css", css),
            &mut diags,
        );
        (out, diags)
    }

    #[test]
    fn a_stylesheet_loses_its_comments_and_spaces_and_keeps_its_rules() {
        let (out, diags) = run(
            "/* the page */\nbody {\n  margin: 0px;\n  color: #ff0000;\n}\n\n.a { padding-inline-start: 1rem }\n@media (prefers-color-scheme: dark) {\n  body { color: white; }\n}\n",
        );
        assert!(diags.is_empty());
        let out = out.unwrap();
        assert!(!out.contains("the page") && !out.contains('\n'), "{out}");
        assert!(out.contains("body{color:red;margin:0}"), "{out}");
        assert!(out.contains(".a{padding-inline-start:1rem}"), "{out}");
        assert!(
            out.contains("@media (prefers-color-scheme:dark){body{color:#fff}}"),
            "{out}"
        );
    }

    #[test]
    fn a_stylesheet_that_does_not_parse_is_an_error_at_its_line() {
        for (css, line) in [
            ("a {}\n..b { color: red }\n", 2),
            ("a {}\nb { color: red }\n\n  c > > d { color: red }\n", 4),
            ("a {}\n}}} {\n", 2),
            ("/* 日本 */ a {}\n.b, , .c { }\n", 2),
        ] {
            let (out, diags) = run(css);
            assert!(out.is_none(), "{css:?}");
            let found: Vec<_> = diags.iter().collect();
            assert_eq!(found.len(), 1, "{css:?}");
            assert_eq!(found[0].code, Code::Css);
            let at = found[0].location.as_ref().expect("a place");
            assert_eq!(at.line, line, "{css:?}");
        }
    }

    #[test]
    fn a_column_counts_characters() {
        let (_, diags) = run("/* 日本語 */ a {}\n/* 日本 */ ..b { color: red }\n");
        let at = diags.iter().next().unwrap().location.clone().unwrap();
        assert_eq!((at.line, at.column), (2, 11));
    }
}
