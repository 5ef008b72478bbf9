//! What a page shows of the other languages: the language switch and `hreflang` alternates, and
//! the notice on a page shown in the default language because its translation is missing.

use serde::Serialize;

use crate::content::{Doc, Site};
use crate::markdown::links::{file_url, relative_url};

/// One language's version of the page, for the switch and the alternates.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub(crate) struct LanguageLink {
    pub(crate) code: String,
    /// The language's name in itself ("Français").
    pub(crate) name: String,
    /// Relative to the page: works from file:// and without JavaScript.
    pub(crate) href: String,
    /// This is the page's own language.
    pub(crate) current: bool,
    /// The page exists in that language (else `href` leads to the original).
    pub(crate) exists: bool,
}

/// A page shown in the default language in a language that has no translation of it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Untranslated {
    /// The language the content is written in.
    pub(crate) lang: String,
}

/// Every language's version of the page at `url` (from this language's root); empty when the
/// toolkit is in one language.
pub(crate) fn links(site: &Site, url: &str) -> Vec<LanguageLink> {
    let here = site.config.language.get_ref();
    let from = format!("{}{url}", site.lang.prefix);
    let map = &site.lang.map;
    map.versions_of(here, url)
        .into_iter()
        .zip(&map.versions)
        .map(|((code, target, exists), v)| LanguageLink {
            code: code.to_string(),
            name: v.name.clone(),
            href: relative_url(&from, &file_url(&target)),
            current: code == here,
            exists,
        })
        .collect()
}

/// The notice's language mark, when `doc` is shown untranslated.
pub(crate) fn untranslated(site: &Site, doc: &Doc) -> Option<Untranslated> {
    let source = doc.source?;
    site.lang
        .untranslated
        .contains(&source.path)
        .then(|| Untranslated {
            lang: site.lang.original_language.clone(),
        })
}
