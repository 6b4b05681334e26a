//! Sitemaps with `xhtml:link` hreflang alternates, split at the protocol's
//! limits; sitemap indexes; `robots.txt`.

use super::views::Alternate;
use std::collections::HashMap;
use std::sync::Arc;

pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<String>,
    /// Shared by every page of one hreflang set.
    pub alternates: Arc<Vec<Alternate>>,
}

/// The market chooser's sitemap, beside the root index.
pub const ROOT_SITEMAP: &str = "sitemap-root.xml";

/// The protocol's limits on one sitemap: 50,000 URLs and 50 MB (52,428,800
/// bytes) uncompressed (sitemaps.org).
#[derive(Clone, Copy)]
pub struct Limits {
    pub urls: usize,
    pub bytes: usize,
}

pub const LIMITS: Limits = Limits {
    urls: 50_000,
    bytes: 52_428_800,
};

const URLSET_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_TAIL: &str = "</urlset>\n";

/// The sitemap of `entries`, in as many parts as `limits` need (one at least).
pub fn render_sitemaps(entries: &[SitemapEntry], limits: Limits) -> Vec<String> {
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
    let mut parts = Vec::new();
    let mut out = String::from(URLSET_HEAD);
    let mut count = 0;
    let mut entry = String::new();
    for e in entries {
        entry.clear();
        entry.push_str("  <url>\n    <loc>");
        push_escaped(&mut entry, &e.loc);
        entry.push_str("</loc>\n");
        if let Some(date) = &e.lastmod {
            entry.push_str("    <lastmod>");
            push_escaped(&mut entry, date);
            entry.push_str("</lastmod>\n");
        }
        entry.push_str(&links[&Arc::as_ptr(&e.alternates)]);
        entry.push_str("  </url>\n");
        let full = out.len() + entry.len() + URLSET_TAIL.len() > limits.bytes;
        if count > 0 && (count == limits.urls || full) {
            out.push_str(URLSET_TAIL);
            parts.push(std::mem::replace(&mut out, String::from(URLSET_HEAD)));
            count = 0;
        }
        out.push_str(&entry);
        count += 1;
    }
    out.push_str(URLSET_TAIL);
    parts.push(out);
    parts
}

/// A sitemap index naming the sitemaps at `locs`.
pub fn render_sitemap_index(locs: &[String]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for loc in locs {
        out.push_str("  <sitemap>\n    <loc>");
        push_escaped(&mut out, loc);
        out.push_str("</loc>\n  </sitemap>\n");
    }
    out.push_str("</sitemapindex>\n");
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
        let xml = render_sitemaps(&entry, LIMITS).remove(0);
        assert!(xml.contains("<loc>https://x.example/us/a/?q=1&amp;b</loc>"));
        assert!(xml.contains("<lastmod>2026-11-20</lastmod>"));
        assert!(xml.contains("hreflang=\"x-default\" href=\"https://x.example/us/a/\""));
        let mut out = String::new();
        push_escaped(&mut out, "a<b>\"c\" & 'd'");
        assert_eq!(out, "a&lt;b&gt;&quot;c&quot; &amp; 'd'");
    }
}

#[cfg(test)]
mod split {
    use super::*;

    fn entries(n: usize, markets: usize) -> Vec<SitemapEntry> {
        let alts: Vec<Alternate> = (0..markets)
            .map(|m| Alternate {
                hreflang: format!("en-{m:02}"),
                href: format!("https://x.example/m{m}/page/"),
            })
            .collect();
        let alts = Arc::new(alts);
        (0..n)
            .map(|i| SitemapEntry {
                loc: format!("https://x.example/us/p{i}/"),
                lastmod: None,
                alternates: alts.clone(),
            })
            .collect()
    }

    fn urls(xml: &str) -> usize {
        xml.matches("<url>").count()
    }

    #[test]
    fn a_sitemap_within_the_limits_is_one_file() {
        let parts = render_sitemaps(&entries(50_000, 1), LIMITS);
        assert_eq!(parts.len(), 1);
        assert_eq!(urls(&parts[0]), 50_000);
        assert!(parts[0].ends_with("</urlset>\n"));
    }

    #[test]
    fn more_than_50000_urls_are_split() {
        for (n, want) in [
            (50_001, vec![50_000, 1]),
            (120_000, vec![50_000, 50_000, 20_000]),
        ] {
            let parts = render_sitemaps(&entries(n, 1), LIMITS);
            let counts: Vec<usize> = parts.iter().map(|p| urls(p)).collect();
            assert_eq!(counts, want);
            assert!(
                parts
                    .iter()
                    .all(|p| p.starts_with(URLSET_HEAD) && p.ends_with(URLSET_TAIL))
            );
        }
    }

    #[test]
    fn a_sitemap_past_50_mb_is_split_below_it() {
        // 40 alternates make an entry of about 3.4 KB: 50 MB at about 15,000 URLs.
        let all = entries(20_000, 40);
        let parts = render_sitemaps(&all, LIMITS);
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| p.len() <= LIMITS.bytes));
        assert!(
            parts[0].len() > LIMITS.bytes - 4_000,
            "the first part is filled"
        );
        assert_eq!(parts.iter().map(|p| urls(p)).sum::<usize>(), 20_000);
        // Small limits, the same rule.
        let small = Limits {
            urls: 3,
            bytes: usize::MAX,
        };
        assert_eq!(render_sitemaps(&entries(7, 2), small).len(), 3);
        assert_eq!(
            render_sitemaps(&[], small).len(),
            1,
            "an empty sitemap is still one file"
        );
    }

    #[test]
    fn an_index_names_its_sitemaps() {
        let xml = render_sitemap_index(&[
            "https://x.example/us/sitemap.xml".into(),
            "https://x.example/a&b.xml".into(),
        ]);
        assert!(
            xml.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
        );
        assert!(xml.contains("<loc>https://x.example/us/sitemap.xml</loc>"));
        assert!(xml.contains("<loc>https://x.example/a&amp;b.xml</loc>"));
    }
}
