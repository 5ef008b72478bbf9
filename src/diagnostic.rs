//! Diagnostics: every problem found in a toolkit becomes a value, collected, sorted and rendered once.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{self, Files, SimpleFile};
use codespan_reporting::term;

/// How serious a diagnostic is. Errors fail the build; warnings do not (unless `--strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Severity {
    Error,
    Warning,
}

/// Where a diagnostic points: a file (relative to the toolkit root), a 1-based line and column,
/// and the byte range in the file's text so the source line can be shown with a caret.
#[derive(Debug, Clone)]
pub struct Location {
    pub(crate) path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub span: Range<usize>,
    pub source: Option<Arc<str>>,
}

impl Location {
    /// A location inside a file whose text we have: line and column are computed from the span.
    pub(crate) fn in_source(path: &Path, source: &Arc<str>, span: Range<usize>) -> Location {
        let start = clamp_to_char_boundary(source, span.start.min(source.len()));
        let end = clamp_to_char_boundary(source, span.end.clamp(start, source.len()));
        let (line, col) = line_col(source, start);
        Location {
            path: path.to_path_buf(),
            line,
            col,
            span: start..end,
            source: Some(source.clone()),
        }
    }

    /// A location in a file whose text is not at hand (or not text at all).
    pub(crate) fn file(path: &Path) -> Location {
        Location {
            path: path.to_path_buf(),
            line: 0,
            col: 0,
            span: 0..0,
            source: None,
        }
    }
}

fn clamp_to_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// One problem, in words an author can act on.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub(crate) severity: Severity,
    pub(crate) message: String,
    pub location: Option<Location>,
    pub(crate) hint: Option<String>,
    /// The file system failed (a file could not be read), rather than the author's text: the
    /// run exits with 2, like every other I/O failure.
    pub(crate) io: bool,
}

impl Diagnostic {
    pub(crate) fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            hint: None,
            io: false,
        }
    }

    pub(crate) fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            location: None,
            hint: None,
            io: false,
        }
    }

    /// An error reading the file at `shown`.
    pub(crate) fn io_error(e: &impl std::fmt::Display, shown: &Path) -> Diagnostic {
        let mut d = Diagnostic::error(e.to_string()).in_file(shown);
        d.io = true;
        d
    }

    pub(crate) fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    /// Points at a byte range of a file whose text we hold.
    pub(crate) fn at_span(self, path: &Path, source: &Arc<str>, span: Range<usize>) -> Diagnostic {
        self.at(Location::in_source(path, source, span))
    }

    pub(crate) fn in_file(self, path: &Path) -> Diagnostic {
        self.at(Location::file(path))
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// The same finding, reported as a warning.
    pub(crate) fn into_warning(mut self) -> Diagnostic {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col` (or just the path), as shown to the author.
    pub fn position(&self) -> Option<String> {
        let loc = self.location.as_ref()?;
        let path = loc.path.display();
        Some(if loc.line == 0 {
            path.to_string()
        } else {
            format!("{path}:{}:{}", loc.line, loc.col)
        })
    }

    /// The diagnostic as a compiler-style report: severity, message, position, the source line
    /// with a caret under the problem, and the hint.
    pub fn render(&self, color: bool) -> String {
        let severity = match self.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let mut report = cs::Diagnostic::new(severity).with_message(&self.message);
        if let Some(hint) = &self.hint {
            report = report.with_notes(vec![format!("hint: {hint}")]);
        }
        let config = term::Config::default();
        match &self.location {
            Some(
                loc @ Location {
                    source: Some(source),
                    ..
                },
            ) => {
                let (file, span) = Excerpt::new(loc, source);
                let label = cs::Label::primary((), span);
                emit(&report.with_labels(vec![label]), &file, &config, color)
            }
            other => {
                if let Some(loc) = other {
                    report = report.with_notes(vec![format!("in {}", loc.path.display())]);
                    report.notes.rotate_right(1);
                }
                let file = SimpleFile::new(String::new(), "");
                emit(&report, &file, &config, color)
            }
        }
    }
}

/// The one source line a diagnostic shows, cut to a window around the problem when the line is
/// long (a 20 MB paragraph must not be printed fifty times), with the true line and column.
struct Excerpt {
    name: String,
    text: String,
    line: usize,
    /// Columns of the true line before the first character of `text`.
    cols_before: usize,
}

/// Lines longer than this many characters are shown as a window around the problem.
const MAX_SHOWN_LINE: usize = 120;

impl Excerpt {
    /// The excerpt for a location, and the span to underline in it (on the first line only).
    fn new(loc: &Location, source: &str) -> (Excerpt, Range<usize>) {
        let start = loc.span.start.min(source.len());
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line = source[line_start..line_end].trim_end_matches('\r');
        // Within the line as shown: a span may start on the `\r` of a CRLF line end.
        let span_start = (start - line_start).min(line.len());
        let span_end = (loc.span.end.saturating_sub(line_start)).clamp(span_start, line.len());
        let span = span_start..span_end;
        let mut excerpt = Excerpt {
            name: loc.path.display().to_string(),
            text: line.to_string(),
            line: loc.line,
            cols_before: 0,
        };
        if line.chars().count() <= MAX_SHOWN_LINE {
            return (excerpt, span);
        }
        let from = back_chars(line, span.start, 40);
        let to = forward_chars(line, span.end.max(span.start), 60);
        let cut_before = from > 0;
        excerpt.text = format!(
            "{}{}{}",
            if cut_before { "…" } else { "" },
            &line[from..to],
            if to < line.len() { "…" } else { "" }
        );
        let shift = if cut_before { '…'.len_utf8() } else { 0 };
        excerpt.cols_before = loc.col.saturating_sub(1) - line[from..span.start].chars().count();
        excerpt.cols_before -= usize::from(cut_before).min(excerpt.cols_before);
        let span_end = span.end.min(to);
        (
            excerpt,
            (span.start - from + shift)..(span_end - from + shift),
        )
    }
}

/// The byte index `n` characters before `i` in `s` (or 0).
fn back_chars(s: &str, i: usize, n: usize) -> usize {
    s[..i]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(j, _)| j)
}

/// The byte index `n` characters after `i` in `s` (or its end).
fn forward_chars(s: &str, i: usize, n: usize) -> usize {
    s[i..].char_indices().nth(n).map_or(s.len(), |(j, _)| i + j)
}

impl<'a> Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.name)
    }
    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.text)
    }
    fn line_index(&'a self, (): (), _: usize) -> Result<usize, files::Error> {
        Ok(0)
    }
    fn line_number(&'a self, (): (), _: usize) -> Result<usize, files::Error> {
        Ok(self.line)
    }
    fn column_number(&'a self, (): (), _: usize, byte: usize) -> Result<usize, files::Error> {
        let byte = clamp_to_char_boundary(&self.text, byte.min(self.text.len()));
        Ok(self.cols_before + self.text[..byte].chars().count() + 1)
    }
    fn line_range(&'a self, (): (), line: usize) -> Result<Range<usize>, files::Error> {
        match line {
            0 => Ok(0..self.text.len()),
            _ => Err(files::Error::LineTooLarge {
                given: line,
                max: 0,
            }),
        }
    }
}

fn emit<'f>(
    report: &cs::Diagnostic<()>,
    file: &'f impl Files<'f, FileId = ()>,
    config: &term::Config,
    color: bool,
) -> String {
    if color {
        let styles = term::Styles::default();
        let mut buffer = term::termcolor::Buffer::ansi();
        let mut writer = term::StylesWriter::new(&mut buffer, &styles);
        if term::emit_to_write_style(&mut writer, config, file, report).is_ok() {
            return String::from_utf8_lossy(buffer.as_slice()).into_owned();
        }
    }
    term::emit_into_string(config, file, report).unwrap_or_else(|_| format!("{}\n", report.message))
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.position() {
            Some(pos) => write!(f, "{pos}: {severity}: {}", self.message)?,
            None => write!(f, "{severity}: {}", self.message)?,
        }
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// All diagnostics of a run, in the order found; sorted when reported.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub(crate) fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Keeps a step's diagnostics and returns its value: how each loader's `(value, Diagnostics)`
    /// joins the run's.
    pub(crate) fn take<T>(&mut self, (value, diags): (T, Diagnostics)) -> T {
        self.items.extend(diags.items);
        value
    }

    /// A step's value, or `None` with its diagnostics kept.
    pub(crate) fn take_ok<T>(&mut self, result: Result<T, Diagnostics>) -> Option<T> {
        result.map_err(|d| self.items.extend(d.items)).ok()
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Whether a file could not be read (exit 2 rather than 1).
    pub(crate) fn has_io_errors(&self) -> bool {
        self.items.iter().any(|d| d.io)
    }

    pub(crate) fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub(crate) fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then line, then column; errors before warnings at the same place.
    pub(crate) fn sorted(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self.items.iter().collect();
        all.sort_by(|a, b| place(a).cmp(&place(b)).then(a.severity.cmp(&b.severity)));
        all
    }
}

fn place(d: &Diagnostic) -> Option<(&Path, usize, usize)> {
    d.location
        .as_ref()
        .map(|l| (l.path.as_path(), l.line, l.col))
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(items: Vec<Diagnostic>) -> Self {
        Diagnostics { items }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics { items: vec![d] }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// "did you mean `x`?" for a misspelt name among the known ones.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    known
        .into_iter()
        .map(|k| {
            (
                strsim::jaro_winkler(&word.to_lowercase(), &k.to_lowercase()),
                k,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!("did you mean `{k}`?"))
}

#[cfg(test)]
mod tests;
