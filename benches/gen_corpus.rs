//! Deterministic synthetic site for benchmarks: N explainers in English with
//! translations into fr, de, es, ja (Japanese script) and id, for the seven markets
//! of the example site. Each explainer has ~800 words: headings, lists, links to
//! other explainers, an image, variant groups and a creator script.
//!
//! `cargo bench --bench gen-corpus -- --explainers 1000 --out DIR [--hugo DIR]`
//!
//! With `--hugo DIR`, the same Markdown is also written in Hugo's multilingual
//! layout (`content/<lang>/explainers/<slug>.md`, `hugo.toml`), so that the two
//! generators can be timed on the same content.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const LANGS: &[&str] = &["en", "fr", "de", "es", "ja", "id"];

/// Small deterministic generator (xorshift64*), so the corpus is the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn words(lang: &str) -> &'static [&'static str] {
    match lang {
        "fr" => &[
            "vos",
            "données",
            "sont",
            "stockées",
            "dans",
            "des",
            "centres",
            "sécurisés",
            "et",
            "protégées",
            "par",
            "le",
            "chiffrement",
            "vous",
            "pouvez",
            "choisir",
            "qui",
            "voit",
            "chaque",
            "vidéo",
            "paramètres",
            "confidentialité",
            "compte",
            "accès",
            "équipe",
            "règles",
            "contrôle",
            "demande",
            "informations",
            "application",
        ],
        "de" => &[
            "Ihre",
            "Daten",
            "werden",
            "in",
            "sicheren",
            "Rechenzentren",
            "gespeichert",
            "und",
            "durch",
            "Verschlüsselung",
            "geschützt",
            "Sie",
            "können",
            "wählen",
            "wer",
            "jedes",
            "Video",
            "sieht",
            "Einstellungen",
            "Datenschutz",
            "Konto",
            "Zugriff",
            "Team",
            "Regeln",
            "Kontrolle",
            "Anfrage",
            "Informationen",
            "App",
            "jederzeit",
            "sicher",
        ],
        "es" => &[
            "tus",
            "datos",
            "se",
            "guardan",
            "en",
            "centros",
            "seguros",
            "y",
            "están",
            "protegidos",
            "con",
            "cifrado",
            "puedes",
            "elegir",
            "quién",
            "ve",
            "cada",
            "video",
            "configuración",
            "privacidad",
            "cuenta",
            "acceso",
            "equipo",
            "reglas",
            "control",
            "solicitud",
            "información",
            "aplicación",
            "siempre",
            "segura",
        ],
        "id" => &[
            "data",
            "Anda",
            "disimpan",
            "di",
            "pusat",
            "yang",
            "aman",
            "dan",
            "dilindungi",
            "dengan",
            "enkripsi",
            "dapat",
            "memilih",
            "siapa",
            "melihat",
            "setiap",
            "video",
            "pengaturan",
            "privasi",
            "akun",
            "akses",
            "tim",
            "aturan",
            "kontrol",
            "permintaan",
            "informasi",
            "aplikasi",
            "kapan",
            "saja",
            "laporan",
        ],
        _ => &[
            "your",
            "data",
            "is",
            "stored",
            "in",
            "secure",
            "centers",
            "and",
            "protected",
            "by",
            "encryption",
            "you",
            "can",
            "choose",
            "who",
            "sees",
            "each",
            "video",
            "settings",
            "privacy",
            "account",
            "access",
            "team",
            "rules",
            "control",
            "request",
            "information",
            "app",
            "anytime",
            "safely",
        ],
    }
}

const JA: &[&str] = &[
    "データは",
    "安全な",
    "データセンターに",
    "保存され",
    "暗号化で",
    "守られています",
    "動画を",
    "見る人を",
    "選べます",
    "設定から",
    "プライバシーを",
    "確認できます",
    "アカウントの",
    "アクセスは",
    "担当チームが",
    "管理します",
    "ルールに",
    "基づいて",
    "いつでも",
    "情報を",
];

fn sentence(rng: &mut Rng, lang: &str, n: usize) -> String {
    if lang == "ja" {
        let mut s: String = (0..n.div_ceil(2)).map(|_| rng.pick(JA)).collect();
        s.push('。');
        return s;
    }
    let ws = words(lang);
    let mut s: Vec<String> = (0..n).map(|_| rng.pick(ws).to_string()).collect();
    if let Some(first) = s.first_mut() {
        let mut c = first.chars();
        *first = c
            .next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default();
    }
    format!("{}.", s.join(" "))
}

fn paragraph(rng: &mut Rng, lang: &str, words: usize) -> String {
    let mut out = Vec::new();
    let mut left = words;
    while left > 0 {
        let n = left.min(8 + (rng.next() % 10) as usize);
        out.push(sentence(rng, lang, n));
        left -= n;
    }
    out.join(" ")
}

/// One explainer file in `lang`; the structure is the same in every language.
fn explainer(i: usize, n: usize, lang: &str) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15
        ^ ((i as u64 + 1) * 7919)
        ^ (lang.len() as u64 * 104_729 + lang.as_bytes()[0] as u64));
    let mut s = String::with_capacity(9000);
    let title = sentence(&mut rng, lang, 5);
    let title = title.trim_end_matches(['.', '。']);
    let _ = write!(
        s,
        "---\ntitle: \"{title} {i}\"\nsummary: \"{}\"\norder: {i}\nupdated: 2026-11-{:02}\n---\n",
        paragraph(&mut rng, lang, 14),
        1 + i % 28
    );
    let _ = write!(
        s,
        "{} {{{{ t \"-brand\" }}}}\n\n![{}](/images/figure-{}.svg)\n\n",
        paragraph(&mut rng, lang, 60),
        sentence(&mut rng, lang, 6),
        i % 4
    );
    let next = (i + 1) % n;
    for sec in 1..=4 {
        let _ = write!(
            s,
            "## {} {{#section-{sec}}}\n\n{}\n\n",
            sentence(&mut rng, lang, 4).trim_end_matches(['.', '。']),
            paragraph(&mut rng, lang, 90)
        );
        for _ in 0..4 {
            let _ = writeln!(s, "- {}", sentence(&mut rng, lang, 7));
        }
        let _ = write!(
            s,
            "\n{} [{}](explainer-{next:05}.md#section-{sec}).\n\n",
            paragraph(&mut rng, lang, 20),
            sentence(&mut rng, lang, 3).trim_end_matches(['.', '。'])
        );
        if sec % 2 == 1 {
            for f in ["transparency", "regulatory", "control", "default"] {
                let _ = write!(
                    s,
                    ":::variant{{for=\"{f}\"}}\n{}\n:::\n\n",
                    paragraph(&mut rng, lang, 40)
                );
            }
        }
    }
    let short = |rng: &mut Rng| sentence(rng, lang, 2);
    let _ = write!(
        s,
        "::::script\nhook: {}\n\n:::variant{{for=\"transparency\"}}\nbeat: {}\nscreen: {}\n:::\n\n:::variant{{for=\"default\"}}\nbeat: {}\n:::\n\nbeat: {}\ncta: {}\n::::\n",
        short(&mut rng),
        // Beats a viewer can follow: no `long-beat` warning in any language.
        sentence(&mut rng, lang, 8),
        short(&mut rng),
        sentence(&mut rng, lang, 8),
        sentence(&mut rng, lang, 9),
        sentence(&mut rng, lang, 7)
    );
    s
}

const CONFIG: &str = "base_url: https://bench.example.com\nsource_language: en\nframings:\n  transparency: T\n  regulatory: R\n  accountability: A\n  reputation: P\n  control: C\nmarkets:\n  us: { name: United States, locale: en-US, framing: transparency }\n  uk: { name: United Kingdom, locale: en-GB, framing: regulatory, fallback: [en-US] }\n  fr: { name: France, locale: fr-FR, framing: regulatory }\n  de: { name: Deutschland, locale: de-DE, framing: regulatory }\n  mx: { name: México, locale: es-MX, framing: control }\n  jp: { name: 日本, locale: ja-JP, framing: reputation }\n  id: { name: Indonesia, locale: id-ID, framing: accountability }\nlegal: { links: { privacy: https://bench.example.com/privacy/, imprint: https://bench.example.com/imprint/ } }\n";

const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 20\" role=\"img\"><title>figure</title><rect width=\"40\" height=\"20\" fill=\"#0b5cad\"/></svg>\n";

fn write(path: PathBuf, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn file_name(i: usize, lang: &str) -> String {
    if lang == "en" {
        format!("explainer-{i:05}.md")
    } else {
        format!("explainer-{i:05}.{lang}.md")
    }
}

fn generate(n: usize, out: &Path, hugo: Option<&Path>) -> usize {
    write(out.join("glasshouse.yaml"), CONFIG);
    write(out.join("locales/en-US/site.ftl"), "-brand = Benchmark\n");
    for k in 0..4 {
        write(out.join(format!("static/images/figure-{k}.svg")), SVG);
    }
    if let Some(h) = hugo {
        write(h.join("hugo.toml"), &hugo_config());
        write(
            h.join("layouts/_default/single.html"),
            "<!DOCTYPE html><html lang=\"{{ .Site.Language.Lang }}\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>{{ range .AllTranslations }}<link rel=\"alternate\" hreflang=\"{{ .Language.Lang }}\" href=\"{{ .Permalink }}\">{{ end }}</head><body><main>{{ .Content }}</main></body></html>\n",
        );
        write(
            h.join("layouts/_default/list.html"),
            "<!DOCTYPE html><html lang=\"{{ .Site.Language.Lang }}\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n",
        );
        for k in 0..4 {
            write(h.join(format!("static/images/figure-{k}.svg")), SVG);
        }
    }
    let mut bytes = 0;
    for i in 0..n {
        for lang in LANGS {
            let text = explainer(i, n, lang);
            bytes += text.len();
            write(
                out.join("content/explainers").join(file_name(i, lang)),
                &text,
            );
            if let Some(h) = hugo {
                // Hugo has no {{ t }} in Markdown nor directives: the same bytes, with
                // links rewritten to Hugo's ref form.
                let hugo_text = text
                    .replace("{{ t \"-brand\" }}", "Benchmark")
                    .replace(".md#", "/#");
                for market in hugo_markets(lang) {
                    write(
                        h.join("content")
                            .join(market)
                            .join("explainers")
                            .join(format!("explainer-{i:05}.md")),
                        &hugo_text,
                    );
                }
            }
        }
    }
    bytes
}

/// Hugo languages (one per market) that get a file in `lang`.
fn hugo_markets(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => &["us", "uk"],
        "fr" => &["fr"],
        "de" => &["de"],
        "es" => &["mx"],
        "ja" => &["jp"],
        _ => &["id"],
    }
}

fn hugo_config() -> String {
    let mut s = String::from(
        "baseURL = \"https://bench.example.com/\"\ndefaultContentLanguage = \"us\"\ndefaultContentLanguageInSubdir = true\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n\n[languages]\n",
    );
    for (i, (id, tag)) in [
        ("us", "en-US"),
        ("uk", "en-GB"),
        ("fr", "fr-FR"),
        ("de", "de-DE"),
        ("mx", "es-MX"),
        ("jp", "ja-JP"),
        ("id", "id-ID"),
    ]
    .iter()
    .enumerate()
    {
        let _ = write!(
            s,
            "[languages.{id}]\nlanguageCode = \"{tag}\"\nweight = {}\ncontentDir = \"content/{id}\"\n",
            i + 1
        );
    }
    s
}

fn main() {
    let n: usize = common::flag("--explainers")
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let Some(out) = common::flag("--out") else {
        eprintln!("usage: gen-corpus --explainers N --out DIR [--hugo DIR]");
        std::process::exit(2);
    };
    let out = PathBuf::from(out);
    let hugo = common::flag("--hugo").map(PathBuf::from);
    for dir in std::iter::once(&out).chain(hugo.as_ref()) {
        if dir.exists() {
            std::fs::remove_dir_all(dir).unwrap();
        }
    }
    let bytes = generate(n, &out, hugo.as_deref());
    println!(
        "{n} explainers x {} languages, {:.1} MB of Markdown in {}",
        LANGS.len(),
        bytes as f64 / 1e6,
        out.display()
    );
}
