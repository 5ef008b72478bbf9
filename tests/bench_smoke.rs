//! The benchmark's harness keeps working: `scripts/bench` builds a synthetic toolkit written by
//! the in-repo corpus generator (examples/gen_corpus). Here a 100-page corpus is generated and
//! built by the real binary. Nothing is timed: figures belong to `scripts/bench`, not to tests.

mod common;
#[allow(dead_code, clippy::all)]
#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;

use common::TestSite;

#[test]
fn a_hundred_page_synthetic_toolkit_builds_with_every_guidance_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    let summary = corpus::generate(100, corpus::default_phases(100), "toolkit-1", &out).unwrap();
    assert_eq!((summary.pages, summary.phases), (100, 6));
    assert!(
        summary.min_words >= 610 && summary.words / summary.pages < 900,
        "pages have the issue's sizes: {summary:?}"
    );

    let site = TestSite::empty();
    common::copy_dir(&out.join("trellis"), &site.root);
    site.run(&["build", "-q"]).assert_ok();
    let kit = &site.root;

    // Every guidance page of every phase is on disk, under its phase's folder.
    let mut guidance = 0;
    for phase in std::fs::read_dir(kit.join("content")).unwrap() {
        let phase = phase.unwrap().path();
        if !phase.is_dir() || phase.ends_with("worksheets") {
            continue;
        }
        let name = phase.file_name().unwrap().to_owned();
        for page in std::fs::read_dir(&phase).unwrap() {
            let page = page.unwrap().path();
            let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
            if page.extension().is_some_and(|e| e == "md") && stem != "_index" {
                let html = kit
                    .join("public")
                    .join(&name)
                    .join(&stem)
                    .join("index.html");
                assert!(html.is_file(), "{} was not built", html.display());
                guidance += 1;
            }
        }
    }
    assert_eq!(guidance, 100);

    // The peers' layouts are written beside it, page for page.
    assert!(out.join("zola/config.toml").is_file());
    assert!(out.join("hugo/hugo.toml").is_file());
    let summary_md = std::fs::read_to_string(out.join("mdbook/src/SUMMARY.md")).unwrap();
    assert_eq!(summary_md.matches("  - [").count(), 100);
}

#[test]
fn the_same_seed_writes_the_same_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    corpus::generate(12, 6, "s", &a).unwrap();
    corpus::generate(12, 6, "s", &b).unwrap();
    for entry in walkdir::WalkDir::new(&a) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&a).unwrap();
            assert_eq!(
                std::fs::read(entry.path()).unwrap(),
                std::fs::read(b.join(rel)).unwrap(),
                "{} differs between two runs",
                rel.display()
            );
        }
    }
}
