//! A long toolkit's phase packets, each drawn as soon as the last page of its phase is, while
//! the other pages are still being drawn. A one-off build then holds the content of a few
//! phases at a time for printing, not of every page until the end: at 10,000 pages that content
//! is most of the build's memory.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::content::{Doc, Site};
use crate::markdown::Call;
use crate::output::Content;
use crate::render::print::{packet_of, Drawn, PrintDoc, PrintExtra, PrintPages};
use crate::render::Renderer;
use crate::{locked, unlocked};

/// The print pages to draw as their pages are drawn.
pub(super) struct Packets<'a> {
    site: &'a Site,
    renderer: &'a Renderer,
    docs: &'a [Doc<'a>],
    extras: &'a [PrintExtra],
    keep: &'a (dyn Fn(&str, String) -> Content + Sync),
    /// Each document's packet (the section number of its phase), if it is printed in one.
    packet: Vec<Option<usize>>,
    /// By packet: its documents not drawn yet, and the content of those drawn.
    waiting: HashMap<usize, Mutex<Waiting>>,
    /// The packets drawn, by section number.
    drawn: Mutex<Vec<(usize, PrintPages<Content>)>>,
}

#[derive(Default)]
struct Waiting {
    left: usize,
    /// (document number, content with shortcodes drawn, shortcode calls).
    docs: Vec<(usize, Arc<String>, Vec<Call>)>,
    done: bool,
}

impl<'a> Packets<'a> {
    pub(super) fn new(
        site: &'a Site,
        renderer: &'a Renderer,
        docs: &'a [Doc<'a>],
        extras: &'a [PrintExtra],
        keep: &'a (dyn Fn(&str, String) -> Content + Sync),
    ) -> Self {
        let packet: Vec<Option<usize>> = docs.iter().map(|d| packet_of(site, d.place)).collect();
        // Each phase waits for the documents printed in its packet (a phase may have none).
        let mut left: HashMap<usize, usize> = HashMap::new();
        for p in packet.iter().flatten() {
            *left.entry(*p).or_default() += 1;
        }
        let waiting = site
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_phase)
            .map(|(i, _)| {
                let left = left.get(&i).copied().unwrap_or(0);
                (
                    i,
                    Mutex::new(Waiting {
                        left,
                        ..Waiting::default()
                    }),
                )
            })
            .collect();
        Packets {
            site,
            renderer,
            docs,
            extras,
            keep,
            packet,
            waiting,
            drawn: Mutex::default(),
        }
    }

    /// Whether document `n` is printed in a packet (its content then goes to `add`, and is not
    /// needed for print/ itself).
    pub(super) fn holds(&self, n: usize) -> bool {
        self.packet[n].is_some()
    }

    /// Document `n`'s page is drawn (`content` is empty when it failed). Its packet is drawn
    /// now when it was the last of its phase.
    pub(super) fn add(&self, n: usize, content: Arc<String>, calls: Vec<Call>) {
        let Some(w) = self.packet[n].and_then(|p| self.waiting.get(&p)) else {
            return;
        };
        let complete = {
            let mut w = locked(w);
            w.docs.push((n, content, calls));
            w.left = w.left.saturating_sub(1);
            w.done = w.left == 0;
            w.done.then(|| std::mem::take(&mut w.docs))
        };
        if let (Some(docs), Some(p)) = (complete, self.packet[n]) {
            self.draw(p, docs);
        }
    }

    /// The packets drawn, and any not drawn yet (a phase with no page to wait for).
    pub(super) fn finish(self) -> PrintPages<Content> {
        let mut rest: Vec<(usize, Vec<_>)> = self
            .waiting
            .iter()
            .filter_map(|(p, w)| {
                let mut w = locked(w);
                (!w.done).then(|| (*p, std::mem::take(&mut w.docs)))
            })
            .collect();
        rest.sort_by_key(|(p, _)| *p);
        for (p, docs) in rest {
            self.draw(p, docs);
        }
        let mut drawn = unlocked(self.drawn);
        drawn.sort_by_key(|(p, _)| *p);
        drawn.into_iter().flat_map(|(_, pages)| pages).collect()
    }

    fn draw(&self, packet: usize, mut held: Vec<(usize, Arc<String>, Vec<Call>)>) {
        held.sort_by_key(|(n, _, _)| *n);
        let docs: Vec<PrintDoc> = held
            .iter()
            .map(|(n, content, calls)| PrintDoc {
                place: self.docs[*n].place,
                url: &self.docs[*n].url,
                content,
                calls,
            })
            .collect();
        let name = &self.site.sections[packet].name;
        let pages = self.renderer.print_pages(
            self.site,
            &docs,
            self.extras,
            self.keep,
            Drawn::Packet(name),
        );
        locked(&self.drawn).push((packet, pages));
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::build::memo::Memo;
    use crate::build::{render_site_with, BuildOptions, RenderedSite};

    fn copy_fixture(name: &str, to: &Path) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let target = to.join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    fn files(site: &RenderedSite) -> Vec<(String, Vec<u8>)> {
        let files = &site.outputs.files;
        files
            .iter()
            .map(|(path, c)| (path.clone(), c.bytes().unwrap().into_owned()))
            .collect()
    }

    /// A build draws each packet while the other pages are drawn; watch draws them all at the
    /// end. Both give the same print pages, embedded checklists and worksheets included.
    #[test]
    fn packets_drawn_while_pages_are_drawn_are_those_drawn_at_the_end() {
        let kit = tempfile::tempdir().unwrap();
        copy_fixture("interactive", kit.path());
        for phase in ["start", "finish"] {
            for i in 0..160 {
                let embed = if i % 40 == 7 { "{{ checklist() }}" } else { "" };
                std::fs::write(
                    kit.path().join(format!("content/{phase}/extra-{i}.md")),
                    format!(
                        "+++\ntitle = \"Extra {i}\"\n+++\nThe body of {phase} {i}.\n\n{embed}\n"
                    ),
                )
                .unwrap();
            }
        }
        let opts = BuildOptions::default();
        let (streamed, diags) = render_site_with(kit.path(), &opts, &mut Memo::off());
        assert!(!diags.has_errors(), "{diags:?}");
        let streamed = streamed.unwrap();
        assert!(streamed.stats.print_split);
        let (at_end, _) = render_site_with(kit.path(), &opts, &mut Memo::on());
        let (streamed, at_end) = (files(&streamed), files(&at_end.unwrap()));
        let paths = |f: &[(String, Vec<u8>)]| f.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&streamed), paths(&at_end));
        for ((path, a), (_, b)) in streamed.iter().zip(&at_end) {
            assert!(a == b, "{path} differs");
        }
        let start = streamed.iter().find(|(p, _)| p == "print/start/index.html");
        let start = String::from_utf8_lossy(&start.unwrap().1).into_owned();
        assert!(start.contains("The body of start 7."), "{start}");
        assert!(!start.contains("The body of finish 7."));
    }
}
