//! Markdown to HTML: pulldown-cmark with heading ids and anchors, a table of contents, links to
//! source files rewritten relative, and shortcode markers left for the renderer to expand.
//!
//! Everything here is pure: text and a link index in, HTML and findings out. Positions in
//! `Problem`s are byte offsets into the text given, which the caller maps to the file.

pub(crate) mod links;
mod lint;
pub mod shortcodes;
pub(crate) mod text;
mod walk;

use walk::Walk;

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser};
use serde::Serialize;

pub use links::{LinkIndex, Resolved, Target};
pub(crate) use shortcodes::{BodyKind, Call};
pub(crate) use text::Part;

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
    /// HTML with shortcode markers still in it (see `shortcodes::expand`); shared with the
    /// page's content when it has no shortcodes.
    pub(crate) html: Arc<String>,
    pub(crate) toc: Vec<TocItem>,
    /// Every heading id, in order.
    pub(crate) anchors: Vec<String>,
    pub anchor_checks: Vec<AnchorCheck>,
    /// Files of the site (from its root, "a/b/index.html") that this text links to.
    pub(crate) links_to: Vec<String>,
    pub(crate) calls: Vec<Call>,
    pub problems: Vec<Problem>,
    /// The words a reader sees, in parts that start at headings (for search), shortcode
    /// markers left out.
    pub(crate) text: Arc<Vec<Part>>,
}

impl Rendered {
    /// Once its page is drawn, a text is read only to check links across pages and to print
    /// (its page's content holds the HTML where print needs it): lets go of its HTML, table of
    /// contents and search text.
    pub(crate) fn drawn(&mut self) {
        self.html = Arc::default();
        self.toc = Vec::new();
        self.text = Arc::default();
    }
}

/// Where the text comes from, for resolving its links.
pub struct Context<'a> {
    pub links: &'a LinkIndex,
    /// The source file, relative to the toolkit root.
    pub source: &'a Path,
    /// The output page's URL path ("a/b/").
    pub url: &'a str,
    pub body_kind: &'a dyn Fn(&str) -> BodyKind,
    /// The words a screen reader hears that the Markdown itself does not say.
    pub labels: Labels<'a>,
}

/// What a screen reader hears before a task list's item (done, not yet done) and on a
/// heading's anchor, in the page's language (from the theme's strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Labels<'a> {
    pub task_done: &'a str,
    pub task_todo: &'a str,
    pub anchor: &'a str,
}

impl Labels<'_> {
    /// In English, for Markdown outside a page (the data files' texts).
    pub const ENGLISH: Labels<'static> = Labels {
        task_done: "Done: ",
        task_todo: "To do: ",
        anchor: "Link to this section",
    };
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
    // The readable text from the same events, so search never reads the HTML again.
    let mut reader = text::Reader::default();
    let mut own_html = state.own_html.iter().copied().peekable();
    for (at, event) in events.iter().enumerate() {
        if own_html.next_if_eq(&at).is_some() {
            reader.own_html();
        } else {
            reader.event(event);
        }
    }
    out.text = Arc::new(reader.finish());
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    out.html = Arc::new(html);
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

/// Escapes what HTML needs escaped and nothing more: Tera's default also escapes `/`, which
/// makes every relative link unreadable in the output.
pub(crate) fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    // Runs without a character to escape (nearly all of the text) are copied in one piece.
    let mut run = 0;
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[run..i]);
        out.push_str(entity);
        run = i + 1;
    }
    out.push_str(&input[run..]);
    out
}

#[cfg(test)]
mod tests;
