//! Diagnostics: every problem found in a toolkit becomes a value, collected, sorted and rendered once.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;

/// How serious a diagnostic is. Errors fail the build; warnings do not (unless `--strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Where a diagnostic points: a file (relative to the toolkit root), a 1-based line and column,
/// and the byte range in the file's text so the source line can be shown with a caret.
#[derive(Debug, Clone)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub span: Range<usize>,
    pub source: Option<Arc<str>>,
}

impl Location {
    /// A location inside a file whose text we have: line and column are computed from the span.
    pub fn in_source(path: &Path, source: &Arc<str>, span: Range<usize>) -> Location {
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
    pub fn file(path: &Path) -> Location {
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
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// One problem, in words an author can act on.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            hint: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            location: None,
            hint: None,
        }
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    /// Points at a byte range of a file whose text we hold.
    pub fn at_span(self, path: &Path, source: &Arc<str>, span: Range<usize>) -> Diagnostic {
        self.at(Location::in_source(path, source, span))
    }

    pub fn in_file(self, path: &Path) -> Diagnostic {
        self.at(Location::file(path))
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
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
            Some(Location {
                path,
                source: Some(source),
                span,
                ..
            }) => {
                let file = SimpleFile::new(path.display().to_string(), source.as_ref());
                let label = cs::Label::primary((), span.clone());
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

fn emit(
    report: &cs::Diagnostic<()>,
    file: &SimpleFile<String, &str>,
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
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then line, then column; errors before warnings at the same place.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self.items.iter().collect();
        all.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                d.location
                    .as_ref()
                    .map(|l| (l.path.clone(), l.line, l.col))
                    .unwrap_or_default()
            };
            key(a).cmp(&key(b)).then(a.severity.cmp(&b.severity))
        });
        all
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
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
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
