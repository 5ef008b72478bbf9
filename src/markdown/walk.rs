//! The walk over pulldown-cmark's events: headings get ids and anchors, links resolve, pictures
//! are checked, tables get a scrolling box, task lists get their boxes, and the problems found on
//! the way keep their place in the text.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{
    escape_html, links, lint, AnchorCheck, Context, Findings, Labels, Problem, Resolved, TocItem,
    TABLE_BOX_OPEN,
};

/// A task list's box, drawn so a screen reader says whether it is done (in the page's language).
fn task_marker(done: bool, labels: &Labels) -> String {
    if done {
        format!("<span class=\"task done\" aria-hidden=\"true\">☑</span><span class=\"visually-hidden\">{}</span>", escape_html(labels.task_done))
    } else {
        format!("<span class=\"task\" aria-hidden=\"true\">☐</span><span class=\"visually-hidden\">{}</span>", escape_html(labels.task_todo))
    }
}

/// Heading ids, GitHub style: the slug of the text, then `-1`, `-2` ... for repeats.
#[derive(Default)]
pub(super) struct Ids {
    seen: HashSet<String>,
    pub(super) order: Vec<String>,
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

pub(super) struct OpenHeading<'a> {
    level: HeadingLevel,
    span: Range<usize>,
    explicit_id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    text: String,
    events: Vec<Event<'a>>,
}

/// The event rewriter: heading ids and anchors, link resolution, task list boxes.
pub(super) struct Walk<'c, 'a> {
    cx: &'c Context<'c>,
    pub(super) ids: Ids,
    pub(super) toc: Vec<TocItem>,
    pub(super) checks: Vec<AnchorCheck>,
    pub(super) links_to: Vec<String>,
    pub(super) problems: Findings,
    heading: Option<OpenHeading<'a>>,
    /// Links rendered as plain text (drafts): their closing tags are dropped too.
    pub(super) dropped_links: usize,
    image_alt: Option<(String, Range<usize>)>,
    /// The text of the indented code block being read, for the "indented prose" lint.
    indented: Option<(String, Range<usize>)>,
    /// The text of the link being read, for the "click here" lint.
    link_text: Option<(String, Range<usize>)>,
    /// The level of the last heading; the page's title is level 1.
    last_level: u8,
    /// The table being read, whose scroll box is named once its header row is known.
    table: Option<TableBox>,
    /// Where in the output the walk put HTML of its own (a heading's link, a task's box, a
    /// table's scroll box), in order: search reads it as a break between words, not as tags.
    pub(super) own_html: Vec<usize>,
}

/// A Markdown table goes in a box that scrolls sideways on its own (a wide table must not widen
/// a phone's page). The box can take keyboard focus, so it can be scrolled without a mouse, and
/// is named by the table's column headings, so a screen reader says what it holds.
pub(super) struct TableBox {
    /// Where the box's opening tag is in the output, filled in at the end of the header row.
    at: usize,
    head: String,
    in_head: bool,
}

impl<'c, 'a> Walk<'c, 'a> {
    pub(super) fn new(cx: &'c Context<'c>, problems: Findings) -> Self {
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
            own_html: Vec::new(),
        }
    }

    /// Rewrites one event into `out` (none, one, or a whole heading once it closes).
    pub(super) fn event(
        &mut self,
        event: Event<'a>,
        range: Range<usize>,
        out: &mut Vec<Event<'a>>,
    ) {
        let task_box = matches!(event, Event::TaskListMarker(_));
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
        if task_box {
            self.own_html.push(out.len());
        }
        out.push(event);
        if closes_table {
            self.own_html.push(out.len());
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
            self.own_html.push(out.len());
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
            Event::TaskListMarker(done) => {
                Some(Event::InlineHtml(task_marker(done, &self.cx.labels).into()))
            }
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
        self.own_html.push(out.len());
        out.push(Event::InlineHtml(
            format!(" <a class=\"anchor\" href=\"#{id}\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">{}</span></a>", escape_html(self.cx.labels.anchor)).into(),
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
