//! What a watch session keeps from one render to the next, so a rebuild redoes only the work
//! whose inputs changed. Each memo wraps one step of the build (build/mod.rs) and is keyed by
//! exactly what that step's result depends on, and that is the whole of the incremental scheme:
//! - a document's Markdown render depends on its source text, its URL and the link index;
//! - a document's page (its template output) depends on its source text and the *skeleton*:
//!   every input except the bodies of the documents (site.toml, every front matter, the list of
//!   files, the data files, the templates, the build options);
//! - the renderer (parsed templates, navigation, menu), the checklist and worksheet pages and the
//!   resources and audience pages depend on the skeleton alone;
//! - the search index depends on the skeleton and every document's rendered Markdown.
//!
//! So a body edit re-renders one page, a title edit re-renders every page (navigation shows
//! titles everywhere) from kept Markdown, and a new or removed file re-renders everything.
//! Site-wide outputs (the 404 page, the sitemap and the print pages, which keep their own parts
//! in the renderer) are made afresh every time: they are few, and they may show any page's body.
//! `Memo::off()` (for `build`) keeps nothing.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::build::BuildOptions;
use crate::content::{Doc, Site, SourceCache};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::{Labels, LinkIndex, Rendered};
use crate::output::{Content, Outputs};
use crate::render::page::PageOutput;
use crate::render::theme::ThemeFiles;
use crate::render::Renderer;

/// Pages by output path, each rendered or failed.
pub(crate) type Generated = Vec<(String, Result<Arc<String>, Diagnostic>)>;

/// What the previous renders left, one memo per step.
#[derive(Default)]
pub(crate) struct Memo {
    enabled: bool,
    /// Source texts, so a rebuild reads only the files that changed.
    pub(crate) sources: SourceCache,
    markdown: PerDoc<Arc<Rendered>>,
    /// The link index and the task list labels the kept Markdown was rendered with.
    links: MarkdownInputs,
    pages: PerDoc<PageOutput>,
    /// The skeleton the kept pages were rendered with.
    pages_skeleton: Option<u64>,
    renderer: Keyed<Result<Arc<Renderer>, Diagnostics>>,
    data_pages: Keyed<(Outputs, Vec<Diagnostic>)>,
    generated: Keyed<Generated>,
    search: Keyed<Vec<(String, Content)>>,
}

/// Each document's Markdown, rendered in parallel by `render` (given the document's number)
/// unless kept from a render against the same link index, with the same task list labels.
fn markdown_step(
    on: bool,
    (kept, kept_links): (&mut PerDoc<Arc<Rendered>>, &mut MarkdownInputs),
    (docs, links, labels): (&[Doc], &LinkIndex, Labels),
    render: impl Fn(usize, &Doc) -> Rendered + Sync,
) -> Vec<Arc<Rendered>> {
    let same = kept_links
        .as_ref()
        .is_some_and(|(l, t)| l == links && *t == words(labels));
    if !same {
        kept.clear();
    }
    let rendered: Vec<Arc<Rendered>> = docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| still_valid(kept, d).unwrap_or_else(|| Arc::new(render(i, d))))
        .collect();
    if on {
        *kept_links = Some((links.clone(), words(labels)));
        *kept = docs
            .iter()
            .zip(&rendered)
            .map(|(d, r)| (d.url.clone(), Entry::new(d, r.clone())))
            .collect();
    }
    rendered
}

/// What the kept Markdown was rendered with besides its text: the link index, the task list
/// labels.
type MarkdownInputs = Option<(LinkIndex, [String; 3])>;

/// One result and the key it was made for.
struct Keyed<T>(Option<(u64, T)>);

impl<T> Default for Keyed<T> {
    fn default() -> Self {
        Keyed(None)
    }
}

impl<T: Clone> Keyed<T> {
    /// The kept result when `key` is the one it was made for, else `make()` (kept when `on`).
    /// `key` is only computed when the memo is on.
    fn get_or(&mut self, on: bool, key: impl FnOnce() -> u64, make: impl FnOnce() -> T) -> T {
        if !on {
            return make();
        }
        let key = key();
        match &self.0 {
            Some((k, kept)) if *k == key => kept.clone(),
            _ => {
                let made = make();
                self.0 = Some((key, made.clone()));
                made
            }
        }
    }
}

/// Results by document URL, each with the source text it was made from.
type PerDoc<T> = HashMap<String, Entry<T>>;

/// A result with the source it was computed from.
struct Entry<T> {
    path: Option<PathBuf>,
    text: Option<Arc<str>>,
    value: T,
}

impl<T> Entry<T> {
    fn new(doc: &Doc, value: T) -> Entry<T> {
        Entry {
            path: doc.source.map(|s| s.path.clone()),
            text: doc.source.map(|s| s.text.clone()),
            value,
        }
    }

    /// Whether it was computed from the same file with the same text as `doc` has now.
    fn fits(&self, doc: &Doc) -> bool {
        match (doc.source, &self.text) {
            (Some(s), Some(text)) => {
                Some(&s.path) == self.path.as_ref()
                    && (Arc::ptr_eq(&s.text, text) || *s.text == **text)
            }
            (None, None) => true,
            _ => false,
        }
    }
}

/// The kept value for `doc` if made from its current text.
fn still_valid<T: Clone>(memo: &PerDoc<T>, doc: &Doc) -> Option<T> {
    memo.get(&doc.url)
        .filter(|e| e.fits(doc))
        .map(|e| e.value.clone())
}

/// The labels' words, kept to compare with the next render's.
fn words(labels: Labels) -> [String; 3] {
    [labels.task_done, labels.task_todo, labels.anchor].map(str::to_string)
}

impl Memo {
    /// A memo that remembers renders (for watch and serve).
    pub(crate) fn on() -> Memo {
        Memo {
            enabled: true,
            sources: SourceCache::on(),
            ..Memo::default()
        }
    }

    /// A memo that remembers nothing (for a one-off build).
    pub(crate) fn off() -> Memo {
        Memo::default()
    }

    /// Whether this memo remembers anything (watch and serve) or not (build).
    pub(crate) fn is_on(&self) -> bool {
        self.enabled
    }

    /// The renderer (templates parsed, navigation drawn: kept while the skeleton is the same)
    /// and each document's Markdown, made side by side: parsing the templates takes one core
    /// while the Markdown starts on the other.
    pub(crate) fn renderer_and_markdown(
        &mut self,
        skeleton: u64,
        make_renderer: impl FnOnce() -> Result<Arc<Renderer>, Diagnostics> + Send,
        (docs, links, labels): (&[Doc], &LinkIndex, Labels),
        render: impl Fn(usize, &Doc) -> Rendered + Sync + Send,
    ) -> (Result<Arc<Renderer>, Diagnostics>, Vec<Arc<Rendered>>) {
        let on = self.enabled;
        let Memo {
            renderer,
            markdown,
            links: kept_links,
            ..
        } = self;
        rayon::join(
            || renderer.get_or(on, || skeleton, make_renderer),
            || markdown_step(on, (markdown, kept_links), (docs, links, labels), render),
        )
    }

    /// Each document's page, rendered in parallel by `render` (given the document's number and
    /// its Markdown, which it may let go of) unless kept from a render with the same skeleton.
    /// Only pages that rendered are kept.
    pub(crate) fn pages(
        &mut self,
        skeleton: u64,
        docs: &[Doc],
        rendered: &mut [Arc<Rendered>],
        render: impl Fn(usize, &Doc, &mut Arc<Rendered>) -> Result<PageOutput, Vec<Diagnostic>> + Sync,
    ) -> Vec<Result<PageOutput, Vec<Diagnostic>>> {
        if self.pages_skeleton != Some(skeleton) {
            self.pages.clear();
        }
        let kept = &self.pages;
        let pages: Vec<_> = docs
            .par_iter()
            .zip(rendered)
            .enumerate()
            .map(|(i, (d, md))| still_valid(kept, d).map_or_else(|| render(i, d, md), Ok))
            .collect();
        if self.enabled {
            self.pages_skeleton = Some(skeleton);
            self.pages = docs
                .iter()
                .zip(&pages)
                .filter_map(|(d, p)| Some((d.url.clone(), Entry::new(d, p.as_ref().ok()?.clone()))))
                .collect();
        }
        pages
    }

    /// The checklist and worksheet pages and their messages, made from the skeleton alone.
    pub(crate) fn data_pages(
        &mut self,
        skeleton: u64,
        make: impl FnOnce() -> (Outputs, Vec<Diagnostic>),
    ) -> (Outputs, Vec<Diagnostic>) {
        self.data_pages.get_or(self.enabled, || skeleton, make)
    }

    /// The resources and audience pages (made from the skeleton alone) and the search index's
    /// files (made from the skeleton and every document's Markdown, `index_key`), side by side:
    /// much of the index is made on one core.
    pub(crate) fn generated_and_search_index(
        &mut self,
        skeleton: u64,
        make_generated: impl FnOnce() -> Generated + Send,
        index_key: impl FnOnce() -> u64 + Send,
        make_index: impl FnOnce() -> Vec<(String, Content)> + Send,
    ) -> (Generated, Vec<(String, Content)>) {
        let on = self.enabled;
        let Memo {
            generated, search, ..
        } = self;
        rayon::join(
            || generated.get_or(on, || skeleton, make_generated),
            || search.get_or(on, index_key, make_index),
        )
    }
}

/// A fingerprint of everything a page's HTML may depend on besides its own text: change any of
/// it and every page is rendered again.
pub(crate) fn skeleton(site: &Site, theme: &ThemeFiles, opts: &BuildOptions) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (opts.drafts, &opts.base_url).hash(&mut h);
    site.config.source.hash(&mut h);
    if let Some((s, body)) = &site.home.index {
        s.text[..*body].hash(&mut h);
    }
    for s in &site.sections {
        s.name.hash(&mut h);
        if let Some((src, body)) = &s.index {
            src.text[..*body].hash(&mut h);
        }
    }
    for p in &site.pages {
        (&p.source.path, &p.source.text[..p.body_offset]).hash(&mut h);
        if let Some(b) = &p.bundle {
            (&b.dir, &b.assets).hash(&mut h);
        }
    }
    (&site.drafts, &site.unloaded, &site.static_files).hash(&mut h);
    // The language switch on every page follows the other languages' addresses.
    for v in &site.lang.map.versions {
        (&v.code, &v.from_default, &v.left_out).hash(&mut h);
    }
    for d in &site.data {
        (format!("{:?}", d.kind), &d.source.path, &d.source.text).hash(&mut h);
    }
    let mut templates: Vec<_> = theme.templates.iter().collect();
    templates.sort_by(|a, b| a.0.cmp(b.0));
    for (name, t) in templates {
        (name, &t.text).hash(&mut h);
    }
    for (name, _) in &theme.assets {
        name.hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::LoadOptions;
    use crate::test_files::write;
    use std::path::Path;

    fn fingerprint(root: &Path) -> u64 {
        let (site, _) = Site::load(root, &LoadOptions::default());
        let site = site.unwrap();
        let theme = crate::render::Theme::read(root, "default").ok().unwrap();
        skeleton(&site, &theme, &BuildOptions::default())
    }

    fn toolkit() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "site.toml", "title = \"Kit\"\n");
        write(
            dir.path(),
            "content/a/_index.md",
            "+++\ntitle = \"A\"\n+++\nIntro.\n",
        );
        write(
            dir.path(),
            "content/a/p.md",
            "+++\ntitle = \"P\"\n+++\nBody.\n",
        );
        dir
    }

    #[test]
    fn bodies_are_not_part_of_the_skeleton() {
        let kit = toolkit();
        let before = fingerprint(kit.path());
        write(
            kit.path(),
            "content/a/p.md",
            "+++\ntitle = \"P\"\n+++\nAnother body.\n",
        );
        write(
            kit.path(),
            "content/a/_index.md",
            "+++\ntitle = \"A\"\n+++\nNew intro.\n",
        );
        assert_eq!(fingerprint(kit.path()), before);
    }

    #[test]
    fn what_every_page_shows_is_part_of_the_skeleton() {
        let kit = toolkit();
        let mut seen = vec![fingerprint(kit.path())];
        let edits: [(&str, &str); 5] = [
            ("content/a/p.md", "+++\ntitle = \"Q\"\n+++\nBody.\n"),
            ("content/a/new.md", "+++\ntitle = \"New\"\n+++\n"),
            ("static/guide.pdf", "pdf"),
            ("templates/page.html", "{{ title }}"),
            ("site.toml", "title = \"Kit 2\"\n"),
        ];
        for (rel, text) in edits {
            write(kit.path(), rel, text);
            let now = fingerprint(kit.path());
            assert!(!seen.contains(&now), "{rel} did not change the skeleton");
            seen.push(now);
        }
    }
}
