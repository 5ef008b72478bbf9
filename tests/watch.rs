//! `trellis watch`, as an author meets it: edit the toolkit with the watcher running and the
//! output folder always ends up exactly as a fresh `trellis build` would write it.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use common::running::{Running, PATIENCE};
use common::{snapshot, try_snapshot, TestSite};

type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

/// A fresh full build of the toolkit as it is now, into `full/`.
fn full_build(site: &TestSite) -> Snapshot {
    site.run(&["build", "--output", "full"]).assert_ok();
    snapshot(&site.root.join("full"))
}

fn differences(a: &Snapshot, b: &Snapshot) -> Vec<String> {
    let mut paths: Vec<&PathBuf> = a.keys().chain(b.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter(|p| a.get(*p) != b.get(*p))
        .map(|p| {
            let state = match (a.get(p), b.get(p)) {
                (Some(_), None) => "only in watch output",
                (None, Some(_)) => "missing from watch output",
                _ => "different bytes",
            };
            format!("{}: {state}", p.display())
        })
        .collect()
}

/// Waits until a rebuild leaves `out/` identical to `expected`, failing with the differences
/// if none does in time.
fn assert_rebuilt_as(watch: &mut Running, out: &Path, expected: &Snapshot, step: &str) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        // The watcher may be mid-write (a temp file renamed into place): look again shortly.
        let Some(now) = try_snapshot(out) else {
            assert!(
                Instant::now() < deadline,
                "after `{step}` the watched output never settled:\n{}",
                watch.log.join("\n")
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
            continue;
        };
        if &now == expected {
            return;
        }
        if watch.next_line(deadline).is_none() {
            panic!(
                "after `{step}` the watched output differs from a full build:\n{}\nstderr:\n{}",
                differences(&now, expected).join("\n"),
                watch.log.join("\n")
            );
        }
    }
}

/// One scripted edit: what an author does, described for failure messages.
struct Step {
    name: &'static str,
    edit: fn(&TestSite),
}

fn steps() -> Vec<Step> {
    vec![
        Step {
            name: "edit a page body",
            edit: |s| {
                s.edit(
                    "content/getting-started/defining-roles.md",
                    "## What each partner brings",
                    "A new opening sentence.\n\n## What each partner brings",
                );
            },
        },
        Step {
            name: "edit a page title",
            edit: |s| {
                s.edit(
                    "content/getting-started/defining-roles.md",
                    "title = \"Defining roles\"",
                    "title = \"Defining our roles\"",
                );
            },
        },
        Step {
            name: "change a page weight",
            edit: |s| {
                s.edit(
                    "content/getting-started/defining-roles.md",
                    "weight = 10",
                    "weight = 99",
                );
            },
        },
        Step {
            name: "edit a summary",
            edit: |s| {
                s.edit(
                    "content/throughout/keeping-momentum.md",
                    "summary = \"",
                    "summary = \"Momentum: ",
                );
            },
        },
        Step {
            name: "add a page",
            edit: |s| {
                s.write("content/getting-started/a-new-page.md", "+++\ntitle = \"A new page\"\nweight = 5\n+++\n## Hello\n\nSee [roles](defining-roles.md).\n");
            },
        },
        Step {
            name: "delete a page",
            edit: |s| {
                s.remove("content/stories/the-garden-map.md");
            },
        },
        Step {
            name: "rename a page",
            edit: |s| {
                std::fs::rename(
                    s.root.join("content/stories/rewriting-the-lab-manual.md"),
                    s.root.join("content/stories/the-lab-manual.md"),
                )
                .unwrap();
            },
        },
        Step {
            name: "empty a page's body",
            edit: |s| {
                let path = "content/stories/the-lab-manual.md";
                let text = s.read(path);
                let end = text[3..].find("+++").unwrap() + 6;
                s.write(path, &text[..end]);
            },
        },
        Step {
            name: "publish a draft",
            edit: |s| {
                s.edit(
                    "content/throughout/co-authoring-publications.md",
                    "draft = true\n",
                    "",
                );
            },
        },
        Step {
            name: "edit a section intro",
            edit: |s| {
                s.edit(
                    "content/getting-started/_index.md",
                    "The first few weeks",
                    "The first weeks",
                );
            },
        },
        Step {
            name: "edit site.toml",
            edit: |s| {
                s.edit("site.toml", "version = \"2026.1\"", "version = \"2026.2\"");
            },
        },
        Step {
            name: "add a template override",
            edit: |s| {
                s.write("templates/page.html", "{% extends \"base.html\" %}{% block main %}<h1 class=\"mine\">{{ title }}</h1>{{ content | safe }}{% endblock main %}");
            },
        },
        Step {
            name: "edit the template override",
            edit: |s| {
                s.edit("templates/page.html", "class=\"mine\"", "class=\"ours\"");
            },
        },
        Step {
            name: "edit the theme's stylesheet",
            edit: |s| {
                s.edit(
                    "themes/default/static/trellis.css",
                    "--ink: #1d2a2f;",
                    "--ink: #1d2a30;",
                );
            },
        },
        Step {
            name: "add a static file",
            edit: |s| {
                s.write("static/files/guide.txt", "A guide.\n");
            },
        },
        Step {
            name: "change a static file",
            edit: |s| {
                s.edit("static/images/logo.svg", "<svg", "<svg data-v=\"2\"");
            },
        },
        Step {
            name: "change a page-folder asset",
            edit: |s| {
                s.edit(
                    "content/throughout/regular-check-ins/check-in-rhythm.svg",
                    "<svg",
                    "<svg data-v=\"2\"",
                );
            },
        },
        Step {
            name: "add a page-folder asset",
            edit: |s| {
                s.write("content/throughout/regular-check-ins/notes.txt", "Notes.\n");
            },
        },
        Step {
            name: "edit a checklist item",
            edit: |s| {
                s.edit(
                    "content/getting-started/checklist.toml",
                    "honestly** give",
                    "honestly** give each week",
                );
            },
        },
        Step {
            name: "add a checklist item",
            edit: |s| {
                let path = "content/getting-started/checklist.toml";
                let text = s.read(path);
                s.write(
                    path,
                    &format!("{text}\n[[item]]\ntext = \"Agree where notes are kept\"\n"),
                );
            },
        },
        Step {
            name: "edit a worksheet prompt",
            edit: |s| {
                s.edit(
                    "content/worksheets/action-plan.toml",
                    "label = \"Next steps\"",
                    "label = \"Our next steps\"",
                );
            },
        },
        Step {
            name: "add a worksheet",
            edit: |s| {
                s.write("content/worksheets/agreement.toml", "title = \"A short agreement\"\n\n[[section]]\ntitle = \"Goals\"\n\n[[section.prompt]]\nlabel = \"What do we want to achieve?\"\n");
            },
        },
        Step {
            name: "edit a resource",
            edit: |s| {
                s.edit(
                    "content/resources.toml",
                    "Meeting agenda template",
                    "A meeting agenda template",
                );
            },
        },
        Step {
            name: "delete a whole section",
            edit: |s| {
                s.remove("content/facilitation");
            },
        },
        Step {
            name: "save like vim (backup, rename, swap file)",
            edit: |s| {
                let page = s.root.join("content/wrapping-up/reviewing-your-goals.md");
                let text = std::fs::read_to_string(&page).unwrap();
                s.write("content/wrapping-up/4913", "");
                s.remove("content/wrapping-up/4913");
                s.write("content/wrapping-up/.reviewing-your-goals.md.swp", "swap");
                std::fs::rename(
                    &page,
                    s.root.join("content/wrapping-up/reviewing-your-goals.md~"),
                )
                .unwrap();
                std::fs::write(&page, text.replace("+++\n\n", "+++\n\nSaved from vim.\n\n"))
                    .unwrap();
                s.remove("content/wrapping-up/reviewing-your-goals.md~");
            },
        },
    ]
}

#[test]
fn every_kind_of_edit_leaves_the_output_equal_to_a_full_build() {
    let site = TestSite::example();
    let mut watch = Running::start(&site, &["watch", "--output", "out"]);
    watch.wait_for("saying it watches", |l| l.starts_with("watching"));
    let out = site.root.join("out");
    assert_eq!(snapshot(&out), full_build(&site), "the first build differs");
    for step in steps() {
        (step.edit)(&site);
        let expected = full_build(&site);
        assert_rebuilt_as(&mut watch, &out, &expected, step.name);
    }
    assert!(watch.interrupt().success());
}

#[test]
fn a_broken_file_keeps_the_last_good_output_until_it_is_fixed() {
    let site = TestSite::fixture("basic");
    let mut watch = Running::start(&site, &["watch"]);
    watch.wait_for("saying it watches", |l| l.starts_with("watching"));
    let good = snapshot(&site.public());

    site.write("content/start/second.md", "+++\ntitle = \n+++\n");
    watch.wait_for("naming the broken file", |l| {
        l.contains("content/start/second.md:2:")
    });
    watch.wait_for("saying the output is kept", |l| {
        l.contains("not rebuilt; the last good output stays")
    });
    assert_eq!(
        snapshot(&site.public()),
        good,
        "a failed rebuild touched the output"
    );

    site.write(
        "content/start/second.md",
        "+++\ntitle = \"Second, fixed\"\n+++\n## A heading\n\nBack again.\n",
    );
    watch.wait_for("a rebuild", |l| {
        l.contains("second.md changed:") && l.contains("written")
    });
    assert!(
        std::fs::read_to_string(site.public().join("start/second/index.html"))
            .unwrap()
            .contains("Back again.")
    );
    assert!(watch.interrupt().success());
}

#[test]
fn a_rebuild_that_fails_after_writing_its_pages_puts_them_back() {
    // Watch writes a rebuilt page before the print pages are made. When a print page then
    // fails (here a print template naming a value that does not exist), the page goes back to
    // what it was: the folder still holds the last good output.
    let site = TestSite::fixture("basic");
    let mut watch = Running::start(&site, &["watch"]);
    watch.wait_for("saying it watches", |l| l.starts_with("watching"));
    let good = snapshot(&site.public());
    site.write("templates/print.html", "{{ no_such_value.title }}\n");
    watch.wait_for("saying the output is kept", |l| {
        l.contains("not rebuilt; the last good output stays")
    });
    site.edit(
        "content/more/extra.md",
        "Some extra text.",
        "Some newer text.",
    );
    watch.wait_for("saying the output is kept again", |l| {
        l.contains("not rebuilt; the last good output stays")
    });
    assert_eq!(
        differences(&good, &snapshot(&site.public())),
        Vec::<String>::new(),
        "a failed rebuild left pages it wrote early"
    );
    assert!(watch.interrupt().success());
}

#[test]
fn one_save_is_one_rebuild_and_editor_files_are_ignored() {
    let site = TestSite::fixture("basic");
    site.write("static/guide.txt", "A guide.\n");
    let mut watch = Running::start(&site, &["watch"]);
    watch.wait_for("saying it watches", |l| l.starts_with("watching"));

    // Editor bookkeeping alone: swap files, Finder's .DS_Store, a backup.
    site.write("content/start/.first.md.swp", "swap")
        .write("content/.DS_Store", "finder")
        .write("static/.DS_Store", "finder")
        .write("content/start/first.md~", "backup");
    // Then a save through a temporary file renamed over the page.
    site.write(
        "content/start/.first.md.tmp",
        &site
            .read("content/start/first.md")
            .replace("First steps", "First steps, saved"),
    );
    std::fs::rename(
        site.root.join("content/start/.first.md.tmp"),
        site.root.join("content/start/first.md"),
    )
    .unwrap();
    let line = watch.wait_for("a rebuild", |l| l.contains(" changed: "));
    assert!(
        line.starts_with("content/start/first.md changed: "),
        "{line}"
    );

    // A second, distinct edit: the next rebuild line must be about it alone, so the save above
    // caused exactly one rebuild and the editor files none.
    site.edit("content/more/extra.md", "+++\n", "+++\nweight = 3\n");
    let line = watch.wait_for("a rebuild", |l| l.contains(" changed: "));
    assert!(
        line.starts_with("content/more/extra.md changed: "),
        "{line}\n{}",
        watch.log.join("\n")
    );
    assert!(
        !site.public().join(".DS_Store").exists(),
        "static/.DS_Store was copied"
    );
    assert!(watch.interrupt().success());
}

#[test]
fn under_strict_a_new_warning_keeps_the_last_good_output() {
    let site = TestSite::fixture("basic");
    let mut watch = Running::start(&site, &["watch", "--strict"]);
    watch.wait_for("saying it watches", |l| l.starts_with("watching"));
    let good = snapshot(&site.public());
    site.edit(
        "content/more/extra.md",
        "Some extra text.",
        "Some [extra](#) text.",
    );
    watch.wait_for("the warning", |l| l.contains("placeholder"));
    watch.wait_for("saying the output is kept", |l| l.contains("not rebuilt"));
    assert_eq!(snapshot(&site.public()), good);
    assert!(watch.interrupt().success());
}

#[test]
fn an_unsafe_output_folder_is_refused_before_watching() {
    let site = TestSite::fixture("basic");
    site.run(&["watch", "--output", "content"])
        .assert_code(2)
        .assert_stderr("refusing");
}
