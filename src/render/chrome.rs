//! What many pages share around their own content: the `<head>` links, the site header and the
//! footer's lines, drawn by partials/head.html, partials/header.html and partials/footer.html
//! once for each distinct set of values they receive (pages at one folder depth share their
//! head and footer; pages with the same menu and languages their header), not once a page.
//! Their site-wide values cost a template lookup each, which was a tenth of a build.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Serialize;
use tera::Context;

use super::languages::LanguageLink;
use super::theme::{reads_variable, TemplateSource};
use super::views::NavItem;
use super::Renderer;
use crate::diagnostic::Diagnostic;

/// The partials, and the variable base.html shows each as.
const PARTS: [(&str, &str); 3] = [
    ("partials/head.html", "head_html"),
    ("partials/header.html", "header_html"),
    ("partials/footer.html", "footer_html"),
];
const HEAD: usize = 0;
const HEADER: usize = 1;
const FOOTER: usize = 2;

/// What the header is given beyond the root and the site's values.
#[derive(Default)]
struct Menu<'a> {
    nav_html: &'a str,
    nav: Option<&'a [NavItem]>,
    languages: &'a [LanguageLink],
}

/// The drawn partials of one page.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Chrome {
    pub(crate) head_html: String,
    pub(crate) header_html: String,
    pub(crate) footer_html: String,
}

/// The partials drawn so far, by what they were given.
pub(crate) struct ChromeMemo {
    /// Whether a template shows each partial: a theme whose base.html draws its own header
    /// never has partials/header.html drawn.
    shown: [bool; 3],
    drawn: Mutex<HashMap<Key, String>>,
}

/// (which partial, root, main navigation, its entries when templates read them, languages).
type Key = (usize, String, String, String, Vec<LanguageLink>);

impl ChromeMemo {
    pub(crate) fn new(templates: &HashMap<String, TemplateSource>) -> ChromeMemo {
        ChromeMemo {
            shown: PARTS.map(|(template, variable)| reads_variable(templates, variable, template)),
            drawn: Mutex::default(),
        }
    }
}

impl Renderer {
    /// The partials for a page at `root` with the main navigation `nav_html` (and its entries
    /// `nav`, given when a template of the toolkit's own reads them) and the language links
    /// `languages`.
    pub(crate) fn chrome(
        &self,
        root: &str,
        nav_html: &str,
        nav: Option<&[NavItem]>,
        languages: &[LanguageLink],
    ) -> Result<Chrome, Diagnostic> {
        let header = Menu {
            nav_html,
            nav,
            languages,
        };
        let none = Menu::default();
        Ok(Chrome {
            head_html: self.chrome_part(HEAD, root, &none)?,
            header_html: self.chrome_part(HEADER, root, &header)?,
            footer_html: self.chrome_part(FOOTER, root, &none)?,
        })
    }

    fn chrome_part(&self, part: usize, root: &str, menu: &Menu) -> Result<String, Diagnostic> {
        if !self.chrome.shown[part] {
            return Ok(String::new());
        }
        let nav_key = menu
            .nav
            .map(|nav| serde_json::to_string(nav).unwrap_or_default())
            .unwrap_or_default();
        let key: Key = (
            part,
            root.into(),
            menu.nav_html.into(),
            nav_key,
            menu.languages.to_vec(),
        );
        if let Some(html) = crate::locked(&self.chrome.drawn).get(&key) {
            return Ok(html.clone());
        }
        let mut cx = Context::new();
        cx.insert("root", root);
        // Only the header is given the menu and the languages: a head or footer of the toolkit's
        // own that reads them is told they are not there, rather than shown them empty.
        if part == HEADER {
            cx.insert("nav_html", menu.nav_html);
            if let Some(nav) = menu.nav {
                cx.insert("nav", nav);
            }
            cx.insert("languages", menu.languages);
        }
        let html = self.render(PARTS[part].0, &cx, None)?.trim().to_string();
        crate::locked(&self.chrome.drawn).insert(key, html.clone());
        Ok(html)
    }
}
