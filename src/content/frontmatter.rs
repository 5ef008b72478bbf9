//! Splitting a Markdown file into TOML front matter and body, and the front matter's shape.

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::tomlinput::TomlSource;

/// Byte ranges of the front matter (between the `+++` lines) and of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub front: std::ops::Range<usize>,
    pub body_offset: usize,
}

/// What went wrong when splitting, with the byte offset it applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// Nothing but white space.
    Empty,
    Missing,
    Unclosed,
    /// YAML front matter between `---` lines (Hugo's and Jekyll's), with its text.
    Yaml(String),
}

/// Finds `+++` front matter at the very start of `text` (after an optional byte-order mark).
/// Pure and total: any input returns a value.
pub fn split(text: &str) -> Result<Split, SplitError> {
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = line_ranges(text, start);
    match lines.next() {
        Some(r) if text[r.clone()].trim_end() == "+++" => {
            let front_start = r.end_with_newline;
            for line in lines {
                if text[line.clone()].trim_end() == "+++" {
                    return Ok(Split {
                        front: front_start..line.start,
                        body_offset: line.end_with_newline,
                    });
                }
            }
            Err(SplitError::Unclosed)
        }
        Some(r) if text[r.clone()].trim_end() == "---" => {
            let front_start = r.end_with_newline;
            let close = lines.find(|l| text[l.clone()].trim_end() == "---");
            match close {
                Some(l) => Err(SplitError::Yaml(text[front_start..l.start].to_string())),
                None => Err(SplitError::Missing),
            }
        }
        _ => Err(SplitError::Missing),
    }
}

/// Simple YAML front matter (`key: value` lines, `[a, b]` lists, `- item` lines) written as
/// TOML, to show an author what to write instead. Anything it cannot read is kept as a comment.
pub(crate) fn yaml_as_toml(yaml: &str) -> String {
    let mut out = Vec::new();
    let mut list: Option<(String, Vec<String>)> = None;
    let flush = |list: &mut Option<(String, Vec<String>)>, out: &mut Vec<String>| {
        if let Some((key, items)) = list.take() {
            out.push(format!("{key} = [{}]", items.join(", ")));
        }
    };
    for line in yaml.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let (Some(item), Some((_, items))) = (trimmed.strip_prefix("- "), list.as_mut()) {
            items.push(toml_value(item));
            continue;
        }
        flush(&mut list, &mut out);
        match trimmed.split_once(':') {
            Some((key, value)) if !key.contains(' ') => {
                let (key, value) = (key.trim(), value.trim());
                if value.is_empty() {
                    list = Some((key.to_string(), Vec::new()));
                } else if let Some(inner) =
                    value.strip_prefix('[').and_then(|v| v.strip_suffix(']'))
                {
                    let items: Vec<String> = inner
                        .split(',')
                        .map(str::trim)
                        .filter(|i| !i.is_empty())
                        .map(toml_value)
                        .collect();
                    out.push(format!("{key} = [{}]", items.join(", ")));
                } else {
                    out.push(format!("{key} = {}", toml_value(value)));
                }
            }
            _ => out.push(format!("# {trimmed}")),
        }
    }
    flush(&mut list, &mut out);
    out.join("\n")
}

/// A YAML scalar as a TOML value: numbers and true/false as they are, text quoted.
fn toml_value(v: &str) -> String {
    let v = v.trim();
    let unquoted = v
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')));
    match unquoted {
        Some(text) => format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"")),
        None if v == "true" || v == "false" || v.parse::<f64>().is_ok() => v.to_string(),
        None => format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\"")),
    }
}

#[derive(Clone)]
struct Line {
    start: usize,
    end: usize,
    end_with_newline: usize,
}

impl std::ops::Index<Line> for str {
    type Output = str;
    fn index(&self, l: Line) -> &str {
        &self[l.start..l.end]
    }
}

fn line_ranges(text: &str, from: usize) -> impl Iterator<Item = Line> + '_ {
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let rest = &text[pos..];
        let (end, next) = match rest.find('\n') {
            Some(i) => (pos + i, pos + i + 1),
            None => (text.len(), text.len()),
        };
        let line = Line {
            start: pos,
            end,
            end_with_newline: next,
        };
        pos = next;
        Some(line)
    })
}

impl SplitError {
    pub fn diagnostic(&self, input: &TomlSource) -> Diagnostic {
        match self {
            SplitError::Empty => input
                .error_at(0..0, "this file is empty")
                .hint("a page starts with its front matter: a line `+++`, then `title = \"Your title\"`, then another `+++`; delete the file if it is not needed"),
            SplitError::Missing => input
                .error_at(0..0, "this page has no front matter")
                .hint("start the file with a line `+++`, then `title = \"Your title\"`, then another `+++`"),
            SplitError::Unclosed => input
                .error_at(0..3, "the front matter is never closed")
                .hint("add a line containing only `+++` after the last setting"),
            SplitError::Yaml(yaml) => input
                .error_at(0..3, "this front matter is written in YAML (between `---` lines); Trellis reads TOML between `+++` lines")
                .hint(format!("replace the lines from the first `---` to the second with:\n+++\n{}\n+++", yaml_as_toml(yaml))),
        }
    }
}

/// Front matter of a guidance page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub(crate) title: Spanned<String>,
    pub(crate) weight: Option<i64>,
    pub(crate) summary: Option<String>,
    #[serde(default)]
    pub(crate) audience: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) draft: bool,
    pub(crate) slug: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) worksheets: Vec<Spanned<String>>,
}

/// Front matter of a section's (or the home page's) `_index.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFront {
    pub(crate) title: Spanned<String>,
    pub(crate) weight: Option<i64>,
    pub(crate) summary: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.front.clone()], "title = \"A\"\n");
        assert_eq!(&text[s.body_offset..], "Body\n");
    }

    #[test]
    fn accepts_crlf_and_bom() {
        let text = "\u{feff}+++\r\ntitle = \"A\"\r\n+++\r\nBody";
        let s = split(text).unwrap();
        assert_eq!(&text[s.front], "title = \"A\"\r\n");
    }

    #[test]
    fn reports_missing_and_unclosed() {
        assert_eq!(split("# Title\n"), Err(SplitError::Missing));
        assert_eq!(split(""), Err(SplitError::Empty));
        assert_eq!(split(" \n\r\n"), Err(SplitError::Empty));
        assert_eq!(split("+++\ntitle = \"A\"\n"), Err(SplitError::Unclosed));
    }

    #[test]
    fn yaml_front_matter_is_recognised_and_shown_as_toml() {
        let text = "---\ntitle: Second steps\nweight: 20\naudience: [students, \"faculty\"]\nworksheets:\n  - agreement\n  - pulse\ndraft: false\n---\nBody";
        let Err(SplitError::Yaml(yaml)) = split(text) else {
            panic!("not recognised as YAML");
        };
        assert_eq!(
            yaml_as_toml(&yaml),
            "title = \"Second steps\"\nweight = 20\naudience = [\"students\", \"faculty\"]\nworksheets = [\"agreement\", \"pulse\"]\ndraft = false"
        );
        assert_eq!(split("---\ntitle: x\n"), Err(SplitError::Missing));
    }

    #[test]
    fn body_may_be_empty() {
        let s = split("+++\ntitle = \"A\"\n+++").unwrap();
        assert_eq!(s.body_offset, "+++\ntitle = \"A\"\n+++".len());
    }
}
