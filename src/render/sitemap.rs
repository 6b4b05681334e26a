//! `sitemap.xml` with `xhtml:link` hreflang alternates, and `robots.txt`.

use super::views::Alternate;
use std::fmt::Write as _;
use std::sync::Arc;

pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<String>,
    /// Shared by every page of one hreflang set.
    pub alternates: Arc<Vec<Alternate>>,
}

pub fn render_sitemap(entries: &[SitemapEntry]) -> String {
    let mut out = String::with_capacity(entries.len() * 512 + 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for e in entries {
        let _ = writeln!(out, "  <url>\n    <loc>{}</loc>", xml_escape(&e.loc));
        if let Some(date) = &e.lastmod {
            let _ = writeln!(out, "    <lastmod>{}</lastmod>", xml_escape(date));
        }
        for a in e.alternates.iter() {
            let _ = writeln!(
                out,
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                xml_escape(&a.hreflang),
                xml_escape(&a.href)
            );
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub fn render_robots(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
        let xml = render_sitemap(&[SitemapEntry {
            loc: "https://x.example/us/a/?q=1&b".into(),
            lastmod: Some("2026-11-20".into()),
            alternates: Arc::new(alts),
        }]);
        assert!(xml.contains("<loc>https://x.example/us/a/?q=1&amp;b</loc>"));
        assert!(xml.contains("<lastmod>2026-11-20</lastmod>"));
        assert!(xml.contains("hreflang=\"x-default\" href=\"https://x.example/us/a/\""));
    }
}
