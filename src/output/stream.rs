//! Writing while the build runs. `trellis build` opens the staging folder before it renders, and
//! every finished file goes there at once: a build holds the files it is making, not the whole
//! site. The folder is swapped in when the build succeeds, and removed when it fails, so a failed
//! build still leaves the previous output untouched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::lock::{lock, remove_leftovers, side_folder, OutputLock};
use super::{cleanup, swap_in, write_one, Content, MARKER, MARKER_TEXT};
use crate::fsutil::{self, IoError, IoResult};

/// The folder a build writes into before the swap.
pub(crate) struct Staging {
    out: PathBuf,
    dir: PathBuf,
    lock: Mutex<Option<OutputLock>>,
    /// The first write that failed: the build goes on (it may still find mistakes to report)
    /// and fails when it would swap.
    failed: Mutex<Option<IoError>>,
}

impl std::fmt::Debug for Staging {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Staging({})", self.dir.display())
    }
}

impl Staging {
    /// Takes the output lock and opens a fresh staging folder beside `out` (which must have
    /// passed `check_output_dir`).
    pub(crate) fn open(out: &Path) -> IoResult<Arc<Staging>> {
        let parent = out.parent().unwrap_or(Path::new("."));
        fsutil::create_dir_all(parent)?;
        let lock = lock(out)?;
        remove_leftovers(out)?;
        let dir = side_folder(out, "new");
        fsutil::create_dir_all(&dir)?;
        let staging = Staging {
            out: out.to_path_buf(),
            dir,
            lock: Mutex::new(Some(lock)),
            failed: Mutex::new(None),
        };
        fsutil::write(&staging.dir.join(MARKER), MARKER_TEXT.as_bytes())?;
        Ok(Arc::new(staging))
    }

    /// Writes one file now. A failure is kept for `finish`.
    pub(crate) fn write(&self, rel: &str, content: &Content) {
        if let Err(e) = write_one(&self.dir.join(rel), content) {
            crate::locked(&self.failed).get_or_insert(e);
        }
    }

    fn first_failure(&self) -> Option<IoError> {
        crate::locked(&self.failed).take()
    }

    /// Writes what the build still holds in memory (`files` not yet `Written`), then swaps the
    /// folder in. The first failed write, now or while the build ran, fails the swap.
    pub(crate) fn finish(&self, files: &BTreeMap<String, Content>) -> IoResult<()> {
        use rayon::prelude::*;
        if let Some(e) = self.first_failure() {
            return Err(e);
        }
        files
            .par_iter()
            .filter(|(_, c)| !matches!(c, Content::Written))
            .try_for_each(|(rel, content)| write_one(&self.dir.join(rel), content))?;
        let old = side_folder(&self.out, "old");
        swap_in(&self.dir, &self.out, &old)?;
        let lock = crate::locked(&self.lock).take();
        if let (true, Some(lock)) = (old.exists(), lock) {
            // The new output is in place: the old one is deleted while the build finishes.
            cleanup::remove_in_background(old, lock);
        }
        Ok(())
    }
}

impl Drop for Staging {
    /// A staging folder that was not swapped in (the build failed) is removed.
    fn drop(&mut self) {
        if self.dir.exists() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
