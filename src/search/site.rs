//! The search index of a whole site: one entry per document, then the data's.

use std::sync::Arc;

use rayon::prelude::*;

use super::{Builder, Entry, Part};
use crate::content::doc::{by_phase, phase_of};
use crate::content::{Doc, Place, Site};
use crate::data::Data;
use crate::markdown::Rendered;
use crate::render::interactive::Interactive;

/// What the search index depends on: the skeleton (titles, summaries, data files, language)
/// and each document's rendered Markdown.
pub(crate) fn key(skeleton: u64, rendered: &[Arc<Rendered>]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&skeleton.to_le_bytes());
    for r in rendered {
        h.update(&(r.html.len() as u64).to_le_bytes());
        h.update(r.html.as_bytes());
    }
    h.digest()
}

/// The phases as the index names them: (folder name, title), in the toolkit's order.
pub(crate) fn phases(site: &Site) -> Vec<(String, String)> {
    site.config
        .phases()
        .map(|p| {
            let title = site.section(p).map_or(p, |s| s.title.as_str());
            (p.to_string(), title.to_string())
        })
        .collect()
}

/// A document's entry: its title, address, phase, section and summary, with the text its
/// Markdown was rendered to (without what shortcodes draw: checklists and worksheets have
/// entries of their own).
pub(crate) fn page(site: &Site, d: &Doc, text: Arc<Vec<Part>>) -> Entry {
    let (section, summary) = match d.place {
        Place::Home => (None, site.home.summary.as_deref()),
        Place::Section(i) => (None, site.sections[i].summary.as_deref()),
        Place::Page(p) => {
            let page = &site.pages[p];
            let section = page.section.as_ref().and_then(|n| site.section(n));
            (
                section.map(|s| s.title.as_str()),
                page.front.summary.as_deref(),
            )
        }
    };
    super::collect::page(super::collect::PageInput {
        title: &d.title,
        url: &d.url,
        phase: phase_of(site, d.place),
        section,
        summary,
        text,
    })
}

/// The search index's files: an entry per document (in parallel, each phase's together:
/// `by_phase`), then the data's. Each file is handed to `keep` as soon as it is made.
pub(crate) fn site_index<T: Send>(
    site: &Site,
    data: &Data,
    interactive: &Interactive,
    docs: &[Doc],
    rendered: &[Arc<Rendered>],
    keep: &(dyn Fn(&str, String) -> T + Sync),
) -> Vec<(String, T)> {
    let phases = phases(site);
    let builder = Builder::new(site.config.language.get_ref(), &phases, keep);
    let order = by_phase(site, docs);
    order.par_iter().enumerate().for_each(|(n, &i)| {
        builder.add(n, page(site, &docs[i], Arc::clone(&rendered[i].text)));
    });
    finish(builder, docs.len(), data, interactive)
}

/// The index once its `pages` documents are in: the checklist items, worksheets and resources
/// after them, then the files.
pub(crate) fn finish<T: Send>(
    builder: Builder<T>,
    pages: usize,
    data: &Data,
    interactive: &Interactive,
) -> Vec<(String, T)> {
    let entries = super::collect::data(data, &|c| interactive.checklist_title(c));
    for (i, e) in entries.into_iter().enumerate() {
        builder.add(pages + i, e);
    }
    builder.finish()
}
