//! Tests of markdown.

use super::*;

fn kinds(name: &str) -> BodyKind {
    if name == "quote" {
        BodyKind::Required
    } else {
        BodyKind::Never
    }
}

fn render_at(text: &str, links: &LinkIndex) -> Rendered {
    let cx = Context {
        links,
        source: Path::new("content/a/page.md"),
        url: "a/page/",
        body_kind: &kinds,
        labels: Labels::ENGLISH,
    };
    render(text, &cx)
}

#[test]
fn headings_get_unique_ids_anchors_and_toc() {
    let r = render_at(
        "## Goals\n\n### Why\n\n## Goals\n\n## Custom {#mine}\n",
        &LinkIndex::default(),
    );
    assert_eq!(r.anchors, ["goals", "why", "goals-1", "mine"]);
    assert!(r
        .html
        .contains("<h2 id=\"goals\">Goals <a class=\"anchor\" href=\"#goals\">"));
    assert_eq!(r.toc.len(), 3);
    assert_eq!(r.toc[0].children[0].id, "why");
}

#[test]
fn links_are_rewritten_or_reported() {
    let mut ix = LinkIndex::default();
    ix.insert(
        "content/b/roles.md".into(),
        Target {
            url: "b/roles/".into(),
            has_anchors: true,
        },
    );
    ix.insert_draft("content/a/wip.md".into());
    let r = render_at(
        "[Roles](../b/roles.md#who) [gone](nope.md) [wip](wip.md) [ph](#)",
        &ix,
    );
    assert!(
        r.html.contains("href=\"../../b/roles/index.html#who\""),
        "{}",
        r.html
    );
    assert_eq!(r.anchor_checks[0].anchor, "who");
    assert!(r.html.contains("wip") && !r.html.contains("href=\"wip.md\""));
    let kinds: Vec<(bool, &str)> = r
        .problems
        .iter()
        .map(|p| (p.warning, p.message.as_str()))
        .collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    assert!(!kinds[0].0 && kinds[0].1.contains("nope.md"));
    let broken = &r.problems[0];
    assert_eq!(
        &"[Roles](../b/roles.md#who) [gone](nope.md) [wip](wip.md) [ph](#)"[broken.span.clone()],
        "[gone](nope.md)"
    );
}

#[test]
fn task_lists_and_tables_render() {
    let r = render_at(
        "- [ ] a\n- [x] b\n\n| A | B |\n|---|---|\n| 1 | 2 |\n",
        &LinkIndex::default(),
    );
    assert!(r.html.contains("To do: </span>a"));
    assert!(r.html.contains("<table>"));
    assert!(!r.html.contains("<input"));
}

#[test]
fn a_table_scrolls_in_its_own_box_named_by_its_columns() {
    let r = render_at(
        "| Who | `Does` what |\n|---|---|\n| a | b |\n",
        &LinkIndex::default(),
    );
    let open = r#"<div class="table-scroll" role="region" tabindex="0" aria-label="Who, Does what"><table>"#;
    assert!(r.html.contains(open), "{}", r.html);
    assert!(
        r.html.trim_end().ends_with("</table>\n</div>")
            || r.html.trim_end().ends_with("</table></div>"),
        "{}",
        r.html
    );
}

#[test]
fn image_without_alt_is_a_warning() {
    let r = render_at("![](pic.png)\n", &LinkIndex::default());
    assert!(r
        .problems
        .iter()
        .any(|p| p.warning && p.message.contains("alt text")));
}

#[test]
fn the_text_read_while_rendering_is_the_text_of_the_html() {
    // Search reads a page's words from the events its HTML is written from; they must be the
    // words the HTML shows, however the Markdown was written.
    let samples = [
        "Intro & more.\n\n## Our goals\n\n- One\n- Two\n\n### Next\n\nLast  \nline\n",
        "- [ ] Book a room\n- [x] Invite *everyone*\n",
        "| Who | Does |\n| --- | --- |\n| Students | Plan `it` |\n",
        "<div class=\"note\"\n  id=\"x\">\n<p>Raw <b>bold</b> text</p>\n<script>\nvar x = '<p>';\n</script>\n</div>\n\nAfter.\n",
        "A <span class=\"visually-hidden\">hidden</span> word and <span aria-hidden=\"true\">☐</span>.\n",
        "![A diagram of phases](pic.png) beside &eacute;quipe &amp; 5 &lt; 6\n",
        "Before\n\n<!-- a comment\nover lines -->\n\n<h2 id=\"raw\">Raw heading</h2>\n\nUnder it.\n",
        "> Quoted\n> text\n\n```\ncode <here>\n```\n\n# Title\n\n##### Small\n\nEnd\n",
    ];
    for md in samples {
        let r = render_at(md, &LinkIndex::default());
        assert_eq!(
            *r.text,
            text::parts(&r.html),
            "the words of {md:?}\nwhose HTML is {}",
            r.html
        );
        assert!(!r.text.is_empty(), "{md:?} has words");
    }
}

#[test]
fn hidden_text_left_open_ends_with_its_paragraph() {
    // An author who forgets to close a hidden span loses its words from search, not the rest
    // of the page.
    let md = "Shown <span aria-hidden=\"true\">hidden and never closed\n\nThe next paragraph.\n";
    let r = render_at(md, &LinkIndex::default());
    assert_eq!(r.text[0].text, "Shown The next paragraph.");
}

proptest::proptest! {
    /// The escaper copies runs in one piece; it escapes exactly what escaping each character
    /// in turn would.
    #[test]
    fn escaping_html_matches_escaping_each_character(text in "[a-zé<>&\"' /\u{1F600}]{0,40}") {
        let each: String = text
            .chars()
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&#39;".to_string(),
                c => c.to_string(),
            })
            .collect();
        proptest::prop_assert_eq!(super::escape_html(&text), each);
    }
}
