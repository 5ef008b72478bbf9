//! Removing the previous output after a swap, without making the build wait for it.
//!
//! Once the new output is in place, the old one (parked in a side folder) is only garbage, and
//! deleting tens of thousands of files is a third of a large build's time. It is deleted by a
//! background thread, in parallel, while the build reports and frees its memory. The thread keeps
//! the output lock until it is done, so no other build touches the side folder meanwhile; this
//! process waits for it before writing again (`finish`, called by `lock`) and before it exits
//! (`main` calls `finish`). A process killed before then leaves the side folder behind, and the
//! next build removes it with the other leftovers.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread::JoinHandle;

use super::lock::OutputLock;

/// This process's removals still running.
static PENDING: Mutex<Vec<JoinHandle<()>>> = Mutex::new(Vec::new());

/// Deletes `old` in the background, holding `lock` until it is gone. When no thread can be
/// started, deletes it now.
pub(super) fn remove_in_background(old: PathBuf, lock: OutputLock) {
    let spawned = std::thread::Builder::new()
        .name("trellis-remove-old-output".into())
        .spawn({
            let old = old.clone();
            move || {
                remove_tree(&old);
                drop(lock);
            }
        });
    match spawned {
        Ok(handle) => pending().push(handle),
        Err(_) => remove_tree(&old),
    }
}

/// Waits until every removal this process started has finished.
pub fn finish() {
    let handles: Vec<JoinHandle<()>> = pending().drain(..).collect();
    for handle in handles {
        let _ = handle.join();
    }
}

fn pending() -> std::sync::MutexGuard<'static, Vec<JoinHandle<()>>> {
    crate::locked(&PENDING)
}

/// Removes a folder, its top-level entries in parallel. A failure leaves the rest for the next
/// build's leftover cleaning: the new output is already in place, so nothing is lost.
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    let entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(_) => return,
    };
    entries.par_iter().for_each(|path| {
        let _ = match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path),
            _ => std::fs::remove_file(path),
        };
    });
    let _ = std::fs::remove_dir(dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_old_output_is_gone_once_the_removal_is_finished() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".public.trellis-old-1");
        for rel in ["a/index.html", "a/b/index.html", "style.css"] {
            let path = old.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "old").unwrap();
        }
        let lock = super::super::lock(&dir.path().join("public")).unwrap();
        remove_in_background(old.clone(), lock);
        finish();
        assert!(!old.exists());
        // The lock went with the removal: the next build takes it at once.
        drop(super::super::lock(&dir.path().join("public")).unwrap());
    }
}
