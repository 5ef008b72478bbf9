//! Finding the toolkit's files (walkdir): content/ and static/ walked in a stable order, every
//! text file read once, each file classified (page, section, data, translation, asset); symlinks
//! and special files leading out of the toolkit refused. content/assemble.rs builds the model.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::sources::SourceCache;
use super::{Bundle, Source};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fsutil;

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
    pub(super) home: Option<Source>,
    pub(super) section_indexes: Vec<(String, Source)>,
    pub(super) section_dirs: Vec<String>,
    pub(super) pages: Vec<FoundPage>,
    pub(super) data: Vec<DataFile>,
    pub(super) static_files: Vec<PathBuf>,
    /// Files that could not be read or decoded (already reported).
    pub(super) unreadable: Vec<PathBuf>,
    /// Texts from the previous load that watch keeps (empty otherwise).
    pub(super) sources: SourceCache,
    /// The languages site.toml adds, and the translations into them, set aside.
    pub(super) languages: Vec<String>,
    pub(super) translations: super::translations::Translations,
    /// Text files already read (`read_ahead`), by path, taken as the walk meets them.
    read_ahead: HashMap<PathBuf, Vec<u8>>,
}

pub(super) struct FoundPage {
    pub(super) source: Source,
    pub(super) section: Option<String>,
    pub(super) file_stem: String,
    pub(super) bundle: Option<Bundle>,
    /// In a folder where no page may be (already an error): read and checked all the same, so
    /// its other mistakes show in the same run, but not published.
    pub(super) misplaced: bool,
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
        if !found.sources.is_on() {
            found.read_ahead = read_ahead(&content);
        }
        walk_content(root, &content, &mut found, diags);
    }
    found.static_files = list_files(root, &root.join("static"), diags);
    *sources = std::mem::take(&mut found.sources);
    sources.finish();
    found
}

/// The Markdown and TOML files under content/, read on every core before the walk that sorts
/// them out meets them: one by one, reading was most of a build's loading time. Only ordinary
/// files reached without a link are read ahead; anything else, and any file that fails, is
/// left to the walk, which reads it (or refuses it) and reports its problems as before.
fn read_ahead(content: &Path) -> HashMap<PathBuf, Vec<u8>> {
    let text_file = |e: &walkdir::DirEntry| {
        e.file_type().is_file()
            && matches!(
                e.path().extension().and_then(|x| x.to_str()),
                Some("md" | "toml")
            )
    };
    let files: Vec<PathBuf> = WalkDir::new(content)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !super::is_ignored_name(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(text_file)
        .map(walkdir::DirEntry::into_path)
        .collect();
    files
        .into_par_iter()
        .filter_map(|path| fsutil::read(&path).ok().map(|bytes| (path, bytes)))
        .collect()
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
    let bytes = match found.read_ahead.remove(path) {
        Some(bytes) => Ok(bytes),
        None => fsutil::read(path),
    };
    let text = bytes
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_files::write;

    /// Reading ahead takes the toolkit's own Markdown and TOML files, and nothing reached through
    /// a link or hidden: those are for the walk to refuse or pass over.
    #[test]
    fn reading_ahead_takes_only_the_toolkits_own_text_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "content/_index.md", "home");
        write(root, "content/a/page.md", "page");
        write(root, "content/a/checklist.toml", "items = []");
        write(root, "content/a/picture.png", "png");
        write(root, "content/.drafts/secret.md", "hidden");
        write(root, "outside/secret.md", "outside");
        std::os::unix::fs::symlink(
            root.join("outside/secret.md"),
            root.join("content/a/link.md"),
        )
        .unwrap();
        std::os::unix::fs::symlink(root.join("outside"), root.join("content/b")).unwrap();
        let read = read_ahead(&root.join("content"));
        let mut names: Vec<String> = read
            .keys()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "content/_index.md",
                "content/a/checklist.toml",
                "content/a/page.md"
            ]
        );
        assert_eq!(read[&root.join("content/a/page.md")], b"page");
    }
}
