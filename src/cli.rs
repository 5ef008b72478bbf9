//! The command line (clap): one small `run` per subcommand.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::build::{self, BuildOptions, Failure, Report};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::init::{self, new::NewThing};

#[derive(Debug, Parser)]
#[command(
    name = "trellis",
    version = VERSION,
    about = "Build a partnership toolkit into a static website",
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// The toolkit folder (the one holding site.toml).
    #[arg(long, global = true, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Print nothing but errors.
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,
    /// Print more about what happens.
    #[arg(short, long, global = true)]
    pub(crate) verbose: bool,
    /// Colour in messages.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub(crate) color: Color,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Color {
    Auto,
    Always,
    Never,
}

/// `trellis --version`: the version and the commit it was built from, "0.1.0 (1a2b3c4d5e6f)".
pub(crate) const VERSION: &str =
    concat!(env!("CARGO_PKG_VERSION"), " (", env!("TRELLIS_COMMIT"), ")");

const AFTER_HELP: &str = concat!(
    "Start here:
  trellis init my-toolkit     a new toolkit in the folder my-toolkit
  cd my-toolkit
  trellis serve --open        see it in your browser; it updates on every save
  trellis build               the site, ready to publish, in public/

The author's guide: ",
    env!("CARGO_PKG_REPOSITORY"),
    "/blob/main/docs/guide.md"
);

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Start a new toolkit: a small complete example to edit, ready to build and publish.
    Init(InitArgs),
    /// Add a page, a worksheet or a checklist, its settings filled in.
    #[command(subcommand)]
    New(NewCommand),
    /// Build the site into the output folder (public/ unless configured).
    Build(BuildArgs),
    /// Check everything a build checks, without writing anything.
    Check(CheckArgs),
    /// Build, then rebuild on every change to content/, static/, templates/, themes/, site.toml.
    Watch(BuildArgs),
    /// Watch and serve the site on this computer, reloading the browser on every change.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The folder to write the toolkit into, created if needed [default: the current folder]
    pub(crate) dir: Option<PathBuf>,
    /// Also write into a folder that already has files; a file that is there is never replaced.
    #[arg(long)]
    pub(crate) force: bool,
    /// The toolkit's title [default: "Our partnership toolkit"]
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// The organisation that publishes it [default: "Our organisation"]
    #[arg(long)]
    pub(crate) org: Option<String>,
}

impl InitArgs {
    /// `trellis init` alone: the only case where it may ask questions.
    fn is_bare(&self) -> bool {
        self.dir.is_none() && !self.force && self.title.is_none() && self.org.is_none()
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum NewCommand {
    /// A guidance page, content/<section>/<slug>.md, placed after the section's last page.
    Page(NewPageArgs),
    /// A worksheet, content/worksheets/<id>.toml, with two questions to edit.
    Worksheet(NewWorksheetArgs),
    /// A phase's checklist, content/<phase>/checklist.toml, with two items to edit.
    Checklist(NewChecklistArgs),
}

#[derive(Debug, Args)]
pub(crate) struct NewPageArgs {
    /// Where: a section folder and the page's file name, such as getting-started/setting-goals
    /// (or only a name, for a page at the top of content/).
    #[arg(value_name = "SECTION/SLUG")]
    pub(crate) at: String,
    /// The page's title [default: made from its name, "Setting goals"]
    #[arg(long)]
    pub(crate) title: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct NewWorksheetArgs {
    /// The worksheet's id: its file name and address, such as partnership-agreement.
    pub(crate) id: String,
    /// The worksheet's title [default: made from its id]
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// The phase whose page lists it [default: the first phase in site.toml]
    #[arg(long)]
    pub(crate) phase: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct NewChecklistArgs {
    /// The phase, as site.toml's [toolkit] phases names it, such as getting-started.
    pub(crate) phase: String,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The port to listen on (0: any free port).
    #[arg(long, short, default_value_t = 1111)]
    pub(crate) port: u16,
    /// The address to listen on; the default keeps the site on this computer.
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub(crate) open: bool,
    /// Also write the site here (otherwise it is built into a temporary folder).
    #[arg(long, short)]
    pub(crate) output: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Write the site here instead of site.toml's output_dir.
    #[arg(long, short)]
    pub(crate) output: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

#[derive(Debug, Args)]
pub(crate) struct CommonArgs {
    /// Include pages marked draft = true.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Use this base URL instead of site.toml's (for the sitemap and canonical links).
    #[arg(long, value_parser = base_url)]
    pub(crate) base_url: Option<String>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub(crate) strict: bool,
}

/// `--base-url` reaches every page's canonical link: refuse what could run code there.
fn base_url(url: &str) -> Result<String, String> {
    match crate::markdown::links::dangerous_scheme(url) {
        Some(scheme) => {
            let (message, hint) = crate::markdown::links::dangerous_url(url, scheme);
            Err(format!("{message} ({hint})"))
        }
        None => Ok(url.to_string()),
    }
}

/// Exit codes (CLI.md): 0 success, 1 the toolkit has errors, 2 bad usage or I/O failure.
pub(crate) const EXIT_OK: u8 = 0;
pub(crate) const EXIT_TOOLKIT: u8 = 1;
pub(crate) const EXIT_USAGE: u8 = 2;

impl Cli {
    pub fn run(self) -> u8 {
        let out = Printer {
            color: self.use_color(),
            quiet: self.quiet,
        };
        match &self.command {
            Command::Init(a) => run_init(&out, &self.root, a),
            Command::New(what) => run_new(&out, &self.root, what),
            Command::Build(a) => {
                let opts = options(&a.common, a.output.clone());
                report(
                    &out,
                    build::build(&self.root, &opts),
                    a.common.strict,
                    "built",
                )
            }
            Command::Watch(a) => {
                let opts = options(&a.common, a.output.clone());
                let mut shown = Shown::new(out);
                let result = crate::watch::run_command(&self.root, opts, |e| shown.event(e));
                exit_code(&out, result)
            }
            Command::Serve(a) => {
                let opts = options(&a.common, None);
                if !a.bind.is_loopback() {
                    out.diagnostic(&Diagnostic::warning(format!(
                        "--bind {}: the site and its live-reload stream are visible to other computers on the network",
                        a.bind
                    ))
                    .hint("serve is for previewing on this computer: leave out --bind (127.0.0.1) unless others must see the draft"));
                }
                let mut shown = Shown::new(out);
                let result = crate::serve::run(&self.root, opts, &a.options(), |e| shown.event(e));
                exit_code(&out, result)
            }
            Command::Check(a) => {
                let opts = options(&a.common, None);
                report(
                    &out,
                    build::check(&self.root, &opts),
                    a.common.strict,
                    "checked",
                )
            }
        }
    }

    fn use_color(&self) -> bool {
        match self.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        }
    }
}

impl ServeArgs {
    fn options(&self) -> crate::serve::ServeOptions {
        crate::serve::ServeOptions {
            bind: self.bind,
            port: self.port,
            open: self.open,
            output: self.output.clone(),
        }
    }
}

fn run_init(out: &Printer, root: &Path, a: &InitArgs) -> u8 {
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

fn run_new(out: &Printer, root: &Path, what: &NewCommand) -> u8 {
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
fn exit_code(out: &Printer, result: Result<(), Diagnostic>) -> u8 {
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
struct Shown {
    out: Printer,
    last_warnings: String,
}

impl Shown {
    fn new(out: Printer) -> Shown {
        Shown {
            out,
            last_warnings: String::new(),
        }
    }

    fn event(&mut self, e: crate::watch::Event) {
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

fn options(c: &CommonArgs, output: Option<PathBuf>) -> BuildOptions {
    BuildOptions {
        drafts: c.drafts,
        base_url: c.base_url.clone(),
        output,
        strict: c.strict,
    }
}

/// Prints diagnostics and the summary; returns the exit code.
fn report(out: &Printer, result: Result<Report, Failure>, strict: bool, verb: &str) -> u8 {
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
fn shown(p: &std::path::Path) -> String {
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
