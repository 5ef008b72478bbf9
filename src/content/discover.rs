//! Finding the toolkit's files (walkdir) and assembling them into the model.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use super::frontmatter::{self, PageFront, SectionFront};
use super::sources::SourceCache;
use super::{order_key, Bundle, Home, LoadOptions, Page, Section, Site, Source};
use crate::config::{Config, Name};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fsutil;
use crate::names::{is_valid_slug, slugify};
use crate::tomlinput::TomlSource;

/// Top-level names that the generated pages use.
pub(crate) const RESERVED_SECTIONS: &[&str] = &[
    "worksheets",
    "resources",
    "audiences",
    "print",
    "search",
    "static",
];

/// What kind of TOML data a file under content/ holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DataKind {
    Checklist { phase: String },
    Worksheet { id: String },
    Resources,
    Models,
}

#[derive(Debug, Clone)]
pub(crate) struct DataFile {
    pub(crate) kind: DataKind,
    pub(crate) source: Source,
}

/// The files of content/ and static/, classified but not yet checked against each other.
#[derive(Default)]
pub(crate) struct Found {
    home: Option<Source>,
    section_indexes: Vec<(String, Source)>,
    section_dirs: Vec<String>,
    pages: Vec<FoundPage>,
    data: Vec<DataFile>,
    static_files: Vec<PathBuf>,
    /// Files that could not be read or decoded (already reported).
    unreadable: Vec<PathBuf>,
    /// Texts from the previous load that watch keeps (empty otherwise).
    sources: SourceCache,
    /// The languages site.toml adds, and the translations into them, set aside.
    languages: Vec<String>,
    translations: super::translations::Translations,
}

struct FoundPage {
    source: Source,
    section: Option<String>,
    file_stem: String,
    bundle: Option<Bundle>,
    /// In a folder where no page may be (already an error): read and checked all the same, so
    /// its other mistakes show in the same run, but not published.
    misplaced: bool,
}

/// Walks content/ and static/ in a stable order, reading every text file once (or taking it
/// from `sources` when it has not changed since the last load).
pub(crate) fn discover(
    root: &Path,
    config: &Config,
    diags: &mut Diagnostics,
    sources: &mut SourceCache,
) -> Found {
    let mut found = Found {
        sources: std::mem::take(sources),
        languages: config.added_languages().map(str::to_string).collect(),
        ..Found::default()
    };
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("there is no content/ folder")
                .in_file(Path::new("content"))
                .hint("create content/ with an _index.md for the home page and a folder per phase"),
        );
    } else {
        walk_content(root, &content, &mut found, diags);
    }
    found.static_files = list_files(root, &root.join("static"), diags);
    *sources = std::mem::take(&mut found.sources);
    sources.finish();
    found
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Every file below `dir` (relative to it), sorted; a missing folder is simply empty.
pub(crate) fn list_files(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let inside = Inside::new(root);
    let mut walk = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(e) = next_entry(&mut walk, root, diags) {
        if super::is_ignored_name(&e.file_name().to_string_lossy()) && e.depth() > 0 {
            if e.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        if inside.refused(&e, &mut walk, diags) {
            continue;
        }
        if e.file_type().is_file() {
            files.push(relative(dir, e.path()));
        }
    }
    files
}

/// The toolkit folder as the file system knows it (links resolved), to tell whether a link found
/// in it stays inside: nothing from outside the toolkit is ever read or published.
pub(crate) struct Inside {
    root: PathBuf,
    real: PathBuf,
}

impl Inside {
    pub(crate) fn new(root: &Path) -> Inside {
        Inside {
            root: root.to_path_buf(),
            real: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// Reports an entry that must not be read, and keeps the walk out of it when it is a folder.
    /// True when it was refused.
    fn refused(
        &self,
        e: &walkdir::DirEntry,
        walk: &mut walkdir::IntoIter,
        diags: &mut Diagnostics,
    ) -> bool {
        let Some(d) = self.refuse(e) else {
            return false;
        };
        diags.push(d);
        if e.file_type().is_dir() {
            walk.skip_current_dir();
        }
        true
    }

    /// An error for an entry that must not be read: a link leaving the toolkit (or leading
    /// nowhere), or a special file such as a named pipe.
    pub(crate) fn refuse(&self, e: &walkdir::DirEntry) -> Option<Diagnostic> {
        let kind = e.file_type();
        let special = !kind.is_file() && !kind.is_dir();
        let refused = fsutil::refusal(&self.real, e.path(), e.path_is_symlink(), special)?;
        let shown = relative(&self.root, e.path());
        let name = shown.display();
        Some(match refused {
            fsutil::Refused::OutsideLink(target) => Diagnostic::error(format!(
                "{name} is a link to {}, outside this toolkit",
                target.display()
            ))
            .in_file(&shown)
            .hint("Trellis never publishes files from outside the toolkit folder: copy the file into the toolkit instead of linking to it"),
            fsutil::Refused::BrokenLink(target) => Diagnostic::error(format!(
                "{name} is a link to {}, which does not exist",
                target.display()
            ))
            .in_file(&shown)
            .hint("remove the link, or copy the file it should point to into the toolkit"),
            fsutil::Refused::Special => Diagnostic::error(format!(
                "{name} is a special file (a named pipe, device or socket), not an ordinary file"
            ))
            .in_file(&shown)
            .hint("only ordinary files and folders can be published: remove it"),
        })
    }
}

/// The walk's next entry; one it cannot read is reported and passed over. The walk itself stays
/// with the caller, who may keep it out of a folder (`skip_current_dir`).
fn next_entry(
    walk: &mut walkdir::IntoIter,
    root: &Path,
    diags: &mut Diagnostics,
) -> Option<walkdir::DirEntry> {
    loop {
        match walk.next()? {
            Ok(e) => return Some(e),
            Err(e) => diags.push(walk_error(root, &e)),
        }
    }
}

fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e.path().map(|p| relative(root, p)).unwrap_or_default();
    if e.loop_ancestor().is_some() {
        Diagnostic::error(
            "this folder link points back to a folder that contains it (a symlink loop)",
        )
        .in_file(&path)
        .hint("remove the symbolic link")
    } else {
        Diagnostic::error(format!("could not read this file or folder: {e}")).in_file(&path)
    }
}

/// Reads one source file (or takes it from the cache). A file that cannot be read or decoded is
/// reported here, once, and remembered so links to it are not reported as well.
fn read_source(
    root: &Path,
    path: &Path,
    found: &mut Found,
    diags: &mut Diagnostics,
) -> Option<Source> {
    let shown = relative(root, path);
    if let Some(text) = found.sources.get(path) {
        return Some(Source { path: shown, text });
    }
    let stamp = found.sources.before_reading(path);
    let text = fsutil::read(path)
        .map_err(|e| Diagnostic::io_error(&e, &shown))
        .and_then(|bytes| crate::fsutil::decode_text(bytes, &shown));
    match text {
        Ok(text) => {
            let text: Arc<str> = Arc::from(text);
            found.sources.keep(path, stamp, &text);
            Some(Source { path: shown, text })
        }
        Err(d) => {
            diags.push(d);
            found.unreadable.push(shown);
            None
        }
    }
}

fn walk_content(root: &Path, content: &Path, found: &mut Found, diags: &mut Diagnostics) {
    let inside = Inside::new(root);
    let mut walker = WalkDir::new(content)
        .min_depth(1)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = next_entry(&mut walker, root, diags) {
        let rel = relative(content, entry.path());
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if is_hidden(&parts) {
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if inside.refused(&entry, &mut walker, diags) {
            continue;
        }
        if entry.file_type().is_dir() {
            if parts.len() == 1 && !entry.path().join("index.md").is_file() {
                found.section_dirs.push(parts[0].clone());
            } else if entry.path().join("index.md").is_file() && parts.len() <= 2 {
                collect_bundle(root, entry.path(), &parts, found, diags);
                walker.skip_current_dir();
            }
            continue;
        }
        classify_file(root, entry.path(), &parts, found, diags);
    }
}

fn is_hidden(parts: &[String]) -> bool {
    parts.iter().any(|p| super::is_ignored_name(p))
}

/// A page folder: `index.md` is the page; every other file is an asset copied beside it.
fn collect_bundle(
    root: &Path,
    dir: &Path,
    parts: &[String],
    found: &mut Found,
    diags: &mut Diagnostics,
) {
    let mut assets = Vec::new();
    let inside = Inside::new(root);
    let mut walker = WalkDir::new(dir)
        .min_depth(1)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = next_entry(&mut walker, root, diags) {
        let rel = relative(dir, entry.path());
        if inside.refused(&entry, &mut walker, diags) {
            if rel == Path::new("index.md") {
                return;
            }
            continue;
        }
        let hidden = rel
            .iter()
            .any(|p| super::is_ignored_name(&p.to_string_lossy()));
        if !entry.file_type().is_file() || hidden || rel == Path::new("index.md") {
            continue;
        }
        if let Some(name) = rel.to_str().filter(|n| !n.contains(['/', '\\'])) {
            if set_aside(root, entry.path(), name, parts.len() + 1, found, diags) {
                continue;
            }
        }
        if rel.extension().is_some_and(|e| e == "md") {
            diags.push(Diagnostic::error("a page folder holds one page, its index.md; this Markdown file is not part of the site")
                .in_file(&relative(root, entry.path()))
                .hint("move this file next to the folder (as its own page) or merge it into index.md"));
            continue;
        }
        assets.push(rel);
    }
    let Some(source) = read_source(root, &dir.join("index.md"), found, diags) else {
        return;
    };
    let section = (parts.len() == 2).then(|| parts[0].clone());
    let bundle = Bundle {
        dir: relative(root, dir),
        assets,
    };
    found.pages.push(FoundPage {
        source,
        section,
        file_stem: parts[parts.len() - 1].clone(),
        bundle: Some(bundle),
        misplaced: false,
    });
}

fn classify_file(
    root: &Path,
    path: &Path,
    parts: &[String],
    found: &mut Found,
    diags: &mut Diagnostics,
) {
    let name = parts[parts.len() - 1].as_str();
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    let stem = name
        .strip_suffix(&format!(".{ext}"))
        .unwrap_or(name)
        .to_string();
    let shown = relative(root, path);
    if set_aside(root, path, name, parts.len(), found, diags) {
        return;
    }
    match (parts.len(), name, ext) {
        (1, "_index.md", _) => found.home = read_source(root, path, found, diags),
        (2, "_index.md", _) => {
            if let Some(s) = read_source(root, path, found, diags) {
                found.section_indexes.push((parts[0].clone(), s));
            }
        }
        (2, _, "md") if parts[0] == "worksheets" => diags.push(
            Diagnostic::error("content/worksheets/ holds worksheets (.toml files), not pages")
                .in_file(&shown)
                .hint("move this page into a section; only _index.md, which titles the worksheets page, belongs here"),
        ),
        (1 | 2, _, "md") => {
            if let Some(source) = read_source(root, path, found, diags) {
                let section = (parts.len() == 2).then(|| parts[0].clone());
                found.pages.push(FoundPage { source, section, file_stem: stem, bundle: None, misplaced: false });
            }
        }
        (1, "resources.toml", _) => push_data(root, path, super::DataKind::Resources, found, diags),
        (1, "models.toml", _) => push_data(root, path, super::DataKind::Models, found, diags),
        (2, "checklist.toml", _) => {
            push_data(root, path, super::DataKind::Checklist { phase: parts[0].clone() }, found, diags);
        }
        (2, _, "toml") if parts[0] == "worksheets" => {
            push_data(root, path, super::DataKind::Worksheet { id: stem }, found, diags);
        }
        (_, _, "md") => {
            diags.push(
                Diagnostic::error("sections cannot be nested: this page is in a folder inside a section")
                    .in_file(&shown)
                    .hint("move it up into its section's folder, or name it index.md to make its folder a page"),
            );
            if let Some(source) = read_source(root, path, found, diags) {
                let section = Some(parts[0].clone());
                found.pages.push(FoundPage { source, section, file_stem: stem, bundle: None, misplaced: true });
            }
        }
        _ => diags.push(
            Diagnostic::warning("this file is not part of the site and is not copied")
                .in_file(&shown)
                .hint("files for download belong in static/; images for one page go in that page's folder beside its index.md"),
        ),
    }
}

/// A translation (`page.fr.md`, `worksheets/agreement.fr.toml`) is kept apart from the pages
/// and data: true when `path` was one. `depth` is how deep under content/ the file is. A name
/// in a language site.toml does not add is warned about and left to be what it looks like.
fn set_aside(
    root: &Path,
    path: &Path,
    name: &str,
    depth: usize,
    found: &mut Found,
    diags: &mut Diagnostics,
) -> bool {
    use super::translations::{naming, translatable, unknown_language, Naming};
    let shown = relative(root, path);
    let folders: Vec<String> = shown
        .iter()
        .skip(1)
        .take(depth.saturating_sub(1))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let as_original = |original: &str| {
        let mut parts: Vec<&str> = folders.iter().map(String::as_str).collect();
        parts.push(original);
        translatable(&parts)
    };
    match naming(name, &found.languages) {
        Naming::Translation { original, language } if as_original(&original) => {
            if let Some(source) = read_source(root, path, found, diags) {
                let original = shown.with_file_name(original);
                found.translations.add(original, &language, source);
            }
            true
        }
        Naming::UnknownLanguage { language } if as_original(&format!("x.{}", ext_of(name))) => {
            diags.push(unknown_language(&shown, &language, &found.languages));
            false
        }
        _ => false,
    }
}

fn ext_of(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, e)| e)
}

fn push_data(
    root: &Path,
    path: &Path,
    kind: super::DataKind,
    found: &mut Found,
    diags: &mut Diagnostics,
) {
    if let Some(source) = read_source(root, path, found, diags) {
        found.data.push(DataFile { kind, source });
    }
}

/// Parses front matter, applies the naming and ordering rules, and builds the model.
pub(crate) fn assemble(
    root: PathBuf,
    config: Config,
    mut found: Found,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) -> Site {
    let home = Home::from_source(found.home, "the home page's front matter", diags);
    // content/worksheets/ is not a section: its _index.md only titles the worksheets page.
    let mut section_indexes = found.section_indexes;
    let worksheets_index = section_indexes
        .iter()
        .position(|(name, _)| name == "worksheets")
        .map(|i| section_indexes.remove(i).1)
        .map(|s| Home::from_source(Some(s), "the worksheets page's front matter", diags))
        .filter(|h| h.index.is_some());
    let mut sections = build_sections(
        &config,
        &found.section_dirs,
        section_indexes,
        &found.pages,
        diags,
    );
    let mut pages = Vec::new();
    let mut drafts = Vec::new();
    let mut unloaded = std::mem::take(&mut found.unreadable);
    for fp in found.pages {
        let path = fp.source.path.clone();
        let misplaced = fp.misplaced;
        let Some(page) = build_page(&config, fp, diags).filter(|_| !misplaced) else {
            unloaded.push(path);
            continue;
        };
        if page.is_draft() && !opts.drafts {
            drafts.push(page.source.path.clone());
        } else {
            pages.push(page);
        }
    }
    check_slug_collisions(&pages, &sections, diags);
    pages.sort_by_cached_key(|p| order_key(p.front.weight, p.title()));
    let mut root_pages = Vec::new();
    for (id, page) in pages.iter().enumerate() {
        match &page.section {
            Some(name) => {
                if let Some(s) = sections.iter_mut().find(|s| &s.name == name) {
                    s.pages.push(id);
                }
            }
            None => root_pages.push(id),
        }
    }
    Site {
        root,
        config,
        home,
        sections,
        pages,
        root_pages,
        drafts,
        unloaded,
        static_files: found.static_files,
        data: found.data,
        worksheets_index,
        translations: found.translations,
        lang: super::localize::SiteLanguage::default(),
    }
}

/// A home or worksheets page's `_index.md` read into its title, summary and body.
pub(crate) fn home_from_source(
    source: Option<Source>,
    what: &str,
    diags: &mut Diagnostics,
) -> Home {
    Home::from_source(source, what, diags)
}

impl Home {
    fn from_source(source: Option<Source>, what: &str, diags: &mut Diagnostics) -> Home {
        let Some(source) = source else {
            return Home::default();
        };
        match parse_front::<SectionFront>(&source, what) {
            Ok((front, split)) => Home {
                title: Some(front.title.into_inner()),
                summary: front.summary,
                index: Some((source, split.body_offset)),
            },
            Err(d) => {
                diags.push(d);
                Home::default()
            }
        }
    }
}

/// Splits and parses the front matter of `source`; returns it with the body's offset.
pub(crate) fn parse_front<T: serde::de::DeserializeOwned>(
    source: &Source,
    what: &str,
) -> Result<(T, frontmatter::Split), Diagnostic> {
    let (input, split) = front_matter(source)?;
    let front: T = input.parse(what)?;
    Ok((front, split))
}

/// `parse_front`, reporting every field's mistake: the front matter read without the fields at
/// fault (for the checks that follow), and the mistakes.
fn parse_front_fields<T: serde::de::DeserializeOwned>(
    source: &Source,
    what: &str,
) -> Result<(Option<T>, frontmatter::Split, Vec<Diagnostic>), Diagnostic> {
    let (input, split) = front_matter(source)?;
    let (front, mistakes) = input.parse_fields(what);
    Ok((front, split, mistakes))
}

/// The front matter of a file, split from its body, as TOML to read at its true place.
fn front_matter(source: &Source) -> Result<(TomlSource<'_>, frontmatter::Split), Diagnostic> {
    let whole = TomlSource::whole(&source.path, &source.text);
    let split = frontmatter::split(&source.text).map_err(|e| e.diagnostic(&whole))?;
    let input = TomlSource {
        path: &source.path,
        file: &source.text,
        offset: split.front.start,
        len: split.front.len(),
    };
    Ok((input, split))
}

fn build_sections(
    config: &Config,
    dirs: &[String],
    indexes: Vec<(String, Source)>,
    pages: &[FoundPage],
    diags: &mut Diagnostics,
) -> Vec<Section> {
    let mut indexes: HashMap<String, Source> = indexes.into_iter().collect();
    let mut names: Vec<&String> = dirs.iter().collect();
    // A folder is a section when it is a phase, has an _index.md or holds pages; a folder of
    // stray files only is not.
    names.retain(|n| {
        n.as_str() != "worksheets"
            && (config.is_phase(n)
                || indexes.contains_key(*n)
                || pages.iter().any(|p| p.section.as_ref() == Some(n)))
    });
    let mut sections = Vec::new();
    for name in names {
        if RESERVED_SECTIONS.contains(&name.as_str()) {
            diags.push(
                Diagnostic::error(format!(
                    "`{name}` is a reserved name: Trellis generates {name}/ itself"
                ))
                .in_file(&Path::new("content").join(name))
                .hint("rename this folder"),
            );
            continue;
        }
        if !is_valid_slug(name) {
            diags.push(Diagnostic::error(format!("the folder name `{name}` becomes a web address and may only use a-z, 0-9 and -"))
                .in_file(&Path::new("content").join(name))
                .hint(format!("rename it to `{}`", slugify(name))));
            continue;
        }
        let mut section = Section {
            name: name.clone(),
            title: title_from_name(name),
            weight: None,
            summary: None,
            index: None,
            is_phase: config.is_phase(name),
            pages: Vec::new(),
            url: format!("{name}/"),
        };
        if let Some(source) = indexes.remove(name) {
            match parse_front::<SectionFront>(&source, "the section's front matter") {
                Ok((front, split)) => {
                    section.title = front.title.into_inner();
                    section.weight = front.weight;
                    section.summary = front.summary;
                    section.index = Some((source, split.body_offset));
                }
                Err(d) => diags.push(d),
            }
        }
        sections.push(section);
    }
    for phase in &config.toolkit.phases {
        if !sections.iter().any(|s| &s.name == phase.get_ref()) {
            diags.push(config.error_at(phase, format!("the phase `{}` has no folder content/{}/", phase.get_ref(), phase.get_ref()))
                .hint(format!("create content/{}/_index.md with a title, or remove the phase from this list", phase.get_ref())));
        }
    }
    let phase_pos = |s: &Section| config.phases().position(|p| p == s.name);
    sections.sort_by_cached_key(|s| {
        (
            phase_pos(s).is_none(),
            phase_pos(s),
            order_key(s.weight, &s.title),
        )
    });
    sections
}

/// "getting-started" -> "Getting started", for a section without an _index.md.
fn title_from_name(name: &str) -> String {
    let words = name.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn build_page(config: &Config, fp: FoundPage, diags: &mut Diagnostics) -> Option<Page> {
    let (front, split, mistakes) = match parse_front_fields::<PageFront>(&fp.source, "front matter")
    {
        Ok(x) => x,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let failed = !mistakes.is_empty();
    diags.extend(mistakes);
    let front = front?;
    let mut page = Page {
        source: fp.source,
        front,
        // Spans in `front` count from the front matter's first byte, not the file's.
        front_offset: split.front.start,
        body_offset: split.body_offset,
        section: fp.section,
        slug: String::new(),
        url: String::new(),
        bundle: fp.bundle,
    };
    check_front(config, &page, diags);
    page.slug = page_slug(&page, &fp.file_stem, diags)?;
    if failed {
        return None;
    }
    page.url = match &page.section {
        Some(sec) => format!("{sec}/{}/", page.slug),
        None => format!("{}/", page.slug),
    };
    Some(page)
}

/// A page's translation, read as the page itself is: its front matter checked at its true
/// place, its slug its own `slug` or the original's file name (so its address is the original's
/// unless it says otherwise), in the original's section and folder.
pub(crate) fn translated_page(
    config: &Config,
    original: &Page,
    source: Source,
    diags: &mut Diagnostics,
) -> Option<Page> {
    let file_stem = match &original.bundle {
        Some(b) => b.dir.file_name().map(|n| n.to_string_lossy().into_owned()),
        None => original
            .source
            .path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned()),
    }
    .unwrap_or_default();
    let found = FoundPage {
        source,
        section: original.section.clone(),
        file_stem,
        bundle: original.bundle.clone(),
        misplaced: false,
    };
    build_page(config, found, diags)
}

/// The title and audiences of a page's front matter.
fn check_front(config: &Config, page: &Page, diags: &mut Diagnostics) {
    let front = &page.front;
    if front.title.get_ref().trim().is_empty() {
        diags.push(
            page.error_at(&front.title, "the page's title is empty")
                .hint("write the title between the quotes"),
        );
    }
    for a in &front.audience {
        if let Some((message, hint)) = config.unknown_name(Name::Audience, a.get_ref()) {
            diags.push(page.error_at(a, message).hint(hint));
        }
    }
}

/// The page's slug: its own `slug`, or its file name's. None (reported) when unusable.
/// The longest slug: a folder name must fit the file systems' 255 bytes with room to spare.
const MAX_SLUG: usize = 200;

fn page_slug(page: &Page, file_stem: &str, diags: &mut Diagnostics) -> Option<String> {
    let slug = match &page.front.slug {
        Some(s) if s.get_ref().contains(['/', '\\']) || s.get_ref().contains("..") => {
            diags.push(
                page.error_at(
                    s,
                    format!(
                        "the slug `{}` would write this page outside its section's folder",
                        s.get_ref()
                    ),
                )
                .hint(format!(
                    "a slug is one word of a-z, 0-9 and -, such as slug = \"{}\"",
                    slugify(s.get_ref())
                )),
            );
            return None;
        }
        Some(s) if !is_valid_slug(s.get_ref()) => {
            let message = if s.get_ref().is_empty() {
                "the slug is empty".to_string()
            } else {
                format!("the slug `{}` may only use a-z, 0-9 and -", s.get_ref())
            };
            let suggested = match slugify(s.get_ref()) {
                fixed if fixed.is_empty() => format!(
                    "write a word of a-z, 0-9 and -, such as slug = \"{}\", or remove the slug line to use the file name",
                    slugify(file_stem)
                ),
                fixed => format!("write slug = \"{fixed}\""),
            };
            diags.push(page.error_at(s, message).hint(suggested));
            return None;
        }
        Some(s) if s.get_ref().len() > MAX_SLUG => {
            diags.push(
                page.error_at(
                    s,
                    format!(
                        "the slug is {} characters long; at most {MAX_SLUG} fit in a web address",
                        s.get_ref().len()
                    ),
                )
                .hint("choose a short slug of a few words, such as slug = \"agreement\""),
            );
            return None;
        }
        Some(s) => s.get_ref().clone(),
        None => slugify(file_stem),
    };
    if slug.len() > MAX_SLUG {
        diags.push(
            Diagnostic::error(format!(
                "this file name gives a web address {} characters long; at most {MAX_SLUG} fit",
                slug.len()
            ))
            .in_file(&page.source.path)
            .hint(
                "rename the file to a few words, or set a short slug = \"...\" in the front matter",
            ),
        );
        return None;
    }
    if slug.is_empty() {
        diags.push(Diagnostic::error("this file name gives an empty web address").in_file(&page.source.path)
            .hint("rename the file with letters or digits, or set slug = \"...\" in the front matter"));
        return None;
    }
    Some(slug)
}

fn check_slug_collisions(pages: &[Page], sections: &[Section], diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Page> = HashMap::new();
    for page in pages {
        let at = |p: &Page| match &p.front.slug {
            Some(s) => p.error_at(s, "").location,
            None => Diagnostic::error("").in_file(&p.source.path).location,
        };
        let reserved = match &page.section {
            None => {
                RESERVED_SECTIONS.contains(&page.slug.as_str())
                    || sections.iter().any(|s| s.name == page.slug)
            }
            Some(sec) => page.slug == "checklist" && sections.iter().any(|s| &s.name == sec),
        };
        if reserved {
            let mut d = Diagnostic::error(format!(
                "the address `{}` is already used by a generated page or a section",
                page.url
            ))
            .hint("rename the file or set another slug = \"...\" in its front matter");
            d.location = at(page);
            diags.push(d);
            continue;
        }
        if let Some(first) = seen.insert(page.url.as_str(), page) {
            // Point at the page whose own `slug` caused the clash, when one of them has one.
            let (here, other) = if page.front.slug.is_none() && first.front.slug.is_some() {
                (first, page)
            } else {
                (page, first)
            };
            let mut d = Diagnostic::error(format!(
                "two pages would both be written to {}: this one and {}",
                page.url,
                other.source.path.display()
            ))
            .hint("give one of them another file name or a different slug = \"...\"");
            d.location = at(here);
            diags.push(d);
        }
    }
}
