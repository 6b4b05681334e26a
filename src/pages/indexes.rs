//! The pages that list others: each market's home, creator scripts index and
//! 404 page, and at the root the market chooser and a 404 page that offers it.

use super::{Card, File, Made, Pages, format_seconds};
use crate::diagnostics::Diagnostic;
use crate::render::views::{ChooserEntry, ExplainerCard, TopicGroup, as_value};
use crate::resolve::Origin;
use tera::Value;

impl Pages<'_> {
    /// Market `mi`'s home and its creator scripts index, listing `cards` (the
    /// market's pages, in the plan's order), and its 404 page; and the home's
    /// share card, which the three show, to be drawn.
    pub fn market_files(
        &self,
        mi: usize,
        cards: &[Card],
    ) -> Result<(Vec<File>, Option<Made>), Diagnostic> {
        let (plan, pcx) = (self.plan, self.context());
        let mp = &plan.markets[mi];
        let (m, templates) = (&self.market(mi).messages, &self.market(mi).templates);
        let source_language = self.sources.config.source_language.as_str();
        let views: Vec<ExplainerCard> = cards
            .iter()
            .map(|card| {
                let page = &plan.pages[card.page];
                let slug = self.slug(page.explainer);
                ExplainerCard {
                    slug,
                    title: &card.title,
                    summary: &card.summary,
                    href: plan.href(&plan.page_url(page, slug)),
                    updated: page.doc.front.updated.as_deref(),
                    topic: (self.sources.library.explainers[page.explainer]
                        .source
                        .front
                        .topics)
                        .first()
                        .map(String::as_str),
                    script_seconds: card.script_seconds.map(format_seconds),
                    script_href: card
                        .script_seconds
                        .map(|_| plan.href(&plan.script_url(page, slug))),
                    content_lang: (page.origin == Origin::UntranslatedSource)
                        .then_some(source_language),
                    content_dir: crate::config::text_direction(source_language),
                }
            })
            .collect();
        let text = |id: &str| m.format(id, &[]).unwrap_or_default();
        // Made into template values once: the home lists them twice (all, and
        // by topic), the scripts index once more.
        let values: Vec<Value> = views.iter().map(as_value).collect();
        let title = text("home-title");
        let (made, image) = self.card(mi, &title, (&mp.dir, &mp.url), false).unzip();
        let home = pcx.render_home(
            templates,
            mi,
            (title, text("home-description")),
            &values,
            &self.topic_groups(mi, &views, &values),
            image.clone(),
        )?;
        let scripts = pcx.render_scripts_index(
            templates,
            mi,
            (text("scripts-title"), text("scripts-description")),
            &values,
            image.clone(),
        )?;
        let not_found = pcx.render_not_found(
            templates,
            mi,
            (text("not-found-title"), text("not-found-market-body")),
            None,
            image,
        )?;
        let files = vec![
            File::new(format!("{}index.html", mp.dir), home),
            File::new(format!("{}scripts/index.html", mp.dir), scripts),
            File::new(format!("{}404.html", mp.dir), not_found),
        ];
        Ok((files, made))
    }

    /// `cards` filed under their first topic, topics in the order of their
    /// first explainer; those without a topic last, under none.
    fn topic_groups(
        &self,
        mi: usize,
        cards: &[ExplainerCard],
        values: &[Value],
    ) -> Vec<TopicGroup> {
        let mut groups: Vec<(Option<&str>, Vec<Value>)> = Vec::new();
        for (card, value) in cards.iter().zip(values) {
            match groups.iter_mut().find(|(t, _)| *t == card.topic) {
                Some((_, list)) => list.push(value.clone()),
                None => groups.push((card.topic, vec![value.clone()])),
            }
        }
        groups.sort_by_key(|(t, _)| t.is_none());
        (groups.into_iter())
            .map(|(topic, explainers)| TopicGroup {
                topic: topic.map(|t| self.topics(mi, &[t.to_string()]).remove(0)),
                explainers,
            })
            .collect()
    }

    /// The pages at the root of a build with a market chooser: the chooser
    /// and a 404 page that offers it, in the language of the first built
    /// market, and their share card, to be drawn. A market built alone at the
    /// root has its own 404 page instead.
    pub fn root_pages(&self) -> Result<(Vec<File>, Option<Made>), Diagnostic> {
        let (plan, pcx) = (self.plan, self.context());
        if !plan.chooser {
            return Ok((Vec::new(), None));
        }
        let built = self.built();
        let first = built[0];
        let (m, templates) = (&self.market(first).messages, &self.market(first).templates);
        let text = |id: &str| m.format(id, &[]).unwrap_or_default();
        let entries: Vec<ChooserEntry> = built
            .iter()
            .map(|&mi| {
                let mp = &plan.markets[mi];
                let own = &self.market(mi).messages;
                ChooserEntry {
                    name: &mp.market.name,
                    locale: &mp.market.locale,
                    href: plan.href(&mp.url),
                    enter: own.format("chooser-enter", &[]).unwrap_or_default(),
                    tagline: own.format("chooser-tagline", &[]).unwrap_or_default(),
                }
            })
            .collect();
        let title = text("chooser-title");
        let (made, image) = self.card(first, &title, ("", &plan.site_url), true).unzip();
        let chooser = pcx.render_chooser(
            templates,
            first,
            (title, text("chooser-description")),
            &entries,
            image.clone(),
        )?;
        let not_found = pcx.render_not_found(
            templates,
            first,
            (text("not-found-title"), text("not-found-body")),
            Some(&entries),
            image,
        )?;
        let files = vec![
            File::new("index.html".into(), chooser),
            File::new("404.html".into(), not_found),
        ];
        Ok((files, made))
    }
}
