//! One `[[section.prompt]]`: its kind, the keys each kind takes, and scales inherited from the
//! section or the worksheet.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::{Kind, Prompt, Scale, ScalePrompt};
use crate::data::fields::{self, Markdown};
use crate::diagnostic::Diagnostic;
use crate::tomlinput::TomlSource;

/// `lines` without a value: three write-in lines.
pub(crate) const DEFAULT_LINES: u32 = 3;
/// A table without `rows`: three rows.
pub(crate) const DEFAULT_ROWS: u32 = 3;
/// More points than this stop being a scale one can circle on paper.
const MAX_SCALE_POINTS: i64 = 11;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RawKind {
    Lines,
    Text,
    Choice,
    Checkbox,
    Scale,
    Date,
    Signature,
    Table,
}

impl RawKind {
    fn name(self) -> &'static str {
        match self {
            RawKind::Lines => "lines",
            RawKind::Text => "text",
            RawKind::Choice => "choice",
            RawKind::Checkbox => "checkbox",
            RawKind::Scale => "scale",
            RawKind::Date => "date",
            RawKind::Signature => "signature",
            RawKind::Table => "table",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPrompt {
    label: Spanned<String>,
    id: Option<Spanned<String>>,
    kind: Option<Spanned<RawKind>>,
    lines: Option<Spanned<i64>>,
    options: Option<Spanned<Vec<Spanned<String>>>>,
    scale: Option<Spanned<RawScale>>,
    columns: Option<Spanned<Vec<Spanned<String>>>>,
    rows: Option<Spanned<i64>>,
    factor: Option<Spanned<String>>,
    category: Option<Spanned<String>>,
    reverse: Option<Spanned<bool>>,
    allow_na: Option<Spanned<bool>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawScale {
    min: i64,
    max: i64,
    low: Option<String>,
    high: Option<String>,
}

impl RawPrompt {
    /// Whether the author wrote the prompt's id (rather than letting it come from the label).
    pub(crate) fn has_id(&self) -> bool {
        self.id.is_some()
    }
}

/// The scale a prompt inherits: none, one that was checked, or one whose error is already reported
/// (so its prompts do not repeat it).
#[derive(Debug, Clone)]
pub(crate) enum ScaleFrom {
    None,
    Given(Scale),
    Broken,
}

impl ScaleFrom {
    /// The scale written at this level (checked), or the parent's.
    pub(crate) fn inherit(
        own: Option<&Spanned<RawScale>>,
        parent: ScaleFrom,
        input: &TomlSource,
        errors: &mut Vec<Diagnostic>,
    ) -> ScaleFrom {
        let Some(raw) = own else { return parent };
        let s = raw.get_ref();
        let problem = if s.min >= s.max {
            Some(format!(
                "this scale runs from {} to {}: min must be below max",
                s.min, s.max
            ))
        } else if s.max - s.min + 1 > MAX_SCALE_POINTS {
            Some(format!(
                "this scale has {} points; at most {MAX_SCALE_POINTS} fit on a page",
                s.max - s.min + 1
            ))
        } else {
            None
        };
        match problem {
            Some(message) => {
                errors.push(input.error_at(raw.span(), message)
                    .hint("e.g. scale = { min = 1, max = 5, low = \"Strongly disagree\", high = \"Strongly agree\" }"));
                ScaleFrom::Broken
            }
            None => ScaleFrom::Given(Scale {
                min: s.min,
                max: s.max,
                low: s.low.clone(),
                high: s.high.clone(),
            }),
        }
    }
}

/// Checks one prompt. Returns it with the span to name when its id is used twice, or None when
/// it has errors (already pushed).
pub(crate) fn parse(
    raw: RawPrompt,
    inherited: &ScaleFrom,
    input: &TomlSource,
    errors: &mut Vec<Diagnostic>,
) -> Option<(Prompt, Range<usize>)> {
    let before = errors.len();
    let kind = raw.kind.as_ref().map_or(RawKind::Lines, |k| *k.get_ref());
    if raw.label.get_ref().trim().is_empty() {
        errors.push(
            input
                .error_at(raw.label.span(), "this prompt's label is empty")
                .hint("write the question between the quotes"),
        );
    }
    misplaced_keys(&raw, kind, input, errors);
    let id = match fields::id_for(raw.id.clone(), &raw.label, "prompt", input) {
        Ok(x) => Some(x),
        Err(d) => {
            errors.push(d);
            None
        }
    };
    let kind = match kind {
        RawKind::Lines => Kind::Lines {
            lines: count(
                raw.lines.as_ref(),
                DEFAULT_LINES,
                40,
                "lines",
                input,
                errors,
            ),
        },
        RawKind::Text => Kind::Text,
        RawKind::Date => Kind::Date,
        RawKind::Signature => Kind::Signature,
        RawKind::Choice => Kind::Choice {
            options: options(&raw, 2, input, errors),
        },
        RawKind::Checkbox => Kind::Checkbox {
            options: options(&raw, 1, input, errors),
        },
        RawKind::Table => Kind::Table {
            columns: columns(&raw, input, errors),
            rows: count(raw.rows.as_ref(), DEFAULT_ROWS, 100, "rows", input, errors),
        },
        RawKind::Scale => Kind::Scale(scale_prompt(&raw, inherited, input, errors)?),
    };
    let (id, id_span) = id?;
    (errors.len() == before).then(|| {
        let prompt = Prompt {
            id,
            label: Markdown::new(raw.label),
            kind,
        };
        (prompt, id_span)
    })
}

/// A kind-specific key: its name, where it is written (if it is), and the kinds that take it.
type KeyUse<'a> = (&'a str, Option<Range<usize>>, &'a [RawKind]);

/// Keys that only some kinds take, e.g. `columns` on a lines prompt.
fn misplaced_keys(
    raw: &RawPrompt,
    kind: RawKind,
    input: &TomlSource,
    errors: &mut Vec<Diagnostic>,
) {
    use RawKind::*;
    let keys: [KeyUse; 9] = [
        ("lines", raw.lines.as_ref().map(Spanned::span), &[Lines]),
        (
            "options",
            raw.options.as_ref().map(Spanned::span),
            &[Choice, Checkbox],
        ),
        ("scale", raw.scale.as_ref().map(Spanned::span), &[Scale]),
        ("columns", raw.columns.as_ref().map(Spanned::span), &[Table]),
        ("rows", raw.rows.as_ref().map(Spanned::span), &[Table]),
        ("factor", raw.factor.as_ref().map(Spanned::span), &[Scale]),
        (
            "category",
            raw.category.as_ref().map(Spanned::span),
            &[Scale],
        ),
        ("reverse", raw.reverse.as_ref().map(Spanned::span), &[Scale]),
        (
            "allow_na",
            raw.allow_na.as_ref().map(Spanned::span),
            &[Scale],
        ),
    ];
    for (key, at, allowed) in keys {
        let Some(at) = at.filter(|_| !allowed.contains(&kind)) else {
            continue;
        };
        let names: Vec<&str> = allowed.iter().map(|k| k.name()).collect();
        let hint = match &raw.kind {
            None => format!(
                "add kind = \"{}\" to this prompt, or remove `{key}`",
                names[0]
            ),
            Some(_) => format!("remove `{key}`, or change the prompt's kind"),
        };
        errors.push(
            input
                .error_at(
                    at,
                    format!(
                        "`{key}` only applies to {} prompts, and this is a {} prompt",
                        names.join(" and "),
                        kind.name()
                    ),
                )
                .hint(hint),
        );
    }
}

/// A positive count (`lines`, `rows`) with its default and a sane upper bound.
fn count(
    value: Option<&Spanned<i64>>,
    default: u32,
    max: i64,
    key: &str,
    input: &TomlSource,
    errors: &mut Vec<Diagnostic>,
) -> u32 {
    match value {
        None => default,
        Some(v) if (1..=max).contains(v.get_ref()) => *v.get_ref() as u32,
        Some(v) => {
            errors.push(
                input
                    .error_at(v.span(), format!("`{key}` must be between 1 and {max}"))
                    .hint(format!("leave it out for the default of {default}")),
            );
            default
        }
    }
}

fn options(
    raw: &RawPrompt,
    least: usize,
    input: &TomlSource,
    errors: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let Some(list) = &raw.options else {
        errors.push(
            input
                .error_at(
                    raw.label.span(),
                    "this prompt has no options to choose from",
                )
                .hint("add options = [\"First\", \"Second\"]"),
        );
        return Vec::new();
    };
    if list.get_ref().len() < least {
        errors.push(
            input
                .error_at(
                    list.span(),
                    if least == 1 {
                        "a checkbox prompt needs at least one option".to_string()
                    } else {
                        format!("a choice needs at least {least} options")
                    },
                )
                .hint("list every answer one can pick, or use kind = \"text\""),
        );
    }
    let mut out: Vec<String> = Vec::new();
    for o in list.get_ref() {
        let text = o.get_ref().trim();
        if text.is_empty() {
            errors.push(
                input
                    .error_at(o.span(), "this option is empty")
                    .hint("write the option between the quotes, or remove it"),
            );
        } else if out.iter().any(|x| x == text) {
            errors.push(
                input
                    .error_at(o.span(), format!("the option `{text}` is listed twice"))
                    .hint("remove one of them"),
            );
        } else {
            out.push(text.to_string());
        }
    }
    out
}

fn columns(raw: &RawPrompt, input: &TomlSource, errors: &mut Vec<Diagnostic>) -> Vec<String> {
    let Some(list) = raw.columns.as_ref().filter(|l| !l.get_ref().is_empty()) else {
        let at = raw.columns.as_ref().map_or(raw.label.span(), Spanned::span);
        errors.push(
            input
                .error_at(at, "a table prompt needs its column headings")
                .hint("add columns = [\"Task\", \"Who\", \"By when\"]"),
        );
        return Vec::new();
    };
    for c in list
        .get_ref()
        .iter()
        .filter(|c| c.get_ref().trim().is_empty())
    {
        errors.push(
            input
                .error_at(c.span(), "this column heading is empty")
                .hint("every column needs a heading, for the table and for screen readers"),
        );
    }
    list.get_ref()
        .iter()
        .map(|c| c.get_ref().trim().to_string())
        .collect()
}

fn scale_prompt(
    raw: &RawPrompt,
    inherited: &ScaleFrom,
    input: &TomlSource,
    errors: &mut Vec<Diagnostic>,
) -> Option<ScalePrompt> {
    let scale = match ScaleFrom::inherit(raw.scale.as_ref(), inherited.clone(), input, errors) {
        ScaleFrom::Given(s) => s,
        ScaleFrom::Broken => return None,
        ScaleFrom::None => {
            errors.push(input.error_at(raw.label.span(), "this scale prompt has no scale")
                .hint("add scale = { min = 1, max = 5, low = \"Strongly disagree\", high = \"Strongly agree\" } to the prompt, its [[section]] or the top of the worksheet"));
            return None;
        }
    };
    let name = |v: &Option<Spanned<String>>| {
        v.as_ref()
            .map(|s| s.get_ref().trim().to_string())
            .filter(|s| !s.is_empty())
    };
    Some(ScalePrompt {
        scale,
        factor: name(&raw.factor),
        category: name(&raw.category),
        reverse: raw.reverse.as_ref().is_some_and(|r| *r.get_ref()),
        allow_na: raw.allow_na.as_ref().is_some_and(|r| *r.get_ref()),
    })
}
