//! The readable text of rendered Markdown, cut into parts at its headings, so a search match
//! under a heading can land on that heading's anchor. It is read from the events the HTML is
//! written from, while the page is rendered, not from the HTML afterwards: only raw HTML the
//! author wrote is read as HTML.

use pulldown_cmark::{Event, Tag, TagEnd};

/// A stretch of text under one heading (or before the first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Part {
    /// The heading's id, to land on; none before the first heading.
    pub(crate) anchor: Option<String>,
    pub(crate) heading: Option<String>,
    pub(crate) text: String,
    /// Text that counts like a heading (worksheet prompts).
    pub(crate) strong: bool,
}

/// The parts of a text as it is read: text outside tags, entities decoded, shortcode markers
/// and the theme's hidden helper text (heading links, task-list labels) left out. Headings of
/// levels 2 to 4 with an id start a new part.
pub(crate) struct Reader {
    parts: Vec<Part>,
    /// Inside a heading that starts a part: the text goes to its title.
    in_heading: Option<String>,
    /// Inside an element whose content is not reading text (a script, a hidden label): the
    /// closing tag that ends it.
    skipping: Option<&'static str>,
    /// Raw HTML not yet read: consecutive pieces are read together, since a tag or comment
    /// may span several lines of an HTML block.
    html: String,
    /// Inside a picture: its description is in the `alt` attribute, not text on the page.
    images: usize,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            parts: vec![Part::default()],
            in_heading: None,
            skipping: None,
            html: String::new(),
            images: 0,
        }
    }
}

impl Reader {
    /// Reads one of the events the page's HTML is written from.
    pub(crate) fn event(&mut self, event: &Event) {
        if let Event::Html(h) | Event::InlineHtml(h) = event {
            self.html.push_str(h);
            return;
        }
        self.flush_html();
        if matches!(event, Event::End(tag) if is_markdown_block(*tag)) {
            // Hidden text the author's HTML left open (a `<span aria-hidden="true">` never
            // closed) ends with its paragraph, as a browser ends it.
            self.skipping = None;
        }
        match event {
            Event::Start(Tag::Image { .. }) => self.images += 1,
            Event::End(TagEnd::Image) => self.images = self.images.saturating_sub(1),
            Event::Text(_) | Event::Code(_) if self.images > 0 => {}
            Event::Text(t) | Event::Code(t) => self.text(t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => self.space(),
            Event::Start(Tag::Heading {
                level,
                id: Some(id),
                ..
            }) if (*level as u8) >= 2 && (*level as u8) <= 4 => self.start_heading(id),
            Event::End(TagEnd::Heading(_)) if self.in_heading.is_some() => self.end_heading(),
            Event::Start(tag) if is_markdown_block(tag.to_end()) => self.space(),
            Event::End(tag) if is_markdown_block(*tag) => self.space(),
            _ => {}
        }
    }

    /// HTML the walk wrote itself (a heading's link, a task's box, a table's scroll box): a
    /// break between words. Its tags are the theme's, not the author's, so they are not read:
    /// its hidden helper text is left out without looking.
    pub(crate) fn own_html(&mut self) {
        self.flush_html();
        self.space();
    }

    /// The parts read, empty ones left out.
    pub(crate) fn finish(mut self) -> Vec<Part> {
        self.flush_html();
        self.end_heading();
        let mut parts = self.parts;
        for p in &mut parts {
            squash_in_place(&mut p.text);
        }
        parts.retain(|p| p.anchor.is_some() || !p.text.is_empty());
        parts
    }

    /// Text with its entities already decoded. Its white space is left as it is until its part
    /// is read whole (see `squash_in_place`).
    fn text(&mut self, text: &str) {
        if let Some(out) = self.reading() {
            out.push_str(text);
        }
    }

    /// A break between words: one space, none at the start, none after another.
    fn space(&mut self) {
        if let Some(out) = self.reading() {
            if !(out.is_empty() || out.ends_with(' ')) {
                out.push(' ');
            }
        }
    }

    /// Where text read now goes: the heading being read, or the last part; none while skipping.
    fn reading(&mut self) -> Option<&mut String> {
        if self.skipping.is_some() {
            return None;
        }
        match (&mut self.in_heading, self.parts.last_mut()) {
            (Some(t), _) => Some(t),
            // `parts` always holds the part before the first heading.
            (None, last) => last.map(|p| &mut p.text),
        }
    }

    fn start_heading(&mut self, id: &str) {
        self.end_heading();
        self.parts.push(Part {
            anchor: Some(id.to_string()),
            ..Part::default()
        });
        self.in_heading = Some(String::new());
    }

    /// The heading being read, if any, becomes its part's title.
    fn end_heading(&mut self) {
        if let (Some(mut title), Some(last)) = (self.in_heading.take(), self.parts.last_mut()) {
            squash_in_place(&mut title);
            last.heading = Some(title);
        }
    }

    fn flush_html(&mut self) {
        if !self.html.is_empty() {
            let html = std::mem::take(&mut self.html);
            self.read_html(&html);
        }
    }

    /// Raw HTML: the text between its tags.
    fn read_html(&mut self, html: &str) {
        let mut rest = html;
        loop {
            if let Some(end) = self.skipping {
                match rest.find(end) {
                    Some(i) => {
                        rest = &rest[i + end.len()..];
                        self.skipping = None;
                    }
                    None => return,
                }
            }
            let Some(lt) = rest.find('<') else {
                break;
            };
            self.html_text(&rest[..lt]);
            rest = &rest[lt..];
            let Some(gt) = rest.find('>') else {
                return;
            };
            let tag = &rest[1..gt];
            rest = &rest[gt + 1..];
            if tag.starts_with("!--") {
                // A comment (shortcode markers): skip to its end.
                let end = html_comment_end(tag, rest);
                rest = &rest[end..];
                continue;
            }
            self.tag(tag);
        }
        self.html_text(rest);
    }

    /// Text between tags. The line breaks and indenting of HTML are read as breaks between
    /// words here, so that a part seldom needs squashing whole.
    fn html_text(&mut self, raw: &str) {
        let decoded;
        let text = if raw.contains('&') {
            decoded = decode_entities(raw);
            &decoded
        } else {
            raw
        };
        for (i, words) in text.split(|c: char| c.is_ascii_whitespace()).enumerate() {
            if i > 0 {
                self.space();
            }
            self.text(words);
        }
    }

    /// A tag in raw HTML (`tag` is what is between `<` and `>`).
    fn tag(&mut self, tag: &str) {
        let bare = tag.trim_start_matches('/');
        let name_len = bare
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(bare.len());
        let name = &bare[..name_len];
        if let Some(skip) = skipped_element(name, tag) {
            self.skipping = Some(skip);
            return;
        }
        let closing = tag.starts_with('/');
        match (closing, name) {
            (false, "h2" | "h3" | "h4") => match attribute(tag, "id") {
                Some(id) => self.start_heading(&id),
                None => self.space(),
            },
            (true, "h2" | "h3" | "h4") if self.in_heading.is_some() => self.end_heading(),
            _ if is_block(name) => self.space(),
            _ => {}
        }
    }
}

/// The parts of a whole HTML text.
#[cfg(test)]
pub(crate) fn parts(html: &str) -> Vec<Part> {
    let mut reader = Reader::default();
    reader.event(&Event::Html(html.into()));
    reader.finish()
}

/// Markdown blocks that are read as a break between words (where they start and end).
fn is_markdown_block(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
    )
}

/// Makes each run of ASCII white space in `text` one space, with none at the start, and drops
/// any white space at the end. A part of a page is squashed once it is read whole, not piece by
/// piece as its text arrives: this reads every word of the toolkit. Most text is words and
/// single spaces (Markdown's line breaks are events of their own, and `Reader::space` adds no
/// second space): it is left as it is, told so by two passes that the compiler makes many bytes
/// at a time.
fn squash_in_place(text: &mut String) {
    let bytes = text.as_bytes();
    let control = bytes.iter().fold(false, |found, &b| found | (b < b' '));
    let doubled = (bytes.iter().zip(&bytes[1.min(bytes.len())..]))
        .fold(false, |found, (&a, &b)| found | ((a == b' ') & (b == b' ')));
    let leading = bytes.first().is_some_and(u8::is_ascii_whitespace);
    if !(control || doubled || leading) {
        text.truncate(text.trim_end().len());
        return;
    }
    let mut out = String::with_capacity(text.len());
    // From one white space byte to the next: the bytes between are copied whole.
    let mut piece = 0;
    let mut spaced = true;
    for (at, _) in bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| b.is_ascii_whitespace())
    {
        if at > piece {
            out.push_str(&text[piece..at]);
            spaced = false;
        }
        if !spaced {
            out.push(' ');
            spaced = true;
        }
        piece = at + 1;
    }
    out.push_str(&text[piece..]);
    out.truncate(out.trim_end().len());
    *text = out;
}

/// Where a comment that started with `tag` (the text up to the first `>`) ends in `rest`.
fn html_comment_end(tag: &str, rest: &str) -> usize {
    if tag.ends_with("--") {
        0
    } else {
        rest.find("-->").map_or(rest.len(), |i| i + 3)
    }
}

/// Elements whose content is not reading text, and the closing tag to skip to.
fn skipped_element(name: &str, tag: &str) -> Option<&'static str> {
    if tag.starts_with('/') {
        return None;
    }
    match name {
        "script" => Some("</script>"),
        "style" => Some("</style>"),
        "a" if tag.contains("class=\"anchor\"") => Some("</a>"),
        "span"
            if tag.contains("class=\"visually-hidden\"")
                || tag.contains("aria-hidden=\"true\"") =>
        {
            Some("</span>")
        }
        _ => None,
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "br"
            | "li"
            | "ul"
            | "ol"
            | "div"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "dt"
            | "dd"
            | "hr"
            | "section"
    )
}

/// The value of `name="..."` in a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(decode_entities(&tag[start..end]))
}

/// The entities pulldown-cmark writes, and numeric ones.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Runs of white space as one space, trimmed.
pub(crate) fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_start_parts_with_their_anchor() {
        let html = "<p>Intro &amp; more.</p>\n<h2 id=\"goals\">Our goals <a class=\"anchor\" href=\"#goals\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to this section</span></a></h2>\n<ul><li>One</li><li>Two</li></ul><!-- tr:sc:0 --><h3 id=\"next\">Next</h3><p>Last<br>line</p>";
        let p = parts(html);
        assert_eq!(p.len(), 3);
        assert_eq!(
            (p[0].anchor.as_deref(), p[0].text.as_str()),
            (None, "Intro & more.")
        );
        assert_eq!(p[1].anchor.as_deref(), Some("goals"));
        assert_eq!(p[1].heading.as_deref(), Some("Our goals"));
        assert_eq!(p[1].text, "One Two");
        assert_eq!(p[2].heading.as_deref(), Some("Next"));
        assert_eq!(p[2].text, "Last line");
    }

    proptest::proptest! {
        /// A text reads as its words with one space between them, whatever white space it
        /// holds: ASCII white space only, so a no-break space stays where the author put it.
        #[test]
        fn a_text_reads_as_its_words_with_single_spaces(
            text in "([a-zé.\u{a0}]{1,4}| |  |\t|\n|\r\n|\x0c|\x01)*"
        ) {
            let mut squashed = text.clone();
            squash_in_place(&mut squashed);
            let words: Vec<&str> = text
                .split(|c: char| c.is_ascii_whitespace())
                .filter(|w| !w.is_empty())
                .collect();
            let expected = words.join(" ");
            proptest::prop_assert_eq!(squashed.as_str(), expected.trim_end());
        }
    }

    #[test]
    fn hidden_helper_text_and_scripts_are_left_out() {
        let html = "<ul><li><span class=\"task\" aria-hidden=\"true\">☐</span><span class=\"visually-hidden\">To do: </span>Book a room</li></ul><script>var x = 1;</script>";
        assert_eq!(parts(html)[0].text, "Book a room");
    }
}
