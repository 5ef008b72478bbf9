//! Pages made from the whole site rather than from one Markdown file: resources/ (grouped by
//! kind, filterable by phase), audiences/ (everything tagged for each audience) and search/.

use crate::render::views::generated::{
    AudienceChecklistView, AudienceLinkView, AudienceListsView, AudiencePageView,
    AudienceSectionView, AudienceWorksheetView, PhaseOptionView, ResourceGroupView,
    ResourcesPageView,
};
use tera::Context;

use super::views::figures::ResourceView;
use super::views::AudienceView;
use super::Renderer;
use crate::content::Place;
use crate::content::{PageId, Site};
use crate::data::resources::{self, Resources};
use crate::data::Data;
use crate::diagnostic::Diagnostic;
use crate::markdown::links::relative_url;
use crate::names::slugify;

/// An output file and its HTML, or why it could not be rendered.
pub(crate) type Generated = Vec<(String, Result<String, Diagnostic>)>;

impl Renderer {
    /// A page with the shared furniture (navigation, footer) but no place in the reading order.
    pub(crate) fn generated_page(
        &self,
        site: &Site,
        url: &str,
        title: &str,
        template: &str,
        cx: Context,
    ) -> Result<String, Diagnostic> {
        let mut common = self.common(site, Place::Home, url, title, "", &[])?;
        common.prev = None;
        common.next = None;
        let mut full =
            Context::from_serialize(&common).map_err(|e| Diagnostic::error(e.to_string()))?;
        full.extend(cx);
        self.render(template, &full, None)
    }

    /// resources/ and audiences/: each output path with its HTML.
    pub(crate) fn generated_pages(&self, site: &Site, data: &Data) -> Generated {
        let mut out = Generated::new();
        if let Some(r) = &self.data.resources {
            out.push((
                format!("{}index.html", resources::URL),
                self.resources_page(site, r),
            ));
        }
        if !self.site().audiences.is_empty() {
            let views: Vec<AudiencePageView> = self
                .site()
                .audiences
                .iter()
                .map(|a| self.audience_view(site, data, a))
                .collect();
            out.push((
                "audiences/index.html".into(),
                self.audiences_index(site, &views),
            ));
            for v in views {
                let url = format!("audiences/{}/", v.id);
                let title = self.text("audience_title").replace("{name}", &v.name);
                let mut cx = Context::new();
                cx.insert("audience", &v);
                out.push((
                    format!("{url}index.html"),
                    self.generated_page(site, &url, &title, "audience.html", cx),
                ));
            }
        }
        // The search page: the index and trellis-search.js do the rest in the browser.
        out.push((
            "search/index.html".into(),
            self.generated_page(
                site,
                "search/",
                &self.text("search_title"),
                "search.html",
                Context::new(),
            ),
        ));
        out
    }

    fn resources_page(&self, site: &Site, r: &Resources) -> Result<String, Diagnostic> {
        let url = resources::URL;
        let mut taken: Vec<String> = Vec::new();
        let groups = r
            .by_kind()
            .into_iter()
            .map(|(kind, items)| {
                let base = format!("kind-{}", kind.map_or("other".to_string(), slugify));
                let mut id = base.clone();
                let mut n = 0;
                while taken.contains(&id) {
                    n += 1;
                    id = format!("{base}-{n}");
                }
                taken.push(id.clone());
                ResourceGroupView {
                    id,
                    title: kind.map(str::to_string),
                    items: items
                        .into_iter()
                        .map(|i| self.resource_view(i, url))
                        .collect(),
                }
            })
            .collect();
        let phases = self
            .data
            .phases
            .iter()
            .filter(|p| r.items.iter().any(|i| i.phase.as_deref() == Some(&p.name)))
            .map(|p| PhaseOptionView {
                name: p.name.clone(),
                title: p.title.clone(),
            })
            .collect();
        let view = ResourcesPageView {
            intro: super::rewrite::rebase(&r.intro_html, "", url),
            groups,
            phases,
            count: r.items.len(),
        };
        let title = r.title.clone().unwrap_or_else(|| self.text("resources"));
        let mut cx = Context::new();
        cx.insert("resources", &view);
        self.generated_page(site, url, &title, "resources.html", cx)
    }

    fn audience_view(&self, site: &Site, data: &Data, audience: &AudienceView) -> AudiencePageView {
        let url = format!("audiences/{}/", audience.id);
        let tagged = self.audience_lists(site, data, Reader::Tagged(&audience.id), &url);
        let everyone = self.audience_lists(site, data, Reader::Everyone, &url);
        let others = self
            .site()
            .audiences
            .iter()
            .filter(|a| a.id != audience.id)
            .map(|a| AudienceLinkView {
                id: a.id.clone(),
                name: a.name.clone(),
                href: relative_url(&url, &format!("audiences/{}/index.html", a.id)),
                count: 0,
            })
            .collect();
        AudiencePageView {
            id: audience.id.clone(),
            name: audience.name.clone(),
            sections: tagged.sections,
            resources: tagged.resources,
            checklists: tagged.checklists,
            worksheets: tagged.worksheets,
            count: tagged.count,
            everyone,
            others,
        }
    }

    /// The pages, checklist items, worksheets and resources meant for `reader`, seen from `url`.
    fn audience_lists(
        &self,
        site: &Site,
        data: &Data,
        reader: Reader,
        url: &str,
    ) -> AudienceListsView {
        let for_reader = |id: &PageId| {
            reader.meant(
                site.pages[*id]
                    .front
                    .audience
                    .iter()
                    .map(|a| a.get_ref().as_str()),
            )
        };
        let mut sections: Vec<AudienceSectionView> = site
            .sections
            .iter()
            .map(|s| AudienceSectionView {
                title: Some(s.title.clone()),
                href: Some(relative_url(url, &format!("{}index.html", s.url))),
                pages: s
                    .pages
                    .iter()
                    .filter(|p| for_reader(p))
                    .map(|&p| self.page_summary(site, p, url))
                    .collect(),
            })
            .collect();
        sections.push(AudienceSectionView {
            title: None,
            href: None,
            pages: site
                .root_pages
                .iter()
                .filter(|p| for_reader(p))
                .map(|&p| self.page_summary(site, p, url))
                .collect(),
        });
        sections.retain(|s| !s.pages.is_empty());
        let resources: Vec<ResourceView> = self
            .data
            .resources
            .iter()
            .flat_map(|r| r.items.iter())
            .filter(|r| reader.meant(r.audience.iter().map(String::as_str)))
            .map(|r| self.resource_view(r, url))
            .collect();
        let checklists =
            audience_checklists(site, data, reader, url, &self.text("checklist_title"));
        let worksheets = audience_worksheets(data, reader, url);
        let count = sections.iter().map(|s| s.pages.len()).sum::<usize>()
            + resources.len()
            + checklists.iter().map(|c| c.items.len()).sum::<usize>()
            + worksheets.len();
        AudienceListsView {
            sections,
            resources,
            checklists,
            worksheets,
            count,
        }
    }

    fn audiences_index(
        &self,
        site: &Site,
        views: &[AudiencePageView],
    ) -> Result<String, Diagnostic> {
        let url = "audiences/";
        let links: Vec<AudienceLinkView> = views
            .iter()
            .map(|v| AudienceLinkView {
                id: v.id.clone(),
                name: v.name.clone(),
                href: relative_url(url, &format!("audiences/{}/index.html", v.id)),
                count: v.count,
            })
            .collect();
        let mut cx = Context::new();
        cx.insert("audiences", &links);
        self.generated_page(site, url, &self.text("audiences"), "audiences.html", cx)
    }
}

/// Whom an audience page lists things for: one audience, or every reader (what names none).
#[derive(Clone, Copy)]
enum Reader<'a> {
    Tagged(&'a str),
    Everyone,
}

impl Reader<'_> {
    /// Whether something tagged with `audiences` is meant for this reader.
    fn meant<'b>(self, mut audiences: impl Iterator<Item = &'b str>) -> bool {
        match self {
            Reader::Tagged(id) => audiences.any(|a| a == id),
            Reader::Everyone => audiences.next().is_none(),
        }
    }
}

fn audience_checklists(
    site: &Site,
    data: &Data,
    reader: Reader,
    url: &str,
    default_title: &str,
) -> Vec<AudienceChecklistView> {
    data.checklists
        .iter()
        .map(|c| {
            let phase_title = site
                .section(&c.phase)
                .map_or(c.phase.as_str(), |s| s.title.as_str());
            AudienceChecklistView {
                title: c
                    .title
                    .clone()
                    .unwrap_or_else(|| default_title.replace("{phase}", phase_title)),
                href: relative_url(url, &format!("{}/checklist/index.html", c.phase)),
                items: c
                    .items
                    .iter()
                    .filter(|i| reader.meant(i.audience.iter().map(String::as_str)))
                    .map(|i| crate::data::fields::plain_text(&i.text.text))
                    .collect(),
            }
        })
        .filter(|c| !c.items.is_empty())
        .collect()
}

/// Worksheets meant for `reader`: for an audience, those tagged for it, or with a section tagged
/// for it (named in `sections`); for everyone, those tagged for no audience, with their untagged
/// sections named when some other sections are tagged.
fn audience_worksheets(data: &Data, reader: Reader, url: &str) -> Vec<AudienceWorksheetView> {
    let meant = |list: &[String]| reader.meant(list.iter().map(String::as_str));
    data.worksheets
        .iter()
        .filter_map(|w| {
            // A worksheet tagged as a whole is for its audiences only, whatever its sections say.
            let open = match reader {
                Reader::Tagged(_) => true,
                Reader::Everyone => w.audience.is_empty(),
            };
            let whole = open
                && meant(&w.audience)
                && w.sections
                    .iter()
                    .all(|s| matches!(reader, Reader::Tagged(_)) || s.audience.is_empty());
            let sections: Vec<String> = w
                .sections
                .iter()
                .filter(|s| open && !whole && meant(&s.audience))
                .map(|s| s.title.clone().unwrap_or_else(|| w.title.clone()))
                .collect();
            (whole || !sections.is_empty()).then(|| AudienceWorksheetView {
                title: w.title.clone(),
                href: relative_url(url, &format!("worksheets/{}/index.html", w.id)),
                sections,
            })
        })
        .collect()
}
