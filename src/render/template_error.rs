//! Tera's errors in an author's words, at the template's own line.
//!
//! Tera 1 reports a render error without a position ("Variable `x` not found in context while
//! rendering 'page.html'"), and names the template being rendered even when the mistake sits in a
//! template it extends or includes. So the error is classified into a plain message and a needle
//! (the variable, filter or name it is about), and the needle is looked for inside the `{{ }}` and
//! `{% %}` tags of that template and of every template it extends, includes or imports.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use super::theme::TemplateSource;
use crate::diagnostic::{did_you_mean, Diagnostic};

/// What the error is about, to find in the template's text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Needle {
    /// A variable path such as `page.title`, matched as a whole word.
    Variable(String),
    /// A filter name, matched after a `|`.
    Filter(String),
    /// A function name, matched before a `(`.
    Function(String),
    /// A quoted template name.
    Quoted(String),
    None,
}

/// A Tera error explained: the message, what to look for, and a hint.
#[derive(Debug)]
struct Cause {
    message: String,
    needle: Needle,
    hint: Option<String>,
}

/// A Tera error as a diagnostic at the template's file and line. `rendering` is the content file
/// being rendered (named in the message); `context` the values the template received (for a
/// "did you mean" on a misspelt variable).
pub(crate) fn template_error(
    e: &tera::Error,
    templates: &HashMap<String, TemplateSource>,
    rendering: Option<&Path>,
    context: Option<&Value>,
) -> Diagnostic {
    let chain = error_chain(e);
    let cause = explain(&chain, context);
    let start = innermost_template(&chain);
    let mut d = Diagnostic::error(match rendering {
        Some(p) => format!("{}, while rendering {}", cause.message, p.display()),
        None => cause.message.clone(),
    });
    if let Some((t, span)) = parse_position(&chain, &start, templates) {
        d = d.at_span(&t.shown, &t.text, span);
    } else if let Some((t, span)) = locate(&cause.needle, &start, templates) {
        d = d.at_span(&t.shown, &t.text, span);
    } else if let Some(t) = templates.get(&start) {
        d = d.in_file(&t.shown);
    }
    match cause.hint {
        Some(h) => d.hint(h),
        None => d,
    }
}

/// The error and its sources, one per line.
fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join("\n")
}

fn capture(chain: &str, pattern: &str) -> Option<Vec<String>> {
    let re = regex_lite::Regex::new(pattern).ok()?;
    let c = re.captures(chain)?;
    Some(
        c.iter()
            .skip(1)
            .map(|m| m.map_or(String::new(), |m| m.as_str().to_string()))
            .collect(),
    )
}

/// The template Tera was in when it failed: the innermost one it names.
fn innermost_template(chain: &str) -> String {
    capture(chain, r"while rendering '([^']+)'")
        .or_else(|| capture(chain, r"Failed to (?:render|parse) '([^']+)'"))
        .or_else(|| capture(chain, r"Template '([^']+)' is inheriting"))
        .and_then(|c| c.into_iter().next())
        .unwrap_or_default()
}

/// Tera's error, classified into plain words.
fn explain(chain: &str, context: Option<&Value>) -> Cause {
    variable_cause(chain, context)
        .or_else(|| filter_cause(chain))
        .or_else(|| missing_cause(chain))
        .unwrap_or_else(|| match capture(chain, r"(?m)^\s*= (.*)$") {
            Some(c) => Cause {
                message: format!("this template cannot be read: {}", c[0]),
                needle: Needle::None,
                hint: Some(syntax_hint(&c[0])),
            },
            None => Cause {
                message: format!("this template failed: {}", last_line(chain)),
                needle: Needle::None,
                hint: None,
            },
        })
}

/// A variable that is not defined, or not a number where arithmetic needs one.
fn variable_cause(chain: &str, context: Option<&Value>) -> Option<Cause> {
    if let Some(c) = capture(chain, r"Variable `([^`]+)` not found") {
        let v = c[0].clone();
        return Some(Cause {
            message: format!("`{v}` is not defined"),
            hint: context.map(|cx| variable_hint(&v, cx)),
            needle: Needle::Variable(v),
        });
    }
    let c = capture(chain, r"Variable `([^`]+)` was used in a math operation")?;
    Some(Cause {
        message: format!("`{}` is used in arithmetic but is not a number", c[0]),
        needle: Needle::Variable(c[0].clone()),
        hint: None,
    })
}

/// A filter that failed on its value, or that does not exist.
fn filter_cause(chain: &str) -> Option<Cause> {
    if let Some(c) = capture(chain, r"Filter call '([^']+)' failed") {
        let f = c[0].clone();
        let why = capture(
            chain,
            r"(?m)(?:called on an incorrect value: |expected )(.*)$",
        )
        .map_or_else(
            || last_line(chain).to_string(),
            |w| {
                w[0].replace("a f64", "a number")
                    .replace("an i64", "a whole number")
            },
        );
        return Some(Cause {
            message: format!("the filter `{f}` failed: {why}"),
            needle: Needle::Filter(f),
            hint: None,
        });
    }
    let c = capture(chain, r"Filter '([^']+)' not found")?;
    Some(Cause {
        message: format!("there is no filter called `{}`", c[0]),
        needle: Needle::Filter(c[0].clone()),
        hint: Some("check the filter's name: Tera's filters include safe, upper, lower, default, length, join, truncate, date".into()),
    })
}

/// A function, a parent template or an included template that does not exist.
fn missing_cause(chain: &str) -> Option<Cause> {
    if let Some(c) = capture(chain, r"Function '([^']+)' not found") {
        return Some(Cause {
            message: format!("there is no function called `{}`", c[0]),
            needle: Needle::Function(c[0].clone()),
            hint: None,
        });
    }
    if let Some(c) = capture(chain, r"inheriting from '([^']+)', which doesn't exist") {
        return Some(Cause {
            message: format!("this template extends `{}`, which does not exist", c[0]),
            needle: Needle::Quoted(c[0].clone()),
            hint: Some("extend one of the theme's templates, such as \"base.html\"".into()),
        });
    }
    let c = capture(chain, r"Template '\[?([^'\]]+)\]?' not found")?;
    Some(Cause {
        message: format!("the template `{}` does not exist", c[0]),
        needle: Needle::Quoted(c[0].clone()),
        hint: Some(
            "templates are looked for in templates/ and in the theme's templates/ folder".into(),
        ),
    })
}

fn last_line(chain: &str) -> &str {
    chain
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or("")
}

fn syntax_hint(expected: &str) -> String {
    let closing = [
        "tag or some content",
        "expected a template",
        "endif",
        "endfor",
        "endblock",
    ];
    if closing.iter().any(|c| expected.contains(c)) {
        "every {% if %} needs an {% endif %}, every {% for %} an {% endfor %}, every {% block %} an {% endblock %}".into()
    } else {
        "tags look like {{ variable }}, {% if ... %}{% endif %}, {% for x in list %}{% endfor %}"
            .into()
    }
}

/// "did you mean" for a misspelt variable path, against the values the template received.
fn variable_hint(path: &str, context: &Value) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    let mut value = context;
    for (i, part) in parts.iter().enumerate() {
        match value.get(part) {
            Some(v) => value = v,
            None => {
                let keys: Vec<&str> = value
                    .as_object()
                    .map(|m| m.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                let prefix = parts[..i].join(".");
                let full = |k: &str| {
                    if prefix.is_empty() {
                        k.to_string()
                    } else {
                        format!("{prefix}.{k}")
                    }
                };
                if let Some(best) = did_you_mean(part, keys.iter().copied()) {
                    let name = best
                        .trim_start_matches("did you mean `")
                        .trim_end_matches("`?");
                    return format!("did you mean `{}`?", full(name));
                }
                let shown = if prefix.is_empty() {
                    "this template".to_string()
                } else {
                    format!("`{prefix}`")
                };
                return format!("the values {shown} has here: {}; write {{{{ {path} | default(value=\"\") }}}} for one that may be missing", keys.join(", "));
            }
        }
    }
    format!("`{path}` is empty here; write {{{{ {path} | default(value=\"\") }}}} for a value that may be missing")
}

/// A parse error's ` --> line:col`, as a span in the named template.
fn parse_position<'t>(
    chain: &str,
    name: &str,
    templates: &'t HashMap<String, TemplateSource>,
) -> Option<(&'t TemplateSource, std::ops::Range<usize>)> {
    let c = capture(chain, r"--> (\d+):(\d+)")?;
    let (line, col): (usize, usize) = (c[0].parse().ok()?, c[1].parse().ok()?);
    let t = templates.get(name)?;
    let line_start: usize = t
        .text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = t.text[line_start.min(t.text.len())..]
        .lines()
        .next()
        .unwrap_or("");
    let at = line_start
        + line_text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
    Some((t, at..at))
}

/// The first place the needle appears inside a tag, searching `start` and then every template it
/// extends, includes or imports.
fn locate<'t>(
    needle: &Needle,
    start: &str,
    templates: &'t HashMap<String, TemplateSource>,
) -> Option<(&'t TemplateSource, std::ops::Range<usize>)> {
    if *needle == Needle::None {
        return None;
    }
    let mut queue = vec![start.to_string()];
    let mut seen = Vec::new();
    while let Some(name) = queue.pop() {
        if seen.contains(&name) {
            continue;
        }
        let Some(t) = templates.get(&name) else {
            continue;
        };
        if let Some(span) = find_in_tags(&t.text, needle) {
            return Some((t, span));
        }
        let mut next = referenced_templates(&t.text);
        next.reverse();
        queue.extend(next);
        seen.push(name);
    }
    None
}

/// Names in `{% extends "x" %}`, `{% include "x" %}` and `{% import "x" as y %}`, in order.
fn referenced_templates(text: &str) -> Vec<String> {
    let Ok(re) = regex_lite::Regex::new(r#"\{%-?\s*(?:extends|include|import)\s+["']([^"']+)["']"#)
    else {
        return Vec::new();
    };
    re.captures_iter(text).map(|c| c[1].to_string()).collect()
}

/// Byte ranges of the inside of every `{{ }}` and `{% %}` tag.
fn tags(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(open) = text[pos..].find(['{']).map(|i| pos + i) {
        let rest = &text[open..];
        let close = if rest.starts_with("{{") {
            "}}"
        } else if rest.starts_with("{%") {
            "%}"
        } else {
            pos = open + 1;
            continue;
        };
        let inner = open + 2;
        let end = text[inner..].find(close).map_or(text.len(), |i| inner + i);
        out.push(inner..end);
        pos = (end + 2).min(text.len());
    }
    out
}

/// The needle's first occurrence inside a tag of `text`, as a byte range.
fn find_in_tags(text: &str, needle: &Needle) -> Option<std::ops::Range<usize>> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    for tag in tags(text) {
        let inside = &text[tag.clone()];
        let hit = match needle {
            Needle::Variable(v) => find_word(inside, v, |c| ident(c) || c == '.'),
            Needle::Filter(f) => {
                find_word(inside, f, ident).filter(|&i| inside[..i].trim_end().ends_with('|'))
            }
            Needle::Function(f) => find_word(inside, f, ident)
                .filter(|&i| inside[i + f.len()..].trim_start().starts_with('(')),
            Needle::Quoted(q) => inside
                .find(&format!("\"{q}\""))
                .or_else(|| inside.find(&format!("'{q}'")))
                .map(|i| i + 1),
            Needle::None => None,
        };
        if let Some(i) = hit {
            let len = match needle {
                Needle::Variable(s)
                | Needle::Filter(s)
                | Needle::Function(s)
                | Needle::Quoted(s) => s.len(),
                Needle::None => 0,
            };
            return Some(tag.start + i..tag.start + i + len);
        }
    }
    None
}

/// The first occurrence of `word` not glued to other word characters.
fn find_word(text: &str, word: &str, glued: impl Fn(char) -> bool) -> Option<usize> {
    text.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(&glued) && !after.is_some_and(|c| glued(c) && c != '.')
    })
}

/// One mistake in a template fails every page that uses it: report it once, at the template's
/// line, counting the other pages. Diagnostics elsewhere are left as they are.
pub(crate) fn merge_template_repeats(failures: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<(Diagnostic, usize)> = Vec::new();
    let mut seen: HashMap<(String, Option<String>), usize> = HashMap::new();
    for d in failures {
        let in_template = d
            .location
            .as_ref()
            .is_some_and(|l| l.path.starts_with("templates") || l.path.starts_with("themes"));
        let key = (d.position().unwrap_or_default(), d.hint.clone());
        match seen.get(&key) {
            Some(&i) if in_template => out[i].1 += 1,
            _ => {
                seen.insert(key, out.len());
                out.push((d, 0));
            }
        }
    }
    out.into_iter()
        .map(|(mut d, others)| {
            if others > 0 {
                let pages = if others == 1 { "page" } else { "pages" };
                d.message = format!("{} and {others} other {pages}", d.message);
            }
            d
        })
        .collect()
}

#[cfg(test)]
mod tests;
