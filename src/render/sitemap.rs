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
    // Sized for what it will hold (escaping aside): at thousands of pages the
    // sitemap runs to megabytes, and growing it by doubling would copy it and
    // take fresh memory for each copy.
    let size: usize = entries
        .iter()
        .map(|e| {
            let lastmod = e.lastmod.as_ref().map_or(0, |d| d.len() + 24);
            e.loc.len() + lastmod + 36 + links[&Arc::as_ptr(&e.alternates)].len()
        })
        .sum();
    let mut out = String::with_capacity(size + 256);
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
        let xml = render_sitemap(&[SitemapEntry {
            loc: "https://x.example/us/a/?q=1&b".into(),
            lastmod: Some("2026-11-20".into()),
            alternates: Arc::new(alts),
        }]);
        assert!(xml.contains("<loc>https://x.example/us/a/?q=1&amp;b</loc>"));
        assert!(xml.contains("<lastmod>2026-11-20</lastmod>"));
        assert!(xml.contains("hreflang=\"x-default\" href=\"https://x.example/us/a/\""));
        let mut out = String::new();
        push_escaped(&mut out, "a<b>\"c\" & 'd'");
        assert_eq!(out, "a&lt;b&gt;&quot;c&quot; &amp; 'd'");
    }

    /// A large sitemap is written into the buffer made for it, not grown by
    /// doubling (which would copy megabytes and take twice the memory).
    #[test]
    fn a_large_sitemap_fits_the_buffer_made_for_it() {
        let sets: Vec<Arc<Vec<Alternate>>> = (0..500)
            .map(|i| {
                Arc::new(
                    [
                        "en-US", "en-GB", "fr-FR", "de-DE", "es-MX", "ja-JP", "id-ID",
                    ]
                    .iter()
                    .map(|lang| Alternate {
                        hreflang: lang.to_string(),
                        href: format!("https://trust.example.com/{lang}/explainer-{i:05}/"),
                    })
                    .collect(),
                )
            })
            .collect();
        let entries: Vec<SitemapEntry> = sets
            .iter()
            .flat_map(|set| {
                set.iter().map(|a| SitemapEntry {
                    loc: a.href.clone(),
                    lastmod: Some("2026-11-29".into()),
                    alternates: set.clone(),
                })
            })
            .collect();
        let xml = render_sitemap(&entries);
        assert_eq!(xml.matches("<url>").count(), 3500);
        assert!(xml.len() > 3_000_000);
        assert!(
            xml.capacity() < xml.len() + xml.len() / 100,
            "{} for {}",
            xml.capacity(),
            xml.len()
        );
    }
}
