//! The model of a toolkit: plain data loaded from content/, with no rendering in it.
//!
//! `Site::load` reads site.toml and content/, validates what can be validated without rendering
//! (front matter, slugs, phases, audiences) and returns the model with every problem found.

mod discover;
pub mod frontmatter;
pub mod sources;
pub mod translations;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};

pub use discover::{
    list_files, parse_front, translated_page, DataFile, DataKind, RESERVED_SECTIONS,
};
pub use frontmatter::{PageFront, SectionFront};
pub use sources::SourceCache;

/// A source file's path (relative to the toolkit root, for messages) and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: Arc<str>,
}

/// Decodes a file's bytes as UTF-8, or explains where it is not: the first bad byte, shown in
/// its line (the text up to it is valid, so its line and column are true).
pub fn source_text(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map(old_mac_line_breaks).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text: Arc<str> = Arc::from(String::from_utf8_lossy(e.as_bytes()).as_ref());
        let marked = offset..offset + '\u{fffd}'.len_utf8();
        Diagnostic::error(format!(
            "this file is not saved as UTF-8: the byte at offset {offset} cannot be read"
        ))
        .at_span(shown, &text, marked)
        .hint("save the file as UTF-8 in your editor (\"Save with encoding: UTF-8\"); files from Word or Excel need \"Save as plain text, UTF-8\"")
    })
}

/// Line breaks written as a lone `\r` (classic Mac OS, some exported files) become `\n`: one byte
/// for one byte, so every position in the text stays true. `\r\n` is left as it is.
fn old_mac_line_breaks(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Only ASCII bytes changed, into ASCII: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Files no build reads: hidden files (`.DS_Store`, vim's `.page.md.swp`), editor backups
/// (`page.md~`, emacs' `#page.md#`) and the temporary files editors write while saving (vim's
/// `4913`, JetBrains' `___jb_tmp___`). The watcher ignores exactly these too, so a save never
/// triggers a rebuild that a full build would not match.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
}

/// Options that change what is loaded.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub drafts: bool,
}

/// Index of a page in `Site::pages`.
pub type PageId = usize;

#[derive(Debug, Clone)]
pub struct Page {
    pub source: Source,
    pub front: PageFront,
    /// Where the front matter starts in the file: spans in `front` are relative to it.
    pub front_offset: usize,
    pub body_offset: usize,
    /// Folder name of the section, or None for a page directly in content/.
    pub section: Option<String>,
    pub slug: String,
    /// Output URL path relative to the site root, always ending in `/` ("throughout/check-ins/").
    pub url: String,
    /// For a page written as `<page>/index.md`: its folder and the files to copy beside it.
    pub bundle: Option<Bundle>,
}

#[derive(Debug, Clone)]
pub struct Bundle {
    /// The folder, relative to the toolkit root.
    pub dir: PathBuf,
    /// Files inside it (relative to `dir`), copied beside the page.
    pub assets: Vec<PathBuf>,
}

impl Page {
    pub fn title(&self) -> &str {
        self.front.title.get_ref()
    }

    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }

    /// A diagnostic at a front matter value.
    pub fn error_at<T>(&self, value: &toml::Spanned<T>, message: impl Into<String>) -> Diagnostic {
        let span = value.span();
        let span = (span.start + self.front_offset)..(span.end + self.front_offset);
        Diagnostic::error(message).at_span(&self.source.path, &self.source.text, span)
    }

    pub fn is_draft(&self) -> bool {
        self.front.draft
    }
}

/// A top-level folder of content/: a phase when site.toml lists it, a plain section otherwise.
#[derive(Debug, Clone)]
pub struct Section {
    pub name: String,
    pub title: String,
    pub weight: Option<i64>,
    pub summary: Option<String>,
    /// The `_index.md`, when there is one (its body is the section's intro).
    pub index: Option<(Source, usize)>,
    pub is_phase: bool,
    /// Published pages, in order.
    pub pages: Vec<PageId>,
    pub url: String,
}

impl Section {
    pub fn intro(&self) -> &str {
        self.index.as_ref().map_or("", |(s, off)| &s.text[*off..])
    }
}

/// The home page's own text (content/_index.md), if any; also the worksheets page's
/// (content/worksheets/_index.md).
#[derive(Debug, Clone, Default)]
pub struct Home {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub index: Option<(Source, usize)>,
}

impl Home {
    pub fn intro(&self) -> &str {
        self.index.as_ref().map_or("", |(s, off)| &s.text[*off..])
    }
}

/// Everything a build needs, loaded and validated.
#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub home: Home,
    /// Sections in navigation order: phases as site.toml lists them, then the others.
    pub sections: Vec<Section>,
    /// Published pages (drafts too with `--drafts`).
    pub pages: Vec<Page>,
    /// Pages directly in content/, in order.
    pub root_pages: Vec<PageId>,
    /// Draft pages left out of this build, by source path: links to them are warnings.
    pub drafts: Vec<PathBuf>,
    /// Pages that could not be loaded (their error is already reported): links to them are not
    /// reported again.
    pub unloaded: Vec<PathBuf>,
    /// Files under static/, relative to static/.
    pub static_files: Vec<PathBuf>,
    /// TOML data files (checklists, worksheets, resources, models), for the data loaders.
    pub data: Vec<DataFile>,
    /// `content/worksheets/_index.md`: the worksheets page's title and intro, when present.
    pub worksheets_index: Option<Home>,
    /// Translations beside their originals (`page.fr.md`), set aside: not pages of their own.
    pub translations: translations::Translations,
}

impl Site {
    /// Loads the toolkit at `root`. Returns the model and every problem found; the model is
    /// None only when site.toml itself cannot be read.
    pub fn load(root: &Path, opts: &LoadOptions) -> (Option<Site>, Diagnostics) {
        Site::load_with(root, opts, &mut SourceCache::default())
    }

    /// `load`, taking unchanged files from `sources` instead of reading them (watch).
    pub fn load_with(
        root: &Path,
        opts: &LoadOptions,
        sources: &mut SourceCache,
    ) -> (Option<Site>, Diagnostics) {
        let mut diags = Diagnostics::default();
        let config = match Config::load(root) {
            Ok(c) => c,
            Err(d) => return (None, d),
        };
        diags.extend(config.warnings());
        let found = discover::discover(root, &config, &mut diags, sources);
        let site = discover::assemble(root.to_path_buf(), config, found, opts, &mut diags);
        (Some(site), diags)
    }

    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    pub fn phases(&self) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(|s| s.is_phase)
    }

    pub fn title(&self) -> &str {
        self.home.title.as_deref().unwrap_or(self.config.title())
    }

    /// Maps each page's source path to its id.
    pub fn pages_by_source(&self) -> HashMap<&Path, PageId> {
        self.pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.source.path.as_path(), i))
            .collect()
    }

    /// The pages in reading order: each section's pages in navigation order, then root pages.
    pub fn reading_order(&self) -> Vec<PageId> {
        let mut order: Vec<PageId> = self
            .sections
            .iter()
            .flat_map(|s| s.pages.iter().copied())
            .collect();
        order.extend(self.root_pages.iter().copied());
        order
    }
}

/// Sort key: weighted first by weight, then the others; ties by title.
pub fn order_key(weight: Option<i64>, title: &str) -> (bool, i64, String) {
    (weight.is_none(), weight.unwrap_or(0), title.to_lowercase())
}
