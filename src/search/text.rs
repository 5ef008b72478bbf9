//! The readable text of a page's rendered Markdown, cut into parts at its headings, so a match
//! under a heading can land on that heading's anchor.

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

/// The parts of rendered Markdown: text outside tags, entities decoded, shortcode markers and
/// the theme's hidden helper text (heading links, task-list labels) left out. Headings of
/// levels 2 to 4 with an id start a new part.
pub(crate) fn parts(html: &str) -> Vec<Part> {
    let mut parts = vec![Part::default()];
    let mut rest = html;
    // Inside a heading that starts a part: the text goes to its title.
    let mut in_heading: Option<String> = None;
    while let Some(lt) = rest.find('<') {
        push_text(&mut parts, &mut in_heading, &rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        let bare = tag.trim_start_matches('/');
        let name_len = bare
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(bare.len());
        let name = &bare[..name_len];
        rest = &rest[gt + 1..];
        if tag.starts_with("!--") {
            // A comment (shortcode markers): skip to its end.
            let end = html_comment_end(tag, rest);
            rest = &rest[end..];
            continue;
        }
        if let Some(skip) = skipped_element(name, tag) {
            rest = rest.find(skip).map_or("", |i| &rest[i + skip.len()..]);
            continue;
        }
        let closing = tag.starts_with('/');
        match (closing, name, in_heading.take()) {
            (false, "h2" | "h3" | "h4", _) => match attribute(tag, "id") {
                Some(id) => {
                    parts.push(Part {
                        anchor: Some(id),
                        ..Part::default()
                    });
                    in_heading = Some(String::new());
                }
                None => space(&mut parts),
            },
            (true, "h2" | "h3" | "h4", Some(title)) => {
                if let Some(last) = parts.last_mut() {
                    last.heading = Some(title.trim_end().to_string());
                }
            }
            (_, _, h) => {
                in_heading = h;
                if is_block(name) {
                    match &mut in_heading {
                        Some(t) => push_squashed(t, " "),
                        None => space(&mut parts),
                    }
                }
            }
        }
    }
    push_text(&mut parts, &mut in_heading, rest);
    for p in &mut parts {
        p.text.truncate(p.text.trim_end().len());
    }
    parts.retain(|p| p.anchor.is_some() || !p.text.is_empty());
    parts
}

fn push_text(parts: &mut [Part], in_heading: &mut Option<String>, raw: &str) {
    if raw.is_empty() {
        return;
    }
    let out = match (in_heading, parts.last_mut()) {
        (Some(t), _) => t,
        (None, Some(last)) => &mut last.text,
        // `parts` always holds the part before the first heading.
        (None, None) => return,
    };
    if raw.contains('&') {
        push_squashed(out, &decode_entities(raw));
    } else {
        push_squashed(out, raw);
    }
}

/// Appends `text` with each run of white space as one space (none at the start).
fn push_squashed(out: &mut String, text: &str) {
    let space_before = text.starts_with(|c: char| c.is_ascii_whitespace());
    for (i, word) in text.split_ascii_whitespace().enumerate() {
        if (i > 0 || space_before) && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(word);
    }
    if text.ends_with(|c: char| c.is_ascii_whitespace()) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

fn space(parts: &mut [Part]) {
    if let Some(last) = parts.last_mut() {
        push_squashed(&mut last.text, " ");
    }
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

    #[test]
    fn hidden_helper_text_and_scripts_are_left_out() {
        let html = "<ul><li><span class=\"task\" aria-hidden=\"true\">☐</span><span class=\"visually-hidden\">To do: </span>Book a room</li></ul><script>var x = 1;</script>";
        assert_eq!(parts(html)[0].text, "Book a room");
    }
}
