//! The one writer: every byte of output goes through here.
//!
//! A build is written into a fresh folder beside the output and swapped in only when complete,
//! so a failed build leaves the previous output untouched. Trellis only ever replaces a folder
//! that carries its marker file, and refuses folders that hold the toolkit itself.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::fsutil::{self, IoResult};
use crate::render::theme::Asset;

/// The file Trellis leaves in every output folder it writes, so it knows it may replace it.
pub const MARKER: &str = ".trellis-output";
const MARKER_TEXT: &str =
    "This folder is written by Trellis. The next build replaces it entirely.\n";

/// One output file's content.
#[derive(Debug, Clone)]
pub enum Content {
    Bytes(Vec<u8>),
    Text(String),
    Copy(PathBuf),
    Embedded(&'static [u8]),
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
    pub fn bytes(&self) -> IoResult<std::borrow::Cow<'_, [u8]>> {
        Ok(match self {
            Content::Bytes(b) => b.as_slice().into(),
            Content::Text(t) => t.as_bytes().into(),
            Content::Embedded(b) => (*b).into(),
            Content::Copy(p) => fsutil::read(p)?.into(),
        })
    }
}

/// Every file of a build, by path relative to the output folder ("a/b/index.html").
#[derive(Debug, Default, Clone)]
pub struct Outputs {
    pub files: BTreeMap<String, Content>,
}

impl Outputs {
    pub fn add(&mut self, path: impl Into<String>, content: Content) {
        self.files.insert(path.into(), content);
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Why an output folder was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub hint: String,
}

/// Checks that `output` (absolute or relative to `root`) is a folder Trellis may write, and
/// returns its absolute path.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<PathBuf, Refusal> {
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
    std::fs::read_dir(p)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false)
}

/// Writes every file into a fresh folder beside `out` and swaps it in. `out` must have passed
/// `check_output_dir`.
pub fn write_atomically(out: &Path, outputs: &Outputs) -> IoResult<()> {
    let parent = out.parent().unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    fsutil::create_dir_all(parent)?;
    let staging = parent.join(format!(".{name}.trellis-new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.trellis-old-{}", std::process::id()));
    for leftover in [&staging, &old] {
        if leftover.exists() {
            fsutil::remove_dir_all(leftover)?;
        }
    }
    if let Err(e) = write_tree(&staging, outputs) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    swap_in(&staging, out, &old)
}

/// Writes the files and the marker into `dir`, in parallel.
pub fn write_tree(dir: &Path, outputs: &Outputs) -> IoResult<()> {
    use rayon::prelude::*;
    fsutil::create_dir_all(dir)?;
    fsutil::write(&dir.join(MARKER), MARKER_TEXT.as_bytes())?;
    outputs
        .files
        .par_iter()
        .try_for_each(|(rel, content)| write_one(&dir.join(rel), content))
}

/// Writes one file (creating its folder).
pub fn write_one(path: &Path, content: &Content) -> IoResult<()> {
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
    if old.exists() {
        fsutil::remove_dir_all(old)?;
    }
    Ok(())
}
