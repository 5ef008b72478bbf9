//! The theme's interface strings in the toolkit's language (English and French for now).

use std::collections::BTreeMap;

const EN: &[(&str, &str)] = &[
    ("skip_to_content", "Skip to main content"),
    ("main_navigation", "Phases and sections"),
    ("breadcrumbs", "Breadcrumbs"),
    ("home", "Home"),
    ("phases", "Phases"),
    ("more", "More in this toolkit"),
    ("page", "page"),
    ("pages", "pages"),
    ("in_this_section", "In this section"),
    ("on_this_page", "On this page"),
    ("for_audience", "For:"),
    ("previous", "Previous"),
    ("next", "Next"),
    ("previous_next", "Previous and next pages"),
    ("license", "Licence"),
    ("version", "Version"),
    ("not_found_title", "Page not found"),
    (
        "not_found_text",
        "The page you were looking for is not here. It may have moved.",
    ),
    ("go_home", "Go to the home page"),
];

const FR: &[(&str, &str)] = &[
    ("skip_to_content", "Aller au contenu principal"),
    ("main_navigation", "Étapes et sections"),
    ("breadcrumbs", "Fil d’Ariane"),
    ("home", "Accueil"),
    ("phases", "Étapes"),
    ("more", "Aussi dans cette trousse"),
    ("page", "page"),
    ("pages", "pages"),
    ("in_this_section", "Dans cette section"),
    ("on_this_page", "Sur cette page"),
    ("for_audience", "Pour :"),
    ("previous", "Précédent"),
    ("next", "Suivant"),
    ("previous_next", "Pages précédente et suivante"),
    ("license", "Licence"),
    ("version", "Version"),
    ("not_found_title", "Page introuvable"),
    (
        "not_found_text",
        "La page que vous cherchez n’est pas ici. Elle a peut-être été déplacée.",
    ),
    ("go_home", "Aller à la page d’accueil"),
];

/// The strings for `language`, English for any language without a table (and for any string a
/// table lacks).
pub fn strings(language: &str) -> BTreeMap<&'static str, &'static str> {
    let mut map: BTreeMap<&str, &str> = EN.iter().copied().collect();
    if language == "fr" {
        map.extend(FR.iter().copied());
    }
    map
}

#[cfg(test)]
mod tests {
    #[test]
    fn french_covers_every_english_string() {
        let en: Vec<&str> = super::EN.iter().map(|(k, _)| *k).collect();
        let fr: Vec<&str> = super::FR.iter().map(|(k, _)| *k).collect();
        assert_eq!(en, fr);
    }
}
