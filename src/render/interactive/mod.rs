//! Checklists and worksheets in the output: the views their templates receive, the `checklist`
//! and `worksheet` shortcodes, the blocks on phase pages and content pages, and their own pages.
//!
//! A checklist or worksheet can appear on several pages (its own, its phase's, any page with its
//! shortcode, the print pages), so its Markdown is rendered for each page it appears on: links stay
//! relative to that page. Link problems are reported once, by `data::links`.

mod checklist;
mod compare;
mod pages;
mod worksheet;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_json::Value;
use tera::Context;

use crate::content::{PageId, Site, Source};
use crate::data::{Data, Markdown};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::i18n;
use crate::markdown::links::{file_url, normalize, relative_url};
use crate::markdown::{self, BodyKind, Call, LinkIndex};
use crate::names::slugify;
use crate::render::Renderer;

pub(crate) use crate::render::views::interactive::ProgressView;
pub(crate) use crate::render::views::interactive::WorksheetSummaryView;

/// Where a checklist or worksheet is drawn: the page's URL, the prefix that keeps its ids unique
/// on that page, and the level of its heading (1 on its own page, 2 inside another).
#[derive(Debug, Clone)]
pub(crate) struct Embed {
    pub(crate) url: String,
    pub(crate) prefix: String,
    pub(crate) level: u8,
}

/// The data's renderer for one build.
pub(crate) struct Interactive<'a> {
    pub(crate) r: &'a Renderer,
    pub(crate) site: &'a Site,
    pub(crate) data: &'a Data,
    pub(crate) links: &'a LinkIndex,
    /// `trellis:<slug of the site's title>`: every key saved in the browser starts with it, so two
    /// toolkits opened from disk (which share one origin) keep their answers apart.
    key: String,
    t: i18n::Strings,
    decimal: char,
    /// Page titles by output file ("a/b/index.html"), for the related-page links of items.
    titles: HashMap<String, String>,
}

impl<'a> Interactive<'a> {
    pub(crate) fn new(
        r: &'a Renderer,
        site: &'a Site,
        data: &'a Data,
        links: &'a LinkIndex,
    ) -> Self {
        let language = site.config.language.get_ref();
        let mut titles: HashMap<String, String> = site
            .pages
            .iter()
            .map(|p| (file_url(&p.url), p.title().to_string()))
            .collect();
        titles.extend(
            site.sections
                .iter()
                .map(|s| (file_url(&s.url), s.title.clone())),
        );
        titles.insert("index.html".into(), site.title().to_string());
        Interactive {
            r,
            site,
            data,
            links,
            key: format!("trellis:{}", slugify(site.storage_title())),
            t: r.strings().clone(),
            decimal: crate::i18n::typography::decimal_mark(language),
            titles,
        }
    }

    fn t(&self, key: &str) -> &str {
        self.t.get(key)
    }

    /// Block Markdown of a data file, with links relative to the page at `url`.
    fn block(&self, md: &Markdown, source: &Source, url: &str) -> String {
        let cx = markdown::Context {
            links: self.links,
            source: &source.path,
            url,
            body_kind: &|_| BodyKind::Never,
            labels: crate::markdown::Labels::ENGLISH,
        };
        markdown::render(&md.text, &cx).html.trim_end().to_string()
    }

    /// Inline Markdown (an item's text, a label): the block without its one paragraph.
    fn inline(&self, md: &Markdown, source: &Source, url: &str) -> String {
        let html = self.block(md, source, url);
        match html
            .strip_prefix("<p>")
            .and_then(|h| h.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => html,
        }
    }

    /// The title of the page a link leads to, for a link written in `source` on the page `url`.
    fn link(
        &self,
        written: &str,
        source: &Source,
        url: &str,
    ) -> Option<crate::render::views::LinkView> {
        match self.links.resolve(written, &source.path, url) {
            markdown::Resolved::External => Some(crate::render::views::LinkView {
                title: written.to_string(),
                href: written.to_string(),
            }),
            markdown::Resolved::Internal { href, .. } => {
                let file = href.split('#').next().unwrap_or("");
                let target = normalize(&Path::new(url).join(file))?;
                let title = self.titles.get(target.to_string_lossy().as_ref())?.clone();
                Some(crate::render::views::LinkView { title, href })
            }
            _ => None,
        }
    }

    /// Strings the browser script needs, as JSON for a `data-strings` attribute.
    fn strings_json(&self, keys: &[&str]) -> String {
        let map: BTreeMap<&str, &str> = keys.iter().map(|k| (*k, self.t(k))).collect();
        serde_json::to_string(&map).unwrap_or_default()
    }

    /// Renders a partial with one value in its context.
    fn partial(
        &self,
        template: &str,
        name: &str,
        value: &impl serde::Serialize,
        source: &Path,
    ) -> Result<String, Diagnostic> {
        let mut cx = Context::new();
        cx.insert(name, value);
        self.r.render(template, &cx, Some(source))
    }

    pub(crate) fn checklist_html(
        &self,
        c: &crate::data::Checklist,
        at: &Embed,
    ) -> Result<String, Diagnostic> {
        let view = self.checklist_view(c, at);
        self.partial(
            "partials/checklist.html",
            "checklist",
            &view,
            &c.source.path,
        )
    }

    pub(crate) fn worksheet_html(
        &self,
        w: &crate::data::Worksheet,
        at: &Embed,
    ) -> Result<String, Diagnostic> {
        let view = self.worksheet_view(w, at);
        self.partial(
            "partials/worksheet.html",
            "worksheet",
            &view,
            &w.source.path,
        )
    }

    /// `{{ checklist(...) }}` and `{{ worksheet(...) }}`; None for any other shortcode. `phase` is
    /// the phase whose pages this is on, `n` the call's place among `calls`.
    pub(crate) fn shortcode(
        &self,
        calls: &[Call],
        n: usize,
        phase: Option<&str>,
        url: &str,
    ) -> Option<Result<String, (String, Option<String>)>> {
        let call = &calls[n];
        let (base, target) = match call.name.as_str() {
            "checklist" => match self.checklist_target(call, phase) {
                Ok(Some(p)) => (format!("cl-{p}"), p),
                Ok(None) => return Some(Ok(String::new())),
                Err(e) => return Some(Err(e)),
            },
            "worksheet" => match self.worksheet_target(call) {
                Ok(Some(id)) => (format!("ws-{id}"), id),
                Ok(None) => return Some(Ok(String::new())),
                Err(e) => return Some(Err(e)),
            },
            _ => return None,
        };
        // The same checklist or worksheet twice on a page: the later copies get -2, -3 ...
        let earlier = calls[..n]
            .iter()
            .filter(|c| c.name == call.name && self.same_target(c, phase, &target))
            .count();
        let prefix = if earlier == 0 {
            base
        } else {
            format!("{base}-{}", earlier + 1)
        };
        let at = Embed {
            url: url.to_string(),
            prefix,
            level: 2,
        };
        let html = match call.name.as_str() {
            "checklist" => self
                .data
                .checklist(&target)
                .map(|c| self.checklist_html(c, &at)),
            _ => self
                .data
                .worksheet(&target)
                .map(|w| self.worksheet_html(w, &at)),
        };
        Some(match html {
            Some(Ok(h)) => Ok(h),
            Some(Err(d)) => Err((d.message.clone(), d.hint.clone())),
            None => Ok(String::new()),
        })
    }

    fn same_target(&self, call: &Call, phase: Option<&str>, target: &str) -> bool {
        match call.name.as_str() {
            "checklist" => self
                .checklist_target(call, phase)
                .is_ok_and(|p| p.as_deref() == Some(target)),
            _ => self
                .worksheet_target(call)
                .is_ok_and(|id| id.as_deref() == Some(target)),
        }
    }

    /// The phase of a `checklist` call: its `phase` argument, or the phase whose pages it is on;
    /// None for a checklist whose own errors are already reported.
    fn checklist_target(
        &self,
        call: &Call,
        phase: Option<&str>,
    ) -> Result<Option<String>, (String, Option<String>)> {
        only_args(call, &["phase"])?;
        let asked = match call.args.get("phase") {
            Some(Value::String(p)) => p.as_str(),
            Some(_) => return Err(("the checklist's `phase` must be text in double quotes".into(), Some("{{ checklist(phase=\"getting-started\") }}".into()))),
            None => phase.ok_or_else(|| {
                ("this page is not in a phase or section, so the checklist shortcode needs to say which one".to_string(),
                 Some("write {{ checklist(phase=\"getting-started\") }} with the phase's folder name".to_string()))
            })?,
        };
        if self.data.checklist(asked).is_some() {
            return Ok(Some(asked.to_string()));
        }
        if self.data.broken_checklists.iter().any(|b| b == asked) {
            return Ok(None);
        }
        let known: Vec<&str> = self
            .data
            .checklists
            .iter()
            .map(|c| c.phase.as_str())
            .collect();
        let hint =
            did_you_mean(asked, known.iter().copied()).unwrap_or_else(|| match known.is_empty() {
                true => {
                    format!("add content/{asked}/checklist.toml to give this phase a checklist")
                }
                false => format!("phases with a checklist: {}", known.join(", ")),
            });
        let message = if self.site.section(asked).is_some() {
            format!("the section `{asked}` has no checklist (content/{asked}/checklist.toml)")
        } else {
            format!("there is no phase or section `{asked}`")
        };
        Err((message, Some(hint)))
    }

    /// The id of a `worksheet` call; None for a worksheet whose own errors are already reported.
    fn worksheet_target(&self, call: &Call) -> Result<Option<String>, (String, Option<String>)> {
        only_args(call, &["id"])?;
        let Some(Value::String(id)) = call.args.get("id") else {
            return Err(("the worksheet shortcode needs the worksheet's id".into(), Some("{{ worksheet(id=\"partnership-agreement\") }}, the id being the file name in content/worksheets/ without .toml".into())));
        };
        if self.data.worksheet(id).is_some() {
            return Ok(Some(id.clone()));
        }
        if self.data.broken_worksheets.contains(id) {
            return Ok(None);
        }
        let known: Vec<&str> = self.data.worksheets.iter().map(|w| w.id.as_str()).collect();
        let hint = did_you_mean(id, known.iter().copied()).unwrap_or_else(|| {
            format!(
                "worksheets (file names in content/worksheets/): {}",
                known.join(", ")
            )
        });
        Err((format!("there is no worksheet `{id}`"), Some(hint)))
    }

    /// A phase page's checklist (unless its text already has one through the shortcode) and the
    /// worksheets listed on it.
    pub(crate) fn section_context(
        &self,
        i: usize,
        url: &str,
        calls: &[Call],
        cx: &mut Context,
    ) -> Result<(), Diagnostic> {
        let section = &self.site.sections[i];
        let phase = section.name.as_str();
        let embedded = calls.iter().any(|c| {
            c.name == "checklist"
                && self
                    .checklist_target(c, Some(phase))
                    .is_ok_and(|p| p.as_deref() == Some(phase))
        });
        if let Some(c) = self.data.checklist(phase).filter(|_| !embedded) {
            let at = Embed {
                url: url.to_string(),
                prefix: format!("cl-{phase}"),
                level: 2,
            };
            cx.insert("checklist_html", &self.checklist_html(c, &at)?);
        }
        // Sections that are not phases may have a checklist, but list no worksheets.
        if !section.is_phase {
            return Ok(());
        }
        let list: Vec<WorksheetSummaryView> = self
            .data
            .phase_worksheets(phase)
            .into_iter()
            .map(|w| self.summary(w, url))
            .collect();
        cx.insert("phase_worksheets", &list);
        Ok(())
    }

    /// A guidance page's `worksheets = [...]`, summarised at its end.
    pub(crate) fn page_context(&self, p: PageId, url: &str, cx: &mut Context) {
        let list: Vec<WorksheetSummaryView> = self.site.pages[p]
            .front
            .worksheets
            .iter()
            .filter_map(|id| self.data.worksheet(id.get_ref()))
            .map(|w| self.summary(w, url))
            .collect();
        cx.insert("page_worksheets", &list);
    }

    /// The standalone page of a phase's checklist, relative to `url`.
    fn checklist_href(&self, phase: &str, url: &str) -> String {
        relative_url(url, &format!("{phase}/checklist/index.html"))
    }

    fn worksheet_href(&self, id: &str, url: &str) -> String {
        relative_url(url, &format!("worksheets/{id}/index.html"))
    }
}

/// A built-in shortcode's arguments are fixed: anything else is a typo worth reporting.
fn only_args(call: &Call, allowed: &[&str]) -> Result<(), (String, Option<String>)> {
    match call.args.keys().find(|k| !allowed.contains(&k.as_str())) {
        None => Ok(()),
        Some(k) => Err((
            format!("the `{}` shortcode has no argument `{k}`", call.name),
            Some(
                did_you_mean(k, allowed.iter().copied())
                    .unwrap_or_else(|| format!("its arguments: {}", allowed.join(", "))),
            ),
        )),
    }
}
