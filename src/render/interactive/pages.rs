//! The pages checklists and worksheets get of their own: `<phase>/checklist/`,
//! `worksheets/<id>/`, `worksheets/<id>/compare/` and the `worksheets/` index (titled by
//! content/worksheets/_index.md).

use crate::render::views::interactive::WorksheetGroupView;
use tera::Context;

use super::{Embed, Interactive, WorksheetSummaryView};
use crate::content::Place;
use crate::data::{Checklist, Worksheet};
use crate::diagnostic::Diagnostic;
use crate::markdown::links::{file_url, relative_url};
use crate::markdown::{self, Problem};
use crate::output::{Content, Outputs};
use crate::render::views::{Common, LinkView};

const INDEX_URL: &str = "worksheets/";

impl Interactive<'_> {
    /// Renders every page of its own (checklists, worksheets, their index and compare pages),
    /// with the problems found.
    pub(crate) fn pages(&self) -> (Outputs, Vec<Diagnostic>) {
        let mut outputs = Outputs::default();
        let mut problems = Vec::new();
        let mut add = |path: String, result: Result<String, Vec<Diagnostic>>| match result {
            Ok(html) => outputs.add(path, Content::Text(html)),
            Err(d) => problems.extend(d),
        };
        for c in &self.data.checklists {
            add(
                format!("{}/checklist/index.html", c.phase),
                self.checklist_page(c).map_err(|d| vec![d]),
            );
        }
        for w in &self.data.worksheets {
            add(
                format!("worksheets/{}/index.html", w.id),
                self.worksheet_page(w).map_err(|d| vec![d]),
            );
            add(
                format!("worksheets/{}/compare/index.html", w.id),
                self.compare_page(w).map_err(|d| vec![d]),
            );
        }
        if !self.data.worksheets.is_empty() || self.site.worksheets_index.is_some() {
            let (intro, found) = self.index_intro();
            add(
                file_url(INDEX_URL),
                self.worksheets_page(&intro).map_err(|d| vec![d]),
            );
            problems.extend(found);
        }
        (outputs, problems)
    }

    /// Common values for a page of our own: no previous/next, breadcrumbs from home.
    fn own_common<'c>(
        &self,
        url: &str,
        title: &'c str,
        content: &'c str,
        crumb: Option<LinkView>,
    ) -> Result<Common<'c>, Diagnostic> {
        let mut common = self
            .r
            .common(self.site, Place::Home, url, title, content, &[])?;
        common.prev = None;
        common.next = None;
        common.breadcrumbs.extend(crumb);
        Ok(common)
    }

    fn checklist_page(&self, c: &Checklist) -> Result<String, Diagnostic> {
        let url = format!("{}/checklist/", c.phase);
        let at = Embed {
            url: url.clone(),
            prefix: format!("cl-{}", c.phase),
            level: 1,
        };
        let block = self.checklist_html(c, &at)?;
        let title = self.checklist_title(c);
        let index = self.site.sections.iter().position(|s| s.name == c.phase);
        let phase = index.map(|i| LinkView {
            title: self.site.sections[i].title.clone(),
            href: relative_url(&url, &file_url(&self.site.sections[i].url)),
        });
        let mut common = self.own_common(&url, &title, &block, phase.clone())?;
        if let Some(i) = index {
            common.sidebar = Some(self.r.sidebar(i, "", false));
            self.r
                .mark_section_active(&mut common, self.site, i, &url)?;
        }
        let mut cx = context(&common)?;
        cx.insert("phase", &phase);
        self.r.render("checklist.html", &cx, Some(&c.source.path))
    }

    fn worksheet_page(&self, w: &Worksheet) -> Result<String, Diagnostic> {
        let url = format!("worksheets/{}/", w.id);
        let at = Embed {
            url: url.clone(),
            prefix: format!("ws-{}", w.id),
            level: 1,
        };
        let block = self.worksheet_html(w, &at)?;
        let crumb = LinkView {
            title: self.index_title(),
            href: relative_url(&url, &file_url(INDEX_URL)),
        };
        let common = self.own_common(&url, &w.title, &block, Some(crumb))?;
        let mut cx = context(&common)?;
        cx.insert("worksheet", &self.summary(w, &url));
        self.r.render("worksheet.html", &cx, Some(&w.source.path))
    }

    /// Where partners' saved answers are compared: breadcrumbs through the worksheet's page.
    fn compare_page(&self, w: &Worksheet) -> Result<String, Diagnostic> {
        let url = format!("worksheets/{}/compare/", w.id);
        let title = self.t("compare_title").replace("{title}", &w.title);
        let crumb = LinkView {
            title: self.index_title(),
            href: relative_url(&url, &file_url(INDEX_URL)),
        };
        let mut common = self.own_common(&url, &title, "", Some(crumb))?;
        common.breadcrumbs.push(LinkView {
            title: w.title.clone(),
            href: relative_url(&url, &format!("worksheets/{}/index.html", w.id)),
        });
        let mut cx = context(&common)?;
        cx.insert("compare", &self.compare_view(w));
        self.r.render("compare.html", &cx, Some(&w.source.path))
    }

    /// A link to the worksheets page from `url`, when there is one.
    pub(crate) fn index_link(&self, url: &str) -> Option<LinkView> {
        let any = !self.data.worksheets.is_empty() || self.site.worksheets_index.is_some();
        any.then(|| LinkView {
            title: self.index_title(),
            href: relative_url(url, &file_url(INDEX_URL)),
        })
    }

    fn index_title(&self) -> String {
        self.site
            .worksheets_index
            .as_ref()
            .and_then(|h| h.title.clone())
            .unwrap_or_else(|| self.t("worksheets").to_string())
    }

    fn worksheets_page(&self, intro: &str) -> Result<String, Diagnostic> {
        let title = self.index_title();
        let mut common = self.own_common(INDEX_URL, &title, intro, None)?;
        let summary = self
            .site
            .worksheets_index
            .as_ref()
            .and_then(|h| h.summary.as_deref());
        common.summary = summary;
        common.description = summary;
        let mut cx = context(&common)?;
        cx.insert("groups", &self.worksheet_groups());
        let source = self
            .site
            .worksheets_index
            .as_ref()
            .and_then(|h| h.index.as_ref())
            .map(|(s, _)| s.path.as_path());
        self.r.render("worksheets.html", &cx, source)
    }

    /// content/worksheets/_index.md's body, rendered with its shortcodes, and its problems (it is
    /// not one of the build's documents, so they are reported from here).
    fn index_intro(&self) -> (String, Vec<Diagnostic>) {
        let Some((source, offset)) = self
            .site
            .worksheets_index
            .as_ref()
            .and_then(|h| h.index.as_ref())
        else {
            return (String::new(), Vec::new());
        };
        let cx = markdown::Context {
            links: self.links,
            source: &source.path,
            url: INDEX_URL,
            body_kind: &crate::markdown::shortcodes::builtin_body_kind,
            labels: crate::markdown::Labels::ENGLISH,
        };
        let md = markdown::render(&source.text[*offset..], &cx);
        let at = |p: &Problem| {
            let d = if p.warning {
                Diagnostic::warning(&p.message)
            } else {
                Diagnostic::error(&p.message)
            };
            let d = d.at_span(
                &source.path,
                &source.text,
                (p.span.start + offset)..(p.span.end + offset),
            );
            match &p.hint {
                Some(h) => d.hint(h),
                None => d,
            }
        };
        let mut problems: Vec<Diagnostic> = md.problems.iter().map(at).collect();
        let html = markdown::shortcodes::expand(&md.html, &md.calls, |n, call, body| {
            let result = self
                .shortcode(&md.calls, n, None, INDEX_URL)
                .unwrap_or_else(|| self.r.shortcode(call, body, INDEX_URL));
            result.unwrap_or_else(|(message, hint)| {
                problems.push(at(&Problem {
                    span: call.span.clone(),
                    message,
                    hint,
                    warning: false,
                }));
                String::new()
            })
        });
        (html, problems)
    }

    fn worksheet_groups(&self) -> Vec<WorksheetGroupView> {
        let mut groups = Vec::new();
        for phase in self.site.phases() {
            let list: Vec<WorksheetSummaryView> = self
                .data
                .phase_worksheets(&phase.name)
                .into_iter()
                .map(|w| self.summary(w, INDEX_URL))
                .collect();
            if !list.is_empty() {
                groups.push(WorksheetGroupView {
                    title: phase.title.clone(),
                    href: Some(relative_url(INDEX_URL, &file_url(&phase.url))),
                    worksheets: list,
                });
            }
        }
        // In the data's order: by weight, then title.
        let others: Vec<&Worksheet> = self
            .data
            .worksheets
            .iter()
            .filter(|w| w.phase.is_none())
            .collect();
        if !others.is_empty() {
            groups.push(WorksheetGroupView {
                title: if groups.is_empty() {
                    String::new()
                } else {
                    self.t("worksheets_other").to_string()
                },
                href: None,
                worksheets: others
                    .into_iter()
                    .map(|w| self.summary(w, INDEX_URL))
                    .collect(),
            });
        }
        groups
    }
}

fn context(common: &Common) -> Result<Context, Diagnostic> {
    Context::from_serialize(common).map_err(|e| Diagnostic::error(e.to_string()))
}
