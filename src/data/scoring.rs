//! Self-assessment scoring: the arithmetic of FORMAT.md's `[scoring]`, in integers of tenths so
//! the browser (themes/default/static/trellis.js, `Trellis.score`) gets exactly the same numbers.
//!
//! The rules, in one place:
//! - a scale answer scores as given, or `max + min - answer` for a `reverse` item;
//! - "not applicable" and unanswered items are left out of every score;
//! - `average-by-factor`: each factor's (and each category's) mean of its answered items, rounded
//!   half up to one decimal; `sum`: one total over all answered scale items;
//! - the band is the one with the highest `min` not above the shown (rounded) score.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    AverageByFactor,
    Sum,
}

/// A band: scores from `min` (in tenths: 40 is 4.0) up to the next band are labelled `label`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Band {
    pub min: i64,
    pub label: String,
}

/// One scored scale prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoredItem {
    pub id: String,
    pub factor: Option<String>,
    pub category: Option<String>,
    pub min: i64,
    pub max: i64,
    pub reverse: bool,
}

/// A worksheet's scoring, as checked at load; serialized as is for the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scoring {
    pub method: Method,
    /// Highest `min` first.
    pub bands: Vec<Band>,
    pub items: Vec<ScoredItem>,
}

/// An answer to a scale prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Value(i64),
    NotApplicable,
}

/// The score of one factor, category or the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub name: String,
    /// Tenths (35 is 3.5); None when nothing was answered.
    pub tenths: Option<i64>,
    pub band: Option<String>,
    pub items: usize,
    pub answered: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    /// The lowest and highest possible score, in tenths, for drawing a bar.
    pub range: (i64, i64),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScoreReport {
    pub factors: Vec<Score>,
    pub categories: Vec<Score>,
    pub total: Option<Score>,
    pub unanswered: usize,
}

/// What an answer counts for: the answer, or max + min - answer for a reversed item.
pub(crate) fn item_value(item: &ScoredItem, answer: i64) -> i64 {
    if item.reverse {
        item.max + item.min - answer
    } else {
        answer
    }
}

/// `sum / n` in tenths, rounded half up (floor((20 sum + n) / 2n)); n > 0.
pub fn average_tenths(sum: i64, n: i64) -> i64 {
    (20 * sum + n).div_euclid(2 * n)
}

/// The band of a score: the highest `min` not above it.
pub fn band_for(bands: &[Band], tenths: i64) -> Option<&Band> {
    bands
        .iter()
        .filter(|b| b.min <= tenths)
        .max_by_key(|b| b.min)
}

/// Tenths as text with one decimal ("3.5", or "3,5" with a decimal comma).
pub(crate) fn format_tenths(tenths: i64, decimal: char) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.abs();
    format!("{sign}{}{decimal}{}", t / 10, t % 10)
}

impl Scoring {
    /// The lowest and highest possible score of the items, in tenths: averages stay within the
    /// scales' range, a sum adds them up.
    pub(crate) fn range(&self, items: &[&ScoredItem]) -> (i64, i64) {
        match self.method {
            Method::AverageByFactor => (
                items.iter().map(|i| i.min).min().unwrap_or(0) * 10,
                items.iter().map(|i| i.max).max().unwrap_or(0) * 10,
            ),
            Method::Sum => (
                items.iter().map(|i| i.min).sum::<i64>() * 10,
                items.iter().map(|i| i.max).sum::<i64>() * 10,
            ),
        }
    }

    /// Factors (or categories) in order of first appearance, with their items.
    pub(crate) fn groups(
        &self,
        by: fn(&ScoredItem) -> Option<&String>,
    ) -> Vec<(String, Vec<&ScoredItem>)> {
        let mut out: Vec<(String, Vec<&ScoredItem>)> = Vec::new();
        for item in &self.items {
            let Some(name) = by(item) else { continue };
            match out.iter_mut().find(|(n, _)| n == name) {
                Some((_, list)) => list.push(item),
                None => out.push((name.clone(), vec![item])),
            }
        }
        out
    }

    /// Scores every factor, category and (for `sum`) the total from the answers by prompt id.
    pub fn score(&self, answers: &BTreeMap<String, Answer>) -> ScoreReport {
        let unanswered = self
            .items
            .iter()
            .filter(|i| !answers.contains_key(&i.id))
            .count();
        let mut report = ScoreReport {
            unanswered,
            ..ScoreReport::default()
        };
        match self.method {
            Method::Sum => {
                let all: Vec<&ScoredItem> = self.items.iter().collect();
                report.total = Some(self.score_group(String::new(), &all, answers));
            }
            Method::AverageByFactor => {
                for (name, items) in self.groups(|i| i.factor.as_ref()) {
                    report.factors.push(self.score_group(name, &items, answers));
                }
                for (name, items) in self.groups(|i| i.category.as_ref()) {
                    report
                        .categories
                        .push(self.score_group(name, &items, answers));
                }
            }
        }
        report
    }

    fn score_group(
        &self,
        name: String,
        items: &[&ScoredItem],
        answers: &BTreeMap<String, Answer>,
    ) -> Score {
        let (mut sum, mut answered, mut na) = (0, 0, 0);
        for item in items {
            match answers.get(&item.id) {
                Some(Answer::Value(v)) => {
                    sum += item_value(item, *v);
                    answered += 1;
                }
                Some(Answer::NotApplicable) => na += 1,
                None => {}
            }
        }
        let tenths = (answered > 0).then(|| match self.method {
            Method::Sum => sum * 10,
            Method::AverageByFactor => average_tenths(sum, answered as i64),
        });
        Score {
            name,
            band: tenths
                .and_then(|t| band_for(&self.bands, t))
                .map(|b| b.label.clone()),
            tenths,
            items: items.len(),
            answered,
            not_applicable: na,
            unanswered: items.len() - answered - na,
            range: self.range(items),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_take_the_languages_decimal_mark() {
        use crate::i18n::typography::decimal_mark;
        assert_eq!(format_tenths(38, decimal_mark("fr-CA")), "3,8");
        assert_eq!(format_tenths(-12, decimal_mark("fr")), "-1,2");
        assert_eq!(format_tenths(38, decimal_mark("en")), "3.8");
    }

    fn item(id: &str, factor: &str, category: Option<&str>, reverse: bool) -> ScoredItem {
        ScoredItem {
            id: id.into(),
            factor: Some(factor.into()),
            category: category.map(Into::into),
            min: 1,
            max: 5,
            reverse,
        }
    }

    fn bands() -> Vec<Band> {
        vec![
            Band {
                min: 40,
                label: "Strength".into(),
            },
            Band {
                min: 30,
                label: "Borderline".into(),
            },
            Band {
                min: 10,
                label: "Concern".into(),
            },
        ]
    }

    fn answers(list: &[(&str, Answer)]) -> BTreeMap<String, Answer> {
        list.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn reverse_items_score_max_plus_min_minus_the_answer() {
        let i = item("a", "F", None, true);
        assert_eq!(item_value(&i, 1), 5);
        assert_eq!(item_value(&i, 4), 2);
        assert_eq!(item_value(&item("b", "F", None, false), 4), 4);
    }

    #[test]
    fn averages_round_half_up_to_one_decimal() {
        assert_eq!(average_tenths(13, 4), 33); // 3.25 -> 3.3, where "{:.1}" would say 3.2
        assert_eq!(average_tenths(10, 3), 33); // 3.333...
        assert_eq!(average_tenths(11, 3), 37); // 3.666...
        assert_eq!(average_tenths(-5, 2), -25); // -2.5 rounds up to -2.5 exactly
        assert_eq!(average_tenths(-1, 4), -2); // -0.25 -> -0.2
        assert_eq!(format_tenths(33, '.'), "3.3");
        assert_eq!(format_tenths(40, ','), "4,0");
        assert_eq!(format_tenths(-2, '.'), "-0.2");
    }

    #[test]
    fn the_band_is_the_highest_min_not_above_the_shown_score() {
        let b = bands();
        assert_eq!(band_for(&b, 40).unwrap().label, "Strength");
        assert_eq!(band_for(&b, 39).unwrap().label, "Borderline");
        assert_eq!(band_for(&b, 30).unwrap().label, "Borderline");
        assert_eq!(band_for(&b, 29).unwrap().label, "Concern");
        assert!(band_for(&b, 5).is_none());
    }

    #[test]
    fn average_by_factor_leaves_out_na_and_unanswered() {
        let s = Scoring {
            method: Method::AverageByFactor,
            bands: bands(),
            items: vec![
                item("a", "Communication", Some("Process"), false),
                item("b", "Communication", Some("Process"), true),
                item("c", "Trust", Some("Relationship"), false),
                item("d", "Trust", Some("Relationship"), false),
                item("e", "Resources", Some("Process"), false),
            ],
        };
        let r = s.score(&answers(&[
            ("a", Answer::Value(4)),
            ("b", Answer::Value(2)), // reversed: 4
            ("c", Answer::Value(3)),
            ("d", Answer::NotApplicable),
        ]));
        #[allow(clippy::type_complexity)]
        let f: Vec<(&str, Option<i64>, Option<&str>, usize, usize, usize)> = r
            .factors
            .iter()
            .map(|s| {
                (
                    s.name.as_str(),
                    s.tenths,
                    s.band.as_deref(),
                    s.answered,
                    s.not_applicable,
                    s.unanswered,
                )
            })
            .collect();
        assert_eq!(
            f,
            [
                ("Communication", Some(40), Some("Strength"), 2, 0, 0),
                ("Trust", Some(30), Some("Borderline"), 1, 1, 0),
                ("Resources", None, None, 0, 0, 1),
            ]
        );
        let c: Vec<(&str, Option<i64>)> = r
            .categories
            .iter()
            .map(|s| (s.name.as_str(), s.tenths))
            .collect();
        assert_eq!(c, [("Process", Some(40)), ("Relationship", Some(30))]);
        assert_eq!(r.unanswered, 1);
        assert_eq!(r.factors[0].range, (10, 50));
        assert!(r.total.is_none());
    }

    #[test]
    fn sum_adds_answered_items_into_one_total() {
        let s = Scoring {
            method: Method::Sum,
            bands: vec![
                Band {
                    min: 80,
                    label: "High".into(),
                },
                Band {
                    min: 30,
                    label: "Low".into(),
                },
            ],
            items: vec![
                item("a", "F", None, false),
                item("b", "F", None, true),
                item("c", "F", None, false),
            ],
        };
        let r = s.score(&answers(&[
            ("a", Answer::Value(5)),
            ("b", Answer::Value(2)),
            ("c", Answer::NotApplicable),
        ]));
        let total = r.total.unwrap();
        assert_eq!(total.tenths, Some(90));
        assert_eq!(total.band.as_deref(), Some("High"));
        assert_eq!(total.range, (30, 150));
        assert_eq!(
            (total.answered, total.not_applicable, total.unanswered),
            (2, 1, 0)
        );
        assert!(r.factors.is_empty());
    }

    #[test]
    fn the_config_for_the_browser_is_plain_json() {
        let s = Scoring {
            method: Method::AverageByFactor,
            bands: vec![Band {
                min: 40,
                label: "S".into(),
            }],
            items: vec![item("a", "F", None, true)],
        };
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"method":"average-by-factor","bands":[{"min":40,"label":"S"}],"items":[{"id":"a","factor":"F","category":null,"min":1,"max":5,"reverse":true}]}"#
        );
    }
}
