//! `[scoring]` of a self-assessment: checked against its scale prompts (FORMAT.md "Worksheets":
//! bands within the scale's range and without gaps, a factor on every scored prompt, one scale
//! per factor, scale prompts to score at all).

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::ScalePrompt;
use crate::data::fields::position;
use crate::data::scoring::{format_tenths, Band, Method, ScoredItem, Scoring};
use crate::diagnostic::Diagnostic;
use crate::tomlinput::TomlSource;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawScoring {
    method: Spanned<Method>,
    #[serde(default)]
    band: Vec<Spanned<RawBand>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    min: Spanned<f64>,
    label: Spanned<String>,
}

/// A scale prompt as scoring sees it, with the span that names it.
pub(crate) struct ScaleUse {
    pub(crate) id: String,
    pub(crate) at: Range<usize>,
    pub(crate) prompt: ScalePrompt,
}

/// Checks `[scoring]` against the worksheet's scale prompts; None when it has errors (pushed).
pub(crate) fn check(
    raw: Spanned<RawScoring>,
    uses: &[ScaleUse],
    input: &TomlSource,
    errors: &mut Vec<Diagnostic>,
) -> Option<Scoring> {
    let before = errors.len();
    let at = raw.span();
    let raw = raw.into_inner();
    let method = *raw.method.get_ref();
    if uses.is_empty() {
        errors.push(
            input
                .error_at(
                    at,
                    "this worksheet is scored but has no scale prompts to score",
                )
                .hint("add prompts with kind = \"scale\", or remove the [scoring] table"),
        );
        return None;
    }
    if method == Method::AverageByFactor {
        factors(uses, input, errors);
    }
    let items: Vec<ScoredItem> = uses
        .iter()
        .map(|u| ScoredItem {
            id: u.id.clone(),
            factor: u.prompt.factor.clone(),
            category: u.prompt.category.clone(),
            min: u.prompt.scale.min,
            max: u.prompt.scale.max,
            reverse: u.prompt.reverse,
        })
        .collect();
    let mut scoring = Scoring {
        method,
        bands: Vec::new(),
        items,
    };
    let all: Vec<&ScoredItem> = scoring.items.iter().collect();
    let range = scoring.range(&all);
    scoring.bands = bands(raw.band, range, input, errors);
    (errors.len() == before).then_some(scoring)
}

/// Every prompt of an average-by-factor worksheet has a factor; a factor keeps one scale and one
/// category.
fn factors(uses: &[ScaleUse], input: &TomlSource, errors: &mut Vec<Diagnostic>) {
    for (i, u) in uses.iter().enumerate() {
        let Some(factor) = &u.prompt.factor else {
            errors.push(input.error_at(u.at.clone(), "this scale prompt has no `factor`, which average-by-factor scoring needs")
                .hint("add factor = \"Communication\" (or whichever factor it measures), or use method = \"sum\""));
            continue;
        };
        let Some(first) = uses[..i]
            .iter()
            .find(|o| o.prompt.factor.as_ref() == Some(factor))
        else {
            continue;
        };
        let (a, b) = (&first.prompt.scale, &u.prompt.scale);
        if (a.min, a.max) != (b.min, b.max) {
            errors.push(input.error_at(u.at.clone(), format!(
                "the factor `{factor}` mixes scales: this prompt runs {} to {}, the one at {} runs {} to {}",
                b.min, b.max, position(input, first.at.start), a.min, a.max))
                .hint("averages only compare within one scale; give this prompt the same scale or another factor"));
        }
        if first.prompt.category != u.prompt.category {
            let name = |c: &Option<String>| {
                c.as_deref()
                    .map_or("no category".to_string(), |c| format!("category `{c}`"))
            };
            errors.push(input.error_at(u.at.clone(), format!(
                "the factor `{factor}` has {} here but {} at {}",
                name(&u.prompt.category), name(&first.prompt.category), position(input, first.at.start)))
                .hint("a factor belongs to one category: write the same category on each of its prompts"));
        }
    }
}

/// Bands in tenths, highest first: each within the range, none twice, the lowest at its bottom.
fn bands(
    raw: Vec<Spanned<RawBand>>,
    (lo, hi): (i64, i64),
    input: &TomlSource,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Band> {
    let mut out: Vec<(Band, Range<usize>)> = Vec::new();
    let shown = |t: i64| format_tenths(t, '.');
    for b in raw {
        let b = b.into_inner();
        let tenths = (b.min.get_ref() * 10.0).round();
        let at = b.min.span();
        if (b.min.get_ref() * 10.0 - tenths).abs() > 1e-6 {
            errors.push(
                input
                    .error_at(at, "a band's min may have at most one decimal, like scores")
                    .hint(format!("write min = {}", shown(tenths as i64))),
            );
            continue;
        }
        let tenths = tenths as i64;
        if tenths < lo || tenths > hi {
            errors.push(input.error_at(at.clone(), format!(
                "this band starts at {}, outside the scores this worksheet can give ({} to {})", shown(tenths), shown(lo), shown(hi)))
                .hint("bands divide the range of possible scores; move min inside it"));
        }
        if b.label.get_ref().trim().is_empty() {
            errors.push(
                input
                    .error_at(b.label.span(), "this band's label is empty")
                    .hint("write what a score in this band means, e.g. label = \"Strength\""),
            );
        }
        if let Some((_, first)) = out.iter().find(|(o, _)| o.min == tenths) {
            errors.push(
                input
                    .error_at(
                        at.clone(),
                        format!(
                            "two bands start at {}: this one and the one at {}",
                            shown(tenths),
                            position(input, first.start)
                        ),
                    )
                    .hint("give each band its own min"),
            );
        }
        out.push((
            Band {
                min: tenths,
                label: b.label.into_inner(),
            },
            at,
        ));
    }
    if let Some((lowest, at)) = out.iter().min_by_key(|(b, _)| b.min) {
        if lowest.min > lo {
            errors.push(input.error_at(at.clone(), format!(
                "the lowest band starts at {}, so a score from {} up to it would have no band", shown(lowest.min), shown(lo)))
                .hint(format!("start the lowest band at min = {}", shown(lo))));
        }
    }
    let mut bands: Vec<Band> = out.into_iter().map(|(b, _)| b).collect();
    bands.sort_by_key(|b| std::cmp::Reverse(b.min));
    bands
}
