//! Rendering: Tera templates (parsed once), view structs, navigation rendered once per section
//! and reused, shortcodes expanded into pages.

pub(crate) mod chrome;
mod cycles;
pub(crate) mod diagram;
pub(crate) mod figures;
pub(crate) mod generated;
pub(crate) mod interactive;
pub(crate) mod languages;
pub(crate) mod page;
pub(crate) mod print;
pub(crate) mod rewrite;
pub(crate) mod site_pages;
pub(crate) mod template_error;
pub(crate) mod theme;
pub(crate) mod theme_strings;
pub(crate) mod views;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};
use tera::Context;

use crate::content::{PageId, Place, Site};
use crate::data::Data;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::i18n;
use crate::markdown::links::{dangerous_scheme, file_url, relative_url, root_prefix};
use crate::markdown::shortcodes::BUILTIN_SHORTCODES;
use crate::markdown::{Call, LinkIndex, Resolved, TocItem};
pub(crate) use theme::Theme;
use views::*;

/// A menu entry from site.toml, resolved once.
#[derive(Debug, Clone)]
enum MenuTarget {
    External(String),
    /// A file path from the site root ("about/index.html").
    Internal(String),
}

impl MenuTarget {
    fn same(&self, other: &MenuTarget) -> bool {
        match (self, other) {
            (MenuTarget::External(a), MenuTarget::External(b))
            | (MenuTarget::Internal(a), MenuTarget::Internal(b)) => a == b,
            _ => false,
        }
    }
}

thread_local! {
    /// Each thread's copy of the shared template context, with the id of its renderer.
    static SHARED: std::cell::RefCell<Option<(u64, Context)>> = const { std::cell::RefCell::new(None) };
}

/// Tells renderers apart, so a thread never renders with another renderer's shared context.
static RENDERER_IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The main navigation's links and marks (href, current, active), as its HTML is keyed.
type NavKey = Vec<(String, bool, bool)>;

/// The template that draws the main navigation.
const NAV_TEMPLATE: &str = "partials/nav.html";

/// A section's sidebar, drawn once, and where each link's `href="..."` ends in it, so marking
/// the current page costs no search through it (a phase may list hundreds of pages).
struct Sidebar {
    html: String,
    link_ends: HashMap<String, usize>,
}

impl Sidebar {
    fn new(html: String) -> Sidebar {
        let mut link_ends = HashMap::new();
        let mut from = 0;
        while let Some(at) = html[from..].find("href=\"") {
            let start = from + at + "href=\"".len();
            let Some(len) = html[start..].find('"') else {
                break;
            };
            let end = start + len + 1;
            link_ends
                .entry(html[start..end - 1].to_string())
                .or_insert(end);
            from = end;
        }
        Sidebar { html, link_ends }
    }

    /// The sidebar with the link to `href` (its first) marked as the current page.
    fn marking(&self, href: &str) -> String {
        let Some(&end) = self.link_ends.get(href) else {
            return self.html.clone();
        };
        let mark = " aria-current=\"page\"";
        let mut out = String::with_capacity(self.html.len() + mark.len());
        out.push_str(&self.html[..end]);
        out.push_str(mark);
        out.push_str(&self.html[end..]);
        out
    }
}

/// Everything that stays the same across the pages of one build.
pub(crate) struct Renderer {
    theme: Theme,
    base: Context,
    site_view: SiteView,
    menu: Vec<(String, MenuTarget)>,
    /// Sidebar HTML per section: (as seen from the section page, as seen from its pages).
    sidebars: Vec<(Sidebar, Sidebar)>,
    /// Reading order of every page with a place in the navigation.
    sequence: Vec<(Place, String, String)>,
    /// Position of each place in `sequence`.
    sequence_index: HashMap<Place, usize>,
    /// Resources, models and phases, for the shortcodes and pages drawn from them.
    data: Arc<Data>,
    /// Parts of the print pages already rewritten, kept while watch reuses this renderer.
    print_memo: Option<print::PrintMemo>,
    /// The interface strings in the toolkit's language.
    strings: i18n::Strings,
    /// The main navigation's HTML by its links and marks: pages of one section share theirs, so
    /// it is drawn once for each, not once a page (with many phases, that was most of a build).
    nav_html: Mutex<HashMap<NavKey, String>>,
    /// Whether a template of the toolkit's own still reads `nav` (the default ones read
    /// `nav_html`): only then is the list given to every page.
    templates_read_nav: bool,
    /// The head, header and footer partials drawn so far.
    chrome: chrome::ChromeMemo,
    /// This renderer's id (see `SHARED`).
    id: u64,
}

impl Renderer {
    /// Prepares what every page shares, in the site's interface `strings`. Errors in the menu are
    /// reported here. `memo_print` keeps the print pages' parts for the next render with this
    /// renderer (watch).
    pub(crate) fn new(
        site: &Site,
        theme: Theme,
        strings: i18n::Strings,
        links: &LinkIndex,
        data: Arc<Data>,
        memo_print: bool,
    ) -> Result<Renderer, Vec<Diagnostic>> {
        let site_view = site_view(site);
        let mut base = Context::new();
        base.insert("site", &site_view);
        base.insert("t", &strings);
        base.insert("search_strings", &i18n::search_strings(&strings));
        let menu = resolve_menu(site, links, &data, &strings)?;
        let templates_read_nav = theme::reads_variable(&theme.templates, "nav", NAV_TEMPLATE);
        let chrome = chrome::ChromeMemo::new(&theme.templates);
        let mut r = Renderer {
            theme,
            base,
            site_view,
            menu,
            sidebars: Vec::new(),
            sequence: sequence(site),
            sequence_index: HashMap::new(),
            data,
            print_memo: memo_print.then(print::PrintMemo::default),
            nav_html: Mutex::default(),
            templates_read_nav,
            chrome,
            id: RENDERER_IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            strings,
        };
        r.sequence_index = r
            .sequence
            .iter()
            .enumerate()
            .map(|(i, (p, _, _))| (*p, i))
            .collect();
        r.sidebars = r.render_sidebars(site).map_err(|d| vec![d])?;
        Ok(r)
    }

    pub(crate) fn site(&self) -> &SiteView {
        &self.site_view
    }

    /// The theme's templates and files.
    pub(crate) fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The interface strings in the toolkit's language.
    pub(crate) fn strings(&self) -> &i18n::Strings {
        &self.strings
    }

    /// Renders `template` with the shared context plus `extra`.
    pub(crate) fn render(
        &self,
        template: &str,
        extra: &Context,
        rendering: Option<&Path>,
    ) -> Result<String, Diagnostic> {
        self.render_page(template, vec![extra.clone()], rendering)
    }

    /// Renders `template` with the shared context plus each of `parts` (later ones win).
    ///
    /// The shared context (the site, the interface strings) is large, and copying it for every
    /// page was a fifth of a build: each thread keeps one copy, adds a page's values, renders,
    /// and takes them out again.
    pub(crate) fn render_page(
        &self,
        template: &str,
        parts: Vec<Context>,
        rendering: Option<&Path>,
    ) -> Result<String, Diagnostic> {
        SHARED.with(|shared| {
            let Ok(mut kept) = shared.try_borrow_mut() else {
                // Rendering inside a render on this thread: a copy of its own.
                let mut cx = self.base.clone();
                for part in parts {
                    cx.extend(part);
                }
                return self.render_in(template, &cx, rendering);
            };
            if kept.as_ref().map(|(id, _)| *id) != Some(self.id) {
                *kept = Some((self.id, self.base.clone()));
            }
            let Some((_, cx)) = kept.as_mut() else {
                return Err(Diagnostic::error("the shared template context was lost"));
            };
            let mut keys = Vec::new();
            for part in parts {
                if let Value::Object(map) = part.into_json() {
                    keys.extend(map.keys().cloned());
                    cx.extend(Context::from_value(Value::Object(map)).unwrap_or_default());
                }
            }
            let result = self.render_in(template, cx, rendering);
            for key in keys {
                match self.base.get(&key) {
                    Some(shared_value) => cx.insert(key, shared_value),
                    None => {
                        cx.remove(&key);
                    }
                }
            }
            result
        })
    }

    fn render_in(
        &self,
        template: &str,
        cx: &Context,
        rendering: Option<&Path>,
    ) -> Result<String, Diagnostic> {
        self.theme.tera.render(template, cx).map_err(|e| {
            let values = cx.clone().into_json();
            template_error::template_error(&e, &self.theme.templates, rendering, Some(&values))
        })
    }

    fn render_sidebars(&self, site: &Site) -> Result<Vec<(Sidebar, Sidebar)>, Diagnostic> {
        let mut out = Vec::with_capacity(site.sections.len());
        for (i, section) in site.sections.iter().enumerate() {
            let from_section = self.section_view(site, i, &section.url);
            let from_page = self.section_view(site, i, &format!("{}x/", section.url));
            let render = |view: &SectionView| {
                let mut cx = Context::new();
                cx.insert("section", view);
                self.render("sidebar.html", &cx, None).map(Sidebar::new)
            };
            out.push((render(&from_section)?, render(&from_page)?));
        }
        Ok(out)
    }

    /// A section and its pages, with links relative to `from_url`.
    pub(crate) fn section_view(&self, site: &Site, i: usize, from_url: &str) -> SectionView {
        let s = &site.sections[i];
        SectionView {
            name: s.name.clone(),
            title: s.title.clone(),
            href: relative_url(from_url, &file_url(&s.url)),
            is_phase: s.is_phase,
            number: phase_number(site, i),
            pages: s
                .pages
                .iter()
                .map(|&p| self.page_summary(site, p, from_url))
                .collect(),
        }
    }

    pub(crate) fn page_summary(&self, site: &Site, id: PageId, from_url: &str) -> PageSummaryView {
        let p = &site.pages[id];
        PageSummaryView {
            title: p.title().to_string(),
            href: relative_url(from_url, &file_url(&p.url)),
            summary: p.front.summary.clone(),
            audiences: self.audiences(p.front.audience.iter().map(|a| a.get_ref().as_str())),
        }
    }

    pub(crate) fn audiences<'a>(&self, ids: impl Iterator<Item = &'a str>) -> Vec<AudienceView> {
        ids.filter_map(|id| {
            self.site_view
                .audiences
                .iter()
                .find(|a| a.id == id)
                .cloned()
        })
        .collect()
    }

    /// The main navigation as seen from `url`, with the current entry marked.
    pub(crate) fn nav(&self, site: &Site, place: Place, url: &str) -> Vec<NavItem> {
        let current_section = match place {
            Place::Section(i) => Some(i),
            Place::Page(p) => site.pages[p]
                .section
                .as_ref()
                .and_then(|n| site.sections.iter().position(|s| &s.name == n)),
            Place::Home => None,
        };
        let mut items: Vec<NavItem> = site
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| NavItem {
                title: s.title.clone(),
                href: relative_url(url, &file_url(&s.url)),
                number: phase_number(site, i),
                current: place == Place::Section(i),
                active: current_section == Some(i),
            })
            .collect();
        for (title, target) in &self.menu {
            let (href, current, active) = match target {
                MenuTarget::External(u) => (u.clone(), false, false),
                MenuTarget::Internal(f) => {
                    let current = *f == file_url(url);
                    // The worksheets entry stays marked on each worksheet's own page.
                    let folder = f.strip_suffix("index.html").unwrap_or(f);
                    let under = automatic_menu_folder(folder) && url.starts_with(folder);
                    (relative_url(url, f), current, current || under)
                }
            };
            items.push(NavItem {
                title: title.clone(),
                href,
                number: None,
                current,
                active,
            });
        }
        items
    }

    /// The section's sidebar with the current page marked, from the HTML rendered once.
    pub(crate) fn sidebar(
        &self,
        section: usize,
        current_href: &str,
        on_section_page: bool,
    ) -> String {
        let (from_section, from_page) = &self.sidebars[section];
        let sidebar = if on_section_page {
            from_section
        } else {
            from_page
        };
        sidebar.marking(current_href)
    }

    /// Previous and next in reading order.
    pub(crate) fn prev_next(
        &self,
        place: Place,
        url: &str,
    ) -> (Option<LinkView>, Option<LinkView>) {
        let Some(&i) = self.sequence_index.get(&place) else {
            return (None, None);
        };
        let link = |j: usize| {
            let (_, title, target) = &self.sequence[j];
            LinkView {
                title: title.clone(),
                href: relative_url(url, &file_url(target)),
            }
        };
        let prev = (i > 0).then(|| link(i - 1));
        let next = (i + 1 < self.sequence.len()).then(|| link(i + 1));
        (prev, next)
    }

    pub(crate) fn breadcrumbs(&self, site: &Site, place: Place, url: &str) -> Vec<LinkView> {
        let home = self
            .base
            .get("t")
            .and_then(|t| t.get("home"))
            .and_then(Value::as_str)
            .unwrap_or("Home");
        let mut crumbs = vec![LinkView {
            title: home.to_string(),
            href: relative_url(url, "index.html"),
        }];
        if let Place::Page(p) = place {
            if let Some(s) = site.pages[p].section.as_ref().and_then(|n| site.section(n)) {
                crumbs.push(LinkView {
                    title: s.title.clone(),
                    href: relative_url(url, &file_url(&s.url)),
                });
            }
        }
        crumbs
    }

    /// The absolute address of a page, when base_url is set.
    pub(crate) fn absolute(&self, url: &str) -> Option<String> {
        self.site_view
            .base_url
            .as_ref()
            .map(|b| format!("{}/{url}", b.trim_end_matches('/')))
    }

    /// Common template values for the page at `url`.
    pub(crate) fn common<'a>(
        &self,
        site: &Site,
        place: Place,
        url: &str,
        title: &'a str,
        content: &'a str,
        toc: &'a [TocItem],
    ) -> Result<Common<'a>, Diagnostic> {
        let (prev, next) = self.prev_next(place, url);
        let nav = self.nav(site, place, url);
        let root = root_prefix(url);
        let nav_html = self.nav_html(&nav, url)?;
        let languages = languages::links(site, url);
        let nav = self.templates_read_nav.then_some(nav);
        Ok(Common {
            title,
            summary: None,
            description: None,
            chrome: self.chrome(&root, &nav_html, nav.as_deref(), &languages)?,
            root,
            nav_html,
            nav,
            menu: Vec::new(),
            breadcrumbs: self.breadcrumbs(site, place, url),
            content,
            toc,
            prev,
            next,
            canonical: self.absolute(url),
            page_url: self.absolute(url),
            sidebar: None,
            languages,
            untranslated: None,
        })
    }

    /// Marks the section `i` active in the main navigation of a page of its own (a phase's
    /// checklist page belongs to the phase without being one of its pages).
    pub(crate) fn mark_section_active(
        &self,
        common: &mut Common,
        site: &Site,
        i: usize,
        url: &str,
    ) -> Result<(), Diagnostic> {
        let mut nav = self.nav(site, Place::Home, url);
        if let Some(item) = nav.get_mut(i) {
            item.active = true;
        }
        common.nav_html = self.nav_html(&nav, url)?;
        common.nav = self.templates_read_nav.then_some(nav);
        common.chrome = self.chrome(
            &common.root,
            &common.nav_html,
            common.nav.as_deref(),
            &common.languages,
        )?;
        Ok(())
    }

    /// The main navigation drawn by partials/nav.html, once for each distinct set of links and
    /// marks.
    fn nav_html(&self, items: &[NavItem], url: &str) -> Result<String, Diagnostic> {
        let key: NavKey = items
            .iter()
            .map(|i| (i.href.clone(), i.current, i.active))
            .collect();
        let memo = || crate::locked(&self.nav_html);
        if let Some(html) = memo().get(&key) {
            return Ok(html.clone());
        }
        let mut cx = Context::new();
        cx.insert("nav", items);
        cx.insert("root", &root_prefix(url));
        let html = self.render(NAV_TEMPLATE, &cx, None)?;
        let html = html.trim().to_string();
        memo().insert(key, html.clone());
        Ok(html)
    }

    /// Expands one shortcode call into HTML.
    /// On failure: the message and a hint.
    pub(crate) fn shortcode(
        &self,
        call: &Call,
        body: Option<&str>,
        url: &str,
    ) -> Result<String, (String, Option<String>)> {
        let template = format!("shortcodes/{}.html", call.name);
        if call.unclosed {
            return Ok(String::new());
        }
        if !self.theme.has_template(&template) {
            return Err(self.unknown_shortcode(&call.name));
        }
        let mut args: Map<String, Value> = call.args.clone();
        if let Some(b) = body {
            args.insert("body".into(), Value::String(b.to_string()));
        }
        let mut cx = Context::from_value(Value::Object(args)).map_err(|e| (e.to_string(), None))?;
        cx.insert("root", &root_prefix(url));
        // Built-in shortcodes drawn from the toolkit's data (phases, model, resources).
        for (key, value) in self.data_shortcode(call, url)? {
            cx.insert(key, &value);
        }
        // The error is shown at the call in the page; the message names the template's line.
        self.render(&template, &cx, None).map_err(|d| {
            let message = format!(
                "the shortcode `{}` could not be rendered: {} ({})",
                call.name,
                d.message,
                d.position().unwrap_or(template)
            );
            (message, shortcode_hint(&call.name, &d))
        })
    }

    fn unknown_shortcode(&self, name: &str) -> (String, Option<String>) {
        let mut known: Vec<String> = BUILTIN_SHORTCODES
            .iter()
            .map(|(n, _)| n.to_string())
            .collect();
        known.extend(self.theme.templates.keys().filter_map(|k| {
            k.strip_prefix("shortcodes/")?
                .strip_suffix(".html")
                .map(str::to_string)
        }));
        known.sort();
        known.dedup();
        let hint = did_you_mean(name, known.iter().map(String::as_str)).unwrap_or_else(|| {
            format!(
                "known shortcodes: {}; an author's own go in templates/shortcodes/{name}.html",
                known.join(", ")
            )
        });
        (format!("unknown shortcode `{name}`"), Some(hint))
    }
}

/// A variable missing in a shortcode's template is most often an argument the page did not give.
fn shortcode_hint(name: &str, d: &Diagnostic) -> Option<String> {
    let missing = d
        .message
        .strip_prefix('`')
        .and_then(|m| m.split_once("` is not defined"))
        .map(|(v, _)| v.split('.').next().unwrap_or(v));
    match missing {
        Some(arg) if !d.hint.as_deref().is_some_and(|h| h.starts_with("did you mean")) => Some(format!(
            "give the shortcode this argument, e.g. {{{{ {name}({arg}=\"...\") }}}}, or write {{{{ {arg} | default(value=\"\") }}}} in its template"
        )),
        _ => d.hint.clone(),
    }
}

fn phase_number(site: &Site, i: usize) -> Option<usize> {
    site.sections[i]
        .is_phase
        .then(|| site.sections[..=i].iter().filter(|s| s.is_phase).count())
}

fn site_view(site: &Site) -> SiteView {
    let c = &site.config;
    SiteView {
        title: site.config.title().to_string(),
        description: c.description.clone(),
        language: c.language.get_ref().clone(),
        base_url: c.base_url.as_ref().map(|b| b.get_ref().clone()),
        license: c.license.clone(),
        version: c.version.clone(),
        organization: c.organization.as_ref().map(|o| OrganizationView {
            name: o.name.clone(),
            url: o.url.as_ref().map(|u| u.get_ref().clone()),
            logo: o
                .logo
                .as_ref()
                .map(|l| l.get_ref().trim_start_matches('/').to_string()),
        }),
        paper: c.print.paper,
        layout: c.toolkit.layout,
        audiences: c
            .audiences()
            .into_iter()
            .map(|a| AudienceView {
                id: a.id,
                name: a.name,
            })
            .collect(),
        look: look_view(c),
    }
}

/// `[theme]`'s branding for the templates; a colour that did not pass the checks is left out.
fn look_view(c: &crate::config::Config) -> LookView {
    use crate::look::{contrast_with_white, darken_to, hex};
    let accent = c.theme.readable_accent();
    let path = |p: &Option<toml::Spanned<String>>| {
        p.as_ref()
            .map(|p| p.get_ref().trim_start_matches('/').to_string())
    };
    let base = c
        .base_url
        .as_ref()
        .map(|b| b.get_ref().trim_end_matches('/'));
    LookView {
        accent: accent.map(hex),
        // The default theme's dark brand is about two thirds of its brand colour.
        accent_dark: accent.map(|a| hex(darken_to(a, (contrast_with_white(a) * 1.6).min(15.0)))),
        extra_css: path(&c.theme.extra_css),
        favicon: path(&c.theme.favicon),
        image: base
            .zip(path(&c.theme.image))
            .map(|(b, p)| format!("{b}/{p}")),
    }
}

/// Home, then each section followed by its pages, then pages at the top level.
fn sequence(site: &Site) -> Vec<(Place, String, String)> {
    let mut seq = vec![(Place::Home, site.title().to_string(), String::new())];
    for (i, s) in site.sections.iter().enumerate() {
        seq.push((Place::Section(i), s.title.clone(), s.url.clone()));
        for &p in &s.pages {
            seq.push((
                Place::Page(p),
                site.pages[p].title().to_string(),
                site.pages[p].url.clone(),
            ));
        }
    }
    seq
}

/// The folders of the pages the header links to without a [[menu]] entry.
const AUTOMATIC_MENU_FOLDERS: [&str; 2] = ["worksheets/", crate::data::resources::URL];

fn automatic_menu_folder(folder: &str) -> bool {
    AUTOMATIC_MENU_FOLDERS.contains(&folder)
}

/// The entries every header has, whatever site.toml's menu says: the worksheets page and the
/// resources page, when the toolkit has them, under their own titles.
fn automatic_menu(site: &Site, data: &Data, strings: &i18n::Strings) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if !data.worksheets.is_empty() || site.worksheets_index.is_some() {
        let title = site
            .worksheets_index
            .as_ref()
            .and_then(|h| h.title.clone())
            .unwrap_or_else(|| strings.get("worksheets").to_string());
        out.push((title, file_url(AUTOMATIC_MENU_FOLDERS[0])));
    }
    if let Some(r) = &data.resources {
        let title = r
            .title
            .clone()
            .unwrap_or_else(|| strings.get("resources").to_string());
        out.push((title, file_url(AUTOMATIC_MENU_FOLDERS[1])));
    }
    out
}

/// The header's entries after the sections: the automatic ones, then site.toml's. An entry for a
/// page already in the menu is left out (validate::site warns about it at its line).
fn resolve_menu(
    site: &Site,
    links: &LinkIndex,
    data: &Data,
    strings: &i18n::Strings,
) -> Result<Vec<(String, MenuTarget)>, Vec<Diagnostic>> {
    let mut out: Vec<(String, MenuTarget)> = automatic_menu(site, data, strings)
        .into_iter()
        .map(|(title, file)| (title, MenuTarget::Internal(file)))
        .collect();
    let mut errors = Vec::new();
    let urls: HashMap<String, String> = site
        .pages
        .iter()
        .map(|p| p.url.clone())
        .chain(site.sections.iter().map(|s| s.url.clone()))
        .map(|u| (u.clone(), file_url(&u)))
        .collect();
    for item in &site.config.menu {
        let written = item.url.get_ref();
        let target = match links.resolve(written, Path::new("content/_index.md"), "") {
            Resolved::Broken { message, hint } if dangerous_scheme(written).is_some() => {
                let d = site.config.error_at(&item.url, format!("menu: {message}"));
                errors.push(d.hint(hint.unwrap_or_default()));
                continue;
            }
            Resolved::External => Some(MenuTarget::External(written.clone())),
            Resolved::Internal { href, .. } => Some(MenuTarget::Internal(href)),
            _ => {
                let as_url = format!("{}/", written.trim_matches('/'));
                urls.get(&as_url).map(|f| MenuTarget::Internal(f.clone()))
            }
        };
        match target {
            Some(t) if out.iter().any(|(_, seen)| seen.same(&t)) => {}
            Some(t) => out.push((item.title.clone(), t)),
            None => errors.push(site.config.error_at(&item.url, format!("the menu link `{written}` does not lead to a page of this toolkit"))
                .hint(match written.strip_prefix('/') {
                    Some(rest) => format!("drop the leading `/` (it breaks when the site is published under a sub-address): url = \"{}\", or the source file from content/ such as about.md", rest.trim_end_matches('/').to_string() + "/_index.md"),
                    None => "write the source file from content/ (about.md, getting-started/_index.md) or a full https:// address".into(),
                })),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
