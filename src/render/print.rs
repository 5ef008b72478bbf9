//! The print pages: print/ holds the whole toolkit on one page (a cover, a table of contents,
//! the home page's text, the phases in order, then the other sections and pages), and
//! print/<phase>/ one phase as a workshop packet.
//!
//! Each part is the HTML already rendered for its own page, rewritten for the print page: every
//! id gets the part's prefix (so no id repeats), links to a part of the same print page become
//! `#anchors`, other relative links and sources are made relative to the print page, and
//! headings move down so the page keeps one outline.

use crate::render::views::print::{ChapterView, PartHeading, PartView, PrintView, TocEntry};
use std::collections::HashMap;
use std::sync::Mutex;

use rayon::prelude::*;
use tera::Context;

use super::interactive::{Embed, Interactive};
use super::rewrite::{rewrite, site_path};
use super::views::LinkView;
use super::Renderer;
use crate::content::Place;
use crate::content::Site;
use crate::diagnostic::Diagnostic;
use crate::markdown::links::{file_url, relative_url};
use crate::markdown::Call;

/// The print pages by output path, each rendered or failed.
/// The print pages by output path, each as `print_pages`' caller kept it.
pub(crate) type PrintPages<T> = Vec<(String, Result<T, Diagnostic>)>;

/// A rendered Markdown document (home, section or page) with its shortcodes expanded, and the
/// shortcodes it used (a checklist or worksheet embedded in it is not printed a second time).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PrintDoc<'a> {
    pub(crate) place: Place,
    pub(crate) url: &'a str,
    pub(crate) content: &'a str,
    pub(crate) calls: &'a [Call],
}

/// A checklist or worksheet, rendered as on its own page at `url` with a level-2 heading.
#[derive(Debug, Clone)]
pub(crate) struct PrintExtra {
    /// The phase it is printed with; None for a worksheet of no phase (printed at the end of
    /// the whole toolkit).
    pub(crate) phase: Option<String>,
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) kind: &'static str,
    /// "checklist:<phase>" or "worksheet:<id>", as `embedded` names them.
    pub(crate) key: String,
    pub(crate) html: String,
}

/// Every checklist (with its phase) and worksheet (with its phase, else the phase of the first
/// page that lists it in `worksheets = [...]`), rendered once for the print pages.
pub(crate) fn extras(ix: &Interactive) -> (Vec<PrintExtra>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for c in &ix.data.checklists {
        let url = format!("{}/checklist/", c.phase);
        let at = Embed {
            url: url.clone(),
            prefix: format!("cl-{}", c.phase),
            level: 2,
        };
        match ix.checklist_html(c, &at) {
            Ok(html) => out.push(PrintExtra {
                phase: Some(c.phase.clone()),
                title: ix.checklist_title(c),
                url,
                kind: "checklist",
                key: format!("checklist:{}", c.phase),
                html,
            }),
            Err(d) => diags.push(d),
        }
    }
    let order = ix.site.reading_order();
    for w in &ix.data.worksheets {
        let url = format!("worksheets/{}/", w.id);
        let at = Embed {
            url: url.clone(),
            prefix: format!("ws-{}", w.id),
            level: 2,
        };
        let listed_on = order
            .iter()
            .map(|&p| &ix.site.pages[p])
            .find(|p| p.front.worksheets.iter().any(|id| id.get_ref() == &w.id));
        let phase = w.phase.clone().or_else(|| {
            listed_on
                .and_then(|p| p.section.clone())
                .filter(|s| ix.site.config.is_phase(s))
        });
        match ix.worksheet_html(w, &at) {
            Ok(html) => out.push(PrintExtra {
                phase,
                title: w.title.clone(),
                url,
                kind: "worksheet",
                key: format!("worksheet:{}", w.id),
                html,
            }),
            Err(d) => diags.push(d),
        }
    }
    (out, diags)
}

/// The checklists and worksheets a document shows through shortcodes, as `PrintExtra::key`s.
fn embedded(site: &Site, doc: &PrintDoc) -> Vec<String> {
    let phase = match doc.place {
        Place::Section(i) => Some(site.sections[i].name.as_str()),
        Place::Page(p) => site.pages[p].section.as_deref(),
        Place::Home => None,
    };
    doc.calls
        .iter()
        .filter_map(|c| {
            let arg = |k: &str| c.args.get(k).and_then(serde_json::Value::as_str);
            match c.name.as_str() {
                "checklist" => arg("phase").or(phase).map(|p| format!("checklist:{p}")),
                "worksheet" => arg("id").map(|id| format!("worksheet:{id}")),
                _ => None,
            }
        })
        .collect()
}

/// The id prefix of the part rendered at `url`: its path with `/` as `_`. Slugs never hold `_`,
/// so prefixes cannot collide, and the fixed ids of the print page start with `_`.
pub(crate) fn part_id(url: &str) -> String {
    if url.is_empty() {
        "_home".to_string()
    } else {
        url.trim_end_matches('/').replace('/', "_")
    }
}

/// What the print pages reuse while watch keeps the renderer (as long as the skeleton of
/// cache.rs is unchanged, and with it everything but the documents' content):
/// - each part already rewritten, by (print page, part, heading shift), with a hash of the
///   content it was made from;
/// - each print page's template output before its bodies are spliced in, by print page, which
///   of its bodies are empty and its contents (which name the checklists and worksheets the
///   documents embed); the rest of the view comes from the skeleton alone.
#[derive(Debug, Default)]
pub(crate) struct PrintMemo {
    parts: Mutex<HashMap<PartKey, (u64, String)>>,
    pages: Mutex<HashMap<PageKey, String>>,
}

/// (print page URL, which bodies are empty, a hash of the table of contents).
type PageKey = (String, Vec<bool>, u64);

/// (print page URL, part URL, heading shift).
type PartKey = (String, String, u8);

impl PrintMemo {
    fn part(
        &self,
        key: (String, String, u8),
        content: &str,
        make: impl FnOnce() -> String,
    ) -> String {
        let hash = xxhash_rust::xxh3::xxh3_64(content.as_bytes());
        let kept = crate::locked(&self.parts)
            .get(&key)
            .filter(|(h, _)| *h == hash)
            .map(|(_, html)| html.clone());
        if let Some(html) = kept {
            return html;
        }
        let html = make();
        crate::locked(&self.parts).insert(key, (hash, html.clone()));
        html
    }

    fn page<E>(&self, key: PageKey, make: impl FnOnce() -> Result<String, E>) -> Result<String, E> {
        if let Some(html) = crate::locked(&self.pages).get(&key) {
            return Ok(html.clone());
        }
        let html = make()?;
        crate::locked(&self.pages).insert(key, html.clone());
        Ok(html)
    }
}

/// Where links land on one print page: the parts it holds, by their own page's file path.
pub(crate) struct PrintMap {
    pub(crate) url: String,
    pub(crate) parts: HashMap<String, String>,
}

/// `html` rendered for the page at `from_url`, rewritten as part `id` of a print page.
pub(crate) fn for_print(html: &str, from_url: &str, id: &str, shift: u8, map: &PrintMap) -> String {
    let prefixed = |v: &str| format!("{id}__{v}");
    rewrite(
        html,
        &mut |_, name, value| match name {
            "id" => Some(prefixed(value)),
            "for"
            | "headers"
            | "list"
            | "form"
            | "aria-labelledby"
            | "aria-describedby"
            | "aria-controls"
            | "aria-owns"
            | "aria-details"
            | "aria-errormessage"
            | "aria-activedescendant" => Some(
                value
                    .split_whitespace()
                    .map(prefixed)
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            "href" | "xlink:href" => print_link(value, from_url, id, map),
            "src" | "poster" => site_path(value, from_url).map(|(p, _)| relative_url(&map.url, &p)),
            _ => None,
        },
        &|tag| heading_shift(tag, shift),
    )
}

fn print_link(value: &str, from_url: &str, id: &str, map: &PrintMap) -> Option<String> {
    if let Some(fragment) = value.strip_prefix('#') {
        return Some(if fragment.is_empty() {
            format!("#{id}")
        } else {
            format!("#{id}__{fragment}")
        });
    }
    let (path, fragment) = site_path(value, from_url)?;
    let file = if path.is_empty() || path.ends_with('/') {
        file_url(&path)
    } else {
        path
    };
    Some(match (map.parts.get(&file), fragment) {
        (Some(target), Some(f)) if !f.is_empty() => format!("#{target}__{f}"),
        (Some(target), _) => format!("#{target}"),
        (None, Some(f)) => format!("{}#{f}", relative_url(&map.url, &file)),
        (None, None) => relative_url(&map.url, &file),
    })
}

fn heading_shift(tag: &str, shift: u8) -> Option<String> {
    let level = tag.strip_prefix(['h', 'H'])?.parse::<u8>().ok()?;
    ((1..=6).contains(&level) && shift > 0).then(|| format!("h{}", (level + shift).min(6)))
}

/// A value for a CSS string: quotes, backslashes and line breaks escaped, and `<` too, so the
/// text cannot end the `<style>` element it sits in.
pub(crate) fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("\\3C "),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What goes on one print page.
struct PrintPlan<'a> {
    url: String,
    /// Sections in order, by index in `site.sections`.
    sections: Vec<usize>,
    with_home: bool,
    with_root_pages: bool,
    extras: Vec<&'a PrintExtra>,
    /// The checklists and worksheets shown inside a printed document (through a shortcode), as
    /// contents entries by the id of the document's part: the contents list them too.
    embeds: HashMap<String, Vec<TocEntry>>,
    /// The whole toolkit is too long to print in one piece: this page lists the phase packets.
    split: bool,
}

/// Above this many pages, print/ lists the phase packets instead of holding the whole toolkit:
/// nobody prints a thousand pages, and one page of that size strains browsers and memory.
pub(crate) const PRINT_WHOLE_LIMIT: usize = 300;

/// Whether print/ lists the phase packets rather than holding a toolkit of `pages` pages.
pub(crate) fn print_split(pages: usize) -> bool {
    pages > PRINT_WHOLE_LIMIT
}

/// Which print pages `print_pages` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Drawn<'a> {
    All,
    /// print/index.html alone.
    Index,
    /// One phase's packet, print/<phase>/index.html.
    Packet(&'a str),
}

/// The section number of the phase whose packet prints the document at `place`, if any: the
/// phase's own section page and the pages in it.
pub(crate) fn packet_of(site: &Site, place: Place) -> Option<usize> {
    let phase = |name: &str| {
        site.sections
            .iter()
            .position(|s| s.is_phase && s.name == name)
    };
    match place {
        Place::Home => None,
        Place::Section(i) => site.sections[i].is_phase.then_some(i),
        Place::Page(p) => phase(site.pages[p].section.as_deref()?),
    }
}

impl Renderer {
    /// print/index.html and print/<phase>/index.html, or only those `drawn` names (`docs` need
    /// only hold what those print). Each page is handed to `keep` with its path as soon as it is
    /// drawn (a build writes it at once), so the pages are never all held.
    pub(crate) fn print_pages<T: Send>(
        &self,
        site: &Site,
        docs: &[PrintDoc],
        extras: &[PrintExtra],
        keep: &(dyn Fn(&str, String) -> T + Sync),
        drawn: Drawn,
    ) -> PrintPages<T> {
        let by_place: HashMap<Place, &PrintDoc> = docs.iter().map(|d| (d.place, d)).collect();
        let split = print_split(docs.len());
        let mut plans = vec![PrintPlan {
            url: "print/".into(),
            sections: if split {
                Vec::new()
            } else {
                (0..site.sections.len()).collect()
            },
            with_home: true,
            with_root_pages: !split,
            embeds: HashMap::new(),
            extras: if split {
                Vec::new()
            } else {
                extras.iter().collect()
            },
            split,
        }];
        for (i, s) in site.sections.iter().enumerate().filter(|(_, s)| s.is_phase) {
            plans.push(PrintPlan {
                url: format!("print/{}/", s.name),
                sections: vec![i],
                with_home: false,
                with_root_pages: false,
                embeds: HashMap::new(),
                extras: extras
                    .iter()
                    .filter(|e| e.phase.as_deref() == Some(&s.name))
                    .collect(),
                split: false,
            });
        }
        plans.retain(|plan| match drawn {
            Drawn::All => true,
            Drawn::Index => plan.with_home,
            Drawn::Packet(name) => plan.url == format!("print/{name}/"),
        });
        // Each checklist and worksheet once: not again after a page that embeds it, where the
        // contents list it instead.
        for plan in &mut plans {
            let mut shown: Vec<String> = Vec::new();
            let held: Vec<&PrintDoc> = docs.iter().filter(|d| plan.holds(site, d.place)).collect();
            for d in held {
                let keys = embedded(site, d);
                let entries = embed_entries(d, &keys, extras);
                if !entries.is_empty() {
                    plan.embeds.insert(part_id(d.url), entries);
                }
                shown.extend(keys);
            }
            plan.extras.retain(|e| !shown.contains(&e.key));
        }
        let others = self.print_links(site);
        plans
            .par_iter()
            .map(|plan| {
                let mut view = self.print_view(site, &by_place, plan, &others);
                let shape = body_shape(&view);
                let toc_hash = xxhash_rust::xxh3::xxh3_64(
                    serde_json::to_string(&view.toc)
                        .unwrap_or_default()
                        .as_bytes(),
                );
                let bodies = take_bodies(&mut view);
                let title = match &view.phase {
                    Some(p) => format!("{} · {}", p.title, self.text("print_button")),
                    None => self.text("print_toolkit"),
                };
                let render = || {
                    let mut cx = Context::new();
                    cx.insert("print", &view);
                    self.generated_page(site, &plan.url, &title, "print.html", cx)
                };
                let page = match &self.print_memo {
                    Some(memo) => memo.page((plan.url.clone(), shape, toc_hash), render),
                    None => render(),
                };
                let path = format!("{}index.html", plan.url);
                let page = page.map(|html| keep(&path, splice(&html, &bodies)));
                (path, page)
            })
            .collect()
    }

    /// Links to every print page, from the site root.
    fn print_links(&self, site: &Site) -> Vec<LinkView> {
        let mut links = vec![LinkView {
            title: self.text("print_toolkit"),
            href: "print/index.html".into(),
        }];
        links.extend(self.data.phases.iter().map(|p| LinkView {
            title: format!(
                "{} {}{}{}",
                self.text("phase"),
                p.number,
                self.text("colon"),
                p.title
            ),
            href: format!("print/{}/index.html", p.name),
        }));
        let _ = site;
        links
    }

    fn print_view(
        &self,
        site: &Site,
        docs: &HashMap<Place, &PrintDoc>,
        plan: &PrintPlan,
        others: &[LinkView],
    ) -> PrintView {
        let packet = !plan.with_home;
        let (chapter_level, part_level) = if packet { (0, 2) } else { (2, 3) };
        let map = self.print_map(site, plan);
        let render = |place: Place, shift: u8| -> String {
            docs.get(&place).map_or_else(String::new, |d| {
                let make = || for_print(d.content, d.url, &part_id(d.url), shift, &map);
                match &self.print_memo {
                    Some(memo) => {
                        let key = (plan.url.clone(), d.url.to_string(), shift);
                        memo.part(key, d.content, make)
                    }
                    None => make(),
                }
            })
        };
        let chapters = self.print_chapters(site, plan, part_level, &render, &map);
        let phase = packet
            .then(|| {
                chapters.first().map(|c| PartHeading {
                    number: c.number,
                    title: c.title.clone(),
                })
            })
            .flatten();
        PrintView {
            split: plan.split,
            phase,
            toc: toc(&chapters, packet, &plan.embeds),
            intro: plan.with_home.then(|| render(Place::Home, 1)),
            chapters,
            chapter_level,
            part_level,
            paper: match self.site().paper {
                crate::config::Paper::Letter => "letter",
                crate::config::Paper::A4 => "A4",
            },
            footer_css: css_string(&self.print_footer(&plan.url)),
            others: others
                .iter()
                .filter(|l| l.href != file_url(&plan.url))
                .map(|l| LinkView {
                    title: l.title.clone(),
                    href: relative_url(&plan.url, &l.href),
                })
                .collect(),
        }
    }

    /// The chapters of a print page: its sections (each with its pages and the checklists and
    /// worksheets printed with it), then pages in no section, then worksheets in no phase.
    fn print_chapters(
        &self,
        site: &Site,
        plan: &PrintPlan,
        part_level: u8,
        render: &(dyn Fn(Place, u8) -> String + Sync),
        map: &PrintMap,
    ) -> Vec<ChapterView> {
        let mut chapters: Vec<ChapterView> = plan
            .sections
            .iter()
            .map(|&i| {
                let s = &site.sections[i];
                let phase = self.data.phases.iter().find(|p| p.name == s.name);
                let mut parts: Vec<PartView> = s
                    .pages
                    .par_iter()
                    .map(|&p| self.page_part(site, p, render(Place::Page(p), part_level - 1)))
                    .collect();
                parts.extend(
                    plan.extras
                        .iter()
                        .filter(|e| e.phase.as_deref() == Some(&s.name))
                        .map(|e| extra_part(e, part_level, map)),
                );
                ChapterView {
                    id: part_id(&s.url),
                    number: phase.map(|p| p.number),
                    title: s.title.clone(),
                    summary: s.summary.clone(),
                    intro: render(Place::Section(i), part_level.saturating_sub(2)),
                    parts,
                }
            })
            .collect();
        if plan.with_root_pages && !site.root_pages.is_empty() {
            chapters.push(ChapterView {
                id: "_pages".into(),
                number: None,
                title: self.text("other_pages"),
                summary: None,
                intro: String::new(),
                parts: site
                    .root_pages
                    .par_iter()
                    .map(|&p| self.page_part(site, p, render(Place::Page(p), part_level - 1)))
                    .collect(),
            });
        }
        let loose: Vec<PartView> = plan
            .extras
            .iter()
            .filter(|e| e.phase.is_none())
            .map(|e| extra_part(e, part_level, map))
            .collect();
        if !loose.is_empty() {
            chapters.push(ChapterView {
                id: "_worksheets".into(),
                number: None,
                title: self.text("worksheets"),
                summary: None,
                intro: String::new(),
                parts: loose,
            });
        }
        chapters
    }

    /// Every part a link may land on, by its own page's file path.
    fn print_map(&self, site: &Site, plan: &PrintPlan) -> PrintMap {
        let mut parts = HashMap::new();
        let mut add = |url: &str| {
            parts.insert(file_url(url), part_id(url));
        };
        if plan.with_home {
            add("");
        }
        for &i in &plan.sections {
            let s = &site.sections[i];
            add(&s.url);
            for &p in &s.pages {
                add(&site.pages[p].url);
            }
        }
        if plan.with_root_pages {
            for &p in &site.root_pages {
                add(&site.pages[p].url);
            }
        }
        for e in &plan.extras {
            add(&e.url);
        }
        PrintMap {
            url: plan.url.clone(),
            parts,
        }
    }

    fn page_part(&self, site: &Site, p: usize, html: String) -> PartView {
        let page = &site.pages[p];
        PartView {
            id: part_id(&page.url),
            title: page.title().to_string(),
            summary: page.front.summary.clone(),
            audiences: self.audiences(page.front.audience.iter().map(|a| a.get_ref().as_str())),
            kind: "page",
            own_heading: false,
            html,
        }
    }

    /// "Title · Licence: … · Version … · https://…/print/": printed at the foot of every sheet.
    fn print_footer(&self, url: &str) -> String {
        let s = self.site();
        let mut parts = vec![s.title.clone()];
        if let Some(l) = &s.license {
            parts.push(format!("{}{}{l}", self.text("license"), self.text("colon")));
        }
        if let Some(v) = &s.version {
            parts.push(format!("{} {v}", self.text("version")));
        }
        if let Some(a) = self.absolute(url) {
            parts.push(a);
        }
        parts.join(" · ")
    }
}

/// The marker that stands in the template's output for the `n`th body of a print page.
fn marker(n: usize) -> String {
    format!("<!--tr-print:{n}-->")
}

/// Moves every body (the intro, each chapter's intro, each part's HTML) out of the view,
/// leaving a marker: the template then handles a few kilobytes instead of the whole toolkit,
/// and `splice` puts the bodies back once.
/// Which bodies of the view are empty, in the order `take_bodies` visits them: the markers
/// the template output holds depend on it.
fn body_shape(view: &PrintView) -> Vec<bool> {
    let mut shape = vec![view
        .intro
        .as_ref()
        .is_some_and(std::string::String::is_empty)];
    for chapter in &view.chapters {
        shape.push(chapter.intro.is_empty());
        shape.extend(chapter.parts.iter().map(|p| p.html.is_empty()));
    }
    shape
}

fn take_bodies(view: &mut PrintView) -> Vec<String> {
    let mut bodies = Vec::new();
    let mut take = |html: &mut String| {
        if !html.is_empty() {
            bodies.push(std::mem::replace(html, marker(bodies.len())));
        }
    };
    if let Some(intro) = &mut view.intro {
        take(intro);
    }
    for chapter in &mut view.chapters {
        take(&mut chapter.intro);
        for part in &mut chapter.parts {
            take(&mut part.html);
        }
    }
    bodies
}

/// Puts the bodies back in place of their markers (a template that leaves one out drops it).
fn splice(html: &str, bodies: &[String]) -> String {
    let mut out = String::with_capacity(html.len() + bodies.iter().map(String::len).sum::<usize>());
    let mut rest = html;
    while let Some(at) = rest.find("<!--tr-print:") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "<!--tr-print:".len()..];
        let Some(end) = after.find("-->") else {
            break;
        };
        match after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|n| bodies.get(n))
        {
            Some(body) => out.push_str(body),
            None => out.push_str(&rest[at..at + "<!--tr-print:".len() + end + 3]),
        }
        rest = &after[end + 3..];
    }
    out.push_str(rest);
    out
}

/// A checklist or worksheet as a part: its level-2 heading moved to the part level.
fn extra_part(e: &PrintExtra, part_level: u8, map: &PrintMap) -> PartView {
    let id = part_id(&e.url);
    PartView {
        html: for_print(&e.html, &e.url, &id, part_level.saturating_sub(2), map),
        id,
        title: e.title.clone(),
        summary: None,
        audiences: Vec::new(),
        kind: e.kind,
        own_heading: true,
    }
}

impl PrintPlan<'_> {
    /// Whether the document at `place` is printed on this page.
    fn holds(&self, site: &Site, place: Place) -> bool {
        match place {
            Place::Home => self.with_home,
            Place::Section(i) => self.sections.contains(&i),
            Place::Page(p) => match &site.pages[p].section {
                Some(name) => self
                    .sections
                    .iter()
                    .any(|&i| &site.sections[i].name == name),
                None => self.with_root_pages,
            },
        }
    }
}

/// The contents: each part, followed by the checklists and worksheets it shows inside it
/// (`embeds`, by part id; a chapter's intro comes before its parts, the home page's before all).
fn toc(
    chapters: &[ChapterView],
    packet: bool,
    embeds: &HashMap<String, Vec<TocEntry>>,
) -> Vec<TocEntry> {
    let inside = |id: &str| embeds.get(id).cloned().unwrap_or_default();
    let parts = |c: &ChapterView| -> Vec<TocEntry> {
        let mut out = inside(&c.id);
        for p in &c.parts {
            out.push(TocEntry {
                title: p.title.clone(),
                href: format!("#{}", p.id),
                number: None,
                children: Vec::new(),
            });
            out.extend(inside(&p.id));
        }
        out
    };
    let mut out = inside(&part_id(""));
    if packet {
        out.extend(chapters.iter().flat_map(parts));
        return out;
    }
    out.extend(chapters.iter().map(|c| TocEntry {
        title: c.title.clone(),
        href: format!("#{}", c.id),
        number: c.number,
        children: parts(c),
    }));
    out
}

/// Contents entries for the checklists and worksheets (`keys`, as `embedded` names them) that the
/// document `d` shows: each links to the first copy in the document, by the id its embed got
/// there (`cl-<phase>`, `ws-<id>`) with the part's prefix.
fn embed_entries(d: &PrintDoc, keys: &[String], extras: &[PrintExtra]) -> Vec<TocEntry> {
    let part = part_id(d.url);
    let mut out: Vec<TocEntry> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for key in keys {
        if seen.contains(&key.as_str()) {
            continue;
        }
        seen.push(key);
        let Some(e) = extras.iter().find(|e| &e.key == key) else {
            continue;
        };
        let own = match key.split_once(':') {
            Some(("checklist", phase)) => format!("cl-{phase}"),
            Some((_, id)) => format!("ws-{id}"),
            None => continue,
        };
        let href = if d.content.contains(&format!("id=\"{own}\"")) {
            format!("#{part}__{own}")
        } else {
            format!("#{part}")
        };
        out.push(TocEntry {
            title: e.title.clone(),
            href,
            number: None,
            children: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> PrintMap {
        let mut parts = HashMap::new();
        parts.insert("a/index.html".to_string(), "a".to_string());
        parts.insert("a/roles/index.html".to_string(), "a_roles".to_string());
        PrintMap {
            url: "print/".into(),
            parts,
        }
    }

    #[test]
    fn ids_get_the_part_prefix_and_references_follow() {
        let html = "<h2 id=\"why\">Why <a class=\"anchor\" href=\"#why\">#</a></h2><label for=\"q1\">Q</label><input id=\"q1\" aria-describedby=\"q1-hint q1-more\"><svg aria-labelledby=\"t d\"><title id=\"t\">T</title></svg>";
        let out = for_print(html, "a/roles/", "a_roles", 2, &map());
        assert_eq!(
            out,
            "<h4 id=\"a_roles__why\">Why <a class=\"anchor\" href=\"#a_roles__why\">#</a></h4><label for=\"a_roles__q1\">Q</label><input id=\"a_roles__q1\" aria-describedby=\"a_roles__q1-hint a_roles__q1-more\"><svg aria-labelledby=\"a_roles__t a_roles__d\"><title id=\"a_roles__t\">T</title></svg>"
        );
    }

    #[test]
    fn links_to_parts_become_anchors_and_others_stay_relative() {
        let html = "<a href=\"../index.html\">phase</a> <a href=\"../roles/index.html#who\">roles</a> <a href=\"../../b/x/index.html#y\">b</a> <img src=\"pic.png\" alt=\"\"> <a href=\"https://e.org/\">e</a> <a href=\"../../files/f.pdf\">f</a>";
        let out = for_print(html, "a/goals/", "a_goals", 0, &map());
        assert_eq!(
            out,
            "<a href=\"#a\">phase</a> <a href=\"#a_roles__who\">roles</a> <a href=\"../b/x/index.html#y\">b</a> <img src=\"../a/goals/pic.png\" alt=\"\"> <a href=\"https://e.org/\">e</a> <a href=\"../files/f.pdf\">f</a>"
        );
    }

    #[test]
    fn headings_move_down_but_not_past_h6() {
        let out = for_print(
            "<h1>a</h1><h5>b</h5><hr><header>c</header>",
            "",
            "_home",
            2,
            &map(),
        );
        assert_eq!(out, "<h3>a</h3><h6>b</h6><hr><header>c</header>");
    }

    #[test]
    fn part_ids_cannot_collide_with_slugs_or_each_other() {
        assert_eq!(part_id(""), "_home");
        assert_eq!(part_id("getting-started/"), "getting-started");
        assert_eq!(part_id("getting-started/roles/"), "getting-started_roles");
        assert_ne!(part_id("a-b/c/"), part_id("a/b-c/"));
    }

    #[test]
    fn bodies_leave_the_view_and_come_back_in_place() {
        let mut view = PrintView {
            split: false,
            phase: None,
            toc: Vec::new(),
            intro: Some("<p>intro</p>".into()),
            chapters: vec![ChapterView {
                id: "a".into(),
                number: Some(1),
                title: "A".into(),
                summary: None,
                intro: String::new(),
                parts: vec![PartView {
                    id: "a_b".into(),
                    title: "B".into(),
                    summary: None,
                    audiences: Vec::new(),
                    kind: "page",
                    own_heading: false,
                    html: "<p>body</p>".into(),
                }],
            }],
            chapter_level: 2,
            part_level: 3,
            paper: "letter",
            footer_css: String::new(),
            others: Vec::new(),
        };
        let bodies = take_bodies(&mut view);
        assert_eq!(view.intro.as_deref(), Some("<!--tr-print:0-->"));
        assert_eq!(view.chapters[0].parts[0].html, "<!--tr-print:1-->");
        let page = format!(
            "<main>{}<section>{}</section><!--tr-print:9--></main>",
            view.intro.unwrap(),
            view.chapters[0].parts[0].html
        );
        assert_eq!(
            splice(&page, &bodies),
            "<main><p>intro</p><section><p>body</p></section><!--tr-print:9--></main>"
        );
    }

    #[test]
    fn css_strings_are_escaped() {
        assert_eq!(
            css_string("A \"kit\" \\ </style>"),
            "\"A \\\"kit\\\" \\\\ \\3C /style>\""
        );
    }
}
