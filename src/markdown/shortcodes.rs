//! Shortcodes: `{{ name(key="value", n=3) }}` on a line of its own, optionally with a body
//! closed by `{{ end }}`.
//!
//! Before Markdown is parsed, each shortcode line is replaced by an HTML comment marker on the same
//! line, so every other line keeps its line and column (errors in Markdown still point at the true
//! place) and a body is rendered as ordinary Markdown between its two markers. After rendering,
//! `expand` swaps the markers for the shortcodes' HTML, innermost first.

use std::ops::Range;

use serde_json::{Map, Value};

use super::{Findings, Problem};

/// Whether a shortcode takes a body closed by `{{ end }}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// Always has a body (`quote`).
    Required,
    /// Never has a body (`checklist`, `phases` ...).
    Never,
    /// An author's shortcode: has a body when an `{{ end }}` closes it.
    Optional,
}

/// One shortcode call found in a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub(crate) name: String,
    pub(crate) args: Map<String, Value>,
    /// Byte range of the call's line in the text that was scanned.
    pub span: Range<usize>,
    pub(crate) has_body: bool,
    /// A call that needs `{{ end }}` and has none: already an error, so it is not drawn (its
    /// template would only add a second error about the missing body).
    pub(crate) unclosed: bool,
}

/// The text with markers in place of shortcode lines, and the calls in order of appearance.
#[derive(Debug, Default)]
pub struct Prepared {
    pub text: String,
    pub calls: Vec<Call>,
    /// Already in the positions of the text that was scanned.
    pub problems: Findings,
    /// Where each replaced line starts and ends, as (offset in `text`, offset in the scanned
    /// text) pairs in order: a marker is rarely as long as the line it stands for, so a position
    /// after one is found in the scanned text through this map.
    shifts: Vec<(usize, usize)>,
}

impl Prepared {
    /// The offset in the scanned text of `at`, an offset in `text`. A position inside a marker
    /// maps into its shortcode's line.
    pub(crate) fn source_offset(&self, at: usize) -> usize {
        let next = self.shifts.partition_point(|&(p, _)| p <= at);
        let Some(&(p, s)) = next.checked_sub(1).and_then(|i| self.shifts.get(i)) else {
            return at;
        };
        let mapped = s + (at - p);
        match self.shifts.get(next) {
            Some(&(_, end)) => mapped.min(end),
            None => mapped,
        }
    }

    /// Records that the scanned text's `original` range became `text[from..]`.
    fn replaced(&mut self, from: usize, original: Range<usize>) {
        self.shifts.push((from, original.start));
        self.shifts.push((self.text.len(), original.end));
    }
}

pub(crate) fn marker(n: usize) -> String {
    format!("<!--trellis:sc:{n}-->")
}
/// As long as `marker(n)`, which it replaces when an `{{ end }}` is found: the positions
/// recorded after it stay true.
pub(crate) fn open_marker(n: usize) -> String {
    format!("<!--trellis:op:{n}-->")
}
pub(crate) fn close_marker(n: usize) -> String {
    format!("<!--trellis:close:{n}-->")
}

/// Finds shortcode lines outside fenced code and replaces them with markers.
pub fn prepare(text: &str, body_kind: &dyn Fn(&str) -> BodyKind) -> Prepared {
    let mut out = Prepared {
        text: String::with_capacity(text.len() + 64),
        ..Prepared::default()
    };
    // Open calls that may still receive an `{{ end }}`: (index in calls, where its marker is).
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let span = pos..pos + line.trim_end().len();
        pos += line.len();
        let content = line.trim_end();
        if let Some(f) = fence {
            if closes_fence(content, f) {
                fence = None;
            }
            out.text.push_str(line);
            continue;
        }
        if let Some(f) = opens_fence(content) {
            fence = Some(f);
            out.text.push_str(line);
            continue;
        }
        if !(content.starts_with("{{") && content.ends_with("}}")) {
            if content.trim_start().starts_with("{{")
                && content.ends_with("}}")
                && content.contains('(')
            {
                out.problems.push(Problem::error(span, "this shortcode is indented or inside a list or quote, so it would be shown as text")
                    .hint("start the line with {{ at its very beginning (no tab or spaces before it), outside lists and quotes"));
            }
            out.text.push_str(line);
            continue;
        }
        shortcode_line(&mut out, &mut open, content, span, body_kind);
        out.text.push_str(&line[content.len()..]);
    }
    for (n, _) in open {
        if body_kind(&out.calls[n].name) == BodyKind::Required {
            out.calls[n].unclosed = true;
            let call = &out.calls[n];
            out.problems.push(
                Problem::error(
                    call.span.clone(),
                    format!("the `{}` shortcode is never closed", call.name),
                )
                .hint("add a line {{ end }} after its text"),
            );
        }
    }
    out
}

/// One line that is a shortcode (`{{ name(...) }}` or `{{ end }}`, at `span` in the text):
/// replaced by its marker, or kept as text with the reason it cannot be read.
fn shortcode_line(
    out: &mut Prepared,
    open: &mut Vec<(usize, usize)>,
    content: &str,
    span: Range<usize>,
    body_kind: &dyn Fn(&str) -> BodyKind,
) {
    let inner = content[2..content.len() - 2].trim();
    if inner == "end" {
        let from = out.text.len();
        close(out, open, span.clone());
        out.replaced(from, span);
        return;
    }
    match parse_call(inner) {
        Ok((name, args)) => {
            let kind = body_kind(&name);
            let n = out.calls.len();
            out.calls.push(Call {
                name,
                args,
                span: span.clone(),
                has_body: false,
                unclosed: false,
            });
            let from = out.text.len();
            if kind != BodyKind::Never {
                open.push((n, from));
            }
            out.text.push_str(&marker(n));
            out.replaced(from, span);
        }
        Err((col, msg)) => {
            let at = span.start + 2 + (content.len() - 2 - content[2..].trim_start().len()) + col;
            out.problems.push(
                Problem::error(
                    at..span.end,
                    format!("this shortcode cannot be read: {msg}"),
                )
                .hint("write it as {{ name(key=\"text\", number=3, flag=true) }}"),
            );
            out.text.push_str(content);
        }
    }
}

/// `{{ end }}`: closes the innermost open call that can take a body. Author shortcodes left open
/// above it had no body.
fn close(out: &mut Prepared, open: &mut Vec<(usize, usize)>, span: Range<usize>) {
    let Some((n, at)) = open.pop() else {
        out.problems.push(
            Problem::error(span, "this {{ end }} does not close any shortcode")
                .hint("remove it, or add the opening shortcode line above the text it should wrap"),
        );
        return;
    };
    let plain = marker(n);
    let open_m = open_marker(n);
    out.text.replace_range(at..at + plain.len(), &open_m);
    out.text.push_str(&close_marker(n));
    out.calls[n].has_body = true;
}

fn opens_fence(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let c = trimmed.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = trimmed.chars().take_while(|&x| x == c).count();
    (n >= 3 && !(c == '`' && trimmed[n..].contains('`'))).then_some((c, n))
}

fn closes_fence(line: &str, (c, n): (char, usize)) -> bool {
    let t = line.trim();
    t.len() >= n && t.chars().all(|x| x == c)
}

/// Parses `name(key="value", n=3, flag=true)`. On failure, the column (in `inner`) and why.
pub fn parse_call(inner: &str) -> Result<(String, Map<String, Value>), (usize, String)> {
    let name_end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    if name.is_empty() {
        return Err((0, "expected a shortcode name".into()));
    }
    let rest = inner[name_end..].trim_start();
    let offset = inner.len() - rest.len();
    let Some(args_text) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
        return Err((offset, format!("expected `{name}(...)` with parentheses")));
    };
    let args = parse_args(args_text).map_err(|(col, m)| (offset + 1 + col, m))?;
    Ok((name.to_string(), args))
}

fn parse_args(text: &str) -> Result<Map<String, Value>, (usize, String)> {
    let mut args = Map::new();
    let mut p = Cursor { text, pos: 0 };
    p.skip_ws();
    while !p.done() {
        let key_start = p.pos;
        let key = p.take_while(|c| c.is_ascii_alphanumeric() || c == '_');
        if key.is_empty() {
            return Err((p.pos, "expected an argument name".into()));
        }
        p.skip_ws();
        if !p.eat('=') {
            return Err((p.pos, format!("expected `=` after `{key}`")));
        }
        p.skip_ws();
        let value = p.value()?;
        if args.insert(key.to_string(), value).is_some() {
            return Err((key_start, format!("the argument `{key}` is given twice")));
        }
        p.skip_ws();
        if p.done() {
            break;
        }
        if !p.eat(',') {
            return Err((p.pos, "expected `,` between arguments".into()));
        }
        p.skip_ws();
    }
    Ok(args)
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn done(&self) -> bool {
        self.pos >= self.text.len()
    }
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }
    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.pos += c.len_utf8();
        }
        hit
    }
    fn skip_ws(&mut self) {
        self.take_while(char::is_whitespace);
    }
    fn take_while(&mut self, f: impl Fn(char) -> bool) -> &'a str {
        let start = self.pos;
        while let Some(c) = self.peek().filter(|&c| f(c)) {
            self.pos += c.len_utf8();
        }
        &self.text[start..self.pos]
    }

    fn value(&mut self) -> Result<Value, (usize, String)> {
        let start = self.pos;
        match self.peek() {
            Some('"') => self.string(),
            Some(c) if c == '-' || c.is_ascii_digit() => {
                let num = self.take_while(|c| c == '-' || c == '.' || c.is_ascii_digit());
                if let Ok(i) = num.parse::<i64>() {
                    Ok(Value::from(i))
                } else {
                    num.parse::<f64>()
                        .map(Value::from)
                        .map_err(|_| (start, format!("`{num}` is not a number")))
                }
            }
            _ => match self.take_while(|c| c.is_ascii_alphanumeric() || c == '_') {
                "true" => Ok(Value::Bool(true)),
                "false" => Ok(Value::Bool(false)),
                "" => Err((
                    start,
                    "expected a value: \"text\", a number, true or false".into(),
                )),
                word => Err((start, format!("`{word}` needs double quotes: \"{word}\""))),
            },
        }
    }

    fn string(&mut self) -> Result<Value, (usize, String)> {
        let start = self.pos;
        self.pos += 1;
        let mut s = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err((
                        start,
                        "this text is missing its closing double quote".into(),
                    ))
                }
                Some('"') => {
                    self.pos += 1;
                    return Ok(Value::String(s));
                }
                Some('\\') => {
                    self.pos += 1;
                    let c = self.peek().ok_or((
                        start,
                        "this text is missing its closing double quote".to_string(),
                    ))?;
                    self.pos += c.len_utf8();
                    s.push(match c {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                }
                Some(c) => {
                    self.pos += c.len_utf8();
                    s.push(c);
                }
            }
        }
    }
}

/// Replaces markers in rendered HTML with each call's output, in one pass from left to right.
/// A body is handed over when its closing marker is reached, so it already holds its nested
/// shortcodes' HTML. A marker that does not fit (a stray or unmatched one) stays as it is: it is
/// an HTML comment.
pub fn expand(
    html: &str,
    calls: &[Call],
    mut render: impl FnMut(usize, &Call, Option<&str>) -> String,
) -> String {
    let mut out = String::with_capacity(html.len());
    // Open bodies: (call, where its body starts in `out`, where its marker started).
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(MARKER_START) {
        out.push_str(&rest[..at]);
        let Some((kind, n, len)) = read_marker(&rest[at..]).filter(|m| m.1 < calls.len()) else {
            out.push_str(MARKER_START);
            rest = &rest[at + MARKER_START.len()..];
            continue;
        };
        let marker_text = &rest[at..at + len];
        rest = &rest[at + len..];
        match kind {
            "sc" => {
                out.push_str(&render(n, &calls[n], None));
                rest = rest.strip_prefix('\n').unwrap_or(rest);
            }
            "op" => {
                let marker_at = out.len();
                out.push_str(marker_text);
                open.push((n, out.len(), marker_at));
            }
            "close" if open.last().is_some_and(|o| o.0 == n) => {
                let Some((_, body_at, marker_at)) = open.pop() else {
                    continue;
                };
                let body = out[body_at..].trim_matches('\n').to_string();
                out.truncate(marker_at);
                out.push_str(&render(n, &calls[n], Some(&body)));
                rest = rest.strip_prefix('\n').unwrap_or(rest);
            }
            _ => out.push_str(marker_text),
        }
    }
    out.push_str(rest);
    out
}

const MARKER_START: &str = "<!--trellis:";

/// `<!--trellis:KIND:N-->` at the start of `text`: its kind, number and length.
fn read_marker(text: &str) -> Option<(&str, usize, usize)> {
    let inner = text.strip_prefix(MARKER_START)?;
    let end = inner.find("-->")?;
    let (kind, n) = inner[..end].split_once(':')?;
    let n = n.parse().ok()?;
    Some((kind, n, MARKER_START.len() + end + 3))
}

/// Built-in shortcodes and whether they take a body.
pub(crate) const BUILTIN_SHORTCODES: &[(&str, BodyKind)] = &[
    ("quote", BodyKind::Required),
    ("phases", BodyKind::Never),
    ("model", BodyKind::Never),
    ("resources", BodyKind::Never),
    ("checklist", BodyKind::Never),
    ("worksheet", BodyKind::Never),
];

/// The kind of body a shortcode takes: built-ins are fixed, authors' may take one.
pub(crate) fn builtin_body_kind(name: &str) -> BodyKind {
    BUILTIN_SHORTCODES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(BodyKind::Optional, |(_, k)| *k)
}

#[cfg(test)]
mod tests;
