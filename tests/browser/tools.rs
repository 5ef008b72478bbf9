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
        Tool::Poppler => ["pdftotext", "pdfinfo", "pdftoppm"]
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

impl Pdf {
    /// How many pages it has, as `pdfinfo` reports it.
    pub fn pages(&self) -> usize {
        let info = run("pdfinfo", &[self.path.as_os_str()]);
        info.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no page count in\n{info}"))
    }

    /// How far down each page the ink goes, as a share of the page's height: the lowest row
    /// with a dark pixel, leaving out the bottom `footer` share, where a running footer prints
    /// on every page. A page of a title alone measures about 0.1; a full one 0.9.
    pub fn ink_depths(&self, footer: f64) -> Vec<f64> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        (1..=self.pages())
            .map(|page| {
                let n = page.to_string();
                let prefix = dir.path().join("page");
                let args: Vec<&std::ffi::OsStr> = vec![
                    "-f".as_ref(),
                    n.as_ref(),
                    "-l".as_ref(),
                    n.as_ref(),
                    "-r".as_ref(),
                    "24".as_ref(),
                    "-gray".as_ref(),
                    "-singlefile".as_ref(),
                    self.path.as_os_str(),
                    prefix.as_os_str(),
                ];
                run("pdftoppm", &args);
                let pgm = std::fs::read(prefix.with_extension("pgm")).expect("pdftoppm's page");
                ink_depth(&pgm, footer)
            })
            .collect()
    }
}

impl Pdf {
    /// The lines of text of one page (from 1), top to bottom, each with the share of the page's
    /// height at which it starts: words (`pdftotext -bbox`) on the same baseline, left to right.
    pub fn page_lines(&self, page: usize) -> Vec<(f64, String)> {
        let n = page.to_string();
        let args: Vec<&std::ffi::OsStr> = vec![
            "-bbox".as_ref(),
            "-f".as_ref(),
            n.as_ref(),
            "-l".as_ref(),
            n.as_ref(),
            self.path.as_os_str(),
            "-".as_ref(),
        ];
        let html = run("pdftotext", &args);
        let attr = |line: &str, name: &str| -> f64 {
            let from = line.find(&format!("{name}=\"")).expect("an attribute") + name.len() + 2;
            line[from..].split('"').next().unwrap().parse().unwrap()
        };
        let height = html
            .lines()
            .find(|l| l.contains("<page "))
            .map_or(1.0, |l| attr(l, "height"));
        let mut words: Vec<(f64, f64, String)> = html
            .lines()
            .filter(|l| l.trim_start().starts_with("<word "))
            .map(|l| {
                let text = l
                    .split('>')
                    .nth(1)
                    .unwrap_or("")
                    .split('<')
                    .next()
                    .unwrap_or("");
                (attr(l, "yMax"), attr(l, "xMin"), text.to_string())
            })
            .collect();
        words.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut lines: Vec<(f64, String)> = Vec::new();
        for (y, _, text) in words {
            match lines.last_mut() {
                Some((last, line)) if (y / height - *last).abs() * height < 2.0 => {
                    line.push(' ');
                    line.push_str(&text);
                }
                _ => lines.push((y / height, text)),
            }
        }
        lines
    }
}

/// The ink depth (see `Pdf::ink_depths`) of a binary PGM image (`P5 <w> <h> 255`, then a byte
/// a pixel).
fn ink_depth(pgm: &[u8], footer: f64) -> f64 {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
    }
    let pixels = &pgm[at + 1..];
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let body = ((h as f64) * (1.0 - footer)) as usize;
    let lowest = (0..body)
        .rev()
        .find(|&row| pixels[row * w..(row + 1) * w].iter().any(|&p| p < 160));
    lowest.map_or(0.0, |row| (row + 1) as f64 / h as f64)
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
