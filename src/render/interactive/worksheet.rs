//! The views of a worksheet (partials/worksheet.html), its prompts and its scores, and of the
//! short summaries that list worksheets on other pages.

use crate::render::views::interactive::{
    BandView, CellView, ChoiceView, FacilitationView, GridStatementView, PointView, PromptView,
    RowView, ScaleView, ScoreRowView, ScoringView, WorksheetSectionView, WorksheetSummaryView,
    WorksheetView,
};

use super::{Embed, Interactive};
use crate::data::fields::plain_text;
use crate::data::scoring::{format_tenths, Method, ScoredItem, Scoring};
use crate::data::worksheet::{Kind, Prompt, WorksheetSection};
use crate::data::Worksheet;
use crate::markdown::links::file_url;
use crate::render::views::LinkView;

impl Interactive<'_> {
    pub(crate) fn worksheet_view(&self, w: &Worksheet, at: &Embed) -> WorksheetView {
        let phase = w
            .phase
            .as_deref()
            .and_then(|p| self.site.section(p))
            .map(|s| LinkView {
                title: s.title.clone(),
                href: crate::markdown::links::relative_url(&at.url, &file_url(&s.url)),
            });
        let facilitation = (w.duration.is_some()
            || w.group_size.is_some()
            || !w.materials.is_empty())
        .then(|| FacilitationView {
            duration: w.duration.clone(),
            group_size: w.group_size.clone(),
            materials: w.materials.clone(),
        });
        WorksheetView {
            id: w.id.clone(),
            title: w.title.clone(),
            level: at.level,
            section_level: at.level + 1,
            prefix: at.prefix.clone(),
            key: format!("{}:worksheet:{}", self.key, w.id),
            href: self.worksheet_href(&w.id, &at.url),
            standalone: at.url == format!("worksheets/{}/", w.id),
            intro: w.intro.as_ref().map(|m| self.block(m, &w.source, &at.url)),
            audiences: self.r.audiences(w.audience.iter().map(String::as_str)),
            phase,
            facilitation,
            sections: w
                .sections
                .iter()
                .enumerate()
                .map(|(i, s)| self.section_view(w, s, i, at))
                .collect(),
            scoring: w.scoring.as_ref().map(|s| self.scoring_view(s, w)),
            decimal: self.decimal.to_string(),
            strings: self.strings_json(&[
                "worksheet_confirm_clear",
                "worksheet_loaded",
                "worksheet_wrong_file",
                "worksheet_no_answer",
                "worksheet_not_applicable",
                "worksheet_row",
                "scores_unanswered",
                "scores_total",
                "colon",
            ]),
        }
    }

    fn section_view(
        &self,
        w: &Worksheet,
        s: &WorksheetSection,
        i: usize,
        at: &Embed,
    ) -> WorksheetSectionView {
        WorksheetSectionView {
            id: format!("{}-s{}", at.prefix, i + 1),
            title: s.title.clone(),
            intro: s.intro.as_ref().map(|m| self.block(m, &w.source, &at.url)),
            audiences: self.r.audiences(s.audience.iter().map(String::as_str)),
            audience_ids: s.audience.join(" "),
            prompts: s
                .prompts
                .iter()
                .map(|p| self.prompt_view(w, p, at))
                .collect(),
        }
    }

    fn prompt_view(&self, w: &Worksheet, p: &Prompt, at: &Embed) -> PromptView {
        let field_id = format!("{}-f-{}", at.prefix, p.id);
        let mut view = PromptView {
            id: p.id.clone(),
            kind: p.kind.name(),
            label: self.inline(&p.label, &w.source, &at.url),
            label_text: plain_text(&p.label.text),
            lines: 0,
            options: Vec::new(),
            scale: None,
            columns: Vec::new(),
            rows: Vec::new(),
            field_id,
        };
        match &p.kind {
            Kind::Lines { lines } => view.lines = *lines,
            Kind::Choice { options } | Kind::Checkbox { options } => {
                view.options = options
                    .iter()
                    .enumerate()
                    .map(|(k, o)| ChoiceView {
                        value: o.clone(),
                        id: format!("{}-{}", view.field_id, k + 1),
                    })
                    .collect();
            }
            Kind::Scale(s) => {
                let points = (s.scale.min..=s.scale.max)
                    .map(|v| PointView {
                        value: v,
                        id: format!("{}-{v}", view.field_id),
                        anchor: match v {
                            _ if v == s.scale.min => s.scale.low.clone(),
                            _ if v == s.scale.max => s.scale.high.clone(),
                            _ => None,
                        },
                    })
                    .collect();
                view.scale = Some(ScaleView {
                    points,
                    low: s.scale.low.clone(),
                    high: s.scale.high.clone(),
                    na_id: s.allow_na.then(|| format!("{}-na", view.field_id)),
                    factor: s.factor.clone(),
                    reverse: s.reverse,
                    number: w
                        .scoring
                        .as_ref()
                        .and_then(|sc| sc.items.iter().position(|i| i.id == p.id))
                        .map(|i| i + 1),
                });
            }
            Kind::Table { columns, rows } => {
                view.columns = columns.clone();
                view.rows = (1..=*rows as usize)
                    .map(|r| self.row_view(&view.field_id, columns, r))
                    .collect();
            }
            Kind::Text | Kind::Date | Kind::Signature => {}
        }
        view
    }

    fn row_view(&self, field_id: &str, columns: &[String], r: usize) -> RowView {
        RowView {
            number: r,
            cells: columns
                .iter()
                .enumerate()
                .map(|(c, title)| CellView {
                    id: format!("{field_id}-r{r}c{}", c + 1),
                    label: format!("{title}, {} {r}", self.t("worksheet_row").to_lowercase()),
                })
                .collect(),
        }
    }

    fn scoring_view(&self, s: &Scoring, w: &Worksheet) -> ScoringView {
        let all: Vec<_> = s.items.iter().collect();
        let (lo, hi) = s.range(&all);
        let first = &s.items[0];
        let shown = |t: i64| match s.method {
            Method::Sum if t % 10 == 0 => (t / 10).to_string(),
            _ => format_tenths(t, self.decimal),
        };
        let key = match s.method {
            Method::Sum => "scores_rule_sum",
            Method::AverageByFactor => "scores_rule_average",
        };
        // The rule speaks of reversed statements and "Not applicable" only when the worksheet
        // has them: a reader should not look for what is not there.
        let mut rule = self
            .t(key)
            .replace("{min}", &shown(lo))
            .replace("{max}", &shown(hi));
        let reversed = s.items.iter().any(|i| i.reverse);
        let mut by_hand = self.t("scores_by_hand").to_string();
        if reversed {
            by_hand.push(' ');
            by_hand.push_str(
                &self
                    .t("scores_by_hand_reverse")
                    .replace("{max_plus_min}", &(first.min + first.max).to_string()),
            );
        }
        if reversed {
            rule.push(' ');
            rule.push_str(
                &self
                    .t("scores_rule_reverse")
                    .replace("{max_plus_min}", &(first.min + first.max).to_string()),
            );
        }
        let allows_na = w
            .sections
            .iter()
            .flat_map(|sec| &sec.prompts)
            .any(|p| matches!(&p.kind, Kind::Scale(scale) if scale.allow_na));
        if allows_na {
            rule.push(' ');
            rule.push_str(self.t("scores_rule_not_applicable"));
        }
        // Sums are whole numbers, averages have one decimal: a band ends one step below the next.
        let step = if s.method == Method::Sum { 10 } else { 1 };
        let bands = s
            .bands
            .iter()
            .enumerate()
            .map(|(i, b)| BandView {
                range: self
                    .t("scores_band_range")
                    .replace("{from}", &shown(b.min))
                    .replace(
                        "{to}",
                        &shown(if i == 0 {
                            hi
                        } else {
                            s.bands[i - 1].min - step
                        }),
                    ),
                label: b.label.clone(),
            })
            .collect();
        ScoringView {
            method: match s.method {
                Method::Sum => "sum",
                Method::AverageByFactor => "average-by-factor",
            },
            config: serde_json::to_string(s).unwrap_or_default(),
            rule,
            bands,
            rows: score_rows(s),
            by_hand,
        }
    }

    pub(crate) fn summary(&self, w: &Worksheet, url: &str) -> WorksheetSummaryView {
        WorksheetSummaryView {
            id: w.id.clone(),
            title: w.title.clone(),
            href: self.worksheet_href(&w.id, url),
            phase: w
                .phase
                .as_deref()
                .and_then(|p| self.site.section(p))
                .map(|s| s.title.clone()),
            duration: w.duration.clone(),
            group_size: w.group_size.clone(),
            audiences: self.r.audiences(w.audience.iter().map(String::as_str)),
            self_assessment: w.scoring.is_some(),
            questions: w.prompts().count(),
            compare_href: crate::markdown::links::relative_url(
                url,
                &format!("worksheets/{}/compare/index.html", w.id),
            ),
        }
    }
}

/// The rows of the scores table: each category followed by its factors, then factors without a
/// category; or the one total.
fn score_rows(s: &Scoring) -> Vec<ScoreRowView> {
    // Statements are numbered in the order they are asked, as the printed prompts show them.
    let statements = |items: &[&ScoredItem]| {
        items
            .iter()
            .filter_map(|item| {
                let at = s.items.iter().position(|i| std::ptr::eq(i, *item))?;
                Some(GridStatementView {
                    number: at + 1,
                    reverse: item.reverse,
                })
            })
            .collect::<Vec<_>>()
    };
    let row = |kind, name: &str, items: &[&ScoredItem], nested| ScoreRowView {
        kind,
        name: name.to_string(),
        items: items.len(),
        nested,
        statements: statements(items),
    };
    if s.method == Method::Sum {
        let all: Vec<&ScoredItem> = s.items.iter().collect();
        return vec![row("total", "", &all, false)];
    }
    let factors = s.groups(|i| i.factor.as_ref());
    let category_of = |f: &str| {
        s.items
            .iter()
            .find(|i| i.factor.as_deref() == Some(f))
            .and_then(|i| i.category.clone())
    };
    let mut rows = Vec::new();
    for (category, items) in s.groups(|i| i.category.as_ref()) {
        rows.push(row("category", &category, &items, false));
        for (f, fi) in factors
            .iter()
            .filter(|(f, _)| category_of(f).as_deref() == Some(category.as_str()))
        {
            rows.push(row("factor", f, fi, true));
        }
    }
    for (f, fi) in factors.iter().filter(|(f, _)| category_of(f).is_none()) {
        rows.push(row("factor", f, fi, false));
    }
    rows
}
