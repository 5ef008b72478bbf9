//! `trellis`: parse the command line, run it, exit with its code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = trellis::cli::Cli::parse();
    std::process::ExitCode::from(cli.run())
}
