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

#[test]
fn pages_written_first_are_not_written_again_and_nothing_is_removed_early() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let mut full = Outputs::default();
    full.add("a/index.html", Content::Text("A".into()));
    full.add("print/index.html", Content::Text("P".into()));
    let mut written = None;
    sync(&out, &full, &mut written).unwrap();

    // A rebuild has rendered its pages, not yet its print page: the edited page is written
    // now, and the print page (absent so far) stays.
    let mut pages = Outputs::default();
    pages.add("a/index.html", Content::Text("A2".into()));
    let early = sync_early(&out, &pages, &mut written).unwrap();
    assert_eq!(early, ["a/index.html"]);
    assert_eq!(
        std::fs::read_to_string(out.join("a/index.html")).unwrap(),
        "A2"
    );
    assert!(
        out.join("print/index.html").is_file(),
        "nothing is removed early"
    );

    // The end of the rebuild writes only what is left.
    let mut full = pages;
    full.add("print/index.html", Content::Text("P2".into()));
    let rest = sync(&out, &full, &mut written).unwrap();
    assert_eq!(rest.changed(), ["print/index.html"]);
    assert_eq!(
        std::fs::read_to_string(out.join("print/index.html")).unwrap(),
        "P2"
    );
}

#[test]
fn a_streaming_build_writes_each_file_as_it_is_added_and_swaps_the_folder_in() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let staging = Staging::open(&out).unwrap();
    let mut outputs = Outputs::to(Sink::Staging(staging));
    outputs.add("a/index.html", Content::Text("A".into()));
    assert!(
        matches!(outputs.files["a/index.html"], Content::Written),
        "only the path is kept"
    );
    assert!(!out.exists(), "nothing is published before the build ends");
    outputs.write(&out).unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join("a/index.html")).unwrap(),
        "A"
    );
    assert!(out.join(MARKER).is_file());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("trellis-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn pages_written_early_by_a_build_that_then_fails_are_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let mut full = Outputs::default();
    full.add("a/index.html", Content::Text("A".into()));
    let mut written = None;
    sync(&out, &full, &mut written).unwrap();

    let mut pages = Outputs::default();
    pages.add("a/index.html", Content::Text("A2".into()));
    pages.add("new/index.html", Content::Text("N".into()));
    let early = sync_early(&out, &pages, &mut written).unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join("a/index.html")).unwrap(),
        "A2"
    );

    // The print pages failed: the folder holds the last good output again.
    finish_early(&out, &early, false);
    assert_eq!(
        std::fs::read_to_string(out.join("a/index.html")).unwrap(),
        "A"
    );
    assert!(
        !out.join("new").exists(),
        "a page that was not there is removed"
    );
    let names: Vec<_> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("trellis-prev"))
        .collect();
    assert!(names.is_empty(), "{names:?}");

    // A build that succeeds leaves no copies behind.
    let early = sync_early(&out, &pages, &mut Some(fingerprints(&full, None))).unwrap();
    finish_early(&out, &early, true);
    assert_eq!(
        std::fs::read_to_string(out.join("a/index.html")).unwrap(),
        "A2"
    );
    assert!(!out.join("a/.index.html.trellis-prev").exists());
}
