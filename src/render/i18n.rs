//! The theme's interface strings in the toolkit's language (English and French for now).

use std::collections::BTreeMap;

const EN: &[(&str, &str)] = &[
    ("skip_to_content", "Skip to main content"),
    ("main_navigation", "Phases and sections"),
    ("menu", "Menu"),
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
    // Checklists and worksheets (data-interactive).
    ("checklist_title", "{phase} checklist"),
    ("checklist_progress", "{done} of {total} done"),
    ("checklist_progress_label", "Progress"),
    ("checklist_reset", "Reset this checklist"),
    ("checklist_confirm_reset", "Clear every tick of this checklist in this browser?"),
    ("checklist_saved_note", "Your ticks are kept in this browser only."),
    ("checklist_more", "More about this step"),
    ("checklist_related", "Related:"),
    ("checklist_state", "Status"),
    ("checklist_open", "Open the checklist on its own page"),
    ("checklist_back", "Back to"),
    ("worksheets", "Worksheets"),
    ("worksheets_intro", "Fill these in on screen (your answers stay in this browser) or print them and fill them in by hand."),
    ("worksheets_for_page", "Worksheets for this page"),
    ("worksheets_for_phase", "Worksheets for this phase"),
    ("worksheets_other", "Other worksheets"),
    ("worksheets_all", "All worksheets"),
    ("worksheet_open", "Open the worksheet"),
    ("worksheet_self_assessment", "Self-assessment"),
    ("worksheet_questions", "questions"),
    ("worksheet_facilitation", "Facilitation"),
    ("worksheet_duration", "Duration"),
    ("worksheet_group_size", "Group size"),
    ("worksheet_materials", "Materials"),
    ("worksheet_not_applicable", "Not applicable"),
    ("worksheet_row", "Row"),
    ("worksheet_add_row", "Add a row"),
    ("worksheet_print", "Print"),
    ("worksheet_download_md", "Download as Markdown"),
    ("worksheet_download_json", "Download as JSON"),
    ("worksheet_load", "Load answers from a JSON file"),
    ("worksheet_clear", "Clear answers"),
    ("worksheet_confirm_clear", "Clear every answer of this worksheet in this browser?"),
    ("worksheet_saved_note", "Your answers are saved in this browser as you type, and nowhere else. Download them to keep a copy or to compare with your partners."),
    ("worksheet_loaded", "Answers loaded."),
    ("worksheet_wrong_file", "This file does not hold answers for this worksheet."),
    ("worksheet_no_answer", "No answer"),
    ("worksheet_signature_hint", "Type your name to sign"),
    ("worksheet_signature", "Signature"),
    ("worksheet_date", "Date"),
    ("worksheet_reverse", "scored in reverse"),
    ("scores", "Scores"),
    ("scores_factor", "Factor"),
    ("scores_category", "Category"),
    ("scores_average", "Average"),
    ("scores_total", "Total"),
    ("scores_band", "Meaning"),
    ("scores_answered", "Answered"),
    ("scores_rule_average", "Each score is the average of the answered statements of that factor (or category), from {min} to {max}, to one decimal. Statements marked “scored in reverse” count as {max_plus_min} minus the answer; “Not applicable” is left out."),
    ("scores_rule_sum", "The score is the total of the answered statements, from {min} to {max}. Statements marked “scored in reverse” count as {max_plus_min} minus the answer; “Not applicable” is left out."),
    ("scores_bands", "What the scores mean"),
    ("scores_band_range", "{from} to {to}"),
    ("scores_unanswered", "{n} unanswered"),
    ("scores_waiting", "Scores appear here as you answer. On paper, work them out by hand with the rule below."),
];

const FR: &[(&str, &str)] = &[
    ("skip_to_content", "Aller au contenu principal"),
    ("main_navigation", "Étapes et sections"),
    ("menu", "Menu"),
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
    // Checklists and worksheets (data-interactive).
    ("checklist_title", "Liste de contrôle : {phase}"),
    ("checklist_progress", "Fait : {done} sur {total}"),
    ("checklist_progress_label", "Progression"),
    ("checklist_reset", "Réinitialiser cette liste"),
    ("checklist_confirm_reset", "Effacer toutes les coches de cette liste dans ce navigateur ?"),
    ("checklist_saved_note", "Vos coches sont gardées dans ce navigateur seulement."),
    ("checklist_more", "En savoir plus sur cette étape"),
    ("checklist_related", "À lire :"),
    ("checklist_state", "État"),
    ("checklist_open", "Ouvrir la liste sur sa propre page"),
    ("checklist_back", "Retour à"),
    ("worksheets", "Fiches de travail"),
    ("worksheets_intro", "Remplissez-les à l’écran (vos réponses restent dans ce navigateur) ou imprimez-les pour les remplir à la main."),
    ("worksheets_for_page", "Fiches de travail de cette page"),
    ("worksheets_for_phase", "Fiches de travail de cette étape"),
    ("worksheets_other", "Autres fiches de travail"),
    ("worksheets_all", "Toutes les fiches de travail"),
    ("worksheet_open", "Ouvrir la fiche"),
    ("worksheet_self_assessment", "Autoévaluation"),
    ("worksheet_questions", "questions"),
    ("worksheet_facilitation", "Animation"),
    ("worksheet_duration", "Durée"),
    ("worksheet_group_size", "Taille du groupe"),
    ("worksheet_materials", "Matériel"),
    ("worksheet_not_applicable", "Sans objet"),
    ("worksheet_row", "Ligne"),
    ("worksheet_add_row", "Ajouter une ligne"),
    ("worksheet_print", "Imprimer"),
    ("worksheet_download_md", "Télécharger en Markdown"),
    ("worksheet_download_json", "Télécharger en JSON"),
    ("worksheet_load", "Charger des réponses depuis un fichier JSON"),
    ("worksheet_clear", "Effacer les réponses"),
    ("worksheet_confirm_clear", "Effacer toutes les réponses de cette fiche dans ce navigateur ?"),
    ("worksheet_saved_note", "Vos réponses sont enregistrées dans ce navigateur au fil de la saisie, et nulle part ailleurs. Téléchargez-les pour en garder une copie ou pour les comparer avec vos partenaires."),
    ("worksheet_loaded", "Réponses chargées."),
    ("worksheet_wrong_file", "Ce fichier ne contient pas de réponses pour cette fiche."),
    ("worksheet_no_answer", "Sans réponse"),
    ("worksheet_signature_hint", "Tapez votre nom pour signer"),
    ("worksheet_signature", "Signature"),
    ("worksheet_date", "Date"),
    ("worksheet_reverse", "notée à l’inverse"),
    ("scores", "Résultats"),
    ("scores_factor", "Facteur"),
    ("scores_category", "Catégorie"),
    ("scores_average", "Moyenne"),
    ("scores_total", "Total"),
    ("scores_band", "Signification"),
    ("scores_answered", "Réponses"),
    ("scores_rule_average", "Chaque résultat est la moyenne des énoncés répondus de ce facteur (ou de cette catégorie), de {min} à {max}, à une décimale. Les énoncés « notés à l’inverse » comptent pour {max_plus_min} moins la réponse ; « Sans objet » n’est pas compté."),
    ("scores_rule_sum", "Le résultat est le total des énoncés répondus, de {min} à {max}. Les énoncés « notés à l’inverse » comptent pour {max_plus_min} moins la réponse ; « Sans objet » n’est pas compté."),
    ("scores_bands", "Ce que les résultats signifient"),
    ("scores_band_range", "{from} à {to}"),
    ("scores_unanswered", "{n} sans réponse"),
    ("scores_waiting", "Les résultats s’affichent au fil de vos réponses. Sur papier, calculez-les à la main avec la règle ci-dessous."),
];

/// The interface strings of a build: the theme's table for the toolkit's language (English for a
/// language without one, and for any string a table lacks), with site.toml's `[strings]` on top.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(transparent)]
pub struct Strings(BTreeMap<&'static str, String>);

impl Strings {
    pub fn new(language: &str, overrides: &BTreeMap<String, toml::Spanned<String>>) -> Strings {
        let mut map: BTreeMap<&'static str, String> =
            EN.iter().map(|(k, v)| (*k, v.to_string())).collect();
        if primary(language) == "fr" {
            map.extend(FR.iter().map(|(k, v)| (*k, v.to_string())));
        }
        for (key, value) in map.iter_mut() {
            if let Some(own) = overrides.get(*key) {
                value.clone_from(own.get_ref());
            }
        }
        Strings(map)
    }

    /// One string, or "" for a key the theme does not have.
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map_or("", String::as_str)
    }
}

/// Every string's key, in the order of the English table (for checking `[strings]`).
pub fn keys() -> impl Iterator<Item = &'static str> {
    EN.iter().map(|(k, _)| *k)
}

/// The English text of a key, to show next to it in the documentation and in hints.
pub fn english(key: &str) -> Option<&'static str> {
    EN.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// Whether the theme has strings for `language` (its primary subtag: `fr-CA` is French).
pub fn has_table(language: &str) -> bool {
    matches!(primary(language), "en" | "fr")
}

fn primary(language: &str) -> &str {
    language.split(['-', '_']).next().unwrap_or(language)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_authors_guide_lists_every_string_key() {
        let guide = include_str!("../../docs/format.md");
        let missing: Vec<&str> = super::keys()
            .filter(|k| !guide.contains(&format!("| `{k}` |")))
            .collect();
        assert!(missing.is_empty(), "docs/format.md's [strings] table lacks {missing:?}");
    }

    #[test]
    fn french_covers_every_english_string() {
        let en: Vec<&str> = super::EN.iter().map(|(k, _)| *k).collect();
        let fr: Vec<&str> = super::FR.iter().map(|(k, _)| *k).collect();
        assert_eq!(en, fr);
    }
}
