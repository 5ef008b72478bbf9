//! Diagnostics: every problem found in a toolkit becomes a value, collected, sorted and rendered once.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

mod show;

#[cfg(test)]
mod tests;
