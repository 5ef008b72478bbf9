//! `content/<phase>/checklist.toml`: a phase's checklist, parsed and checked (FORMAT.md
//! "checklist.toml" and "Checklists").

use serde::Deserialize;
use toml::Spanned;

use super::fields::{self, Markdown, Refs};
use crate::content::Source;
use crate::diagnostic::Diagnostic;
use crate::names::slugify;
use crate::tomlinput::TomlSource;

/// A phase's checklist.
#[derive(Debug, Clone)]
pub(crate) struct Checklist {
    pub(crate) phase: String,
    pub(crate) source: Source,
    /// The title written in the file; the default ("<phase title> checklist") is the renderer's.
    pub(crate) title: Option<String>,
    pub(crate) intro: Option<Markdown>,
    /// Empty for a checklist of plain ticks.
    pub(crate) states: Vec<State>,
    pub(crate) items: Vec<Item>,
}

/// One of the states a checklist offers instead of a tick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct State {
    pub(crate) label: String,
    /// What is saved in the browser: the slug of the label.
    pub(crate) value: String,
    pub(crate) done: bool,
    pub(crate) skip: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub(crate) id: String,
    pub(crate) text: Markdown,
    pub(crate) detail: Option<Markdown>,
    pub(crate) audience: Vec<String>,
    /// The related page as written (a source path or a URL), checked at build.
    pub(crate) page: Option<Spanned<String>>,
    pub(crate) group: Option<String>,
}

impl Checklist {
    /// Items split into runs that share a group, in file order: a heading each time `group` changes.
    pub(crate) fn groups(&self) -> Vec<(Option<&str>, Vec<&Item>)> {
        let mut runs: Vec<(Option<&str>, Vec<&Item>)> = Vec::new();
        for item in &self.items {
            match runs.last_mut() {
                Some((g, items)) if *g == item.group.as_deref() => items.push(item),
                _ => runs.push((item.group.as_deref(), vec![item])),
            }
        }
        runs
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecklist {
    title: Option<Spanned<String>>,
    intro: Option<Spanned<String>>,
    states: Option<Spanned<Vec<Spanned<RawState>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawState {
    label: Spanned<String>,
    #[serde(default)]
    done: bool,
    #[serde(default)]
    skip: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    text: Spanned<String>,
    id: Option<Spanned<String>>,
    detail: Option<Spanned<String>>,
    #[serde(default)]
    audience: Vec<Spanned<String>>,
    page: Option<Spanned<String>>,
    group: Option<String>,
}

/// Parses the checklist of `phase` from its file. Pure: every problem comes back as a diagnostic.
pub(crate) fn parse(
    source: &Source,
    phase: &str,
    refs: &mut Refs,
) -> Result<Checklist, Vec<Diagnostic>> {
    let input = TomlSource::whole(&source.path, &source.text);
    let (raw, raw_items, mut errors) =
        input.parse_entries::<RawChecklist, RawItem>("the checklist", "item")?;
    let items_failed = !errors.is_empty();
    if let Some(t) = raw.title.as_ref().filter(|t| t.get_ref().trim().is_empty()) {
        errors.push(
            input
                .error_at(t.span(), "the checklist's title is empty")
                .hint("write a title between the quotes, or remove the line to use the default"),
        );
    }
    let states = match raw.states {
        Some(s) => states(s, &input, &mut errors),
        None => Vec::new(),
    };
    if raw_items.is_empty() && !items_failed {
        errors.push(
            input
                .error_at(0..0, "this checklist has no items")
                .hint("add items as [[item]] tables, each with text = \"...\""),
        );
    }
    let mut ids = Vec::new();
    let mut items = Vec::new();
    for item in raw_items {
        if let Some((item, id_span)) = parse_item(item, refs, &input, &mut errors) {
            ids.push((item.id.clone(), id_span));
            items.push(item);
        }
    }
    errors.extend(fields::duplicates(&ids, "checklist item", &input));
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Checklist {
        phase: phase.to_string(),
        source: source.clone(),
        title: raw.title.map(Spanned::into_inner),
        intro: raw.intro.map(Markdown::new),
        states,
        items,
    })
}

fn parse_item(
    raw: RawItem,
    refs: &mut Refs,
    input: &TomlSource,
    errors: &mut Vec<Diagnostic>,
) -> Option<(Item, std::ops::Range<usize>)> {
    if raw.text.get_ref().trim().is_empty() {
        errors.push(
            input
                .error_at(raw.text.span(), "this checklist item's text is empty")
                .hint("write what to do between the quotes"),
        );
        return None;
    }
    let (id, id_span) = match fields::id_for(raw.id, &raw.text, "item", input) {
        Ok(x) => x,
        Err(d) => {
            errors.push(d);
            return None;
        }
    };
    let audience = fields::audiences(raw.audience, input, refs);
    let item = Item {
        id,
        text: Markdown::new(raw.text),
        detail: raw.detail.map(Markdown::new),
        audience,
        page: raw.page,
        group: raw.group.filter(|g| !g.trim().is_empty()),
    };
    Some((item, id_span))
}

fn states(
    raw: Spanned<Vec<Spanned<RawState>>>,
    input: &TomlSource,
    errors: &mut Vec<Diagnostic>,
) -> Vec<State> {
    let list_span = raw.span();
    let mut out = Vec::new();
    let mut values = Vec::new();
    for s in raw.into_inner() {
        let span = s.span();
        let s = s.into_inner();
        let value = slugify(s.label.get_ref());
        if value.is_empty() {
            errors.push(
                input
                    .error_at(
                        s.label.span(),
                        "this state needs a label with letters or digits",
                    )
                    .hint("e.g. { label = \"In progress\" }"),
            );
            continue;
        }
        if s.done && s.skip {
            errors.push(input.error_at(span, format!("the state `{}` is both done and skip", s.label.get_ref()))
                .hint("a state either counts as done or is left out of the count: keep one of done = true, skip = true"));
        }
        values.push((value.clone(), s.label.span()));
        out.push(State {
            label: s.label.into_inner(),
            value,
            done: s.done,
            skip: s.skip,
        });
    }
    errors.extend(fields::duplicates(&values, "state", input));
    if out.len() < 2 {
        errors.push(
            input
                .error_at(
                    list_span.clone(),
                    "a checklist with states needs at least two of them",
                )
                .hint("e.g. states = [{ label = \"Not yet\" }, { label = \"Done\", done = true }]"),
        );
    } else if !out.iter().any(|s| s.done) {
        errors.push(
            input
                .error_at(list_span, "none of these states counts as done, so the progress line would never move")
                .hint("add done = true to the state that means finished, e.g. { label = \"Done\", done = true }"),
        );
    }
    out
}

#[cfg(test)]
mod tests;
