//! What the commands print: diagnostics sorted and counted, the one-line summary, what init
//! and new wrote, and watch's and serve's rebuilds.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::{InitArgs, NewCommand, EXIT_OK, EXIT_TOOLKIT, EXIT_USAGE};
use crate::build::{Failure, Report};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::init::{self, new::NewThing};

pub(crate) fn run_init(out: &Printer, root: &Path, a: &InitArgs) -> u8 {
    let mut opts = init::InitOptions {
        dir: a.dir.clone().unwrap_or_else(|| root.to_path_buf()),
        force: a.force,
        title: a.title.clone(),
        org: a.org.clone(),
    };
    if let Err(d) = init::refuse_if_not_empty(&opts) {
        out.diagnostic(&d);
        return EXIT_USAGE;
    }
    if a.is_bare() && std::io::stdin().is_terminal() {
        match init::ask(&mut std::io::stdin().lock(), &mut std::io::stderr()) {
            Ok((title, org)) => (opts.title, opts.org) = (Some(title), Some(org)),
            Err(e) => {
                out.diagnostic(&Diagnostic::error(format!(
                    "could not read the answer: {e}"
                )));
                return EXIT_USAGE;
            }
        }
    }
    match init::init(&opts) {
        Ok(written) => {
            out.summary(&init_summary(&opts.dir, &written));
            EXIT_OK
        }
        Err(d) => {
            out.diagnostic(&d);
            EXIT_USAGE
        }
    }
}

/// What init wrote and what to do next.
fn init_summary(dir: &Path, w: &init::Written) -> String {
    let list = |files: &[PathBuf]| {
        files
            .iter()
            .map(|f| format!("  {}\n", f.display()))
            .collect::<String>()
    };
    let mut text = format!(
        "created a new toolkit in {}: {}\n{}",
        init::shown_dir(dir),
        files(w.created.len()),
        list(&w.created)
    );
    if !w.kept.is_empty() {
        text += &format!(
            "kept {} that were already there:\n{}",
            files(w.kept.len()),
            list(&w.kept)
        );
    }
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("  cd {}\n", dir.display())
    };
    text + &format!(
        "next:\n{cd}  trellis serve --open     shows it at http://127.0.0.1:1111/ and updates on every save\n  \
         then edit content/_index.md, or add a page: trellis new page getting-started/setting-goals\n\
         to publish on GitHub Pages: push the folder to a GitHub repository (see .github/workflows/publish.yml)"
    )
}

pub(crate) fn run_new(out: &Printer, root: &Path, what: &NewCommand) -> u8 {
    let thing = match what {
        NewCommand::Page(a) => NewThing::Page {
            at: a.at.clone(),
            title: a.title.clone(),
        },
        NewCommand::Worksheet(a) => NewThing::Worksheet {
            id: a.id.clone(),
            title: a.title.clone(),
            phase: a.phase.clone(),
        },
        NewCommand::Checklist(a) => NewThing::Checklist {
            phase: a.phase.clone(),
        },
    };
    match init::new::create(root, &thing) {
        Ok(created) => {
            for f in &created.files {
                out.summary(&format!("created {}", f.display()));
            }
            if let Some(also) = &created.also {
                out.summary(&format!("then: {also}"));
            }
            out.summary(&format!(
                "next: edit it, then run `trellis serve` and open http://127.0.0.1:1111/{}",
                created.url
            ));
            EXIT_OK
        }
        Err(f) => {
            print_failure(out, &f);
            match f {
                Failure::Toolkit(_) => EXIT_TOOLKIT,
                Failure::Usage(_) | Failure::Io(..) => EXIT_USAGE,
            }
        }
    }
}

/// Watch and serve end with Ctrl-C (0) or a problem that kept them from running (2).
pub(crate) fn exit_code(out: &Printer, result: Result<(), Diagnostic>) -> u8 {
    match result {
        Ok(()) => EXIT_OK,
        Err(d) => {
            out.diagnostic(&d);
            EXIT_USAGE
        }
    }
}

/// Prints what watch and serve do: a summary per build, warnings when they change, errors
/// always.
pub(crate) struct Shown {
    out: Printer,
    last_warnings: String,
}

impl Shown {
    pub(crate) fn new(out: Printer) -> Shown {
        Shown {
            out,
            last_warnings: String::new(),
        }
    }

    pub(crate) fn event(&mut self, e: crate::watch::Event) {
        use crate::watch::Event;
        match e {
            Event::Built { trigger, result } => self.built(trigger, result),
            Event::WatchError(e) => self.out.line(&format!("warning: {e}")),
            Event::Watching => self.out.summary(
                "watching content/, static/, templates/, themes/ and site.toml (Ctrl-C to stop)",
            ),
            Event::Serving(url) => self.out.summary(&format!("serving {url}")),
        }
    }

    fn built(
        &mut self,
        trigger: Option<&crate::watch::Changes>,
        result: &Result<crate::watch::Rebuilt, Failure>,
    ) {
        let what = trigger.map(|c| format!("{} changed: ", c.describe()));
        let r = match result {
            Ok(r) => r,
            Err(f) => {
                self.last_warnings.clear();
                print_failure(&self.out, f);
                let what = what.unwrap_or_default();
                return self.out.line(&format!(
                    "{what}not rebuilt; the last good output stays in place until the problems above are fixed"
                ));
            }
        };
        let warnings: String = r
            .warnings
            .sorted()
            .iter()
            .map(|d| d.render(false))
            .collect();
        if warnings != self.last_warnings {
            self.out.diagnostics(&r.warnings);
            self.last_warnings = warnings;
        }
        let ms = r.elapsed.as_millis();
        self.out.summary(&match what {
            None => format!(
                "built {} pages, {} checklists, {} worksheets in {ms} ms -> {}",
                r.stats.pages,
                r.stats.checklists,
                r.stats.worksheets,
                shown(&r.out)
            ),
            Some(what) => format!(
                "{what}{} written, {} removed in {ms} ms",
                files(r.plan.write.len()),
                files(r.plan.remove.len())
            ),
        });
    }
}

fn files(n: usize) -> String {
    format!("{n} file{}", if n == 1 { "" } else { "s" })
}

fn print_failure(out: &Printer, f: &Failure) {
    match f {
        Failure::Toolkit(d) => out.diagnostics(d),
        Failure::Usage(d) => out.diagnostic(d),
        Failure::Io(e, d) => {
            out.diagnostics(d);
            out.diagnostic(&Diagnostic::error(e.to_string()));
        }
    }
}

/// Prints diagnostics and the summary; returns the exit code.
pub(crate) fn report(
    out: &Printer,
    result: Result<Report, Failure>,
    strict: bool,
    verb: &str,
) -> u8 {
    match result {
        Ok(r) => {
            out.diagnostics(&r.warnings);
            let ms = r.elapsed.as_millis();
            let s = &r.stats;
            let target = r
                .output
                .as_ref()
                .map(|p| format!(" -> {}", shown(p)))
                .unwrap_or_default();
            out.summary(&format!(
                "{verb} {} pages, {} checklists, {} worksheets in {ms} ms{target}",
                s.pages, s.checklists, s.worksheets
            ));
            if s.print_split {
                out.line(&format!(
                    "note: with more than {} pages, print/ lists the phase packets instead of holding the whole toolkit",
                    crate::render::print::PRINT_WHOLE_LIMIT
                ));
            }
            EXIT_OK
        }
        Err(Failure::Toolkit(d)) => {
            out.diagnostics(&d);
            if strict && !d.has_errors() {
                out.line(&format!(
                    "{verb} nothing: --strict turns the warnings above into errors"
                ));
            }
            if d.has_io_errors() {
                EXIT_USAGE
            } else {
                EXIT_TOOLKIT
            }
        }
        Err(Failure::Usage(d)) => {
            out.diagnostic(&d);
            EXIT_USAGE
        }
        Err(Failure::Io(e, d)) => {
            out.diagnostics(&d);
            out.diagnostic(&Diagnostic::error(e.to_string()));
            EXIT_USAGE
        }
    }
}

/// A path as the user would type it: relative to the current folder when inside it.
pub(crate) fn shown(p: &std::path::Path) -> String {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|c| c.canonicalize().ok());
    let rel = cwd.and_then(|c| p.strip_prefix(c).ok().map(std::path::Path::to_path_buf));
    let s = rel.unwrap_or_else(|| p.to_path_buf()).display().to_string();
    if s.is_empty() {
        ".".into()
    } else {
        format!("{s}/")
    }
}

/// Writes to stderr: diagnostics sorted, then counts, then the summary.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Printer {
    pub(crate) color: bool,
    pub(crate) quiet: bool,
}

/// At most this many diagnostics are printed; the count line still tells the total.
const MAX_SHOWN: usize = 50;

impl Printer {
    pub(crate) fn diagnostics(&self, all: &Diagnostics) {
        let sorted = all.sorted();
        let shown: Vec<&&Diagnostic> = sorted
            .iter()
            .filter(|d| !self.quiet || d.is_error())
            .collect();
        for d in shown.iter().take(MAX_SHOWN) {
            eprint!("{}", d.render(self.color));
        }
        if shown.len() > MAX_SHOWN {
            eprintln!("... and {} more not shown", shown.len() - MAX_SHOWN);
        }
        let (e, w) = (all.error_count(), all.warning_count());
        if e > 0 || (w > 0 && !self.quiet) {
            eprintln!("{}", counts(e, w));
        }
    }

    pub(crate) fn diagnostic(&self, d: &Diagnostic) {
        eprint!("{}", d.render(self.color));
    }

    pub(crate) fn summary(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }

    pub(crate) fn line(&self, text: &str) {
        eprintln!("{text}");
    }
}

fn counts(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Diagnostics};

    /// A file that could not be read ends the run with 2 wherever it is, like any I/O failure;
    /// a mistake in a file's text ends it with 1. (The story in tests/hostile.rs needs a user
    /// who cannot read the file, which root is not.)
    #[test]
    fn an_unreadable_file_exits_with_the_io_code_and_a_mistake_with_the_toolkit_code() {
        let out = Printer {
            color: false,
            quiet: true,
        };
        let unreadable = crate::fsutil::IoError {
            path: "content/start/locked.md".into(),
            action: "read",
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::io_error(
            &unreadable,
            std::path::Path::new("content/start/locked.md"),
        ));
        assert_eq!(
            report(&out, Err(Failure::Toolkit(diags)), false, "built"),
            EXIT_USAGE
        );
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::error("unknown key `wieght` in front matter"));
        assert_eq!(
            report(&out, Err(Failure::Toolkit(diags)), false, "built"),
            EXIT_TOOLKIT
        );
    }
}
