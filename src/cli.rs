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
    #[arg(long)]
    pub base_url: Option<String>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
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
            EXIT_TOOLKIT
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
