//! Publishing one site per market, as the publish workflow does: each market
//! built alone for its URL, the root files built apart (`--root-files`), and
//! the pieces assembled into one site that matches a full build.

use crate::harness::{Site, tree};
use std::collections::BTreeSet;
use std::path::Path;

const MARKETS: [&str; 7] = ["us", "uk", "fr", "de", "mx", "jp", "id"];
const BASE: &str = "https://trust.example.com/";

/// The `<loc>`s of a sitemap or sitemap index.
fn locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .map(|l| l.split("</loc>").next().unwrap().to_string())
        .collect()
}

/// Copy every file of `from` into `to/prefix`.
fn assemble(from: &Path, to: &Path, prefix: &str) {
    for (rel, bytes) in tree(from) {
        let path = to.join(prefix).join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

#[test]
fn root_files_and_market_builds_assemble_into_the_full_site() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let root = s.build_ok(&["--root-files", "--out", "dist/root"]);
    assert!(
        root.stdout.starts_with(
            "built the root files (market chooser, 404 page, sitemap index, robots.txt) in "
        ),
        "{}",
        root.stdout
    );
    let dist = s.root.join("dist");
    let root_files: BTreeSet<String> = tree(&dist.join("root")).into_iter().map(|f| f.0).collect();
    for f in [
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "sitemap-root.xml",
    ] {
        assert!(root_files.contains(f), "{f} in {root_files:?}");
    }
    assert!(
        !root_files
            .iter()
            .any(|f| MARKETS.iter().any(|m| f.starts_with(&format!("{m}/")))),
        "no market's files: {root_files:?}"
    );
    let site = dist.join("site");
    assemble(&dist.join("root"), &site, "");
    for m in MARKETS {
        let out = format!("dist/{m}");
        s.build_ok(&[
            "--market",
            m,
            "--out",
            &out,
            "--base-url",
            &format!("{BASE}{m}/"),
        ]);
        assemble(&dist.join(m), &site, m);
    }
    // Every sitemap the index names is there, and together they list what the
    // full build's sitemaps list.
    let index = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let mut assembled = BTreeSet::new();
    for sitemap in locs(&index) {
        let rel = sitemap.strip_prefix(BASE).unwrap();
        let xml = std::fs::read_to_string(site.join(rel))
            .unwrap_or_else(|e| panic!("{rel}, named by the index: {e}"));
        assembled.extend(locs(&xml));
    }
    let full_index = s.read("sitemap.xml");
    assert_eq!(
        locs(&index),
        locs(&full_index),
        "the same index as the full build"
    );
    let mut full = BTreeSet::new();
    for sitemap in locs(&full_index) {
        full.extend(locs(&s.read(sitemap.strip_prefix(BASE).unwrap())));
    }
    assert_eq!(assembled, full);
    // Every page the full build makes is in the assembled site.
    let pages = |dir: &Path| -> BTreeSet<String> {
        (tree(dir).into_iter())
            .map(|f| f.0)
            .filter(|f| f.ends_with(".html"))
            .collect()
    };
    assert_eq!(pages(&site), pages(&s.root.join("public")));
}

#[test]
fn root_files_do_not_fail_on_one_market_s_mistake() {
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/alpha.ja.md",
        "CONTROL-ja block.\n:::\n",
        "CONTROL-ja block.\n",
    );
    s.write("locales/ja-JP/site.ftl", "closing = { $market\n");
    let r = s.build(&["--root-files", "--out", "dist/root", "--strict"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    // A mistake in a shared source fails them.
    s.edit("glasshouse.yaml", "framing: control", "framing: kontrol");
    let r = s.build(&["--root-files", "--out", "dist/root"]);
    assert_eq!(r.status, 1, "{}", r.stderr);
}

#[test]
fn root_files_and_market_are_exclusive() {
    let s = Site::fixture("basic");
    let r = s.build(&["--root-files", "--market", "us"]);
    assert_eq!(r.status, 2, "{}", r.stderr);
    assert!(r.stderr.contains("cannot be used with"), "{}", r.stderr);
}

/// The publish workflow keeps each job's share cards between runs: the folder
/// its `actions/cache` step names is the one its build keeps them in.
#[test]
fn the_workflow_caches_the_folder_where_each_build_keeps_its_cards() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/publish.yml");
    let workflow: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let s = Site::fixture("basic");
    for (job, market) in [("market", "jp"), ("market", "us"), ("root", "")] {
        let steps = workflow["jobs"][job]["steps"].as_sequence().unwrap();
        let with_market =
            |text: &str| (text.replace("${{ matrix.market }}", market)).replace("$MARKET", market);
        let cached = (steps.iter())
            .find(|st| {
                st["uses"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("actions/cache@"))
            })
            .map(|st| with_market(st["with"]["path"].as_str().unwrap()))
            .unwrap_or_else(|| panic!("{job}: no actions/cache step"));
        let run = (steps.iter())
            .filter_map(|st| st["run"].as_str())
            .find(|r| r.contains("glasshouse build"))
            .unwrap();
        let words: Vec<String> = with_market(run)
            .split_whitespace()
            .map(|w| w.trim_matches('"').to_string())
            .collect();
        let out = &words[words.iter().position(|w| w == "--out").unwrap() + 1];
        let mut args = vec!["--out", out.as_str()];
        if market.is_empty() {
            args.push("--root-files");
        } else {
            args.extend(["--market", market]);
        }
        s.build_ok(&args);
        let cards = std::fs::read_dir(s.root.join(&cached))
            .unwrap_or_else(|e| panic!("{job} {market}: {cached}: {e}"))
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("card."))
            .count();
        assert!(cards >= 1, "{job} {market}: no card in {cached}");
    }
}
