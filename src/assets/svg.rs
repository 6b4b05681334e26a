//! SVG files are published on the site's origin, where an SVG opened on its own
//! runs its scripts. An SVG that could run code or load from elsewhere is an
//! error naming the place, not silently rewritten: the author fixes the file
//! (an export setting, usually) and the published file is the one they made.
//!
//! Refused: `<script>` and `<foreignObject>` (HTML inside an SVG), `on*` event
//! handlers, any reference (`href`, `xlink:href`, `src`, CSS `url()` and
//! `@import`) that is not a fragment of the file itself or an embedded raster
//! image, `javascript:` anywhere in an attribute, animations that set a link or
//! a handler, stylesheet processing instructions, and DTDs (entity expansion).

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// At most this many findings for one file: the file is refused after the first.
const MAX_FINDINGS: usize = 20;

/// Check the SVG `bytes`, named `display` in findings; true when it is safe.
pub fn check_bytes(display: &str, bytes: &[u8], diags: &mut Diagnostics) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        diags.push(Diagnostic::error(
            Code::Encoding,
            format!("{display} is not valid UTF-8"),
        ));
        return false;
    };
    let file = SourceFile::new(display, text);
    let findings = unsafe_parts(text);
    let safe = findings.is_empty();
    for (at, message) in findings.into_iter().take(MAX_FINDINGS) {
        diags.push(
            Diagnostic::error(Code::UnsafeSvg, message)
                .at(file.location(at))
                .help("remove it, or export the SVG without scripts, links or external resources"),
        );
    }
    safe
}

/// Each unsafe part of the SVG `text`: its byte offset and what it is.
pub fn unsafe_parts(text: &str) -> Vec<(usize, String)> {
    let mut reader = Reader::from_str(text);
    let mut found = Vec::new();
    let mut in_style = false;
    loop {
        let at = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                found.push((
                    reader.error_position() as usize,
                    format!("not well-formed XML: {e}"),
                ));
                break;
            }
        };
        match event {
            // The reader is past the tag: its `<` is the tag's length back.
            Event::Start(e) => {
                in_style = e.local_name().as_ref().eq_ignore_ascii_case("style");
                element(&e, tag_start(&reader, e.len() + 2), &mut found);
            }
            Event::Empty(e) => element(&e, tag_start(&reader, e.len() + 3), &mut found),
            Event::End(_) => in_style = false,
            Event::Text(t) if in_style => style_text(&t.xml10_content(), at, &mut found),
            Event::CData(t) if in_style => style_text(&t, at, &mut found),
            Event::DocType(_) => found.push((
                at,
                "a DOCTYPE (its entities could expand without bound)".into(),
            )),
            Event::PI(p) if p.target().eq_ignore_ascii_case("xml-stylesheet") => found.push((
                at,
                "a stylesheet processing instruction (an external reference)".into(),
            )),
            Event::Eof => break,
            _ => {}
        }
        if found.len() >= MAX_FINDINGS {
            break;
        }
    }
    found
}

fn tag_start(reader: &Reader<&[u8]>, len: usize) -> usize {
    (reader.buffer_position() as usize).saturating_sub(len)
}

fn element(e: &BytesStart<'_>, at: usize, found: &mut Vec<(usize, String)>) {
    let name = e.local_name().as_ref().to_ascii_lowercase();
    if name == "script" || name == "foreignobject" {
        found.push((at, format!("a `<{}>` element", e.name().as_ref())));
    }
    let animates = matches!(
        name.as_str(),
        "set" | "animate" | "animatemotion" | "animatetransform"
    );
    for attr in e.attributes().with_checks(false).flatten() {
        let key = attr.key.as_ref().to_string();
        let local = key.rsplit(':').next().unwrap_or(&key).to_ascii_lowercase();
        let value = attr
            .normalized_value(quick_xml::XmlVersion::default())
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| attr.value.to_string());
        let squeezed = squeeze(&value);
        if local.starts_with("on") {
            found.push((at, format!("an event handler `{key}` on `<{name}>`")));
        } else if squeezed.contains("javascript:") {
            found.push((at, format!("a `javascript:` URL in `{key}` on `<{name}>`")));
        } else if matches!(local.as_str(), "href" | "src") && !is_local(&squeezed) {
            found.push((
                at,
                format!(
                    "an external reference `{key}=\"{}\"` on `<{name}>`",
                    cut(&value)
                ),
            ));
        } else if animates && local == "attributename" {
            let target = squeezed.rsplit(':').next().unwrap_or("");
            if target == "href" || target == "src" || target.starts_with("on") {
                found.push((at, format!("an animation that sets `{value}`")));
            }
        } else if let Some(url) = external_url(&squeezed) {
            found.push((
                at,
                format!(
                    "an external reference `url({})` in `{key}` on `<{name}>`",
                    cut(&url)
                ),
            ));
        }
    }
}

/// A `<style>` element's text: `@import` and `url()` reach outside the file.
fn style_text(css: &str, at: usize, found: &mut Vec<(usize, String)>) {
    let squeezed = squeeze(css);
    if squeezed.contains("@import") {
        found.push((
            at,
            "an `@import` in a `<style>` (an external reference)".into(),
        ));
    } else if let Some(url) = external_url(&squeezed) {
        found.push((
            at,
            format!("an external reference `url({})` in a `<style>`", cut(&url)),
        ));
    }
}

/// `text` in lower case without whitespace, so that `JavaScript:` split by a
/// tab (which URL parsers drop) or `url( … )` is found all the same.
fn squeeze(text: &str) -> String {
    (text.chars())
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The first `url(…)` in `squeezed` (lower case, no spaces) that is not local.
fn external_url(squeezed: &str) -> Option<String> {
    squeezed.match_indices("url(").find_map(|(i, _)| {
        let rest = &squeezed[i + 4..];
        let inner = rest[..rest.find(')').unwrap_or(rest.len())].trim_matches(['"', '\'']);
        (!is_local(inner)).then(|| inner.to_string())
    })
}

/// A reference inside the file, or an embedded raster image (which cannot run).
fn is_local(url: &str) -> bool {
    url.is_empty()
        || url.starts_with('#')
        || [
            "data:image/png",
            "data:image/jpeg",
            "data:image/gif",
            "data:image/webp",
        ]
        .iter()
        .any(|p| url.starts_with(p))
}

fn cut(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAFE: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient></defs>
  <style>.a { fill: url(#g); }</style>
  <rect class="a" width="10" height="10" fill="url(#g)"/>
  <use xlink:href="#g"/><use href="#g"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
  <title>A logo</title>
</svg>"##;

    fn findings(svg: &str) -> Vec<String> {
        unsafe_parts(svg).into_iter().map(|(_, m)| m).collect()
    }

    #[test]
    fn a_plain_drawing_with_local_references_is_safe() {
        assert_eq!(findings(SAFE), Vec::<String>::new());
    }

    #[test]
    fn scripts_in_any_spelling_are_refused() {
        for part in [
            "<script>alert(1)</script>",
            "<SCRIPT>alert(1)</SCRIPT>",
            "<svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">alert(1)</svg:script>",
            "<script href=\"#x\"/>",
            "<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>",
        ] {
            let svg = SAFE.replace("<title>", &format!("{part}<title>"));
            assert!(!findings(&svg).is_empty(), "{part}");
        }
    }

    #[test]
    fn event_handlers_and_javascript_urls_are_refused() {
        for part in [
            r#"<rect onload="alert(1)"/>"#,
            r#"<rect ONCLICK="alert(1)"/>"#,
            r#"<a href="javascript:alert(1)"><text>x</text></a>"#,
            r#"<a xlink:href=" java&#x09;script:alert(1)"><text>x</text></a>"#,
            r#"<a href="&#106;avascript:alert(1)"><text>x</text></a>"#,
            r#"<set attributeName="href" to="javascript:alert(1)"/>"#,
            r#"<animate attributeName="xlink:href" values="x"/>"#,
            r#"<set attributeName="onmouseover" to="alert(1)"/>"#,
        ] {
            let svg = SAFE.replace("<title>", &format!("{part}<title>"));
            assert!(!findings(&svg).is_empty(), "{part}");
        }
    }

    #[test]
    fn external_references_are_refused() {
        for part in [
            r#"<image href="https://tracker.example/p.png"/>"#,
            r#"<image xlink:href="//tracker.example/p.png"/>"#,
            r#"<use href="other.svg#icon"/>"#,
            r#"<image href="data:image/svg+xml;base64,PHN2Zz4="/>"#,
            r#"<rect fill="url(https://x.example/f.svg#p)"/>"#,
            r#"<rect style="fill: url( 'http://x.example/a' )"/>"#,
            r#"<style>@import "https://x.example/a.css";</style>"#,
            r#"<style>.b { background: url(https://x.example/a.png) }</style>"#,
            r#"<style><![CDATA[ .b { fill: url(//x.example/a) } ]]></style>"#,
        ] {
            let svg = SAFE.replace("<title>", &format!("{part}<title>"));
            assert!(!findings(&svg).is_empty(), "{part}");
        }
    }

    #[test]
    fn doctypes_stylesheet_instructions_and_broken_xml_are_refused() {
        let doctype = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaa\">]><svg>&a;</svg>";
        assert!(findings(doctype)[0].contains("DOCTYPE"));
        let pi = "<?xml-stylesheet href=\"https://x.example/a.css\"?><svg/>";
        assert!(findings(pi)[0].contains("processing instruction"));
        assert!(findings("<svg><g></svg>")[0].contains("not well-formed"));
    }

    #[test]
    fn a_finding_names_its_line_and_column() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <g>\n    <script>x</script>\n  </g>\n</svg>\n";
        let mut diags = Diagnostics::new();
        assert!(!check_bytes(
            "static/images/x.svg",
            svg.as_bytes(),
            &mut diags
        ));
        let d: Vec<_> = diags.iter().collect();
        assert_eq!(d.len(), 1);
        let at = d[0].location.as_ref().unwrap();
        assert_eq!(
            (at.file.as_str(), at.line, at.column),
            ("static/images/x.svg", 3, 5)
        );
        assert_eq!(d[0].code, Code::UnsafeSvg);
    }

    #[test]
    fn findings_are_bounded() {
        let svg = format!("<svg>{}</svg>", "<rect onclick=\"x\"/>".repeat(10_000));
        assert_eq!(unsafe_parts(&svg).len(), MAX_FINDINGS);
    }
}
