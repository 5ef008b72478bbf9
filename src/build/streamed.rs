//! A one-off build, streamed: each document's page is drawn as soon as its Markdown is rendered
//! (once the templates, parsed beside the first pages' Markdown, are ready), its text goes to
//! the search index and its content to its phase packet, and what is left of its Markdown is
//! what checking links across pages needs. So the build holds the pages in flight and a few
//! phase packets, not every page of the toolkit: at 10,000 pages that is most of its memory.
//!
//! The steps and their results are those of `watched`, in the same order for the messages:
//! the Markdown's problems, what needs every page at once, a template failure, each page's
//! problems, then the print pages'. A page whose Markdown was ready before the templates is
//! drawn once they are.

use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use super::draw::{add_pages, keeper, print_and_search, Drawer};
use super::{assemble, check_markdown, Inputs, MakeRenderer, Packets, Ready};
use crate::content::doc::by_phase;
use crate::content::Doc;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::{AnchorCheck, Rendered};
use crate::output::Outputs;
use crate::render::interactive::Interactive;
use crate::render::page::PageOutput;
use crate::render::print::{extras, print_split, PrintExtra};
use crate::render::Renderer;
use crate::search;
use crate::{locked, unlocked};

use super::memo::Memo;

type Page = Result<PageOutput, Vec<Diagnostic>>;

pub(super) fn render(
    inputs: &Inputs,
    make_renderer: Box<MakeRenderer>,
    resource_anchors: Vec<AnchorCheck>,
    outputs: &mut Outputs,
    diags: &mut Diagnostics,
) -> Option<()> {
    let Inputs {
        site,
        data,
        docs,
        links,
        labels,
        skeleton,
        opts,
    } = *inputs;
    let staging = outputs.staging().cloned();
    let keep = keeper(staging.as_deref());
    let phases = search::site::phases(site);
    let search = search::Builder::new(site.config.language.get_ref(), &phases, &keep);
    // Made beside the Markdown, one after the other; pages are drawn once the last is set.
    let renderer: OnceLock<Result<Arc<Renderer>, Diagnostics>> = OnceLock::new();
    let interactive: OnceLock<Interactive> = OnceLock::new();
    let print_extras: OnceLock<(Vec<PrintExtra>, Vec<Diagnostic>)> = OnceLock::new();
    let packets: OnceLock<Option<Packets>> = OnceLock::new();
    let drawer_cell: OnceLock<Drawer> = OnceLock::new();
    let slots: Vec<Mutex<Slot>> = docs.iter().map(|_| Mutex::new(Slot::Pending)).collect();
    // Each phase's pages together, so each packet is drawn and let go while the rest are drawn.
    let order = by_phase(site, docs);
    rayon::join(
        || {
            let Ok(r) = renderer.get_or_init(make_renderer) else {
                return;
            };
            let ix = interactive.get_or_init(|| Interactive::new(r, site, data, links));
            let (ex, _) = print_extras.get_or_init(|| extras(ix));
            let split = print_split(docs.len());
            let pk = packets.get_or_init(|| split.then(|| Packets::new(site, r, docs, ex, &keep)));
            let drawer = drawer_cell.get_or_init(|| Drawer {
                site,
                renderer: r,
                interactive: ix,
                packets: pk.as_ref(),
                staging: staging.clone(),
            });
            // The pages whose Markdown was ready first.
            for (i, slot) in slots.iter().enumerate() {
                locked(slot).draw(drawer, i, &docs[i]);
            }
        },
        || {
            order.par_iter().enumerate().for_each(|(n, &i)| {
                let d = &docs[i];
                let mut md = d.render_markdown(links, labels);
                // Its text goes to the search index, which counts it and lets it go.
                let text = std::mem::take(&mut md.text);
                search.add(n, search::site::page(site, d, text));
                // Drawn now if the templates are ready, else when they are. The drawer is
                // looked at under the slot's lock, so no page is missed between the two.
                let mut slot = locked(&slots[i]);
                *slot = Slot::Stashed(Arc::new(md));
                if let Some(drawer) = drawer_cell.get() {
                    slot.draw(drawer, i, d);
                }
            });
        },
    );
    let (pages, rendered): (Vec<Option<Page>>, Vec<Arc<Rendered>>) =
        slots.into_iter().map(|s| unlocked(s).into_parts()).unzip();
    drop(drawer_cell);
    // The search index's last step runs on one core: beside the checks of the Markdown and
    // the checklist and worksheet pages, not after them.
    let (index, drawn) = rayon::join(
        || {
            interactive
                .get()
                .map(|ix| search::site::finish(search, docs.len(), data, ix))
        },
        || {
            check_markdown(inputs, &rendered, resource_anchors, diags);
            let (Some(Ok(r)), Some(pages)) = (renderer.get(), pages.into_iter().collect()) else {
                if let Some(Err(d)) = renderer.get() {
                    diags.extend(d.items.iter().cloned());
                }
                return None;
            };
            let (extras, print_problems) = print_extras.get()?;
            let ready = Ready {
                site,
                data,
                docs,
                renderer: r,
                interactive: interactive.get()?,
                extras,
                skeleton,
                opts,
            };
            let mut memo = Memo::off();
            let contents = add_pages(&ready, pages, &mut memo, outputs, diags);
            diags.extend(print_problems.iter().cloned());
            Some((ready, memo, contents))
        },
    );
    let (ready, mut memo, contents) = drawn?;
    let packets = packets.into_inner().flatten();
    let print = (contents.as_slice(), packets);
    print_and_search(&ready, &rendered, (&mut memo, index), print, outputs, diags);
    assemble(&ready, outputs, diags);
    Some(())
}

/// A document on its way: its Markdown rendered, then its page drawn.
enum Slot {
    Pending,
    Stashed(Arc<Rendered>),
    Drawn(Page, Arc<Rendered>),
}

impl Slot {
    /// Draws the page if its Markdown is waiting.
    fn draw(&mut self, drawer: &Drawer, i: usize, doc: &Doc) {
        if let Slot::Stashed(md) = self {
            let mut md = std::mem::take(md);
            let page = drawer.draw(i, doc, &mut md);
            *self = Slot::Drawn(page, md);
        }
    }

    /// The page, if drawn, and what is left of the Markdown.
    fn into_parts(self) -> (Option<Page>, Arc<Rendered>) {
        match self {
            Slot::Pending => (None, Arc::default()),
            Slot::Stashed(md) => (None, md),
            Slot::Drawn(page, md) => (Some(page), md),
        }
    }
}
