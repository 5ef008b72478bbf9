//! Beside the output folder: where builds write before the swap, the leftovers of builds that
//! were killed, and the lock that keeps two builds from writing the same folder at once.

use std::path::{Path, PathBuf};

use crate::fsutil::{self, IoResult};

/// The folder beside `out` where this process writes a new build (`new`) or parks the previous
/// one while swapping (`old`): `.public.trellis-new-PID`.
pub(super) fn side_folder(out: &Path, kind: &str) -> PathBuf {
    out.with_file_name(format!(
        ".{}.trellis-{kind}-{}",
        folder_name(out),
        std::process::id()
    ))
}

fn folder_name(out: &Path) -> String {
    out.file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
}

/// Removes the side folders of builds that were killed before they could clean up (any
/// process's: the caller holds the lock, so no other build is writing).
pub(super) fn remove_leftovers(out: &Path) -> IoResult<()> {
    let parent = out.parent().unwrap_or(Path::new("."));
    let prefixes = [
        format!(".{}.trellis-new-", folder_name(out)),
        format!(".{}.trellis-old-", folder_name(out)),
    ];
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = prefixes.iter().find_map(|p| name.strip_prefix(p.as_str()));
        if pid.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
            fsutil::remove_dir_all(&entry.path())?;
        }
    }
    Ok(())
}

/// Held while a build writes `out`: a second build into the same folder waits for the first
/// (up to `LOCK_PATIENCE`) instead of racing it. The lock is the operating system's (an
/// advisory lock on the folder that holds `out`), so a killed build never leaves it behind.
pub(crate) struct OutputLock {
    _file: Option<std::fs::File>,
}

/// How long a build waits for another one writing the same output folder.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(60);

/// Takes the output lock for `out`, waiting while another build holds it. This process's own
/// removal of an old output finishes first (it holds the lock until then).
pub(crate) fn lock(out: &Path) -> IoResult<OutputLock> {
    super::cleanup::finish();
    let parent = out.parent().unwrap_or(Path::new("."));
    // Folders can be opened (and locked) on Unix only; elsewhere builds are not serialised.
    let Ok(file) = std::fs::File::open(parent) else {
        return Ok(OutputLock { _file: None });
    };
    let start = std::time::Instant::now();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(OutputLock { _file: Some(file) }),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_PATIENCE => {
                if !told {
                    eprintln!(
                        "waiting: another trellis build is writing {}",
                        out.display()
                    );
                    told = true;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(fsutil::IoError {
                    path: out.to_path_buf(),
                    action: "write",
                    source: std::io::Error::other(format!(
                        "another trellis build has been writing this folder for over {} s; \
                         stop it, or build into another folder with --output",
                        LOCK_PATIENCE.as_secs()
                    )),
                })
            }
            Err(std::fs::TryLockError::Error(_)) => return Ok(OutputLock { _file: None }),
        }
    }
}
