//! Share cards: the 1200x630 PNG that a link preview shows for a page, drawn
//! from the theme's `cards/card.svg` (a Tera template given `card`, a
//! [`CardText`]) with the theme's `fonts/` only, never the machine's, so that
//! every machine draws the same image.
//!
//! A card's file name is a hash of all it is drawn from (template, fonts and
//! text), so the build names it without drawing it, and draws only what its
//! cache does not hold (`output::Sink::write_made`).

mod fit;

use crate::diagnostics::{Code, Diagnostic, SourceFile, with_causes};
pub use fit::FontData;
use fit::{Fonts, Room};
use serde::Serialize;
use std::sync::Arc;
use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// What a card shows, all of it text the market reads.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct CardText {
    pub title: String,
    /// The site's name (`site-name`).
    pub brand: String,
    /// The market's name; empty on the market chooser.
    pub market: String,
    /// Where the page is, without the scheme (`trust.example.com/jp/`).
    pub address: String,
    /// The market's locale.
    pub lang: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// The site's brand colour (`#0b5cad`), when it sets one.
    pub colour: Option<String>,
}

/// The theme's card template and fonts, ready to draw.
pub struct CardMaker {
    tera: Tera,
    template: SourceFile,
    fonts: Arc<Fonts>,
    /// Hash of the template, the fonts and the drawing code's version.
    key: blake3::Hash,
}

/// Bump when drawing changes what the same inputs give.
const DRAWING_VERSION: &[u8] = b"glasshouse cards 1";

/// The card template's escape function: XML's special characters, as the
/// pages escape HTML's.
fn escape_xml(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    pulldown_cmark_escape::escape_html(pulldown_cmark_escape::IoWriter(out), input)
}

impl CardMaker {
    /// The maker of the theme whose card template is `template`, drawing with
    /// `fonts`; a template that does not parse is an error.
    pub fn new(template: &SourceFile, fonts: &[FontData]) -> Result<CardMaker, Diagnostic> {
        let mut key = blake3::Hasher::new();
        key.update(DRAWING_VERSION);
        key.update(template.text.as_bytes());
        for f in fonts {
            let bytes = (**f).as_ref();
            key.update(&(bytes.len() as u64).to_le_bytes());
            key.update(bytes);
        }
        let fonts = Arc::new(Fonts::new(fonts));
        let mut tera = Tera::new();
        tera.set_escape_fn(escape_xml);
        tera.autoescape_on(vec![".svg"]);
        let measure = fonts.clone();
        tera.register_function("fit_text", move |args: Kwargs, _: &State| {
            fit_text(&measure, &args)
        });
        tera.add_raw_template("card.svg", &template.text)
            .map_err(|e| template_error(template, &e))?;
        Ok(CardMaker {
            tera,
            template: template.clone(),
            fonts,
            key: key.finalize(),
        })
    }

    /// The hash of the template, the fonts and the drawing code.
    pub fn key(&self) -> [u8; 32] {
        *self.key.as_bytes()
    }

    /// The card's file name, `card.<hash>.png`: what it is drawn from.
    pub fn file_name(&self, text: &CardText) -> String {
        let mut h = blake3::Hasher::new();
        h.update(self.key.as_bytes());
        h.update(&serde_json::to_vec(text).unwrap_or_default());
        format!("card.{}.png", &h.finalize().to_hex()[..10])
    }

    /// Draw the card: the template's SVG, as a PNG.
    pub fn make(&self, text: &CardText) -> Result<Vec<u8>, Diagnostic> {
        let mut cx = Context::new();
        cx.insert("card", text);
        let svg =
            (self.tera.render("card.svg", &cx)).map_err(|e| template_error(&self.template, &e))?;
        let opts = resvg::usvg::Options {
            fontdb: self.fonts.db.clone(),
            font_family: "Noto Sans".into(),
            languages: vec![text.lang.clone()],
            // Only what the template holds: no file is read for an image.
            image_href_resolver: resvg::usvg::ImageHrefResolver {
                resolve_string: Box::new(|_, _| None),
                ..Default::default()
            },
            ..Default::default()
        };
        let fail = |what: String| {
            Diagnostic::error(Code::Template, format!("{}: {what}", self.template.path))
        };
        let tree = resvg::usvg::Tree::from_str(&svg, &opts)
            .map_err(|e| fail(format!("the card it makes is not SVG: {e}")))?;
        let size = tree.size();
        let scale = resvg::tiny_skia::Transform::from_scale(
            WIDTH as f32 / size.width(),
            HEIGHT as f32 / size.height(),
        );
        CANVAS.with_borrow_mut(|canvas| {
            let (pixmap, straight) = match canvas {
                Some(c) => c,
                None => canvas.insert((
                    resvg::tiny_skia::Pixmap::new(WIDTH, HEIGHT)
                        .ok_or_else(|| fail("no room to draw the card".into()))?,
                    Vec::new(),
                )),
            };
            pixmap.fill(resvg::tiny_skia::Color::TRANSPARENT);
            resvg::render(&tree, scale, &mut pixmap.as_mut());
            encode_png(pixmap, straight)
                .map_err(|e| fail(format!("the card cannot be encoded: {e}")))
        })
    }
}

thread_local! {
    /// This thread's canvas, and the copy of it the PNG encoder reads, reused
    /// card after card: new ones for each card left megabytes each to the
    /// allocator.
    static CANVAS: std::cell::RefCell<Option<(resvg::tiny_skia::Pixmap, Vec<u8>)>> =
        const { std::cell::RefCell::new(None) };
}

/// The canvas as a PNG. PNG holds colours not multiplied by their alpha, as
/// the canvas does: they are divided out into `straight` first.
fn encode_png(
    pixmap: &resvg::tiny_skia::Pixmap,
    straight: &mut Vec<u8>,
) -> Result<Vec<u8>, png::EncodingError> {
    straight.clear();
    straight.extend(pixmap.pixels().iter().flat_map(|p| {
        let c = p.demultiply();
        [c.red(), c.green(), c.blue(), c.alpha()]
    }));
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(straight)?;
    writer.finish()?;
    Ok(png)
}

/// `fit_text(text=…, lang=…, fonts="A, B", width=…, sizes=[…], lines=…)`:
/// `{ size, lines }` (see `fit::Fonts::fit`).
fn fit_text(fonts: &Fonts, args: &Kwargs) -> TeraResult<Value> {
    let text: &str = args.must_get("text")?;
    let lang: &str = args.get("lang")?.unwrap_or("");
    let families: &str = args.get("fonts")?.unwrap_or("");
    let families: Vec<&str> = families.split(',').map(str::trim).collect();
    let number = |v: &Value| {
        (v.as_f64()).ok_or_else(|| tera::Error::message(format!("fit_text(): {v} is no number")))
    };
    let width = number(args.must_get::<&Value>("width")?)?;
    let sizes: &[Value] = args.get("sizes")?.unwrap_or_default();
    let sizes =
        (sizes.iter().map(|s| number(s).map(|n| n as f32))).collect::<TeraResult<Vec<f32>>>()?;
    let lines = args.get::<&Value>("lines")?.map_or(Ok(2.0), number)?;
    let room = Room {
        families: &families,
        width: width as f32,
        sizes: &sizes,
        lines: lines.clamp(1.0, 12.0) as usize,
    };
    Ok(Value::from_serializable(&fonts.fit(text, lang, &room)))
}

/// A card template error, at its place in the template when Tera knows it.
fn template_error(template: &SourceFile, e: &tera::Error) -> Diagnostic {
    if let tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) = e.kind()
    {
        let at = report.span().range.start;
        return Diagnostic::error(Code::Template, report.message().to_string())
            .at(template.location(at));
    }
    Diagnostic::error(
        Code::Template,
        format!("{}: {}", template.path, with_causes(e)),
    )
}

#[cfg(test)]
mod tests;
