//! File-system helpers that put the path into every I/O error.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::Diagnostic;

/// An I/O failure with the path it happened on.
#[derive(Debug)]
pub struct IoError {
    pub(crate) path: PathBuf,
    pub(crate) action: &'static str,
    pub(crate) source: io::Error,
}

impl fmt::Display for IoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not {} {}: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for IoError {}

pub(crate) type IoResult<T> = Result<T, IoError>;

fn wrap<T>(action: &'static str, path: &Path, r: io::Result<T>) -> IoResult<T> {
    r.map_err(|source| IoError {
        path: path.to_path_buf(),
        action,
        source,
    })
}

/// Reads a regular file. Anything else (a named pipe, a device, a socket) is refused before it
/// is opened: reading one could block forever or never end.
pub(crate) fn read(path: &Path) -> IoResult<Vec<u8>> {
    regular(path)?;
    wrap("read", path, std::fs::read(path))
}

fn regular(path: &Path) -> IoResult<()> {
    let meta = wrap("read", path, std::fs::metadata(path))?;
    if meta.is_file() {
        return Ok(());
    }
    let source = io::Error::other(if meta.is_dir() {
        "it is a folder"
    } else {
        "it is a special file (a named pipe, device or socket), not an ordinary file"
    });
    Err(IoError {
        path: path.to_path_buf(),
        action: "read",
        source,
    })
}

/// Why a file or folder found inside the toolkit at `path` must not be published: a symbolic
/// link whose target lies outside `root` (which must be canonical), or a special file.
/// `is_special` is whether the file (the link's target, for a link) is neither a file nor a
/// folder.
pub(crate) fn refusal(
    root: &Path,
    path: &Path,
    is_link: bool,
    is_special: bool,
) -> Option<Refused> {
    if is_link {
        let target = std::fs::read_link(path).unwrap_or_default();
        match std::fs::canonicalize(path) {
            Ok(real) if real.starts_with(root) => {}
            Ok(_) => return Some(Refused::OutsideLink(target)),
            Err(_) => return Some(Refused::BrokenLink(target)),
        }
    }
    is_special.then_some(Refused::Special)
}

/// What `refusal` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refused {
    OutsideLink(PathBuf),
    BrokenLink(PathBuf),
    Special,
}

pub(crate) fn write(path: &Path, bytes: &[u8]) -> IoResult<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    wrap("write", path, std::fs::write(path, bytes))
}

pub(crate) fn copy(from: &Path, to: &Path) -> IoResult<()> {
    regular(from)?;
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    wrap("copy", from, std::fs::copy(from, to)).map(|_| ())
}

pub(crate) fn create_dir_all(path: &Path) -> IoResult<()> {
    wrap("create folder", path, std::fs::create_dir_all(path))
}

pub(crate) fn remove_dir_all(path: &Path) -> IoResult<()> {
    wrap("remove folder", path, std::fs::remove_dir_all(path))
}

pub(crate) fn remove_file(path: &Path) -> IoResult<()> {
    wrap("remove", path, std::fs::remove_file(path))
}

pub(crate) fn rename(from: &Path, to: &Path) -> IoResult<()> {
    wrap("rename", from, std::fs::rename(from, to))
}

/// A second name for the file at `from` (a copy where the file system has no hard links).
pub(crate) fn hard_link(from: &Path, to: &Path) -> IoResult<()> {
    let linked = std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(|_| ()));
    wrap("keep a copy of", from, linked)
}

/// Writes a new file, creating its folder; fails (AlreadyExists) rather than replace a file
/// that is there, even one that appeared a moment ago.
pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> IoResult<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    wrap("create", path, file.and_then(|mut f| f.write_all(bytes)))
}

/// Decodes a file's bytes as UTF-8, or explains where it is not: the first bad byte, shown in
/// its line (the text up to it is valid, so its line and column are true).
pub(crate) fn decode_text(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
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
