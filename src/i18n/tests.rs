//! The theme's strings files: complete in every language, documented, and overridable.

use std::collections::BTreeMap;

use super::*;

fn table(lang: &str) -> &'static Table {
    embedded_table(lang).unwrap()
}

#[test]
fn every_embedded_strings_file_parses() {
    for (lang, text) in EMBEDDED {
        let parsed = parse_table(text);
        assert!(
            parsed.is_ok(),
            "themes/default/strings/{lang}.toml: {parsed:?}"
        );
        assert!(!parsed.unwrap().is_empty());
    }
}

#[test]
fn the_authors_guide_lists_every_string_key_with_its_english_text() {
    let guide = include_str!("../../docs/format.md");
    let english = table("en");
    assert!(english.len() > 150, "the English strings were not read");
    let wrong: Vec<&str> = english
        .iter()
        .filter(|(k, v)| !guide.contains(&format!("| `{k}` | {} |", v.trim())))
        .map(|(k, _)| k.as_str())
        .collect();
    assert!(
        wrong.is_empty(),
        "docs/format.md's [strings] table lacks, or shows other English for, {wrong:?}"
    );
}

#[test]
fn every_language_has_exactly_the_english_keys() {
    let en: Vec<&str> = table("en").iter().map(|(k, _)| k.as_str()).collect();
    for lang in theme_languages().filter(|l| *l != "en") {
        let other: Vec<&str> = table(lang).iter().map(|(k, _)| k.as_str()).collect();
        let missing: Vec<&&str> = en.iter().filter(|k| !other.contains(k)).collect();
        let extra: Vec<&&str> = other.iter().filter(|k| !en.contains(k)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang}.toml lacks {missing:?} and has extra {extra:?}"
        );
    }
}

#[test]
fn a_french_reader_sees_french_with_french_spacing() {
    let s = Strings::new("fr-CA", &BTreeMap::new());
    assert_eq!(s.get("skip_to_content"), "Passer au contenu principal");
    assert_eq!(s.get("for_audience"), "Pour\u{a0}:");
    assert_eq!(
        s.get("search_none"),
        "Aucun résultat pour «\u{a0}{query}\u{a0}»."
    );
    let en = Strings::new("en", &BTreeMap::new());
    assert_eq!(en.get("for_audience"), "For:");
}

#[test]
fn a_language_without_a_file_reads_english() {
    let s = Strings::new("de", &BTreeMap::new());
    assert_eq!(s.get("home"), "Home");
    assert!(!has_table("de"));
    assert!(has_table("fr-CA"));
}

#[test]
fn site_overrides_and_a_theme_folders_file_win_over_the_default_theme() {
    let mut theme = ThemeTables::new();
    theme.insert("fr".into(), vec![("home".into(), "Page d’accueil".into())]);
    let mut own = BTreeMap::new();
    own.insert(
        "menu".to_string(),
        toml::Spanned::new(0..0, "Navigation ?".to_string()),
    );
    let s = Strings::build("fr", &theme, &own);
    assert_eq!(s.get("home"), "Page d’accueil");
    assert_eq!(s.get("menu"), "Navigation\u{a0}?");
    assert_eq!(s.get("next"), "Suivant");
}

#[test]
fn a_strings_file_that_is_not_text_is_refused_at_its_key() {
    let err = parse_table("home = \"Home\"\nmenu = 3\n").unwrap_err();
    assert_eq!(err.0, 14..18);
    assert!(err.1.contains("`menu`"), "{}", err.1);
    assert!(parse_table("home = \"Home").is_err());
}
