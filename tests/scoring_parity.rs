//! The browser scores a self-assessment with `Trellis.score` in themes/default/static/trellis.js;
//! the build knows the same rules as `trellis::data::scoring`. This test runs both on the same
//! answers (node runs the script) and expects the same numbers, bands and counts.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use trellis::data::scoring::{Answer, Band, Method, Report, ScoredItem, Scoring};

fn item(id: &str, factor: &str, category: Option<&str>, max: i64, reverse: bool) -> ScoredItem {
    ScoredItem {
        id: id.into(),
        factor: Some(factor.into()),
        category: category.map(Into::into),
        min: 1,
        max,
        reverse,
    }
}

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

/// Answers from a small deterministic generator: values in range, "not applicable", or none.
fn answers(config: &Scoring, seed: u64) -> BTreeMap<String, Answer> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as i64
    };
    let mut out = BTreeMap::new();
    for i in &config.items {
        match next() % 5 {
            0 => {}
            1 => {
                out.insert(i.id.clone(), Answer::NotApplicable);
            }
            _ => {
                out.insert(
                    i.id.clone(),
                    Answer::Value(i.min + next() % (i.max - i.min + 1)),
                );
            }
        }
    }
    out
}

fn answers_json(a: &BTreeMap<String, Answer>) -> Value {
    a.iter()
        .map(|(k, v)| {
            (
                k.clone(),
                match v {
                    Answer::Value(n) => json!(n),
                    Answer::NotApplicable => json!("na"),
                },
            )
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// The Rust report in the shape `Trellis.score` returns.
fn report_json(r: &Report) -> Value {
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
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("skipped: node is not installed, so trellis.js cannot be run here");
        return;
    }
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for config in configs() {
        for seed in 0..150 {
            let a = answers(&config, seed);
            cases.push(json!({ "config": config, "answers": answers_json(&a) }));
            expected.push(report_json(&config.score(&a)));
        }
    }
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/static/trellis.js"
    );
    let program = format!(
        "const T = require({script:?}); let input = ''; process.stdin.on('data', d => input += d); \
         process.stdin.on('end', () => console.log(JSON.stringify(JSON.parse(input).map(c => T.score(c.config, c.answers)))));"
    );
    let mut node = Command::new("node")
        .args(["-e", &program])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    node.stdin
        .take()
        .unwrap()
        .write_all(Value::Array(cases.clone()).to_string().as_bytes())
        .unwrap();
    let out = node.wait_with_output().unwrap();
    assert!(out.status.success(), "node failed");
    let got: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got.len(), expected.len());
    for ((case, js), rust) in cases.iter().zip(&got).zip(&expected) {
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
