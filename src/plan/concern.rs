//! Which markets a finding concerns. A market is judged only on the files it
//! reads: its translations, its locale chain, and the sources every market
//! shares (the config, the theme, the English explainers, `static/`). So a
//! mistake in a Japanese translation fails `--market jp` and not `--market us`,
//! and the preview keeps updating the markets it does not concern.

use super::Plan;
use crate::config::markets_of;
use crate::content::EXPLAINERS_DIR;
use crate::diagnostics::Diagnostic;
use std::collections::BTreeSet;

/// What a finding concerns.
#[derive(Debug, PartialEq, Eq)]
pub enum Concern {
    /// A source every market reads.
    Site,
    /// These markets (by index in the plan), possibly none: a translation that
    /// no market reads.
    Markets(BTreeSet<usize>),
}

impl Plan<'_> {
    /// The markets that `d` concerns: the markets it names; else, for a
    /// translation, the markets that read it (or whose language it is); for a
    /// Fluent file, the markets whose locale chain holds its locale; else the
    /// whole site.
    pub fn concern(&self, d: &Diagnostic) -> Concern {
        if let Some(named) = &d.market {
            let found: BTreeSet<usize> = (named.split(", "))
                .filter_map(|id| self.markets.iter().position(|mp| mp.market.id == id))
                .collect();
            if !found.is_empty() {
                return Concern::Markets(found);
            }
        }
        let Some(file) = d.location.as_ref().map(|l| l.file.as_str()) else {
            return Concern::Site;
        };
        if let Some(tag) = translation_tag(file) {
            let readers: BTreeSet<usize> = (self.pages.iter())
                .filter(|p| p.doc.file.path == file)
                .map(|p| p.market)
                .collect();
            if !readers.is_empty() {
                return Concern::Markets(readers);
            }
            let of_tag = markets_of(self.markets.iter().map(|mp| mp.market), tag);
            return Concern::Markets(self.markets_where(|m| of_tag.iter().any(|o| o.id == m.id)));
        }
        match ftl_locale(file) {
            Some(locale) => Concern::Markets(
                self.markets_where(|m| m.locale_chain().iter().any(|l| l == locale)),
            ),
            None => Concern::Site,
        }
    }

    /// Whether `d` concerns a market this build writes (or the whole site).
    pub fn concerns_built(&self, d: &Diagnostic) -> bool {
        match self.concern(d) {
            Concern::Site => true,
            Concern::Markets(m) => m.iter().any(|&i| self.markets[i].built),
        }
    }

    fn markets_where(&self, keep: impl Fn(&crate::config::Market) -> bool) -> BTreeSet<usize> {
        (self.markets.iter().enumerate())
            .filter(|(_, mp)| keep(mp.market))
            .map(|(i, _)| i)
            .collect()
    }
}

/// `content/explainers/two-step.ja.md` -> `ja`; none for a source explainer.
fn translation_tag(file: &str) -> Option<&str> {
    let name = file
        .strip_prefix(EXPLAINERS_DIR)?
        .strip_prefix('/')?
        .strip_suffix(".md")?;
    let (_, tag) = name.rsplit_once('.')?;
    Some(tag)
}

/// `locales/fr-FR/site.ftl` or `themes/x/locales/fr-FR/theme.ftl` -> `fr-FR`.
fn ftl_locale(file: &str) -> Option<&str> {
    if !file.ends_with(".ftl") {
        return None;
    }
    let parts: Vec<&str> = file.split('/').collect();
    (parts.iter())
        .position(|p| *p == "locales")
        .and_then(|i| parts.get(i + 1).copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation_tags_come_from_the_file_name() {
        assert_eq!(translation_tag("content/explainers/a.ja.md"), Some("ja"));
        assert_eq!(
            translation_tag("content/explainers/a.es-MX.md"),
            Some("es-MX")
        );
        assert_eq!(translation_tag("content/explainers/a.md"), None);
        assert_eq!(translation_tag("locales/ja-JP/site.ftl"), None);
    }

    #[test]
    fn fluent_files_name_their_locale() {
        assert_eq!(ftl_locale("locales/ja-JP/site.ftl"), Some("ja-JP"));
        assert_eq!(
            ftl_locale("themes/default/locales/de-DE/theme.ftl"),
            Some("de-DE")
        );
        assert_eq!(ftl_locale("themes/default/templates/base.html"), None);
    }
}
