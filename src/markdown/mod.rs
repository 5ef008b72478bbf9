//! Markdown to HTML: pulldown-cmark with heading ids and anchors, a table of contents, links to
//! source files rewritten relative, and shortcode markers left for the renderer to expand.
//!
//! Everything here is pure: text and a link index in, HTML and findings out. Positions in
//! `Problem`s are byte offsets into the text given, which the caller maps to the file.

pub(crate) mod links;
mod lint;
pub mod shortcodes;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

pub use links::{LinkIndex, Resolved, Target};
pub(crate) use shortcodes::{BodyKind, Call};

/// A finding in the Markdown, by byte range in the rendered text.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub span: Range<usize>,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
    pub(crate) warning: bool,
}

impl Problem {
    pub(crate) fn error(span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            span,
            message: message.into(),
            hint: None,
            warning: false,
        }
    }
    pub(crate) fn warning(span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            span,
            message: message.into(),
            hint: None,
            warning: true,
        }
    }
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }
}

/// One entry of a page's table of contents (h2, with its h3s).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct TocItem {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) children: Vec<TocItem>,
}

/// An anchor to look for on another page once every page is rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct AnchorCheck {
    pub(crate) url: String,
    pub(crate) anchor: String,
    pub span: Range<usize>,
}

/// A table's scroll box before its header row names it.
const TABLE_BOX_OPEN: &str = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\">";

/// The result of rendering one Markdown text.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML with shortcode markers still in it (see `shortcodes::expand`).
    pub(crate) html: String,
    pub(crate) toc: Vec<TocItem>,
    /// Every heading id, in order.
    pub(crate) anchors: Vec<String>,
    pub anchor_checks: Vec<AnchorCheck>,
    /// Files of the site (from its root, "a/b/index.html") that this text links to.
    pub(crate) links_to: Vec<String>,
    pub(crate) calls: Vec<Call>,
    pub problems: Vec<Problem>,
}

/// Where the text comes from, for resolving its links.
pub struct Context<'a> {
    pub links: &'a LinkIndex,
    /// The source file, relative to the toolkit root.
    pub source: &'a Path,
    /// The output page's URL path ("a/b/").
    pub url: &'a str,
    pub body_kind: &'a dyn Fn(&str) -> BodyKind,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders Markdown to HTML (shortcodes left as markers for the renderer).
pub fn render(text: &str, cx: &Context) -> Rendered {
    let mut prepared = shortcodes::prepare(text, cx.body_kind);
    let mut out = Rendered {
        calls: std::mem::take(&mut prepared.calls),
        ..Rendered::default()
    };
    let mut state = Walk::new(cx, std::mem::take(&mut prepared.problems));
    // The rewritten events go into one vector (not one per event: that allocation was a tenth
    // of a build's time).
    let mut events: Vec<Event> = Vec::new();
    for (event, range) in Parser::new_ext(&prepared.text, options()).into_offset_iter() {
        // Positions are reported in the author's text, not in the one with markers.
        let range = prepared.source_offset(range.start)..prepared.source_offset(range.end);
        state.event(event, range, &mut events);
    }
    out.html.reserve(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out.toc = state.toc;
    out.anchors = state.ids.order;
    out.anchor_checks = state.checks;
    out.links_to = state.links_to;
    out.problems = state.problems.into_problems();
    out
}

/// At most this many findings are kept per text: a huge file with a mistake on every line must not
/// fill the memory with messages nobody reads (the printer shows fewer still).
pub(crate) const MAX_PROBLEMS: usize = 100;

/// The findings of one text: the first `MAX_PROBLEMS` kept, the rest only counted.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    kept: Vec<Problem>,
    unlisted_errors: usize,
    unlisted_warnings: usize,
    first_unlisted: Option<usize>,
}

impl Findings {
    pub(crate) fn push(&mut self, p: Problem) {
        if self.kept.len() < MAX_PROBLEMS {
            self.kept.push(p);
            return;
        }
        if p.warning {
            self.unlisted_warnings += 1;
        } else {
            self.unlisted_errors += 1;
        }
        self.first_unlisted.get_or_insert(p.span.start);
    }

    pub(crate) fn extend(&mut self, all: impl IntoIterator<Item = Problem>) {
        for p in all {
            self.push(p);
        }
    }

    /// Changes the finding pushed last (when it was kept).
    pub(crate) fn retouch_last(&mut self, f: impl FnOnce(&mut Problem)) {
        if let Some(p) = self.kept.last_mut() {
            f(p);
        }
    }

    /// The kept findings, plus one that counts the others (an error when any of them is, so the
    /// build still fails).
    pub(crate) fn into_problems(self) -> Vec<Problem> {
        let mut out = self.kept;
        let rest = self.unlisted_errors + self.unlisted_warnings;
        if rest > 0 {
            let at = self.first_unlisted.unwrap_or(0);
            let message = format!(
                "{rest} more problems in this file are not listed ({} of them errors)",
                self.unlisted_errors
            );
            let summary = if self.unlisted_errors > 0 {
                Problem::error(at..at, message)
            } else {
                Problem::warning(at..at, message)
            };
            out.push(summary.hint("fix the ones above and run trellis check again"));
        }
        out
    }
}

impl std::ops::Deref for Findings {
    type Target = [Problem];
    fn deref(&self) -> &[Problem] {
        &self.kept
    }
}

/// A task list's box, drawn so a screen reader says whether it is done.
fn task_marker(done: bool) -> &'static str {
    if done {
        "<span class=\"task done\" aria-hidden=\"true\">☑</span><span class=\"visually-hidden\">Done: </span>"
    } else {
        "<span class=\"task\" aria-hidden=\"true\">☐</span><span class=\"visually-hidden\">To do: </span>"
    }
}

/// Heading ids, GitHub style: the slug of the text, then `-1`, `-2` ... for repeats.
#[derive(Default)]
struct Ids {
    seen: HashSet<String>,
    order: Vec<String>,
    next_suffix: HashMap<String, usize>,
}

impl Ids {
    /// A unique id from `base`, and whether `base` itself was already taken. The next free suffix
    /// is remembered per base, so a page with thousands of equal headings stays linear.
    fn unique(&mut self, base: &str) -> (String, bool) {
        let base = if base.is_empty() { "section" } else { base };
        let taken = self.seen.contains(base);
        let mut id = base.to_string();
        let mut n = self.next_suffix.get(base).copied().unwrap_or(0);
        while self.seen.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        if taken {
            self.next_suffix.insert(base.to_string(), n);
        }
        self.seen.insert(id.clone());
        self.order.push(id.clone());
        (id, taken)
    }
}

struct OpenHeading<'a> {
    level: HeadingLevel,
    span: Range<usize>,
    explicit_id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    text: String,
    events: Vec<Event<'a>>,
}

/// The event rewriter: heading ids and anchors, link resolution, task list boxes.
struct Walk<'c, 'a> {
    cx: &'c Context<'c>,
    ids: Ids,
    toc: Vec<TocItem>,
    checks: Vec<AnchorCheck>,
    links_to: Vec<String>,
    problems: Findings,
    heading: Option<OpenHeading<'a>>,
    /// Links rendered as plain text (drafts): their closing tags are dropped too.
    dropped_links: usize,
    image_alt: Option<(String, Range<usize>)>,
    /// The text of the indented code block being read, for the "indented prose" lint.
    indented: Option<(String, Range<usize>)>,
    /// The text of the link being read, for the "click here" lint.
    link_text: Option<(String, Range<usize>)>,
    /// The level of the last heading; the page's title is level 1.
    last_level: u8,
    /// The table being read, whose scroll box is named once its header row is known.
    table: Option<TableBox>,
}

/// A Markdown table goes in a box that scrolls sideways on its own (a wide table must not widen
/// a phone's page). The box can take keyboard focus, so it can be scrolled without a mouse, and
/// is named by the table's column headings, so a screen reader says what it holds.
struct TableBox {
    /// Where the box's opening tag is in the output, filled in at the end of the header row.
    at: usize,
    head: String,
    in_head: bool,
}

impl<'c, 'a> Walk<'c, 'a> {
    fn new(cx: &'c Context<'c>, problems: Findings) -> Self {
        Walk {
            cx,
            ids: Ids::default(),
            toc: Vec::new(),
            checks: Vec::new(),
            links_to: Vec::new(),
            problems,
            heading: None,
            dropped_links: 0,
            image_alt: None,
            indented: None,
            link_text: None,
            last_level: 1,
            table: None,
        }
    }

    /// Rewrites one event into `out` (none, one, or a whole heading once it closes).
    fn event(&mut self, event: Event<'a>, range: Range<usize>, out: &mut Vec<Event<'a>>) {
        let Some(event) = self.rewrite(event, range) else {
            return;
        };
        if let Event::Text(t) | Event::Code(t) = &event {
            for (text, _) in [self.image_alt.as_mut(), self.link_text.as_mut()]
                .into_iter()
                .flatten()
            {
                text.push_str(t);
            }
        }
        if let Some(h) = self.heading.as_mut() {
            match &event {
                Event::End(TagEnd::Heading(_)) => {}
                e => {
                    if let Event::Text(t) | Event::Code(t) = e {
                        h.text.push_str(t);
                    }
                    h.events.push(event);
                    return;
                }
            }
            return self.close_heading(out);
        }
        self.table_box(&event, out);
        let closes_table = matches!(event, Event::End(TagEnd::Table));
        out.push(event);
        if closes_table {
            out.push(Event::Html("</div>".into()));
        }
    }

    /// Opens a table's scroll box and names it after its header row (see `TableBox`).
    fn table_box(&mut self, event: &Event<'a>, out: &mut Vec<Event<'a>>) {
        if let Event::Start(Tag::Table(_)) = event {
            self.table = Some(TableBox {
                at: out.len(),
                head: String::new(),
                in_head: false,
            });
            out.push(Event::Html(TABLE_BOX_OPEN.into()));
            return;
        }
        let Some(table) = self.table.as_mut() else {
            return;
        };
        match event {
            Event::Start(Tag::TableHead) => table.in_head = true,
            Event::Start(Tag::TableCell) if table.in_head && !table.head.is_empty() => {
                table.head.push_str(", ");
            }
            Event::Text(t) | Event::Code(t) if table.in_head => table.head.push_str(t),
            Event::End(TagEnd::TableHead) => {
                table.in_head = false;
                let label = escape_html(table.head.trim());
                out[table.at] = Event::Html(
                    format!("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{label}\">").into(),
                );
            }
            Event::End(TagEnd::Table) => self.table = None,
            _ => {}
        }
    }

    fn rewrite(&mut self, event: Event<'a>, range: Range<usize>) -> Option<Event<'a>> {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.check_level(level, range.clone());
                self.heading = Some(OpenHeading {
                    level,
                    span: range,
                    explicit_id: id,
                    classes,
                    attrs,
                    text: String::new(),
                    events: Vec::new(),
                });
                None
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.link_text = Some((String::new(), range.clone()));
                let Some(href) = self.link(&dest_url, range) else {
                    self.dropped_links += 1;
                    return None;
                };
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url: href.into(),
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link) => self.close_link(),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let before = self.problems.len();
                let href = self
                    .link(&dest_url, range.clone())
                    .unwrap_or_else(|| dest_url.to_string());
                self.picture_hint(before, &dest_url);
                self.image_alt = Some((String::new(), range));
                Some(Event::Start(Tag::Image {
                    link_type,
                    dest_url: href.into(),
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Image) => self.close_image(),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented))
            | Event::Text(_)
            | Event::End(TagEnd::CodeBlock) => self.indented_code(event, range),
            Event::TaskListMarker(done) => Some(Event::InlineHtml(task_marker(done).into())),
            other => Some(other),
        }
    }

    /// The end of a link: its text is checked ("click here"); a link left out ends unseen.
    fn close_link(&mut self) -> Option<Event<'a>> {
        if let Some((text, span)) = self.link_text.take() {
            self.problems.extend(lint::vague_link_text(&text, span));
        }
        if self.dropped_links > 0 {
            self.dropped_links -= 1;
            return None;
        }
        Some(Event::End(TagEnd::Link))
    }

    /// The end of a picture: it must have alt text.
    fn close_image(&mut self) -> Option<Event<'a>> {
        if let Some((alt, span)) = self.image_alt.take() {
            if alt.trim().is_empty() {
                self.problems
                    .push(Problem::warning(span, "this image has no alt text").hint(
                    "describe the image between the square brackets: ![A diagram of ...](file.png)",
                ));
            }
        }
        Some(Event::End(TagEnd::Image))
    }

    /// Indented code blocks are kept, and their text is checked for prose indented by mistake.
    fn indented_code(&mut self, event: Event<'a>, range: Range<usize>) -> Option<Event<'a>> {
        match &event {
            Event::Start(_) => self.indented = Some((String::new(), range)),
            Event::Text(t) => {
                if let Some((text, _)) = self.indented.as_mut() {
                    text.push_str(t);
                }
            }
            _ => {
                if let Some((text, span)) = self.indented.take() {
                    self.problems.extend(lint::indented_prose(&text, span));
                }
            }
        }
        Some(event)
    }

    /// A missing picture's hint says where pictures go (when no file of that name was found
    /// elsewhere to suggest).
    fn picture_hint(&mut self, before: usize, dest: &str) {
        if self.problems.len() == before + 1 {
            self.problems.retouch_last(|p| {
                let suggested = p.hint.as_deref().is_some_and(|h| h.starts_with("did you mean"));
                if !p.warning && !suggested && p.message.contains("does not exist") {
                    let name = dest.rsplit('/').next().unwrap_or(dest);
                    p.hint = Some(format!("put the picture beside the page: make the page a folder (page-name/index.md) with {name} next to index.md, or put it under static/ and write @static/images/{name}"));
                }
            });
        }
    }

    /// The rewritten href, or None when the link is to be shown as plain text.
    fn link(&mut self, dest: &str, span: Range<usize>) -> Option<String> {
        match self.cx.links.resolve(dest, self.cx.source, self.cx.url) {
            Resolved::External => {
                if lint::is_example_url(dest) {
                    self.problems.push(lint::example_link(dest.trim(), span));
                }
                Some(dest.to_string())
            }
            Resolved::Placeholder => {
                self.problems.push(
                    Problem::warning(span, "this link is a placeholder (`#` or empty)")
                        .hint("put the real address between the parentheses, or remove the link"),
                );
                Some(dest.to_string())
            }
            Resolved::Internal { href, check } => {
                if let Some((url, anchor)) = check {
                    self.checks.push(AnchorCheck { url, anchor, span });
                }
                self.links_to.push(links::site_file(self.cx.url, &href));
                Some(href)
            }
            Resolved::Draft => {
                self.problems.push(Problem::warning(span, format!("`{dest}` is a draft, so this link is shown as plain text"))
                    .hint("publish the page (remove draft = true) or remove the link; build with --drafts to preview"));
                None
            }
            Resolved::Broken { message, hint } => {
                let mut p = Problem::error(span, message);
                p.hint = hint;
                self.problems.push(p);
                Some(dest.to_string())
            }
        }
    }

    fn close_heading(&mut self, out: &mut Vec<Event<'a>>) {
        let Some(h) = self.heading.take() else {
            return;
        };
        let base = match &h.explicit_id {
            Some(id) => id.to_string(),
            None => crate::names::slugify(&h.text),
        };
        let (id, repeated) = self.ids.unique(&base);
        if repeated {
            self.problems.push(repeated_heading(
                &base,
                &id,
                h.explicit_id.is_some(),
                h.span.clone(),
            ));
        }
        self.add_to_toc(h.level, &id, h.text.trim());
        out.push(Event::Start(Tag::Heading {
            level: h.level,
            id: Some(id.clone().into()),
            classes: h.classes,
            attrs: h.attrs,
        }));
        out.extend(h.events);
        out.push(Event::InlineHtml(
            format!(" <a class=\"anchor\" href=\"#{id}\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to this section</span></a>").into(),
        ));
        out.push(Event::End(TagEnd::Heading(h.level)));
    }

    fn check_level(&mut self, level: HeadingLevel, span: Range<usize>) {
        let level = level as u8;
        self.problems
            .extend(lint::heading_level(self.last_level, level, span));
        self.last_level = level;
    }

    fn add_to_toc(&mut self, level: HeadingLevel, id: &str, title: &str) {
        let item = TocItem {
            id: id.to_string(),
            title: title.to_string(),
            children: Vec::new(),
        };
        match level {
            HeadingLevel::H2 => self.toc.push(item),
            HeadingLevel::H3 => match self.toc.last_mut() {
                Some(parent) => parent.children.push(item),
                None => self.toc.push(item),
            },
            _ => {}
        }
    }
}

/// Two headings with the same anchor: links to it reach only the first. An explicit `{#id}` that
/// is taken is an error (the author chose the id for a link); words repeated are a warning.
fn repeated_heading(base: &str, id: &str, explicit: bool, span: Range<usize>) -> Problem {
    if explicit {
        return Problem::error(
            span,
            format!("the heading id `{base}` is already used on this page"),
        )
        .hint("give this heading another id: ## Heading {#another-id}");
    }
    Problem::warning(
        span,
        format!(
            "another heading on this page is also called `{base}`, so this one's link is #{id}"
        ),
    )
    .hint(
        "give the headings different words, or an id of their own: ## Goals {#goals-for-students}",
    )
}

/// Escapes what HTML needs escaped and nothing more: Tera's default also escapes `/`, which
/// makes every relative link unreadable in the output.
pub(crate) fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
