//! `trellis`: parse the command line, run it, exit with its code.

use clap::Parser;

// A build allocates and frees millions of small strings from every core; mimalloc does that with
// about a fifth fewer instructions than the system allocator (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_arena_eager_commit`: its number in the `mi_option_e` list of the
/// mimalloc.h that libmimalloc-sys builds (v3).
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

fn main() -> std::process::ExitCode {
    // By default mimalloc commits its arenas whole, up front: at 10,000 pages that cost 240 MiB
    // more peak memory and twice the system time of the system allocator. Commit on demand.
    // SAFETY: stores one integer option; mimalloc reads its options at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0) };
    let cli = trellis::cli::Cli::parse();
    let code = cli.run();
    // The previous output may still be being deleted in the background: finish before exiting.
    trellis::output::finish_background_work();
    std::process::ExitCode::from(code)
}
