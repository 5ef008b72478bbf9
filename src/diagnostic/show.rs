//! How a diagnostic is shown: its message, its file, line and column, the source line with a
//! caret under the problem (codespan-reporting), and its hint.

use std::fmt;
use std::ops::Range;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{self, Files, SimpleFile};
use codespan_reporting::term;

use super::{clamp_to_char_boundary, Diagnostic, Location, Severity};

impl Diagnostic {
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
