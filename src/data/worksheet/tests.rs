//! The worksheet parser, tested with TOML written as an author would.

use std::path::PathBuf;

use super::*;
use crate::data::scoring::{Band, Method};

fn source(text: &str) -> Source {
    Source {
        path: PathBuf::from("content/worksheets/w.toml"),
        text: text.into(),
    }
}

/// The parse, then the names it noted checked against a site.toml with the phases start and
/// end and the audiences students and faculty (as a build does).
fn parse_checked(text: &str) -> Result<(Worksheet, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut refs = Refs::default();
    let parsed = parse(&source(text), "w", &mut refs);
    refs.checked(parsed, &["start", "end"])
}

fn parse_ok(text: &str) -> Worksheet {
    parse_checked(text).unwrap_or_else(|e| panic!("{e:#?}")).0
}

/// Each error as "line:col message | hint".
fn errors(text: &str) -> Vec<String> {
    match parse_checked(text) {
        Ok(_) => panic!("expected errors"),
        Err(e) => e
            .iter()
            .map(|d| {
                let pos = d.position().unwrap_or_default();
                let pos = pos
                    .strip_prefix("content/worksheets/w.toml:")
                    .unwrap_or(&pos)
                    .to_string();
                format!(
                    "{pos} {} | {}",
                    d.message,
                    d.hint.clone().unwrap_or_default()
                )
            })
            .collect(),
    }
}

const EVERY_KIND: &str = r#"title = "Partnership agreement"
phase = "start"
audience = ["students", "faculty"]
intro = "Fill this in *together*."
duration = "45 minutes"
group_size = "2-6"
materials = ["Printed copies", "Pens"]

[[section]]
title = "Us"
audience = ["students"]

[[section.prompt]]
label = "What do we want to achieve?"
lines = 5

[[section.prompt]]
label = "Project name"
kind = "text"

[[section.prompt]]
label = "How often do we meet?"
kind = "choice"
options = ["Weekly", "Every two weeks"]

[[section.prompt]]
label = "Channels"
id = "channels"
kind = "checkbox"
options = ["Email", "Chat"]

[[section.prompt]]
label = "I feel heard"
kind = "scale"
scale = { min = 1, max = 5, low = "Not at all", high = "Completely" }
allow_na = true

[[section.prompt]]
label = "Review date"
kind = "date"

[[section.prompt]]
label = "Student partner"
kind = "signature"

[[section.prompt]]
label = "Tasks"
kind = "table"
columns = ["Task", "Who", "By when"]

[[section.prompt]]
label = "Notes"
"#;

#[test]
fn every_prompt_kind_with_its_defaults() {
    let w = parse_ok(EVERY_KIND);
    assert_eq!(w.title, "Partnership agreement");
    assert_eq!(w.phase.as_deref(), Some("start"));
    assert_eq!(w.audience, ["students", "faculty"]);
    assert_eq!(w.duration.as_deref(), Some("45 minutes"));
    assert_eq!(w.materials.len(), 2);
    assert_eq!(w.sections[0].audience, ["students"]);
    let kinds: Vec<(&str, &Kind)> = w.prompts().map(|p| (p.id.as_str(), &p.kind)).collect();
    assert_eq!(
        kinds[0],
        ("what-do-we-want-to-achieve", &Kind::Lines { lines: 5 })
    );
    assert_eq!(kinds[1], ("project-name", &Kind::Text));
    assert_eq!(
        kinds[2],
        (
            "how-often-do-we-meet",
            &Kind::Choice {
                options: vec!["Weekly".into(), "Every two weeks".into()]
            }
        )
    );
    assert_eq!(
        kinds[3],
        (
            "channels",
            &Kind::Checkbox {
                options: vec!["Email".into(), "Chat".into()]
            }
        )
    );
    let Kind::Scale(s) = kinds[4].1 else {
        panic!("scale")
    };
    assert_eq!(
        (
            s.scale.min,
            s.scale.max,
            s.scale.low.as_deref(),
            s.allow_na,
            s.reverse
        ),
        (1, 5, Some("Not at all"), true, false)
    );
    assert_eq!(kinds[5], ("review-date", &Kind::Date));
    assert_eq!(kinds[6], ("student-partner", &Kind::Signature));
    assert_eq!(
        kinds[7],
        (
            "tasks",
            &Kind::Table {
                columns: vec!["Task".into(), "Who".into(), "By when".into()],
                rows: 3
            }
        )
    );
    assert_eq!(
        kinds[8],
        ("notes", &Kind::Lines { lines: 3 }),
        "lines is the default kind, 3 the default count"
    );
    assert!(w.scoring.is_none());
}

#[test]
fn scales_are_inherited_from_the_worksheet_then_the_section() {
    let w = parse_ok(
        r#"title = "Health"
scale = { min = 1, max = 5 }
[[section]]
[[section.prompt]]
label = "a"
kind = "scale"
[[section]]
scale = { min = 0, max = 3 }
[[section.prompt]]
label = "b"
kind = "scale"
[[section.prompt]]
label = "c"
kind = "scale"
scale = { min = 1, max = 7, high = "Always" }
"#,
    );
    let ranges: Vec<(i64, i64)> = w
        .prompts()
        .map(|p| match &p.kind {
            Kind::Scale(s) => (s.scale.min, s.scale.max),
            _ => panic!(),
        })
        .collect();
    assert_eq!(ranges, [(1, 5), (0, 3), (1, 7)]);
    assert!(w.sections[0].title.is_none());
}

const SCORED: &str = r#"title = "Partnership health"
scale = { min = 1, max = 5 }

[scoring]
method = "average-by-factor"
[[scoring.band]]
min = 3.0
label = "Borderline"
[[scoring.band]]
min = 1
label = "Concern"
[[scoring.band]]
min = 4.0
label = "Strength"

[[section]]
[[section.prompt]]
label = "We listen"
kind = "scale"
factor = "Communication"
category = "Process"
[[section.prompt]]
label = "Meetings drift"
kind = "scale"
factor = "Communication"
category = "Process"
reverse = true
allow_na = true
"#;

#[test]
fn scoring_collects_items_and_sorts_bands() {
    let w = parse_ok(SCORED);
    let s = w.scoring.unwrap();
    assert_eq!(s.method, Method::AverageByFactor);
    assert_eq!(
        s.bands,
        [
            Band {
                min: 40,
                label: "Strength".into()
            },
            Band {
                min: 30,
                label: "Borderline".into()
            },
            Band {
                min: 10,
                label: "Concern".into()
            }
        ]
    );
    let items: Vec<(&str, bool, Option<&str>)> = s
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.reverse, i.category.as_deref()))
        .collect();
    assert_eq!(
        items,
        [
            ("we-listen", false, Some("Process")),
            ("meetings-drift", true, Some("Process"))
        ]
    );
}

#[test]
fn file_level_mistakes() {
    let e = errors("titel = \"x\"\n");
    assert!(
        e[0].starts_with("1:1 unknown key `titel` in the worksheet | did you mean `title`?"),
        "{e:?}"
    );
    let e = errors("title = \"x\"\n[[sections]]\n");
    assert!(e[0].contains("did you mean `section`?"), "{e:?}");
    let e = errors("title = \"x\"\nmaterials = \"pens\"\n");
    assert!(
        e[0].starts_with("2:13 wrong type in the worksheet: expected a list in square brackets"),
        "{e:?}"
    );
    let e = errors("title = \"\"\nphase = \"strat\"\naudience = [\"everyone\"]\n[[section]]\n[[section.prompt]]\nlabel = \"a\"\n");
    assert!(
        e[0].starts_with("1:9 the worksheet's title is empty"),
        "{e:?}"
    );
    assert!(
        e[1].starts_with("2:9 unknown phase `strat` | did you mean `start`?"),
        "{e:?}"
    );
    assert!(
        e[2].starts_with("3:13 unknown audience `everyone`"),
        "{e:?}"
    );
    let e = errors("title = \"Nothing to fill\"\n");
    assert!(
        e[0].starts_with("1:9 this worksheet has no prompts"),
        "{e:?}"
    );
    let e = parse(&source("title = \"x\"\n"), "My Sheet", &mut Refs::default()).unwrap_err();
    assert!(e[0].hint.as_deref().unwrap().contains("my-sheet.toml"));
}

#[test]
fn prompt_mistakes_point_at_the_key() {
    let e = errors(
        r#"title = "x"
[[section]]
[[section.prompt]]
label = "a"
kind = "Scale"
"#,
    );
    assert!(
        e[0].starts_with(
            "5:8 `Scale` is not an allowed value in the worksheet | did you mean `scale`?"
        ),
        "{e:?}"
    );
    let e = errors(
        r#"title = "x"
[[section]]
[[section.prompt]]
label = "Tasks"
columns = ["A"]
[[section.prompt]]
label = "b"
kind = "text"
lines = 2
[[section.prompt]]
label = ""
[[section.prompt]]
label = "c"
lines = 0
[[section.prompt]]
label = "d"
kind = "choice"
[[section.prompt]]
label = "e"
kind = "choice"
options = ["Yes", "Yes", ""]
[[section.prompt]]
label = "f"
kind = "table"
columns = []
[[section.prompt]]
label = "g"
kind = "scale"
[[section.prompt]]
label = "h"
kind = "scale"
scale = { min = 5, max = 1 }
[[section.prompt]]
label = "i"
kind = "scale"
scale = { min = 0, max = 20 }
[[section.prompt]]
label = "j"
factor = "Trust"
"#,
    );
    let expect = [
        "5:11 `columns` only applies to table prompts, and this is a lines prompt | add kind = \"table\" to this prompt, or remove `columns`",
        "9:9 `lines` only applies to lines prompts, and this is a text prompt | remove `lines`",
        "11:9 this prompt's label is empty",
        "11:9 this prompt has no letters or digits",
        "14:9 `lines` must be between 1 and 40",
        "16:9 this prompt has no options to choose from",
        "21:19 the option `Yes` is listed twice",
        "21:26 this option is empty",
        "25:11 a table prompt needs its column headings",
        "27:9 this scale prompt has no scale",
        "32:9 this scale runs from 5 to 1",
        "36:9 this scale has 21 points",
        "39:10 `factor` only applies to scale prompts, and this is a lines prompt",
    ];
    assert_eq!(e.len(), expect.len(), "{e:#?}");
    for (got, want) in e.iter().zip(expect) {
        assert!(got.starts_with(want), "got {got:?}\nwant {want:?}");
    }
}

#[test]
fn duplicate_prompt_ids_name_both_places() {
    let e = errors("title = \"x\"\n[[section]]\n[[section.prompt]]\nlabel = \"Goals\"\n[[section]]\n[[section.prompt]]\nlabel = \"Our goals\"\nid = \"goals\"\n");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("8:6 two prompts have the id `goals`: this one and the one at content/worksheets/w.toml:4:9"), "{e:?}");
}

#[test]
fn scoring_mistakes() {
    let without_scales = "title = \"x\"\n[scoring]\nmethod = \"sum\"\n[[section]]\n[[section.prompt]]\nlabel = \"a\"\n";
    let e = errors(without_scales);
    assert!(
        e[0].starts_with("2:1 this worksheet is scored but has no scale prompts"),
        "{e:?}"
    );

    let e = errors(&SCORED.replace("method = \"average-by-factor\"", "method = \"mean\""));
    assert!(
        e[0].starts_with("5:10 `mean` is not an allowed value"),
        "{e:?}"
    );
    assert!(e[0].contains("average-by-factor, sum"), "{e:?}");

    let e = errors(&SCORED.replace(
        "factor = \"Communication\"\ncategory = \"Process\"\nreverse",
        "reverse",
    ));
    assert!(
        e[0].starts_with("23:9 this scale prompt has no `factor`"),
        "{e:?}"
    );

    let e = errors(&SCORED.replace(
        "reverse = true",
        "reverse = true\nscale = { min = 1, max = 7 }",
    ));
    assert!(e[0].starts_with("23:9 the factor `Communication` mixes scales: this prompt runs 1 to 7, the one at content/worksheets/w.toml:18:9 runs 1 to 5"), "{e:?}");

    let e = errors(&SCORED.replacen(
        "category = \"Process\"\nreverse",
        "category = \"People\"\nreverse",
        1,
    ));
    assert!(
        e[0].contains("has category `People` here but category `Process`"),
        "{e:?}"
    );
}

#[test]
fn band_mistakes() {
    let e = errors(&SCORED.replace("min = 4.0", "min = 6.0"));
    assert!(
        e[0].starts_with(
            "13:7 this band starts at 6.0, outside the scores this worksheet can give (1.0 to 5.0)"
        ),
        "{e:?}"
    );
    let e = errors(&SCORED.replace("min = 1\n", "min = 2\n"));
    assert!(e[0].starts_with("10:7 the lowest band starts at 2.0, so a score from 1.0 up to it would have no band | start the lowest band at min = 1.0"), "{e:?}");
    let e = errors(&SCORED.replace("min = 4.0", "min = 3.0"));
    assert!(
        e[0].starts_with(
            "13:7 two bands start at 3.0: this one and the one at content/worksheets/w.toml:7:7"
        ),
        "{e:?}"
    );
    let e = errors(&SCORED.replace("min = 4.0", "min = 3.75"));
    assert!(
        e[0].starts_with("13:7 a band's min may have at most one decimal"),
        "{e:?}"
    );
    let e = errors(&SCORED.replace("label = \"Strength\"", "label = \" \""));
    assert!(e[0].starts_with("14:9 this band's label is empty"), "{e:?}");
}

#[test]
fn sum_bands_live_in_the_range_of_totals_and_need_no_factor() {
    let text = r#"title = "Quick check"
scale = { min = 1, max = 5 }
[scoring]
method = "sum"
[[scoring.band]]
min = 2
label = "Low"
[[scoring.band]]
min = 8
label = "High"
[[section]]
[[section.prompt]]
label = "a"
kind = "scale"
[[section.prompt]]
label = "b"
kind = "scale"
"#;
    let w = parse_ok(text);
    assert_eq!(w.scoring.unwrap().bands[0].min, 80);
    let e = errors(&text.replace("min = 8", "min = 11"));
    assert!(
        e[0].contains("outside the scores this worksheet can give (2.0 to 10.0)"),
        "{e:?}"
    );
}

#[test]
fn a_choice_needs_two_options() {
    let e = errors("title = \"x\"\n[[section]]\n[[section.prompt]]\nlabel = \"a\"\nkind = \"choice\"\noptions = [\"Only\"]\n");
    assert!(
        e[0].starts_with("6:11 a choice needs at least 2 options"),
        "{e:?}"
    );
}

#[test]
fn a_question_asked_again_in_a_later_section_gets_that_sections_name() {
    let w = parse_ok(
        "title = \"Reflection\"\n[[section]]\ntitle = \"For students\"\n[[section.prompt]]\nlabel = \"What went well?\"\n[[section]]\ntitle = \"For faculty\"\n[[section.prompt]]\nlabel = \"What went well?\"\n[[section]]\n[[section.prompt]]\nlabel = \"What went well?\"\n",
    );
    let ids: Vec<&str> = w.prompts().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "what-went-well",
            "for-faculty-what-went-well",
            "section-3-what-went-well"
        ]
    );
    // Within one section it is most likely a slip: a warning, and a numbered id.
    let text = "title = \"x\"\n[[section]]\n[[section.prompt]]\nlabel = \"Why?\"\n[[section.prompt]]\nlabel = \"Why?\"\n";
    let (w, warnings) = parse(&source(text), "w", &mut Refs::default()).unwrap();
    let ids: Vec<&str> = w.prompts().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["why", "why-2"]);
    assert_eq!(
        warnings[0].position().unwrap(),
        "content/worksheets/w.toml:6:9"
    );
    assert!(warnings[0].message.contains("asked twice in one section (first at content/worksheets/w.toml:4:9), so its answers are kept as `why-2`"));
    // Ids the author wrote must not repeat anywhere in the worksheet.
    let e = errors("title = \"x\"\n[[section]]\n[[section.prompt]]\nlabel = \"a\"\nid = \"q\"\n[[section]]\n[[section.prompt]]\nlabel = \"b\"\nid = \"q\"\n");
    assert!(e[0].starts_with("9:6 two prompts have the id `q`"), "{e:?}");
}
