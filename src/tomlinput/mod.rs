//! Typed TOML input (site.toml, front matter, data files) with diagnostics in an author's words.
//!
//! serde's messages are written for programmers ("invalid type: string, expected i64"); this module
//! rewrites them ("expected a whole number, found text") and adds a "did you mean" hint for unknown
//! keys. Spans are shifted by `offset` so a front matter error points at the true line of the file.
//!
//! `fields` reads a file entry by entry and field by field, so one run reports every mistake;
//! `syntax` names the syntax mistakes a non-programmer makes (curly quotes, a list never closed).

mod fields;
mod syntax;

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diagnostic::{did_you_mean, Diagnostic};

/// The text being parsed: a file, or a slice of one starting at `offset` (front matter).
pub struct TomlSource<'a> {
    pub path: &'a Path,
    pub file: &'a Arc<str>,
    pub offset: usize,
    pub len: usize,
}

impl<'a> TomlSource<'a> {
    pub fn whole(path: &'a Path, file: &'a Arc<str>) -> TomlSource<'a> {
        TomlSource {
            path,
            file,
            offset: 0,
            len: file.len(),
        }
    }

    pub(crate) fn text(&self) -> &'a str {
        &self.file[self.offset..self.offset + self.len]
    }

    /// A diagnostic at a span relative to the parsed text.
    pub(crate) fn error_at(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let span = (span.start + self.offset)..(span.end + self.offset);
        Diagnostic::error(message).at_span(self.path, self.file, span)
    }

    pub fn parse<T: DeserializeOwned>(&self, what: &str) -> Result<T, Diagnostic> {
        toml::from_str(self.text()).map_err(|e| self.explain(&e, what))
    }

    fn explain(&self, err: &toml::de::Error, what: &str) -> Diagnostic {
        self.explain_message(err.span().unwrap_or(0..0), err.message(), what)
    }

    fn explain_message(&self, span: Range<usize>, raw: &str, what: &str) -> Diagnostic {
        if let Some(d) = self.curly_quotes(span.start) {
            return d;
        }
        let list_error = raw.starts_with("missing comma between array elements")
            || raw.starts_with("unclosed array");
        if let Some(d) = list_error.then(|| self.unclosed_list(span.start)).flatten() {
            return d;
        }
        // toml names no key in "duplicate key": the span covers it.
        let named = match self.text().get(span.clone()) {
            Some(key) if raw == "duplicate key" => format!("duplicate key `{}`", key.trim()),
            _ => raw.to_string(),
        };
        let (message, hint) = author_message(&named, what);
        let d = self.error_at(span, message);
        match hint {
            Some(h) => d.hint(h),
            None => d,
        }
    }
}

/// Rewrites a serde/toml message into (message, hint).
pub(crate) fn author_message(raw: &str, what: &str) -> (String, Option<String>) {
    let ticked = backticked(raw);
    if raw.starts_with("unknown field") {
        let unknown = ticked.first().cloned().unwrap_or_default();
        let known: Vec<&str> = ticked.iter().skip(1).map(String::as_str).collect();
        let list = known.join(", ");
        let hint = match did_you_mean(&unknown, known.iter().copied()) {
            Some(dym) => format!("{dym} (allowed keys here: {list})"),
            None if known.is_empty() => "remove this key".to_string(),
            None => format!("allowed keys here: {list}"),
        };
        return (format!("unknown key `{unknown}` in {what}"), Some(hint));
    }
    if raw.starts_with("unknown variant") {
        let given = ticked.first().cloned().unwrap_or_default();
        let known: Vec<&str> = ticked.iter().skip(1).map(String::as_str).collect();
        let hint = match did_you_mean(&given, known.iter().copied()) {
            Some(dym) => format!("{dym} (allowed values: {})", known.join(", ")),
            None => format!("allowed values: {}", known.join(", ")),
        };
        return (
            format!("`{given}` is not an allowed value in {what}"),
            Some(hint),
        );
    }
    if raw.starts_with("missing field") {
        let key = ticked.first().cloned().unwrap_or_default();
        return (
            format!("{what} is missing the required key `{key}`"),
            Some(format!("add a line such as `{key} = \"...\"`")),
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            if found.contains(" as i128") {
                return (
                    format!("this number is too large ({what})"),
                    Some("use a smaller whole number, such as 10".into()),
                );
            }
            let expected = type_words(expected);
            return (
                format!(
                    "wrong type in {what}: expected {expected}, found {}",
                    type_words(found)
                ),
                type_hint(&expected),
            );
        }
    }
    if raw.starts_with("duplicate key") {
        let key = ticked.first().cloned().unwrap_or_default();
        return (
            format!("the key `{key}` is written twice in {what}"),
            Some("keep only one of them".into()),
        );
    }
    let first_line = raw.lines().next().unwrap_or(raw).trim();
    (
        format!("this is not valid TOML ({what}): {first_line}"),
        Some(toml_syntax_hint(raw)),
    )
}

/// How to write a value of the expected kind.
fn type_hint(expected: &str) -> Option<String> {
    let hint = match expected {
        "text in double quotes" => "put the text in double quotes: key = \"...\"",
        "a whole number" => "write a whole number without quotes, such as 10",
        "a number" => "write a number without quotes, such as 4.0",
        "true or false" => "write true or false, without quotes",
        "a list in square brackets" => {
            "write a list, even of one item: key = [\"first\", \"second\"]"
        }
        "a table" => "write it as a table: a line [name] followed by key = value lines",
        _ => return None,
    };
    Some(hint.to_string())
}

fn toml_syntax_hint(raw: &str) -> String {
    if raw.contains("string") || raw.contains("quote") {
        "text values need double quotes: key = \"value\"".into()
    } else {
        "each line should look like key = \"value\", key = 3, key = true or key = [\"a\", \"b\"]"
            .into()
    }
}

pub(crate) fn backticked(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// serde's type names in plain words.
fn type_words(t: &str) -> String {
    let t = t.trim();
    let words = if t.starts_with("string") || t == "a string" {
        "text in double quotes"
    } else if t.starts_with("integer")
        || [
            "i64",
            "u64",
            "u32",
            "i32",
            "usize",
            "u8",
            "u16",
            "an integer",
        ]
        .contains(&t)
    {
        "a whole number"
    } else if t.starts_with("floating point") {
        "a decimal number"
    } else if t == "f64" || t == "f32" {
        "a number"
    } else if t.starts_with("boolean") || t == "a boolean" {
        "true or false"
    } else if t.contains("sequence") || t.contains("array") {
        "a list in square brackets"
    } else if t.contains("map") || t.starts_with("struct") || t.contains("table") {
        "a table"
    } else {
        return t.to_string();
    };
    words.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_gets_did_you_mean() {
        let (m, h) = author_message(
            "unknown field `titel`, expected one of `title`, `weight`",
            "front matter",
        );
        assert_eq!(m, "unknown key `titel` in front matter");
        assert!(h.unwrap().starts_with("did you mean `title`?"));
    }

    #[test]
    fn wrong_type_in_plain_words() {
        let (m, _) = author_message("invalid type: string \"ten\", expected i64", "front matter");
        assert_eq!(
            m,
            "wrong type in front matter: expected a whole number, found text in double quotes"
        );
    }
}
