//! Tests of data/checklist.

use super::*;
use std::path::PathBuf;

fn source(text: &str) -> Source {
    Source {
        path: PathBuf::from("content/start/checklist.toml"),
        text: text.into(),
    }
}

/// The parse's errors, then those of the names it noted, checked against a site.toml with
/// the phase `start` and the audiences students and faculty (as a build does).
fn parse_checked(text: &str) -> Result<Checklist, Vec<Diagnostic>> {
    let mut refs = Refs::default();
    let parsed = parse(&source(text), "start", &mut refs);
    refs.checked(parsed, &["start"])
}

fn parse_ok(text: &str) -> Checklist {
    parse_checked(text).unwrap_or_else(|e| panic!("{e:?}"))
}

fn errors(text: &str) -> Vec<String> {
    match parse_checked(text) {
        Ok(_) => panic!("expected errors"),
        Err(e) => e
            .iter()
            .map(|d| {
                format!(
                    "{} {} | {}",
                    d.position().unwrap_or_default(),
                    d.message,
                    d.hint.clone().unwrap_or_default()
                )
            })
            .collect(),
    }
}

#[test]
fn items_get_ids_groups_and_audiences() {
    let c = parse_ok(
        r#"title = "Before we begin"
intro = "Tick as you go."

[[item]]
text = "Agree on **goals**"
group = "First meeting"
audience = ["students"]
page = "goals.md"
detail = "Write them down."

[[item]]
text = "Book a room"
id = "room"
group = "First meeting"

[[item]]
text = "Say thank you!"
"#,
    );
    assert_eq!(c.title.as_deref(), Some("Before we begin"));
    let ids: Vec<&str> = c.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["agree-on-goals", "room", "say-thank-you"]);
    assert_eq!(c.items[0].audience, ["students"]);
    assert_eq!(c.items[0].page.as_ref().unwrap().get_ref(), "goals.md");
    let groups: Vec<(Option<&str>, usize)> =
        c.groups().iter().map(|(g, i)| (*g, i.len())).collect();
    assert_eq!(groups, [(Some("First meeting"), 2), (None, 1)]);
    assert!(c.states.is_empty());
}

#[test]
fn a_group_heading_appears_each_time_the_group_changes() {
    let c = parse_ok(
        "[[item]]\ntext = \"a\"\ngroup = \"G\"\n[[item]]\ntext = \"b\"\ngroup = \"H\"\n[[item]]\ntext = \"c\"\ngroup = \"G\"\n",
    );
    let groups: Vec<Option<&str>> = c.groups().iter().map(|(g, _)| *g).collect();
    assert_eq!(groups, [Some("G"), Some("H"), Some("G")]);
}

#[test]
fn states_take_the_slug_of_their_label() {
    let c = parse_ok(
        r#"states = [
  { label = "Not yet" },
  { label = "Done", done = true },
  { label = "Not applicable", skip = true },
]
[[item]]
text = "x"
"#,
    );
    let values: Vec<(&str, bool, bool)> = c
        .states
        .iter()
        .map(|s| (s.value.as_str(), s.done, s.skip))
        .collect();
    assert_eq!(
        values,
        [
            ("not-yet", false, false),
            ("done", true, false),
            ("not-applicable", false, true)
        ]
    );
}

#[test]
fn unknown_keys_suggest_the_right_one() {
    let e = errors("[[item]]\ntext = \"x\"\ndetials = \"y\"\n");
    assert!(
        e[0].starts_with("content/start/checklist.toml:3:1 unknown key `detials`"),
        "{e:?}"
    );
    assert!(e[0].contains("did you mean `detail`?"), "{e:?}");
    let e = errors("[[items]]\ntext = \"x\"\n");
    assert!(e[0].contains("did you mean `item`?"), "{e:?}");
}

#[test]
fn wrong_types_name_the_expected_type() {
    let e = errors("[[item]]\ntext = \"x\"\naudience = \"students\"\n");
    assert!(
        e[0].starts_with("content/start/checklist.toml:3:12 wrong type"),
        "{e:?}"
    );
    assert!(e[0].contains("expected a list in square brackets"), "{e:?}");
}

#[test]
fn duplicate_ids_name_both_places() {
    let e = errors(
        "[[item]]\ntext = \"Book a room\"\n\n[[item]]\ntext = \"x\"\nid = \"book-a-room\"\n",
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with(
            "content/start/checklist.toml:6:6 two checklist items have the id `book-a-room`"
        ),
        "{e:?}"
    );
    assert!(e[0].contains("content/start/checklist.toml:2:8"), "{e:?}");
}

#[test]
fn bad_ids_empty_text_and_unknown_audiences() {
    let e = errors(
        "[[item]]\ntext = \"a\"\nid = \"Room 1\"\n[[item]]\ntext = \" \"\n[[item]]\ntext = \"?!\"\n[[item]]\ntext = \"b\"\naudience = [\"studnets\"]\n",
    );
    assert!(
        e[0].starts_with("content/start/checklist.toml:3:6 the id `Room 1` may only use"),
        "{e:?}"
    );
    assert!(e[0].contains("id = \"room-1\""), "{e:?}");
    assert!(
        e[1].starts_with("content/start/checklist.toml:5:8 this checklist item's text is empty"),
        "{e:?}"
    );
    assert!(
        e[2].starts_with("content/start/checklist.toml:7:8 this item has no letters or digits"),
        "{e:?}"
    );
    assert!(
        e[3].starts_with("content/start/checklist.toml:10:13 unknown audience `studnets`"),
        "{e:?}"
    );
    assert!(e[3].contains("did you mean `students`?"), "{e:?}");
}

#[test]
fn a_checklist_may_belong_to_a_section_that_is_not_a_phase() {
    let c = parse(
        &source("[[item]]\ntext = \"a\"\n"),
        "stories",
        &mut Refs::default(),
    )
    .unwrap();
    assert_eq!(c.phase, "stories");
}

#[test]
fn empty_checklists_and_bad_states_are_errors() {
    let e = errors("title = \"\"\n");
    assert!(
        e[0].starts_with("content/start/checklist.toml:1:9 the checklist's title is empty"),
        "{e:?}"
    );
    assert!(e[1].contains("has no items"), "{e:?}");
    let e = errors("states = [{ label = \"A\" }, { label = \"B\" }]\n[[item]]\ntext = \"x\"\n");
    assert!(
        e[0].starts_with("content/start/checklist.toml:1:10 none of these states counts as done"),
        "{e:?}"
    );
    let e = errors("states = [{ label = \"A\", done = true, skip = true }, { label = \"a\" }]\n[[item]]\ntext = \"x\"\n");
    assert!(e[0].contains("both done and skip"), "{e:?}");
    assert!(e[1].contains("two states have the id `a`"), "{e:?}");
    let e = errors("states = [{ label = \"Done\", done = true }]\n[[item]]\ntext = \"x\"\n");
    assert!(e[0].contains("at least two"), "{e:?}");
}
