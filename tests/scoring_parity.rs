//! The browser scores a self-assessment with `Trellis.score` in themes/default/static/trellis.js;
//! the build knows the same rules as `trellis::data::scoring`. This test runs both on the same
//! answers (node runs the script) and expects the same numbers, bands and counts.

mod common;

use common::scoring::{answers, answers_json, item, node};
use serde_json::{json, Value};
use trellis::data::scoring::{Band, Method, ScoreReport, Scoring};

fn configs() -> Vec<Scoring> {
    let bands = |b: &[(i64, &str)]| {
        b.iter()
            .map(|(min, l)| Band {
                min: *min,
                label: l.to_string(),
            })
            .collect()
    };
    vec![
        Scoring {
            method: Method::AverageByFactor,
            bands: bands(&[(40, "Strength"), (30, "Borderline"), (10, "Concern")]),
            items: vec![
                item("a", "Communication", Some("Relationship"), 5, false),
                item("b", "Communication", Some("Relationship"), 5, true),
                item("c", "Communication", Some("Relationship"), 5, false),
                item("d", "Trust", Some("Relationship"), 5, false),
                item("e", "Trust", Some("Relationship"), 5, true),
                item("f", "Time", None, 7, false),
                item("g", "Time", None, 7, false),
            ],
        },
        Scoring {
            method: Method::Sum,
            bands: bands(&[(130, "High"), (90, "Middle"), (40, "Low")]),
            items: (0..4)
                .map(|i| item(&format!("s{i}"), "All", None, 4, i == 3))
                .collect(),
        },
    ]
}

/// The Rust report in the shape `Trellis.score` returns.
fn report_json(r: &ScoreReport) -> Value {
    let score = |s: &trellis::data::scoring::Score| {
        json!({
            "name": s.name, "tenths": s.tenths, "band": s.band, "items": s.items, "answered": s.answered,
            "notApplicable": s.not_applicable, "unanswered": s.unanswered, "range": [s.range.0, s.range.1],
        })
    };
    json!({
        "factors": r.factors.iter().map(score).collect::<Vec<_>>(),
        "categories": r.categories.iter().map(score).collect::<Vec<_>>(),
        "total": r.total.as_ref().map(score),
        "unanswered": r.unanswered,
    })
}

#[test]
fn the_browser_and_the_build_score_a_self_assessment_the_same_way() {
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for config in configs() {
        for seed in 0..150 {
            let a = answers(&config, seed, 5);
            cases.push(json!({ "config": config, "answers": answers_json(&a) }));
            expected.push(report_json(&config.score(&a)));
        }
    }
    let Some(got) = node(
        "trellis.js",
        "return input.map(c => T.score(c.config, c.answers));",
        &Value::Array(cases.clone()),
    ) else {
        return;
    };
    let got = got.as_array().expect("a list");
    assert_eq!(got.len(), expected.len());
    for ((case, js), rust) in cases.iter().zip(got).zip(&expected) {
        assert_eq!(js, rust, "for {case}");
    }
    // The generator reaches the cases that matter: reversed items, N/A, blanks, every band.
    let all = expected.iter().map(Value::to_string).collect::<String>();
    for needle in [
        "\"notApplicable\":1",
        "\"tenths\":null",
        "Strength",
        "Borderline",
        "Concern",
        "High",
        "Middle",
        "Low",
    ] {
        assert!(all.contains(needle), "no case with {needle}");
    }
}

#[test]
fn a_french_reader_sees_a_decimal_comma_in_the_browser_as_from_the_build() {
    // The build writes "3,8" for French (render::i18n::typography's unit tests); the browser's
    // scripts get the mark from the page and must write the same.
    let tenths: Vec<i64> = vec![38, 40, 5, 10, 49, -12];
    let Some(got) = node(
        "trellis.js",
        "return [',', '.'].flatMap(d => input.map(t => T.formatTenths(t, d)));",
        &json!(tenths),
    ) else {
        return;
    };
    let expected = json!([
        "3,8", "4,0", "0,5", "1,0", "4,9", "-1,2", "3.8", "4.0", "0.5", "1.0", "4.9", "-1.2"
    ]);
    assert_eq!(got, expected);
}
