//! Fitting a title on a card: SVG has no line wrapping, so the template asks
//! `fit_text()` for lines, broken at phrase boundaries (`crate::segment`) and
//! measured with the card's own fonts, at the largest size that fits.

use serde::Serialize;
use skrifa::prelude::{FontRef, LocationRef, MetadataProvider, Size};
use std::sync::Arc;

/// A font file's bytes: the embedded theme's are borrowed from the binary.
pub type FontData = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// The fonts a card is drawn with: their bytes, and their families as the
/// template names them in `font-family`.
pub struct Fonts {
    pub db: Arc<resvg::usvg::fontdb::Database>,
    faces: Vec<Face>,
}

struct Face {
    families: Vec<String>,
    data: FontData,
    index: u32,
}

/// A text fitted on a card: the size it is drawn at and its lines.
#[derive(Serialize, Debug, PartialEq)]
pub struct Fitted {
    pub size: f32,
    pub lines: Vec<String>,
}

/// What a text may take on the card.
pub struct Room<'a> {
    /// The template's `font-family` list, in order.
    pub families: &'a [&'a str],
    pub width: f32,
    /// Sizes to try, largest first.
    pub sizes: &'a [f32],
    pub lines: usize,
}

impl Fonts {
    /// Every font of `files` (`.ttf`, `.otf`, `.ttc` data), in order.
    pub fn new(files: &[FontData]) -> Fonts {
        let mut db = resvg::usvg::fontdb::Database::new();
        let mut faces = Vec::new();
        for data in files {
            let ids = db.load_font_source(resvg::usvg::fontdb::Source::Binary(data.clone()));
            for f in ids.iter().filter_map(|&id| db.face(id)) {
                faces.push(Face {
                    families: f.families.iter().map(|(n, _)| n.clone()).collect(),
                    data: data.clone(),
                    index: f.index,
                });
            }
        }
        Fonts {
            db: Arc::new(db),
            faces,
        }
    }

    /// `text` in lines no wider than the room, at the largest size that needs
    /// no more lines than it has; at the smallest size, the last line ends in
    /// an ellipsis where the text goes on.
    pub fn fit(&self, text: &str, lang: &str, room: &Room) -> Fitted {
        let ruler = Ruler::new(self, room.families);
        let pieces = crate::segment::pieces(text, lang);
        let sizes = if room.sizes.is_empty() {
            &[48.0][..]
        } else {
            room.sizes
        };
        let mut fitted = Fitted {
            size: 0.0,
            lines: Vec::new(),
        };
        for &size in sizes {
            fitted = Fitted {
                size,
                lines: wrap(&pieces, |s| ruler.width(s, size), room.width),
            };
            if fitted.lines.len() <= room.lines.max(1) {
                return fitted;
            }
        }
        let size = fitted.size;
        fitted.lines.truncate(room.lines.max(1));
        if let Some(last) = fitted.lines.last_mut() {
            *last = ellipsize(last, |s| ruler.width(s, size), room.width);
        }
        fitted
    }
}

/// Measures text with the first face of the family list that has each
/// character (as the renderer falls back), any face after that.
struct Ruler<'f> {
    faces: Vec<FontRef<'f>>,
}

impl<'f> Ruler<'f> {
    fn new(fonts: &'f Fonts, families: &[&str]) -> Ruler<'f> {
        let named = |f: &Face| {
            (families.iter()).position(|want| {
                f.families
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(want.trim()))
            })
        };
        let mut order: Vec<(usize, &Face)> = (fonts.faces.iter())
            .map(|f| (named(f).unwrap_or(usize::MAX), f))
            .collect();
        order.sort_by_key(|(rank, _)| *rank);
        let faces = (order.into_iter())
            .filter_map(|(_, f)| FontRef::from_index((*f.data).as_ref(), f.index).ok())
            .collect();
        Ruler { faces }
    }

    /// The advance of `text` at `size` pixels (kerning and shaping aside: the
    /// room a template gives leaves a margin for them).
    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|ch| {
                (self.faces.iter())
                    .find_map(|f| {
                        let glyph = f.charmap().map(ch)?;
                        f.glyph_metrics(Size::new(size), LocationRef::default())
                            .advance_width(glyph)
                    })
                    .unwrap_or(size * 0.6)
            })
            .sum()
    }
}

/// Fill lines greedily with the pieces; a piece wider than a line alone is
/// cut between characters. Spaces at a line's end do not count.
fn wrap(pieces: &[&str], width: impl Fn(&str) -> f32, room: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for piece in pieces {
        let joined = format!("{line}{piece}");
        if width(joined.trim_end()) <= room {
            line = joined;
            continue;
        }
        if !line.trim().is_empty() {
            lines.push(line.trim_end().to_string());
        }
        line = String::new();
        for ch in piece.chars() {
            let longer = format!("{line}{ch}");
            if !line.is_empty() && width(longer.trim_end()) > room {
                lines.push(std::mem::take(&mut line).trim_end().to_string());
                line.push(ch);
            } else {
                line = longer;
            }
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// `line` shortened until it fits with an ellipsis after it.
fn ellipsize(line: &str, width: impl Fn(&str) -> f32, room: f32) -> String {
    let mut kept: Vec<char> = line.chars().collect();
    loop {
        let text: String = kept.iter().collect::<String>().trim_end().to_string() + "…";
        if kept.is_empty() || width(&text) <= room {
            return text;
        }
        kept.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 10 wide.
    fn ten(s: &str) -> f32 {
        s.chars().count() as f32 * 10.0
    }

    #[test]
    fn lines_fill_greedily_and_drop_their_trailing_spaces() {
        let lines = wrap(&["Where ", "your ", "data ", "is ", "stored"], ten, 100.0);
        assert_eq!(lines, ["Where your", "data is", "stored"]);
    }

    #[test]
    fn a_piece_wider_than_a_line_is_cut_between_characters() {
        let lines = wrap(&["a ", "Datenschutzgrundverordnung"], ten, 100.0);
        assert_eq!(lines, ["a", "Datenschut", "zgrundvero", "rdnung"]);
    }

    #[test]
    fn an_ellipsis_ends_a_line_that_is_cut_short() {
        assert_eq!(ellipsize("one two three", ten, 80.0), "one two…");
        assert_eq!(ellipsize("abc", ten, 5.0), "…");
    }
}
