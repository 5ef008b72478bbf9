//! `[languages.<code>]` in site.toml: the languages a toolkit is translated into, beside its own
//! (`language = "en"`). Each has its title and description, optionally its menu and its own
//! words for the theme's strings, and says what a reader sees of a page not yet translated.
//!
//! ```toml
//! language = "en"
//!
//! [languages.fr]
//! title = "Trousse des partenariats"
//! description = "…"
//! fallback = true          # untranslated pages are shown in English with a notice (default)
//! [languages.fr.strings]
//! home = "Accueil"
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{Config, MenuItem};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// One added language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Language {
    /// The toolkit's title in this language.
    pub(crate) title: Spanned<String>,
    // Read when each language's site is published (issue 15's second part).
    #[allow(dead_code)]
    pub(crate) description: Option<String>,
    /// The menu in this language; the default language's menu when absent.
    pub(crate) menu: Option<Vec<MenuItem>>,
    /// The toolkit's own words for the theme's strings in this language.
    #[serde(default)]
    pub(crate) strings: BTreeMap<String, Spanned<String>>,
    /// True: a page with no translation is published in the default language with a notice.
    /// False: it is left out, and the language switch of the original points nowhere new.
    #[serde(default = "yes")]
    pub(crate) fallback: bool,
}

fn yes() -> bool {
    true
}

/// `[languages]`: each added language by its code, with the code's place in site.toml.
pub(crate) type Languages = BTreeMap<Spanned<String>, Language>;

/// Whether `code` is written as a language tag: a primary subtag of 2 or 3 lowercase letters
/// ("fr"), then optional subtags of 2 to 8 letters or digits ("fr-CA").
pub(crate) fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Every problem with `[languages]`, in the order they appear.
pub(crate) fn validate(config: &Config) -> Diagnostics {
    let mut out = Diagnostics::default();
    let default = config.language.get_ref();
    for (code, language) in &config.languages {
        out.extend(check_code(config, code, default));
        if language.title.get_ref().trim().is_empty() {
            out.push(
                config
                    .error_at(
                        &language.title,
                        format!("the toolkit's title in `{}` is empty", code.get_ref()),
                    )
                    .hint("write the toolkit's title in that language between the quotes"),
            );
        }
        out.extend(config.check_strings(&language.strings));
        for item in language.menu.iter().flatten() {
            let url = item.url.get_ref();
            if let Some(scheme) = crate::markdown::links::dangerous_scheme(url) {
                let (message, hint) = crate::markdown::links::dangerous_url(url, scheme);
                out.push(
                    config
                        .error_at(&item.url, format!("menu: {message}"))
                        .hint(hint),
                );
            }
        }
    }
    out
}

fn check_code(config: &Config, code: &Spanned<String>, default: &str) -> Option<Diagnostic> {
    let name = code.get_ref();
    if !is_language_code(name) {
        let lower = name.to_lowercase();
        let hint = if lower != *name && is_language_code(&lower) {
            format!("write language codes in lowercase: [languages.{lower}]")
        } else {
            "use a language code such as fr, es or fr-CA: [languages.fr]".to_string()
        };
        return Some(
            config
                .error_at(code, format!("`{name}` is not a language code"))
                .hint(hint),
        );
    }
    if name.eq_ignore_ascii_case(default) {
        return Some(
            config
                .error_at(code, format!("`{name}` is already the toolkit's own language (language = \"{default}\")"))
                .hint(format!("[languages.{name}] adds a translation into another language: remove it, or rename it after the language you translate into")),
        );
    }
    // The generated sections (worksheets, print ...) have longer names than any language code.
    if config.is_phase(name) {
        return Some(
            config
                .error_at(code, format!("the {name}/ folder of the site would hold both this language and the `{name}` section"))
                .hint("rename the section's folder (and its entry in [toolkit] phases)"),
        );
    }
    if !crate::i18n::has_table(name) {
        let languages: Vec<&str> = crate::i18n::theme_languages().collect();
        return Some(
            Diagnostic::warning(format!(
                "the theme has no strings in `{name}`: its buttons and headings will show in English"
            ))
            .at_span(&config.path, &config.source, code.span())
            .hint(format!(
                "translate them in [languages.{name}.strings] (docs/format.md lists every key), or use a language the theme knows: {}",
                languages.join(", ")
            )),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::Config;

    fn parse(text: &str) -> Result<Config, crate::diagnostic::Diagnostics> {
        Config::parse(text, Path::new("site.toml"))
    }

    #[test]
    fn a_french_translation_is_added_with_its_title_and_fallback() {
        let c = parse(
            "title = \"Partnerships\"\n[languages.fr]\ntitle = \"Partenariats\"\nfallback = false\n[languages.fr.strings]\nhome = \"Accueil\"\n",
        )
        .unwrap();
        assert_eq!(c.added_languages().collect::<Vec<_>>(), ["fr"]);
        let fr = c.language("fr").unwrap();
        assert_eq!(fr.title.get_ref(), "Partenariats");
        assert!(!fr.fallback);
        assert!(c.warnings().is_empty());
    }

    #[test]
    fn fallback_is_on_unless_the_site_says_otherwise() {
        let c =
            parse("title = \"T\"\n[languages.fr]\ntitle = \"T\"\n[languages.es]\ntitle = \"T\"\n")
                .unwrap();
        assert!(c.language("fr").unwrap().fallback);
        assert_eq!(c.added_languages().count(), 2);
    }

    #[test]
    fn a_misspelt_key_under_a_language_is_found_at_its_line() {
        let err =
            parse("title = \"T\"\n[languages.fr]\ntitle = \"T\"\nfalback = true\n").unwrap_err();
        let d = &err.items[0];
        assert_eq!(d.position().unwrap(), "site.toml:4:1");
        assert!(
            d.hint.as_deref().unwrap().contains("`fallback`"),
            "{:?}",
            d.hint
        );
    }

    #[test]
    fn the_default_language_cannot_be_added_again() {
        let err =
            parse("title = \"T\"\nlanguage = \"fr\"\n[languages.fr]\ntitle = \"T\"\n").unwrap_err();
        let d = &err.items[0];
        assert_eq!(d.position().unwrap(), "site.toml:3:12");
        assert!(
            d.message.contains("already the toolkit's own language"),
            "{}",
            d.message
        );
    }

    #[test]
    fn a_code_that_is_not_a_language_code_is_an_error_with_the_fix() {
        let err = parse("title = \"T\"\n[languages.FR]\ntitle = \"T\"\n").unwrap_err();
        assert!(err.items[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("[languages.fr]"));
        let err = parse("title = \"T\"\n[languages.french]\ntitle = \"T\"\n").unwrap_err();
        assert!(err.items[0]
            .message
            .contains("`french` is not a language code"));
    }

    #[test]
    fn a_language_the_theme_has_no_strings_for_is_a_warning() {
        let c = parse("title = \"T\"\n[languages.de]\ntitle = \"Partnerschaften\"\n").unwrap();
        let w = c.warnings();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].position().unwrap(), "site.toml:2:12");
        assert!(w[0].message.contains("in English"), "{}", w[0].message);
        assert!(w[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("[languages.de.strings]"));
    }

    #[test]
    fn an_unknown_string_in_a_languages_strings_is_an_error() {
        let err = parse("title = \"T\"\n[languages.fr]\ntitle = \"T\"\n[languages.fr.strings]\nhomme = \"Accueil\"\n")
            .unwrap_err();
        let d = &err.items[0];
        assert_eq!(d.position().unwrap(), "site.toml:5:9");
        assert!(
            d.hint.as_deref().unwrap().contains("`home`"),
            "{:?}",
            d.hint
        );
    }

    #[test]
    fn a_translated_menu_may_not_run_code() {
        let err = parse("title = \"T\"\n[languages.fr]\ntitle = \"T\"\n[[languages.fr.menu]]\ntitle = \"À propos\"\nurl = \"javascript:alert(1)\"\n")
            .unwrap_err();
        assert_eq!(err.items[0].position().unwrap(), "site.toml:6:7");
        let ok = parse("title = \"T\"\n[languages.fr]\ntitle = \"T\"\n[[languages.fr.menu]]\ntitle = \"À propos\"\nurl = \"about.md\"\n")
            .unwrap();
        assert_eq!(ok.language("fr").unwrap().menu.as_ref().unwrap().len(), 1);
    }

    #[test]
    fn a_language_needs_a_title_and_a_code_apart_from_the_phases() {
        let err = parse("title = \"T\"\n[languages.fr]\ndescription = \"x\"\n").unwrap_err();
        assert!(
            err.items[0].message.contains("`title`"),
            "{}",
            err.items[0].message
        );
        let err =
            parse("title = \"T\"\n[toolkit]\nphases = [\"fr\"]\n[languages.fr]\ntitle = \"T\"\n")
                .unwrap_err();
        assert!(
            err.items[0].message.contains("`fr` section"),
            "{}",
            err.items[0].message
        );
    }
}
