//! `content/<phase>/checklist.toml`: a phase's checklist, parsed and checked (FORMAT.md
//! "checklist.toml" and "Checklists").

use serde::Deserialize;
use toml::Spanned;

use super::fields::{self, Markdown, Refs};
use crate::content::Source;
use crate::diagnostic::Diagnostic;
use crate::names::slugify;
use crate::tomlinput::TomlSource;

/// A phase's checklist.
#[derive(Debug, Clone)]
pub(crate) struct Checklist {
    pub(crate) phase: String,
    pub(crate) source: Source,
    /// The title written in the file; the default ("<phase title> checklist") is the renderer's.
    pub(crate) title: Option<String>,
    pub(crate) intro: Option<Markdown>,
    /// Empty for a checklist of plain ticks.
    pub(crate) states: Vec<State>,
    pub(crate) items: Vec<Item>,
}

/// One of the states a checklist offers instead of a tick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct State {
    pub(crate) label: String,
    /// What is saved in the browser: the slug of the label.
    pub(crate) value: String,
    pub(crate) done: bool,
    pub(crate) skip: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub(crate) id: String,
    pub(crate) text: Markdown,
    pub(crate) detail: Option<Markdown>,
    pub(crate) audience: Vec<String>,
    /// The related page as written (a source path or a URL), checked at build.
    pub(crate) page: Option<Spanned<String>>,
    pub(crate) group: Option<String>,
}

impl Checklist {
    /// Items split into runs that share a group, in file order: a heading each time `group` changes.
    pub(crate) fn groups(&self) -> Vec<(Option<&str>, Vec<&Item>)> {
        let mut runs: Vec<(Option<&str>, Vec<&Item>)> = Vec::new();
        for item in &self.items {
            match runs.last_mut() {
                Some((g, items)) if *g == item.group.as_deref() => items.push(item),
                _ => runs.push((item.group.as_deref(), vec![item])),
            }
        }
        runs
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecklist {
    title: Option<Spanned<String>>,
    intro: Option<Spanned<String>>,
    states: Option<Spanned<Vec<Spanned<RawState>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawState {
    label: Spanned<String>,
    #[serde(default)]
    done: bool,
    #[serde(default)]
    skip: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    text: Spanned<String>,
    id: Option<Spanned<String>>,
    detail: Option<Spanned<String>>,
    #[serde(default)]
    audience: Vec<Spanned<String>>,
    page: Option<Spanned<String>>,
    group: Option<String>,
}

/// Parses the checklist of `phase` from its file. Pure: every problem comes back as a diagnostic.
pub(crate) fn parse(
    source: &Source,
    phase: &str,
    refs: &mut Refs,
) -> Result<Checklist, Vec<Diagnostic>> {
    let input = TomlSource::whole(&source.path, &source.text);
    let (raw, raw_items, mut errors) =
        input.parse_entries::<RawChecklist, RawItem>("the checklist", "item")?;
    let items_failed = !errors.is_empty();
    if let Some(t) = raw.title.as_ref().filter(|t| t.get_ref().trim().is_empty()) {
        errors.push(
            input
                .error_at(t.span(), "the checklist's title is empty")
                .hint("write a title between the quotes, or remove the line to use the default"),
        );
    }
    let states = match raw.states {
        Some(s) => states(s, &input, &mut errors),
        None => Vec::new(),
    };
    if raw_items.is_empty() && !items_failed {
        errors.push(
            input
                .error_at(0..0, "this checklist has no items")
                .hint("add items as [[item]] tables, each with text = \"...\""),
        );
    }
    let mut ids = Vec::new();
    let mut items = Vec::new();
    for item in raw_items {
        if let Some((item, id_span)) = parse_item(item, refs, &input, &mut errors) {
            ids.push((item.id.clone(), id_span));
            items.push(item);
        }
    }
    errors.extend(fields::duplicates(&ids, "checklist item", &input));
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Checklist {
        phase: phase.to_string(),
        source: source.clone(),
        title: raw.title.map(Spanned::into_inner),
        intro: raw.intro.map(Markdown::new),
        states,
        items,
    })
}

fn parse_item(
    raw: RawItem,
    refs: &mut Refs,
    input: &TomlSource,
    errors: &mut Vec<Diagnostic>,
) -> Option<(Item, std::ops::Range<usize>)> {
    if raw.text.get_ref().trim().is_empty() {
        errors.push(
            input
                .error_at(raw.text.span(), "this checklist item's text is empty")
                .hint("write what to do between the quotes"),
        );
        return None;
    }
    let (id, id_span) = match fields::id_for(raw.id, &raw.text, "item", input) {
        Ok(x) => x,
        Err(d) => {
            errors.push(d);
            return None;
        }
    };
    let audience = fields::audiences(raw.audience, input, refs);
    let item = Item {
        id,
        text: Markdown::new(raw.text),
        detail: raw.detail.map(Markdown::new),
        audience,
        page: raw.page,
        group: raw.group.filter(|g| !g.trim().is_empty()),
    };
    Some((item, id_span))
}

fn states(
    raw: Spanned<Vec<Spanned<RawState>>>,
    input: &TomlSource,
    errors: &mut Vec<Diagnostic>,
) -> Vec<State> {
    let list_span = raw.span();
    let mut out = Vec::new();
    let mut values = Vec::new();
    for s in raw.into_inner() {
        let span = s.span();
        let s = s.into_inner();
        let value = slugify(s.label.get_ref());
        if value.is_empty() {
            errors.push(
                input
                    .error_at(
                        s.label.span(),
                        "this state needs a label with letters or digits",
                    )
                    .hint("e.g. { label = \"In progress\" }"),
            );
            continue;
        }
        if s.done && s.skip {
            errors.push(input.error_at(span, format!("the state `{}` is both done and skip", s.label.get_ref()))
                .hint("a state either counts as done or is left out of the count: keep one of done = true, skip = true"));
        }
        values.push((value.clone(), s.label.span()));
        out.push(State {
            label: s.label.into_inner(),
            value,
            done: s.done,
            skip: s.skip,
        });
    }
    errors.extend(fields::duplicates(&values, "state", input));
    if out.len() < 2 {
        errors.push(
            input
                .error_at(
                    list_span.clone(),
                    "a checklist with states needs at least two of them",
                )
                .hint("e.g. states = [{ label = \"Not yet\" }, { label = \"Done\", done = true }]"),
        );
    } else if !out.iter().any(|s| s.done) {
        errors.push(
            input
                .error_at(list_span, "none of these states counts as done, so the progress line would never move")
                .hint("add done = true to the state that means finished, e.g. { label = \"Done\", done = true }"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
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
        let config = crate::config::Config::parse(
            "title = \"T\"\n[toolkit]\nphases = [\"start\"]\n[audiences]\nstudents = \"Students\"\nfaculty = \"Faculty\"\n",
            std::path::Path::new("site.toml"),
        )
        .unwrap();
        let names: Vec<Diagnostic> = refs.items.iter().filter_map(|r| r.check(&config)).collect();
        match parsed {
            Ok(c) if names.is_empty() => Ok(c),
            Ok(_) => Err(names),
            Err(mut e) => {
                e.extend(names);
                Err(e)
            }
        }
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
            e[1].starts_with(
                "content/start/checklist.toml:5:8 this checklist item's text is empty"
            ),
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
            e[0].starts_with(
                "content/start/checklist.toml:1:10 none of these states counts as done"
            ),
            "{e:?}"
        );
        let e = errors("states = [{ label = \"A\", done = true, skip = true }, { label = \"a\" }]\n[[item]]\ntext = \"x\"\n");
        assert!(e[0].contains("both done and skip"), "{e:?}");
        assert!(e[1].contains("two states have the id `a`"), "{e:?}");
        let e = errors("states = [{ label = \"Done\", done = true }]\n[[item]]\ntext = \"x\"\n");
        assert!(e[0].contains("at least two"), "{e:?}");
    }
}
