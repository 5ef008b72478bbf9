//! A coordinator's first ten minutes: `trellis init`, a first build, `trellis new`, the help, a
//! typo, and the workflow that publishes the toolkit on GitHub Pages.

mod common;

use common::{snapshot, TestSite};

/// Every file the starter writes.
const STARTER: &[&str] = &[
    "site.toml",
    ".gitignore",
    ".github/workflows/publish.yml",
    "content/_index.md",
    "content/about.md",
    "content/getting-started/_index.md",
    "content/getting-started/first-conversations.md",
    "content/getting-started/checklist.toml",
    "content/working-together/_index.md",
    "content/working-together/regular-check-ins.md",
    "content/worksheets/_index.md",
    "content/worksheets/partnership-agreement.toml",
    "content/resources.toml",
    "content/models.toml",
];

/// A fresh starter toolkit in an empty folder.
fn started() -> TestSite {
    let site = TestSite::empty();
    site.run(&["init"])
        .assert_ok()
        .assert_stderr("created a new toolkit in this folder (.): 14 files");
    site
}

#[test]
fn init_then_build_gives_a_site_with_no_warnings() {
    let site = started();
    for file in STARTER {
        assert!(site.root.join(file).is_file(), "init did not write {file}");
    }
    assert!(
        !site.root.join("themes").exists(),
        "the starter needs no theme folder"
    );
    let run = site.run(&["build", "--strict"]);
    run.assert_ok()
        .assert_no_stderr("warning")
        .assert_stderr("built 6 pages, 1 checklists, 1 worksheets");
    for page in [
        "index.html",
        "getting-started/first-conversations/index.html",
        "getting-started/checklist/index.html",
        "working-together/regular-check-ins/index.html",
        "worksheets/partnership-agreement/index.html",
        "resources/index.html",
        "about/index.html",
        "print/index.html",
    ] {
        assert!(site.public().join(page).is_file(), "no {page}");
    }
    assert!(site.read(".gitignore").lines().any(|l| l == "public/"));
    assert!(
        site.read("site.toml")
            .contains(env!("CARGO_PKG_REPOSITORY")),
        "site.toml points at the guide in this repository"
    );
}

#[test]
fn the_starter_worksheet_has_one_prompt_of_each_common_kind() {
    let site = started();
    let sheet: toml::Table = site
        .read("content/worksheets/partnership-agreement.toml")
        .parse()
        .unwrap();
    let kinds: Vec<&str> = sheet["section"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["prompt"].as_array().unwrap())
        .map(|p| p.get("kind").and_then(|k| k.as_str()).unwrap_or("lines"))
        .collect();
    for kind in [
        "text",
        "lines",
        "choice",
        "checkbox",
        "table",
        "scale",
        "date",
        "signature",
    ] {
        assert!(kinds.contains(&kind), "no {kind} prompt in {kinds:?}");
    }
}

#[test]
fn title_and_organisation_are_given_as_flags() {
    let site = TestSite::empty();
    site.run(&[
        "init",
        "kit",
        "--title",
        "Partnering with \"Students\"",
        "--org",
        "Centre for Teaching",
    ])
    .assert_ok()
    .assert_stderr("created a new toolkit in kit: 14 files")
    .assert_stderr("cd kit");
    let run = site.run(&["--root", "kit", "build"]);
    run.assert_ok();
    let home = std::fs::read_to_string(site.root.join("kit/public/index.html")).unwrap();
    assert!(
        home.contains("Partnering with &quot;Students&quot;"),
        "title"
    );
    assert!(home.contains("Centre for Teaching"), "organisation");
}

#[test]
fn init_refuses_a_folder_with_files_and_writes_nothing() {
    let site = TestSite::empty();
    site.write("notes.txt", "my notes")
        .write("content/old.md", "old");
    let before = snapshot(&site.root);
    site.run(&["init"])
        .assert_code(2)
        .assert_stderr("is not empty (it has content, notes.txt), so trellis init wrote nothing")
        .assert_stderr("--force");
    assert_eq!(snapshot(&site.root), before, "init changed the folder");
}

#[test]
fn init_with_force_adds_the_starter_but_never_replaces_a_file() {
    let site = TestSite::empty();
    site.write("site.toml", "title = \"Mine\"\n")
        .write("content/_index.md", "+++\ntitle = \"My home\"\n+++\n");
    site.run(&["init", "--force"])
        .assert_ok()
        .assert_stderr("created a new toolkit in this folder (.): 12 files")
        .assert_stderr("kept 2 files that were already there:\n  content/_index.md\n  site.toml");
    assert_eq!(site.read("site.toml"), "title = \"Mine\"\n");
    assert_eq!(
        site.read("content/_index.md"),
        "+++\ntitle = \"My home\"\n+++\n"
    );
    assert!(site.root.join("content/models.toml").is_file());
}

#[test]
fn a_cloned_empty_repository_counts_as_empty() {
    let site = TestSite::empty();
    site.write(".git/HEAD", "ref: refs/heads/main\n");
    site.run(&["init"]).assert_ok();
    assert!(site.root.join("site.toml").is_file());
}

#[test]
fn init_asks_nothing_without_a_terminal() {
    // The test's stdin is not a terminal: init must not wait for answers.
    let site = started();
    site.run(&["build"]).assert_ok();
    assert!(site
        .read("site.toml")
        .contains("title = \"Our partnership toolkit\""));
}

#[test]
fn init_in_a_terminal_asks_the_title_and_organisation() {
    // `script` (util-linux) runs trellis with a terminal as its stdin, fed from ours.
    let site = TestSite::empty();
    let command = format!("{} init", env!("CARGO_BIN_EXE_trellis"));
    let Ok(mut child) = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(&site.root)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!("skipped: no `script` command to provide a terminal");
        return;
    };
    use std::io::Write;
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"Partnering with Students\n\n").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(
        shown.contains("The toolkit's title [Our partnership toolkit]: "),
        "{shown}"
    );
    let config: toml::Table = site.read("site.toml").parse().unwrap();
    assert_eq!(config["title"].as_str(), Some("Partnering with Students"));
    assert_eq!(
        config["organization"]["name"].as_str(),
        Some("Our organisation"),
        "an empty answer keeps the default"
    );
}

#[test]
fn a_new_page_takes_its_place_at_the_end_of_its_section() {
    let site = started();
    site.run(&["new", "page", "getting-started/setting-goals"])
        .assert_ok()
        .assert_stderr("created content/getting-started/setting-goals.md")
        .assert_stderr(
            "run `trellis serve` and open http://127.0.0.1:1111/getting-started/setting-goals/",
        );
    let text = site.read("content/getting-started/setting-goals.md");
    assert!(text.contains("title = \"Setting goals\"\n"), "{text}");
    assert!(
        text.contains("weight = 20\n"),
        "after first-conversations' 10: {text}"
    );
    let run = site.run(&["build", "--strict"]);
    run.assert_ok();
    let phase = run.output("getting-started/index.html");
    let first = phase
        .find(">First conversations</a>")
        .expect("first page listed");
    let new = phase.find(">Setting goals</a>").expect("new page listed");
    assert!(first < new, "the new page comes last in its phase");
    let before = run.output("getting-started/first-conversations/index.html");
    assert!(
        before.contains(r#"href="../setting-goals/index.html" rel="next""#)
            || before.contains(r#"rel="next" href="../setting-goals/index.html""#),
        "the page before links to the new one as next"
    );
}

#[test]
fn a_new_page_may_have_its_own_title_and_start_a_section() {
    let site = started();
    site.run(&[
        "new",
        "page",
        "stories/the-garden",
        "--title",
        "The garden map",
    ])
    .assert_ok()
    .assert_stderr("created content/stories/_index.md")
    .assert_stderr("created content/stories/the-garden.md");
    assert!(site
        .read("content/stories/the-garden.md")
        .contains("weight = 10"));
    let run = site.run(&["build", "--strict"]);
    run.assert_ok();
    assert!(run
        .output("stories/index.html")
        .contains(">The garden map</a>"));
}

#[test]
fn a_new_page_at_the_top_says_how_readers_will_find_it() {
    let site = started();
    site.run(&["new", "page", "contact", "--title", "Contact us"])
        .assert_ok()
        .assert_stderr("created content/contact.md")
        .assert_stderr("[[menu]] with title = \"Contact us\" and url = \"contact.md\"");
    site.edit(
        "site.toml",
        "url = \"about.md\"\n",
        "url = \"about.md\"\n\n[[menu]]\ntitle = \"Contact us\"\nurl = \"contact.md\"\n",
    );
    site.run(&["build", "--strict"]).assert_ok();
}

#[test]
fn new_never_replaces_a_file() {
    let site = started();
    site.run(&["new", "page", "getting-started/first-conversations"])
        .assert_code(2)
        .assert_stderr("content/getting-started/first-conversations.md already exists")
        .assert_stderr("never replaces a file");
    assert!(site
        .read("content/getting-started/first-conversations.md")
        .contains("Why talk first"));
    site.run(&["new", "worksheet", "partnership-agreement"])
        .assert_code(2)
        .assert_stderr("content/worksheets/partnership-agreement.toml already exists");
    site.run(&["new", "checklist", "getting-started"])
        .assert_code(2)
        .assert_stderr("content/getting-started/checklist.toml already exists");
}

#[test]
fn a_new_worksheet_and_checklist_build_without_warnings() {
    let site = started();
    site.run(&["new", "worksheet", "action-plan"])
        .assert_ok()
        .assert_stderr("created content/worksheets/action-plan.toml")
        .assert_stderr("http://127.0.0.1:1111/worksheets/action-plan/");
    site.run(&[
        "new",
        "worksheet",
        "risks",
        "--title",
        "Risk register",
        "--phase",
        "working-together",
    ])
    .assert_ok();
    site.run(&["new", "checklist", "working-together"])
        .assert_ok()
        .assert_stderr("created content/working-together/checklist.toml")
        .assert_stderr("http://127.0.0.1:1111/working-together/checklist/");
    let run = site.run(&["build", "--strict"]);
    run.assert_ok().assert_stderr("2 checklists, 3 worksheets");
    assert!(run
        .output("working-together/index.html")
        .contains("Risk register"));
    assert!(run
        .output("getting-started/index.html")
        .contains("Action plan"));
}

#[test]
fn new_explains_bad_names_and_unknown_phases() {
    let site = started();
    site.run(&["new", "page", "getting-started/Setting Goals"])
        .assert_code(2)
        .assert_stderr("`Setting Goals` is not a valid page name")
        .assert_stderr("setting-goals");
    site.run(&["new", "checklist", "wrapping-up"])
        .assert_code(2)
        .assert_stderr("`wrapping-up` is not a phase of this toolkit")
        .assert_stderr("getting-started, working-together");
    site.run(&["new", "page", "worksheets/plan"])
        .assert_code(2)
        .assert_stderr("trellis new worksheet plan");
    site.run(&["new", "page", "getting-started/checklist"])
        .assert_code(2)
        .assert_stderr("trellis new checklist getting-started");
    let nothing = TestSite::empty();
    nothing
        .run(&["new", "page", "start/hello"])
        .assert_toolkit_error()
        .assert_stderr("no site.toml")
        .assert_stderr("run trellis init");
}

#[test]
fn a_typo_in_a_command_suggests_the_right_one() {
    let site = TestSite::empty();
    site.run(&["biuld"])
        .assert_code(2)
        .assert_stderr("unrecognized subcommand 'biuld'")
        .assert_stderr("similar subcommand exists: 'build'");
    site.run(&["new", "paeg", "a/b"])
        .assert_code(2)
        .assert_stderr("similar subcommand exists: 'page'");
    site.run(&["init", "--forse"])
        .assert_code(2)
        .assert_stderr("--force");
}

#[test]
fn the_help_lists_every_command_and_how_to_start() {
    let site = TestSite::empty();
    let help = site.run(&["--help"]);
    help.assert_ok();
    for command in ["init", "new", "build", "check", "watch", "serve"] {
        assert!(
            help.stdout.contains(&format!("\n  {command} ")),
            "--help lacks {command}:\n{}",
            help.stdout
        );
    }
    assert!(help.stdout.contains("trellis init my-toolkit"));
    assert!(help.stdout.contains("docs/guide.md"));
    for (args, needles) in [
        (
            &["init", "--help"][..],
            &["[DIR]", "--force", "--title", "--org"][..],
        ),
        (&["new", "--help"], &["page", "worksheet", "checklist"]),
        (&["new", "page", "--help"], &["SECTION/SLUG", "--title"]),
        (
            &["new", "worksheet", "--help"],
            &["<ID>", "--title", "--phase"],
        ),
        (&["new", "checklist", "--help"], &["<PHASE>"]),
        (
            &["build", "--help"],
            &["--output", "--drafts", "--base-url", "--strict"],
        ),
        (&["check", "--help"], &["--strict"]),
        (&["watch", "--help"], &["--output"]),
        (&["serve", "--help"], &["--port", "--bind", "--open"]),
    ] {
        let run = site.run(args);
        run.assert_ok();
        for needle in needles {
            assert!(
                run.stdout.contains(needle),
                "`trellis {}` lacks {needle}:\n{}",
                args.join(" "),
                run.stdout
            );
        }
    }
}

#[test]
fn the_version_names_the_commit_it_was_built_from() {
    let site = TestSite::empty();
    let run = site.run(&["--version"]);
    run.assert_ok();
    let line = run.stdout.trim();
    let prefix = format!("trellis {} (", env!("CARGO_PKG_VERSION"));
    assert!(line.starts_with(&prefix) && line.ends_with(')'), "{line}");
    let commit = &line[prefix.len()..line.len() - 1];
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    match head {
        Some(head) => assert_eq!(commit, head),
        None => assert_eq!(commit, "unknown commit"),
    }
}

/// The starter's GitHub Pages workflow, parsed as YAML.
fn publish_workflow() -> serde_norway::Value {
    let site = started();
    let text = site.read(".github/workflows/publish.yml");
    serde_norway::from_str(&text).expect("publish.yml is valid YAML")
}

/// Every `run:` script of a job's steps, and every action it `uses:`.
fn steps(workflow: &serde_norway::Value, job: &str) -> (Vec<String>, Vec<String>) {
    let steps = workflow["jobs"][job]["steps"]
        .as_sequence()
        .unwrap_or_else(|| panic!("job {job} has steps"));
    let field = |key: &str| {
        steps
            .iter()
            .filter_map(|s| s[key].as_str().map(str::to_string))
            .collect::<Vec<_>>()
    };
    (field("run"), field("uses"))
}

#[test]
fn the_publish_workflow_builds_with_the_pages_address_and_deploys() {
    let workflow = publish_workflow();
    assert_eq!(
        workflow["on"]["push"]["branches"][0].as_str(),
        Some("main"),
        "publishes on every push to main"
    );
    let (runs, uses) = steps(&workflow, "build");
    assert!(
        runs.iter().any(
            |r| r.trim() == "trellis build --base-url \"${{ steps.pages.outputs.base_url }}/\""
        ),
        "builds with the Pages address: {runs:?}"
    );
    let install = runs
        .iter()
        .find(|r| r.contains("/releases/"))
        .expect("a step installs the released binary");
    assert!(
        install.contains(&format!("{}/releases/", env!("CARGO_PKG_REPOSITORY"))),
        "downloads from this repository's releases: {install}"
    );
    assert!(
        install.contains("trellis-x86_64-unknown-linux-gnu.tar.gz"),
        "downloads the archive scripts/package makes: {install}"
    );
    assert!(uses
        .iter()
        .any(|u| u.starts_with("actions/configure-pages@")));
    assert!(uses
        .iter()
        .any(|u| u.starts_with("actions/upload-pages-artifact@")));
    let (_, deploy) = steps(&workflow, "deploy");
    assert!(deploy
        .iter()
        .any(|u| u.starts_with("actions/deploy-pages@")));
    assert_eq!(workflow["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(workflow["permissions"]["id-token"].as_str(), Some("write"));
}
