//! `sitemap.xml` with `xhtml:link` hreflang alternates, and `robots.txt`.

use super::views::Alternate;
use std::collections::HashMap;
use std::sync::Arc;

pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<String>,
    /// Shared by every page of one hreflang set.
    pub alternates: Arc<Vec<Alternate>>,
}

/// The sitemap of `entries`.
pub fn render_sitemap(entries: &[SitemapEntry]) -> String {
    // An hreflang set's links, escaped once and copied for each of its pages.
    let mut links: HashMap<*const Vec<Alternate>, String> = HashMap::new();
    for e in entries {
        links.entry(Arc::as_ptr(&e.alternates)).or_insert_with(|| {
            let mut block = String::new();
            for a in e.alternates.iter() {
                block.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"");
                push_escaped(&mut block, &a.hreflang);
                block.push_str("\" href=\"");
                push_escaped(&mut block, &a.href);
                block.push_str("\"/>\n");
            }
            block
        });
    }
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for e in entries {
        out.push_str("  <url>\n    <loc>");
        push_escaped(&mut out, &e.loc);
        out.push_str("</loc>\n");
        if let Some(date) = &e.lastmod {
            out.push_str("    <lastmod>");
            push_escaped(&mut out, date);
            out.push_str("</lastmod>\n");
        }
        out.push_str(&links[&Arc::as_ptr(&e.alternates)]);
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub fn render_robots(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}

/// `s` escaped for XML text and double-quoted attributes, onto `out`.
/// The characters are `html_entity`'s but `'`, which needs no escape in XML.
fn push_escaped(out: &mut String, s: &str) {
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        if let Some(entity) = super::html_entity(b).filter(|_| b != b'\'') {
            out.push_str(&s[from..i]);
            out.push_str(entity);
            from = i + 1;
        }
    }
    out.push_str(&s[from..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_alternates_and_escapes() {
        let alts = vec![
            Alternate {
                hreflang: "en-US".into(),
                href: "https://x.example/us/a/".into(),
            },
            Alternate {
                hreflang: "x-default".into(),
                href: "https://x.example/us/a/".into(),
            },
        ];
        let entry = [SitemapEntry {
            loc: "https://x.example/us/a/?q=1&b".into(),
            lastmod: Some("2026-11-20".into()),
            alternates: Arc::new(alts),
        }];
        let xml = render_sitemap(&entry);
        assert!(xml.contains("<loc>https://x.example/us/a/?q=1&amp;b</loc>"));
        assert!(xml.contains("<lastmod>2026-11-20</lastmod>"));
        assert!(xml.contains("hreflang=\"x-default\" href=\"https://x.example/us/a/\""));
        let mut out = String::new();
        push_escaped(&mut out, "a<b>\"c\" & 'd'");
        assert_eq!(out, "a&lt;b&gt;&quot;c&quot; &amp; 'd'");
    }
}
