//! A theme folder's own strings files (`themes/<name>/strings/<language>.toml`), read and
//! checked: text in quotes, and only keys the theme has.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};
use crate::fsutil;
use crate::i18n::{parse_table, ThemeTables};

/// Reads every `<language>.toml` in `dir` (none when it does not exist). A file with a mistake
/// is reported at its line and left out.
pub(crate) fn read(root: &Path, dir: &Path, diags: &mut Diagnostics) -> ThemeTables {
    let mut tables = ThemeTables::new();
    for rel in crate::content::list_files(root, dir, diags) {
        let path = dir.join(&rel);
        let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let Some(language) = rel
            .to_str()
            .and_then(|n| n.strip_suffix(".toml"))
            .filter(|n| !n.contains(['/', '\\']))
        else {
            diags.push(
                Diagnostic::warning("this file is not a strings file and is not read")
                    .in_file(&shown)
                    .hint("a theme's strings/ folder holds one <language>.toml per language, like fr.toml"),
            );
            continue;
        };
        let text = match fsutil::read(&path)
            .map_err(|e| Diagnostic::io_error(&e, &shown))
            .and_then(|b| crate::fsutil::decode_text(b, &shown))
        {
            Ok(t) => Arc::<str>::from(t),
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let mut found = check(&text, &shown);
        if let Ok(table) = found.0 {
            tables.insert(language.to_string(), table);
        }
        diags.extend(found.1.items.drain(..));
    }
    tables
}

/// Parses one strings file and reports keys the theme does not have.
fn check(text: &Arc<str>, shown: &Path) -> (Result<crate::i18n::Table, ()>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let table = match parse_table(text) {
        Ok(t) => t,
        Err((span, message)) => {
            diags.push(
                Diagnostic::error(message)
                    .at_span(shown, text, span)
                    .hint("each line reads key = \"text\", like home = \"Home\""),
            );
            return (Err(()), diags);
        }
    };
    for (key, _) in &table {
        if crate::i18n::english(key).is_none() {
            let at = text.find(key.as_str()).map_or(0..0, |i| i..i + key.len());
            let hint = did_you_mean(key, crate::i18n::keys())
                .unwrap_or_else(|| "docs/format.md lists every string the theme shows".into());
            diags.push(
                Diagnostic::error(format!("the theme has no string `{key}`"))
                    .at_span(shown, text, at)
                    .hint(hint),
            );
        }
    }
    (Ok(table), diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_key_in_a_themes_strings_file_is_an_error_at_its_line() {
        let text: Arc<str> = Arc::from("home = \"Accueil\"\nmenue = \"Menu\"\n");
        let (table, diags) = check(&text, Path::new("themes/campus/strings/fr.toml"));
        assert!(table.is_ok());
        let d = &diags.items[0];
        assert_eq!(d.position().unwrap(), "themes/campus/strings/fr.toml:2:1");
        assert!(
            d.hint.as_deref().unwrap().contains("`menu`"),
            "{:?}",
            d.hint
        );
    }
}
