//! Drawing: each page through its template (`Drawer`), added to the output with the checklist
//! and worksheet pages; then the print pages beside the resources and audience pages and the
//! search index, and the 404 page. Both paths of the build (`watched`, `streamed`) use these.

use std::sync::Arc;

use super::memo::Memo;
use super::packets::Packets;
use super::{fails, Ready};
use crate::content::{Doc, Site};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::output::{self, Content, Outputs};
use crate::render::interactive::Interactive;
use crate::render::page::PageOutput;
use crate::render::print::{Drawn, PrintDoc, PrintPages};
use crate::render::{self, Renderer};
use crate::search;

/// What drawing a page needs.
pub(super) struct Drawer<'a> {
    pub(super) site: &'a Site,
    pub(super) renderer: &'a Renderer,
    pub(super) interactive: &'a Interactive<'a>,
    /// The phase packets drawn as their pages are (a one-off build of a long toolkit).
    pub(super) packets: Option<&'a Packets<'a>>,
    /// Where a page is written as soon as it is drawn, when the build writes as it goes.
    pub(super) staging: Option<Arc<output::Staging>>,
}

impl<'a> Drawer<'a> {
    /// A drawer for watch, which draws every print page at the end.
    pub(super) fn new(ready: &Ready<'a>, outputs: &Outputs) -> Self {
        Drawer {
            site: ready.site,
            renderer: ready.renderer,
            interactive: ready.interactive,
            packets: None,
            staging: outputs.staging().cloned(),
        }
    }

    /// Document `i`'s page, through its template. Once it is drawn, the document's Markdown is
    /// needed only to check links across pages and to print: unless someone else holds it
    /// (watch's memo), its HTML and table of contents go (the page's content holds the HTML
    /// where print needs it), and a page printed in a phase packet hands its content over.
    pub(super) fn draw(
        &self,
        i: usize,
        doc: &Doc,
        md: &mut Arc<Rendered>,
    ) -> Result<PageOutput, Vec<Diagnostic>> {
        let mut page = render::page::page(self.renderer, self.interactive, self.site, doc, md);
        if let Some(md) = Arc::get_mut(md) {
            md.drawn();
        }
        if let Some(packets) = self.packets.filter(|p| p.holds(i)) {
            let content = page.as_mut().map(|p| std::mem::take(&mut p.content));
            packets.add(i, content.unwrap_or_default(), md.calls.clone());
        }
        let page = page?;
        Ok(match &self.staging {
            Some(staging) => written(page, staging),
            None => page,
        })
    }
}

/// The print pages, beside the search index (made here, unless a one-off build made it as the
/// pages' Markdown was rendered); the resources and audience pages, the 404 page.
pub(super) fn print_and_search(
    ready: &Ready,
    rendered: &[Arc<Rendered>],
    (memo, made): (&mut Memo, Option<Vec<(String, Content)>>),
    (contents, packets): (&[Arc<String>], Option<Packets>),
    outputs: &mut Outputs,
    diags: &mut Diagnostics,
) {
    let Ready {
        site,
        data,
        docs,
        renderer,
        interactive,
        skeleton,
        ..
    } = *ready;
    // The print pages reuse each page's content; the resources and audience pages and the
    // search index are made beside them.
    let staging = outputs.staging().cloned();
    let keep = keeper(staging.as_deref());
    let (print, (generated, index)) = rayon::join(
        || {
            let Some(packets) = packets else {
                return print_pages(ready, rendered, contents, &keep, Drawn::All);
            };
            let mut print = print_pages(ready, rendered, contents, &keep, Drawn::Index);
            print.extend(packets.finish());
            print
        },
        || {
            let generated = || {
                let pages = renderer.generated_pages(site, data).into_iter();
                pages
                    .map(|(path, page)| (path, page.map(Arc::new)))
                    .collect()
            };
            let index = || match made {
                Some(files) => files,
                None => search::site::site_index(site, data, interactive, docs, rendered, &keep),
            };
            let key = || search::site::key(skeleton, rendered);
            memo.generated_and_search_index(skeleton, generated, key, index)
        },
    );
    let index = index.into_iter().map(|(p, script)| (p, Ok(script)));
    let generated = generated
        .into_iter()
        .map(|(p, page)| (p, page.map(Content::Shared)));
    let not_found = render::site_pages::not_found_page(site, renderer).map(Content::Text);
    let made = index.chain(generated).chain(print);
    for (path, page) in made.chain([("404.html".into(), not_found)]) {
        match page {
            Ok(content) => outputs.add(path, content),
            Err(d) => diags.push(d),
        }
    }
}

/// What keeps a file made in one piece (a print page, a search file): the staging folder, which
/// writes it at once, or else the memory.
pub(super) fn keeper(
    staging: Option<&output::Staging>,
) -> impl Fn(&str, String) -> Content + Sync + '_ {
    move |path, text| match staging {
        Some(staging) => {
            staging.write(path, &Content::Text(text));
            Content::Written
        }
        None => Content::Shared(Arc::new(text)),
    }
}

/// A page written into the staging folder: only its content is kept, for the print pages.
fn written(page: PageOutput, staging: &output::Staging) -> PageOutput {
    staging.write(&page.path, &Content::Shared(page.html));
    PageOutput {
        html: Arc::default(),
        ..page
    }
}

/// Adds each drawn page to the output, then the checklist and worksheet pages; returns each
/// document's content with its shortcodes drawn (empty for a page that failed or printed in a
/// packet), for the print pages.
pub(super) fn add_pages(
    ready: &Ready,
    pages: Vec<Result<PageOutput, Vec<Diagnostic>>>,
    memo: &mut Memo,
    outputs: &mut Outputs,
    diags: &mut Diagnostics,
) -> Vec<Arc<String>> {
    let mut contents = Vec::with_capacity(pages.len());
    let mut failures = Vec::new();
    for page in pages {
        match page {
            Ok(page) => {
                let html = match outputs.staging() {
                    Some(_) => Content::Written,
                    None => Content::Shared(page.html),
                };
                outputs.add(page.path, html);
                contents.push(page.content);
            }
            Err(d) => {
                failures.extend(d);
                contents.push(Arc::default());
            }
        }
    }
    diags.extend(failures);
    let interactive = ready.interactive;
    let (data_pages, problems) = memo.data_pages(ready.skeleton, || interactive.pages());
    for (path, content) in data_pages.files {
        outputs.add(path, content);
    }
    diags.extend(problems);
    // Every page is made and nothing so far fails the build: watch writes them now, ahead of the
    // print pages and the search index.
    if !fails(diags, ready.opts) {
        outputs.pages_done();
    }
    contents
}

/// The print pages: every document's content, and the checklists and worksheets drawn again
/// for paper, each once.
fn print_pages(
    ready: &Ready,
    rendered: &[Arc<Rendered>],
    contents: &[Arc<String>],
    keep: &(dyn Fn(&str, String) -> Content + Sync),
    drawn: Drawn,
) -> PrintPages<Content> {
    let print_docs: Vec<PrintDoc> = ready
        .docs
        .iter()
        .zip(contents)
        .zip(rendered)
        .map(|((d, c), r)| PrintDoc {
            place: d.place,
            url: &d.url,
            content: c.as_str(),
            calls: &r.calls,
        })
        .collect();
    // A print page of a large toolkit is megabytes: written as soon as it is drawn.
    ready
        .renderer
        .print_pages(ready.site, &print_docs, ready.extras, keep, drawn)
}
