//! Property tests over everything that reads an author's text: whatever is typed, Trellis must not
//! panic, and every position it reports must lie inside the text and on a character boundary.
//!
//! They run in `cargo test` with proptest's default case count; `PROPTEST_CASES=N cargo test
//! --test fuzz` runs them longer. The same entry points have a cargo-fuzz target under fuzz/.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;

use trellis::config::Config;
use trellis::content::frontmatter::{self, PageFront, SectionFront};
use trellis::diagnostic::Diagnostic;
use trellis::markdown::shortcodes::{self, BodyKind};
use trellis::markdown::{self, LinkIndex, Target};
use trellis::tomlinput::TomlSource;

/// Pieces that make the parsers take their interesting branches, mixed with arbitrary characters.
const PIECES: &[&str] = &[
    "+++",
    "+++\n",
    "\n",
    "\r\n",
    "\u{feff}",
    "title = \"A\"\n",
    "title",
    "=",
    "\"",
    "'",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "{{",
    "}}",
    "{{ ",
    " }}",
    "(",
    ")",
    ",",
    "end",
    "quote",
    "box",
    "by=\"x\"",
    "n=3",
    "=-1.5",
    "true",
    "\\",
    "\\\"",
    "```",
    "~~~",
    "    ",
    "- ",
    "> ",
    "# ",
    "## ",
    "### ",
    "#### ",
    "[x](",
    "](",
    "![",
    "#",
    "@/",
    "@static/",
    "../",
    "./",
    ".md",
    "a/page.md",
    "b/roles.md#who",
    "http://example.com",
    "mailto:",
    "%2",
    "%41",
    "é",
    "🙂",
    "\u{0}",
    "\t",
    " ",
    "weight = 3",
    "audience = [\"students\"]",
    "[toolkit]",
    "phases = [\"a\"]",
    "click here",
    "{#id}",
    "|a|b|\n|-|-|\n",
    "[^1]",
    "<!--",
    "-->",
];

fn author_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|parts| parts.concat())
}

/// A position reported for `text` must be inside it and on a character boundary.
fn assert_span(text: &str, span: &Range<usize>) {
    assert!(span.start <= span.end, "reversed span {span:?}");
    assert!(
        span.end <= text.len(),
        "span {span:?} beyond {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "span {span:?} splits a character"
    );
}

fn assert_located(d: &Diagnostic, text: &str) {
    if let Some(loc) = &d.location {
        assert_span(text, &loc.span);
        assert!(
            loc.line >= 1 && loc.col >= 1,
            "position {}:{}",
            loc.line,
            loc.col
        );
        assert!(
            loc.line <= text.lines().count().max(1) + 1,
            "line {} past the end",
            loc.line
        );
    }
    assert!(!d.render(false).is_empty());
}

fn body_kind(name: &str) -> BodyKind {
    match name {
        "quote" => BodyKind::Required,
        "checklist" => BodyKind::Never,
        _ => BodyKind::Optional,
    }
}

fn links() -> LinkIndex {
    let mut ix = LinkIndex::default();
    for (path, url, anchors) in [
        ("content/a/page.md", "a/page/", true),
        ("content/b/roles.md", "b/roles/", true),
        ("static/guide.pdf", "guide.pdf", false),
    ] {
        ix.insert(
            path.into(),
            Target {
                url: url.into(),
                has_anchors: anchors,
            },
        );
    }
    ix.insert_draft("content/a/draft.md".into());
    ix
}

/// Parses `text` as a page file the way the loader does: split, then the TOML between the fences.
fn parse_page(text: &str) {
    let path = Path::new("content/a/page.md");
    let file: Arc<str> = Arc::from(text);
    match frontmatter::split(text) {
        Ok(split) => {
            assert!(split.front.start <= split.front.end && split.front.end <= split.body_offset);
            assert!(split.body_offset <= text.len());
            assert!(
                text.is_char_boundary(split.front.start) && text.is_char_boundary(split.front.end)
            );
            assert!(text.is_char_boundary(split.body_offset));
            let input = TomlSource {
                path,
                file: &file,
                offset: split.front.start,
                len: split.front.len(),
            };
            if let Err(d) = input.parse::<PageFront>("front matter") {
                assert_located(&d, text);
            }
            if let Err(d) = input.parse::<SectionFront>("the section's front matter") {
                assert_located(&d, text);
            }
        }
        Err(e) => assert_located(&e.diagnostic(&TomlSource::whole(path, &file)), text),
    }
}

proptest! {
    #[test]
    fn front_matter_splitting_and_parsing_never_panic(text in author_text()) {
        parse_page(&text);
        parse_page(&format!("+++\n{text}\n+++\nbody"));
    }

    #[test]
    fn site_toml_never_panics(text in author_text()) {
        if let Err(all) = Config::parse(&text, Path::new("site.toml")) {
            for d in &all.items {
                assert_located(d, &text);
            }
        }
    }

    #[test]
    fn shortcode_calls_never_panic(text in author_text()) {
        if let Err((col, message)) = shortcodes::parse_call(&text) {
            prop_assert!(col <= text.len() && text.is_char_boundary(col), "column {col} in {text:?}");
            prop_assert!(!message.is_empty());
        }
    }

    #[test]
    fn shortcode_lines_never_panic(text in author_text(), output in author_text()) {
        let prepared = shortcodes::prepare(&text, &body_kind);
        for p in prepared.problems.iter() {
            assert_span(&text, &p.span);
        }
        for c in &prepared.calls {
            assert_span(&text, &c.span);
        }
        let html = shortcodes::expand(&prepared.text, &prepared.calls, |_, _, body| format!("{output}{}", body.unwrap_or("")));
        prop_assert!(html.len() <= prepared.text.len() + (output.len() + text.len()) * (prepared.calls.len() + 1));
    }

    #[test]
    fn markdown_and_links_never_panic(text in author_text()) {
        let ix = links();
        let cx = markdown::Context { links: &ix, source: Path::new("content/a/page.md"), url: "a/page/", body_kind: &body_kind };
        let r = markdown::render(&text, &cx);
        for p in &r.problems {
            assert_span(&text, &p.span);
        }
        for c in &r.anchor_checks {
            assert_span(&text, &c.span);
        }
        let _ = ix.resolve(&text, Path::new("content/b/roles.md"), "b/roles/");
    }
}

/// Inputs the long runs found, kept so they stay fixed.
#[test]
fn regressions_found_by_fuzzing() {
    // A TOML error whose span began on the `\r` of a CRLF line end crashed the source excerpt.
    for text in [
        "'@static/\\\"audience = [\"students\"]titletitle0@static/by=\"x\"quotetitle\u{feff}\u{feff}b/roles.md#who\u{feff}titletitleweight = 3title\u{feff}+++\u{feff}quotetitle\r\n",
        "'=-1.5audience = [\"students\"]title\u{feff}[titletitletitletitle\u{feff}## titletitle@static/titletitletitletitle\u{feff}title\0title\u{feff}title\u{feff}title\r\n+++",
    ] {
        parse_page(text);
        parse_page(&format!("+++\n{text}\n+++\nbody"));
        if let Err(all) = Config::parse(text, Path::new("site.toml")) {
            all.items.iter().for_each(|d| assert_located(d, text));
        }
    }
}
