//! site.toml: the toolkit's settings. `parse` is pure; `load` reads the file and calls it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fsutil;
use crate::names::is_valid_slug;
use crate::tomlinput::TomlSource;

pub(crate) mod languages;

pub(crate) const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub(crate) title: Spanned<String>,
    pub(crate) description: Option<String>,
    pub(crate) base_url: Option<Spanned<String>>,
    #[serde(default = "default_language")]
    pub(crate) language: Spanned<String>,
    /// `theme = "name"`, or a `[theme]` table (src/look.rs).
    #[serde(default, deserialize_with = "crate::look::deserialize")]
    pub(crate) theme: crate::look::Look,
    pub(crate) output_dir: Option<Spanned<String>>,
    pub(crate) license: Option<String>,
    pub(crate) version: Option<String>,
    pub(crate) organization: Option<Organization>,
    #[serde(default)]
    pub(crate) toolkit: Toolkit,
    #[serde(default = "no_audiences")]
    pub(crate) audiences: Spanned<toml::Table>,
    #[serde(default)]
    pub(crate) print: Print,
    #[serde(default)]
    pub(crate) menu: Vec<MenuItem>,
    /// `[strings]`: the toolkit's own words for the theme's interface strings, by key.
    #[serde(default)]
    pub(crate) strings: std::collections::BTreeMap<String, Spanned<String>>,
    /// `[languages.<code>]`: the languages the toolkit is translated into (src/config/languages.rs).
    #[serde(default)]
    pub(crate) languages: languages::Languages,
    /// The file's text, kept so later checks (an unknown phase, an unsafe output_dir) can point
    /// into it.
    #[serde(skip)]
    pub(crate) source: Arc<str>,
    #[serde(skip)]
    pub(crate) path: PathBuf,
}

fn default_language() -> Spanned<String> {
    Spanned::new(0..0, "en".to_string())
}

fn no_audiences() -> Spanned<toml::Table> {
    Spanned::new(0..0, toml::Table::new())
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Organization {
    pub(crate) name: String,
    pub(crate) url: Option<Spanned<String>>,
    pub(crate) logo: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Toolkit {
    #[serde(default)]
    pub(crate) phases: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) layout: Layout,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Layout {
    #[default]
    Sequence,
    Cycle,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Print {
    #[serde(default)]
    pub(crate) paper: Paper,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Paper {
    #[default]
    Letter,
    A4,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MenuItem {
    pub(crate) title: String,
    pub(crate) url: Spanned<String>,
}

/// An audience id and its display name, in the order site.toml lists them.
#[derive(Debug, Clone)]
pub(crate) struct Audience {
    pub(crate) id: String,
    pub(crate) name: String,
}

impl Config {
    /// Parses site.toml's text. Pure: no file system access.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Diagnostics> {
        let source: Arc<str> = Arc::from(text);
        if text.trim().is_empty() {
            return Err(one(Diagnostic::error("site.toml is empty")
                .at_span(path, &source, 0..0)
                .hint(
                    "it needs at least the toolkit's name: title = \"Your toolkit's name\"",
                )));
        }
        let input = TomlSource::whole(path, &source);
        let mut config: Config = input.parse("site.toml").map_err(one)?;
        config.source = source;
        config.path = path.to_path_buf();
        let problems = config.validate();
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(config)
    }

    /// `[theme] accent`: a colour readers can read white text on, and read as text on white.
    fn check_accent(&self) -> Option<Diagnostic> {
        use crate::look::{contrast_with_white, darken_to, hex, parse_colour, AA};
        let accent = self.theme.accent.as_ref()?;
        let Some(colour) = parse_colour(accent.get_ref()) else {
            return Some(
                self.error_at(
                    accent,
                    format!("`{}` is not a colour Trellis can read", accent.get_ref()),
                )
                .hint("write it as a hex colour, like accent = \"#1f5f4a\""),
            );
        };
        let ratio = contrast_with_white(colour);
        (ratio < AA).then(|| {
            self.error_at(accent, format!("the accent {} has a contrast of {ratio:.1}:1 with white; text on it and beside it needs at least {AA}:1 (WCAG AA)", hex(colour)))
                .hint(format!("choose a darker shade, such as accent = \"{}\"", hex(darken_to(colour, AA))))
        })
    }

    /// What `parse` accepted but an author should hear about (an unknown language, say).
    pub(crate) fn warnings(&self) -> Vec<Diagnostic> {
        self.validate()
            .items
            .into_iter()
            .filter(|d| !d.is_error())
            .collect()
    }

    /// Reads `<root>/site.toml`.
    pub(crate) fn load(root: &Path) -> Result<Config, Diagnostics> {
        let path = root.join(CONFIG_FILE);
        let shown = PathBuf::from(CONFIG_FILE);
        if !path.is_file() {
            return Err(one(Diagnostic::error(format!(
                "no {CONFIG_FILE} in {}",
                root.display()
            ))
            .hint(
                "run trellis in a toolkit folder (the one holding site.toml) or pass --root DIR; to start a new toolkit here, run trellis init",
            )));
        }
        let bytes = fsutil::read(&path).map_err(|e| one(Diagnostic::io_error(&e, &shown)))?;
        let text = crate::fsutil::decode_text(bytes, &shown).map_err(one)?;
        Config::parse(&text, &shown)
    }

    pub(crate) fn error_at<T>(&self, value: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message).at_span(&self.path, &self.source, value.span())
    }

    fn validate(&self) -> Diagnostics {
        let mut out = Diagnostics::default();
        if self.title.get_ref().trim().is_empty() {
            out.push(
                self.error_at(&self.title, "the toolkit's title is empty")
                    .hint("write the title between the quotes"),
            );
        }
        let mut seen: Vec<&str> = Vec::new();
        for phase in &self.toolkit.phases {
            if !is_valid_slug(phase.get_ref()) {
                out.push(
                    self.error_at(
                        phase,
                        format!("`{}` is not a valid phase folder name", phase.get_ref()),
                    )
                    .hint(
                        "phase names are folder names under content/, written with a-z, 0-9 and -",
                    ),
                );
            } else if seen.contains(&phase.get_ref().as_str()) {
                out.push(self.error_at(
                    phase,
                    format!("the phase `{}` is listed twice", phase.get_ref()),
                ));
            }
            seen.push(phase.get_ref());
        }
        for (id, name) in self.audiences.get_ref() {
            if !is_valid_slug(id) {
                out.push(
                    self.error_at(
                        &self.audiences,
                        format!("`{id}` is not a valid audience id"),
                    )
                    .hint("audience ids use a-z, 0-9 and -, e.g. students = \"Students\""),
                );
            }
            if !name.is_str() {
                out.push(
                    self.error_at(
                        &self.audiences,
                        format!("the audience `{id}` needs a display name in quotes"),
                    )
                    .hint(format!("{id} = \"{id}\"")),
                );
            }
        }
        let org_url = self.organization.as_ref().and_then(|o| o.url.as_ref());
        for (key, url) in [
            ("base_url", self.base_url.as_ref()),
            ("organization.url", org_url),
        ] {
            let Some(url) = url else { continue };
            if let Some(scheme) = crate::markdown::links::dangerous_scheme(url.get_ref()) {
                let (message, hint) = crate::markdown::links::dangerous_url(url.get_ref(), scheme);
                out.push(self.error_at(url, format!("{key}: {message}")).hint(hint));
            }
        }
        out.extend(self.check_accent());
        out.extend(self.check_strings(&self.strings));
        out.extend(languages::validate(self).items);
        if !crate::i18n::has_table(self.language.get_ref()) {
            out.push(
                Diagnostic::warning(format!(
                    "no interface strings for language `{}`; English is used",
                    self.language.get_ref()
                ))
                .at_span(&self.path, &self.source, self.language.span()),
            );
        }
        out
    }

    /// `[strings]` (or a language's): each key must be one the theme has.
    fn check_strings(
        &self,
        strings: &std::collections::BTreeMap<String, Spanned<String>>,
    ) -> Vec<Diagnostic> {
        let unknown = strings
            .iter()
            .filter(|(key, _)| crate::i18n::english(key).is_none());
        unknown
            .map(|(key, value)| {
                let hint = crate::diagnostic::did_you_mean(key, crate::i18n::keys())
                    .unwrap_or_else(|| "docs/format.md lists every string the theme shows".into());
                self.error_at(value, format!("the theme has no string `{key}` to replace"))
                    .hint(hint)
            })
            .collect()
    }

    /// The codes of the languages added with `[languages.<code>]`, in alphabetical order.
    pub(crate) fn added_languages(&self) -> impl Iterator<Item = &str> {
        self.languages.keys().map(|k| k.get_ref().as_str())
    }

    /// An added language's settings.
    pub(crate) fn language(&self, code: &str) -> Option<&languages::Language> {
        self.languages
            .iter()
            .find(|(k, _)| k.get_ref() == code)
            .map(|(_, l)| l)
    }

    pub(crate) fn phases(&self) -> impl Iterator<Item = &str> {
        self.toolkit.phases.iter().map(|p| p.get_ref().as_str())
    }

    pub(crate) fn is_phase(&self, name: &str) -> bool {
        self.phases().any(|p| p == name)
    }

    pub(crate) fn audiences(&self) -> Vec<Audience> {
        self.audiences
            .get_ref()
            .iter()
            .map(|(id, name)| Audience {
                id: id.clone(),
                name: name.as_str().unwrap_or(id).to_string(),
            })
            .collect()
    }

    /// Why `id`, written where an audience or a phase is meant, names none that site.toml
    /// defines (the message and the fix); None when it does.
    pub(crate) fn unknown_name(&self, kind: Name, id: &str) -> Option<(String, String)> {
        let audiences: Vec<String>;
        let known: Vec<&str> = match kind {
            Name::Audience => {
                audiences = self.audiences().into_iter().map(|a| a.id).collect();
                audiences.iter().map(String::as_str).collect()
            }
            Name::Phase => self.phases().collect(),
        };
        unknown_name(kind, id, &known)
    }

    pub(crate) fn title(&self) -> &str {
        self.title.get_ref()
    }
}

fn one(d: Diagnostic) -> Diagnostics {
    let mut all = Diagnostics::default();
    all.push(d);
    all
}

/// What a name written in the toolkit stands for, when site.toml must define it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Name {
    Audience,
    Phase,
}

/// Why `id` is not one of the `known` names of its kind (the message and the fix); None when it
/// is. The one place these mistakes are worded, wherever the name is written.
pub(crate) fn unknown_name(kind: Name, id: &str, known: &[&str]) -> Option<(String, String)> {
    if known.contains(&id) {
        return None;
    }
    let (noun, table, none) = match kind {
        Name::Audience => (
            "audience",
            "audiences in site.toml [audiences]",
            "site.toml has no [audiences] table; add one, e.g. students = \"Students\"",
        ),
        Name::Phase => (
            "phase",
            "phases in site.toml",
            "site.toml lists no phases: add them under [toolkit] phases = [...]",
        ),
    };
    let hint = crate::diagnostic::did_you_mean(id, known.iter().copied()).unwrap_or_else(|| {
        if known.is_empty() {
            none.to_string()
        } else {
            format!("{table}: {}", known.join(", "))
        }
    });
    Some((format!("unknown {noun} `{id}`"), hint))
}

#[cfg(test)]
mod tests;
