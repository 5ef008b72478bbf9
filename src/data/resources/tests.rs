//! Tests of data/resources.

use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::config::Config;
use crate::markdown::Target;

fn config() -> Config {
    Config::parse(
        "title = \"T\"\n[toolkit]\nphases = [\"start\", \"finish\"]\n[audiences]\nstudents = \"Students\"\nstaff = \"Staff\"\n",
        Path::new("site.toml"),
    )
    .unwrap()
}

fn source(text: &str) -> Source {
    Source {
        path: PathBuf::from(SOURCE),
        text: Arc::from(text),
    }
}

fn parse(text: &str) -> (Option<Resources>, Vec<String>) {
    let mut refs = crate::data::Refs::default();
    let (r, mut d) = Resources::parse(&source(text), &mut refs);
    d.extend(refs.items.iter().filter_map(|r| r.check(&config())));
    (r, d.iter().map(ToString::to_string).collect())
}

#[test]
fn reads_every_field_and_keeps_file_order() {
    let (r, d) = parse(
        "title = \"Further reading\"\nintro = \"Some *help*.\"\n\n[[resource]]\ntitle = \"Tip sheet\"\nurl = \"https://example.org/tips\"\nkind = \"Tip sheet\"\nformat = \"PDF\"\nphase = \"start\"\naudience = [\"staff\"]\npublisher = \"A Network\"\nyear = 2021\nlanguage = \"fr\"\nlicense = \"CC BY 4.0\"\n\n[[resource]]\ntitle = \"Tip sheet\"\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let r = r.unwrap();
    assert_eq!(r.title.as_deref(), Some("Further reading"));
    assert_eq!(r.items.len(), 2);
    let first = &r.items[0];
    assert_eq!(
        (first.id.as_str(), first.year, first.phase.as_deref()),
        ("tip-sheet", Some(2021), Some("start"))
    );
    assert_eq!(first.audience, ["staff"]);
    assert_eq!(r.items[1].id, "tip-sheet-1");
}

#[test]
fn unknown_keys_wrong_types_and_unknown_ids_name_their_place() {
    let (_, d) = parse("[[resource]]\ntitle = \"A\"\npublsher = \"X\"\n");
    assert!(
        d[0].starts_with("content/resources.toml:3:1: error: unknown key `publsher`"),
        "{d:?}"
    );
    assert!(d[0].contains("did you mean `publisher`?"));
    let (_, d) = parse("[[resource]]\ntitle = \"A\"\nyear = \"2019\"\n");
    assert!(
        d[0].contains(":3:8: error: wrong type") && d[0].contains("expected a whole number"),
        "{d:?}"
    );
    let (_, d) = parse("[[resource]]\ntitle = \"A\"\nphase = \"strat\"\naudience = [\"stuff\"]\n");
    assert!(
        d[0].starts_with("content/resources.toml:3:9: error: unknown phase `strat`")
            && d[0].contains("did you mean `start`?"),
        "{d:?}"
    );
    assert!(
        d[1].starts_with("content/resources.toml:4:13: error: unknown audience `stuff`"),
        "{d:?}"
    );
}

#[test]
fn groups_by_kind_in_first_appearance_with_unkinded_last() {
    let (r, _) = parse("[[resource]]\ntitle = \"a\"\n[[resource]]\ntitle = \"b\"\nkind = \"Report\"\n[[resource]]\ntitle = \"c\"\nkind = \"Tool\"\n[[resource]]\ntitle = \"d\"\nkind = \"report\"\n");
    let groups: Vec<(Option<&str>, Vec<&str>)> = r
        .as_ref()
        .unwrap()
        .by_kind()
        .into_iter()
        .map(|(k, list)| (k, list.iter().map(|r| r.title.as_str()).collect()))
        .collect();
    assert_eq!(
        groups,
        [
            (Some("Report"), vec!["b", "d"]),
            (Some("Tool"), vec!["c"]),
            (None, vec!["a"])
        ]
    );
}

#[test]
fn judges_url_shapes() {
    assert_eq!(url_shape("#"), UrlShape::Placeholder);
    assert_eq!(url_shape("  "), UrlShape::Placeholder);
    assert_eq!(url_shape("https://example.org/a?b=c#d"), UrlShape::External);
    assert_eq!(url_shape("http://localhost:8080/"), UrlShape::External);
    assert_eq!(url_shape("mailto:team@example.org"), UrlShape::External);
    assert_eq!(url_shape("getting-started/roles.md"), UrlShape::Local);
    assert_eq!(url_shape("@static/files/guide.pdf"), UrlShape::Local);
    for bad in [
        "https:/example.org",
        "https://",
        "http://exa mple.org",
        "www.example.org",
        "mailto:nobody",
        "ftp://files.example.org",
        "https://-bad-.org",
        "javascript:alert(1)",
    ] {
        assert!(
            matches!(url_shape(bad), UrlShape::Malformed { .. }),
            "{bad}"
        );
    }
}

#[test]
fn links_resolve_to_pages_and_static_files_or_are_reported() {
    let mut links = LinkIndex::default();
    links.insert(
        "content/a/roles.md".into(),
        Target {
            url: "a/roles/".into(),
            has_anchors: true,
        },
    );
    links.insert(
        "static/files/guide.pdf".into(),
        Target {
            url: "files/guide.pdf".into(),
            has_anchors: false,
        },
    );
    let text = "[[resource]]\ntitle = \"Roles\"\nurl = \"a/roles.md#who\"\n[[resource]]\ntitle = \"Guide\"\nurl = \"@static/files/guide.pdf\"\n[[resource]]\ntitle = \"Soon\"\nurl = \"#\"\n[[resource]]\ntitle = \"Gone\"\nurl = \"a/rolse.md\"\n[[resource]]\ntitle = \"Typo\"\nurl = \"https//example.org\"\n";
    let (r, d) = Resources::parse(&source(text), &mut crate::data::Refs::default());
    assert!(d.is_empty());
    let mut r = r.unwrap();
    let (d, checks) = r.resolve_links(&links);
    let links: Vec<&Link> = r.items.iter().map(|i| &i.link).collect();
    assert_eq!(links[0], &Link::Internal("a/roles/index.html#who".into()));
    assert_eq!(links[1], &Link::Internal("files/guide.pdf".into()));
    assert_eq!(links[2], &Link::None);
    assert_eq!(
        (checks[0].url.as_str(), checks[0].anchor.as_str()),
        ("a/roles/", "who")
    );
    let shown: Vec<String> = d.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert!(
        shown[0].starts_with(
            "content/resources.toml:9:7: warning: this resource's url is a placeholder"
        ),
        "{shown:?}"
    );
    assert!(shown[1].starts_with("content/resources.toml:12:7: error: the link `a/rolse.md` points to a file that does not exist"), "{shown:?}");
    assert!(shown[1].contains("did you mean content/a/roles.md?"));
    assert!(
        shown[2].starts_with("content/resources.toml:15:7: error:"),
        "{shown:?}"
    );
}

#[test]
fn a_phase_filter_keeps_only_that_phase() {
    let (r, _) =
        parse("[[resource]]\ntitle = \"a\"\nphase = \"start\"\n[[resource]]\ntitle = \"b\"\n");
    let r = r.unwrap();
    assert_eq!(r.for_phase(Some("start")).count(), 1);
    assert_eq!(r.for_phase(None).count(), 2);
}
