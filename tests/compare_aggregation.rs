//! The compare page (themes/default/static/trellis-compare.js) reads partners' answer files and
//! aggregates them in the browser. These tests run its functions in node: reading files
//! (mismatched worksheets and versions, files that are not Trellis', duplicates), labelling
//! partners, each item's spread and "worth discussing", and the group's scores, which must equal
//! what the build's scoring (`trellis::data::scoring`) gives for the same answers.

mod common;

use std::collections::BTreeMap;

use common::scoring::{answers, answers_json, item};
use serde_json::{json, Value};
use trellis::data::scoring::{average_tenths, band_for, Answer, Band, Method, ScoredItem, Scoring};

/// Runs `body` in node with `T` (trellis-compare.js) and `input` in scope.
fn node(body: &str, input: &Value) -> Option<Value> {
    common::scoring::node("trellis-compare.js", body, input)
}

fn bands(b: &[(i64, &str)]) -> Vec<Band> {
    b.iter()
        .map(|(min, l)| Band {
            min: *min,
            label: l.to_string(),
        })
        .collect()
}

/// A worksheet as the compare page receives it (`compare_config`): one section of scale prompts
/// that all allow "Not applicable", plus a text prompt, and the scoring rules.
fn worksheet(id: &str, scoring: &Scoring) -> Value {
    let mut prompts: Vec<Value> = scoring
        .items
        .iter()
        .map(|i| {
            json!({
                "id": i.id, "kind": "scale", "label": format!("Statement {}", i.id), "min": i.min,
                "max": i.max, "reverse": i.reverse, "allow_na": true, "factor": i.factor,
                "category": i.category,
            })
        })
        .collect();
    prompts.push(json!({ "id": "notes", "kind": "lines", "label": "Notes" }));
    json!({ "id": id, "title": "W", "sections": [{ "title": null, "prompts": prompts }], "scoring": scoring })
}

fn health() -> Scoring {
    Scoring {
        method: Method::AverageByFactor,
        bands: bands(&[(40, "Strength"), (30, "Mixed"), (10, "Concern")]),
        items: vec![
            item("a", "A", Some("X"), 5, false),
            item("b", "A", Some("X"), 5, true),
            item("c", "B", Some("X"), 5, false),
        ],
    }
}

/// Three partners: reversed answers, one "not applicable", one blank.
fn three_partners() -> Value {
    json!([
        { "name": "Sam", "label": "Sam", "answers": { "a": 1, "b": 2, "c": "na", "notes": "Fine" } },
        { "name": "", "label": "Partner 1", "answers": { "a": 5, "b": 4, "c": 3 } },
        { "name": "Alex", "label": "Alex", "answers": { "a": 3, "c": 5 } },
    ])
}

#[test]
fn items_show_each_partners_answer_their_spread_and_whether_it_is_worth_discussing() {
    let input = json!({ "config": worksheet("health", &health()), "partners": three_partners() });
    let Some(got) = node(
        "const r = T.aggregate(input.config, input.partners); \
         return { items: r.items.map(i => [i.id, i.answers, i.low, i.high, i.difference, i.discuss]), \
                  discuss: r.discuss.map(i => i.id) };",
        &input,
    ) else {
        return;
    };
    assert_eq!(
        got["items"],
        json!([
            // Answers as given (a reversed item is not flipped in its own row), N/A and blanks
            // kept apart from the numbers.
            ["a", [1, 5, 3], 1, 5, 4, true],
            ["b", [2, 4, null], 2, 4, 2, true],
            ["c", ["na", 3, 5], 3, 5, 2, true],
        ])
    );
    // The widest difference first, then in the worksheet's order.
    assert_eq!(got["discuss"], json!(["a", "b", "c"]));
}

#[test]
fn the_group_scores_pool_every_answer_by_the_worksheets_rule() {
    let input = json!({ "config": worksheet("health", &health()), "partners": three_partners() });
    let Some(got) = node(
        "const r = T.aggregate(input.config, input.partners); \
         const g = x => [x.name, x.tenths, x.band, x.low, x.high, x.partners]; \
         return { factors: r.scores.factors.map(g), categories: r.scores.categories.map(g) };",
        &input,
    ) else {
        return;
    };
    // A: 1, 5, 3 and b reversed (6 - 2 = 4, 6 - 4 = 2): 15 / 5 = 3.0; partners 2.5, 3.5, 3.0.
    // B: N/A left out: 3 and 5, 4.0; partners 3.0 and 5.0, Sam answered none.
    // X: 23 / 7 = 3.29 -> 3.3 (the mean of all its answers, not of its factors' means).
    assert_eq!(
        got,
        json!({
            "factors": [["A", 30, "Mixed", 25, 35, 3], ["B", 40, "Strength", 30, 50, 2]],
            "categories": [["X", 33, "Mixed", 25, 40, 3]],
        })
    );
}

#[test]
fn a_sum_shows_each_partners_total_and_their_mean() {
    let pulse = Scoring {
        method: Method::Sum,
        bands: bands(&[(130, "High"), (90, "Middle"), (40, "Low")]),
        items: (0..4)
            .map(|i| item(&format!("s{i}"), "All", None, 4, i == 3))
            .collect(),
    };
    let partners = json!([
        { "name": "", "label": "Partner 1", "answers": { "s0": 4, "s1": 4, "s2": 4, "s3": 1 } },
        { "name": "", "label": "Partner 2", "answers": { "s0": 2, "s1": 3, "s2": "na", "s3": 4 } },
    ]);
    let input = json!({ "config": worksheet("pulse", &pulse), "partners": partners });
    let Some(got) = node(
        "const r = T.aggregate(input.config, input.partners); \
         return { totals: r.totals, discuss: r.discuss.map(i => [i.id, i.difference]) };",
        &input,
    ) else {
        return;
    };
    // 4 + 4 + 4 + (5 - 1) = 16 and 2 + 3 + (5 - 4) = 6 (N/A left out); mean 11.0.
    assert_eq!(
        got["totals"],
        json!({
            "partners": [{ "tenths": 160, "band": "High" }, { "tenths": 60, "band": "Low" }],
            "tenths": 110, "band": "Middle", "low": 60, "high": 160,
        })
    );
    // On a 4-point scale 2 points apart is worth discussing (the same share of the scale as 2
    // of 5 points), 1 point is not.
    assert_eq!(got["discuss"], json!([["s3", 3], ["s0", 2]]));
}

#[test]
fn the_gap_worth_discussing_scales_with_the_scale() {
    let scales = json!([[1, 5], [1, 4], [1, 7], [0, 10], [1, 3]]);
    let Some(got) = node(
        "return input.map(([min, max]) => T.gap({ min, max }));",
        &scales,
    ) else {
        return;
    };
    assert_eq!(got, json!([2, 2, 3, 5, 1]));
}

#[test]
fn files_from_elsewhere_are_named_and_left_out() {
    let files = json!([
        "not json at all",
        "{\"hello\": 1}",
        "{\"trellis\": 1, \"worksheet\": \"action-plan\", \"answers\": {}}",
        "{\"trellis\": 1, \"worksheet\": \"health\", \"answers\": {\"a\": 2, \"old-question\": 3, \"gone\": 1}}",
        // An answer file saved before names existed still loads; values of the wrong shape
        // (out of the scale, N/A where it is not offered, a list for text) are dropped.
        "{\"trellis\": 1, \"worksheet\": \"health\", \"answers\": {\"a\": 9, \"b\": 4, \"notes\": [1]}}",
        "{\"trellis\": 1, \"worksheet\": \"health\", \"partners\": [{\"name\": \"Sam\", \"answers\": {\"a\": 1}}, {\"answers\": {\"a\": 2}}]}",
    ]);
    let input = json!({ "config": worksheet("health", &health()), "files": files });
    let Some(got) = node(
        "return input.files.map(f => T.parse(input.config, f));",
        &input,
    ) else {
        return;
    };
    assert_eq!(
        got,
        json!([
            { "problem": { "kind": "not-trellis" } },
            { "problem": { "kind": "not-trellis" } },
            { "problem": { "kind": "other-worksheet", "other": "action-plan" } },
            { "problem": { "kind": "other-version", "ids": ["old-question", "gone"] } },
            { "entries": [{ "name": "", "answers": { "b": 4 } }] },
            { "entries": [{ "name": "Sam", "answers": { "a": 1 } }, { "name": "", "answers": { "a": 2 } }] },
        ])
    );
}

#[test]
fn the_same_file_twice_is_noticed_and_partners_get_distinct_labels() {
    let entries = json!([
        { "name": "", "answers": { "a": 1 } },
        { "name": "Sam", "answers": { "a": 2 } },
        { "name": "", "answers": { "a": 1 } },
        { "name": "Sam", "answers": { "a": 3 } },
        { "name": "", "answers": { "a": 4 } },
    ]);
    let Some(got) = node(
        "const partners = []; const r = T.add(partners, input, 'Partner {n}'); \
         return { labels: partners.map(p => p.label), duplicates: r.duplicates.map(d => d.of) };",
        &entries,
    ) else {
        return;
    };
    assert_eq!(
        got,
        json!({ "labels": ["Partner 1", "Sam", "Sam (2)", "Partner 2"], "duplicates": ["Partner 1"] })
    );
}

/// What the build's scoring says the group's scores are: every partner's answers scored as one
/// set (each partner's items under their own ids), the lowest and highest partner's own score;
/// for a sum, the mean of the totals.
fn expected(config: &Scoring, group: &[BTreeMap<String, Answer>]) -> Value {
    let own: Vec<_> = group.iter().map(|a| config.score(a)).collect();
    if config.method == Method::Sum {
        let totals: Vec<i64> = own
            .iter()
            .filter_map(|r| r.total.as_ref().and_then(|t| t.tenths))
            .collect();
        let mean = (!totals.is_empty())
            .then(|| average_tenths(totals.iter().sum::<i64>() / 10, totals.len() as i64));
        return json!({
            "tenths": mean,
            "band": mean.and_then(|m| band_for(&config.bands, m)).map(|b| b.label.clone()),
            "low": totals.iter().min(), "high": totals.iter().max(),
        });
    }
    let mut pooled = Scoring {
        method: Method::AverageByFactor,
        bands: config.bands.clone(),
        items: Vec::new(),
    };
    let mut all = BTreeMap::new();
    for (k, answers) in group.iter().enumerate() {
        for i in &config.items {
            let id = format!("{k}/{}", i.id);
            pooled.items.push(ScoredItem {
                id: id.clone(),
                ..i.clone()
            });
            if let Some(a) = answers.get(&i.id) {
                all.insert(id, *a);
            }
        }
    }
    let report = pooled.score(&all);
    let side = |kind: &str| -> Vec<Value> {
        let (groups, mine): (&Vec<_>, Vec<Vec<i64>>) = match kind {
            "factors" => (
                &report.factors,
                (0..report.factors.len())
                    .map(|i| own.iter().filter_map(|r| r.factors[i].tenths).collect())
                    .collect(),
            ),
            _ => (
                &report.categories,
                (0..report.categories.len())
                    .map(|i| own.iter().filter_map(|r| r.categories[i].tenths).collect())
                    .collect(),
            ),
        };
        groups
            .iter()
            .zip(mine)
            .map(|(g, m)| {
                json!([
                    g.name,
                    g.tenths,
                    g.band,
                    m.iter().min(),
                    m.iter().max(),
                    m.len()
                ])
            })
            .collect()
    };
    json!({ "factors": side("factors"), "categories": side("categories") })
}

#[test]
fn the_group_scores_match_the_builds_scoring_for_many_groups() {
    let configs = vec![
        Scoring {
            method: Method::AverageByFactor,
            bands: bands(&[(40, "Strength"), (30, "Borderline"), (10, "Concern")]),
            items: vec![
                item("a", "Communication", Some("Relationship"), 5, false),
                item("b", "Communication", Some("Relationship"), 5, true),
                item("c", "Trust", Some("Relationship"), 5, false),
                item("d", "Trust", Some("Relationship"), 5, true),
                item("f", "Time", None, 7, false),
                item("g", "Time", None, 7, true),
            ],
        },
        Scoring {
            method: Method::Sum,
            bands: bands(&[(130, "High"), (90, "Middle"), (40, "Low")]),
            items: (0..4)
                .map(|i| item(&format!("s{i}"), "All", None, 4, i == 3))
                .collect(),
        },
    ];
    let mut cases = Vec::new();
    let mut want = Vec::new();
    for config in &configs {
        for seed in 0..120u64 {
            let size = 1 + (seed % 5) as usize;
            let group: Vec<_> = (0..size)
                .map(|k| answers(config, seed * 7 + k as u64, 6))
                .collect();
            let partners: Vec<Value> = group
                .iter()
                .enumerate()
                .map(|(k, a)| json!({ "name": "", "label": format!("P{k}"), "answers": answers_json(a) }))
                .collect();
            cases.push(json!({ "config": worksheet("w", config), "partners": partners }));
            want.push(expected(config, &group));
        }
    }
    let Some(got) = node(
        "return input.map(c => { const r = T.aggregate(c.config, c.partners); \
           if (r.totals) return { tenths: r.totals.tenths, band: r.totals.band, low: r.totals.low, high: r.totals.high }; \
           const g = x => [x.name, x.tenths, x.band, x.low, x.high, x.partners]; \
           return { factors: r.scores.factors.map(g), categories: r.scores.categories.map(g) }; });",
        &Value::Array(cases.clone()),
    ) else {
        return;
    };
    let got = got.as_array().expect("a list");
    assert_eq!(got.len(), want.len());
    for ((case, js), rust) in cases.iter().zip(got).zip(&want) {
        assert_eq!(js, rust, "for {case}");
    }
    // The generator reaches the cases that matter: a factor nobody answered, every band.
    let all = want.iter().map(Value::to_string).collect::<String>();
    for needle in [
        "null",
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
