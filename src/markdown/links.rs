//! Links between source files, resolved to relative output URLs.
//!
//! Authors link to the file they mean (`../throughout/check-ins.md#agenda`, `@/about.md`,
//! `@static/guide.pdf`); the build turns that into a link relative to the page it is written on
//! (`../../throughout/check-ins/index.html#agenda`), so the output works at any subpath and from
//! file://. Links name `index.html` explicitly because a browser opening files from disk does not
//! look for it in a folder.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::did_you_mean;

/// What a source path stands for in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// URL path from the site root: a folder ("a/b/") for pages, a file ("a/b/img.png") otherwise.
    pub url: String,
    /// Whether anchors on this target can be checked (it is a rendered page of ours).
    pub has_anchors: bool,
}

/// Every linkable source path of the toolkit, keyed by its path relative to the toolkit root
/// (`content/throughout/check-ins.md`, `static/guide.pdf`).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct LinkIndex {
    targets: HashMap<PathBuf, Target>,
    drafts: HashSet<PathBuf>,
}

/// The outcome of resolving one link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// An external URL (or one we do not touch): leave it as written.
    External,
    /// `#` or empty: a placeholder left from a draft.
    Placeholder,
    /// A link inside the site, rewritten; `anchor` to be checked on the target page `url`.
    Internal {
        href: String,
        check: Option<(String, String)>,
    },
    /// A link to a draft page that is not built: shown as plain text.
    Draft,
    Broken {
        message: String,
        hint: Option<String>,
    },
}

impl LinkIndex {
    pub fn insert(&mut self, source: PathBuf, target: Target) {
        self.targets.insert(source, target);
    }

    /// The target of the file `source`, when a link may name it.
    pub(crate) fn get(&self, source: &Path) -> Option<&Target> {
        self.targets.get(source)
    }

    pub fn insert_draft(&mut self, source: PathBuf) {
        self.drafts.insert(source);
    }

    /// Resolves `dest` written in the file `from` (relative to the toolkit root) on the output page
    /// at URL `from_url`.
    pub fn resolve(&self, dest: &str, from: &Path, from_url: &str) -> Resolved {
        let dest = dest.trim();
        if dest.is_empty() || dest == "#" {
            return Resolved::Placeholder;
        }
        if let Some(scheme) = dangerous_scheme(dest) {
            let (message, hint) = dangerous_url(dest, scheme);
            return Resolved::Broken {
                message,
                hint: Some(hint),
            };
        }
        if is_external(dest) {
            return Resolved::External;
        }
        let (path_part, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (dest, None),
        };
        if path_part.is_empty() {
            let anchor = anchor.unwrap_or_default();
            return Resolved::Internal {
                href: format!("#{anchor}"),
                check: Some((from_url.to_string(), anchor)),
            };
        }
        if path_part.starts_with('/') {
            return Resolved::Broken {
                message: format!("`{dest}` starts with /, which breaks when the site is published under a subpath"),
                hint: Some("link to the source file instead, e.g. @/getting-started/roles.md or ../roles.md".into()),
            };
        }
        let Some(source) = self.source_path(path_part, from) else {
            return self.broken(dest, None);
        };
        let Some(target) = self.lookup(&source) else {
            if self.drafts.contains(&source) {
                return Resolved::Draft;
            }
            return self.broken(dest, Some(&source));
        };
        let mut href = relative_url(from_url, &file_url(&target.url));
        let check = match anchor {
            Some(a) => {
                href.push('#');
                href.push_str(&a);
                target.has_anchors.then(|| (target.url.clone(), a))
            }
            None => None,
        };
        Resolved::Internal { href, check }
    }

    /// Turns a written path into a path relative to the toolkit root.
    fn source_path(&self, path: &str, from: &Path) -> Option<PathBuf> {
        let decoded = percent_decode(path);
        if let Some(rest) = decoded.strip_prefix("@/") {
            return normalize(&Path::new("content").join(rest));
        }
        if let Some(rest) = decoded.strip_prefix("@static/") {
            return normalize(&Path::new("static").join(rest));
        }
        normalize(
            &from
                .parent()
                .unwrap_or(Path::new(""))
                .join(decoded.as_ref()),
        )
    }

    /// Finds a target by path, also accepting a folder for its `_index.md` or `index.md`.
    fn lookup(&self, source: &Path) -> Option<&Target> {
        self.targets.get(source).or_else(|| {
            ["_index.md", "index.md"]
                .into_iter()
                .find_map(|index| self.targets.get(&source.join(index)))
        })
    }

    fn broken(&self, dest: &str, source: Option<&Path>) -> Resolved {
        let in_static = source.and_then(|s| {
            let name = s.file_name()?;
            self.targets
                .keys()
                .filter(|k| k.starts_with("static") && k.file_name() == Some(name))
                .min()
                .map(|k| {
                    let rel = k.strip_prefix("static").unwrap_or(k);
                    format!(
                        "did you mean @static/{}? Files under static/ are linked with @static/",
                        rel.display()
                    )
                })
        });
        let hint = in_static.or_else(|| source.and_then(|s| {
            let name = s.file_name()?.to_string_lossy().into_owned();
            let candidates: Vec<String> = self.targets.keys().map(|k| k.display().to_string()).collect();
            let best = candidates
                .iter()
                .filter(|c| c.ends_with(".md") || c.ends_with(".toml"))
                .map(|c| (strsim::jaro_winkler(&name, c.rsplit('/').next().unwrap_or(c)), c))
                .filter(|(score, _)| *score > 0.75)
                .max_by(|a, b| a.0.total_cmp(&b.0))?;
            Some(format!("did you mean {}? Links name the source file, relative to this file or as @/path from content/", best.1))
        }));
        let shown = source
            .map(|s| format!(" ({})", s.display()))
            .unwrap_or_default();
        Resolved::Broken {
            message: format!("the link `{dest}` points to a file that does not exist{shown}"),
            hint: hint.or_else(|| Some("links name the source file: ../section/page.md, @/section/page.md or @static/file.pdf".into())),
        }
    }
}

/// Whether an anchor exists among `anchors`, with a hint naming the closest one if not.
pub(crate) fn anchor_hint(anchor: &str, anchors: &[String]) -> String {
    did_you_mean(anchor, anchors.iter().map(String::as_str)).unwrap_or_else(|| {
        if anchors.is_empty() {
            "that page has no headings to link to".into()
        } else {
            format!(
                "headings on that page: {}",
                anchors
                    .iter()
                    .take(12)
                    .map(|a| format!("#{a}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    })
}

/// The scheme of a URL that would run code when followed or loaded (`javascript:`, `vbscript:`,
/// `data:`), as browsers read it: case and the tabs and line breaks they strip ignored.
pub(crate) fn dangerous_scheme(url: &str) -> Option<&'static str> {
    let mut start = [0u8; 11];
    let mut len = 0;
    let chars = url
        .trim_start_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    for c in chars.take(start.len()) {
        if !c.is_ascii() {
            break;
        }
        start[len] = c.to_ascii_lowercase() as u8;
        len += 1;
    }
    ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .find(|s| start[..len].starts_with(s.as_bytes()))
}

/// The message and hint for a URL with a dangerous scheme.
pub(crate) fn dangerous_url(url: &str, scheme: &str) -> (String, String) {
    (
        format!("`{scheme}` addresses are not allowed: `{}` could run code in the reader's browser", short(url)),
        "link to a page of this toolkit, a file under static/ (@static/files/guide.pdf) or a full https:// address".into(),
    )
}

/// A URL cut to a length that fits a message.
fn short(url: &str) -> String {
    match url.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &url[..at]),
        None => url.to_string(),
    }
}

fn is_external(dest: &str) -> bool {
    let scheme_end = dest.find(':');
    let slash = dest.find('/').unwrap_or(usize::MAX);
    matches!(scheme_end, Some(i) if i < slash && i > 0 && dest[..i].chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        || dest.starts_with("//")
}

/// `%41` -> `A`; a `%` not followed by two hex digits stays as it is.
pub(crate) fn percent_decode(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    if !bytes.contains(&b'%') {
        return Cow::Borrowed(s);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// Resolves `.` and `..`; None when the path climbs above the toolkit root.
pub(crate) fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(p) => out.push(p),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// The file a URL path is served from: folders get `index.html`.
pub(crate) fn file_url(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

/// The inverse of `relative_url`: the file, from the site root, that `href` on the page at
/// `from_url` leads to ("a/c/index.html"), without its `#anchor`.
pub(crate) fn site_file(from_url: &str, href: &str) -> String {
    let path = href.split('#').next().unwrap_or("");
    if path.is_empty() {
        return file_url(from_url);
    }
    follow(from_url, path).0.join("/")
}

/// `path` followed from the folder `from_url` ("a/b/") a segment at a time: empty and `.`
/// segments dropped, `..` stepping back. The segments reached, and whether the path stayed in
/// the site (never stepped back above its root; a step that would is left out).
pub(crate) fn follow<'a>(from_url: &'a str, path: &'a str) -> (Vec<&'a str>, bool) {
    let mut segments: Vec<&str> = Vec::with_capacity(8);
    let mut inside = true;
    for segment in from_url.split('/').chain(path.split('/')) {
        match segment {
            "" | "." => {}
            ".." => inside &= segments.pop().is_some(),
            s => segments.push(s),
        }
    }
    (segments, inside)
}

/// `../` once per folder of `from` (a page URL such as "a/b/"): the way back to the site root.
pub(crate) fn root_prefix(from_url: &str) -> String {
    "../".repeat(from_url.matches('/').count())
}

/// A link from the page at `from_url` (a folder, "a/b/") to the file `to` ("a/c/index.html"),
/// relative and as short as possible.
pub(crate) fn relative_url(from_url: &str, to: &str) -> String {
    let (to_dirs, file) = match to.rsplit_once('/') {
        Some((dirs, file)) => (Some(dirs), file),
        None => (None, to),
    };
    let mut from = from_url.split('/').filter(|s| !s.is_empty()).peekable();
    let mut dirs = to_dirs.into_iter().flat_map(|d| d.split('/')).peekable();
    while from.peek().is_some() && from.peek() == dirs.peek() {
        from.next();
        dirs.next();
    }
    let mut out = String::with_capacity(to.len() + 3 * from_url.len() / 2);
    for _ in from {
        out.push_str("../");
    }
    for d in dirs {
        out.push_str(d);
        out.push('/');
    }
    out.push_str(file);
    out
}

#[cfg(test)]
mod tests;
