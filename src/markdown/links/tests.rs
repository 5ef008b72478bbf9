//! Tests of markdown/links.

use super::*;

proptest::proptest! {
    /// However a code-running scheme is disguised the way browsers still read it (any case,
    /// tabs and line breaks inside it, spaces or control characters before it), it is found;
    /// an ordinary address never is.
    #[test]
    fn a_disguised_dangerous_scheme_is_always_found(
        scheme in proptest::sample::select(vec!["javascript:", "vbscript:", "data:"]),
        upper in proptest::collection::vec(proptest::bool::ANY, 11),
        breaks in proptest::collection::vec(proptest::sample::select(vec!["", "", "\t", "\n", "\r"]), 11),
        lead in "[ \u{1}\u{1f}]{0,3}",
        rest in "[a-z0-9()/,.<>=]{0,20}",
    ) {
        let mut url = lead.clone();
        for (i, c) in scheme.chars().enumerate() {
            url.push(if upper[i] { c.to_ascii_uppercase() } else { c });
            url.push_str(breaks[i]);
        }
        url.push_str(&rest);
        proptest::prop_assert_eq!(dangerous_scheme(&url), Some(scheme));
        let safe = format!("https://example.org/{rest}");
        proptest::prop_assert_eq!(dangerous_scheme(&safe), None);
    }
}

fn index() -> LinkIndex {
    let mut ix = LinkIndex::default();
    ix.insert(
        "content/a/roles.md".into(),
        Target {
            url: "a/roles/".into(),
            has_anchors: true,
        },
    );
    ix.insert(
        "content/a/_index.md".into(),
        Target {
            url: "a/".into(),
            has_anchors: true,
        },
    );
    ix.insert(
        "content/b/folder/index.md".into(),
        Target {
            url: "b/folder/".into(),
            has_anchors: true,
        },
    );
    ix.insert(
        "content/b/folder/pic.png".into(),
        Target {
            url: "b/folder/pic.png".into(),
            has_anchors: false,
        },
    );
    ix.insert(
        "static/guide.pdf".into(),
        Target {
            url: "guide.pdf".into(),
            has_anchors: false,
        },
    );
    ix.insert_draft("content/a/draft.md".into());
    ix
}

#[test]
fn relative_urls_are_short_and_name_index_html() {
    assert_eq!(relative_url("a/b/", "a/c/index.html"), "../c/index.html");
    assert_eq!(relative_url("", "a/index.html"), "a/index.html");
    assert_eq!(relative_url("a/b/", "index.html"), "../../index.html");
    assert_eq!(relative_url("a/b/", "a/b/pic.png"), "pic.png");
    assert_eq!(relative_url("about/", "style.css"), "../style.css");
    for (from, to) in [
        ("a/b/", "a/c/index.html"),
        ("", "a/index.html"),
        ("a/b/", "index.html"),
    ] {
        assert_eq!(site_file(from, &relative_url(from, to)), to);
    }
    assert_eq!(site_file("a/b/", "#top"), "a/b/index.html");
}

#[test]
fn resolves_relative_root_and_static_links() {
    let ix = index();
    let from = Path::new("content/b/other.md");
    let r = ix.resolve("../a/roles.md#goals", from, "b/other/");
    assert_eq!(
        r,
        Resolved::Internal {
            href: "../../a/roles/index.html#goals".into(),
            check: Some(("a/roles/".into(), "goals".into()))
        }
    );
    let r = ix.resolve("@/a/_index.md", from, "b/other/");
    assert_eq!(
        r,
        Resolved::Internal {
            href: "../../a/index.html".into(),
            check: None
        }
    );
    let r = ix.resolve("@static/guide.pdf", from, "b/other/");
    assert_eq!(
        r,
        Resolved::Internal {
            href: "../../guide.pdf".into(),
            check: None
        }
    );
    let r = ix.resolve(
        "pic.png",
        Path::new("content/b/folder/index.md"),
        "b/folder/",
    );
    assert_eq!(
        r,
        Resolved::Internal {
            href: "pic.png".into(),
            check: None
        }
    );
}

#[test]
fn classifies_other_links() {
    let ix = index();
    let from = Path::new("content/a/roles.md");
    assert_eq!(
        ix.resolve("https://example.org/x", from, "a/roles/"),
        Resolved::External
    );
    assert_eq!(
        ix.resolve("mailto:a@b.org", from, "a/roles/"),
        Resolved::External
    );
    assert_eq!(ix.resolve("#", from, "a/roles/"), Resolved::Placeholder);
    assert_eq!(ix.resolve("draft.md", from, "a/roles/"), Resolved::Draft);
    assert!(
        matches!(ix.resolve("rolse.md", from, "a/roles/"), Resolved::Broken { hint: Some(h), .. } if h.contains("content/a/roles.md"))
    );
    assert!(matches!(
        ix.resolve("/a/roles/", from, "a/roles/"),
        Resolved::Broken { .. }
    ));
    assert!(matches!(
        ix.resolve("../../../etc/passwd", from, "a/roles/"),
        Resolved::Broken { .. }
    ));
}
