//! Self-assessment scoring on both sides: the build's (`trellis::data::scoring`) and the
//! browser's scripts run in node, fed the same generated answers.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use trellis::data::scoring::{Answer, ScoredItem, Scoring};

/// A scale item of factor `factor`, scored from 1 to `max`.
pub fn item(id: &str, factor: &str, category: Option<&str>, max: i64, reverse: bool) -> ScoredItem {
    ScoredItem {
        id: id.into(),
        factor: Some(factor.into()),
        category: category.map(Into::into),
        min: 1,
        max,
        reverse,
    }
}

/// Answers from a small deterministic generator: for each item, one time in `choices` none,
/// one time in `choices` "not applicable", otherwise a value in range.
pub fn answers(config: &Scoring, seed: u64, choices: i64) -> BTreeMap<String, Answer> {
    let step = |s: u64| {
        s.wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407)
    };
    let mut state = step(seed);
    let mut next = || {
        state = step(state);
        (state >> 33) as i64
    };
    let mut out = BTreeMap::new();
    for i in &config.items {
        match next() % choices {
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

/// Answers as the browser saves them: numbers, and "na" for "not applicable".
pub fn answers_json(a: &BTreeMap<String, Answer>) -> Value {
    a.iter()
        .map(|(k, v)| {
            let v = match v {
                Answer::Value(n) => json!(n),
                Answer::NotApplicable => json!("na"),
            };
            (k.clone(), v)
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// Runs `body` in node with `T` (the theme's script `script`, e.g. "trellis.js") and `input`
/// (this JSON) in scope; returns what it returns, as JSON. None when node is missing (the
/// caller's test is then skipped).
pub fn node(script: &str, body: &str, input: &Value) -> Option<Value> {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("skipped: node is not installed, so {script} cannot be run here");
        return None;
    }
    let path = format!(
        "{}/themes/default/static/{script}",
        env!("CARGO_MANIFEST_DIR")
    );
    let program = format!(
        "const T = require({path:?}); let text = ''; process.stdin.on('data', d => text += d); \
         process.stdin.on('end', () => {{ const input = JSON.parse(text); \
         console.log(JSON.stringify((() => {{ {body} }})())); }});"
    );
    let mut child = Command::new("node")
        .args(["-e", &program])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.to_string().as_bytes())
        .expect("node reads its input");
    let out = child.wait_with_output().expect("node ends");
    assert!(out.status.success(), "node failed");
    Some(serde_json::from_slice(&out.stdout).expect("node printed JSON"))
}
