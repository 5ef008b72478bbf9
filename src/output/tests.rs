//! Tests of output.

use super::*;

fn prints(pairs: &[(&str, u64)]) -> Fingerprints {
    pairs.iter().map(|(p, f)| (p.to_string(), *f)).collect()
}

#[test]
fn the_plan_writes_what_changed_and_removes_what_is_gone() {
    let old = prints(&[("a/index.html", 1), ("b/index.html", 2), ("gone.css", 3)]);
    let new = prints(&[
        ("a/index.html", 1),
        ("b/index.html", 9),
        ("c/index.html", 4),
    ]);
    assert_eq!(
        plan(&old, &new),
        WritePlan {
            write: vec!["b/index.html".into(), "c/index.html".into()],
            remove: vec!["gone.css".into()],
        }
    );
    assert_eq!(plan(&new, &new), WritePlan::default());
}

#[test]
fn sync_touches_only_changed_files_and_prunes_empty_folders() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let mut outputs = Outputs::default();
    outputs.add("a/index.html", Content::Text("A".into()));
    outputs.add("b/deep/index.html", Content::Text("B".into()));
    let mut written = None;
    let first = sync(&out, &outputs, &mut written).unwrap();
    assert_eq!(first.write.len(), 2);
    assert!(out.join(MARKER).is_file());

    outputs.files.remove("b/deep/index.html");
    outputs.add("a/index.html", Content::Text("A2".into()));
    let second = sync(&out, &outputs, &mut written).unwrap();
    assert_eq!(second.changed(), ["a/index.html", "b/deep/index.html"]);
    assert_eq!(
        std::fs::read_to_string(out.join("a/index.html")).unwrap(),
        "A2"
    );
    assert!(!out.join("b").exists(), "empty folders are removed");
    assert_eq!(
        sync(&out, &outputs, &mut written).unwrap(),
        WritePlan::default()
    );
}
