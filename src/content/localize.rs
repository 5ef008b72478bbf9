//! Each added language's site: the toolkit as a reader of that language sees it. Its settings
//! come from `[languages.<code>]`, each translated file takes its original's place (same ids,
//! same addresses unless the translation has a slug of its own), and a page not yet translated is
//! shown in the default language with a notice (`fallback = true`) or left out. The site is
//! built like the default one, then published under `<code>/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{translated_page, Home, Page, Site};
use crate::config::Config;
use crate::diagnostic::Diagnostics;

/// Which language a site is in, and how it stands to the others.
#[derive(Debug, Clone, Default)]
pub(crate) struct SiteLanguage {
    /// Where the site is published: "" for the default language, "fr/" for an added one.
    pub(crate) prefix: String,
    /// The default language's title: the reader's ticks and answers are saved under it, so they
    /// are the same in every language.
    pub(crate) storage_title: Option<String>,
    /// The default language's code, for the `lang` of untranslated text.
    pub(crate) original_language: String,
    /// Source files shown in the default language because their translation is missing.
    pub(crate) untranslated: BTreeSet<PathBuf>,
    /// Each original with its translation: a link written to the original leads to the
    /// translation.
    pub(crate) originals: Vec<(PathBuf, PathBuf)>,
    /// Originals left out of this language (`fallback = false`), with their address.
    pub(crate) left_out: Vec<(PathBuf, String)>,
    /// Every language's addresses, for the language switch.
    pub(crate) map: Arc<LanguageMap>,
}

/// Every language's version of each address, the default language first. Empty when the
/// toolkit is in one language.
#[derive(Debug, Clone, Default)]
pub(crate) struct LanguageMap {
    pub(crate) versions: Vec<Version>,
}

/// One language's addresses.
#[derive(Debug, Clone, Default)]
pub(crate) struct Version {
    pub(crate) code: String,
    /// The language's name in itself ("Français"), for the language switch.
    pub(crate) name: String,
    /// "" for the default language, "fr/" for an added one.
    pub(crate) prefix: String,
    /// A page's address in this language, by its address in the default language, where the
    /// two differ (a translated slug).
    pub(crate) from_default: BTreeMap<String, String>,
    /// The inverse of `from_default`.
    pub(crate) to_default: BTreeMap<String, String>,
    /// Pages of the default language (by address) this language leaves out.
    pub(crate) left_out: BTreeSet<String>,
}

impl LanguageMap {
    /// The address of the page at `url` in the language `here` (both without prefix), in every
    /// language: its code, its address from the site root, and whether that version exists.
    /// A left-out version is replaced by the original.
    pub(crate) fn versions_of(&self, here: &str, url: &str) -> Vec<(&str, String, bool)> {
        let Some(current) = self.versions.iter().find(|v| v.code == here) else {
            return Vec::new();
        };
        let default_url = current.to_default.get(url).map_or(url, String::as_str);
        let original = self.versions.first().map_or("", |v| v.prefix.as_str());
        self.versions
            .iter()
            .map(|v| {
                if v.left_out.contains(default_url) {
                    return (v.code.as_str(), format!("{original}{default_url}"), false);
                }
                let there = v
                    .from_default
                    .get(default_url)
                    .map_or(default_url, String::as_str);
                (v.code.as_str(), format!("{}{there}", v.prefix), true)
            })
            .collect()
    }
}

/// The default site and each added language's, every one knowing the others' addresses.
pub(crate) fn localize_all(mut site: Site, diags: &mut Diagnostics) -> (Site, Vec<Site>) {
    let codes: Vec<String> = site.config.added_languages().map(str::to_string).collect();
    if codes.is_empty() {
        return (site, Vec::new());
    }
    let mut sites: Vec<Site> = codes
        .iter()
        .filter_map(|code| localize(&site, code, diags))
        .collect();
    let mut map = LanguageMap {
        versions: vec![Version {
            code: site.config.language.get_ref().clone(),
            name: own_name(&site.config),
            ..Version::default()
        }],
    };
    map.versions.extend(sites.iter().map(|s| version(&site, s)));
    let map = Arc::new(map);
    site.lang.map = map.clone();
    for s in &mut sites {
        s.lang.map = map.clone();
    }
    (site, sites)
}

/// The addresses of `translated` against the default `site`'s.
fn version(site: &Site, translated: &Site) -> Version {
    let mut v = Version {
        code: translated.config.language.get_ref().clone(),
        name: own_name(&translated.config),
        prefix: translated.lang.prefix.clone(),
        ..Version::default()
    };
    let by_path: BTreeMap<&Path, &str> = site
        .pages
        .iter()
        .map(|p| (p.source.path.as_path(), p.url.as_str()))
        .collect();
    for page in &translated.pages {
        let original = translated
            .lang
            .originals
            .iter()
            .find(|(_, t)| t == &page.source.path)
            .map_or(page.source.path.as_path(), |(o, _)| o.as_path());
        if let Some(url) = by_path.get(original).filter(|u| **u != page.url) {
            v.from_default.insert(url.to_string(), page.url.clone());
            v.to_default.insert(page.url.clone(), url.to_string());
        }
    }
    v.left_out = translated
        .lang
        .left_out
        .iter()
        .map(|(_, u)| u.clone())
        .collect();
    v
}

/// A language's name in itself: the theme's `language_name` in that language, or the toolkit's.
fn own_name(config: &Config) -> String {
    let strings = crate::i18n::Strings::build(
        config.language.get_ref(),
        &crate::i18n::ThemeTables::new(),
        &config.strings,
    );
    match strings.get("language_name") {
        "" => config.language.get_ref().clone(),
        name => name.to_string(),
    }
}

/// The site in the added language `code`; None when site.toml does not add it.
pub(crate) fn localize(site: &Site, code: &str, diags: &mut Diagnostics) -> Option<Site> {
    let language = site.config.language(code)?;
    let mut out = site.clone();
    out.config = localized_config(&site.config, code);
    out.translations = super::translations::Translations::default();
    out.lang = SiteLanguage {
        prefix: format!("{code}/"),
        storage_title: Some(site.config.title().to_string()),
        original_language: site.config.language.get_ref().clone(),
        ..SiteLanguage::default()
    };
    swap_indexes(site, code, &mut out, diags);
    swap_pages(site, code, language.fallback, &mut out, diags);
    for file in &mut out.data {
        if let Some(t) = site.translations.get(&file.source.path, code) {
            out.lang
                .originals
                .push((file.source.path.clone(), t.path.clone()));
            file.source = t.clone();
        }
    }
    Some(out)
}

/// site.toml as the language `code` reads it: its title, description, menu and strings.
fn localized_config(config: &Config, code: &str) -> Config {
    let mut c = config.clone();
    if let Some(l) = config.language(code) {
        c.title = l.title.clone();
        c.description.clone_from(&l.description);
        if let Some(menu) = &l.menu {
            c.menu.clone_from(menu);
        }
        c.strings.clone_from(&l.strings);
    }
    c.language = toml::Spanned::new(0..0, code.to_string());
    c
}

/// The home page's, the sections' and the worksheets page's `_index.md`, translated or marked.
fn swap_indexes(site: &Site, code: &str, out: &mut Site, diags: &mut Diagnostics) {
    let mut swap = |home: &Home, what: &str, lang: &mut SiteLanguage| -> Option<Home> {
        let (original, _) = home.index.as_ref()?;
        let Some(t) = site.translations.get(&original.path, code) else {
            lang.untranslated.insert(original.path.clone());
            return None;
        };
        lang.originals.push((original.path.clone(), t.path.clone()));
        let h = super::assemble::home_from_source(Some(t.clone()), what, diags);
        h.index.is_some().then_some(h)
    };
    if let Some(h) = swap(&site.home, "the home page's front matter", &mut out.lang) {
        out.home = h;
    }
    if let Some(w) = &site.worksheets_index {
        if let Some(h) = swap(w, "the worksheets page's front matter", &mut out.lang) {
            out.worksheets_index = Some(h);
        }
    }
    for (i, section) in site.sections.iter().enumerate() {
        let home = Home {
            title: Some(section.title.clone()),
            summary: section.summary.clone(),
            index: section.index.clone(),
        };
        if let Some(h) = swap(&home, "the section's front matter", &mut out.lang) {
            let s = &mut out.sections[i];
            s.title = h.title.unwrap_or_else(|| s.title.clone());
            s.summary = h.summary;
            s.index = h.index;
        }
    }
}

/// Each page's translation in its place; an untranslated page kept and marked, or left out.
fn swap_pages(site: &Site, code: &str, fallback: bool, out: &mut Site, diags: &mut Diagnostics) {
    let mut pages: Vec<Page> = Vec::with_capacity(site.pages.len());
    let mut new_ids: Vec<Option<usize>> = Vec::with_capacity(site.pages.len());
    for page in &site.pages {
        let translated = site
            .translations
            .get(&page.source.path, code)
            .and_then(|t| translated_page(&out.config, page, t.clone(), diags));
        let path = page.source.path.clone();
        match translated {
            Some(t) => {
                out.lang.originals.push((path, t.source.path.clone()));
                pages.push(t);
            }
            None if fallback => {
                out.lang.untranslated.insert(path);
                pages.push(page.clone());
            }
            None => {
                out.lang.left_out.push((path, page.url.clone()));
                new_ids.push(None);
                continue;
            }
        }
        new_ids.push(Some(pages.len() - 1));
    }
    let remap = |ids: &[usize]| -> Vec<usize> { ids.iter().filter_map(|i| new_ids[*i]).collect() };
    for s in &mut out.sections {
        s.pages = remap(&s.pages);
    }
    out.root_pages = remap(&out.root_pages);
    out.pages = pages;
}
