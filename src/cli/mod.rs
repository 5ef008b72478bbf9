//! The command line (clap): the arguments, and one small `run` per subcommand. What each
//! command prints is in report.rs.

mod report;

use report::{exit_code, report, run_init, run_new, Printer, Shown};

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::build::{self, BuildOptions};
use crate::diagnostic::Diagnostic;

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

fn options(c: &CommonArgs, output: Option<PathBuf>) -> BuildOptions {
    BuildOptions {
        drafts: c.drafts,
        base_url: c.base_url.clone(),
        output,
        strict: c.strict,
    }
}
