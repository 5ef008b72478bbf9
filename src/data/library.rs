//! The toolkit's reference material beside its pages: resources, models, and the phases the
//! diagrams draw. Loaded once per build, after the content.

use crate::content::{DataKind, Site};
use crate::diagnostic::Diagnostic;
use crate::markdown::{AnchorCheck, LinkIndex};

use super::models::Models;
use super::resources::Resources;

/// A phase as diagrams and lists name it.
#[derive(Debug, Clone)]
pub struct PhaseRef {
    pub name: String,
    pub title: String,
    pub url: String,
    pub number: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Library {
    pub resources: Option<Resources>,
    pub models: Models,
    pub phases: Vec<PhaseRef>,
    /// resources.toml or models.toml exists but could not be read (its error is already
    /// reported): shortcodes naming them add no error of their own.
    pub broken: Vec<DataKind>,
}

impl Library {
    /// Parses resources.toml and models.toml when present.
    pub fn load(site: &Site) -> (Library, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut library = Library {
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
            ..Library::default()
        };
        for file in &site.data {
            match file.kind {
                DataKind::Resources => {
                    let (r, d) = Resources::parse(&file.source, &site.config);
                    if r.is_none() {
                        library.broken.push(DataKind::Resources);
                    }
                    library.resources = r;
                    diags.extend(d);
                }
                DataKind::Models => {
                    let (m, d) = Models::parse(&file.source);
                    if m.source.is_none() {
                        library.broken.push(DataKind::Models);
                    }
                    library.models = m;
                    diags.extend(d);
                }
                _ => {}
            }
        }
        (library, diags)
    }

    /// Checks every link of the data against the toolkit; returns the problems and the anchors
    /// (in resources.toml) to check once the pages' headings are known.
    pub fn resolve_links(&mut self, links: &LinkIndex) -> (Vec<Diagnostic>, Vec<AnchorCheck>) {
        let mut diags = self.models.resolve_links(links);
        let mut checks = Vec::new();
        if let Some(r) = &mut self.resources {
            let (d, c) = r.resolve_links(links);
            diags.extend(d);
            checks = c;
        }
        (diags, checks)
    }

    /// The phase whose folder holds the page at `url`.
    pub fn phase_of(&self, url: &str) -> Option<&PhaseRef> {
        self.phases.iter().find(|p| url.starts_with(&p.url))
    }
}
