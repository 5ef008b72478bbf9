//! Every file a link in the toolkit may name, with the address it is published at. Built once
//! per build, before any Markdown is rendered, so every link resolves in one pass.

use std::path::Path;

use crate::markdown::{LinkIndex, Target};

use super::{DataKind, Site};

/// Where resources.toml is, and where its page is published.
pub(crate) const RESOURCES_SOURCE: &str = "content/resources.toml";
pub(crate) const RESOURCES_URL: &str = "resources/";

/// Every source path a link may name, with the output URL it becomes.
pub(crate) fn index(site: &Site) -> LinkIndex {
    let mut ix = LinkIndex::default();
    let page = |url: &str| Target {
        url: url.to_string(),
        has_anchors: true,
    };
    ix.insert("content/_index.md".into(), page(""));
    for s in &site.sections {
        ix.insert(
            Path::new("content").join(&s.name).join("_index.md"),
            page(&s.url),
        );
    }
    for p in &site.pages {
        ix.insert(p.source.path.clone(), page(&p.url));
        if let Some(b) = &p.bundle {
            for a in &b.assets {
                let url = format!("{}{}", p.url, a.to_string_lossy().replace('\\', "/"));
                ix.insert(
                    b.dir.join(a),
                    Target {
                        url,
                        has_anchors: false,
                    },
                );
            }
        }
    }
    for f in &site.static_files {
        let url = f.to_string_lossy().replace('\\', "/");
        ix.insert(
            Path::new("static").join(f),
            Target {
                url,
                has_anchors: false,
            },
        );
    }
    data_files(site, &mut ix);
    if site.data.iter().any(|d| d.kind == DataKind::Resources) {
        ix.insert(
            RESOURCES_SOURCE.into(),
            Target {
                url: RESOURCES_URL.into(),
                has_anchors: false,
            },
        );
    }
    for u in &site.unloaded {
        ix.insert(
            u.clone(),
            Target {
                url: String::new(),
                has_anchors: false,
            },
        );
    }
    for d in &site.drafts {
        ix.insert_draft(d.clone());
    }
    translated(site, &mut ix);
    ix
}

/// In an added language, a link written to an original leads to its translation, or to the
/// original's address when the language leaves it out (published in the default language).
fn translated(site: &Site, ix: &mut LinkIndex) {
    for (original, translation) in &site.lang.originals {
        if let Some(t) = ix.get(translation).cloned() {
            ix.insert(original.clone(), t);
        }
    }
    for (original, url) in &site.lang.left_out {
        let target = Target {
            url: url.clone(),
            has_anchors: false,
        };
        ix.insert(original.clone(), target);
    }
}

/// Makes checklists and worksheets linkable from Markdown by their source file:
/// `content/<phase>/checklist.toml` -> `<phase>/checklist/`, `content/worksheets/<id>.toml` ->
/// `worksheets/<id>/`, and the worksheets folder (`content/worksheets/_index.md`) -> `worksheets/`.
fn data_files(site: &Site, ix: &mut LinkIndex) {
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
