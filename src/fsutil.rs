//! File-system helpers that put the path into every I/O error.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// An I/O failure with the path it happened on.
#[derive(Debug)]
pub struct IoError {
    pub path: PathBuf,
    pub action: &'static str,
    pub source: io::Error,
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

pub type IoResult<T> = Result<T, IoError>;

fn wrap<T>(action: &'static str, path: &Path, r: io::Result<T>) -> IoResult<T> {
    r.map_err(|source| IoError {
        path: path.to_path_buf(),
        action,
        source,
    })
}

pub fn read(path: &Path) -> IoResult<Vec<u8>> {
    wrap("read", path, std::fs::read(path))
}

pub fn write(path: &Path, bytes: &[u8]) -> IoResult<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    wrap("write", path, std::fs::write(path, bytes))
}

pub fn copy(from: &Path, to: &Path) -> IoResult<()> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    wrap("copy", from, std::fs::copy(from, to)).map(|_| ())
}

pub fn create_dir_all(path: &Path) -> IoResult<()> {
    wrap("create folder", path, std::fs::create_dir_all(path))
}

pub fn remove_dir_all(path: &Path) -> IoResult<()> {
    wrap("remove folder", path, std::fs::remove_dir_all(path))
}

pub fn remove_file(path: &Path) -> IoResult<()> {
    wrap("remove", path, std::fs::remove_file(path))
}

pub fn rename(from: &Path, to: &Path) -> IoResult<()> {
    wrap("rename", from, std::fs::rename(from, to))
}

/// Writes a new file, creating its folder; fails (AlreadyExists) rather than replace a file
/// that is there, even one that appeared a moment ago.
pub fn create_new(path: &Path, bytes: &[u8]) -> IoResult<()> {
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
