//! Helpers shared by the data parsers: where a value's text starts, ids derived or checked,
//! audiences, and ids used twice in one scope.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use pulldown_cmark::{Event, Parser};
use toml::Spanned;

use crate::config::{Config, Name};
use crate::diagnostic::{line_col, Diagnostic};
use crate::names::{is_valid_slug, slugify};
use crate::tomlinput::TomlSource;

/// A Markdown text from a data file, with the span of its TOML value (quotes included) so a
/// problem inside the text can point at its line in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Markdown {
    pub(crate) text: String,
    pub(crate) span: Range<usize>,
}

impl Markdown {
    pub(crate) fn new(value: Spanned<String>) -> Markdown {
        let span = value.span();
        Markdown {
            text: value.into_inner(),
            span,
        }
    }

    /// Byte offset in `file` of the text's first character: past the opening quotes, and past the
    /// newline TOML drops right after `"""`.
    pub(crate) fn text_start(&self, file: &str) -> usize {
        let at = &file[self.span.start.min(file.len())..];
        let skip = if at.starts_with("\"\"\"") || at.starts_with("'''") {
            3 + if at[3..].starts_with("\r\n") {
                2
            } else {
                usize::from(at[3..].starts_with('\n'))
            }
        } else {
            usize::from(at.starts_with('"') || at.starts_with('\''))
        };
        self.span.start + skip
    }

    /// A range inside the text as a range of the file. Escapes in the TOML string can shift it by a
    /// few characters, so it is clamped to the value.
    pub(crate) fn file_span(&self, file: &str, inner: Range<usize>) -> Range<usize> {
        let start = (self.text_start(file) + inner.start).min(self.span.end);
        let end = (self.text_start(file) + inner.end).clamp(start, self.span.end);
        start..end
    }
}

/// The plain text of inline Markdown: what an id is derived from and what a download shows.
pub(crate) fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The names a data file uses that site.toml defines (audiences, phases), each with where it is
/// written. Parsers note them; `validate::refs` checks them all at once, against site.toml.
#[derive(Debug, Clone, Default)]
pub(crate) struct Refs {
    pub(crate) items: Vec<Reference>,
}

/// One name written in a data file.
#[derive(Debug, Clone)]
pub(crate) struct Reference {
    pub(crate) kind: Name,
    pub(crate) id: String,
    pub(crate) path: PathBuf,
    pub(crate) text: Arc<str>,
    pub(crate) span: Range<usize>,
}

impl Reference {
    /// An error at the name when site.toml does not define it.
    pub(crate) fn check(&self, config: &Config) -> Option<Diagnostic> {
        let (message, hint) = config.unknown_name(self.kind, &self.id)?;
        let d = Diagnostic::error(message).at_span(&self.path, &self.text, self.span.clone());
        Some(d.hint(hint))
    }
}

#[cfg(test)]
impl Refs {
    /// A parse's result with the names it noted checked as a build checks them, against a
    /// site.toml with `phases` and the audiences students and faculty: the names' errors come
    /// after the parse's own.
    pub(crate) fn checked<T>(
        &self,
        parsed: Result<T, Vec<Diagnostic>>,
        phases: &[&str],
    ) -> Result<T, Vec<Diagnostic>> {
        let list: Vec<String> = phases.iter().map(|p| format!("\"{p}\"")).collect();
        let site = format!(
            "title = \"T\"\n[toolkit]\nphases = [{}]\n[audiences]\nstudents = \"Students\"\nfaculty = \"Faculty\"\n",
            list.join(", ")
        );
        let config = Config::parse(&site, std::path::Path::new("site.toml")).unwrap();
        let names: Vec<Diagnostic> = self.items.iter().filter_map(|r| r.check(&config)).collect();
        match parsed {
            Ok(value) if names.is_empty() => Ok(value),
            Ok(_) => Err(names),
            Err(mut errors) => {
                errors.extend(names);
                Err(errors)
            }
        }
    }
}

impl Refs {
    /// Notes `id`, written at its span in `input`.
    pub(crate) fn note(&mut self, kind: Name, id: &Spanned<String>, input: &TomlSource) {
        let span = id.span();
        self.items.push(Reference {
            kind,
            id: id.get_ref().clone(),
            path: input.path.to_path_buf(),
            text: input.file.clone(),
            span: (span.start + input.offset)..(span.end + input.offset),
        });
    }
}

/// A list of audience ids, noted for `validate::refs`.
pub(crate) fn audiences(
    list: Vec<Spanned<String>>,
    input: &TomlSource,
    refs: &mut Refs,
) -> Vec<String> {
    for a in &list {
        refs.note(Name::Audience, a, input);
    }
    list.into_iter().map(Spanned::into_inner).collect()
}

/// An explicit id (which must use a-z, 0-9 and -) or one derived from `text` (inline Markdown).
/// Returns the id and the span to point at when it is used twice.
pub(crate) fn id_for(
    explicit: Option<Spanned<String>>,
    text: &Spanned<String>,
    what: &str,
    input: &TomlSource,
) -> Result<(String, Range<usize>), Diagnostic> {
    if let Some(id) = explicit {
        if !is_valid_slug(id.get_ref()) {
            return Err(input
                .error_at(
                    id.span(),
                    format!("the id `{}` may only use a-z, 0-9 and -", id.get_ref()),
                )
                .hint(format!("write id = \"{}\"", slugify(id.get_ref()))));
        }
        let span = id.span();
        return Ok((id.into_inner(), span));
    }
    let derived = slugify(&plain_text(text.get_ref()));
    if derived.is_empty() {
        return Err(input
            .error_at(
                text.span(),
                format!("this {what} has no letters or digits to make its id from"),
            )
            .hint("add id = \"a-short-name\" (a-z, 0-9 and -) to this entry"));
    }
    Ok((derived, text.span()))
}

/// Reports every id used a second time in one scope, at the second place, naming the first.
pub(crate) fn duplicates(
    ids: &[(String, Range<usize>)],
    what: &str,
    input: &TomlSource,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (i, (id, span)) in ids.iter().enumerate() {
        if let Some((_, first)) = ids[..i].iter().find(|(other, _)| other == id) {
            errors.push(
                input
                    .error_at(
                        span.clone(),
                        format!(
                            "two {what}s have the id `{id}`: this one and the one at {}",
                            position(input, first.start)
                        ),
                    )
                    .hint("ids keep saved answers and ticks apart; give one of them its own id = \"...\""),
            );
        }
    }
    errors
}

/// `path:line:col` of a byte offset of the parsed text, for messages naming a second place.
pub(crate) fn position(input: &TomlSource, offset: usize) -> String {
    let (line, col) = line_col(input.file, offset + input.offset);
    format!("{}:{line}:{col}", input.path.display())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::Arc;

    #[test]
    fn text_start_skips_quotes_and_the_first_newline_of_multiline_strings() {
        let file = "a = \"x\"\nb = \"\"\"\nline\"\"\"\nc = 'lit'\n";
        let md = |start: usize, end: usize| Markdown {
            text: String::new(),
            span: start..end,
        };
        assert_eq!(&file[md(4, 7).text_start(file)..][..1], "x");
        assert_eq!(&file[md(12, 23).text_start(file)..][..4], "line");
        assert_eq!(&file[md(28, 33).text_start(file)..][..3], "lit");
    }

    #[test]
    fn plain_text_drops_markup_and_link_targets() {
        assert_eq!(
            plain_text("Read **[roles](roles.md)** and `code`"),
            "Read roles and code"
        );
    }

    #[test]
    fn duplicate_ids_name_the_first_place() {
        let file: Arc<str> = Arc::from("x = 1\ny = 2\n");
        let input = TomlSource::whole(Path::new("f.toml"), &file);
        let errs = duplicates(
            &[("a".into(), 0..1), ("b".into(), 2..3), ("a".into(), 6..7)],
            "item",
            &input,
        );
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].position().unwrap(), "f.toml:2:1");
        assert!(errs[0].message.contains("the one at f.toml:1:1"));
    }
}
