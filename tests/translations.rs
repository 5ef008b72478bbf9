//! A toolkit translated into French, file by file beside the English: the translations are
//! found, checked and kept apart from the English site (they are not published yet).

mod common;

use std::process::Command;

use common::{snapshot, TestSite};

const TRANSLATIONS: &[&str] = &[
    "content/_index.fr.md",
    "content/start/first.fr.md",
    "content/start/visit/index.fr.md",
    "content/start/checklist.fr.toml",
    "content/worksheets/pulse.fr.toml",
];

#[test]
fn translations_leave_the_english_site_byte_for_byte_as_it_was() {
    let bilingual = TestSite::fixture("bilingual");
    bilingual.build().assert_ok().assert_no_stderr("warning");
    let english = TestSite::fixture("bilingual");
    for file in TRANSLATIONS {
        english.remove(file);
    }
    english.edit("site.toml", "[languages.fr]", "[not-french]");
    english.edit("site.toml", "[not-french]\ntitle = \"Trousse bilingue\"\ndescription = \"Une petite trousse en anglais, en partie traduite en français.\"\n", "");
    english.build().assert_ok();
    assert_eq!(snapshot(&bilingual.public()), snapshot(&english.public()));
    // Nothing was taken for a page or a worksheet of its own.
    assert!(!bilingual.public().join("start/first.fr").exists());
    assert!(!bilingual.public().join("worksheets/pulse.fr").exists());
}

#[test]
fn check_lists_the_files_to_send_to_the_translator_in_one_warning() {
    let site = TestSite::fixture("bilingual");
    let run = site.check();
    run.assert_ok()
        .assert_stderr("warning: 2 of 7 files have no `fr` translation yet; they are shown in the original language, with a notice:\n  content/start/_index.md\n  content/start/second.md\n")
        .assert_stderr("hint: send these to your translator");
    assert_eq!(
        run.stderr.matches("translation yet").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn a_translated_checklist_item_with_an_id_the_original_lacks_is_an_error_naming_both_files() {
    let site = TestSite::fixture("bilingual");
    site.edit(
        "content/start/checklist.fr.toml",
        "id = \"goals\"",
        "id = \"objectifs\"",
    );
    site.check()
        .assert_toolkit_error()
        .assert_stderr("error: this checklist item's id `objectifs` is not in the original, content/start/checklist.toml")
        .assert_stderr("┌─ content/start/checklist.fr.toml:9:6")
        .assert_stderr("warning: content/start/checklist.fr.toml leaves out 1 checklist item of content/start/checklist.toml: `goals`");
}

#[test]
fn a_translated_worksheet_question_without_the_originals_id_is_an_error() {
    let site = TestSite::fixture("bilingual");
    site.edit("content/worksheets/pulse.fr.toml", "id = \"spoke\"\n", "");
    site.check()
        .assert_toolkit_error()
        .assert_stderr("error: this worksheet question's id `j-ai-dit-ce-que-je-voulais-dire` is not in the original, content/worksheets/pulse.toml")
        .assert_stderr("add the original's id, one of `worth-it`, `spoke`");
}

#[test]
fn a_page_named_for_a_language_site_toml_does_not_add_stays_a_page_with_a_warning() {
    let site = TestSite::fixture("bilingual");
    site.write(
        "content/start/second.de.md",
        "+++\ntitle = \"Zweite Seite\"\n+++\nNoch nicht übersetzt.\n",
    );
    site.build()
        .assert_ok()
        .assert_stderr("warning: second.de.md reads like a translation into `de`, but site.toml adds fr: it is published as a page of its own")
        .assert_stderr("add [languages.de] with its title to site.toml; if it is not a translation, rename it (for example second-de.md)");
    assert!(site.public().join("start/second-de/index.html").exists());
}

#[test]
fn a_translation_whose_original_was_renamed_is_reported() {
    let site = TestSite::fixture("bilingual");
    site.write(
        "content/start/secnd.fr.md",
        "+++\ntitle = \"Deuxième page\"\n+++\nTexte.\n",
    );
    site.check()
        .assert_ok()
        .assert_stderr("warning: content/start/secnd.fr.md translates content/start/secnd.md, which is not in the toolkit");
}

fn git(site: &TestSite, args: &[&str], date: &str) {
    let ok = Command::new("git")
        .current_dir(&site.root)
        .args([
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "git {args:?}");
}

#[test]
fn a_translation_committed_before_its_original_changed_is_outdated() {
    let site = TestSite::fixture("bilingual");
    git(&site, &["init", "-q"], "2026-01-01T10:00:00");
    git(&site, &["add", "."], "2026-01-01T10:00:00");
    git(
        &site,
        &["commit", "-qm", "Toolkit and its translation"],
        "2026-01-01T10:00:00",
    );
    site.check().assert_ok().assert_no_stderr("out of date");
    site.edit("content/start/first.md", "Read this", "Please read this");
    git(
        &site,
        &["commit", "-qam", "Reword the first page"],
        "2026-02-01T10:00:00",
    );
    // The translation's file is touched afterwards (a fresh checkout): commits still decide.
    site.edit("content/start/first.fr.md", "Lisez", "Lisez");
    site.check()
        .assert_ok()
        .assert_stderr("warning: content/start/first.fr.md was last committed before its original, content/start/first.md, changed: it may be out of date")
        .assert_stderr("and commit it");
}

#[test]
fn without_git_a_translation_saved_before_its_original_is_outdated() {
    let site = TestSite::fixture("bilingual");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let file = std::fs::File::options()
        .write(true)
        .open(site.root.join("content/start/first.fr.md"))
        .unwrap();
    file.set_modified(old).unwrap();
    site.check()
        .assert_ok()
        .assert_stderr("warning: content/start/first.fr.md was last saved before its original, content/start/first.md, changed");
}

#[test]
fn a_mistake_in_a_translated_pages_front_matter_is_found_at_its_line() {
    let site = TestSite::fixture("bilingual");
    site.edit(
        "content/start/first.fr.md",
        "weight = 10",
        "weight = 10\naudience = [\"etudiants\"]",
    );
    site.edit(
        "content/_index.fr.md",
        "title = \"Trousse bilingue\"",
        "titre = \"Trousse bilingue\"",
    );
    site.check()
        .assert_toolkit_error()
        .assert_stderr("error: unknown audience `etudiants`")
        .assert_stderr("┌─ content/start/first.fr.md:4:13")
        .assert_stderr("┌─ content/_index.fr.md:2:1");
    // Translations are not published yet, so the English site still builds.
    site.build().assert_ok();
}
