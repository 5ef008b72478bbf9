//! The model of a toolkit: plain data loaded from content/, with no rendering in it.
//!
//! `Site::load` reads site.toml and content/, validates what can be validated without rendering
//! (front matter, slugs, phases, audiences) and returns the model with every problem found.

mod assemble;
mod discover;
pub(crate) mod doc;
pub mod frontmatter;
pub(crate) mod links;
pub(crate) mod localize;
pub(crate) mod sources;
pub(crate) mod translations;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};

pub(crate) use assemble::translated_page;
pub(crate) use discover::{list_files, DataFile, DataKind, RESERVED_SECTIONS};
pub(crate) use doc::{documents, Doc, Place};
pub use frontmatter::{PageFront, SectionFront};
pub(crate) use sources::SourceCache;

/// A source file's path (relative to the toolkit root, for messages) and its text.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub(crate) path: PathBuf,
    pub(crate) text: Arc<str>,
}

/// Files no build reads: hidden files (`.DS_Store`, vim's `.page.md.swp`), editor backups
/// (`page.md~`, emacs' `#page.md#`) and the temporary files editors write while saving (vim's
/// `4913`, JetBrains' `___jb_tmp___`). The watcher ignores exactly these too, so a save never
/// triggers a rebuild that a full build would not match.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
}

/// Options that change what is loaded.
#[derive(Debug, Clone, Default)]
pub(crate) struct LoadOptions {
    pub(crate) drafts: bool,
}

/// Index of a page in `Site::pages`.
pub(crate) type PageId = usize;

#[derive(Debug, Clone)]
pub(crate) struct Page {
    pub(crate) source: Source,
    pub(crate) front: PageFront,
    /// Where the front matter starts in the file: spans in `front` are relative to it.
    pub(crate) front_offset: usize,
    pub(crate) body_offset: usize,
    /// Folder name of the section, or None for a page directly in content/.
    pub(crate) section: Option<String>,
    pub(crate) slug: String,
    /// Output URL path relative to the site root, always ending in `/` ("throughout/check-ins/").
    pub(crate) url: String,
    /// For a page written as `<page>/index.md`: its folder and the files to copy beside it.
    pub(crate) bundle: Option<Bundle>,
}

#[derive(Debug, Clone)]
pub(crate) struct Bundle {
    /// The folder, relative to the toolkit root.
    pub(crate) dir: PathBuf,
    /// Files inside it (relative to `dir`), copied beside the page.
    pub(crate) assets: Vec<PathBuf>,
}

impl Page {
    pub(crate) fn title(&self) -> &str {
        self.front.title.get_ref()
    }

    /// A diagnostic at a front matter value.
    pub(crate) fn error_at<T>(
        &self,
        value: &toml::Spanned<T>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let span = value.span();
        let span = (span.start + self.front_offset)..(span.end + self.front_offset);
        Diagnostic::error(message).at_span(&self.source.path, &self.source.text, span)
    }

    pub(crate) fn is_draft(&self) -> bool {
        self.front.draft
    }
}

/// A top-level folder of content/: a phase when site.toml lists it, a plain section otherwise.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    pub(crate) name: String,
    pub(crate) title: String,
    pub(crate) weight: Option<i64>,
    pub(crate) summary: Option<String>,
    /// The `_index.md`, when there is one (its body is the section's intro).
    pub(crate) index: Option<(Source, usize)>,
    pub(crate) is_phase: bool,
    /// Published pages, in order.
    pub(crate) pages: Vec<PageId>,
    pub(crate) url: String,
}

/// The home page's own text (content/_index.md), if any; also the worksheets page's
/// (content/worksheets/_index.md).
#[derive(Debug, Clone, Default)]
pub(crate) struct Home {
    pub(crate) title: Option<String>,
    pub(crate) summary: Option<String>,
    pub(crate) index: Option<(Source, usize)>,
}

/// Everything a build needs, loaded and validated.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    pub(crate) root: PathBuf,
    pub(crate) config: Config,
    pub(crate) home: Home,
    /// Sections in navigation order: phases as site.toml lists them, then the others.
    pub(crate) sections: Vec<Section>,
    /// Published pages (drafts too with `--drafts`).
    pub(crate) pages: Vec<Page>,
    /// Pages directly in content/, in order.
    pub(crate) root_pages: Vec<PageId>,
    /// Draft pages left out of this build, by source path: links to them are warnings.
    pub(crate) drafts: Vec<PathBuf>,
    /// Pages that could not be loaded (their error is already reported): links to them are not
    /// reported again.
    pub(crate) unloaded: Vec<PathBuf>,
    /// Files under static/, relative to static/.
    pub(crate) static_files: Vec<PathBuf>,
    /// TOML data files (checklists, worksheets, resources, models), for the data loaders.
    pub(crate) data: Vec<DataFile>,
    /// `content/worksheets/_index.md`: the worksheets page's title and intro, when present.
    pub(crate) worksheets_index: Option<Home>,
    /// Translations beside their originals (`page.fr.md`), set aside: not pages of their own.
    pub(crate) translations: translations::Translations,
    /// Which language this site is in, and every language's addresses (content::localize).
    pub(crate) lang: localize::SiteLanguage,
}

impl Site {
    /// Loads the toolkit at `root`. Returns the model and every problem found; the model is
    /// None only when site.toml itself cannot be read.
    #[cfg(test)]
    pub(crate) fn load(root: &Path, opts: &LoadOptions) -> (Option<Site>, Diagnostics) {
        Site::load_with(root, opts, &mut SourceCache::default())
    }

    /// Loads the toolkit, taking unchanged files from `sources` instead of reading them (watch).
    pub(crate) fn load_with(
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
        let site = assemble::assemble(root.to_path_buf(), config, found, opts, &mut diags);
        (Some(site), diags)
    }

    pub(crate) fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    pub(crate) fn phases(&self) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(|s| s.is_phase)
    }

    pub(crate) fn title(&self) -> &str {
        self.home.title.as_deref().unwrap_or(self.config.title())
    }

    /// The name the reader's ticks and answers are saved under: the default language's title,
    /// so they carry over from one language to another.
    pub(crate) fn storage_title(&self) -> &str {
        self.lang
            .storage_title
            .as_deref()
            .unwrap_or(self.config.title())
    }

    /// The pages in reading order: each section's pages in navigation order, then root pages.
    pub(crate) fn reading_order(&self) -> Vec<PageId> {
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
pub(crate) fn order_key(weight: Option<i64>, title: &str) -> (bool, i64, String) {
    (weight.is_none(), weight.unwrap_or(0), title.to_lowercase())
}
