//! From file-system events to what changed for the site: a pure function, tested on its own.
//!
//! The watcher reports paths (several per save: editors write temporary files, rename, keep
//! backups). This turns a batch of them into `Changes`, leaving out everything a build does not
//! read, so that an editor's bookkeeping never causes a rebuild.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::CONFIG_FILE;
use crate::content::is_ignored_name;

/// One source file (or folder) that changed, relative to the toolkit root.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Change {
    /// site.toml: every page may change.
    Config,
    /// A page, section, data file or page-folder asset under content/.
    Content(PathBuf),
    /// A file under static/, copied as it is.
    Static(PathBuf),
    /// A template or theme file (templates/, themes/): every page may change.
    Theme(PathBuf),
}

impl Change {
    /// The path as the author knows it.
    pub(crate) fn path(&self) -> PathBuf {
        match self {
            Change::Config => PathBuf::from(CONFIG_FILE),
            Change::Content(p) | Change::Static(p) | Change::Theme(p) => p.clone(),
        }
    }
}

/// The changes in one batch of events, without repeats, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Changes(pub BTreeSet<Change>);

impl Changes {
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn extend(&mut self, other: Changes) {
        self.0.extend(other.0);
    }

    /// "content/a.md", "content/a.md and site.toml", "content/a.md and 3 more".
    pub(crate) fn describe(&self) -> String {
        let paths: Vec<String> = self
            .0
            .iter()
            .map(|c| c.path().to_string_lossy().replace('\\', "/"))
            .collect();
        match paths.as_slice() {
            [] => "nothing".into(),
            [one] => one.clone(),
            [a, b] => format!("{a} and {b}"),
            [a, rest @ ..] => format!("{a} and {} more", rest.len()),
        }
    }
}

/// The folders a toolkit's sources live in, each watched recursively.
pub(crate) const WATCHED_DIRS: &[&str] = &["content", "static", "templates", "themes"];

/// Classifies the paths of one batch of events. `root` is the toolkit folder and `out` the
/// output folder (both absolute); paths outside the sources, inside the output, or that a build
/// ignores (hidden files, editor backups and temporary files) are left out.
pub(crate) fn classify(root: &Path, out: Option<&Path>, paths: &[PathBuf]) -> Changes {
    Changes(
        paths
            .iter()
            .filter_map(|p| classify_one(root, out, p))
            .collect(),
    )
}

fn classify_one(root: &Path, out: Option<&Path>, path: &Path) -> Option<Change> {
    if out.is_some_and(|o| path.starts_with(o)) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(name) => parts.push(name.to_string_lossy()),
            _ => return None,
        }
    }
    if parts.iter().any(|p| is_ignored_name(p)) {
        return None;
    }
    let rel = rel.to_path_buf();
    match parts.first().map(std::convert::AsRef::as_ref) {
        Some(CONFIG_FILE) if parts.len() == 1 => Some(Change::Config),
        Some("content") => Some(Change::Content(rel)),
        Some("static") => Some(Change::Static(rel)),
        Some("templates" | "themes") => Some(Change::Theme(rel)),
        _ => None,
    }
}

/// A batch of paths from the debouncer, stamped when it was handed over.
#[derive(Debug, Clone)]
pub(crate) struct Batch {
    pub(crate) paths: Vec<PathBuf>,
    pub(crate) emitted: Instant,
    /// Whether every path had been quiet for the whole debounce time (not a continuing stream
    /// of writes).
    pub(crate) settled: bool,
}

impl Batch {
    /// Whether every change in the batch happened before a rebuild that started reading at
    /// `last_scan`, which therefore already saw it. The debouncer hands a settled path over only
    /// after `debounce` without events, so its last event is at least that old; a burst that the
    /// debouncer split in two thus causes one rebuild, not two.
    pub(crate) fn is_stale(&self, debounce: Duration, last_scan: Option<Instant>) -> bool {
        let Some(scan) = last_scan else {
            return false;
        };
        self.settled
            && self
                .emitted
                .checked_sub(debounce)
                .is_some_and(|last_event| last_event <= scan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify_strs(paths: &[&str]) -> Vec<Change> {
        let root = Path::new("/kit");
        let paths: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
        classify(root, Some(Path::new("/kit/public")), &paths)
            .0
            .into_iter()
            .collect()
    }

    #[test]
    fn sources_are_classified_by_folder() {
        assert_eq!(
            classify_strs(&[
                "site.toml",
                "content/start/first.md",
                "static/logo.svg",
                "templates/page.html",
                "themes/mine/static/style.css",
            ]),
            vec![
                Change::Config,
                Change::Content("content/start/first.md".into()),
                Change::Static("static/logo.svg".into()),
                Change::Theme("templates/page.html".into()),
                Change::Theme("themes/mine/static/style.css".into()),
            ]
        );
    }

    #[test]
    fn editor_bookkeeping_is_ignored() {
        // vim (swap file, its write test `4913`, the backup `~`), emacs, JetBrains, gedit,
        // macOS Finder.
        let junk = [
            "content/start/.first.md.swp",
            "content/start/.first.md.swx",
            "content/start/4913",
            "content/start/first.md~",
            "content/start/#first.md#",
            "content/start/.#first.md",
            "content/start/first.md___jb_tmp___",
            "content/start/.goutputstream-XK2Z11",
            "static/.DS_Store",
            "content/.hidden/page.md",
        ];
        assert_eq!(classify_strs(&junk), vec![]);
    }

    #[test]
    fn a_save_through_a_temporary_file_is_one_change() {
        let save = [
            "content/start/4913",
            "content/start/first.md~",
            "content/start/first.md",
            "content/start/first.md",
            "content/start/.first.md.swp",
        ];
        assert_eq!(
            classify_strs(&save),
            vec![Change::Content("content/start/first.md".into())]
        );
    }

    #[test]
    fn the_output_and_other_folders_are_ignored() {
        assert_eq!(
            classify_strs(&[
                "public/index.html",
                "target/debug/x",
                "README.md",
                "content.md"
            ]),
            vec![]
        );
        let outside = classify(
            Path::new("/kit"),
            None,
            &[PathBuf::from("/elsewhere/content/a.md")],
        );
        assert!(outside.is_empty());
    }

    #[test]
    fn an_output_folder_inside_content_would_still_be_ignored() {
        let root = Path::new("/kit");
        let out = Path::new("/kit/content/built");
        let c = classify(
            root,
            Some(out),
            &[PathBuf::from("/kit/content/built/a.html")],
        );
        assert!(c.is_empty());
    }

    #[test]
    fn changes_describe_themselves_briefly() {
        let c = Changes(
            [
                Change::Content("content/a.md".into()),
                Change::Config,
                Change::Static("static/x.pdf".into()),
            ]
            .into(),
        );
        assert_eq!(c.describe(), "site.toml and 2 more");
        let one = Changes([Change::Content("content/a.md".into())].into());
        assert_eq!(one.describe(), "content/a.md");
    }

    #[test]
    fn a_settled_batch_older_than_the_last_scan_is_stale() {
        let debounce = Duration::from_millis(15);
        let scan = Instant::now();
        let batch = |emitted: Instant, settled: bool| Batch {
            paths: vec![],
            emitted,
            settled,
        };
        // Emitted 10 ms after the scan began: its events are at least 5 ms older than the scan.
        let split_off = batch(scan + Duration::from_millis(10), true);
        assert!(split_off.is_stale(debounce, Some(scan)));
        // Emitted 30 ms after: its last event may have come after the scan read the files.
        let later = batch(scan + Duration::from_millis(30), true);
        assert!(!later.is_stale(debounce, Some(scan)));
        // A path still being written is never stale, and nothing is before the first build.
        assert!(!batch(scan + Duration::from_millis(10), false).is_stale(debounce, Some(scan)));
        assert!(!split_off.is_stale(debounce, None));
    }
}
