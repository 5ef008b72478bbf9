//! What goes into the index: an entry per page (from its rendered Markdown), per checklist item,
//! per worksheet and per resource, each with the address it lands on.

use std::sync::Arc;

use pulldown_cmark::{Event, Parser, TagEnd};

use super::{Entry, Kind};
use crate::data::checklist::Checklist;
use crate::data::Data;
use crate::markdown::text::squash;
use crate::markdown::Part;

/// A page: its title and summary from the front matter, its text as its Markdown was rendered.
pub(crate) struct PageInput<'a> {
    pub(crate) title: &'a str,
    /// The page's folder URL ("a/b/", "" for the home page).
    pub(crate) url: &'a str,
    pub(crate) phase: Option<&'a str>,
    pub(crate) section: Option<&'a str>,
    pub(crate) summary: Option<&'a str>,
    pub(crate) text: Arc<Vec<Part>>,
}

pub(crate) fn page(p: PageInput) -> Entry {
    Entry {
        kind: Kind::Page,
        title: p.title.to_string(),
        url: format!("{}index.html", p.url),
        phase: p.phase.map(str::to_string),
        context: p.section.map(str::to_string),
        summary: p.summary.map(str::to_string),
        parts: p.text,
    }
}

/// Checklist items, worksheets and resources, in that order. `checklist_title` gives a
/// checklist's title as its page shows it.
pub(crate) fn data(data: &Data, checklist_title: &dyn Fn(&Checklist) -> String) -> Vec<Entry> {
    let mut out = Vec::new();
    for c in &data.checklists {
        let title = checklist_title(c);
        for item in &c.items {
            let detail = item.detail.as_ref().map(|d| markdown_text(&d.text));
            out.push(Entry {
                kind: Kind::ChecklistItem,
                title: markdown_text(&item.text.text),
                // The item's control has this id on the checklist's own page.
                url: format!(
                    "{phase}/checklist/index.html#cl-{phase}-i-{id}",
                    phase = c.phase,
                    id = item.id
                ),
                phase: Some(c.phase.clone()),
                context: Some(title.clone()),
                summary: None,
                parts: Arc::new(text_part(detail)),
            });
        }
    }
    for w in &data.worksheets {
        out.push(worksheet(w));
    }
    if let Some(resources) = &data.resources {
        for r in &resources.items {
            let mut text: Vec<String> = [&r.format, &r.publisher]
                .into_iter()
                .flatten()
                .cloned()
                .collect();
            if let Some(d) = &r.description {
                text.push(markdown_text(d.get_ref()));
            }
            out.push(Entry {
                kind: Kind::Resource,
                title: r.title.clone(),
                url: format!(
                    "{}index.html#resource-{}",
                    crate::data::resources::URL,
                    r.id
                ),
                phase: r.phase.clone(),
                context: r.kind.clone(),
                summary: None,
                parts: Arc::new(text_part(Some(text.join(" · ")))),
            });
        }
    }
    out
}

/// A worksheet: its intro, then each section (landing on the section) with its title, intro
/// and prompts.
fn worksheet(w: &crate::data::Worksheet) -> Entry {
    let mut parts = text_part(w.intro.as_ref().map(|m| markdown_text(&m.text)));
    for (i, s) in w.sections.iter().enumerate() {
        let anchor = Some(format!("ws-{}-s{}", w.id, i + 1));
        parts.push(Part {
            anchor: anchor.clone(),
            heading: s.title.clone(),
            text: s
                .intro
                .as_ref()
                .map(|m| markdown_text(&m.text))
                .unwrap_or_default(),
            strong: false,
        });
        let labels: Vec<String> = s
            .prompts
            .iter()
            .map(|p| markdown_text(&p.label.text))
            .collect();
        parts.push(Part {
            anchor,
            heading: None,
            text: labels.join(" · "),
            strong: true,
        });
    }
    Entry {
        kind: Kind::Worksheet,
        title: w.title.clone(),
        url: format!("worksheets/{}/index.html", w.id),
        phase: w.phase.clone(),
        context: None,
        summary: None,
        parts: Arc::new(parts),
    }
}

fn text_part(text: Option<String>) -> Vec<Part> {
    text.filter(|t| !t.is_empty())
        .map(|text| Part {
            text,
            ..Part::default()
        })
        .into_iter()
        .collect()
}

/// The words of a Markdown text, with a space wherever a block or line ends.
pub(crate) fn markdown_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    squash(&out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn markdown_text_spaces_blocks_but_not_inline_ends() {
        let text = super::markdown_text("Read the [guide](x.md).\n\n- *One*, two\n- Three");
        assert_eq!(text, "Read the guide. One, two Three");
    }
}
