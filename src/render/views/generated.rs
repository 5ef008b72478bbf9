//! What the resources, audiences and worksheets-list templates are given.

use serde::Serialize;

use super::figures::ResourceView;
use super::PageSummaryView;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ResourcesPageView {
    /// Rendered Markdown from resources.toml's `intro`.
    pub(crate) intro: String,
    pub(crate) groups: Vec<ResourceGroupView>,
    /// The phases that have resources, for the filter.
    pub(crate) phases: Vec<PhaseOptionView>,
    pub(crate) count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ResourceGroupView {
    pub(crate) id: String,
    /// The kind as written, or None for resources without one.
    pub(crate) title: Option<String>,
    pub(crate) items: Vec<ResourceView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PhaseOptionView {
    pub(crate) name: String,
    pub(crate) title: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AudiencePageView {
    pub(crate) id: String,
    pub(crate) name: String,
    /// Tagged pages, by section in navigation order (pages outside sections last, untitled).
    pub(crate) sections: Vec<AudienceSectionView>,
    pub(crate) resources: Vec<ResourceView>,
    /// Tagged checklist items, by phase.
    pub(crate) checklists: Vec<AudienceChecklistView>,
    /// Tagged worksheets, and worksheets with a tagged section (named in `sections`).
    pub(crate) worksheets: Vec<AudienceWorksheetView>,
    /// How many things are listed; 0 shows the "nothing tagged" message.
    pub(crate) count: usize,
    /// What is tagged for no audience, so meant for every reader (this audience too).
    pub(crate) everyone: AudienceListsView,
    /// Links to the other audiences' pages.
    pub(crate) others: Vec<AudienceLinkView>,
}

/// An audience page's lists of one kind of reader: the pages by section, checklist items by
/// phase, worksheets and resources, and how many there are in all.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AudienceListsView {
    pub(crate) sections: Vec<AudienceSectionView>,
    pub(crate) resources: Vec<ResourceView>,
    pub(crate) checklists: Vec<AudienceChecklistView>,
    pub(crate) worksheets: Vec<AudienceWorksheetView>,
    pub(crate) count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AudienceSectionView {
    pub(crate) title: Option<String>,
    pub(crate) href: Option<String>,
    pub(crate) pages: Vec<PageSummaryView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AudienceChecklistView {
    pub(crate) title: String,
    /// The checklist's own page.
    pub(crate) href: String,
    /// Each item's text, without Markdown.
    pub(crate) items: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AudienceWorksheetView {
    pub(crate) title: String,
    pub(crate) href: String,
    /// Titles of the sections tagged for the audience, when the worksheet as a whole is not.
    pub(crate) sections: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AudienceLinkView {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) href: String,
    pub(crate) count: usize,
}
