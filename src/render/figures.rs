//! The built-in shortcodes drawn from the toolkit's data (`phases`, `model`, `resources`) and the
//! views they and the generated pages share: resources as templates see them, the phase diagram.

use crate::render::views::figures::{LevelView, ModelView, ResourceView};
use serde_json::{Map, Value};

use super::diagram::{self, Node, Words};
use super::rewrite::rebase;
use super::Renderer;
use crate::config::{unknown_name, Name};
use crate::content::DataKind;
use crate::data::resources::{Link, Resource};
use crate::diagnostic::did_you_mean;
use crate::markdown::links::relative_url;
use crate::markdown::Call;

/// A shortcode problem: the message and a hint, placed at the call by the caller.
pub type Problem = (String, Option<String>);

impl Renderer {
    /// One interface string in the site's language.
    pub(crate) fn text(&self, key: &str) -> String {
        match self.strings.get(key) {
            "" => key.to_string(),
            text => text.to_string(),
        }
    }

    /// Values for the built-in shortcodes drawn from the toolkit's data; none for the others.
    pub(crate) fn data_shortcode(
        &self,
        call: &Call,
        url: &str,
    ) -> Result<Map<String, Value>, Problem> {
        let id = format!("tr-{}-{}", call.name, call.span.start);
        let mut values = Map::new();
        let mut put = |k: &str, v: Result<Value, serde_json::Error>| {
            values.insert(k.to_string(), v.unwrap_or(Value::Null));
        };
        match call.name.as_str() {
            "phases" => {
                check_args(call, &[], &[])?;
                if self.data.phases.is_empty() {
                    return Err((
                        "there are no phases to draw".into(),
                        Some(
                            "list them in site.toml: [toolkit] phases = [\"getting-started\", ...]"
                                .into(),
                        ),
                    ));
                }
                put("diagram", Ok(Value::String(self.phase_diagram(url, &id))));
            }
            "model" => {
                check_args(call, &["id"], &["id"])?;
                if self.data.broken_files.contains(&DataKind::Models) {
                    return Ok(values);
                }
                let view = self.model_view(call, url, &id)?;
                put("model", serde_json::to_value(view));
            }
            "resources" => {
                check_args(call, &["phase"], &[])?;
                if self.data.broken_files.contains(&DataKind::Resources) {
                    return Ok(values);
                }
                let phase = self.phase_arg(call)?;
                let list = self.resource_list(phase, url)?;
                put("resources", serde_json::to_value(list));
                let title = phase.and_then(|p| self.data.phases.iter().find(|x| x.name == p));
                put(
                    "phase_title",
                    Ok(title.map_or(Value::Null, |p| Value::String(p.title.clone()))),
                );
            }
            _ => {}
        }
        Ok(values)
    }

    /// The phase diagram as seen from the page at `url`; `id` keeps its ids unique on the page.
    pub(crate) fn phase_diagram(&self, url: &str, id: &str) -> String {
        let phases = &self.data.phases;
        let current = self.data.phase_of(url).map(|p| p.name.as_str());
        let hrefs: Vec<String> = phases
            .iter()
            .map(|p| relative_url(url, &format!("{}index.html", p.url)))
            .collect();
        let nodes: Vec<Node> = phases
            .iter()
            .zip(&hrefs)
            .map(|(p, href)| Node {
                number: p.number,
                title: &p.title,
                href,
                current: Some(p.name.as_str()) == current,
            })
            .collect();
        let layout = self.site().layout;
        let lead = self.text(match layout {
            crate::config::Layout::Sequence => "diagram_sequence",
            crate::config::Layout::Cycle => "diagram_cycle",
        });
        let list: Vec<String> = phases
            .iter()
            .map(|p| format!("{}. {}", p.number, p.title))
            .collect();
        let desc = format!("{lead} {}. {}", list.join("; "), self.text("diagram_links"));
        let title = self.text("diagram_title");
        diagram::phases(
            &nodes,
            layout,
            id,
            &Words {
                title: &title,
                desc: &desc,
            },
        )
    }

    fn model_view(&self, call: &Call, url: &str, id: &str) -> Result<ModelView, Problem> {
        let wanted = call
            .args
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let models = &self.data.models;
        let Some(model) = models.get(wanted) else {
            let known: Vec<&str> = models.ids().collect();
            let hint = if known.is_empty() {
                "write the model in content/models.toml: [[model]] with an id, a title and [[model.level]]s".to_string()
            } else {
                did_you_mean(wanted, known.iter().copied()).unwrap_or_else(|| {
                    format!("models in content/models.toml: {}", known.join(", "))
                })
            };
            return Err((format!("there is no model `{wanted}`"), Some(hint)));
        };
        let titles: Vec<&str> = model.levels.iter().map(|l| l.title.as_str()).collect();
        let listed: Vec<String> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{}. {t}", i + 1))
            .collect();
        let desc = format!(
            "{} {}.",
            self.text("model_levels")
                .replace("{count}", &titles.len().to_string()),
            listed.join("; ")
        );
        Ok(ModelView {
            id: model.id.clone(),
            title: model.title.clone(),
            description: rebase(&model.description_html, "", url),
            levels: model
                .levels
                .iter()
                .enumerate()
                .map(|(i, l)| LevelView {
                    number: i + 1,
                    title: l.title.clone(),
                    description: rebase(&l.description_html, "", url),
                })
                .collect(),
            svg: diagram::model(&titles, id, &model.title, &desc),
        })
    }

    /// The `phase` argument, checked against site.toml.
    fn phase_arg<'c>(&self, call: &'c Call) -> Result<Option<&'c str>, Problem> {
        let Some(value) = call.args.get("phase") else {
            return Ok(None);
        };
        let phase = value.as_str().ok_or((
            "`phase` takes a phase's folder name in double quotes".to_string(),
            None,
        ))?;
        if self.data.phases.iter().any(|p| p.name == phase) {
            return Ok(Some(phase));
        }
        let known: Vec<&str> = self.data.phases.iter().map(|p| p.name.as_str()).collect();
        let (message, hint) = unknown_name(Name::Phase, phase, &known).unwrap_or_default();
        Err((message, Some(hint)))
    }

    fn resource_list(&self, phase: Option<&str>, url: &str) -> Result<Vec<ResourceView>, Problem> {
        let Some(resources) = &self.data.resources else {
            return Err((
                "there is no content/resources.toml for this shortcode to list".into(),
                Some("create content/resources.toml with [[resource]] tables, each with a title and url".into()),
            ));
        };
        Ok(resources
            .for_phase(phase)
            .map(|r| self.resource_view(r, url))
            .collect())
    }

    /// A resource with its links made relative to the page at `url`.
    pub(crate) fn resource_view(&self, r: &Resource, url: &str) -> ResourceView {
        let (href, external) = match &r.link {
            Link::None => (None, false),
            Link::External(u) => (Some(u.clone()), true),
            Link::Internal(path) => (Some(relative_url(url, path)), false),
        };
        let site_lang = &self.site().language;
        ResourceView {
            id: r.id.clone(),
            title: r.title.clone(),
            href,
            external,
            hreflang: r.language.clone().filter(|l| l != site_lang),
            kind: r.kind.clone(),
            format: r.format.clone(),
            description: rebase(&r.description_html, "", url),
            phase: r.phase.clone(),
            phase_title: r
                .phase
                .as_ref()
                .and_then(|p| self.data.phases.iter().find(|x| &x.name == p))
                .map(|p| p.title.clone()),
            audiences: self.audiences(r.audience.iter().map(String::as_str)),
            publisher: r.publisher.clone(),
            year: r.year,
            language: r.language.as_ref().map(|l| match l.as_str() {
                "en" | "fr" => self.text(&format!("lang_{l}")),
                other => other.to_string(),
            }),
            license: r.license.clone(),
        }
    }
}

/// Unknown arguments and missing required ones, with the allowed names in the hint.
fn check_args(call: &Call, allowed: &[&str], required: &[&str]) -> Result<(), Problem> {
    let list = if allowed.is_empty() {
        "it takes no arguments".to_string()
    } else {
        format!("its arguments: {}", allowed.join(", "))
    };
    for key in call.args.keys() {
        if !allowed.contains(&key.as_str()) {
            let hint = did_you_mean(key, allowed.iter().copied())
                .map_or(list.clone(), |d| format!("{d} ({list})"));
            return Err((
                format!("the `{}` shortcode has no argument `{key}`", call.name),
                Some(hint),
            ));
        }
    }
    for key in required {
        if !call.args.contains_key(*key) {
            return Err((
                format!("the `{}` shortcode needs {key}=\"...\"", call.name),
                Some(format!("write {{{{ {}({key}=\"...\") }}}}", call.name)),
            ));
        }
    }
    Ok(())
}
