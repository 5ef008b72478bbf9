//! What a watch session keeps from one render to the next, so a rebuild redoes only the work
//! whose inputs changed.
//!
//! Each cache is keyed by exactly what its result depends on, and that is the whole of the
//! incremental scheme:
//! - a document's Markdown render depends on its source text, its URL and the link index;
//! - a document's page (its template output) depends on its source text and the *skeleton*:
//!   every input except the bodies of the documents (site.toml, every front matter, the list of
//!   files, the data files, the templates, the build options);
//! - the renderer (parsed templates, navigation, menu) depends on the skeleton alone;
//! - the search index depends on the skeleton and every document's rendered Markdown.
//!
//! So a body edit re-renders one page, a title edit re-renders every page (navigation shows
//! titles everywhere) from cached Markdown, and a new or removed file re-renders everything.
//! Site-wide outputs (the 404 page, the sitemap and any other page made from the whole site) are
//! rendered afresh every time: they are few, and they may show any page's body.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use crate::build::{BuildOptions, Doc};
use crate::content::{Site, SourceCache};
use crate::diagnostic::Diagnostic;
use crate::markdown::{LinkIndex, Rendered};
use crate::output::Outputs;
use crate::render::theme::ThemeFiles;
use crate::render::Renderer;

/// A rendered page: its output path, its HTML and its content with shortcodes expanded (for
/// the print pages), shared with the output rather than copied.
pub type PageOutput = (String, Arc<String>, Arc<String>);

/// The results of the previous render, by document URL. `RenderCache::off()` (for `build`)
/// keeps nothing.
#[derive(Default)]
pub struct RenderCache {
    enabled: bool,
    /// Source texts, so a rebuild reads only the files that changed.
    pub sources: SourceCache,
    links: Option<LinkIndex>,
    skeleton: Option<u64>,
    markdown: HashMap<String, Entry<Rendered>>,
    pages: HashMap<String, Entry<PageOutput>>,
    /// The parsed templates, navigation and menu, made from the skeleton alone.
    renderer: Option<(u64, Renderer)>,
    /// The pages made from the skeleton alone (resources, audiences), by output path.
    generated: Option<(u64, Vec<Shared>)>,
    /// The checklist and worksheet pages and their messages, also made from the skeleton alone.
    data_pages: Option<(u64, Outputs, Vec<Diagnostic>)>,
    /// The search index's files, by a key of the skeleton and every rendered Markdown text.
    search: Option<(u64, Vec<Shared>)>,
}

/// An output path and its text, shared with the output.
pub type Shared = (String, Arc<String>);

/// Pages by output path, each rendered or failed.
pub type Generated = Vec<(String, Result<Arc<String>, Diagnostic>)>;

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

impl RenderCache {
    /// A cache that remembers renders (for watch and serve).
    pub fn on() -> RenderCache {
        RenderCache {
            enabled: true,
            sources: SourceCache::on(),
            ..RenderCache::default()
        }
    }

    /// A cache that remembers nothing (for a one-off build).
    pub fn off() -> RenderCache {
        RenderCache::default()
    }

    /// Whether this cache remembers anything (watch and serve) or not (build).
    pub fn is_on(&self) -> bool {
        self.enabled
    }

    /// Starts a render: forgets what depended on a link index or skeleton that changed.
    pub fn begin(&mut self, links: &LinkIndex, skeleton: u64) {
        if !self.enabled {
            return;
        }
        if self.links.as_ref() != Some(links) {
            self.markdown.clear();
            self.links = Some(links.clone());
        }
        if self.skeleton != Some(skeleton) {
            self.pages.clear();
            self.skeleton = Some(skeleton);
        }
    }

    /// The Markdown renders still valid for `docs`, in their order, moved out of the cache
    /// (`keep_markdown` moves them back).
    pub fn take_markdown(&mut self, docs: &[Doc]) -> Vec<Option<Rendered>> {
        docs.iter()
            .map(|d| {
                let entry = self.markdown.remove(&d.url)?;
                entry.fits(d).then_some(entry.value)
            })
            .collect()
    }

    /// The renderer made for this skeleton last time, moved out of the cache.
    pub fn take_renderer(&mut self, skeleton: u64) -> Option<Renderer> {
        match self.renderer.take() {
            Some((s, r)) if s == skeleton => Some(r),
            _ => None,
        }
    }

    pub fn keep_renderer(&mut self, skeleton: u64, renderer: Renderer) {
        if self.enabled {
            self.renderer = Some((skeleton, renderer));
        }
    }

    /// The skeleton-only pages made last time, if the skeleton is the same.
    pub fn generated(&self, skeleton: u64) -> Option<Generated> {
        let (s, pages) = self.generated.as_ref()?;
        (*s == skeleton).then(|| {
            pages
                .iter()
                .map(|(p, h)| (p.clone(), Ok(h.clone())))
                .collect()
        })
    }

    /// Remembers the skeleton-only pages when all of them rendered.
    pub fn keep_generated(&mut self, skeleton: u64, pages: &Generated) {
        let ok: Option<Vec<Shared>> = pages
            .iter()
            .map(|(p, r)| Some((p.clone(), r.as_ref().ok()?.clone())))
            .collect();
        self.generated = ok.filter(|_| self.enabled).map(|ok| (skeleton, ok));
    }

    /// The checklist and worksheet pages made last time, if the skeleton is the same.
    pub fn data_pages(&self, skeleton: u64) -> Option<(Outputs, Vec<Diagnostic>)> {
        let (s, pages, problems) = self.data_pages.as_ref()?;
        (*s == skeleton).then(|| (pages.clone(), problems.clone()))
    }

    /// Remembers the checklist and worksheet pages, sharing their text with the output.
    pub fn keep_data_pages(&mut self, skeleton: u64, pages: &Outputs, problems: &[Diagnostic]) {
        if self.enabled {
            self.data_pages = Some((skeleton, pages.clone(), problems.to_vec()));
        }
    }

    /// The search index's files made last time, if made from the same inputs.
    pub fn search_index(&self, key: u64) -> Option<Vec<Shared>> {
        let (k, files) = self.search.as_ref()?;
        (*k == key).then(|| files.clone())
    }

    pub fn keep_search_index(&mut self, key: u64, files: &[Shared]) {
        if self.enabled {
            self.search = Some((key, files.to_vec()));
        }
    }

    pub fn page(&self, doc: &Doc) -> Option<PageOutput> {
        let entry = self.pages.get(&doc.url)?;
        entry.fits(doc).then(|| entry.value.clone())
    }

    /// Remembers every document's Markdown render; forgets documents that are gone.
    pub fn keep_markdown(&mut self, docs: &[Doc], rendered: Vec<Rendered>) {
        if self.enabled {
            self.markdown = docs
                .iter()
                .zip(rendered)
                .map(|(d, r)| (d.url.clone(), Entry::new(d, r)))
                .collect();
        }
    }

    /// Remembers the pages that rendered without errors; forgets the others.
    pub fn keep_pages<E>(&mut self, docs: &[Doc], pages: &[Result<PageOutput, E>]) {
        if self.enabled {
            self.pages = docs
                .iter()
                .zip(pages)
                .filter_map(|(d, p)| Some((d.url.clone(), Entry::new(d, p.as_ref().ok()?.clone()))))
                .collect();
        }
    }
}

/// A fingerprint of everything a page's HTML may depend on besides its own text: change any of
/// it and every page is rendered again.
pub fn skeleton(site: &Site, theme: &ThemeFiles, opts: &BuildOptions) -> u64 {
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
    use std::path::Path;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

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
