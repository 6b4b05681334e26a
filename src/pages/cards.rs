//! The share card of each page: what it shows, where its PNG goes, and the
//! image a page's `og:image` names. An explainer page has its own card (its
//! script card page shares it); a market's home has one that its other
//! indexes share; the chooser has one that the root 404 page shares.

use super::Pages;
use crate::assets::cards::{CardText, HEIGHT, WIDTH};
use crate::diagnostics::Diagnostic;
use crate::render::views::ImageMeta;

/// A file drawn at a cost: a share card, its name a hash of what it is drawn
/// from, so that a build with the file at hand draws nothing.
pub struct Made {
    pub path: String,
    pub card: CardText,
}

impl Pages<'_> {
    /// The card of a page of market `mi` titled `title`, for the folder `dir`
    /// of the output (`jp/two-step/`; empty at the root) published at `url`;
    /// on the chooser (`chooser`), no market is named. None when the theme
    /// draws no cards.
    pub(super) fn card(
        &self,
        mi: usize,
        title: &str,
        (dir, url): (&str, &str),
        chooser: bool,
    ) -> Option<(Made, ImageMeta)> {
        let maker = self.cards.as_ref()?;
        let mp = &self.plan.markets[mi];
        let card = CardText {
            title: title.to_string(),
            brand: self.market(mi).brand.clone(),
            market: if chooser {
                String::new()
            } else {
                mp.market.name.clone()
            },
            address: url
                .split_once("://")
                .map_or(url, |(_, rest)| rest)
                .to_string(),
            lang: mp.market.locale.clone(),
            dir: mp.market.dir(),
            colour: (self.sources.config.brand.colours.as_ref()).map(|c| c.0.clone()),
        };
        let name = maker.file_name(&card);
        let image = ImageMeta {
            url: format!("{url}{name}"),
            width: WIDTH,
            height: HEIGHT,
            alt: title.to_string(),
        };
        let made = Made {
            path: format!("{dir}{name}"),
            card,
        };
        Some((made, image))
    }

    /// What every card's name is made from besides its text: the theme's
    /// template and fonts. None when the theme draws no cards.
    pub fn cards_key(&self) -> Option<[u8; 32]> {
        self.cards.as_ref().map(|c| c.key())
    }

    /// Draw a card's PNG.
    pub fn draw(&self, made: &Made) -> Result<Vec<u8>, Diagnostic> {
        match &self.cards {
            Some(maker) => maker.make(&made.card),
            None => Ok(Vec::new()),
        }
    }

    /// The theme's card maker, when it draws cards: for a preview that draws
    /// each card when it is asked for.
    pub fn card_maker(&self) -> Option<&std::sync::Arc<crate::assets::cards::CardMaker>> {
        self.cards.as_ref()
    }
}
