//! Typed TOML input (site.toml, front matter, data files) with diagnostics in an author's words.
//!
//! serde's messages are written for programmers ("invalid type: string, expected i64"); this module
//! rewrites them ("expected a whole number, found text") and adds a "did you mean" hint for unknown
//! keys. Spans are shifted by `offset` so a front matter error points at the true line of the file.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

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

    pub fn text(&self) -> &'a str {
        &self.file[self.offset..self.offset + self.len]
    }

    /// A diagnostic at a span relative to the parsed text.
    pub fn error_at(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let span = (span.start + self.offset)..(span.end + self.offset);
        Diagnostic::error(message).at_span(self.path, self.file, span)
    }

    pub fn parse<T: DeserializeOwned>(&self, what: &str) -> Result<T, Diagnostic> {
        toml::from_str(self.text()).map_err(|e| self.explain(&e, what))
    }

    /// Reads a file of a few settings (`H`) and a list of entries under `key` (`[[resource]]`),
    /// each entry on its own, and each entry field by field: a mistake hides no other. Syntax
    /// errors and mistakes in the settings stop the file. Returns the settings, the entries that
    /// could be read (an entry with a wrong field is read without it, so its other fields are
    /// still checked) and every mistake.
    pub fn parse_entries<H: DeserializeOwned, E: DeserializeOwned>(
        &self,
        what: &str,
        key: &str,
    ) -> Result<(H, Vec<E>, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut table = self.document(what).map_err(|d| vec![d])?;
        let entries = self.take_entries(&mut table, key, what).map_err(|d| vec![d])?;
        let (head, mut mistakes) = self.read::<H>(table, what, &[key]);
        let Some(head) = head else {
            return Err(mistakes);
        };
        let mut read = Vec::new();
        for item in entries {
            let (entry, found) = self.read(item, what, &[]);
            read.extend(entry);
            mistakes.extend(found);
        }
        Ok((head, read, mistakes))
    }

    /// Reads the whole text as `T`, field by field: every field with a mistake is reported (and
    /// left out), so one run shows them all. `T` comes back when it could be read without them,
    /// for the checks that follow (an unknown audience in front matter with a misspelt key).
    pub fn parse_fields<T: DeserializeOwned>(&self, what: &str) -> (Option<T>, Vec<Diagnostic>) {
        match self.document(what) {
            Ok(table) => self.read(table, what, &[]),
            Err(d) => (None, vec![d]),
        }
    }

    /// The text's TOML, syntax checked, as a table to read from.
    pub fn document(&self, what: &str) -> Result<Spanned<DeValue<'a>>, Diagnostic> {
        let table = DeTable::parse(self.text()).map_err(|e| self.explain(&e, what))?;
        let span = table.span();
        Ok(Spanned::new(span, DeValue::Table(table.into_inner())))
    }

    /// Takes the list of tables under `key` out of `table` (`[[section]]`), each to be read on
    /// its own.
    pub fn take_entries<'i>(
        &self,
        table: &mut Spanned<DeValue<'i>>,
        key: &str,
        what: &str,
    ) -> Result<Vec<Spanned<DeValue<'i>>>, Diagnostic> {
        let DeValue::Table(fields) = table.get_mut() else {
            return Ok(Vec::new());
        };
        let Some(entries) = fields.remove(key) else {
            return Ok(Vec::new());
        };
        let span = entries.span();
        match entries.into_inner() {
            DeValue::Array(items) => Ok(items.into_iter().collect()),
            _ => Err(self
                .error_at(span, format!("`{key}` in {what} must be a list of [[{key}]] tables"))
                .hint(format!("start each entry with a line [[{key}]]"))),
        }
    }

    /// Reads `value` as `T`. On a mistake, the field it is in is reported and left out, and the
    /// value read again, until it reads or a required field is missing. `also` are keys that
    /// `T` leaves to the caller (taken out with `take_entries`) but are allowed here.
    pub fn read<T: DeserializeOwned>(
        &self,
        mut value: Spanned<DeValue<'_>>,
        what: &str,
        also: &[&str],
    ) -> (Option<T>, Vec<Diagnostic>) {
        use toml::de::ValueDeserializer;
        let mut mistakes = Vec::new();
        let mut removed: Vec<String> = Vec::new();
        loop {
            let err = match T::deserialize(ValueDeserializer::from(value.clone())) {
                Ok(read) => return (Some(read), mistakes),
                Err(e) => e,
            };
            let missing_field = err.message().starts_with("missing field");
            // A required field that was left out for its own mistake, or misspelt (`titel` for
            // `title`): already reported.
            let missing = backticked(err.message()).into_iter().next();
            if missing_field
                && missing.is_some_and(|m| {
                    removed.contains(&m)
                        || removed.iter().any(|r| did_you_mean(r, [m.as_str()]).is_some())
                })
            {
                return (None, mistakes);
            }
            let raw = match err.message() {
                m if m.starts_with("unknown field") && !also.is_empty() => {
                    let more: Vec<String> = also.iter().map(|k| format!("`{k}`")).collect();
                    format!("{m}, {}", more.join(", "))
                }
                m => m.to_string(),
            };
            mistakes.push(self.explain_message(err.span().unwrap_or(0..0), &raw, what));
            if missing_field {
                return (None, mistakes);
            }
            let (Some(at), DeValue::Table(fields)) = (err.span(), value.get_mut()) else {
                return (None, mistakes);
            };
            let culprit = fields
                .iter()
                .find(|(k, v)| {
                    let (ks, vs) = (k.span(), v.span());
                    (ks.start <= at.start && at.start < ks.end.max(ks.start + 1))
                        || (vs.start <= at.start && at.end <= vs.end)
                })
                .map(|(k, _)| k.get_ref().to_string());
            match culprit {
                Some(k) if mistakes.len() < 20 => {
                    fields.remove(k.as_str());
                    removed.push(k);
                }
                _ => return (None, mistakes),
            }
        }
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

impl TomlSource<'_> {
    /// Quotes pasted from a word processor (“ ” ‘ ’) on the line of a syntax error: named, since
    /// "string values must be quoted" is baffling when the value looks quoted.
    fn curly_quotes(&self, at: usize) -> Option<Diagnostic> {
        let text = self.text();
        let at = at.min(text.len());
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = &text[line_start..line_end];
        let (first, quote) = line.char_indices().find(|(_, c)| "“”‘’„«»".contains(*c))?;
        let last = line
            .char_indices()
            .filter(|(_, c)| "“”‘’„«»".contains(*c))
            .last()
            .map_or(first + quote.len_utf8(), |(i, c)| i + c.len_utf8());
        let straight = line.replace(['“', '”', '„', '«', '»'], "\"").replace(['‘', '’'], "'");
        Some(
            self.error_at(
                line_start + first..line_start + last,
                "these are curly quotes (“ ”) from a word processor; TOML needs straight quotes \"\"",
            )
            .hint(format!("type the quotes again in a plain text editor: {}", straight.trim())),
        )
    }

    /// A list whose `]` is missing: toml reports it where the next key starts ("missing comma"),
    /// and adding the comma as told only moves the error. Named instead at the end of the list's
    /// last item, with the line where the list opened.
    fn unclosed_list(&self, at: usize) -> Option<Diagnostic> {
        let text = self.text();
        let at = at.min(text.len());
        let next = text[at..].trim_start();
        let next_is_key = next.is_empty()
            || next.starts_with('[')
            || next
                .split_once('=')
                .is_some_and(|(k, _)| !k.contains('\n') && is_bare_key(k.trim()));
        if !next_is_key {
            return None;
        }
        let open = unclosed_bracket(&text[..at])?;
        let end = text[..at].trim_end().len();
        let last = text[..end].chars().next_back().map_or(0, char::len_utf8);
        let line = crate::diagnostic::line_col(self.file, self.offset + open).0;
        Some(
            self.error_at(
                end - last..end,
                format!("the list opened on line {line} is never closed: `]` is missing after its last item"),
            )
            .hint("add `]` after the last item, like key = [\"first\", \"second\"]"),
        )
    }
}

fn is_bare_key(k: &str) -> bool {
    !k.is_empty()
        && k.split('.').all(|part| {
            !part.trim().is_empty()
                && part
                    .trim()
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}

/// The offset of the last `[` in `text` that no `]` closes, outside strings and comments.
fn unclosed_bracket(text: &str) -> Option<usize> {
    let mut open = Vec::new();
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            _ if comment => comment = c != '\n',
            (Some('"'), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), c) if c == q && !escaped => quote = None,
            (Some(_), '\n') => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => comment = true,
            (None, '[') => open.push(i),
            (None, ']') => {
                open.pop();
            }
            _ => {}
        }
        escaped = false;
    }
    open.pop()
}

/// Rewrites a serde/toml message into (message, hint).
pub fn author_message(raw: &str, what: &str) -> (String, Option<String>) {
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

fn backticked(s: &str) -> Vec<String> {
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
