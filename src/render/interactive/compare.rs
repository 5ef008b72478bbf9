//! The page where a group compares partners' answers to one worksheet: `worksheets/<id>/compare/`.
//!
//! The build only describes the worksheet (its prompts, scales and scoring rules, as JSON) and
//! the page's words. trellis-compare.js reads the answer files partners saved, in the browser:
//! nothing anyone answered is ever uploaded, and the page works from disk.

use crate::render::views::interactive::CompareView;
use serde_json::{json, Value};

use super::Interactive;
use crate::data::fields::plain_text;
use crate::data::worksheet::{Kind, Prompt};
use crate::data::Worksheet;

/// The strings the script shows; the template's own come from `t`.
const SCRIPT_STRINGS: &[&str] = &[
    "colon",
    "compare_partner",
    "compare_pasted",
    "compare_added",
    "compare_removed",
    "compare_count",
    "compare_count_one",
    "compare_not_trellis",
    "compare_other_worksheet",
    "compare_other_version",
    "compare_duplicate",
    "compare_remove",
    "compare_summary",
    "compare_discuss",
    "compare_discuss_intro",
    "compare_discuss_none",
    "compare_group_scores",
    "compare_group_mean",
    "compare_lowest",
    "compare_highest",
    "compare_difference",
    "compare_details",
    "compare_statement",
    "compare_answers",
    "compare_partner_column",
    "compare_totals",
    "compare_partners_answered",
    "compare_empty",
    "worksheet_not_applicable",
    "worksheet_no_answer",
    "worksheet_reverse",
    "scores_factor",
    "scores_category",
    "scores_total",
    "scores_band",
];

impl Interactive<'_> {
    pub(crate) fn compare_view(&self, w: &Worksheet) -> CompareView {
        CompareView {
            id: w.id.clone(),
            title: w.title.clone(),
            worksheet_href: "../index.html".into(),
            self_assessment: w.scoring.is_some(),
            config: compare_config(w).to_string(),
            decimal: self.decimal.to_string(),
            strings: self.strings_json(SCRIPT_STRINGS),
        }
    }
}

/// The worksheet as trellis-compare.js reads it: sections of prompts, and the scoring rules
/// `Trellis.score` takes (null when the worksheet is not scored).
pub(crate) fn compare_config(w: &Worksheet) -> Value {
    let sections: Vec<Value> = w
        .sections
        .iter()
        .map(|s| {
            json!({
                "title": s.title,
                "prompts": s.prompts.iter().map(prompt_config).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "id": w.id,
        "title": w.title,
        "sections": sections,
        "scoring": w.scoring,
    })
}

fn prompt_config(p: &Prompt) -> Value {
    let mut v = json!({
        "id": p.id,
        "kind": p.kind.name(),
        "label": plain_text(&p.label.text),
    });
    match &p.kind {
        Kind::Choice { options } | Kind::Checkbox { options } => v["options"] = json!(options),
        Kind::Table { columns, .. } => v["columns"] = json!(columns),
        Kind::Scale(s) => {
            v["min"] = json!(s.scale.min);
            v["max"] = json!(s.scale.max);
            v["reverse"] = json!(s.reverse);
            v["allow_na"] = json!(s.allow_na);
            v["factor"] = json!(s.factor);
            v["category"] = json!(s.category);
        }
        Kind::Lines { .. } | Kind::Text | Kind::Date | Kind::Signature => {}
    }
    v
}
