//! What the diagram and resources shortcodes' templates are given.

use serde::Serialize;

use super::AudienceView;

/// A resource as templates see it, with links relative to the page showing it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ResourceView {
    pub(crate) id: String,
    pub(crate) title: String,
    /// None for a resource without a usable link.
    pub(crate) href: Option<String>,
    pub(crate) external: bool,
    /// The resource's language code, when it differs from the site's.
    pub(crate) hreflang: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) format: Option<String>,
    /// Rendered Markdown.
    pub(crate) description: String,
    /// The phase's folder name and title.
    pub(crate) phase: Option<String>,
    pub(crate) phase_title: Option<String>,
    pub(crate) audiences: Vec<AudienceView>,
    pub(crate) publisher: Option<String>,
    pub(crate) year: Option<i64>,
    /// The language's name in the site's language ("French"), or the code as written.
    pub(crate) language: Option<String>,
    pub(crate) license: Option<String>,
}

/// A model as templates see it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ModelView {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) levels: Vec<LevelView>,
    /// The drawing: inline SVG.
    pub(crate) svg: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct LevelView {
    pub(crate) number: usize,
    pub(crate) title: String,
    pub(crate) description: String,
}
