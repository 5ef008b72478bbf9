//! The theme's interface strings, read from strings files: the default theme's
//! `strings/<language>.toml` (embedded in the binary), a theme folder's own files on top, and
//! site.toml's `[strings]` (or `[languages.<code>.strings]`) on top of those.

pub(crate) mod typography;

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The default theme's strings files, by language code.
const EMBEDDED: &[(&str, &str)] = &[
    ("en", include_str!("../../themes/default/strings/en.toml")),
    ("fr", include_str!("../../themes/default/strings/fr.toml")),
];

/// One strings file: each key and its text, in the file's order.
pub(crate) type Table = Vec<(String, String)>;

/// A theme folder's own strings files, by language code (`themes/<name>/strings/fr.toml`).
pub(crate) type ThemeTables = BTreeMap<String, Table>;

/// Reads a strings file's text: `key = "text"` lines. Pure; the caller places the error.
pub(crate) fn parse_table(text: &str) -> Result<Table, (std::ops::Range<usize>, String)> {
    let doc: toml::Spanned<toml::Table> =
        toml::from_str(text).map_err(|e| (e.span().unwrap_or(0..0), e.message().to_string()))?;
    let mut out = Table::new();
    for (key, value) in doc.into_inner() {
        match value {
            toml::Value::String(s) => out.push((key, s)),
            _ => {
                let at = text.find(&key).map_or(0..0, |i| i..i + key.len());
                return Err((at, format!("`{key}` needs its text in double quotes")));
            }
        }
    }
    Ok(out)
}

/// The embedded tables, parsed once. A unit test proves both parse, so the empty fallback is
/// never taken in a released binary.
fn embedded() -> &'static [(&'static str, Table)] {
    static TABLES: OnceLock<Vec<(&'static str, Table)>> = OnceLock::new();
    TABLES.get_or_init(|| {
        EMBEDDED
            .iter()
            .map(|(lang, text)| (*lang, parse_table(text).unwrap_or_default()))
            .collect()
    })
}

fn embedded_table(language: &str) -> Option<&'static Table> {
    let code = primary(language);
    embedded()
        .iter()
        .find(|(l, _)| l.eq_ignore_ascii_case(code))
        .map(|(_, t)| t)
}

/// The interface strings of one language: English first (for any string a table lacks), the
/// language's table from the default theme, then the theme folder's, then the toolkit's own
/// overrides; in French, with French spacing around punctuation.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(transparent)]
pub(crate) struct Strings(BTreeMap<String, String>);

impl Strings {
    /// The default theme's strings for `language`, with `overrides` on top.
    #[cfg(test)]
    pub(crate) fn new(
        language: &str,
        overrides: &BTreeMap<String, toml::Spanned<String>>,
    ) -> Strings {
        Strings::build(language, &ThemeTables::new(), overrides)
    }

    /// `new`, with a theme folder's strings files between the default theme and the overrides.
    pub(crate) fn build(
        language: &str,
        theme: &ThemeTables,
        overrides: &BTreeMap<String, toml::Spanned<String>>,
    ) -> Strings {
        let mut map: BTreeMap<String, String> = BTreeMap::new();
        let code = primary(language);
        let mut layers: Vec<&Table> = Vec::new();
        layers.extend(embedded_table("en"));
        layers.extend(theme.get("en"));
        if !code.eq_ignore_ascii_case("en") {
            layers.extend(embedded_table(code));
            layers.extend(theme.get(code));
        }
        for table in layers {
            map.extend(table.iter().cloned());
        }
        for (key, value) in &mut map {
            if let Some(own) = overrides.get(key) {
                value.clone_from(own.get_ref());
            }
        }
        if typography::is_french(language) {
            for value in map.values_mut() {
                *value = typography::french(value);
            }
        }
        Strings(map)
    }

    /// One string, or "" for a key the theme does not have.
    pub(crate) fn get(&self, key: &str) -> &str {
        self.0.get(key).map_or("", String::as_str)
    }
}

/// The strings trellis-search.js shows, as JSON for the search box's `data-strings`.
pub(crate) fn search_strings(strings: &Strings) -> String {
    let keys = [
        "search_count",
        "search_one",
        "search_none",
        "search_loading",
        "search_failed",
        "search_kind_item",
        "search_kind_worksheet",
        "search_kind_resource",
    ];
    let picked: BTreeMap<&str, &str> = keys.iter().map(|k| (*k, strings.get(k))).collect();
    serde_json::to_string(&picked).unwrap_or_default()
}

/// Every string's key, in the order of the English strings file (for checking `[strings]`).
pub(crate) fn keys() -> impl Iterator<Item = &'static str> {
    embedded_table("en")
        .into_iter()
        .flatten()
        .map(|(k, _)| k.as_str())
}

/// The English text of a key, to show next to it in the documentation and in hints.
pub(crate) fn english(key: &str) -> Option<&'static str> {
    embedded_table("en")?
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Whether the default theme has strings for `language` (its primary subtag: `fr-CA` is French).
pub(crate) fn has_table(language: &str) -> bool {
    embedded_table(language).is_some()
}

/// The language codes the default theme has strings for.
pub(crate) fn theme_languages() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|(l, _)| *l)
}

pub(crate) fn primary(language: &str) -> &str {
    language.split(['-', '_']).next().unwrap_or(language)
}

#[cfg(test)]
mod tests;
