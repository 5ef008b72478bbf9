//! The index as the script reads it: what is in it, where each entry lands, and which stems
//! lead to which entries.

use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;

use super::*;

/// The index and text files of `entries`, handed to the builder in order from one thread.
fn files(language: &str, phases: &[(String, String)], entries: &[Entry]) -> Vec<(String, String)> {
    let keep = |_: &str, script: String| script;
    let builder = Builder::new(language, phases, &keep);
    for (n, e) in entries.iter().enumerate() {
        builder.add(n, e.clone());
    }
    builder.finish()
}

fn entry(kind: Kind, title: &str, url: &str, parts: Vec<Part>) -> Entry {
    Entry {
        kind,
        title: title.into(),
        url: url.into(),
        phase: Some("start".into()),
        context: None,
        summary: None,
        parts: Arc::new(parts),
    }
}

fn body(text: &str) -> Vec<Part> {
    vec![Part {
        text: text.into(),
        ..Part::default()
    }]
}

/// The index's JSON, and the text files' JSON, from the scripts.
fn index_and_texts(language: &str, entries: &[Entry]) -> (Value, Vec<Value>) {
    let phases = [("start".to_string(), "Getting started".to_string())];
    let files = files(language, &phases, entries);
    assert_eq!(files[0].0, INDEX_FILE);
    let json = files[0]
        .1
        .strip_prefix("window.TrellisSearchIndex = ")
        .and_then(|s| s.strip_suffix(";\n"))
        .expect("a script that sets one global");
    let texts = files[1..]
        .iter()
        .enumerate()
        .map(|(n, (path, js))| {
            assert_eq!(*path, text_file(n));
            let start = js.find("] = ").expect("an assignment") + 4;
            serde_json::from_str(&js[start..js.len() - 2]).expect("JSON")
        })
        .collect();
    (serde_json::from_str(json).expect("JSON"), texts)
}

fn index(language: &str, entries: &[Entry]) -> Value {
    index_and_texts(language, entries).0
}

/// The entries (numbers) and weights a stem leads to.
fn postings(ix: &Value, stem: &str) -> Vec<(u64, u64)> {
    let terms = ix["terms"].as_array().unwrap();
    let Some(at) = terms.iter().position(|t| t == stem) else {
        return Vec::new();
    };
    let flat: Vec<u64> = ix["post"][at]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let mut doc = 0;
    flat.chunks(2)
        .map(|c| {
            doc += c[0];
            (doc, c[1])
        })
        .collect()
}

fn docs_for(ix: &Value, stem: &str) -> Vec<u64> {
    postings(ix, stem).into_iter().map(|(d, _)| d).collect()
}

#[test]
fn every_kind_of_entry_keeps_its_address_phase_and_parts() {
    let page_html = "<p>Why it matters.</p><h2 id=\"who-decides\">Who decides</h2><p>Budgets.</p>";
    let page = collect::page(collect::PageInput {
        title: "Sharing power",
        url: "start/sharing-power/",
        phase: Some("start"),
        section: Some("Getting started"),
        summary: Some("Decide together."),
        text: std::sync::Arc::new(crate::markdown::text::parts(page_html)),
    });
    let (ix, texts) = index_and_texts("en", &[page]);
    let doc = &ix["docs"][0];
    assert_eq!(doc[0], 0, "a page");
    assert_eq!(doc[1], "Sharing power");
    assert_eq!(doc[2], "start/sharing-power/index.html");
    assert_eq!(doc[3], 0, "the first phase");
    assert_eq!(doc[4], "Getting started");
    let text = &texts[0][0];
    assert_eq!(text[0], "Decide together.");
    assert_eq!(
        text[1][1],
        serde_json::json!(["who-decides", "Who decides", "Budgets."])
    );
    assert_eq!(ix["phases"], serde_json::json!(["Getting started"]));
    for stem in ["shar", "power", "decid", "budget", "matter"] {
        assert_eq!(docs_for(&ix, stem), [0], "{stem}");
    }
}

#[test]
fn titles_weigh_more_than_headings_more_than_text() {
    let entries = [
        entry(
            Kind::Page,
            "Feedback",
            "a/index.html",
            body("Nothing else."),
        ),
        entry(
            Kind::Page,
            "Other",
            "b/index.html",
            vec![Part {
                anchor: Some("x".into()),
                heading: Some("Feedback".into()),
                ..Part::default()
            }],
        ),
        entry(
            Kind::Page,
            "Third",
            "c/index.html",
            body("Some feedback here."),
        ),
    ];
    let ix = index("en", &entries);
    let w: Vec<u64> = postings(&ix, "feedback")
        .into_iter()
        .map(|(_, w)| w)
        .collect();
    assert_eq!(w.len(), 3);
    assert!(w[0] > w[1] && w[1] > w[2], "{w:?}");
}

#[test]
fn accents_and_case_are_folded() {
    let ix = index(
        "fr",
        &[entry(
            Kind::Page,
            "Le Rôle de l’Équipe",
            "r/index.html",
            body(""),
        )],
    );
    assert_eq!(docs_for(&ix, "rol"), [0]);
    assert_eq!(docs_for(&ix, "equip"), [0]);
    assert!(docs_for(&ix, "le").is_empty(), "a stop word");
}

#[test]
fn english_stems_lead_partnering_to_partnership() {
    let ix = index(
        "en",
        &[entry(
            Kind::Page,
            "Partnership",
            "p/index.html",
            body("Our partners."),
        )],
    );
    let query = "partnering";
    let stems: Vec<&str> = ix["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    // The script's rule: a stem the query word starts with is the word's own stem; every stem
    // starting with that one matches.
    let own = stems
        .iter()
        .filter(|s| query.starts_with(**s))
        .max_by_key(|s| s.len());
    assert_eq!(own, Some(&"partner"));
    assert!(stems.contains(&"partnership"));
    assert_eq!(docs_for(&ix, "partner"), [0]);
}

#[test]
fn french_stems_lead_partenaires_to_partenariat() {
    let ix = index(
        "fr",
        &[
            entry(Kind::Page, "Le partenariat", "p/index.html", body("")),
            entry(
                Kind::Page,
                "Nos partenaires",
                "q/index.html",
                body("Un partenaire."),
            ),
        ],
    );
    assert_eq!(docs_for(&ix, "partenair"), [1]);
    assert_eq!(docs_for(&ix, "partenariat"), [0]);
    // The script also matches, counting less, the stems that share the first 60 % of the
    // word: "partena" leads to both.
    let query = "partenaires";
    let near = &query[..(query.len() * 6).div_ceil(10)];
    let widened: Vec<&str> = ix["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .filter(|t| t.starts_with(near))
        .collect();
    assert_eq!(widened, ["partenair", "partenariat"]);
}

#[test]
fn the_same_entries_give_the_same_bytes_in_any_order() {
    let words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"];
    let entries: Vec<Entry> = (0..300)
        .map(|i| {
            let text = format!("{} {} {i}", words[i % 6], words[(i * 7) % 6]);
            entry(
                Kind::Page,
                &format!("Page {i}"),
                "x/index.html",
                body(&text),
            )
        })
        .collect();
    let phases = [("start".to_string(), "Start".to_string())];
    let once = files("en", &phases, &entries);
    assert_eq!(
        once.len(),
        6,
        "the index and five text files for 300 entries"
    );
    assert_eq!(once, files("en", &phases, &entries));
    // As a build adds them: from several threads, the last ones first.
    let keep = |_: &str, script: String| script;
    let builder = Builder::new("en", &phases, &keep);
    entries
        .par_iter()
        .enumerate()
        .rev()
        .for_each(|(n, e)| builder.add(n, e.clone()));
    assert_eq!(builder.finish(), once);
}

proptest::proptest! {
    /// An entry's text file line is the JSON of its summary and parts, whatever they hold:
    /// quotes, backslashes, control characters, letters beyond ASCII.
    #[test]
    fn an_entrys_text_is_its_json(
        summary in proptest::option::of("([a-z \"\\\\é]|\u{1}|\u{1f}|\t|\u{7f}){0,12}"),
        parts in proptest::collection::vec(
            (
                proptest::option::of("[a-z-]{1,6}"),
                proptest::option::of("([A-Za-z \"é]){0,8}"),
                "([a-z \"\\\\é’]|\u{1}|\n){0,40}",
            ),
            0..4,
        ),
    ) {
        let mut e = entry(Kind::Page, "T", "t/index.html", Vec::new());
        e.summary = summary.clone();
        e.parts = Arc::new(
            parts
                .iter()
                .map(|(anchor, heading, text)| Part {
                    anchor: anchor.clone(),
                    heading: heading.clone(),
                    text: text.clone(),
                    strong: false,
                })
                .collect(),
        );
        let expected = serde_json::json!([
            summary.as_deref().unwrap_or(""),
            parts
                .iter()
                .map(|(a, h, t)| [
                    a.as_deref().unwrap_or(""),
                    h.as_deref().unwrap_or(""),
                    t.as_str(),
                ])
                .collect::<Vec<_>>(),
        ]);
        proptest::prop_assert_eq!(text_json(&e), expected.to_string());
    }
}
