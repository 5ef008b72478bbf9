//! Links in the data's Markdown (intros, item texts and details, prompt labels) and checklist
//! `page` links: resolved once against the link index at each thing's own page, and reported at
//! their place in the TOML file.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use toml::Spanned;

use crate::content::Source;
use crate::data::{Data, Markdown};
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, BodyKind, LinkIndex, Problem, Resolved};

/// An anchor to look for once every page's headings are known.
#[derive(Debug, Clone)]
pub(crate) struct DataAnchor {
    pub(crate) url: String,
    pub(crate) anchor: String,
    pub(crate) path: PathBuf,
    pub(crate) text: Arc<str>,
    pub(crate) span: Range<usize>,
}

/// What checking the data's links found.
#[derive(Debug, Default)]
pub(crate) struct Checked {
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) anchors: Vec<DataAnchor>,
}

/// Checks every link written in checklists and worksheets.
pub(crate) fn check(data: &Data, links: &LinkIndex) -> Checked {
    let mut out = Checked::default();
    for c in &data.checklists {
        let at = DataPage {
            source: &c.source,
            url: format!("{}/checklist/", c.phase),
            links,
        };
        at.markdown(c.intro.as_ref(), &mut out);
        for item in &c.items {
            at.markdown(Some(&item.text), &mut out);
            at.markdown(item.detail.as_ref(), &mut out);
            if let Some(page) = &item.page {
                at.page_link(page, &mut out);
            }
        }
    }
    for w in &data.worksheets {
        let at = DataPage {
            source: &w.source,
            url: format!("worksheets/{}/", w.id),
            links,
        };
        at.markdown(w.intro.as_ref(), &mut out);
        for s in &w.sections {
            at.markdown(s.intro.as_ref(), &mut out);
            for p in &s.prompts {
                at.markdown(Some(&p.label), &mut out);
            }
        }
    }
    out
}

/// Reports anchors that no page has, given each page's headings by URL.
pub(crate) fn check_anchors<'a>(
    checks: &[DataAnchor],
    anchors_of: impl Fn(&str) -> Option<&'a Vec<String>>,
) -> Vec<Diagnostic> {
    checks
        .iter()
        .filter_map(|c| {
            let known = anchors_of(&c.url);
            if known.is_some_and(|a| a.contains(&c.anchor)) {
                return None;
            }
            let list = known.cloned().unwrap_or_default();
            Some(
                Diagnostic::error(format!(
                    "there is no heading `#{}` on the page this link points to",
                    c.anchor
                ))
                .at_span(&c.path, &c.text, c.span.clone())
                .hint(markdown::links::anchor_hint(&c.anchor, &list)),
            )
        })
        .collect()
}

/// A data file and the page its Markdown is checked on.
struct DataPage<'a> {
    source: &'a Source,
    url: String,
    links: &'a LinkIndex,
}

impl DataPage<'_> {
    fn markdown(&self, md: Option<&Markdown>, out: &mut Checked) {
        let Some(md) = md else { return };
        let cx = markdown::Context {
            links: self.links,
            source: &self.source.path,
            url: &self.url,
            body_kind: &|_| BodyKind::Never,
            labels: crate::markdown::Labels::ENGLISH,
        };
        let rendered = markdown::render(&md.text, &cx);
        let file = &self.source.text;
        for p in &rendered.problems {
            out.diagnostics
                .push(self.diagnostic(p, md.file_span(file, p.span.clone())));
        }
        for c in rendered.anchor_checks {
            out.anchors.push(DataAnchor {
                url: c.url,
                anchor: c.anchor,
                path: self.source.path.clone(),
                text: file.clone(),
                span: md.file_span(file, c.span),
            });
        }
    }

    /// A checklist item's `page`: any link an author may write, checked like one in Markdown.
    fn page_link(&self, page: &Spanned<String>, out: &mut Checked) {
        let span = page.span();
        let problem = match self.links.resolve(page.get_ref(), &self.source.path, &self.url) {
            Resolved::External => None,
            Resolved::Internal { check, .. } => {
                if let Some((url, anchor)) = check {
                    out.anchors.push(DataAnchor {
                        url,
                        anchor,
                        path: self.source.path.clone(),
                        text: self.source.text.clone(),
                        span: span.clone(),
                    });
                }
                None
            }
            Resolved::Placeholder => Some(
                Problem::warning(span.clone(), "this related page is a placeholder (`#` or empty)")
                    .hint("name the guidance page's file, e.g. page = \"setting-goals.md\", or remove the line"),
            ),
            Resolved::Draft => Some(
                Problem::warning(span.clone(), format!("`{}` is a draft, so this item shows no related page", page.get_ref()))
                    .hint("publish the page (remove draft = true) or remove the line; build with --drafts to preview"),
            ),
            Resolved::Broken { message, hint } => {
                let mut p = Problem::error(span.clone(), message);
                p.hint = hint;
                Some(p)
            }
        };
        if let Some(p) = problem {
            out.diagnostics.push(self.diagnostic(&p, span));
        }
    }

    fn diagnostic(&self, p: &Problem, span: Range<usize>) -> Diagnostic {
        let d = if p.warning {
            Diagnostic::warning(&p.message)
        } else {
            Diagnostic::error(&p.message)
        };
        let d = d.at_span(&self.source.path, &self.source.text, span);
        match &p.hint {
            Some(h) => d.hint(h),
            None => d,
        }
    }
}
