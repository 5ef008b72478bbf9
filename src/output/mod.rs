//! The one writer: every byte of output goes through here.
//!
//! A build is written into a fresh folder beside the output and swapped in only when complete,
//! so a failed build leaves the previous output untouched. Trellis only ever replaces a folder
//! that carries its marker file, and refuses folders that hold the toolkit itself.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::fsutil::{self, IoResult};

mod cleanup;
mod lock;
mod stream;
pub use cleanup::finish as finish_background_work;
pub(crate) use lock::lock;
pub(crate) use stream::Staging;

/// The file Trellis leaves in every output folder it writes, so it knows it may replace it.
pub(crate) const MARKER: &str = ".trellis-output";
const MARKER_TEXT: &str =
    "This folder is written by Trellis. The next build replaces it entirely.\n";

/// One output file's content.
#[derive(Debug, Clone)]
pub(crate) enum Content {
    Text(String),
    Copy(PathBuf),
    Embedded(&'static [u8]),
    /// Text that watch's render cache holds too, so keeping it costs no copy.
    Shared(Arc<String>),
    /// Already written into the staging folder (see `Staging`).
    Written,
}

/// Where a theme file's bytes come from.
#[derive(Debug, Clone)]
pub(crate) enum Asset {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

impl From<Asset> for Content {
    fn from(a: Asset) -> Content {
        match a {
            Asset::Embedded(b) => Content::Embedded(b),
            Asset::Disk(p) => Content::Copy(p),
        }
    }
}

impl Content {
    /// The bytes, reading a copied file.
    pub(crate) fn bytes(&self) -> IoResult<std::borrow::Cow<'_, [u8]>> {
        Ok(match self {
            Content::Text(t) => t.as_bytes().into(),
            Content::Embedded(b) => (*b).into(),
            Content::Shared(t) => t.as_bytes().into(),
            Content::Copy(p) => fsutil::read(p)?.into(),
            Content::Written => (&[] as &[u8]).into(),
        })
    }
}

/// Where a build's files go as they are made.
#[derive(Clone, Default)]
pub(crate) enum Sink {
    /// Held in memory until the build ends (check, watch's first build).
    #[default]
    Memory,
    /// Written into the staging folder as each is made (build).
    Staging(Arc<Staging>),
    /// Held in memory, and once every page is rendered, handed to this to be written ahead of the
    /// print pages and the search index (watch).
    PagesFirst(Arc<dyn Fn(&Outputs) + Send + Sync>),
}

impl std::fmt::Debug for Sink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Sink::Memory => write!(f, "Memory"),
            Sink::Staging(s) => write!(f, "{s:?}"),
            Sink::PagesFirst(_) => write!(f, "PagesFirst"),
        }
    }
}

/// Every file of a build, by path relative to the output folder ("a/b/index.html"). With a
/// staging folder, each file added is written at once and only its path is kept.
#[derive(Debug, Default, Clone)]
pub(crate) struct Outputs {
    pub(crate) files: BTreeMap<String, Content>,
    pub(crate) sink: Sink,
}

impl Outputs {
    /// Outputs that go to `sink` as they are added.
    pub(crate) fn to(sink: Sink) -> Outputs {
        Outputs {
            files: BTreeMap::new(),
            sink,
        }
    }

    /// The staging folder files are written into as they are made, if any.
    pub(crate) fn staging(&self) -> Option<&Arc<Staging>> {
        match &self.sink {
            Sink::Staging(s) => Some(s),
            _ => None,
        }
    }

    /// Every page is rendered: with `Sink::PagesFirst`, they are written now.
    pub(crate) fn pages_done(&self) {
        if let Sink::PagesFirst(write) = &self.sink {
            write(self);
        }
    }

    pub(crate) fn add(&mut self, path: impl Into<String>, content: Content) {
        let path = path.into();
        let content = match self.staging() {
            Some(staging) if !matches!(content, Content::Written) => {
                staging.write(&path, &content);
                Content::Written
            }
            _ => content,
        };
        self.files.insert(path, content);
    }

    /// Writes the files still held into the staging folder and swaps it in; without one, writes
    /// every file into `out` atomically.
    pub(crate) fn write(&self, out: &Path) -> IoResult<()> {
        match self.staging() {
            Some(staging) => staging.finish(&self.files),
            None => write_atomically(out, self),
        }
    }
}

/// Why an output folder was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub(crate) message: String,
    pub(crate) hint: String,
}

/// Checks that `output` (absolute or relative to `root`) is a folder Trellis may write, and
/// returns its absolute path.
pub(crate) fn check_output_dir(root: &Path, output: &Path) -> Result<PathBuf, Refusal> {
    let root = absolute(root);
    let out = absolute(&root.join(output));
    let refuse = |what: &str| Refusal {
        message: format!(
            "refusing to write the site into {} ({what})",
            output.display()
        ),
        hint: "choose an empty or new folder such as public/ (the default)".into(),
    };
    if out.parent().is_none() {
        return Err(refuse("the file system root"));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if out == absolute(&home) {
            return Err(refuse("your home folder"));
        }
    }
    if root.starts_with(&out) {
        return Err(refuse("it holds the toolkit itself"));
    }
    for (name, what) in [
        ("content", "the content folder"),
        ("static", "the static folder"),
        ("themes", "the themes folder"),
        ("templates", "the templates folder"),
    ] {
        if out.starts_with(root.join(name)) {
            return Err(refuse(what));
        }
    }
    if out.exists() && !out.is_dir() {
        return Err(Refusal {
            message: format!("{} exists and is a file, not a folder", output.display()),
            hint: "remove it or choose another output folder".into(),
        });
    }
    if out.is_dir() && !out.join(MARKER).exists() && !is_empty_dir(&out) {
        return Err(Refusal {
            message: format!(
                "{} already exists and was not written by Trellis, so it will not be replaced",
                output.display()
            ),
            hint: format!(
                "choose another output folder, or empty or remove {} yourself",
                output.display()
            ),
        });
    }
    Ok(out)
}

/// An absolute, normalised path whether or not it exists (symlinks resolved where it does).
fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let base = if p.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().unwrap_or_default()
    };
    let joined = base.join(p);
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    match (out.parent(), out.file_name()) {
        (Some(parent), Some(name)) if parent.exists() => absolute(parent).join(name),
        _ => out,
    }
}

fn is_empty_dir(p: &Path) -> bool {
    std::fs::read_dir(p).is_ok_and(|mut d| d.next().is_none())
}

/// Writes every file into a fresh folder beside `out` and swaps it in. `out` must have passed
/// `check_output_dir`.
pub(crate) fn write_atomically(out: &Path, outputs: &Outputs) -> IoResult<()> {
    Staging::open(out)?.finish(&outputs.files)
}

/// Writes one file (creating its folder).
pub(crate) fn write_one(path: &Path, content: &Content) -> IoResult<()> {
    match content {
        Content::Copy(from) => fsutil::copy(from, path),
        other => fsutil::write(path, &other.bytes()?),
    }
}

fn swap_in(staging: &Path, out: &Path, old: &Path) -> IoResult<()> {
    if out.exists() {
        fsutil::rename(out, old)?;
    }
    if let Err(e) = fsutil::rename(staging, out) {
        // Put the previous output back so the failure loses nothing.
        if old.exists() {
            let _ = std::fs::rename(old, out);
        }
        return Err(e);
    }
    Ok(())
}

/// A fingerprint of every output file, by path.
pub(crate) type Fingerprints = HashMap<String, u64>;

/// What the output folder holds after a write. Watch keeps it to write only what changed.
#[derive(Debug, Default, Clone)]
pub(crate) struct Written {
    prints: Fingerprints,
    /// The text behind each shared output: when the next build shares the very same text (a
    /// page reused from the render cache), its fingerprint is known without hashing.
    shared: HashMap<String, Arc<String>>,
}

/// The fingerprint of each output: its bytes for generated files, and for a file copied as it is
/// (which may be large) the source's path, size and modification time.
pub(crate) fn fingerprints(outputs: &Outputs, before: Option<&Written>) -> Written {
    use rayon::prelude::*;
    let known = |path: &String, text: &Arc<String>| {
        let before = before?;
        let same = Arc::ptr_eq(before.shared.get(path)?, text);
        same.then(|| before.prints.get(path).copied()).flatten()
    };
    let prints = outputs
        .files
        .par_iter()
        .map(|(path, content)| {
            let print = match content {
                Content::Shared(text) => known(path, text),
                _ => None,
            };
            (path.clone(), print.unwrap_or_else(|| fingerprint(content)))
        })
        .collect();
    let shared = outputs
        .files
        .iter()
        .filter_map(|(path, c)| match c {
            Content::Shared(text) => Some((path.clone(), text.clone())),
            _ => None,
        })
        .collect();
    Written { prints, shared }
}

fn fingerprint(content: &Content) -> u64 {
    use xxhash_rust::xxh3::xxh3_64;
    match content {
        Content::Text(t) => xxh3_64(t.as_bytes()),
        Content::Embedded(b) => xxh3_64(b),
        Content::Shared(t) => xxh3_64(t.as_bytes()),
        Content::Written => 0,
        Content::Copy(from) => {
            let meta = std::fs::metadata(from).ok();
            let stamp = meta.map(|m| (m.len(), m.modified().ok()));
            xxh3_64(format!("copy {} {stamp:?}", from.display()).as_bytes())
        }
    }
}

/// The files to write and to remove to go from one output to the next, each sorted.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct WritePlan {
    pub(crate) write: Vec<String>,
    pub(crate) remove: Vec<String>,
}

impl WritePlan {
    /// Every path that changed, written or removed.
    pub(crate) fn changed(&self) -> Vec<String> {
        let mut all: Vec<String> = self.write.iter().chain(&self.remove).cloned().collect();
        all.sort();
        all
    }
}

/// Compares what the folder holds with what it should hold. Pure.
pub(crate) fn plan(old: &Fingerprints, new: &Fingerprints) -> WritePlan {
    let mut write: Vec<String> = new
        .iter()
        .filter(|(path, print)| old.get(*path) != Some(print))
        .map(|(path, _)| path.clone())
        .collect();
    let mut remove: Vec<String> = old
        .keys()
        .filter(|path| !new.contains_key(*path))
        .cloned()
        .collect();
    write.sort();
    remove.sort();
    WritePlan { write, remove }
}

/// Brings `out` up to date with `outputs`, touching only the files that changed. `written` is
/// what the folder held (None: unknown, so it is written whole and atomically); it is updated,
/// or set to None when a write failed half-way so the next sync starts afresh.
pub(crate) fn sync(
    out: &Path,
    outputs: &Outputs,
    written: &mut Option<Written>,
) -> IoResult<WritePlan> {
    let before = written.take().filter(|_| out.join(MARKER).is_file());
    let new = fingerprints(outputs, before.as_ref());
    let plan = match before {
        Some(old) => {
            let plan = plan(&old.prints, &new.prints);
            let _lock = lock(out)?;
            apply(out, outputs, &plan)?;
            plan
        }
        None => {
            write_atomically(out, outputs)?;
            let mut write: Vec<String> = new.prints.keys().cloned().collect();
            write.sort();
            WritePlan {
                write,
                remove: Vec::new(),
            }
        }
    };
    *written = Some(new);
    Ok(plan)
}

/// Writes the files `outputs` holds so far that differ from what `out` holds, and removes
/// nothing (the build is not finished): watch writes a rebuilt page this way before the slower
/// print pages and search index are made. Each file replaced is kept aside (a hard link) until
/// `finish_early` says whether the build succeeded. `written` learns what was written, so the
/// `sync` at the end of the build skips it. Returns the paths written.
pub(crate) fn sync_early(
    out: &Path,
    outputs: &Outputs,
    written: &mut Option<Written>,
) -> IoResult<Vec<String>> {
    let Some(before) = written.as_mut().filter(|_| out.join(MARKER).is_file()) else {
        return Ok(Vec::new());
    };
    let new = fingerprints(outputs, Some(before));
    let mut plan = plan(&before.prints, &new.prints);
    plan.remove.clear();
    let applied = {
        let _lock = lock(out)?;
        keep_aside(out, &plan.write).and_then(|()| apply(out, outputs, &plan))
    };
    if let Err(e) = applied {
        finish_early(out, &plan.write, false);
        *written = None;
        return Err(e);
    }
    before.prints.extend(new.prints);
    before.shared.extend(new.shared);
    Ok(plan.write)
}

/// Where the file at `path` is kept while a rebuild that replaced it early is not finished.
fn kept_aside(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{}.trellis-prev", name.unwrap_or_default()))
}

/// Keeps each existing file among `paths` aside, as a second name for the same bytes.
fn keep_aside(out: &Path, paths: &[String]) -> IoResult<()> {
    for rel in paths {
        let path = out.join(rel);
        if path.is_file() {
            let aside = kept_aside(&path);
            let _ = std::fs::remove_file(&aside);
            fsutil::hard_link(&path, &aside)?;
        }
    }
    Ok(())
}

/// The end of a build that wrote `early` ahead of the rest (see `sync_early`). When it succeeded
/// the files kept aside go; when it failed each early file is put back as it was, or removed if
/// it is new, so the folder holds the last good output again.
pub(crate) fn finish_early(out: &Path, early: &[String], succeeded: bool) {
    for rel in early {
        let path = out.join(rel);
        let aside = kept_aside(&path);
        if succeeded {
            let _ = std::fs::remove_file(&aside);
        } else if aside.is_file() {
            let _ = std::fs::rename(&aside, &path);
        } else {
            let _ = std::fs::remove_file(&path);
            remove_empty_parents(out, &path);
        }
    }
}

/// Removes what is gone (and folders left empty), then replaces each changed file by writing a
/// temporary file beside it and renaming it, so a reader never sees half a file.
fn apply(out: &Path, outputs: &Outputs, plan: &WritePlan) -> IoResult<()> {
    use rayon::prelude::*;
    for rel in plan.remove.iter().rev() {
        let path = out.join(rel);
        if path.is_file() {
            fsutil::remove_file(&path)?;
        }
        remove_empty_parents(out, &path);
    }
    plan.write.par_iter().try_for_each(|rel| {
        let Some(content) = outputs.files.get(rel) else {
            return Ok(());
        };
        let path = out.join(rel);
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let temp = path.with_file_name(format!(".{}.trellis-tmp", name.unwrap_or_default()));
        write_one(&temp, content)?;
        fsutil::rename(&temp, &path)
    })
}

fn remove_empty_parents(out: &Path, path: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| *d != out && d.starts_with(out)) {
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests;
