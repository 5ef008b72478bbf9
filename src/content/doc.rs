//! A document: a Markdown text that becomes one output page (the home page, a section page, or
//! a guidance page), with its place in the site.

use crate::diagnostic::Diagnostic;
use crate::markdown::{self, LinkIndex, Problem, Rendered};

use super::{PageId, Site, Source};

/// One output page's place in the site, for navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Place {
    Home,
    Section(usize),
    Page(PageId),
}

/// A Markdown text that becomes an output page.
pub(crate) struct Doc<'a> {
    pub(crate) place: Place,
    pub(crate) source: Option<&'a Source>,
    pub(crate) body_offset: usize,
    pub(crate) url: String,
    pub(crate) title: String,
}

impl Doc<'_> {
    /// The document's Markdown as HTML, with its links resolved against `links`.
    pub(crate) fn render_markdown(&self, links: &LinkIndex, labels: markdown::Labels) -> Rendered {
        let Some(source) = self.source else {
            return Rendered::default();
        };
        let cx = markdown::Context {
            links,
            source: &source.path,
            url: &self.url,
            body_kind: &markdown::shortcodes::builtin_body_kind,
            labels,
        };
        markdown::render(self.body(), &cx)
    }

    pub(crate) fn body(&self) -> &str {
        self.source.map_or("", |s| &s.text[self.body_offset..])
    }

    /// A Markdown problem (offsets in the body) as a diagnostic at its true place in the file.
    pub(crate) fn diagnostic(&self, p: &Problem) -> Diagnostic {
        let d = if p.warning {
            Diagnostic::warning(&p.message)
        } else {
            Diagnostic::error(&p.message)
        };
        let d = match self.source {
            Some(s) => d.at_span(
                &s.path,
                &s.text,
                (p.span.start + self.body_offset)..(p.span.end + self.body_offset),
            ),
            None => d,
        };
        match &p.hint {
            Some(h) => d.hint(h),
            None => d,
        }
    }
}

pub(crate) fn documents(site: &Site) -> Vec<Doc<'_>> {
    let mut docs = Vec::with_capacity(site.pages.len() + site.sections.len() + 1);
    let (src, off) = site
        .home
        .index
        .as_ref()
        .map_or((None, 0), |(s, o)| (Some(s), *o));
    docs.push(Doc {
        place: Place::Home,
        source: src,
        body_offset: off,
        url: String::new(),
        title: site.title().to_string(),
    });
    for (i, s) in site.sections.iter().enumerate() {
        let (src, off) = s.index.as_ref().map_or((None, 0), |(s, o)| (Some(s), *o));
        docs.push(Doc {
            place: Place::Section(i),
            source: src,
            body_offset: off,
            url: s.url.clone(),
            title: s.title.clone(),
        });
    }
    for (i, p) in site.pages.iter().enumerate() {
        docs.push(Doc {
            place: Place::Page(i),
            source: Some(&p.source),
            body_offset: p.body_offset,
            url: p.url.clone(),
            title: p.title().to_string(),
        });
    }
    docs
}

/// The phase whose pages `place` is on (search results name it).
pub(crate) fn phase_of(site: &Site, place: Place) -> Option<&str> {
    section_of(site, place).filter(|name| site.config.is_phase(name))
}

/// The phase or section whose pages `place` is on (for `{{ checklist() }}` without a phase).
pub(crate) fn section_of(site: &Site, place: Place) -> Option<&str> {
    match place {
        Place::Section(i) => Some(site.sections[i].name.as_str()),
        Place::Page(p) => site.pages[p].section.as_deref(),
        Place::Home => None,
    }
}
