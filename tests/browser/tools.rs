//! The tools outside Rust the suite needs (chromedriver, axe-core, poppler), how to tell they
//! are missing, and the PDF helpers built on poppler's `pdfinfo` and `pdftotext`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::driver::Binaries;

/// A tool a check needs besides the browser.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tool {
    Browser,
    Axe,
    Poppler,
}

/// True on CI, where a missing tool fails the suite instead of skipping it.
pub fn on_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Why `tool` cannot be used on this machine, if it cannot.
pub fn missing(tool: Tool) -> Option<String> {
    match tool {
        Tool::Browser => Binaries::from_env().missing(),
        Tool::Axe => (!axe_path().is_file()).then(|| format!("{} not found", axe_path().display())),
        Tool::Poppler => ["pdftotext", "pdfinfo"]
            .into_iter()
            .find(|t| Command::new(t).arg("-v").output().is_err())
            .map(|t| format!("{t} not found")),
    }
}

pub fn install_hint(why: &str) -> String {
    format!("{why}: run ./scripts/install-test-deps (Debian packages chromium, chromium-driver, poppler-utils; npm ci for axe-core)")
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// axe-core's folder, as `npm ci` installs it at the repository's root.
pub fn axe_dir() -> PathBuf {
    repo().join("node_modules/axe-core")
}

fn axe_path() -> PathBuf {
    axe_dir().join("axe.min.js")
}

/// A PDF written to disk, read with poppler.
pub struct Pdf {
    pub path: PathBuf,
}

impl Pdf {
    pub fn save(bytes: &[u8], dir: &Path, name: &str) -> Pdf {
        let path = dir.join(format!("{name}.pdf"));
        std::fs::write(&path, bytes).expect("write the PDF");
        Pdf { path }
    }

    /// The size of its first page in points, as `pdfinfo` reports it (`612 x 792 pts (letter)`).
    pub fn page_size(&self) -> (f64, f64) {
        let info = run("pdfinfo", &[self.path.as_os_str()]);
        let line = info
            .lines()
            .find(|l| l.starts_with("Page size:"))
            .unwrap_or_else(|| panic!("no page size in\n{info}"));
        let numbers: Vec<f64> = line
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        (numbers[0], numbers[1])
    }

    /// Its text in the order Chrome wrote it, which follows the page's source: `-raw`, because
    /// pdftotext's default reading order mixes a text column with a column beside it.
    pub fn text(&self) -> String {
        run(
            "pdftotext",
            &["-raw".as_ref(), self.path.as_os_str(), "-".as_ref()],
        )
    }
}

fn run(tool: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{}", install_hint(&format!("{tool}: {e}"))));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A paper size: its name and its size in PDF points (1/72 inch).
#[derive(Clone, Copy, Debug)]
pub struct Paper {
    pub name: &'static str,
    pub points: (f64, f64),
}

impl Paper {
    pub const LETTER: Paper = Paper {
        name: "Letter",
        points: (612.0, 792.0),
    };
    pub const A4: Paper = Paper {
        name: "A4",
        points: (595.28, 841.89),
    };

    /// The other one: what the browser falls back to when we expect this one.
    pub fn other(self) -> Paper {
        if self.name == "A4" {
            Paper::LETTER
        } else {
            Paper::A4
        }
    }
}
