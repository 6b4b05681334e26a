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

/// The size of the pieces `sitemap_pieces` hands over.
const PIECE: usize = 64 * 1024;

/// The sitemap of `entries`, handed to `emit` in pieces of about 64 KB, in
/// order. At thousands of pages the sitemap runs to megabytes (14 MB at 7,000
/// pages), which a build need not hold at once: it hashes the pieces to learn
/// whether the file on disk is already this one.
pub fn sitemap_pieces(entries: &[SitemapEntry], emit: &mut dyn FnMut(&str)) {
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
    let mut out = String::with_capacity(2 * PIECE);
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
        if out.len() >= PIECE {
            emit(&out);
            out.clear();
        }
    }
    out.push_str("</urlset>\n");
    emit(&out);
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
        let mut xml = String::new();
        let entry = [SitemapEntry {
            loc: "https://x.example/us/a/?q=1&b".into(),
            lastmod: Some("2026-11-20".into()),
            alternates: Arc::new(alts),
        }];
        sitemap_pieces(&entry, &mut |piece| xml.push_str(piece));
        assert!(xml.contains("<loc>https://x.example/us/a/?q=1&amp;b</loc>"));
        assert!(xml.contains("<lastmod>2026-11-20</lastmod>"));
        assert!(xml.contains("hreflang=\"x-default\" href=\"https://x.example/us/a/\""));
        let mut out = String::new();
        push_escaped(&mut out, "a<b>\"c\" & 'd'");
        assert_eq!(out, "a&lt;b&gt;&quot;c&quot; &amp; 'd'");
    }

    /// A large sitemap comes in pieces of about 64 KB, which join into the
    /// whole document: a build hashes them without holding megabytes at once.
    #[test]
    fn a_large_sitemap_comes_in_pieces() {
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
        let mut pieces: Vec<String> = Vec::new();
        sitemap_pieces(&entries, &mut |piece| pieces.push(piece.to_string()));
        let (last, full) = pieces.split_last().unwrap();
        // One entry, with its seven alternates, is well under a kilobyte.
        assert!(
            full.iter()
                .all(|p| (PIECE..PIECE + 1024).contains(&p.len())),
            "{:?}",
            pieces.iter().map(String::len).collect::<Vec<_>>()
        );
        assert!(last.len() < PIECE + 1024);
        let xml = pieces.concat();
        assert!(xml.len() > 3_000_000 && pieces.len() > 45);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset "));
        assert!(xml.ends_with("  </url>\n</urlset>\n"));
        assert_eq!(xml.matches("<url>").count(), 3500);
        assert_eq!(xml.matches("</url>").count(), 3500);
        assert_eq!(xml.matches("<xhtml:link ").count(), 3500 * 7);
    }
}
