//! The command line (clap): one small `run` per subcommand.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::build::{self, BuildOptions, Failure, Report};
use crate::diagnostic::{Diagnostic, Diagnostics};

#[derive(Debug, Parser)]
#[command(
    name = "trellis",
    version,
    about = "Build a partnership toolkit into a static website"
)]
pub struct Cli {
    /// The toolkit folder (the one holding site.toml).
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// Print nothing but errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more about what happens.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Colour in messages.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
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
pub struct ServeArgs {
    /// The port to listen on (0: any free port).
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; the default keeps the site on this computer.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Also write the site here (otherwise it is built into a temporary folder).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Write the site here instead of site.toml's output_dir.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Include pages marked draft = true.
    #[arg(long)]
    pub drafts: bool,
    /// Use this base URL instead of site.toml's (for the sitemap and canonical links).
    #[arg(long, value_parser = base_url)]
    pub base_url: Option<String>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
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
pub const EXIT_OK: u8 = 0;
pub const EXIT_TOOLKIT: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

impl Cli {
    pub fn run(self) -> u8 {
        let out = Printer {
            color: self.use_color(),
            quiet: self.quiet,
        };
        match &self.command {
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
    let rel = cwd.and_then(|c| p.strip_prefix(c).ok().map(|r| r.to_path_buf()));
    let s = rel.unwrap_or_else(|| p.to_path_buf()).display().to_string();
    if s.is_empty() {
        ".".into()
    } else {
        format!("{s}/")
    }
}

/// Writes to stderr: diagnostics sorted, then counts, then the summary.
#[derive(Debug, Clone, Copy)]
pub struct Printer {
    pub color: bool,
    pub quiet: bool,
}

/// At most this many diagnostics are printed; the count line still tells the total.
const MAX_SHOWN: usize = 50;

impl Printer {
    pub fn diagnostics(&self, all: &Diagnostics) {
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

    pub fn diagnostic(&self, d: &Diagnostic) {
        eprint!("{}", d.render(self.color));
    }

    pub fn summary(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }

    pub fn line(&self, text: &str) {
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
