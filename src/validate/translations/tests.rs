//! A coordinator's view of a translation in progress.

use std::path::{Path, PathBuf};

use super::*;
use crate::content::translations::Translations;

fn source(path: &str) -> crate::content::Source {
    structure::source(Path::new(path), "")
}

fn originals() -> Vec<PathBuf> {
    [
        "content/_index.md",
        "content/start/roles.md",
        "content/start/checklist.toml",
    ]
    .iter()
    .map(PathBuf::from)
    .collect()
}

#[test]
fn the_files_to_send_to_a_translator_are_listed_in_one_message_per_language() {
    let mut t = Translations::default();
    t.add(
        "content/_index.md".into(),
        "fr",
        source("content/_index.fr.md"),
    );
    let d = missing("fr", &originals(), &t, true).unwrap();
    assert!(!d.is_error());
    assert!(
        d.message
            .starts_with("2 of 3 files have no `fr` translation yet"),
        "{}",
        d.message
    );
    assert!(
        d.message
            .contains("\n  content/start/roles.md\n  content/start/checklist.toml"),
        "{}",
        d.message
    );
    assert!(!d.message.contains("_index.md\n"), "{}", d.message);
    assert!(d.hint.as_deref().unwrap().contains("checklist.fr.toml"));
    assert!(missing("es", &originals(), &t, false)
        .unwrap()
        .message
        .contains("left out"));
}

#[test]
fn a_fully_translated_language_says_nothing() {
    let mut t = Translations::default();
    for o in originals() {
        let name = o
            .to_string_lossy()
            .replace(".md", ".fr.md")
            .replace(".toml", ".fr.toml");
        t.add(o, "fr", source(&name));
    }
    assert!(missing("fr", &originals(), &t, true).is_none());
}

#[test]
fn an_outdated_translation_names_both_files() {
    let d = outdated(
        Path::new("content/start/roles.md"),
        Path::new("content/start/roles.fr.md"),
        age::Basis::Commits,
    );
    assert!(!d.is_error());
    assert_eq!(d.position().unwrap(), "content/start/roles.fr.md");
    assert!(d.message.contains("content/start/roles.fr.md was last committed before its original, content/start/roles.md"), "{}", d.message);
}
