//! Checks that need the whole site at once: anchors on other pages, phases without pages, pages
//! that no menu or link leads to, worksheets that nothing uses.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use crate::content::Doc;
use crate::content::Site;
use crate::data::Data;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::links::{anchor_hint, file_url, site_file};
use crate::markdown::{Findings, LinkIndex, Problem, Rendered, Resolved};

/// Every whole-site check, in the order an author would fix them.
pub(crate) fn site(
    site: &Site,
    data: &Data,
    docs: &[Doc],
    rendered: &[Arc<Rendered>],
    links: &LinkIndex,
    diags: &mut Diagnostics,
) {
    anchors(docs, rendered, diags);
    logo(site, diags);
    empty_phases(site, diags);
    unreachable_pages(site, docs, rendered, links, diags);
    duplicate_menu_entries(site, data, links, diags);
    unused_worksheets(site, data, rendered, diags);
}

/// The organisation's logo and the theme's files (extra CSS, favicon, sharing picture) are
/// files under static/, like any picture.
fn logo(site: &Site, diags: &mut Diagnostics) {
    let look = &site.config.theme;
    let logo = site
        .config
        .organization
        .as_ref()
        .and_then(|o| o.logo.as_ref());
    let files = [
        ("logo", "logo", "images/logo.svg", logo),
        (
            "extra_css",
            "extra stylesheet",
            "css/ours.css",
            look.extra_css.as_ref(),
        ),
        (
            "favicon",
            "favicon",
            "images/favicon.png",
            look.favicon.as_ref(),
        ),
        (
            "image",
            "sharing picture",
            "images/preview.png",
            look.image.as_ref(),
        ),
    ];
    for (key, what, example, file) in files {
        let Some(file) = file else { continue };
        let rel = file.get_ref().trim_start_matches('/');
        let known = site
            .static_files
            .iter()
            .any(|f| f.to_string_lossy().replace('\\', "/") == rel);
        if !known {
            diags.push(
                site.config
                    .error_at(file, format!("the {what} `{}` is not a file under static/", file.get_ref()))
                    .hint(format!("put the file at static/{rel}, or write its path from static/ ({key} = \"{example}\" for static/{example})")),
            );
        }
    }
}

/// A link's `#anchor` must be a heading of the page it points to.
fn anchors(docs: &[Doc], rendered: &[Arc<Rendered>], diags: &mut Diagnostics) {
    // Two pages at one address are an error of their own: the first one's headings count here.
    let mut known: HashMap<&str, &Vec<String>> = HashMap::new();
    for (d, r) in docs.iter().zip(rendered) {
        known.entry(d.url.as_str()).or_insert(&r.anchors);
    }
    for (doc, r) in docs.iter().zip(rendered) {
        let mut found = Findings::default();
        for check in &r.anchor_checks {
            let on_target = known.get(check.url.as_str()).copied();
            if on_target.is_some_and(|a| a.contains(&check.anchor)) {
                continue;
            }
            let list = on_target.cloned().unwrap_or_default();
            let message = format!(
                "there is no heading `#{}` on the page this link points to",
                check.anchor
            );
            found.push(
                Problem::error(check.span.clone(), message).hint(anchor_hint(&check.anchor, &list)),
            );
        }
        diags.extend(found.into_problems().iter().map(|p| doc.diagnostic(p)));
    }
}

/// A phase listed in site.toml whose folder holds no published page.
fn empty_phases(site: &Site, diags: &mut Diagnostics) {
    for phase in &site.config.toolkit.phases {
        let name = phase.get_ref();
        let Some(section) = site.section(name) else {
            continue; // a phase without a folder is already an error
        };
        // A page that failed to load is already an error: its phase is not empty to its author.
        let folder = Path::new("content").join(name);
        let failed = site.unloaded.iter().any(|p| p.starts_with(&folder));
        if section.pages.is_empty() && !failed {
            diags.push(
                site.config
                    .error_at(phase, format!("the phase `{name}` has no pages"))
                    .into_warning()
                    .hint(format!("add a guidance page such as content/{name}/first-steps.md, or remove the phase from this list")),
            );
        }
    }
}

/// Pages at the top of content/ appear in no section's navigation: a reader finds them only
/// through a [[menu]] entry or a link from another page.
fn unreachable_pages(
    site: &Site,
    docs: &[Doc],
    rendered: &[Arc<Rendered>],
    links: &LinkIndex,
    diags: &mut Diagnostics,
) {
    let mut reached: HashSet<String> = menu_files(site, links);
    for (doc, r) in docs.iter().zip(rendered) {
        let own = file_url(&doc.url);
        reached.extend(r.links_to.iter().filter(|f| **f != own).cloned());
    }
    for &id in &site.root_pages {
        let page = &site.pages[id];
        if reached.contains(&file_url(&page.url)) {
            continue;
        }
        let shown = page.source.path.display();
        diags.push(
            page.error_at(&page.front.title, "no menu entry or link leads to this page")
                .into_warning()
                .hint(format!("add it to site.toml's menu ([[menu]] with title = \"{}\" and url = \"{}\"), or link to it from another page", page.title(), shown.to_string().trim_start_matches("content/"))),
        );
    }
}

/// The files that site.toml's [[menu]] entries lead to.
fn menu_files(site: &Site, links: &LinkIndex) -> HashSet<String> {
    site.config
        .menu
        .iter()
        .map(|item| menu_file(links, item.url.get_ref()))
        .collect()
}

/// The file a [[menu]] entry's `url` leads to (an outside address stays as written).
fn menu_file(links: &LinkIndex, written: &str) -> String {
    match links.resolve(written, Path::new("content/_index.md"), "") {
        Resolved::Internal { href, .. } => site_file("", &href),
        Resolved::External => written.to_string(),
        _ => file_url(&format!("{}/", written.trim_matches('/'))),
    }
}

/// A [[menu]] entry for a page the header already links to: the worksheets or resources page
/// (always in the header when the toolkit has them), or the page of an earlier entry. The
/// header shows the page once, so the entry does nothing.
fn duplicate_menu_entries(site: &Site, data: &Data, links: &LinkIndex, diags: &mut Diagnostics) {
    let mut seen: Vec<(String, Option<&str>)> = Vec::new();
    if !data.worksheets.is_empty() || site.worksheets_index.is_some() {
        seen.push((file_url("worksheets/"), None));
    }
    if data.resources.is_some() {
        seen.push((file_url(crate::data::resources::URL), None));
    }
    for item in &site.config.menu {
        let file = menu_file(links, item.url.get_ref());
        match seen.iter().find(|(f, _)| *f == file) {
            None => seen.push((file, Some(item.title.as_str()))),
            Some((_, earlier)) => {
                let (message, hint) = match earlier {
                    Some(title) => (
                        format!("this menu entry leads to the same page as the entry \"{title}\""),
                        format!("remove one of the two [[menu]] entries: the header shows each page once, under the first entry's title (\"{title}\")"),
                    ),
                    None if file.starts_with("worksheets/") => (
                        "this menu entry leads to the worksheets page, which the header always links to".to_string(),
                        "remove this [[menu]] entry; to rename the header's link, give content/worksheets/_index.md a title".to_string(),
                    ),
                    None => (
                        "this menu entry leads to the resources page, which the header always links to".to_string(),
                        "remove this [[menu]] entry; to rename the header's link, set `title` at the top of content/resources.toml".to_string(),
                    ),
                };
                diags.push(
                    site.config
                        .error_at(&item.url, message)
                        .into_warning()
                        .hint(hint),
                );
            }
        }
    }
}

/// A worksheet that no page lists, embeds or links to, and that names no phase, appears only in
/// the list of all worksheets: probably forgotten.
fn unused_worksheets(
    site: &Site,
    data: &Data,
    rendered: &[Arc<Rendered>],
    diags: &mut Diagnostics,
) {
    let mut used: HashSet<&str> = site
        .pages
        .iter()
        .flat_map(|p| p.front.worksheets.iter().map(|w| w.get_ref().as_str()))
        .collect();
    for r in rendered {
        used.extend(
            r.calls
                .iter()
                .filter(|c| c.name == "worksheet")
                .filter_map(|c| c.args.get("id").and_then(|v| v.as_str())),
        );
        used.extend(
            r.links_to
                .iter()
                .filter_map(|f| f.strip_prefix("worksheets/")?.strip_suffix("/index.html")),
        );
    }
    for w in &data.worksheets {
        if used.contains(w.id.as_str()) || w.phase.is_some() {
            continue;
        }
        let first_line = w.source.text.lines().next().map_or(0, str::len);
        let id = &w.id;
        diags.push(
            Diagnostic::warning(format!("the worksheet `{id}` is not used: no page lists it, embeds it or links to it"))
                .at_span(&w.source.path, &w.source.text, 0..first_line)
                .hint(format!("add worksheets = [\"{id}\"] to a page's front matter, put {{{{ worksheet(id=\"{id}\") }}}} on a line of a page, or give the worksheet a phase = \"...\"")),
        );
    }
}
