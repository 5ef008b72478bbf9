//! `trellis`: parse the command line, run it, exit with its code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = trellis::cli::Cli::parse();
    let code = cli.run();
    // The previous output may still be being deleted in the background: finish before exiting.
    trellis::output::finish_background_work();
    std::process::ExitCode::from(code)
}
