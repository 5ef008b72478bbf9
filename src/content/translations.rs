//! Translations sit beside their original: `page.fr.md` beside `page.md`, `_index.fr.md`,
//! `checklist.fr.toml`, `worksheets/<id>.fr.toml`, `resources.fr.toml`, `models.fr.toml`, and
//! `index.fr.md` in a page folder. Discovery sets them aside here, by original and language,
//! instead of taking them for pages or data of their own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Source;
use crate::diagnostic::Diagnostic;

/// Every translation found, for each original (its path from the toolkit root, as in messages):
/// its translation in each language.
#[derive(Debug, Clone, Default)]
pub(crate) struct Translations {
    pub(crate) by_original: BTreeMap<PathBuf, BTreeMap<String, Source>>,
}

impl Translations {
    pub(crate) fn add(&mut self, original: PathBuf, language: &str, source: Source) {
        self.by_original
            .entry(original)
            .or_default()
            .insert(language.to_string(), source);
    }

    /// The translation of `original` into `language`, when there is one.
    pub(crate) fn get(&self, original: &Path, language: &str) -> Option<&Source> {
        self.by_original.get(original)?.get(language)
    }
}

/// What a file's name says about translation.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Naming {
    /// `page.fr.md` with `fr` a language of site.toml: the translation of `page.md`.
    Translation { original: String, language: String },
    /// `page.de.md` with no `[languages.de]`: still a page of its own, but likely a mistake.
    UnknownLanguage { language: String },
    /// Any other name.
    Plain,
}

/// Reads a file name: `<stem>.<code>.md` or `<stem>.<code>.toml`, where `<code>` is written as
/// a language code. `languages` are the codes site.toml adds.
pub(crate) fn naming(name: &str, languages: &[String]) -> Naming {
    let Some((rest, ext)) = name.rsplit_once('.') else {
        return Naming::Plain;
    };
    let Some((stem, code)) = rest.rsplit_once('.') else {
        return Naming::Plain;
    };
    if stem.is_empty() || !(ext == "md" || ext == "toml") {
        return Naming::Plain;
    }
    if languages.iter().any(|l| l == code) {
        return Naming::Translation {
            original: format!("{stem}.{ext}"),
            language: code.to_string(),
        };
    }
    if crate::config::languages::is_language_code(code) {
        return Naming::UnknownLanguage {
            language: code.to_string(),
        };
    }
    Naming::Plain
}

/// Whether `original` (a name under content/, split into folders) is a file that can be
/// translated: a page, a section or home page, a checklist, a worksheet, resources or models.
pub(crate) fn translatable(parts: &[&str]) -> bool {
    match parts {
        [name] => name.ends_with(".md") || matches!(*name, "resources.toml" | "models.toml"),
        ["worksheets", name] => name.ends_with(".toml") || *name == "_index.md",
        [_, name] => name.ends_with(".md") || *name == "checklist.toml",
        [_, _, "index.md"] => true,
        _ => false,
    }
}

/// The warning for `page.de.md` when site.toml adds no `de`: it stays a page of its own.
pub(crate) fn unknown_language(shown: &Path, language: &str, languages: &[String]) -> Diagnostic {
    let name = shown
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let plain = name.replacen(&format!(".{language}."), &format!("-{language}."), 1);
    let known = if languages.is_empty() {
        "site.toml adds no language".to_string()
    } else {
        format!("site.toml adds {}", languages.join(", "))
    };
    Diagnostic::warning(format!(
        "{name} reads like a translation into `{language}`, but {known}: it is published as a page of its own"
    ))
    .in_file(shown)
    .hint(format!(
        "to translate into `{language}`, add [languages.{language}] with its title to site.toml; if it is not a translation, rename it (for example {plain})"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr() -> Vec<String> {
        vec!["fr".to_string()]
    }

    #[test]
    fn a_french_page_is_the_translation_of_the_page_beside_it() {
        assert_eq!(
            naming("roles.fr.md", &fr()),
            Naming::Translation {
                original: "roles.md".into(),
                language: "fr".into()
            }
        );
        assert_eq!(
            naming("agreement.fr.toml", &fr()),
            Naming::Translation {
                original: "agreement.toml".into(),
                language: "fr".into()
            }
        );
        assert!(matches!(
            naming("_index.fr.md", &fr()),
            Naming::Translation { .. }
        ));
    }

    #[test]
    fn a_code_site_toml_does_not_add_stays_a_page_with_a_warning() {
        assert_eq!(
            naming("roles.de.md", &fr()),
            Naming::UnknownLanguage {
                language: "de".into()
            }
        );
        let d = unknown_language(Path::new("content/start/roles.de.md"), "de", &fr());
        assert!(!d.is_error());
        assert!(d.hint.as_deref().unwrap().contains("add [languages.de]"));
        assert!(d
            .hint
            .as_deref()
            .unwrap()
            .contains("rename it (for example roles-de.md)"));
    }

    #[test]
    fn ordinary_names_with_dots_are_not_translations() {
        for name in [
            "roles.md",
            "v2.0.md",
            "photo.fr.png",
            ".fr.md",
            "notes.Draft.md",
        ] {
            assert_eq!(naming(name, &fr()), Naming::Plain, "{name}");
        }
    }

    #[test]
    fn only_the_files_that_hold_text_for_readers_are_translated() {
        assert!(translatable(&["start", "roles.md"]));
        assert!(translatable(&["start", "checklist.toml"]));
        assert!(translatable(&["worksheets", "agreement.toml"]));
        assert!(translatable(&["resources.toml"]));
        assert!(translatable(&["start", "roles", "index.md"]));
        assert!(!translatable(&["start", "notes.toml"]));
        assert!(!translatable(&["site.toml", "x", "y", "z"]));
    }
}
