//! content/models.toml: ordered models a toolkit teaches (a collaboration continuum, a
//! participation ladder), each a list of levels. `parse` is pure.

use serde::Deserialize;
use toml::Spanned;

use std::path::Path;

use super::text::{error_at, markdown, markdown_problems};
use crate::content::Source;
use crate::diagnostic::Diagnostic;
use crate::markdown::LinkIndex;
use crate::names::{is_valid_slug, slugify};

pub(crate) const SOURCE: &str = "content/models.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    model: Vec<RawModel>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    id: Option<Spanned<String>>,
    title: Spanned<String>,
    description: Option<Spanned<String>>,
    #[serde(default)]
    level: Vec<RawLevel>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    title: Spanned<String>,
    description: Option<Spanned<String>>,
}

/// The models of a toolkit (empty without models.toml).
#[derive(Debug, Clone, Default)]
pub(crate) struct Models {
    pub(crate) source: Option<Source>,
    pub(crate) items: Vec<Model>,
}

#[derive(Debug, Clone)]
pub(crate) struct Model {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) description: Option<Spanned<String>>,
    /// The description's HTML, links relative to the site root (rebase it for a page).
    pub(crate) description_html: String,
    pub(crate) levels: Vec<Level>,
}

#[derive(Debug, Clone)]
pub(crate) struct Level {
    pub(crate) title: String,
    pub(crate) description: Option<Spanned<String>>,
    pub(crate) description_html: String,
}

impl Models {
    /// Parses models.toml: unknown keys, empty titles, bad or repeated ids, too few levels.
    pub(crate) fn parse(source: &Source) -> (Models, Vec<Diagnostic>) {
        let raw: RawFile = match super::text::parse_toml(source, "models.toml") {
            Ok(r) => r,
            Err(d) => return (Models::default(), vec![d]),
        };
        let mut diags = Vec::new();
        let mut items: Vec<Model> = Vec::new();
        let mut places: Vec<std::ops::Range<usize>> = Vec::new();
        for m in raw.model {
            diags.extend(check_model(source, &m));
            let (id, span) = match &m.id {
                Some(id) => (id.get_ref().clone(), id.span()),
                None => (slugify(m.title.get_ref()), m.title.span()),
            };
            if let Some(first) = items.iter().position(|x| x.id == id) {
                let (line, _) = crate::diagnostic::line_col(&source.text, places[first].start);
                diags.push(
                    error_at(
                        source,
                        span,
                        format!(
                            "two models have the id `{id}`: this one and the one at line {line}"
                        ),
                    )
                    .hint("give one of them another id = \"...\""),
                );
                continue;
            }
            places.push(span);
            items.push(Model {
                id,
                title: m.title.get_ref().trim().to_string(),
                description: m.description,
                description_html: String::new(),
                levels: m
                    .level
                    .into_iter()
                    .map(|l| Level {
                        title: l.title.get_ref().trim().to_string(),
                        description: l.description,
                        description_html: String::new(),
                    })
                    .collect(),
            });
        }
        (
            Models {
                source: Some(source.clone()),
                items,
            },
            diags,
        )
    }

    /// Renders the descriptions' Markdown, reporting broken links at the description.
    pub(crate) fn resolve_links(&mut self, links: &LinkIndex) -> Vec<Diagnostic> {
        let Some(source) = &self.source else {
            return Vec::new();
        };
        let mut diags = Vec::new();
        let mut render = |text: &Option<Spanned<String>>, html: &mut String| {
            if let Some(t) = text {
                let r = markdown(t.get_ref(), links, Path::new(SOURCE), "");
                diags.extend(markdown_problems(source, t, &r.problems));
                *html = std::sync::Arc::unwrap_or_clone(r.html);
            }
        };
        for m in &mut self.items {
            render(&m.description, &mut m.description_html);
            for l in &mut m.levels {
                render(&l.description, &mut l.description_html);
            }
        }
        diags
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Model> {
        self.items.iter().find(|m| m.id == id)
    }

    pub(crate) fn ids(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|m| m.id.as_str())
    }
}

fn check_model(source: &Source, m: &RawModel) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if let Some(id) = &m.id {
        if !is_valid_slug(id.get_ref()) {
            diags.push(
                error_at(
                    source,
                    id.span(),
                    format!("the id `{}` may only use a-z, 0-9 and -", id.get_ref()),
                )
                .hint(format!("write id = \"{}\"", slugify(id.get_ref()))),
            );
        }
    }
    let empty = |t: &Spanned<String>| t.get_ref().trim().is_empty();
    if empty(&m.title) {
        diags.push(
            error_at(source, m.title.span(), "this model's title is empty")
                .hint("write the title between the quotes"),
        );
    }
    for l in m.level.iter().filter(|l| empty(&l.title)) {
        diags.push(
            error_at(source, l.title.span(), "this level's title is empty")
                .hint("write the title between the quotes"),
        );
    }
    if m.level.len() < 2 {
        diags.push(
            error_at(source, m.title.span(), format!("the model `{}` needs at least two levels", m.title.get_ref()))
                .hint("add [[model.level]] tables below it, each with title = \"...\" and an optional description"),
        );
    }
    diags
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;

    fn parse(text: &str) -> (Models, Vec<String>) {
        let source = Source {
            path: PathBuf::from(SOURCE),
            text: Arc::from(text),
        };
        let (m, d) = Models::parse(&source);
        (m, d.iter().map(ToString::to_string).collect())
    }

    const TWO_LEVELS: &str = "[[model.level]]\ntitle = \"One\"\n[[model.level]]\ntitle = \"Two\"\ndescription = \"More.\"\n";

    #[test]
    fn reads_models_in_order_with_derived_ids() {
        let (m, d) = parse(&format!("[[model]]\nid = \"ladder\"\ntitle = \"A ladder\"\n{TWO_LEVELS}[[model]]\ntitle = \"Mon continuum\"\n{TWO_LEVELS}"));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(m.ids().collect::<Vec<_>>(), ["ladder", "mon-continuum"]);
        let ladder = m.get("ladder").unwrap();
        assert_eq!(ladder.levels.len(), 2);
        assert_eq!(
            ladder.levels[1].description.as_ref().unwrap().get_ref(),
            "More."
        );
    }

    #[test]
    fn mistakes_name_their_line_and_column() {
        let (_, d) = parse("[[model]]\nid = \"x\"\ntitel = \"A\"\n");
        assert!(
            d[0].starts_with("content/models.toml:3:1: error: unknown key `titel`")
                && d[0].contains("did you mean `title`?"),
            "{d:?}"
        );
        let (_, d) = parse(
            "[[model]]\nid = \"Big Model\"\ntitle = \"A\"\n[[model.level]]\ntitle = \"only\"\n",
        );
        assert!(
            d[0].starts_with("content/models.toml:2:6: error: the id `Big Model`")
                && d[0].contains("big-model"),
            "{d:?}"
        );
        assert!(
            d[1].starts_with(
                "content/models.toml:3:9: error: the model `A` needs at least two levels"
            ),
            "{d:?}"
        );
        let (_, d) = parse(&format!("[[model]]\nid = \"x\"\ntitle = \"A\"\n{TWO_LEVELS}[[model]]\nid = \"x\"\ntitle = \"B\"\n{TWO_LEVELS}"));
        assert!(d[0].starts_with("content/models.toml:10:6: error: two models have the id `x`: this one and the one at line 2"), "{d:?}");
        let (_, d) = parse("[[model]]\ntitle = \"A\"\n[[model.level]]\ntitle = 3\n");
        assert!(
            d[0].contains("models.toml:4:9") && d[0].contains("expected text in double quotes"),
            "{d:?}"
        );
    }
}
