//! `trellis`: parse the command line, run it, exit with its code.

use clap::Parser;

// A build allocates and frees millions of small strings from every core; mimalloc does that with
// about a seventh fewer instructions for the whole build than the system allocator
// (docs/performance.md). Release builds only: in test builds its C code is not optimised, and
// the system allocator is faster there.
#[cfg(not(debug_assertions))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = trellis::cli::Cli::parse();
    let code = cli.run();
    // The previous output may still be being deleted in the background: finish before exiting.
    trellis::output::finish_background_work();
    std::process::ExitCode::from(code)
}
