//! The views of a checklist (partials/checklist.html) and of its progress on a home page card.

use crate::render::views::interactive::{
    ChecklistView, GroupView, ItemView, ProgressView, StateView,
};

use super::{Embed, Interactive};
use crate::data::Checklist;

impl Interactive<'_> {
    pub(crate) fn checklist_view(&self, c: &Checklist, at: &Embed) -> ChecklistView {
        let (done_values, skip_values) = state_values(c);
        ChecklistView {
            phase: c.phase.clone(),
            title: self.checklist_title(c),
            intro: c.intro.as_ref().map(|m| self.block(m, &c.source, &at.url)),
            level: at.level,
            group_level: at.level + 1,
            prefix: at.prefix.clone(),
            key: self.checklist_key(&c.phase),
            href: self.checklist_href(&c.phase, &at.url),
            standalone: at.url == format!("{}/checklist/", c.phase),
            has_states: !c.states.is_empty(),
            states: c
                .states
                .iter()
                .map(|s| StateView {
                    label: s.label.clone(),
                    value: s.value.clone(),
                    done: s.done,
                    skip: s.skip,
                })
                .collect(),
            groups: c
                .groups()
                .into_iter()
                .map(|(title, items)| GroupView {
                    title: title.map(str::to_string),
                    items: items
                        .into_iter()
                        .map(|i| self.item_view(c, i, at))
                        .collect(),
                })
                .collect(),
            total: c.items.len(),
            done_values,
            skip_values,
            strings: self.strings_json(&["checklist_progress", "checklist_confirm_reset"]),
        }
    }

    fn item_view(
        &self,
        c: &Checklist,
        item: &crate::data::checklist::Item,
        at: &Embed,
    ) -> ItemView {
        ItemView {
            id: item.id.clone(),
            input_id: format!("{}-i-{}", at.prefix, item.id),
            text: self.inline(&item.text, &c.source, &at.url),
            detail: item
                .detail
                .as_ref()
                .map(|d| self.block(d, &c.source, &at.url)),
            audiences: self.r.audiences(item.audience.iter().map(String::as_str)),
            audience_ids: item.audience.join(" "),
            page: item
                .page
                .as_ref()
                .and_then(|p| self.link(p.get_ref(), &c.source, &at.url)),
        }
    }

    /// The title written in the file, or "<phase title> checklist".
    pub(crate) fn checklist_title(&self, c: &Checklist) -> String {
        c.title.clone().unwrap_or_else(|| {
            let phase = self
                .site
                .section(&c.phase)
                .map_or(c.phase.as_str(), |s| s.title.as_str());
            self.t("checklist_title").replace("{phase}", phase)
        })
    }

    fn checklist_key(&self, phase: &str) -> String {
        format!("{}:checklist:{phase}", self.key)
    }

    /// A phase card's progress line, when the phase has a checklist.
    pub(crate) fn progress(&self, phase: &str) -> Option<ProgressView> {
        let c = self.data.checklist(phase)?;
        let (done_values, skip_values) = state_values(c);
        Some(ProgressView {
            key: self.checklist_key(phase),
            items: c
                .items
                .iter()
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            done_values,
            skip_values,
            total: c.items.len(),
            template: self.t("checklist_progress").to_string(),
        })
    }
}

/// A tick saves "done"; a state saves its value.
fn state_values(c: &Checklist) -> (String, String) {
    if c.states.is_empty() {
        return ("done".into(), String::new());
    }
    let pick = |f: fn(&crate::data::checklist::State) -> bool| {
        c.states
            .iter()
            .filter(|s| f(s))
            .map(|s| s.value.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    (pick(|s| s.done), pick(|s| s.skip))
}
