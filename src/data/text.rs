//! Helpers shared by the data parsers: diagnostics at a value's place, and id checks.

use std::ops::Range;

use toml::Spanned;

use crate::content::Source;
use crate::diagnostic::Diagnostic;
use crate::tomlinput::TomlSource;

/// An error at a byte range of a data file.
pub(crate) fn error_at(
    source: &Source,
    span: Range<usize>,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic::error(message).at_span(&source.path, &source.text, span)
}

/// A warning at a byte range of a data file.
pub(crate) fn warning_at(
    source: &Source,
    span: Range<usize>,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic::warning(message).at_span(&source.path, &source.text, span)
}

/// Parses a whole data file into `T`, with author-friendly messages.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(
    source: &Source,
    what: &str,
) -> Result<T, Diagnostic> {
    TomlSource::whole(&source.path, &source.text).parse(what)
}

/// Renders a data file's Markdown value (a description, an intro) for the page at `url`; links
/// resolve relative to the data file.
pub(crate) fn markdown(
    text: &str,
    links: &crate::markdown::LinkIndex,
    from: &std::path::Path,
    url: &str,
) -> crate::markdown::Rendered {
    let cx = crate::markdown::Context {
        links,
        source: from,
        url,
        body_kind: &crate::markdown::shortcodes::builtin_body_kind,
        labels: crate::markdown::Labels::ENGLISH,
    };
    crate::markdown::render(text, &cx)
}

/// Problems in a Markdown value, reported at the value's place in the data file: the value's
/// text may hold escapes, so its offsets do not map one to one onto the file.
pub(crate) fn markdown_problems(
    source: &Source,
    value: &Spanned<String>,
    problems: &[crate::markdown::Problem],
) -> Vec<Diagnostic> {
    problems
        .iter()
        .map(|p| {
            let d = if p.warning {
                warning_at(source, value.span(), &p.message)
            } else {
                error_at(source, value.span(), &p.message)
            };
            match &p.hint {
                Some(h) => d.hint(h),
                None => d,
            }
        })
        .collect()
}
