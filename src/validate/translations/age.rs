//! When a file was last changed: its last commit when the toolkit is in a git repository and the
//! file is committed as it is, else its modification time. Git is asked twice per check, for
//! every file at once; without git (or outside a repository) only file times are used.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

/// A file's last change, as far as it is known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Stamp {
    /// Seconds since 1970 of its last commit, when it has no uncommitted changes.
    pub(crate) commit: Option<i64>,
    pub(crate) modified: Option<SystemTime>,
}

/// How a translation was found older than its original, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Basis {
    Commits,
    FileTimes,
}

/// Files written by one copy or checkout (an unzipped toolkit, a USB stick) are seconds apart
/// at most, whatever their order: not an edit.
const SAME_SAVE: std::time::Duration = std::time::Duration::from_secs(2);

/// Whether the translation is older than its original: by commit when both are committed,
/// else by file time. None when it is not older (or nothing is known).
pub(crate) fn older(original: Stamp, translation: Stamp) -> Option<Basis> {
    if let (Some(o), Some(t)) = (original.commit, translation.commit) {
        return (t < o).then_some(Basis::Commits);
    }
    match (original.modified, translation.modified) {
        (Some(o), Some(t)) if o.duration_since(t).is_ok_and(|d| d > SAME_SAVE) => {
            Some(Basis::FileTimes)
        }
        _ => None,
    }
}

/// The commit times of a repository's files, by path from the toolkit root.
#[derive(Debug, Default)]
pub(crate) struct History {
    committed: HashMap<PathBuf, i64>,
    changed: HashSet<PathBuf>,
}

impl History {
    /// Reads `git log` and `git status` at `root` (nothing when git is missing or `root` is not
    /// in a repository).
    pub(crate) fn read(root: &Path) -> History {
        let Some(log) = git(
            root,
            &[
                "log",
                "--relative",
                "--name-only",
                "-z",
                "--format=%x01%ct",
                "--",
                "content",
            ],
        ) else {
            return History::default();
        };
        let prefix = git(root, &["rev-parse", "--show-prefix"]).unwrap_or_default();
        let status = git(
            root,
            &[
                "status",
                "--porcelain=v1",
                "-z",
                "--untracked-files=all",
                "--",
                "content",
            ],
        )
        .unwrap_or_default();
        History {
            committed: parse_log(&log),
            changed: parse_status(&status, prefix.trim_end()),
        }
    }

    /// The stamp of `path` (from the toolkit root), with its modification time read from disk.
    pub(crate) fn stamp(&self, root: &Path, path: &Path) -> Stamp {
        let commit = if self.changed.contains(path) {
            None
        } else {
            self.committed.get(path).copied()
        };
        let modified = std::fs::metadata(root.join(path))
            .and_then(|m| m.modified())
            .ok();
        Stamp { commit, modified }
    }
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `git log --name-only -z --format=%x01%ct`: each commit is `\x01<time>\n` then its files, NUL
/// separated. Newest first, so a file's first time is its last commit.
fn parse_log(log: &str) -> HashMap<PathBuf, i64> {
    let mut out = HashMap::new();
    for commit in log.split('\u{1}').filter(|c| !c.is_empty()) {
        let (time, files) = commit.split_once('\n').unwrap_or((commit, ""));
        let blank = |c: char| c.is_whitespace() || c == '\0';
        let Ok(time) = time.trim_matches(blank).parse::<i64>() else {
            continue;
        };
        for file in files
            .split('\0')
            .map(|f| f.trim_matches(blank))
            .filter(|f| !f.is_empty())
        {
            out.entry(PathBuf::from(file)).or_insert(time);
        }
    }
    out
}

/// `git status --porcelain=v1 -z`: `XY path` entries, paths from the repository's top; a rename
/// carries its old path in the next entry. `prefix` is where the toolkit sits in the repository.
fn parse_status(status: &str, prefix: &str) -> HashSet<PathBuf> {
    let mut out = HashSet::new();
    let mut entries = status.split('\0').filter(|e| e.len() > 3);
    while let Some(entry) = entries.next() {
        let (code, path) = entry.split_at(3);
        if code.starts_with('R') || code.starts_with('C') {
            entries.next();
        }
        let path = path.strip_prefix(prefix).unwrap_or(path);
        out.insert(PathBuf::from(path));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(secs: u64) -> Option<SystemTime> {
        Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
    }

    #[test]
    fn commits_decide_when_both_files_are_committed() {
        let original = Stamp {
            commit: Some(200),
            modified: at(10),
        };
        let translation = Stamp {
            commit: Some(100),
            modified: at(500),
        };
        assert_eq!(older(original, translation), Some(Basis::Commits));
        let same = Stamp {
            commit: Some(200),
            modified: at(1),
        };
        assert_eq!(older(original, same), None);
    }

    #[test]
    fn file_times_decide_when_either_file_is_not_committed() {
        let copied = Stamp {
            commit: None,
            modified: at(101),
        };
        assert_eq!(
            older(
                copied,
                Stamp {
                    commit: None,
                    modified: at(100)
                }
            ),
            None
        );
        let original = Stamp {
            commit: None,
            modified: at(300),
        };
        let translation = Stamp {
            commit: Some(900),
            modified: at(100),
        };
        assert_eq!(older(original, translation), Some(Basis::FileTimes));
        assert_eq!(older(Stamp::default(), translation), None);
    }

    #[test]
    fn the_log_gives_each_file_its_latest_commit() {
        let log =
            "\u{1}300\0\ncontent/a.md\0content/a.fr.md\0\u{1}200\0\ncontent/a.md\0content/b.md\0";
        let times = parse_log(log);
        assert_eq!(times[Path::new("content/a.md")], 300);
        assert_eq!(times[Path::new("content/b.md")], 200);
    }

    #[test]
    fn status_lists_changed_files_from_the_toolkit_root() {
        let status = " M kit/content/a.md\0R  kit/content/new.md\0kit/content/old.md\0?? kit/content/b.fr.md\0";
        let changed = parse_status(status, "kit/");
        assert!(changed.contains(Path::new("content/a.md")));
        assert!(changed.contains(Path::new("content/new.md")));
        assert!(changed.contains(Path::new("content/b.fr.md")));
        assert!(!changed.contains(Path::new("content/old.md")));
    }
}
