//! The files copied as they are: the theme's, the toolkit's static/ and page folders'.

use std::collections::HashMap;
use std::path::Path;

use crate::content::{Doc, Site};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{Content, Outputs};
use crate::render::Renderer;

/// The theme's files, then the toolkit's static/ (which may replace them, and the 404 page) and
/// page folders' files. A file at the address of a generated page is left out with a warning.
pub(crate) fn add_files(
    site: &Site,
    r: &Renderer,
    docs: &[Doc],
    outputs: &mut Outputs,
) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let generated: HashMap<String, Option<&Path>> = outputs
        .files
        .keys()
        .map(|k| (k.clone(), None))
        .chain(docs.iter().map(|d| {
            (
                format!("{}index.html", d.url),
                d.source.map(|s| s.path.as_path()),
            )
        }))
        .filter(|(k, _)| outputs.files.contains_key(k) && k != "404.html")
        .collect();
    for (name, asset) in &r.theme().assets {
        outputs.add(name.clone(), asset.clone().into());
    }
    let copies = site
        .static_files
        .iter()
        .map(|f| (String::new(), Path::new("static"), f))
        .chain(site.pages.iter().flat_map(|p| {
            let b = p.bundle.as_ref();
            b.into_iter().flat_map(move |b| {
                b.assets
                    .iter()
                    .map(move |a| (p.url.clone(), b.dir.as_path(), a))
            })
        }));
    for (url, dir, file) in copies {
        let name = format!("{url}{}", file.to_string_lossy().replace('\\', "/"));
        let shown = dir.join(file);
        if let Some(page) = generated.get(&name) {
            let what = page.map_or_else(
                || "a page Trellis makes".to_string(),
                |p| format!("the page made from {}", p.display()),
            );
            diags.push(
                Diagnostic::warning(format!(
                    "{} would be published at {name}, the address of {what}, so it is left out",
                    shown.display()
                ))
                .in_file(&shown)
                .hint("rename or remove the file; to change how pages look, override a template in templates/ instead"),
            );
            continue;
        }
        outputs.add(name, Content::Copy(site.root.join(&shown)));
    }
    diags
}
