//! Whether a translated checklist or worksheet asks the same things as its original: ticks and
//! answers are saved by id, shared across languages, so a translation may not bring an id the
//! original lacks (a reader's ticks would not follow them from one language to the other).
//! Pure: both texts in, diagnostics out.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::content::{DataKind, Source};
use crate::data::fields::plain_text;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::names::slugify;
use crate::tomlinput::TomlSource;

#[derive(Deserialize)]
struct Checklist {
    #[serde(default)]
    item: Vec<Entry>,
}

#[derive(Deserialize)]
struct Worksheet {
    #[serde(default)]
    section: Vec<WorksheetSection>,
}

#[derive(Deserialize)]
struct WorksheetSection {
    #[serde(default)]
    prompt: Vec<Entry>,
}

/// An item or a prompt: its id, or the text its id is made from when it has none.
#[derive(Deserialize)]
struct Entry {
    id: Option<Spanned<String>>,
    #[serde(alias = "label")]
    text: Option<Spanned<String>>,
}

/// An id and where it is written (or where the text it is made from is).
struct Id {
    id: String,
    at: Range<usize>,
    written: bool,
}

fn ids(kind: &DataKind, source: &Source) -> Result<Vec<Id>, Diagnostic> {
    let input = TomlSource::whole(&source.path, &source.text);
    let entries: Vec<Entry> = match kind {
        DataKind::Checklist { .. } => input.parse::<Checklist>("checklist")?.item,
        DataKind::Worksheet { .. } => input
            .parse::<Worksheet>("worksheet")?
            .section
            .into_iter()
            .flat_map(|s| s.prompt)
            .collect(),
        DataKind::Resources | DataKind::Models => Vec::new(),
    };
    Ok(entries.into_iter().filter_map(id_of).collect())
}

fn id_of(entry: Entry) -> Option<Id> {
    if let Some(id) = entry.id {
        let at = id.span();
        return Some(Id {
            id: id.into_inner(),
            at,
            written: true,
        });
    }
    let text = entry.text?;
    let at = text.span();
    Some(Id {
        id: slugify(&plain_text(text.get_ref())),
        at,
        written: false,
    })
}

/// An error for each id of `translation` that `original` lacks, naming both files, at the line
/// of the stray id; a warning listing the original's ids the translation leaves out.
pub(crate) fn check(kind: &DataKind, original: &Source, translation: &Source) -> Diagnostics {
    let mut out = Diagnostics::default();
    let what = match kind {
        DataKind::Checklist { .. } => "checklist item",
        DataKind::Worksheet { .. } => "worksheet question",
        _ => return out,
    };
    let (theirs, ours) = match (ids(kind, original), ids(kind, translation)) {
        (Ok(a), Ok(b)) => (a, b),
        // A mistake in the original is reported by its own loader.
        (Err(_), _) => return out,
        (_, Err(d)) => {
            out.push(d);
            return out;
        }
    };
    let known: Vec<&str> = theirs.iter().map(|i| i.id.as_str()).collect();
    for id in ours.iter().filter(|i| !known.contains(&i.id.as_str())) {
        out.push(stray(what, id, original, translation, &known));
    }
    let mine: Vec<&str> = ours.iter().map(|i| i.id.as_str()).collect();
    let left_out: Vec<&str> = known
        .iter()
        .copied()
        .filter(|k| !mine.contains(k))
        .collect();
    if !left_out.is_empty() {
        out.push(
            Diagnostic::warning(format!(
                "{} leaves out {} of {}: {}",
                translation.path.display(),
                plural(left_out.len(), what),
                original.path.display(),
                ids_list(&left_out)
            ))
            .in_file(&translation.path)
            .hint("readers of the translation will not see them: translate them too, with the same ids"),
        );
    }
    out
}

fn stray(
    what: &str,
    id: &Id,
    original: &Source,
    translation: &Source,
    known: &[&str],
) -> Diagnostic {
    let message = format!(
        "this {what}'s id `{}` is not in the original, {}",
        id.id,
        original.path.display()
    );
    let hint = if id.written {
        let close = crate::diagnostic::did_you_mean(&id.id, known.iter().copied());
        format!(
            "a translation keeps the original's ids, so ticks and answers follow the reader from one language to the other: {}",
            close.unwrap_or_else(|| format!("use one of {}, or add this {what} to the original first", ids_list(known)))
        )
    } else {
        format!(
            "without an id, the id is made from the text, which changes in translation: add the original's id, one of {}",
            ids_list(known)
        )
    };
    Diagnostic::error(message)
        .at_span(&translation.path, &translation.text, id.at.clone())
        .hint(hint)
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn ids_list(ids: &[&str]) -> String {
    let shown: Vec<String> = ids.iter().take(8).map(|i| format!("`{i}`")).collect();
    let more = ids.len().saturating_sub(8);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// A source for tests.
#[cfg(test)]
pub(crate) fn source(path: &std::path::Path, text: &str) -> Source {
    Source {
        path: path.to_path_buf(),
        text: std::sync::Arc::from(text),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn checklist() -> DataKind {
        DataKind::Checklist {
            phase: "start".into(),
        }
    }

    const ORIGINAL: &str = "[[item]]\ntext = \"Book a room\"\nid = \"room\"\n\n[[item]]\ntext = \"Agree on goals\"\nid = \"goals\"\n";

    #[test]
    fn a_translation_with_the_originals_ids_passes() {
        let o = source(Path::new("content/start/checklist.toml"), ORIGINAL);
        let t = source(
            Path::new("content/start/checklist.fr.toml"),
            "[[item]]\ntext = \"Réserver une salle\"\nid = \"room\"\n\n[[item]]\ntext = \"S’entendre sur les objectifs\"\nid = \"goals\"\n",
        );
        assert!(check(&checklist(), &o, &t).is_empty());
    }

    #[test]
    fn an_id_the_original_lacks_is_an_error_naming_both_files_at_its_line() {
        let o = source(Path::new("content/start/checklist.toml"), ORIGINAL);
        let t = source(
            Path::new("content/start/checklist.fr.toml"),
            "[[item]]\ntext = \"Réserver une salle\"\nid = \"room\"\n\n[[item]]\ntext = \"Objectifs\"\nid = \"goal\"\n",
        );
        let d = check(&checklist(), &o, &t);
        assert_eq!(d.error_count(), 1);
        let e = &d.items[0];
        assert_eq!(e.position().unwrap(), "content/start/checklist.fr.toml:7:6");
        assert!(
            e.message.contains("content/start/checklist.toml"),
            "{}",
            e.message
        );
        assert!(
            e.hint.as_deref().unwrap().contains("`goals`"),
            "{:?}",
            e.hint
        );
    }

    #[test]
    fn an_item_without_an_id_gets_one_from_its_translated_text_and_so_mismatches() {
        let o = source(Path::new("o.toml"), ORIGINAL);
        let t = source(
            Path::new("t.toml"),
            "[[item]]\ntext = \"Réserver une salle\"\nid = \"room\"\n\n[[item]]\ntext = \"Objectifs\"\n",
        );
        let d = check(&checklist(), &o, &t);
        assert_eq!(d.error_count(), 1);
        assert!(d.items[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("add the original's id"));
    }

    #[test]
    fn a_worksheet_question_the_original_lacks_is_an_error_and_one_left_out_a_warning() {
        let kind = DataKind::Worksheet {
            id: "health".into(),
        };
        let o = source(
            Path::new("content/worksheets/health.toml"),
            "title = \"Health\"\n[[section]]\n[[section.prompt]]\nlabel = \"I am informed.\"\nid = \"informed\"\n[[section.prompt]]\nlabel = \"I trust them.\"\nid = \"trust\"\n",
        );
        let t = source(
            Path::new("content/worksheets/health.fr.toml"),
            "title = \"Santé\"\n[[section]]\n[[section.prompt]]\nlabel = \"Je suis informé.\"\nid = \"informe\"\n",
        );
        let d = check(&kind, &o, &t);
        assert_eq!(d.error_count(), 1);
        assert_eq!(
            d.items[0].position().unwrap(),
            "content/worksheets/health.fr.toml:5:6"
        );
        assert_eq!(d.warning_count(), 1);
        assert!(d
            .items
            .iter()
            .any(|w| !w.is_error() && w.message.contains("`trust`")));
    }

    #[test]
    fn a_translation_that_is_not_valid_toml_is_reported_at_its_line() {
        let o = source(Path::new("o.toml"), ORIGINAL);
        let t = source(
            Path::new("content/start/checklist.fr.toml"),
            "[[item]]\ntext = \"x\nid = 1\n",
        );
        let d = check(&checklist(), &o, &t);
        assert!(d.has_errors());
        assert!(d.items[0]
            .position()
            .unwrap()
            .starts_with("content/start/checklist.fr.toml:2"));
    }
}
