//! Syntax mistakes named in an author's words: quotes pasted from a word processor, and a list
//! whose `]` is missing (which toml reports on the next line as a missing comma).

use super::TomlSource;
use crate::diagnostic::Diagnostic;

impl TomlSource<'_> {
    /// Quotes pasted from a word processor (“ ” ‘ ’) on the line of a syntax error: named, since
    /// "string values must be quoted" is baffling when the value looks quoted.
    pub(super) fn curly_quotes(&self, at: usize) -> Option<Diagnostic> {
        let text = self.text();
        let at = at.min(text.len());
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = &text[line_start..line_end];
        let (first, quote) = line.char_indices().find(|(_, c)| "“”‘’„«»".contains(*c))?;
        let last = line
            .char_indices()
            .rfind(|(_, c)| "“”‘’„«»".contains(*c))
            .map_or(first + quote.len_utf8(), |(i, c)| i + c.len_utf8());
        let straight = line
            .replace(['“', '”', '„', '«', '»'], "\"")
            .replace(['‘', '’'], "'");
        Some(
            self.error_at(
                line_start + first..line_start + last,
                "these are curly quotes (“ ”) from a word processor; TOML needs straight quotes \"\"",
            )
            .hint(format!("type the quotes again in a plain text editor: {}", straight.trim())),
        )
    }

    /// A list whose `]` is missing: toml reports it where the next key starts ("missing comma"),
    /// and adding the comma as told only moves the error. Named instead at the end of the list's
    /// last item, with the line where the list opened.
    pub(super) fn unclosed_list(&self, at: usize) -> Option<Diagnostic> {
        let text = self.text();
        let at = at.min(text.len());
        let next = text[at..].trim_start();
        let next_is_key = next.is_empty()
            || next.starts_with('[')
            || next
                .split_once('=')
                .is_some_and(|(k, _)| !k.contains('\n') && is_bare_key(k.trim()));
        if !next_is_key {
            return None;
        }
        let open = unclosed_bracket(&text[..at])?;
        let end = text[..at].trim_end().len();
        let last = text[..end].chars().next_back().map_or(0, char::len_utf8);
        let line = crate::diagnostic::line_col(self.file, self.offset + open).0;
        Some(
            self.error_at(
                end - last..end,
                format!("the list opened on line {line} is never closed: `]` is missing after its last item"),
            )
            .hint("add `]` after the last item, like key = [\"first\", \"second\"]"),
        )
    }
}

fn is_bare_key(k: &str) -> bool {
    !k.is_empty()
        && k.split('.').all(|part| {
            !part.trim().is_empty()
                && part
                    .trim()
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}

/// The offset of the last `[` in `text` that no `]` closes, outside strings and comments.
fn unclosed_bracket(text: &str) -> Option<usize> {
    let mut open = Vec::new();
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            _ if comment => comment = c != '\n',
            (Some('"'), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), c) if c == q && !escaped => quote = None,
            (Some(_), '\n') => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => comment = true,
            (None, '[') => open.push(i),
            (None, ']') => {
                open.pop();
            }
            _ => {}
        }
        escaped = false;
    }
    open.pop()
}
