//! What a user without Rust downloads: the archive `scripts/package` makes from a built binary
//! (as the release workflow does for each platform), its checksum, and the program inside.

use std::path::Path;
use std::process::Command;

const LINUX: &str = "x86_64-unknown-linux-gnu";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("command runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_linux_archive_holds_the_program_and_its_guide_and_is_checksummed() {
    let dist = tempfile::tempdir().unwrap();
    let printed = run(Command::new(repo().join("scripts/package"))
        .args([LINUX, env!("CARGO_BIN_EXE_trellis")])
        .arg(dist.path()));
    let archive = dist.path().join(format!("trellis-{LINUX}.tar.gz"));
    assert_eq!(printed.trim(), archive.display().to_string());
    assert!(dist
        .path()
        .join(format!("trellis-{LINUX}.tar.gz.sha256"))
        .is_file());

    // The checksum file checks, as the guide tells users to run it.
    let checked = run(Command::new("sha256sum")
        .args(["-c", &format!("trellis-{LINUX}.tar.gz.sha256")])
        .current_dir(dist.path()));
    assert!(checked.contains(": OK"), "{checked}");

    let mut listed: Vec<String> = run(Command::new("tar").arg("-tzf").arg(&archive))
        .lines()
        .map(str::to_string)
        .collect();
    listed.sort();
    let folder = format!("trellis-{LINUX}");
    assert_eq!(
        listed,
        [
            format!("{folder}/"),
            format!("{folder}/README.md"),
            format!("{folder}/guide.md"),
            format!("{folder}/trellis"),
        ]
    );

    // The publish workflow unpacks it this way and runs the program from PATH.
    let unpacked = tempfile::tempdir().unwrap();
    run(Command::new("tar")
        .args(["-xzf"])
        .arg(&archive)
        .args(["--strip-components=1", "-C"])
        .arg(unpacked.path()));
    let version = run(Command::new(unpacked.path().join("trellis")).arg("--version"));
    assert!(
        version.starts_with(&format!("trellis {} (", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
}

#[test]
fn package_explains_its_usage() {
    let out = Command::new(repo().join("scripts/package"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage: scripts/package TARGET"));
}

#[test]
fn the_release_workflow_packages_every_platform_on_a_version_tag() {
    let text = std::fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap();
    let workflow: serde_norway::Value = serde_norway::from_str(&text).expect("valid YAML");
    assert_eq!(workflow["on"]["push"]["tags"][0].as_str(), Some("v*"));
    let targets: Vec<&str> = workflow["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .expect("a matrix of platforms")
        .iter()
        .filter_map(|t| t["target"].as_str())
        .collect();
    for target in [
        LINUX,
        "aarch64-unknown-linux-gnu",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.contains(&target), "no {target} in {targets:?}");
    }
    let runs: Vec<&str> = workflow["jobs"]["build"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    assert!(runs
        .iter()
        .any(|r| r.contains("cargo build --release --locked")));
    assert!(runs
        .iter()
        .any(|r| r.contains("scripts/package ${{ matrix.target }}")));
    let release: Vec<&str> = workflow["jobs"]["release"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    assert!(release
        .iter()
        .any(|r| r.contains("gh release create") && r.contains("dist/*")));
}
