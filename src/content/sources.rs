//! Source texts kept between loads (for watch), so a rebuild reads only the files that changed.
//!
//! A file is read again when its size, modification time, change time or inode differ from
//! when it was read. A file modified in the last second is never trusted from memory: file
//! systems store times coarsely (1-10 ms, or 1 s on some), so a second write within the same
//! tick would keep the same stamp ("racy" files, as git calls them).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// How recent a modification must be for the file to be read again regardless of its stamp.
const RACY: Duration = Duration::from_secs(1);

/// What identifies one version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: u64,
    #[cfg(unix)]
    changed: (i64, i64),
}

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    use std::os::unix::fs::MetadataExt;
    Some(Stamp {
        len: m.len(),
        modified: m.modified().ok(),
        #[cfg(unix)]
        inode: m.ino(),
        #[cfg(unix)]
        changed: (m.ctime(), m.ctime_nsec()),
    })
}

/// The texts read by the last load, by absolute path. `SourceCache::default()` keeps nothing.
#[derive(Debug, Default)]
pub(crate) struct SourceCache {
    enabled: bool,
    previous: HashMap<PathBuf, (Stamp, Arc<str>)>,
    current: HashMap<PathBuf, (Stamp, Arc<str>)>,
}

impl SourceCache {
    pub(crate) fn on() -> SourceCache {
        SourceCache {
            enabled: true,
            ..SourceCache::default()
        }
    }

    /// Whether texts are kept from one load to the next (watch).
    pub(crate) fn is_on(&self) -> bool {
        self.enabled
    }

    /// The text read last time, if the file has not changed since.
    pub(crate) fn get(&mut self, path: &Path) -> Option<Arc<str>> {
        let (stamp_then, text) = self.previous.remove(path)?;
        let now = stamp(path)?;
        if now != stamp_then || is_racy(&now) {
            return None;
        }
        self.current.insert(path.to_path_buf(), (now, text.clone()));
        Some(text)
    }

    /// The stamp to pass to `keep`, taken before reading so a write during the read shows.
    pub(crate) fn before_reading(&self, path: &Path) -> Option<Stamp> {
        self.enabled.then(|| stamp(path)).flatten()
    }

    /// Remembers a text just read.
    pub(crate) fn keep(&mut self, path: &Path, before: Option<Stamp>, text: &Arc<str>) {
        if let Some(stamp) = before {
            self.current
                .insert(path.to_path_buf(), (stamp, text.clone()));
        }
    }

    /// Ends a load: files not read in it (deleted, or now ignored) are forgotten.
    pub(crate) fn finish(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }
}

fn is_racy(s: &Stamp) -> bool {
    s.modified
        .and_then(|m| SystemTime::now().duration_since(m).ok())
        .is_none_or(|age| age < RACY)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(cache: &mut SourceCache, path: &Path) -> (Arc<str>, bool) {
        if let Some(text) = cache.get(path) {
            return (text, true);
        }
        let before = cache.before_reading(path);
        let text: Arc<str> = Arc::from(std::fs::read_to_string(path).unwrap());
        cache.keep(path, before, &text);
        (text, false)
    }

    fn age(path: &Path) {
        let old = SystemTime::now() - Duration::from_secs(60);
        let f = std::fs::File::options().write(true).open(path).unwrap();
        f.set_modified(old).unwrap();
    }

    #[test]
    fn an_unchanged_file_is_not_read_again_and_a_changed_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "one").unwrap();
        age(&path);
        let mut cache = SourceCache::on();
        assert_eq!(read(&mut cache, &path), (Arc::from("one"), false));
        cache.finish();
        assert_eq!(read(&mut cache, &path), (Arc::from("one"), true));
        cache.finish();
        std::fs::write(&path, "two").unwrap();
        age(&path);
        assert_eq!(read(&mut cache, &path), (Arc::from("two"), false));
    }

    #[test]
    fn a_file_modified_just_now_is_always_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "one").unwrap();
        let mut cache = SourceCache::on();
        read(&mut cache, &path);
        cache.finish();
        assert!(!read(&mut cache, &path).1, "a racy file came from memory");
    }

    #[test]
    fn files_not_read_in_a_load_are_forgotten_and_off_keeps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "one").unwrap();
        age(&path);
        let mut cache = SourceCache::on();
        read(&mut cache, &path);
        cache.finish();
        cache.finish();
        assert!(cache.get(&path).is_none());
        let mut off = SourceCache::default();
        read(&mut off, &path);
        off.finish();
        assert!(off.get(&path).is_none());
    }
}
