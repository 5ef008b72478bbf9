//! View structs: exactly what templates receive, built from the model for them.
//! docs/templates.md documents every field for authors who override templates.

pub(crate) mod figures;
pub(crate) mod generated;
pub(crate) mod interactive;
pub(crate) mod print;

use serde::Serialize;

use crate::markdown::TocItem;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) language: String,
    pub(crate) base_url: Option<String>,
    pub(crate) license: Option<String>,
    pub(crate) version: Option<String>,
    pub(crate) organization: Option<OrganizationView>,
    pub(crate) paper: crate::config::Paper,
    pub(crate) layout: crate::config::Layout,
    pub(crate) audiences: Vec<AudienceView>,
    /// `[theme]`'s branding, paths from the site root.
    pub(crate) look: LookView,
}

#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct LookView {
    /// The accent as `#rrggbb`, and a darker shade of it for hover and borders.
    pub(crate) accent: Option<String>,
    pub(crate) accent_dark: Option<String>,
    pub(crate) extra_css: Option<String>,
    pub(crate) favicon: Option<String>,
    /// The picture shown when a page is shared, as an absolute address (needs base_url).
    pub(crate) image: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct OrganizationView {
    pub(crate) name: String,
    pub(crate) url: Option<String>,
    /// Path of the logo from the site root (prefix it with `root`).
    pub(crate) logo: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct AudienceView {
    pub(crate) id: String,
    pub(crate) name: String,
}

/// A link as templates use it: a title and a relative href.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LinkView {
    pub(crate) title: String,
    pub(crate) href: String,
}

/// An entry of the main navigation.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NavItem {
    pub(crate) title: String,
    pub(crate) href: String,
    /// The phase's number (1-based) for phases.
    pub(crate) number: Option<usize>,
    /// This entry is the page being shown.
    pub(crate) current: bool,
    /// The page being shown is inside this section.
    pub(crate) active: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageSummaryView {
    pub(crate) title: String,
    pub(crate) href: String,
    pub(crate) summary: Option<String>,
    pub(crate) audiences: Vec<AudienceView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SectionView {
    pub(crate) name: String,
    pub(crate) title: String,
    pub(crate) href: String,
    pub(crate) is_phase: bool,
    pub(crate) number: Option<usize>,
    pub(crate) pages: Vec<PageSummaryView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageView {
    pub(crate) section: Option<String>,
    pub(crate) audiences: Vec<AudienceView>,
    pub(crate) source: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct CardView {
    pub(crate) title: String,
    pub(crate) href: String,
    pub(crate) summary: Option<String>,
    pub(crate) number: Option<usize>,
    pub(crate) page_count: usize,
    /// A phase's checklist progress, filled in by trellis.js (nothing shows without it).
    pub(crate) progress: Option<crate::render::interactive::ProgressView>,
}

/// What every template receives, besides its own object (`page`, `section` ...).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Common<'a> {
    pub(crate) title: &'a str,
    pub(crate) summary: Option<&'a str>,
    pub(crate) description: Option<&'a str>,
    /// Relative path back to the site root ("../../"), for stylesheets and logos.
    pub(crate) root: String,
    /// The main navigation as HTML (partials/nav.html).
    pub(crate) nav_html: String,
    /// The head, header and footer partials, as `head_html`, `header_html` and `footer_html`.
    #[serde(flatten)]
    pub(crate) chrome: crate::render::chrome::Chrome,
    /// The main navigation's entries, given only when a template of the toolkit's own reads them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) nav: Option<Vec<NavItem>>,
    pub(crate) menu: Vec<LinkView>,
    pub(crate) breadcrumbs: Vec<LinkView>,
    pub(crate) content: &'a str,
    pub(crate) toc: &'a [TocItem],
    pub(crate) prev: Option<LinkView>,
    pub(crate) next: Option<LinkView>,
    pub(crate) canonical: Option<String>,
    /// The page's address as printed in the footer of a printout (with base_url set).
    pub(crate) page_url: Option<String>,
    pub(crate) sidebar: Option<String>,
    /// The page in every language (empty for a toolkit in one language).
    pub(crate) languages: Vec<crate::render::languages::LanguageLink>,
    /// Set when the page is shown in the default language for want of a translation.
    pub(crate) untranslated: Option<crate::render::languages::Untranslated>,
}
