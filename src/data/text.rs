//! Helpers shared by the data parsers: diagnostics at a value's place, and id checks.

use std::ops::Range;

use toml::Spanned;

use crate::config::Config;
use crate::content::Source;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::tomlinput::TomlSource;

/// An error at a byte range of a data file.
pub fn error_at(source: &Source, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(message).at_span(&source.path, &source.text, span)
}

/// A warning at a byte range of a data file.
pub fn warning_at(source: &Source, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::warning(message).at_span(&source.path, &source.text, span)
}

/// Parses a whole data file into `T`, with author-friendly messages.
pub fn parse_toml<T: serde::de::DeserializeOwned>(
    source: &Source,
    what: &str,
) -> Result<T, Diagnostic> {
    TomlSource::whole(&source.path, &source.text).parse(what)
}

/// An error for each audience id that site.toml does not list.
pub fn check_audiences(
    source: &Source,
    config: &Config,
    ids: &[Spanned<String>],
) -> Vec<Diagnostic> {
    let known: Vec<String> = config.audiences().into_iter().map(|a| a.id).collect();
    ids.iter()
        .filter(|a| !config.has_audience(a.get_ref()))
        .map(|a| {
            let hint =
                did_you_mean(a.get_ref(), known.iter().map(String::as_str)).unwrap_or_else(|| {
                    format!("audiences in site.toml [audiences]: {}", known.join(", "))
                });
            error_at(
                source,
                a.span(),
                format!("unknown audience `{}`", a.get_ref()),
            )
            .hint(hint)
        })
        .collect()
}

/// An error when `phase` is not one of site.toml's phases.
pub fn check_phase(
    source: &Source,
    config: &Config,
    phase: &Spanned<String>,
) -> Option<Diagnostic> {
    if config.is_phase(phase.get_ref()) {
        return None;
    }
    let known: Vec<&str> = config.phases().collect();
    let hint = did_you_mean(phase.get_ref(), known.iter().copied()).unwrap_or_else(|| {
        if known.is_empty() {
            "site.toml lists no phases: add them under [toolkit] phases = [...]".to_string()
        } else {
            format!("phases in site.toml: {}", known.join(", "))
        }
    });
    Some(
        error_at(
            source,
            phase.span(),
            format!("unknown phase `{}`", phase.get_ref()),
        )
        .hint(hint),
    )
}

/// Renders a data file's Markdown value (a description, an intro) for the page at `url`; links
/// resolve relative to the data file.
pub fn markdown(
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
    };
    crate::markdown::render(text, &cx)
}

/// Problems in a Markdown value, reported at the value's place in the data file: the value's
/// text may hold escapes, so its offsets do not map one to one onto the file.
pub fn markdown_problems(
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
