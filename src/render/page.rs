//! A document's page: its Markdown's HTML with the shortcodes drawn, through its template.

use std::sync::Arc;

use tera::Context;

use crate::content::doc::section_of;
use crate::content::{Doc, PageId, Place, Site};
use crate::diagnostic::Diagnostic;
use crate::markdown::links::file_url;
use crate::markdown::{self, Problem, Rendered};

use super::interactive::Interactive;
use super::views::{CardView, Common, PageView};
use super::Renderer;

/// A document's page as rendered: its output path, its HTML, and its content with the
/// shortcodes drawn (for the print pages), shared with the output rather than copied.
#[derive(Debug, Clone)]
pub(crate) struct PageOutput {
    pub(crate) path: String,
    pub(crate) html: Arc<String>,
    pub(crate) content: Arc<String>,
}

/// Expands shortcodes and renders the page's template. Returns (output path, HTML, the content
/// with shortcodes expanded). Watch reuses the result while the document's text and the
/// skeleton are unchanged (cache.rs): what this reads from other documents must come from their
/// front matter or the data files.
pub(crate) fn page(
    r: &Renderer,
    data: &Interactive,
    site: &Site,
    doc: &Doc,
    md: &Rendered,
) -> Result<PageOutput, Vec<Diagnostic>> {
    let content = draw_shortcodes(r, data, site, doc, md)?;
    let mut common = r
        .common(site, doc.place, &doc.url, &doc.title, &content, &md.toc)
        .map_err(|d| vec![d])?;
    common.untranslated = super::languages::untranslated(site, doc);
    let mut cx = Context::new();
    let template = match doc.place {
        Place::Home => {
            common.summary = site.home.summary.as_deref();
            common.description = site.config.description.as_deref();
            cx.insert("phases", &cards(r, data, site, true));
            cx.insert("sections", &cards(r, data, site, false));
            cx.insert("worksheets_page", &data.index_link(""));
            // The home page draws the phases unless its text already does with {{ phases() }}.
            if !r.data.phases.is_empty() && !md.calls.iter().any(|c| c.name == "phases") {
                cx.insert("phase_diagram", &r.phase_diagram("", "tr-home-phases"));
            }
            "home.html"
        }
        Place::Section(i) => {
            let s = &site.sections[i];
            common.summary = s.summary.as_deref();
            common.description = s.summary.as_deref();
            common.sidebar = Some(r.sidebar(i, "index.html", true));
            cx.insert("section", &r.section_view(site, i, &doc.url));
            data.section_context(i, &doc.url, &md.calls, &mut cx)
                .map_err(|d| vec![d])?;
            "section.html"
        }
        Place::Page(p) => {
            guidance_page(r, data, site, p, &doc.url, &mut common, &mut cx);
            "page.html"
        }
    };
    let common =
        Context::from_serialize(&common).map_err(|e| vec![Diagnostic::error(e.to_string())])?;
    let html = r
        .render_page(
            template,
            vec![common, cx],
            doc.source.map(|s| s.path.as_path()),
        )
        .map_err(|d| vec![d])?;
    Ok(PageOutput {
        path: file_url(&doc.url),
        html: Arc::new(html),
        content,
    })
}

/// The page's Markdown HTML with each shortcode drawn; every shortcode that fails is reported at
/// its place in the file.
fn draw_shortcodes(
    r: &Renderer,
    data: &Interactive,
    site: &Site,
    doc: &Doc,
    md: &Rendered,
) -> Result<Arc<String>, Vec<Diagnostic>> {
    if md.calls.is_empty() {
        // Nothing to draw: the content is the Markdown's HTML itself, not a copy.
        return Ok(Arc::clone(&md.html));
    }
    let mut errors = Vec::new();
    let phase = section_of(site, doc.place);
    let content = markdown::shortcodes::expand(&md.html, &md.calls, |n, call, body| {
        data.shortcode(&md.calls, n, phase, &doc.url)
            .unwrap_or_else(|| r.shortcode(call, body, &doc.url))
            .unwrap_or_else(|(message, hint)| {
                let mut p = Problem::error(call.span.clone(), message);
                p.hint = hint;
                errors.push(doc.diagnostic(&p));
                String::new()
            })
    });
    if errors.is_empty() {
        Ok(Arc::new(content))
    } else {
        Err(errors)
    }
}

/// What a guidance page adds to the common values: its summary, its section's sidebar with the
/// page marked, its audiences, and the checklists and worksheets it lists.
fn guidance_page<'a>(
    r: &Renderer,
    data: &Interactive,
    site: &'a Site,
    p: PageId,
    url: &str,
    common: &mut Common<'a>,
    cx: &mut Context,
) {
    let page = &site.pages[p];
    common.summary = page.front.summary.as_deref();
    common.description = page.front.summary.as_deref();
    if let Some(i) = page
        .section
        .as_ref()
        .and_then(|n| site.sections.iter().position(|s| &s.name == n))
    {
        // The sidebar was rendered once for the section; only the current page is marked here.
        // Passing the section's page list to every page would make builds quadratic.
        common.sidebar = Some(r.sidebar(i, &format!("../{}/index.html", page.slug), false));
    }
    let view = PageView {
        section: page.section.clone(),
        audiences: r.audiences(page.front.audience.iter().map(|a| a.get_ref().as_str())),
        source: page.source.path.to_string_lossy().into_owned(),
    };
    cx.insert("page", &view);
    data.page_context(p, url, cx);
}

fn cards(r: &Renderer, data: &Interactive, site: &Site, phases: bool) -> Vec<CardView> {
    site.sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_phase == phases)
        .map(|(i, s)| {
            let view = r.section_view(site, i, "");
            CardView {
                title: s.title.clone(),
                href: view.href,
                summary: s.summary.clone(),
                number: view.number,
                page_count: s.pages.len(),
                progress: data.progress(&s.name),
            }
        })
        .collect()
}
