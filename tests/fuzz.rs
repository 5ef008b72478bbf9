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
        let cx = markdown::Context { links: &ix, source: Path::new("content/a/page.md"), url: "a/page/", body_kind: &body_kind, labels: markdown::Labels::ENGLISH };
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

/// Whole builds of a toolkit given hostile pages, data and templates, each in a thread of its own
/// that must end within `BOUND`: a hang anywhere in the pipeline (the print pages' HTML rewriter
/// once spun forever on `<div class="note>`) fails the property instead of stalling the suite.
mod whole_build {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    use trellis::build::{self, BuildOptions, Failure};

    /// Far above what a debug build of the small fixture takes (milliseconds).
    const BOUND: Duration = Duration::from_secs(60);

    /// What raw HTML, Markdown and shortcodes are made of, broken at every joint.
    const HOSTILE: &[&str] = &[
        "<div",
        " class=\"",
        "note",
        ">",
        "</div>",
        "<p",
        " title='",
        "'",
        "\"",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<a href=\"",
        "<img src=",
        "/>",
        "<",
        "&",
        "&amp;",
        "\n",
        "\n\n",
        "## A heading\n",
        "- item\n",
        "> quote\n",
        "```\n",
        "{{ phases() }}\n",
        "{{ checklist() }}\n",
        "{{ worksheet(id=\"agreement\") }}\n",
        "{{ quote(by=\"A partner\") }}\n",
        "{{ end }}\n",
        "{{ nope() }}\n",
        "{{",
        "}}",
        "[goals](goals.md)",
        "[gone](missing.md)",
        "[a](#)",
        "![pic](p.png)",
        "é",
        "🙂",
        "\r",
        "\t",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "[^1]",
        "[^1]: note\n",
        "*",
        "_",
        "`",
    ];

    fn hostile_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => proptest::sample::select(HOSTILE).prop_map(str::to_string),
            1 => any::<char>().prop_map(String::from),
        ];
        proptest::collection::vec(piece, 0..120).prop_map(|parts| parts.concat())
    }

    /// The default theme's templates a hostile one may replace, with their text.
    const TEMPLATES: &[(&str, &str)] = &[
        (
            "page.html",
            include_str!("../themes/default/templates/page.html"),
        ),
        (
            "base.html",
            include_str!("../themes/default/templates/base.html"),
        ),
        (
            "section.html",
            include_str!("../themes/default/templates/section.html"),
        ),
        (
            "print.html",
            include_str!("../themes/default/templates/print.html"),
        ),
        (
            "shortcodes/quote.html",
            include_str!("../themes/default/templates/shortcodes/quote.html"),
        ),
    ];

    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interactive");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        dir
    }

    /// Runs `trellis check` on `root` in-process; fails if it panics or outlasts `BOUND`.
    fn check_within_bound(root: &Path) -> Result<trellis::build::Report, Failure> {
        let (tx, rx) = mpsc::channel();
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            let _ = tx.send(build::check(&root, &BuildOptions::default()));
        });
        match rx.recv_timeout(BOUND) {
            Ok(result) => result,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                panic!("the build did not end within {BOUND:?}")
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the build panicked"),
        }
    }

    /// `text` with `insert` placed at the start of the line nearest to `at` (a fraction).
    fn insert_at_line(text: &str, at: f64, insert: &str) -> String {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let i = starts[((starts.len() - 1) as f64 * at) as usize];
        format!("{}{insert}{}", &text[..i], &text[i..])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(48)
        ))]

        #[test]
        fn any_page_data_and_template_finishes(
            body in hostile_text(),
            front in author_text(),
            data in author_text(),
            html in hostile_text(),
            template in proptest::sample::select(TEMPLATES),
            at in 0.0..1.0f64,
            cut in proptest::option::of(0.0..1.0f64),
        ) {
            let dir = fixture();
            let root = dir.path();
            std::fs::write(root.join("content/start/hostile.md"), format!("+++\ntitle = \"Hostile\"\n+++\n{body}")).unwrap();
            std::fs::write(root.join("content/start/fuzzed.md"), format!("+++\n{front}\n+++\n{body}")).unwrap();
            let checklist = std::fs::read_to_string(root.join("content/finish/checklist.toml")).unwrap();
            std::fs::write(root.join("content/finish/checklist.toml"), insert_at_line(&checklist, at, &data)).unwrap();
            let (name, text) = template;
            let mut text = insert_at_line(text, at, &html);
            if let Some(cut) = cut {
                let mut end = (text.len() as f64 * cut) as usize;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.truncate(end);
            }
            let path = root.join("templates").join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
            if let Err(Failure::Toolkit(diags)) = check_within_bound(root) {
                for d in &diags.items {
                    if let Some(loc) = &d.location {
                        if let Some(source) = &loc.source {
                            assert_span(source, &loc.span);
                        }
                    }
                }
            }
        }

        /// Pages of random shortcodes and text with one broken link somewhere: the one error is
        /// reported at exactly the link's line and column, whatever came before it.
        #[test]
        fn a_mistake_after_shortcodes_is_reported_at_its_true_place(
            blocks in proptest::collection::vec(proptest::sample::select(BLOCKS), 0..14),
            at in 0.0..1.0f64,
            // At most three spaces first: four would make the line an indented code block,
            // where a link is text, not a link (proptest found `before = "    "`).
            before in "( {0,3}[a-zé🙂][a-zé🙂 ]{0,8})?",
            after in "[a-z. ]{0,8}",
        ) {
            let dir = fixture();
            let root = dir.path();
            let front = "+++\ntitle = \"Positions\"\n+++\n";
            let i = (blocks.len() as f64 * at) as usize;
            let mut text = format!("{front}{}", blocks[..i].concat());
            let line = text.matches('\n').count() + 1;
            let col = before.chars().count() + 1;
            text.push_str(&format!("{before}[the plan](nowhere-at-all.md){after}\n\n"));
            text.push_str(&blocks[i..].concat());
            std::fs::write(root.join("content/start/positions.md"), &text).unwrap();
            let Err(Failure::Toolkit(diags)) = check_within_bound(root) else {
                panic!("the broken link was not reported");
            };
            let errors: Vec<_> = diags.items.iter().filter(|d| d.is_error()).collect();
            prop_assert_eq!(errors.len(), 1, "{:?}", errors);
            let position = errors[0].position().unwrap_or_default();
            prop_assert_eq!(position, format!("content/start/positions.md:{line}:{col}"), "{}", text);
        }
    }

    /// Blocks of a page: shortcodes of every kind (with and without bodies) between text.
    const BLOCKS: &[&str] = &[
        "{{ phases() }}\n\n",
        "{{ checklist() }}\n\n",
        "{{ checklist(phase=\"finish\") }}\n\n",
        "{{ worksheet(id=\"agreement\") }}\n\n",
        "{{ quote(by=\"A partner who says a great deal\") }}\nWorking together takes time.\n{{ end }}\n\n",
        "{{ quote() }}\nShort.\n{{ end }}\n\n",
        "Some text with é and 🙂 in it.\n\n",
        "## A heading\n\n",
        "- a list item\n- another\n\n",
        "> a quoted line\n\n",
        "```\n{{ phases() }} in code\n```\n\n",
        "A line [to goals](goals.md).\n\n",
    ];
}
