//! Accessibility and leftover-draft lint on one page's Markdown: pure functions the walker calls
//! as it meets headings and links. Each returns the warning to report, if any.

use std::ops::Range;

use super::Problem;

/// Link texts that say nothing about where the link goes. Screen readers list a page's links by
/// their text alone, so "here" repeated five times helps nobody.
const VAGUE_LINK_TEXTS: &[&str] = &[
    "click here",
    "click",
    "here",
    "read more",
    "learn more",
    "more info",
    "this link",
    "link",
    "this page",
    "go here",
    "cliquez ici",
    "ici",
    "lire la suite",
    "en savoir plus",
    "ce lien",
];

/// A warning when a link's whole text is one of the vague phrases.
pub(crate) fn vague_link_text(text: &str, span: Range<usize>) -> Option<Problem> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let plain = words
        .join(" ")
        .trim_matches(|c: char| c.is_ascii_punctuation() || c == '…')
        .to_lowercase();
    VAGUE_LINK_TEXTS.contains(&plain.as_str()).then(|| {
        Problem::warning(span, format!("the link text \"{}\" does not say where the link goes", text.trim()))
            .hint("screen readers list links by their text: name the destination, e.g. [the partnership agreement](agreement.md)")
    })
}

/// The host of an absolute http(s) or protocol-relative URL, lower-cased.
fn host(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = ["http://", "https://", "//"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    Some(host.trim_end_matches('.').to_string())
}

/// Whether a URL points at a domain reserved for examples (example.com, .org, .net, `.example`),
/// which is never a real destination: a placeholder left from a draft.
pub(crate) fn is_example_url(url: &str) -> bool {
    let Some(host) = host(url) else {
        return false;
    };
    ["example.com", "example.org", "example.net", "example"]
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

/// The warning for a link to an example domain.
pub(crate) fn example_link(url: &str, span: Range<usize>) -> Problem {
    Problem::warning(
        span,
        format!("`{url}` is an example address, probably left from a draft"),
    )
    .hint("put the real address between the parentheses, or remove the link")
}

/// The warning for a heading whose level does not follow from the one before. The page's title is
/// its only level-1 heading, so a body's headings start at `##`.
pub(crate) fn heading_level(previous: u8, level: u8, span: Range<usize>) -> Option<Problem> {
    let hashes = |n: u8| "#".repeat(n as usize);
    if level == 1 {
        return Some(
            Problem::warning(
                span,
                "a `#` heading in the text repeats the page's title level",
            )
            .hint(
                "the title is the page's only top-level heading: start the text's headings at ##",
            ),
        );
    }
    (level > previous + 1).then(|| {
        let what = if previous == 1 {
            "the page's title".to_string()
        } else {
            format!("a {} heading", hashes(previous))
        };
        Problem::warning(
            span,
            format!(
                "this {} heading skips a level: it follows {what}",
                hashes(level)
            ),
        )
        .hint(format!(
            "use {} here; screen reader users move through a page by its heading levels",
            hashes(previous + 1)
        ))
    })
}

/// An indented code block that reads like a sentence: a paragraph indented by a tab or four
/// spaces (often pasted from a word processor) is shown as code, in a monospaced box.
pub(crate) fn indented_prose(text: &str, span: Range<usize>) -> Option<Problem> {
    let words = text.split_whitespace().count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let code_marks = text
        .chars()
        .filter(|c| "{}[]();=<>$#`\\/|_*&%@".contains(*c))
        .count();
    let prose = words >= 5 && code_marks * 40 <= letters && letters * 2 >= text.trim().len();
    prose.then(|| {
        Problem::warning(span, "this paragraph is indented, so it is shown as code")
            .hint("remove the tab or spaces at the start of its lines; to show code on purpose, put it between ``` lines")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vague_link_texts_are_found_whatever_the_case_and_punctuation() {
        assert!(vague_link_text("Click here", 0..1).is_some());
        assert!(vague_link_text(" read   more… ", 0..1).is_some());
        assert!(vague_link_text("here.", 0..1).is_some());
        assert!(vague_link_text("the roles page", 0..1).is_none());
        assert!(vague_link_text("where to start", 0..1).is_none());
    }

    #[test]
    fn example_domains_are_placeholders() {
        assert!(is_example_url("http://example.com"));
        assert!(is_example_url("https://www.Example.org/path?q=1"));
        assert!(is_example_url("//sub.example.net:8080/"));
        assert!(is_example_url("https://user@toolkit.example/"));
        assert!(!is_example_url("https://example.edu/ctl"));
        assert!(!is_example_url("https://counterexample.com/"));
        assert!(!is_example_url("mailto:someone@example.com"));
        assert!(!is_example_url("example.com"));
    }

    #[test]
    fn heading_levels_go_down_one_at_a_time() {
        assert!(heading_level(1, 2, 0..1).is_none());
        assert!(heading_level(2, 3, 0..1).is_none());
        assert!(heading_level(4, 2, 0..1).is_none());
        let skip = heading_level(1, 3, 0..1).unwrap();
        assert_eq!(
            skip.message,
            "this ### heading skips a level: it follows the page's title"
        );
        assert!(skip.hint.unwrap().starts_with("use ## here"));
        assert!(heading_level(2, 4, 0..1)
            .unwrap()
            .message
            .contains("follows a ## heading"));
        assert!(heading_level(3, 1, 0..1)
            .unwrap()
            .message
            .contains("title level"));
    }
}
