//! Partnership data: the TOML files under content/ (checklists, worksheets, resources, models)
//! and the phases, parsed into plain structs.
//!
//! `Data::load` runs once per build, after `Site::load` and before any Markdown is rendered; the
//! links written in the data resolve once the link index is known (`Data::resolve_links`, and
//! `links::check` for the checklists' and worksheets' Markdown).

pub(crate) mod checklist;
pub(crate) mod fields;
pub(crate) mod models;
pub(crate) mod resources;
pub mod scoring;
pub(crate) mod text;
pub(crate) mod worksheet;

use crate::content::{DataKind, Site};
use crate::diagnostic::Diagnostics;
use crate::markdown::{AnchorCheck, LinkIndex};
pub(crate) use checklist::Checklist;
pub(crate) use fields::{Markdown, Reference, Refs};
use models::Models;
use resources::Resources;
pub(crate) use worksheet::Worksheet;

/// Every data file of the toolkit that loaded without errors.
#[derive(Debug, Clone, Default)]
pub(crate) struct Data {
    /// In the order of `[toolkit] phases`.
    pub(crate) checklists: Vec<Checklist>,
    /// By id.
    pub(crate) worksheets: Vec<Worksheet>,
    /// Worksheets (by id) and checklists (by phase) whose file has errors, already reported:
    /// references to them are not reported again.
    pub(crate) broken_worksheets: Vec<String>,
    pub(crate) broken_checklists: Vec<String>,
    pub(crate) resources: Option<Resources>,
    pub(crate) models: Models,
    /// The phases as diagrams and lists name them, in order.
    pub(crate) phases: Vec<PhaseRef>,
    /// resources.toml or models.toml exists but could not be read (its error is already
    /// reported): shortcodes naming them add no error of their own.
    pub(crate) broken_files: Vec<DataKind>,
    /// Every audience and phase named in the data files, where it is written.
    pub(crate) references: Vec<Reference>,
}

/// A phase as diagrams and lists name it.
#[derive(Debug, Clone)]
pub(crate) struct PhaseRef {
    pub(crate) name: String,
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) number: usize,
}

/// The order of worksheets wherever they are listed: by `weight` (those without one last),
/// then by title, then by id.
fn order(w: &Worksheet) -> (bool, i64, String, String) {
    (
        w.weight.is_none(),
        w.weight.unwrap_or_default(),
        w.title.to_lowercase(),
        w.id.clone(),
    )
}

impl Data {
    /// Parses every data file. The names they use that site.toml defines are kept in
    /// `references`, for `validate::refs`.
    pub(crate) fn load(site: &Site) -> (Data, Diagnostics) {
        let mut refs = Refs::default();
        let mut diags = Diagnostics::default();
        let mut data = Data {
            phases: site
                .phases()
                .enumerate()
                .map(|(i, s)| PhaseRef {
                    name: s.name.clone(),
                    title: s.title.clone(),
                    url: s.url.clone(),
                    number: i + 1,
                })
                .collect(),
            ..Data::default()
        };
        for file in &site.data {
            match &file.kind {
                DataKind::Checklist { phase } => {
                    match checklist::parse(&file.source, phase, &mut refs) {
                        Ok(c) => data.checklists.push(c),
                        Err(e) => {
                            diags.extend(e);
                            data.broken_checklists.push(phase.clone());
                        }
                    }
                }
                DataKind::Worksheet { id } => match worksheet::parse(&file.source, id, &mut refs) {
                    Ok((w, warnings)) => {
                        data.worksheets.push(w);
                        diags.extend(warnings);
                    }
                    Err(e) => {
                        diags.extend(e);
                        data.broken_worksheets.push(id.clone());
                    }
                },
                DataKind::Resources => {
                    let (r, d) = Resources::parse(&file.source, &mut refs);
                    if r.is_none() {
                        data.broken_files.push(DataKind::Resources);
                    }
                    data.resources = r;
                    diags.extend(d);
                }
                DataKind::Models => {
                    let (m, d) = Models::parse(&file.source);
                    if m.source.is_none() {
                        data.broken_files.push(DataKind::Models);
                    }
                    data.models = m;
                    diags.extend(d);
                }
            }
        }
        // Checklists in the order of the sections they belong to (phases first).
        let section_pos = |p: &str| site.sections.iter().position(|s| s.name == p);
        data.checklists.sort_by_key(|c| section_pos(&c.phase));
        data.worksheets.sort_by_cached_key(order);
        data.references = refs.items;
        (data, diags)
    }

    /// Resolves the links written in resources.toml and models.toml; returns the problems and
    /// the anchors (in resources.toml) to check once the pages' headings are known.
    pub(crate) fn resolve_links(&mut self, links: &LinkIndex) -> (Vec<AnchorCheck>, Diagnostics) {
        let mut diags = Diagnostics::default();
        diags.extend(self.models.resolve_links(links));
        let mut checks = Vec::new();
        if let Some(r) = &mut self.resources {
            let (d, c) = r.resolve_links(links);
            diags.extend(d);
            checks = c;
        }
        (checks, diags)
    }

    /// The phase whose folder holds the page at `url`.
    pub(crate) fn phase_of(&self, url: &str) -> Option<&PhaseRef> {
        self.phases.iter().find(|p| url.starts_with(&p.url))
    }

    pub(crate) fn checklist(&self, phase: &str) -> Option<&Checklist> {
        self.checklists.iter().find(|c| c.phase == phase)
    }

    pub(crate) fn worksheet(&self, id: &str) -> Option<&Worksheet> {
        self.worksheets.iter().find(|w| w.id == id)
    }

    /// Worksheets listed on a phase's page, in their order (weight, then title).
    pub(crate) fn phase_worksheets(&self, phase: &str) -> Vec<&Worksheet> {
        let mut list: Vec<&Worksheet> = self
            .worksheets
            .iter()
            .filter(|w| w.phase.as_deref() == Some(phase))
            .collect();
        list.sort_by_cached_key(|w| order(w));
        list
    }
}
