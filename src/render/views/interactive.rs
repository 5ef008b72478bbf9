//! What the checklist, worksheet and compare templates are given.

use serde::Serialize;

use super::{AudienceView, LinkView};

/// A checklist as `partials/checklist.html` receives it (as `checklist`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChecklistView {
    pub(crate) phase: String,
    pub(crate) title: String,
    /// HTML.
    pub(crate) intro: Option<String>,
    /// Heading level of the title (1 on its own page); groups are one level below.
    pub(crate) level: u8,
    pub(crate) group_level: u8,
    /// Prefix of every id inside, unique on the page ("cl-getting-started").
    pub(crate) prefix: String,
    /// Prefix of the keys saved in the browser ("trellis:<site>:checklist:<phase>"); an item's
    /// key is this, `:` and its id.
    pub(crate) key: String,
    /// The checklist's own page, relative to this page.
    pub(crate) href: String,
    /// Whether this is the checklist's own page.
    pub(crate) standalone: bool,
    pub(crate) has_states: bool,
    pub(crate) states: Vec<StateView>,
    pub(crate) groups: Vec<GroupView>,
    pub(crate) total: usize,
    /// Saved values that count as done, and those left out of the count, space-separated.
    pub(crate) done_values: String,
    pub(crate) skip_values: String,
    /// Interface strings for trellis.js, as JSON.
    pub(crate) strings: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct StateView {
    pub(crate) label: String,
    pub(crate) value: String,
    pub(crate) done: bool,
    pub(crate) skip: bool,
}

/// A run of items under one group heading (or none).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GroupView {
    pub(crate) title: Option<String>,
    pub(crate) items: Vec<ItemView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ItemView {
    pub(crate) id: String,
    /// The id of its checkbox or state selector.
    pub(crate) input_id: String,
    /// HTML.
    pub(crate) text: String,
    pub(crate) detail: Option<String>,
    pub(crate) audiences: Vec<AudienceView>,
    /// Audience ids, space-separated, for filters.
    pub(crate) audience_ids: String,
    pub(crate) page: Option<LinkView>,
}

/// What a home page card needs to show a phase's progress (filled in by trellis.js).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProgressView {
    pub(crate) key: String,
    /// Item ids, space-separated.
    pub(crate) items: String,
    pub(crate) done_values: String,
    pub(crate) skip_values: String,
    pub(crate) total: usize,
    /// "{done} of {total} done".
    pub(crate) template: String,
}

/// What `compare.html` receives (as `compare`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CompareView {
    pub(crate) id: String,
    pub(crate) title: String,
    /// The worksheet's own page, relative to the compare page.
    pub(crate) worksheet_href: String,
    pub(crate) self_assessment: bool,
    /// The worksheet's prompts and scoring rules for trellis-compare.js, as JSON.
    pub(crate) config: String,
    /// "." or "," for scores.
    pub(crate) decimal: String,
    /// Interface strings for trellis-compare.js, as JSON.
    pub(crate) strings: String,
}

/// The worksheets page's list: a group per phase, in phase order, then the others.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WorksheetGroupView {
    pub(crate) title: String,
    pub(crate) href: Option<String>,
    pub(crate) worksheets: Vec<WorksheetSummaryView>,
}

/// A worksheet as `partials/worksheet.html` receives it (as `worksheet`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WorksheetView {
    pub(crate) id: String,
    pub(crate) title: String,
    /// Heading level of the title (1 on its own page); sections are one level below.
    pub(crate) level: u8,
    pub(crate) section_level: u8,
    /// Prefix of every id inside, unique on the page ("ws-agreement").
    pub(crate) prefix: String,
    /// Prefix of the keys saved in the browser ("trellis:<site>:worksheet:<id>"); a prompt's key
    /// is this, `:` and its id.
    pub(crate) key: String,
    pub(crate) href: String,
    pub(crate) standalone: bool,
    pub(crate) intro: Option<String>,
    pub(crate) audiences: Vec<AudienceView>,
    pub(crate) phase: Option<LinkView>,
    pub(crate) facilitation: Option<FacilitationView>,
    pub(crate) sections: Vec<WorksheetSectionView>,
    pub(crate) scoring: Option<ScoringView>,
    /// "." or "," for scores.
    pub(crate) decimal: String,
    /// Interface strings for trellis.js, as JSON.
    pub(crate) strings: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct FacilitationView {
    pub(crate) duration: Option<String>,
    pub(crate) group_size: Option<String>,
    pub(crate) materials: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct WorksheetSectionView {
    pub(crate) id: String,
    pub(crate) title: Option<String>,
    pub(crate) intro: Option<String>,
    pub(crate) audiences: Vec<AudienceView>,
    pub(crate) audience_ids: String,
    pub(crate) prompts: Vec<PromptView>,
}

/// One prompt. `kind` says which of the other fields apply.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PromptView {
    pub(crate) id: String,
    /// The id of its field (or of its first field); names of radio groups too.
    pub(crate) field_id: String,
    pub(crate) kind: &'static str,
    /// HTML.
    pub(crate) label: String,
    /// The label as plain text, for downloads.
    pub(crate) label_text: String,
    /// lines: how many write-in lines.
    pub(crate) lines: u32,
    /// choice, checkbox.
    pub(crate) options: Vec<ChoiceView>,
    pub(crate) scale: Option<ScaleView>,
    /// table.
    pub(crate) columns: Vec<String>,
    pub(crate) rows: Vec<RowView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChoiceView {
    pub(crate) value: String,
    pub(crate) id: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScaleView {
    pub(crate) points: Vec<PointView>,
    pub(crate) low: Option<String>,
    pub(crate) high: Option<String>,
    /// The "Not applicable" choice's id, when the prompt allows it.
    pub(crate) na_id: Option<String>,
    pub(crate) factor: Option<String>,
    pub(crate) reverse: bool,
    /// The statement's number among the worksheet's scored statements (1, 2 ...), printed before
    /// it so the scoring grid can name it; none when the worksheet is not scored.
    pub(crate) number: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PointView {
    pub(crate) value: i64,
    pub(crate) id: String,
    /// The low or high anchor, read by screen readers with the first and last points.
    pub(crate) anchor: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct RowView {
    pub(crate) number: usize,
    pub(crate) cells: Vec<CellView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct CellView {
    pub(crate) id: String,
    /// "Task, row 1": the cell's accessible name.
    pub(crate) label: String,
}

/// The scores panel of a self-assessment: rules and empty rows, filled in by trellis.js.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScoringView {
    pub(crate) method: &'static str,
    /// The rules for trellis.js (`Trellis.score`), as JSON.
    pub(crate) config: String,
    /// How scores are worked out, in words (also for scoring by hand on paper).
    pub(crate) rule: String,
    pub(crate) bands: Vec<BandView>,
    pub(crate) rows: Vec<ScoreRowView>,
    /// How to fill in the printed scoring grid, in words (mentions reversed statements only when
    /// there are some).
    pub(crate) by_hand: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct BandView {
    /// "3.0 to 3.9".
    pub(crate) range: String,
    pub(crate) label: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScoreRowView {
    /// "category", "factor" or "total".
    pub(crate) kind: &'static str,
    pub(crate) name: String,
    pub(crate) items: usize,
    /// A factor listed under its category.
    pub(crate) nested: bool,
    /// The statements the row's score is made of, for the printed scoring grid.
    pub(crate) statements: Vec<GridStatementView>,
}

/// A statement in a row of the printed scoring grid: its number, and whether it is reversed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GridStatementView {
    pub(crate) number: usize,
    pub(crate) reverse: bool,
}

/// A worksheet in a list (phase pages, a page's `worksheets`, the worksheets page).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WorksheetSummaryView {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) href: String,
    pub(crate) phase: Option<String>,
    pub(crate) duration: Option<String>,
    pub(crate) group_size: Option<String>,
    pub(crate) audiences: Vec<AudienceView>,
    pub(crate) self_assessment: bool,
    pub(crate) questions: usize,
    /// Its compare page, where partners' saved answers are put side by side.
    pub(crate) compare_href: String,
}
