//! Each added language: the same steps as the default language's, over its own site
//! (`content::localize`), published under `<code>/`; then the one sitemap of every language.

use std::collections::HashSet;
use std::sync::Arc;

use crate::content::Site;
use crate::data::Data;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::escape_html;
use crate::markdown::links::{file_url, root_prefix};
use crate::output::{Content, Outputs, Sink};
use crate::render;
use crate::validate;

use super::memo::Memo;
use super::BuildOptions;

/// Renders each added language's site into `outputs` under its folder. A problem already
/// reported for the default language (an untranslated page shown again) is reported once.
pub(super) fn render_all(
    sites: &[Site],
    opts: &BuildOptions,
    outputs: &mut Outputs,
    diags: &mut Diagnostics,
) {
    for site in sites {
        let mut own = Diagnostics::default();
        let data = own.take(Data::load(site));
        own.extend(validate::refs::check(site, &data));
        if let Some(theme) = own.take_ok(render::theme::find(site)) {
            let pass = super::render(
                site,
                data,
                theme,
                opts,
                &mut Memo::off(),
                Sink::Memory,
                &mut own,
            );
            if let Some((pass, _)) = pass {
                publish(&site.lang.prefix, pass, outputs);
            }
        }
        let code = site.config.language.get_ref();
        add_new(
            diags,
            own.items.into_iter().map(|d| translated_anchor(d, code)),
        );
    }
}

/// Adds the diagnostics not already in `diags`: a file shown in two languages, or read again by
/// the translation checks, has its problems reported once.
pub(super) fn add_new(diags: &mut Diagnostics, more: impl IntoIterator<Item = Diagnostic>) {
    let mut seen: HashSet<String> = diags.items.iter().map(|d| d.render(false)).collect();
    for d in more {
        if seen.insert(d.render(false)) {
            diags.push(d);
        }
    }
}

/// A link to a heading the translation names otherwise still reaches its page: a warning, with
/// the way to keep the original's anchor.
fn translated_anchor(d: Diagnostic, code: &str) -> Diagnostic {
    if !(d.is_error() && d.message.starts_with("there is no heading `#")) {
        return d;
    }
    let anchor = d.message.split('`').nth(1).unwrap_or("#").to_string();
    let mut d = d.into_warning();
    d.message = format!("in `{code}`, {}", d.message);
    d.hint(format!(
        "the page is translated and its heading has another id in `{code}`: give the translated heading the original's id, as in ## Titre {{{anchor}}}"
    ))
}

/// Moves a language's pages under `prefix`. Its pages link to one another as they did at the
/// root; a link to a file the language does not make itself (the theme's and the toolkit's
/// files, a page it leaves out) leads to that file at the root. The 404 page is made once.
fn publish(prefix: &str, pass: Outputs, outputs: &mut Outputs) {
    let own: HashSet<String> = pass.files.keys().cloned().collect();
    for (path, content) in pass.files {
        if path == "404.html" {
            continue;
        }
        let content = match content {
            Content::Text(html) if path.ends_with(".html") => {
                Content::Text(relink(&html, &path, prefix, &own))
            }
            Content::Shared(html) if path.ends_with(".html") => {
                Content::Text(relink(&html, &path, prefix, &own))
            }
            other => other,
        };
        outputs.add(format!("{prefix}{path}"), content);
    }
}

/// The links of the page at `path` (from its language's root) to files outside its language,
/// rewritten to reach them from `prefix`.
fn relink(html: &str, path: &str, prefix: &str, own: &HashSet<String>) -> String {
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let dir = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    let back = root_prefix(&format!("{prefix}{dir}"));
    let mut attr = |_: &str, name: &str, value: &str| -> Option<String> {
        if !matches!(name, "href" | "src" | "action") {
            return None;
        }
        let (file, rest) = resolve(&dir, value)?;
        (!own.contains(&file)).then(|| format!("{back}{file}{rest}"))
    };
    render::rewrite::rewrite(html, &mut attr, &|_| None)
}

/// The file a relative link on a page in `dir` leads to, from the root, and what follows its
/// path (`?query`, `#anchor`). None for an absolute address, an anchor on the page itself, or a
/// link above the root (already to another language).
fn resolve(dir: &str, href: &str) -> Option<(String, String)> {
    if href.is_empty() || href.starts_with(['#', '/', '?']) || href.contains(':') {
        return None;
    }
    let split = href.find(['#', '?']).unwrap_or(href.len());
    let (path, rest) = href.split_at(split);
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut file = parts.join("/");
    if path.ends_with('/') || path.ends_with("..") || path.ends_with('.') {
        file.push('/');
    }
    Some((file_url(&file), rest.to_string()))
}

/// sitemap.xml, with base_url: every HTML page of every language by its pretty address, and
/// each page's versions in the other languages as `xhtml:link` alternates.
pub(super) fn sitemap(site: &Site, outputs: &mut Outputs) {
    let Some(base) = &site.config.base_url else {
        return;
    };
    let base = base.get_ref().trim_end_matches('/');
    let map = Arc::clone(&site.lang.map);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    if !map.versions.is_empty() {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    for path in outputs.files.keys() {
        let Some(url) = path.strip_suffix("index.html") else {
            continue;
        };
        let loc = escape_html(&format!("{base}/{url}"));
        let version = map
            .versions
            .iter()
            .rev()
            .find(|v| url.starts_with(&v.prefix));
        let alternates: Vec<(&str, String)> = version
            .map(|v| map.versions_of(&v.code, &url[v.prefix.len()..]))
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, target, exists)| *exists && outputs.files.contains_key(&file_url(target)))
            .map(|(code, target, _)| (code, target))
            .collect();
        if alternates.len() < 2 {
            xml.push_str(&format!("  <url><loc>{loc}</loc></url>\n"));
            continue;
        }
        xml.push_str(&format!("  <url><loc>{loc}</loc>"));
        for (code, target) in alternates {
            let href = escape_html(&format!("{base}/{target}"));
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{code}\" href=\"{href}\"/>"
            ));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    outputs.add("sitemap.xml", Content::Text(xml));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_to_a_shared_file_reaches_it_from_the_language_folder() {
        let own: HashSet<String> = ["index.html", "start/index.html"]
            .iter()
            .map(ToString::to_string)
            .collect();
        let html = "<a href=\"../index.html#top\">home</a><link href=\"../trellis.css\"><img src=\"photo.png\"><a href=\"../../index.html\">en</a><a href=\"https://x.org/\">x</a>";
        let out = relink(html, "start/index.html", "fr/", &own);
        assert_eq!(
            out,
            "<a href=\"../index.html#top\">home</a><link href=\"../../trellis.css\"><img src=\"../../start/photo.png\"><a href=\"../../index.html\">en</a><a href=\"https://x.org/\">x</a>"
        );
    }
}
