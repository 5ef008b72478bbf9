//! Test helpers: a toolkit in a temporary folder, the real `trellis` binary run on it, and
//! assertions on its exit code, messages and output.

#![allow(dead_code)]

pub mod html;
pub mod http;
pub mod links;
pub mod running;
pub mod scoring;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A toolkit copied into a temporary folder, so a test can change it freely.
pub struct TestSite {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

impl TestSite {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::empty();
        copy_dir(&repo().join("tests/fixtures").join(name), &site.root);
        site
    }

    /// A copy of the example toolkit at the repository root.
    pub fn example() -> TestSite {
        let site = TestSite::empty();
        std::fs::copy(repo().join("site.toml"), site.root.join("site.toml")).unwrap();
        for dir in ["content", "static", "themes", "templates"] {
            if repo().join(dir).is_dir() {
                copy_dir(&repo().join(dir), &site.root.join(dir));
            }
        }
        site
    }

    /// An empty folder (no site.toml).
    pub fn empty() -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap().join("toolkit");
        std::fs::create_dir_all(&root).unwrap();
        TestSite { _dir: dir, root }
    }

    /// Writes (or replaces) a file of the toolkit.
    pub fn write(&self, rel: &str, text: &str) -> &TestSite {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &TestSite {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &TestSite {
        let path = self.root.join(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
        self
    }

    /// Replaces `from` with `to` in a file, failing the test if `from` is not there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &TestSite {
        let text = std::fs::read_to_string(self.root.join(rel)).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1))
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel))
            .unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// Runs `trellis <args>` with the toolkit as the current folder. A run that has not ended
    /// after `running::PATIENCE` three times over is killed and fails the test: nothing may hang.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    /// `run` with extra environment variables.
    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        use std::process::Stdio;
        let mut child = Command::new(env!("CARGO_BIN_EXE_trellis"))
            .args(args)
            .current_dir(&self.root)
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run trellis");
        let read = |pipe: Option<Box<dyn std::io::Read + Send>>| {
            std::thread::spawn(move || {
                let mut text = Vec::new();
                if let Some(mut p) = pipe {
                    let _ = p.read_to_end(&mut text);
                }
                String::from_utf8_lossy(&text).into_owned()
            })
        };
        let stdout = read(child.stdout.take().map(|p| Box::new(p) as _));
        let stderr = read(child.stderr.take().map(|p| Box::new(p) as _));
        let deadline = std::time::Instant::now() + running::PATIENCE * 3;
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for trellis") {
                break status;
            }
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "trellis {} did not finish within {:?}: it hangs",
                    args.join(" "),
                    running::PATIENCE * 3
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        Run {
            code: status.code().unwrap_or(-1),
            stderr: stderr.join().unwrap_or_default(),
            stdout: stdout.join().unwrap_or_default(),
            root: self.root.clone(),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn check(&self) -> Run {
        self.run(&["check"])
    }

    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// The text of an output file under public/.
    pub fn output(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read output {rel}: {e}"))
    }
}

/// The outcome of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stderr: String,
    pub stdout: String,
    pub root: PathBuf,
}

impl Run {
    pub fn assert_ok(&self) -> &Run {
        assert_eq!(
            self.code, 0,
            "expected success, got exit {}:\n{}",
            self.code, self.stderr
        );
        self
    }

    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "expected exit {code}, got {}:\n{}",
            self.code, self.stderr
        );
        self
    }

    /// Exit 1: the toolkit has errors.
    pub fn assert_toolkit_error(&self) -> &Run {
        self.assert_code(1)
    }

    pub fn assert_stderr(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    pub fn assert_no_stderr(&self, needle: &str) -> &Run {
        assert!(
            !self.stderr.contains(needle),
            "stderr has {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    /// A file of the output folder.
    pub fn output(&self, rel: &str) -> String {
        let path = self.root.join("public").join(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read output {rel}: {e}\n{}", self.stderr))
    }
}

/// Every file below `dir` with its bytes, for byte-for-byte comparisons of output folders.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Like `snapshot`, for a folder another process may be writing: None when a file vanished or
/// changed under the walk (a temp file renamed into place), so the caller looks again.
pub fn try_snapshot(dir: &Path) -> Option<std::collections::BTreeMap<PathBuf, Vec<u8>>> {
    let mut files = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.ok()?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).ok()?.to_path_buf();
            files.insert(rel, std::fs::read(entry.path()).ok()?);
        }
    }
    Some(files)
}
