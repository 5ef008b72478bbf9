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
    // Resources, audiences, diagrams and print pages.
    ("resources", "Resources"),
    ("resources_other", "Other resources"),
    ("resources_none", "No resources are listed here yet."),
    ("all_phases", "All phases"),
    ("filter_phase", "Show resources for"),
    ("filter_audience", "Show what is for"),
    ("filter_status", "Showing {shown} of {total}."),
    ("everyone", "Everyone"),
    ("publisher", "Publisher"),
    ("year", "Year"),
    ("format", "Format"),
    ("language", "Language"),
    ("lang_en", "English"),
    ("lang_fr", "French"),
    ("phase", "Phase"),
    ("audiences", "Audiences"),
    ("audiences_intro", "Choose whom you are reading for to see the pages, checklist items, worksheets and resources meant for them."),
    ("audience_title", "For {name}"),
    ("audience_intro", "Everything in this toolkit tagged for {name}. Content tagged for no one in particular is for everyone, and is not listed here."),
    ("audience_empty", "Nothing in this toolkit is tagged for {name} yet."),
    ("audience_all", "Everything for {name}"),
    ("audience_pages", "Pages"),
    ("audience_resources", "Resources"),
    ("audience_checklists", "Checklist items"),
    ("audience_worksheets", "Worksheets"),
    ("diagram_title", "The phases of this toolkit"),
    ("diagram_sequence", "The phases follow one another in this order:"),
    ("diagram_cycle", "The phases form a cycle that begins again after the last one:"),
    ("diagram_links", "Each phase links to its page."),
    ("model_levels", "{count} levels, in order:"),
    ("print_toolkit", "Print the whole toolkit"),
    ("print_phase", "Print this phase as a workshop packet"),
    ("print_button", "Print"),
    ("print_intro", "This page holds the toolkit in one piece, ready to print or to save as a PDF from your browser's Print command."),
    ("print_phase_intro", "This packet holds one phase, ready to print for a workshop or to save as a PDF from your browser's Print command."),
    ("print_back", "Back to the toolkit"),
    ("contents", "Contents"),
    ("introduction", "Introduction"),
    ("other_pages", "Other pages"),
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
    // Ressources, publics, diagrammes et pages à imprimer.
    ("resources", "Ressources"),
    ("resources_other", "Autres ressources"),
    ("resources_none", "Aucune ressource n’est encore proposée ici."),
    ("all_phases", "Toutes les étapes"),
    ("filter_phase", "Afficher les ressources pour"),
    ("filter_audience", "Afficher ce qui s’adresse à"),
    ("filter_status", "{shown} sur {total} affichés."),
    ("everyone", "Tout le monde"),
    ("publisher", "Éditeur"),
    ("year", "Année"),
    ("format", "Format"),
    ("language", "Langue"),
    ("lang_en", "anglais"),
    ("lang_fr", "français"),
    ("phase", "Étape"),
    ("audiences", "Publics"),
    ("audiences_intro", "Choisissez pour qui vous lisez : vous verrez les pages, les éléments de liste de contrôle, les fiches de travail et les ressources qui lui sont destinés."),
    ("audience_title", "Public\u{a0}: {name}"),
    ("audience_intro", "Tout ce qui, dans cette trousse, est destiné à ce public\u{a0}: {name}. Ce qui ne vise aucun public en particulier s’adresse à tous et n’est pas repris ici."),
    ("audience_empty", "Rien dans cette trousse n’est encore destiné à ce public\u{a0}: {name}."),
    ("audience_all", "Tout pour ce public\u{a0}: {name}"),
    ("audience_pages", "Pages"),
    ("audience_resources", "Ressources"),
    ("audience_checklists", "Éléments des listes de contrôle"),
    ("audience_worksheets", "Fiches de travail"),
    ("diagram_title", "Les étapes de cette trousse"),
    ("diagram_sequence", "Les étapes se suivent dans cet ordre\u{a0}:"),
    ("diagram_cycle", "Les étapes forment un cycle qui recommence après la dernière\u{a0}:"),
    ("diagram_links", "Chaque étape mène à sa page."),
    ("model_levels", "{count} niveaux, dans l’ordre\u{a0}:"),
    ("print_toolkit", "Imprimer toute la trousse"),
    ("print_phase", "Imprimer cette étape pour un atelier"),
    ("print_button", "Imprimer"),
    ("print_intro", "Cette page réunit toute la trousse, prête à imprimer ou à enregistrer en PDF avec la commande Imprimer de votre navigateur."),
    ("print_phase_intro", "Ce dossier réunit une étape, prête à imprimer pour un atelier ou à enregistrer en PDF avec la commande Imprimer de votre navigateur."),
    ("print_back", "Retour à la trousse"),
    ("contents", "Table des matières"),
    ("introduction", "Introduction"),
    ("other_pages", "Autres pages"),
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
