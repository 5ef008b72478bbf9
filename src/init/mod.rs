//! `trellis init`: a small complete starter toolkit, written into an empty folder.
//!
//! The starter's files live in `src/init/starter/` as ordinary files (readable, and built by the
//! tests) and are compiled into the binary. Only site.toml's title and organisation change.

pub(crate) mod new;

use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir, DirEntry};

use crate::diagnostic::Diagnostic;
use crate::fsutil;

static STARTER: Dir = include_dir!("$CARGO_MANIFEST_DIR/src/init/starter");

/// The starter's title and organisation, as written in its site.toml.
pub(crate) const DEFAULT_TITLE: &str = "Our partnership toolkit";
pub(crate) const DEFAULT_ORG: &str = "Our organisation";

/// What `trellis init` was asked for.
#[derive(Debug, Clone)]
pub(crate) struct InitOptions {
    pub(crate) dir: PathBuf,
    /// Write into a folder that already has files (never replacing one).
    pub(crate) force: bool,
    pub(crate) title: Option<String>,
    pub(crate) org: Option<String>,
}

/// What `trellis init` did: files written, and (with --force) files left as they were.
#[derive(Debug, Default)]
pub(crate) struct Written {
    pub(crate) created: Vec<PathBuf>,
    pub(crate) kept: Vec<PathBuf>,
}

/// The starter's files, relative paths and contents, with the title and organisation filled in.
/// Pure: nothing is read from or written to disk.
pub(crate) fn starter_files(title: Option<&str>, org: Option<&str>) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    collect(&STARTER, &mut files);
    for (path, bytes) in &mut files {
        if path == Path::new("site.toml") {
            let text = String::from_utf8_lossy(bytes);
            *bytes = personalise(&text, title, org).into_bytes();
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

fn collect(dir: &Dir<'static>, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(d) => collect(d, out),
            DirEntry::File(f) => out.push((f.path().to_path_buf(), f.contents().to_vec())),
        }
    }
}

/// site.toml with the starter's title and organisation replaced, as TOML strings (so quotes and
/// backslashes in a title stay text).
pub(crate) fn personalise(site_toml: &str, title: Option<&str>, org: Option<&str>) -> String {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut text = site_toml.to_string();
    if let Some(title) = title {
        let from = format!("title = {}", quoted(DEFAULT_TITLE));
        text = text.replacen(&from, &format!("title = {}", quoted(title)), 1);
    }
    if let Some(org) = org {
        let from = format!("name = {}", quoted(DEFAULT_ORG));
        text = text.replacen(&from, &format!("name = {}", quoted(org)), 1);
    }
    text
}

/// Writes the starter into `opts.dir`. A folder with files in it is refused unless `force`,
/// and even then no file that exists is replaced. Errors are usage or I/O problems (exit 2).
pub(crate) fn init(opts: &InitOptions) -> Result<Written, Diagnostic> {
    refuse_if_not_empty(opts)?;
    let mut written = Written::default();
    for (rel, bytes) in starter_files(opts.title.as_deref(), opts.org.as_deref()) {
        let path = opts.dir.join(&rel);
        if path.symlink_metadata().is_ok() {
            written.kept.push(rel);
            continue;
        }
        match fsutil::create_new(&path, &bytes) {
            Ok(()) => written.created.push(rel),
            Err(e) if e.source.kind() == io::ErrorKind::AlreadyExists => written.kept.push(rel),
            Err(e) => return Err(Diagnostic::error(e.to_string())),
        }
    }
    Ok(written)
}

/// Refuses a folder with files in it, unless --force. Checked before asking any question.
pub(crate) fn refuse_if_not_empty(opts: &InitOptions) -> Result<(), Diagnostic> {
    let present = existing_entries(&opts.dir)?;
    if present.is_empty() || opts.force {
        Ok(())
    } else {
        Err(not_empty(&opts.dir, &present))
    }
}

/// The names in `dir` that make it "not empty". A missing folder is empty; so is one holding
/// only `.git`, as a freshly cloned empty repository does.
fn existing_entries(dir: &Path) -> Result<Vec<String>, Diagnostic> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Diagnostic::error(format!(
                "could not read the folder {}: {e}",
                dir.display()
            )))
        }
    };
    let mut names: Vec<String> = entries
        .filter_map(std::result::Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".git")
        .collect();
    names.sort();
    Ok(names)
}

fn not_empty(dir: &Path, present: &[String]) -> Diagnostic {
    let mut shown: Vec<&str> = present.iter().take(5).map(String::as_str).collect();
    if present.len() > 5 {
        shown.push("...");
    }
    Diagnostic::error(format!(
        "{} is not empty (it has {}), so trellis init wrote nothing",
        shown_dir(dir),
        shown.join(", ")
    ))
    .hint(
        "name a new folder (trellis init my-toolkit), or add --force to add the starter's \
         missing files beside these (--force never replaces a file)",
    )
}

/// A folder as the user typed it, `.` spelled out.
pub(crate) fn shown_dir(dir: &Path) -> String {
    if dir.as_os_str().is_empty() || dir == Path::new(".") {
        "this folder (.)".into()
    } else {
        dir.display().to_string()
    }
}

/// Asks for the title and organisation, showing the defaults; an empty answer keeps the
/// default. Used only when `trellis init` runs in a terminal without arguments.
pub(crate) fn ask(
    input: &mut impl BufRead,
    output: &mut impl Write,
) -> io::Result<(String, String)> {
    let title = ask_one(input, output, "The toolkit's title", DEFAULT_TITLE)?;
    let org = ask_one(
        input,
        output,
        "The organisation that publishes it",
        DEFAULT_ORG,
    )?;
    Ok((title, org))
}

fn ask_one(
    input: &mut impl BufRead,
    output: &mut impl Write,
    question: &str,
    default: &str,
) -> io::Result<String> {
    write!(output, "{question} [{default}]: ")?;
    output.flush()?;
    let mut line = String::new();
    input.read_line(&mut line)?;
    let answer = line.trim();
    Ok(if answer.is_empty() { default } else { answer }.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_toml(title: Option<&str>, org: Option<&str>) -> String {
        let files = starter_files(title, org);
        let (_, bytes) = files
            .iter()
            .find(|(p, _)| p == Path::new("site.toml"))
            .expect("the starter has a site.toml");
        String::from_utf8(bytes.clone()).unwrap()
    }

    #[test]
    fn the_starter_holds_its_hidden_files() {
        let paths: Vec<PathBuf> = starter_files(None, None).into_iter().map(|f| f.0).collect();
        assert!(paths.contains(&PathBuf::from(".gitignore")), "{paths:?}");
        assert!(paths.contains(&PathBuf::from(".github/workflows/publish.yml")));
    }

    #[test]
    fn a_title_with_quotes_stays_text() {
        let text = site_toml(Some(r#"The "Partners" \ toolkit"#), Some("Centre d'été"));
        let value: toml::Table = text.parse().unwrap();
        assert_eq!(value["title"].as_str(), Some(r#"The "Partners" \ toolkit"#));
        assert_eq!(value["organization"]["name"].as_str(), Some("Centre d'été"));
    }

    #[test]
    fn without_answers_the_defaults_stay() {
        let value: toml::Table = site_toml(None, None).parse().unwrap();
        assert_eq!(value["title"].as_str(), Some(DEFAULT_TITLE));
        assert_eq!(value["organization"]["name"].as_str(), Some(DEFAULT_ORG));
    }

    #[test]
    fn every_setting_of_the_starter_has_a_comment_above_it() {
        let text = site_toml(None, None);
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let setting = !line.trim().is_empty() && !line.starts_with('#');
            if setting {
                let above = lines[..i].last().copied().unwrap_or("");
                assert!(
                    above.starts_with('#') || line.starts_with("[[") && above.is_empty(),
                    "no comment above `{line}`"
                );
            }
        }
    }

    #[test]
    fn asking_keeps_defaults_for_empty_answers() {
        let mut input = io::Cursor::new("Partnering with Students\n\n");
        let mut shown = Vec::new();
        let (title, org) = ask(&mut input, &mut shown).unwrap();
        assert_eq!(title, "Partnering with Students");
        assert_eq!(org, DEFAULT_ORG);
        let shown = String::from_utf8(shown).unwrap();
        assert!(shown.contains("[Our partnership toolkit]: "), "{shown}");
    }
}
