//! `trellis watch`: build, then rebuild after every change, writing only the files that changed.
//!
//! The pieces, in the order an edit flows through them:
//! - `watcher`: notify with a short debounce hands over batches of paths;
//! - `classify`: a pure function turns them into `Changes`, dropping editor bookkeeping;
//! - `Session::rebuild`: renders the site again reusing unchanged work (build/memo.rs). Once
//!   every page is rendered, the pages whose bytes changed are written (`output::sync_early`),
//!   so an edited page is on disk before the print pages and the search index are made again;
//!   at the end `output::sync` writes the other files that changed and removes the ones that
//!   disappeared.
//!
//! The output therefore always equals a full build of the same sources (tests/watch.rs checks
//! this through a scripted series of edits).

pub(crate) mod classify;
mod watcher;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::build::memo::Memo;
use crate::build::{self, BuildOptions, Failure, Stats};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{self, Sink, WritePlan, Written};

pub(crate) use classify::{Batch, Changes};
pub(crate) use watcher::DEBOUNCE;

/// What the watch loop receives: batches from the watcher, or the order to stop (Ctrl-C).
#[derive(Debug)]
pub(crate) enum Msg {
    Files(Batch),
    WatchError(String),
    Stop,
}

/// A toolkit being watched: the render cache and what the output folder holds.
pub(crate) struct Session {
    root: PathBuf,
    opts: BuildOptions,
    /// Where to write; None until site.toml has been read (its output_dir decides).
    out: Option<PathBuf>,
    cache: Memo,
    /// What the output folder holds (shared with the build while it writes the pages first).
    written: Arc<Mutex<Option<Written>>>,
}

/// A successful rebuild.
#[derive(Debug)]
pub(crate) struct Rebuilt {
    pub(crate) stats: Stats,
    /// The output files written and removed.
    pub(crate) plan: WritePlan,
    pub(crate) warnings: Diagnostics,
    pub(crate) elapsed: Duration,
    pub(crate) out: PathBuf,
}

/// What the loop tells its owner (the command line, the server).
pub(crate) enum Event<'a> {
    /// The first build (`trigger` None) or a rebuild after `trigger` changed.
    Built {
        trigger: Option<&'a Changes>,
        result: &'a Result<Rebuilt, Failure>,
    },
    /// The watcher itself reported a problem (too many files to watch, a folder gone).
    WatchError(&'a str),
    /// Watching has begun, after the first build.
    Watching,
    /// `trellis serve` serves the site at this address.
    Serving(&'a str),
}

impl Session {
    /// `out`: a fixed output folder, already checked (serve's temporary folder, `--output`), or
    /// None for site.toml's output_dir.
    pub(crate) fn new(root: &Path, opts: BuildOptions, out: Option<PathBuf>) -> Session {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        Session {
            root,
            opts,
            out,
            cache: Memo::on(),
            written: Arc::default(),
        }
    }

    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    pub(crate) fn out(&self) -> Option<&Path> {
        self.out.as_deref()
    }

    /// Renders the site (reusing what did not change) and brings the output folder up to date:
    /// the pages first, as soon as they are all rendered, then the rest. On errors the output
    /// folder is left as it was: pages already written are put back (`output::finish_early`).
    pub(crate) fn rebuild(&mut self) -> Result<Rebuilt, Failure> {
        let start = Instant::now();
        let early: Arc<Mutex<Vec<String>>> = Arc::default();
        let (rendered, diags) = build::render_site_to(
            &self.root,
            &self.opts,
            &mut self.cache,
            &mut |_| match &self.out {
                Some(out) => pages_first(out.clone(), &self.written, &early),
                None => Sink::Memory,
            },
        );
        let early: Vec<String> = crate::locked(&early).drain(..).collect();
        let Some(rendered) = rendered.filter(|_| !build::fails(&diags, &self.opts)) else {
            self.undo_early(&early);
            return Err(Failure::Toolkit(diags));
        };
        let out = match &self.out {
            Some(out) => out.clone(),
            None => build::output_dir(&self.root, &rendered.site, &self.opts)?,
        };
        self.out = Some(out.clone());
        let synced = output::sync(&out, &rendered.outputs, &mut crate::locked(&self.written));
        let mut plan = match synced {
            Ok(plan) => plan,
            Err(e) => {
                self.undo_early(&early);
                return Err(Failure::Io(e, diags));
            }
        };
        output::finish_early(&out, &early, true);
        plan.write.extend(early);
        plan.write.sort();
        plan.write.dedup();
        Ok(Rebuilt {
            stats: rendered.stats,
            plan,
            warnings: diags,
            elapsed: start.elapsed(),
            out,
        })
    }
}

impl Session {
    /// Puts back the pages a failed rebuild wrote early; what the folder holds is then unknown
    /// to the next rebuild, which writes it whole.
    fn undo_early(&mut self, early: &[String]) {
        if let (Some(out), false) = (&self.out, early.is_empty()) {
            output::finish_early(out, early, false);
            *crate::locked(&self.written) = None;
        }
    }
}

/// Writes a rebuild's changed pages into `out` as soon as they are all rendered, noting them in
/// `early`. A write that fails leaves `written` unknown, so the sync at the end writes the whole
/// output again (and reports the failure if it persists).
fn pages_first(
    out: PathBuf,
    written: &Arc<Mutex<Option<Written>>>,
    early: &Arc<Mutex<Vec<String>>>,
) -> Sink {
    let (written, early) = (Arc::clone(written), Arc::clone(early));
    Sink::PagesFirst(Arc::new(move |outputs| {
        if let Ok(paths) = output::sync_early(&out, outputs, &mut crate::locked(&written)) {
            crate::locked(&early).extend(paths);
        }
    }))
}

/// Builds, then rebuilds after every change until a `Msg::Stop` arrives or every sender is
/// gone. `tx` is given to the watcher; `report` hears about every build.
pub(crate) fn run(
    session: &mut Session,
    (tx, rx): (Sender<Msg>, Receiver<Msg>),
    mut report: impl FnMut(Event),
) -> notify::Result<()> {
    // The watcher starts before the first build reads anything, so no edit falls in between.
    let mut watcher = watcher::Watcher::start(session.root(), tx)?;
    let mut last_scan = Instant::now();
    let result = session.rebuild();
    report(Event::Built {
        trigger: None,
        result: &result,
    });
    report(Event::Watching);
    while let Ok(msg) = rx.recv() {
        let Some(changes) = gather(session, msg, &rx, last_scan, &mut report) else {
            break;
        };
        if changes.is_empty() {
            continue;
        }
        watcher.refresh();
        last_scan = Instant::now();
        let result = session.rebuild();
        report(Event::Built {
            trigger: Some(&changes),
            result: &result,
        });
    }
    Ok(())
}

/// The changes in `first` and in every message already waiting behind it (so a burst of
/// batches is one rebuild), leaving out batches the last rebuild already saw. None: stop.
fn gather(
    session: &Session,
    first: Msg,
    rx: &Receiver<Msg>,
    last_scan: Instant,
    report: &mut impl FnMut(Event),
) -> Option<Changes> {
    let mut changes = Changes::default();
    let mut next = Some(first);
    while let Some(msg) = next {
        match msg {
            Msg::Stop => return None,
            Msg::WatchError(e) => report(Event::WatchError(&e)),
            Msg::Files(batch) if !batch.is_stale(DEBOUNCE, Some(last_scan)) => {
                let found = classify::classify(session.root(), session.out(), &batch.paths);
                changes.extend(found);
            }
            Msg::Files(_) => {}
        }
        next = rx.try_recv().ok();
    }
    Some(changes)
}

/// `trellis watch`: checks `--output` like build does, then runs until Ctrl-C.
pub(crate) fn run_command(
    root: &Path,
    opts: BuildOptions,
    report: impl FnMut(Event),
) -> Result<(), Diagnostic> {
    let out = match &opts.output {
        Some(dir) => Some(
            output::check_output_dir(root, dir)
                .map_err(|r| Diagnostic::error(format!("--output: {}", r.message)).hint(r.hint))?,
        ),
        None => None,
    };
    let mut session = Session::new(root, opts, out);
    let (tx, rx) = std::sync::mpsc::channel();
    stop_on_ctrl_c(tx.clone());
    run(&mut session, (tx, rx), report)
        .map_err(|e| Diagnostic::error(format!("could not watch the toolkit: {e}")))
}

/// Sends `Msg::Stop` on Ctrl-C or SIGTERM (from a small thread of its own, since watch has no
/// runtime).
pub(crate) fn stop_on_ctrl_c(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build();
        if let Ok(rt) = runtime {
            rt.block_on(stop_signal());
            let _ = tx.send(Msg::Stop);
            exit_if_still_running(Vec::new());
        }
    });
}

/// How long the process may take to stop by itself after Ctrl-C: the rebuild loop only sees the
/// order between builds, and a build of a large toolkit may still be running.
const STOP_GRACE: Duration = Duration::from_secs(3);

/// Waits for Ctrl-C (SIGINT) or, on Unix, SIGTERM (what `kill` and service managers send): both
/// stop watch and serve the same way. Never returns if neither can be listened for.
pub(crate) async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                r = tokio::signal::ctrl_c() => if r.is_err() { std::future::pending::<()>().await },
                _ = term.recv() => {}
            }
            return;
        }
    }
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// Called once the stop order is sent: when the process has not ended by itself within
/// `STOP_GRACE` (a build is still running), removes `temporary` and exits with 130, the code of
/// an interrupted program. An output folder half-written by the interrupted build is never the
/// published one: builds write beside it and swap, and the next build clears what is left.
pub(crate) fn exit_if_still_running(temporary: Vec<PathBuf>) {
    std::thread::spawn(move || {
        std::thread::sleep(STOP_GRACE);
        for dir in &temporary {
            let _ = std::fs::remove_dir_all(dir);
        }
        eprintln!("stopped while a build was running");
        std::process::exit(130);
    });
}
