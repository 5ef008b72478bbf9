//! A toolkit translated into French, file by file beside the English: the translations are
//! found, checked, and published under fr/ beside the English site.

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

/// The built site without the French folder, with the links to the other language taken out.
fn english_part(
    public: &std::path::Path,
) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let languages = regex_lite::Regex::new(
        r#"<link rel="alternate" hreflang="[a-z]+" href="[^"]*">|<nav class="language-switch no-print".*?</nav>"#,
    )
    .unwrap();
    snapshot(public)
        .into_iter()
        .filter(|(path, _)| !path.starts_with("fr"))
        .map(|(path, bytes)| match String::from_utf8(bytes) {
            Ok(text) => (
                path,
                languages.replace_all(&text, "").into_owned().into_bytes(),
            ),
            Err(e) => (path, e.into_bytes()),
        })
        .collect()
}

#[test]
fn the_english_site_is_as_it_was_but_for_the_links_to_the_french() {
    let bilingual = TestSite::fixture("bilingual");
    bilingual.build().assert_ok().assert_no_stderr("warning");
    let english = TestSite::fixture("bilingual");
    for file in TRANSLATIONS {
        english.remove(file);
    }
    english.edit("site.toml", "[languages.fr]", "[not-french]");
    english.edit("site.toml", "[not-french]\ntitle = \"Trousse bilingue\"\ndescription = \"Une petite trousse en anglais, en partie traduite en français.\"\n", "");
    english.build().assert_ok();
    assert_eq!(
        english_part(&bilingual.public()),
        snapshot(&english.public())
    );
    // Nothing was taken for a page or a worksheet of its own.
    assert!(!bilingual.public().join("start/first.fr").exists());
    assert!(!bilingual.public().join("worksheets/pulse.fr").exists());
}

#[test]
fn the_french_site_is_published_under_fr_and_every_link_resolves_in_both_languages() {
    let site = TestSite::fixture("bilingual");
    site.build().assert_ok();
    assert_eq!(
        common::links::check_site(&site.public()),
        Vec::<String>::new()
    );
    let home = site.output("fr/index.html");
    assert!(home.contains("<html lang=\"fr\">"), "{home}");
    assert!(home.contains("Trousse bilingue"));
    // A link written to the English original leads to the French page.
    assert!(home.contains("href=\"start/first/index.html\""), "{home}");
    let first = site.output("fr/start/first/index.html");
    assert!(first.contains("Avant de vous rencontrer"));
    assert!(first.contains("href=\"../visit/index.html\""), "{first}");
    assert!(!first.contains("translation-missing"));
    // The theme's files are shared, and each language has its own print pages and search.
    assert!(first.contains("href=\"../../../trellis.css\""), "{first}");
    assert!(!site.public().join("fr/trellis.css").exists());
    assert!(!site.public().join("fr/404.html").exists());
    assert!(site
        .output("fr/print/index.html")
        .contains("Avant de vous rencontrer"));
    assert!(site
        .output("fr/search/search-index.js")
        .contains("\"lang\":\"fr\""));
    assert!(site
        .output("fr/search/search-index.js")
        .contains("\"Première page\",\"start/first/index.html\""));
    assert!(!site
        .output("search/search-index.js")
        .contains("Première page"));
    assert!(site
        .output("fr/worksheets/pulse/index.html")
        .contains("La rencontre valait mon temps."));
}

#[test]
fn each_page_names_its_versions_and_switches_to_the_same_page() {
    let site = TestSite::fixture("bilingual");
    site.build().assert_ok();
    let en = site.output("start/first/index.html");
    assert!(en.contains("<html lang=\"en\">"));
    assert!(
        en.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"index.html\">"),
        "{en}"
    );
    assert!(
        en.contains(
            "<link rel=\"alternate\" hreflang=\"fr\" href=\"../../fr/start/first/index.html\">"
        ),
        "{en}"
    );
    assert!(
        en.contains(
            "<a href=\"../../fr/start/first/index.html\" hreflang=\"fr\" lang=\"fr\">Français</a>"
        ),
        "{en}"
    );
    let fr = site.output("fr/start/first/index.html");
    assert!(
        fr.contains(
            "<a href=\"../../../start/first/index.html\" hreflang=\"en\" lang=\"en\">English</a>"
        ),
        "{fr}"
    );
    assert!(
        fr.contains("aria-label=\"Cette page dans une autre langue\""),
        "{fr}"
    );
    // Ticks are saved under the same key in both languages.
    let key = |html: &str| {
        let at = html.find("data-key=\"").unwrap();
        html[at..].split('"').nth(1).unwrap().to_string()
    };
    let (en_list, fr_list) = (
        site.output("start/checklist/index.html"),
        site.output("fr/start/checklist/index.html"),
    );
    assert_eq!(key(&en_list), key(&fr_list));
    assert_eq!(key(&en_list), "trellis:bilingual-toolkit:checklist:start");
}

#[test]
fn an_untranslated_page_is_shown_in_english_with_a_notice_in_french() {
    let site = TestSite::fixture("bilingual");
    site.build().assert_ok();
    let second = site.output("fr/start/second/index.html");
    assert!(second.contains("<html lang=\"fr\">"));
    assert!(second.contains("<main id=\"tr-main\" tabindex=\"-1\" lang=\"en\"><p class=\"translation-missing\" lang=\"fr\">Cette page n’est pas encore traduite en français"), "{second}");
    assert!(second.contains("This page is not translated yet."));
    let en = site.output("start/second/index.html");
    assert!(
        en.contains("href=\"../../fr/start/second/index.html\" hreflang=\"fr\""),
        "{en}"
    );
    assert!(site
        .output("fr/start/first/index.html")
        .contains("href=\"../second/index.html\""));
}

#[test]
fn without_fallback_an_untranslated_page_is_left_out_and_links_lead_to_the_original() {
    let site = TestSite::fixture("bilingual");
    site.edit(
        "site.toml",
        "[languages.fr]\n",
        "[languages.fr]\nfallback = false\n",
    );
    site.build().assert_ok();
    assert!(!site.public().join("fr/start/second").exists());
    assert_eq!(
        common::links::check_site(&site.public()),
        Vec::<String>::new()
    );
    // The French page's link to it leads to the English page, and so does its switch.
    let first = site.output("fr/start/first/index.html");
    assert!(
        first.contains("href=\"../../../start/second/index.html\""),
        "{first}"
    );
    let en = site.output("start/second/index.html");
    assert!(
        en.contains("<a href=\"index.html\" hreflang=\"fr\" lang=\"fr\">Français</a>"),
        "{en}"
    );
    assert!(!en.contains("hreflang=\"fr\" href"), "{en}");
    assert!(!site
        .output("fr/start/index.html")
        .contains("second/index.html\">Second page"));
}

#[test]
fn the_sitemap_lists_each_pages_versions() {
    let site = TestSite::fixture("bilingual");
    site.run(&["build", "--base-url", "https://example.org/kit"])
        .assert_ok();
    let map = site.output("sitemap.xml");
    assert!(map.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(map.contains("<url><loc>https://example.org/kit/fr/start/first/</loc><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/kit/start/first/\"/><xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/kit/fr/start/first/\"/></url>"), "{map}");
    assert_eq!(map.matches("<loc>").count(), map.matches("/</loc>").count());
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
    let run = site.check();
    run.assert_toolkit_error()
        .assert_stderr("error: unknown audience `etudiants`")
        .assert_stderr("┌─ content/start/first.fr.md:4:13")
        .assert_stderr("┌─ content/_index.fr.md:2:1");
    // Read by the French build and by the translation checks, each mistake is told once.
    assert_eq!(
        run.stderr.matches("unknown key `titre`").count(),
        1,
        "{}",
        run.stderr
    );
    // The translations are published, so the build stops at them too.
    site.build()
        .assert_toolkit_error()
        .assert_stderr("┌─ content/_index.fr.md:2:1");
}

/// What a screen reader hears that the Markdown does not say (a task's state, a heading's
/// anchor) is in the page's language, from the theme's strings, with French spacing.
#[test]
fn task_lists_and_heading_anchors_speak_the_pages_language() {
    let site = TestSite::example();
    site.build().assert_ok();
    let fr = site.output("fr/getting-started/your-first-meeting/index.html");
    assert!(
        fr.contains("<span class=\"visually-hidden\">À faire\u{a0}: </span>"),
        "{fr}"
    );
    assert!(fr.contains("<span class=\"visually-hidden\">Lien vers cette section</span>"));
    assert!(!fr.contains("To do: ") && !fr.contains("Link to this section"));
    let en = site.output("getting-started/your-first-meeting/index.html");
    assert!(en.contains("<span class=\"visually-hidden\">To do: </span>"));
    assert!(en.contains("<span class=\"visually-hidden\">Link to this section</span>"));
}
