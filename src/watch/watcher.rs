//! The file watcher: notify with a short debounce, handing batches of paths to a channel.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use notify::{EventHandler, RecommendedWatcher, RecursiveMode, WatcherKind};
use notify_debouncer_mini::{
    new_debouncer_opt, Config, DebounceEventResult, DebouncedEventKind, Debouncer,
};

use super::classify::{Batch, WATCHED_DIRS};
use super::Msg;

/// How long a path must stay quiet before its events are handed over. Editors finish a save in
/// well under this; a longer wait would only delay the rebuild (QUALITY.md: under 50 ms from
/// save to page on disk).
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(15);

/// notify's own watcher, less the events of files being opened, read and closed: a build
/// reads every source, and those reads must not look like edits.
pub(crate) struct ChangesOnly(RecommendedWatcher);

struct SkipAccess<H>(H);

impl<H: EventHandler> EventHandler for SkipAccess<H> {
    fn handle_event(&mut self, event: notify::Result<notify::Event>) {
        if !matches!(&event, Ok(e) if e.kind.is_access()) {
            self.0.handle_event(event);
        }
    }
}

impl notify::Watcher for ChangesOnly {
    fn new<F: EventHandler>(handler: F, config: notify::Config) -> notify::Result<Self> {
        RecommendedWatcher::new(SkipAccess(handler), config).map(ChangesOnly)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn kind() -> WatcherKind {
        RecommendedWatcher::kind()
    }
}

/// Watches site.toml (through the root folder, since editors replace files by renaming) and the
/// source folders that exist.
pub(crate) struct Watcher {
    debouncer: Debouncer<ChangesOnly>,
    root: PathBuf,
    watched: HashSet<PathBuf>,
}

impl Watcher {
    pub(crate) fn start(root: &Path, tx: Sender<Msg>) -> notify::Result<Watcher> {
        let config = Config::default().with_timeout(DEBOUNCE);
        let debouncer = new_debouncer_opt(config, move |result: DebounceEventResult| {
            let msg = match result {
                Ok(events) => Msg::Files(Batch {
                    settled: events.iter().all(|e| e.kind == DebouncedEventKind::Any),
                    paths: events.into_iter().map(|e| e.path).collect(),
                    emitted: Instant::now(),
                }),
                Err(e) => Msg::WatchError(e.to_string()),
            };
            // A closed channel means the session is ending: nothing left to tell.
            let _ = tx.send(msg);
        })?;
        let mut w = Watcher {
            debouncer,
            root: root.to_path_buf(),
            watched: HashSet::new(),
        };
        w.debouncer
            .watcher()
            .watch(root, RecursiveMode::NonRecursive)?;
        w.refresh();
        Ok(w)
    }

    /// Watches source folders created since the last call (a new templates/ folder) and forgets
    /// removed ones, so a folder that comes back is watched again.
    pub(crate) fn refresh(&mut self) {
        for name in WATCHED_DIRS {
            let dir = self.root.join(name);
            let exists = dir.is_dir();
            let known = self.watched.contains(&dir);
            if exists && !known {
                let ok = self
                    .debouncer
                    .watcher()
                    .watch(&dir, RecursiveMode::Recursive)
                    .is_ok();
                if ok {
                    self.watched.insert(dir);
                }
            } else if !exists && known {
                let _ = self.debouncer.watcher().unwatch(&dir);
                self.watched.remove(&dir);
            }
        }
    }
}
