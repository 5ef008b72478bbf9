//! Partnership data: the TOML files under content/ (checklists, worksheets; resources and models
//! have their own loaders), parsed into plain structs and checked against the site.
//!
//! `Data::load` runs once per build, after `Site::load` and before any Markdown is rendered; the
//! link checks of the data's own Markdown run once the link index is known (`links::check`).

pub mod checklist;
pub mod fields;
pub mod library;
pub mod links;
pub mod models;
pub mod resources;
pub mod scoring;
pub mod text;
pub mod worksheet;

use std::path::Path;

use crate::content::{DataKind, Site};
use crate::diagnostic::{did_you_mean, Diagnostics};
use crate::markdown::{LinkIndex, Target};
pub use checklist::Checklist;
pub use fields::{Known, Markdown};
pub use worksheet::Worksheet;

/// Every data file of the toolkit that loaded without errors.
#[derive(Debug, Clone, Default)]
pub struct Data {
    /// In the order of `[toolkit] phases`.
    pub checklists: Vec<Checklist>,
    /// By id.
    pub worksheets: Vec<Worksheet>,
    /// Worksheets (by id) and checklists (by phase) whose file has errors, already reported:
    /// references to them are not reported again.
    pub broken_worksheets: Vec<String>,
    pub broken_checklists: Vec<String>,
    // resources and models: added by their loaders (data::resources, data::models).
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
    /// Parses every checklist and worksheet, then checks the pages' `worksheets = [...]` lists.
    pub fn load(site: &Site, diags: &mut Diagnostics) -> Data {
        let known = Known::from_config(&site.config);
        let mut data = Data::default();
        for file in &site.data {
            match &file.kind {
                DataKind::Checklist { phase } => {
                    match checklist::parse(&file.source, phase, &known) {
                        Ok(c) => data.checklists.push(c),
                        Err(e) => {
                            diags.extend(e);
                            data.broken_checklists.push(phase.clone());
                        }
                    }
                }
                DataKind::Worksheet { id } => match worksheet::parse(&file.source, id, &known) {
                    Ok((w, warnings)) => {
                        data.worksheets.push(w);
                        diags.extend(warnings);
                    }
                    Err(e) => {
                        diags.extend(e);
                        data.broken_worksheets.push(id.clone());
                    }
                },
                DataKind::Resources | DataKind::Models => {}
            }
        }
        // Checklists in the order of the sections they belong to (phases first).
        let section_pos = |p: &str| site.sections.iter().position(|s| s.name == p);
        data.checklists.sort_by_key(|c| section_pos(&c.phase));
        data.worksheets.sort_by_cached_key(order);
        data.check_page_worksheets(site, diags);
        data
    }

    pub fn checklist(&self, phase: &str) -> Option<&Checklist> {
        self.checklists.iter().find(|c| c.phase == phase)
    }

    pub fn worksheet(&self, id: &str) -> Option<&Worksheet> {
        self.worksheets.iter().find(|w| w.id == id)
    }

    /// Worksheets listed on a phase's page, in their order (weight, then title).
    pub fn phase_worksheets(&self, phase: &str) -> Vec<&Worksheet> {
        let mut list: Vec<&Worksheet> = self
            .worksheets
            .iter()
            .filter(|w| w.phase.as_deref() == Some(phase))
            .collect();
        list.sort_by_cached_key(|w| order(w));
        list
    }

    /// A page's `worksheets = [...]` may only name worksheets that exist: an error at the id.
    fn check_page_worksheets(&self, site: &Site, diags: &mut Diagnostics) {
        let known: Vec<&str> = self.worksheets.iter().map(|w| w.id.as_str()).collect();
        for page in &site.pages {
            for id in &page.front.worksheets {
                let id_ref = id.get_ref().as_str();
                if known.contains(&id_ref) || self.broken_worksheets.iter().any(|b| b == id_ref) {
                    continue;
                }
                let hint = did_you_mean(id_ref, known.iter().copied()).unwrap_or_else(|| {
                    format!("a worksheet's id is its file name in content/worksheets/ (without .toml); known: {}", known.join(", "))
                });
                diags.push(
                    page.error_at(id, format!("there is no worksheet `{id_ref}`"))
                        .hint(hint),
                );
            }
        }
    }
}

/// Makes checklists and worksheets linkable from Markdown by their source file:
/// `content/<phase>/checklist.toml` -> `<phase>/checklist/`, `content/worksheets/<id>.toml` ->
/// `worksheets/<id>/`, and the worksheets folder (`content/worksheets/_index.md`) -> `worksheets/`.
pub fn register_links(site: &Site, ix: &mut LinkIndex) {
    let target = |url: String| Target {
        url,
        has_anchors: false,
    };
    let mut any_worksheet = false;
    for file in &site.data {
        match &file.kind {
            DataKind::Checklist { phase } => {
                ix.insert(
                    file.source.path.clone(),
                    target(format!("{phase}/checklist/")),
                );
            }
            DataKind::Worksheet { id } => {
                any_worksheet = true;
                ix.insert(
                    file.source.path.clone(),
                    target(format!("worksheets/{id}/")),
                );
            }
            _ => {}
        }
    }
    if any_worksheet || site.worksheets_index.is_some() {
        ix.insert(
            Path::new("content/worksheets/_index.md").to_path_buf(),
            target("worksheets/".into()),
        );
    }
}
