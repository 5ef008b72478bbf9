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

/// The documents' numbers with each phase's together, in the toolkit's order (as the whole
/// toolkit prints): the home page, each phase's section page and its pages, then the other
/// sections and pages (each group in the documents' order). A build draws the pages in this
/// order, so each phase is complete (and its print packet drawn) while the next is drawn; the
/// search index lists them in it.
pub(crate) fn by_phase(site: &Site, docs: &[Doc]) -> Vec<usize> {
    let phases: Vec<&str> = site.config.phases().collect();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| match docs[i].place {
        Place::Home => 0,
        place => phase_of(site, place)
            .and_then(|p| phases.iter().position(|q| *q == p))
            .map_or(phases.len() + 1, |k| k + 1),
    });
    order
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

#[cfg(test)]
mod tests {
    use super::{by_phase, documents};
    use crate::content::{LoadOptions, Site};
    use crate::test_files::write;

    /// Pages are listed by weight and title across the toolkit, but a build draws (and search
    /// lists) them phase by phase, in the order the whole toolkit prints.
    #[test]
    fn documents_by_phase_follow_the_toolkit_order() {
        let kit = tempfile::tempdir().unwrap();
        let root = kit.path();
        write(
            root,
            "site.toml",
            "title = \"Kit\"\n[toolkit]\nphases = [\"start\", \"end\"]\n",
        );
        for (section, title) in [("start", "Start"), ("end", "End"), ("stories", "Stories")] {
            write(
                root,
                &format!("content/{section}/_index.md"),
                &format!("+++\ntitle = \"{title}\"\n+++\n"),
            );
        }
        for (path, title) in [
            ("end/a.md", "A end"),
            ("stories/b.md", "B story"),
            ("start/c.md", "C start"),
            ("about.md", "D about"),
            ("end/e.md", "E end"),
            ("start/f.md", "F start"),
        ] {
            write(
                root,
                &format!("content/{path}"),
                &format!("+++\ntitle = \"{title}\"\n+++\n"),
            );
        }
        let (site, _) = Site::load(root, &LoadOptions::default());
        let site = site.unwrap();
        let docs = documents(&site);
        let titles: Vec<&str> = by_phase(&site, &docs)
            .into_iter()
            .map(|i| docs[i].title.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "Kit", "Start", "C start", "F start", "End", "A end", "E end", "Stories",
                "B story", "D about"
            ]
        );
    }
}
