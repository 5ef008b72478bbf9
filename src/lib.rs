//! Trellis: a static-site generator for partnership toolkits.
//!
//! The data flows top to bottom through the modules:
//! site.toml + content/ -> [`config`] + [`content`] (load) -> [`markdown`] + [`render`]
//! -> [`build`] (the orchestrator) -> [`output`] (the one writer).

// No panics on an author's input: outside tests, errors are values (STYLE.md).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod data;
pub mod diagnostic;
pub mod fsutil;
pub mod i18n;
pub mod init;
pub mod look;
pub mod markdown;
pub mod names;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod tomlinput;
pub mod validate;
pub mod watch;

/// Locks `m`, also after a thread that held it panicked: the panic is reported on its own, and
/// what Trellis keeps behind a lock (caches, pending work, the live-reload state) stays usable.
pub(crate) fn locked<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What `m` holds, once no one else can lock it (also after a thread that held it panicked).
pub(crate) fn unlocked<T>(m: std::sync::Mutex<T>) -> T {
    m.into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Writing a toolkit's files in unit tests.
#[cfg(test)]
pub(crate) mod test_files {
    use std::path::Path;

    /// Writes `text` to `rel` under `root`, making its folders.
    pub(crate) fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}
