//! Build script: embeds the git commit the binary was built from, for `trellis --version`.
//!
//! A build outside git (a source tarball, `cargo install` from crates.io) has no commit to
//! name: the version then says "unknown commit" rather than failing the build.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=TRELLIS_COMMIT");
    let commit = std::env::var("TRELLIS_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| git(&["rev-parse", "--short=12", "HEAD"]))
        .unwrap_or_else(|| "unknown commit".into());
    println!("cargo:rustc-env=TRELLIS_COMMIT={commit}");
    watch_git_head();
}

/// Rebuilds when HEAD moves: the files are found through git because a worktree's `.git` is a
/// file, not a folder.
fn watch_git_head() {
    let mut watched = vec![git(&["rev-parse", "--git-path", "HEAD"])];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watched.push(git(&["rev-parse", "--git-path", &branch]));
    }
    watched.push(git(&["rev-parse", "--git-path", "packed-refs"]));
    // A path that does not exist would make cargo rerun this script on every build.
    for path in watched.into_iter().flatten() {
        if !std::path::Path::new(&path).exists() {
            continue;
        }
        println!("cargo:rerun-if-changed={path}");
    }
}

/// One line of git's output, or None when git or the repository is missing.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let line = text.trim();
    (out.status.success() && !line.is_empty()).then(|| line.to_string())
}
