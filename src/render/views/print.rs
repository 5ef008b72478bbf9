//! What the print pages' template is given.

use serde::Serialize;

use super::{AudienceView, LinkView};

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PrintView {
    /// For a phase packet: the phase's number and title.
    pub(crate) phase: Option<PartHeading>,
    pub(crate) toc: Vec<TocEntry>,
    /// The home page's text (whole toolkit only).
    pub(crate) intro: Option<String>,
    pub(crate) chapters: Vec<ChapterView>,
    /// Heading levels: chapters (0 when the cover names the only chapter) and their parts.
    pub(crate) chapter_level: u8,
    pub(crate) part_level: u8,
    /// `@page` size: "letter" or "A4".
    pub(crate) paper: &'static str,
    /// The running footer of every printed page, as a CSS string (already escaped for CSS).
    pub(crate) footer_css: String,
    /// The other print pages: the whole toolkit, and each phase's packet.
    pub(crate) others: Vec<LinkView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChapterView {
    pub(crate) id: String,
    pub(crate) number: Option<usize>,
    pub(crate) title: String,
    pub(crate) summary: Option<String>,
    /// The section's own text.
    pub(crate) intro: String,
    pub(crate) parts: Vec<PartView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PartView {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) summary: Option<String>,
    pub(crate) audiences: Vec<AudienceView>,
    /// "page", "checklist" or "worksheet".
    pub(crate) kind: &'static str,
    /// Checklists and worksheets bring their own heading: the template adds none.
    pub(crate) own_heading: bool,
    pub(crate) html: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PartHeading {
    pub(crate) number: Option<usize>,
    pub(crate) title: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct TocEntry {
    pub(crate) title: String,
    pub(crate) href: String,
    pub(crate) number: Option<usize>,
    pub(crate) children: Vec<TocEntry>,
}
