//! View structs: exactly what templates receive, built from the model for them.
//! docs/templates.md documents every field for authors who override templates.

use serde::Serialize;

use crate::markdown::TocItem;

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    pub base_url: Option<String>,
    pub license: Option<String>,
    pub version: Option<String>,
    pub organization: Option<OrganizationView>,
    pub paper: crate::config::Paper,
    pub layout: crate::config::Layout,
    pub audiences: Vec<AudienceView>,
    /// `[theme]`'s branding, paths from the site root.
    pub look: LookView,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct LookView {
    /// The accent as `#rrggbb`, and a darker shade of it for hover and borders.
    pub accent: Option<String>,
    pub accent_dark: Option<String>,
    pub extra_css: Option<String>,
    pub favicon: Option<String>,
    /// The picture shown when a page is shared, as an absolute address (needs base_url).
    pub image: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrganizationView {
    pub name: String,
    pub url: Option<String>,
    /// Path of the logo from the site root (prefix it with `root`).
    pub logo: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AudienceView {
    pub id: String,
    pub name: String,
}

/// A link as templates use it: a title and a relative href.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    pub href: String,
}

/// An entry of the main navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    pub href: String,
    /// The phase's number (1-based) for phases.
    pub number: Option<usize>,
    /// This entry is the page being shown.
    pub current: bool,
    /// The page being shown is inside this section.
    pub active: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageSummaryView {
    pub title: String,
    pub href: String,
    pub summary: Option<String>,
    pub audiences: Vec<AudienceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub name: String,
    pub title: String,
    pub href: String,
    pub is_phase: bool,
    pub number: Option<usize>,
    pub pages: Vec<PageSummaryView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub section: Option<String>,
    pub audiences: Vec<AudienceView>,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CardView {
    pub title: String,
    pub href: String,
    pub summary: Option<String>,
    pub number: Option<usize>,
    pub page_count: usize,
    /// A phase's checklist progress, filled in by trellis.js (nothing shows without it).
    pub progress: Option<crate::render::interactive::ProgressView>,
}

/// What every template receives, besides its own object (`page`, `section` ...).
#[derive(Debug, Clone, Serialize)]
pub struct Common<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub description: Option<&'a str>,
    /// Relative path back to the site root ("../../"), for stylesheets and logos.
    pub root: String,
    pub nav: Vec<NavItem>,
    pub menu: Vec<LinkView>,
    pub breadcrumbs: Vec<LinkView>,
    pub content: &'a str,
    pub toc: &'a [TocItem],
    pub prev: Option<LinkView>,
    pub next: Option<LinkView>,
    pub canonical: Option<String>,
    /// The page's address as printed in the footer of a printout (with base_url set).
    pub page_url: Option<String>,
    pub sidebar: Option<String>,
}
