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
    ("print_split_title", "Print this toolkit phase by phase"),
    ("print_split_text", "This toolkit is too long to print in one piece. Each phase has its own packet, ready to print or to save as a PDF:"),
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
    // Comparing partners' answers (worksheets/<id>/compare/).
    ("worksheet_name", "Your name or role (optional)"),
    ("worksheet_name_hint", "Saved with your answers, so partners comparing them know whose they are."),
    ("compare_link", "Compare partners’ answers"),
    ("compare_title", "Compare answers: {title}"),
    ("compare_intro", "Each partner fills in the worksheet alone and saves their answers with “Download as JSON”. Load everyone’s files here to see the answers side by side."),
    ("compare_private", "Nothing is uploaded: the files are read by this browser, on this device, and the comparison is gone when you close the page unless you save it."),
    ("compare_needs_js", "Comparing answers needs JavaScript, which is turned off or blocked in this browser. The worksheet itself works without it."),
    ("compare_load_title", "Answer files"),
    ("compare_choose", "Choose answer files"),
    ("compare_drop", "or drop them on this box. A saved comparison loads the same way."),
    ("compare_paste_label", "Or paste the contents of an answer file"),
    ("compare_paste_button", "Add the pasted answers"),
    ("compare_pasted", "The pasted text"),
    ("compare_save", "Save the comparison"),
    ("compare_clear", "Start again"),
    ("compare_back", "Back to the worksheet"),
    ("compare_partner", "Partner {n}"),
    ("compare_added", "Added: {names}."),
    ("compare_removed", "Removed: {name}."),
    ("compare_count", "Answers of {n} partners: {names}."),
    ("compare_count_one", "Answers of one partner: {names}."),
    ("compare_not_trellis", "{file}: not a Trellis answer file, left out."),
    ("compare_other_worksheet", "{file}: answers to another worksheet ({other}), not to this one; left out."),
    ("compare_other_version", "{file}: made with another version of this worksheet, which asked questions this one does not have ({ids}); left out."),
    ("compare_duplicate", "{file}: the same answers as {name}, already loaded; left out."),
    ("compare_remove", "Remove"),
    ("compare_summary", "Summary"),
    ("compare_discuss", "Worth discussing"),
    ("compare_discuss_intro", "Statements where partners’ answers are {gap} or more points apart, the widest first."),
    ("compare_discuss_none", "No statement has answers {gap} or more points apart."),
    ("compare_group_scores", "The group’s scores"),
    ("compare_group_mean", "Group average"),
    ("compare_lowest", "Lowest"),
    ("compare_highest", "Highest"),
    ("compare_difference", "Difference"),
    ("compare_details", "Every answer"),
    ("compare_statement", "Statement"),
    ("compare_answers", "Answers"),
    ("compare_partner_column", "Partner"),
    ("compare_totals", "Each partner’s total"),
    ("compare_partners_answered", "Partners who answered"),
    ("compare_empty", "No answers loaded yet."),
    // Search.
    ("search_label", "Search this toolkit"),
    ("search_placeholder", "Search"),
    ("search_button", "Search"),
    ("search_needs_js", "Search (needs JavaScript)"),
    ("search_title", "Search"),
    ("search_intro", "Find pages, checklist items, worksheets and resources by a word. Search works in this browser, also offline."),
    ("search_no_js", "Search runs in your browser and needs JavaScript, which is turned off or blocked here. Every page is in the navigation above, and the whole toolkit is on one page in its print version."),
    ("search_hint", "Results appear as you type. Use the up and down arrow keys to choose one, Enter to open it and Escape to close the list."),
    ("search_results", "Search results"),
    ("search_count", "{count} results"),
    ("search_one", "1 result"),
    ("search_none", "No results for “{query}”."),
    ("search_loading", "Loading the search index…"),
    ("search_failed", "The search index could not be loaded."),
    ("search_all", "All results"),
    ("search_page_link", "Search this toolkit"),
    ("search_kind_item", "Checklist item"),
    ("search_kind_worksheet", "Worksheet"),
    ("search_kind_resource", "Resource"),
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
    ("print_split_title", "Imprimer la trousse étape par étape"),
    ("print_split_text", "Cette trousse est trop longue pour être imprimée d’un seul tenant. Chaque étape a son propre dossier, prêt à imprimer ou à enregistrer en PDF :"),
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
    // Comparer les réponses des partenaires (worksheets/<id>/compare/).
    ("worksheet_name", "Votre nom ou votre rôle (facultatif)"),
    ("worksheet_name_hint", "Enregistré avec vos réponses, pour que les partenaires qui les comparent sachent de qui elles viennent."),
    ("compare_link", "Comparer les réponses des partenaires"),
    ("compare_title", "Comparer les réponses\u{a0}: {title}"),
    ("compare_intro", "Chaque partenaire remplit la fiche seul et enregistre ses réponses avec «\u{a0}Télécharger en JSON\u{a0}». Chargez ici les fichiers de tous pour voir les réponses côte à côte."),
    ("compare_private", "Rien n’est envoyé\u{a0}: les fichiers sont lus par ce navigateur, sur cet appareil, et la comparaison disparaît à la fermeture de la page, sauf si vous l’enregistrez."),
    ("compare_needs_js", "La comparaison des réponses a besoin de JavaScript, désactivé ou bloqué dans ce navigateur. La fiche elle-même fonctionne sans."),
    ("compare_load_title", "Fichiers de réponses"),
    ("compare_choose", "Choisir des fichiers de réponses"),
    ("compare_drop", "ou déposez-les sur ce cadre. Une comparaison enregistrée se charge de la même façon."),
    ("compare_paste_label", "Ou collez le contenu d’un fichier de réponses"),
    ("compare_paste_button", "Ajouter les réponses collées"),
    ("compare_pasted", "Le texte collé"),
    ("compare_save", "Enregistrer la comparaison"),
    ("compare_clear", "Recommencer"),
    ("compare_back", "Retour à la fiche"),
    ("compare_partner", "Partenaire {n}"),
    ("compare_added", "Ajouté\u{a0}: {names}."),
    ("compare_removed", "Retiré\u{a0}: {name}."),
    ("compare_count", "Réponses de {n} partenaires\u{a0}: {names}."),
    ("compare_count_one", "Réponses d’un seul partenaire\u{a0}: {names}."),
    ("compare_not_trellis", "{file}\u{a0}: ce n’est pas un fichier de réponses Trellis, il est écarté."),
    ("compare_other_worksheet", "{file}\u{a0}: réponses à une autre fiche ({other}), pas à celle-ci\u{a0}; écarté."),
    ("compare_other_version", "{file}\u{a0}: fait avec une autre version de cette fiche, qui posait des questions que celle-ci n’a pas ({ids})\u{a0}; écarté."),
    ("compare_duplicate", "{file}\u{a0}: les mêmes réponses que {name}, déjà chargées\u{a0}; écarté."),
    ("compare_remove", "Retirer"),
    ("compare_summary", "Résumé"),
    ("compare_discuss", "À discuter"),
    ("compare_discuss_intro", "Énoncés où les réponses des partenaires sont éloignées de {gap} points ou plus, les plus grands écarts d’abord."),
    ("compare_discuss_none", "Aucun énoncé n’a de réponses éloignées de {gap} points ou plus."),
    ("compare_group_scores", "Les résultats du groupe"),
    ("compare_group_mean", "Moyenne du groupe"),
    ("compare_lowest", "Minimum"),
    ("compare_highest", "Maximum"),
    ("compare_difference", "Écart"),
    ("compare_details", "Toutes les réponses"),
    ("compare_statement", "Énoncé"),
    ("compare_answers", "Réponses"),
    ("compare_partner_column", "Partenaire"),
    ("compare_totals", "Le total de chaque partenaire"),
    ("compare_partners_answered", "Partenaires ayant répondu"),
    ("compare_empty", "Aucune réponse chargée pour l’instant."),
    // Recherche.
    ("search_label", "Rechercher dans cette trousse"),
    ("search_placeholder", "Rechercher"),
    ("search_button", "Rechercher"),
    ("search_needs_js", "Rechercher (nécessite JavaScript)"),
    ("search_title", "Recherche"),
    ("search_intro", "Trouvez des pages, des éléments de listes de contrôle, des fiches de travail et des ressources à partir d’un mot. La recherche se fait dans ce navigateur, même hors ligne."),
    ("search_no_js", "La recherche se fait dans votre navigateur et nécessite JavaScript, qui est désactivé ou bloqué ici. Toutes les pages figurent dans la navigation ci-dessus, et toute la trousse tient sur une page dans sa version à imprimer."),
    ("search_hint", "Les résultats s’affichent pendant la saisie. Choisissez-en un avec les flèches haut et bas, ouvrez-le avec Entrée et fermez la liste avec Échap."),
    ("search_results", "Résultats de la recherche"),
    ("search_count", "{count} résultats"),
    ("search_one", "1 résultat"),
    ("search_none", "Aucun résultat pour « {query} »."),
    ("search_loading", "Chargement de l’index de recherche…"),
    ("search_failed", "L’index de recherche n’a pas pu être chargé."),
    ("search_all", "Tous les résultats"),
    ("search_page_link", "Rechercher dans la trousse"),
    ("search_kind_item", "Élément de liste de contrôle"),
    ("search_kind_worksheet", "Fiche de travail"),
    ("search_kind_resource", "Ressource"),
];

/// The interface strings of a build: the theme's table for the toolkit's language (English for a
/// language without one, and for any string a table lacks), with site.toml's `[strings]` on top.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(transparent)]
pub(crate) struct Strings(BTreeMap<&'static str, String>);

impl Strings {
    pub(crate) fn new(
        language: &str,
        overrides: &BTreeMap<String, toml::Spanned<String>>,
    ) -> Strings {
        let mut map: BTreeMap<&'static str, String> =
            EN.iter().map(|(k, v)| (*k, v.to_string())).collect();
        if primary(language) == "fr" {
            map.extend(FR.iter().map(|(k, v)| (*k, v.to_string())));
        }
        for (key, value) in &mut map {
            if let Some(own) = overrides.get(*key) {
                value.clone_from(own.get_ref());
            }
        }
        Strings(map)
    }

    /// One string, or "" for a key the theme does not have.
    pub(crate) fn get(&self, key: &str) -> &str {
        self.0.get(key).map_or("", String::as_str)
    }
}

/// The strings trellis-search.js shows, as JSON for the search box's `data-strings`.
pub(crate) fn search_strings(strings: &Strings) -> String {
    let keys = [
        "search_count",
        "search_one",
        "search_none",
        "search_loading",
        "search_failed",
        "search_kind_item",
        "search_kind_worksheet",
        "search_kind_resource",
    ];
    let picked: BTreeMap<&str, &str> = keys.iter().map(|k| (*k, strings.get(k))).collect();
    serde_json::to_string(&picked).unwrap_or_default()
}

/// Every string's key, in the order of the English table (for checking `[strings]`).
pub(crate) fn keys() -> impl Iterator<Item = &'static str> {
    EN.iter().map(|(k, _)| *k)
}

/// The English text of a key, to show next to it in the documentation and in hints.
pub(crate) fn english(key: &str) -> Option<&'static str> {
    EN.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// Whether the theme has strings for `language` (its primary subtag: `fr-CA` is French).
pub(crate) fn has_table(language: &str) -> bool {
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
        assert!(
            missing.is_empty(),
            "docs/format.md's [strings] table lacks {missing:?}"
        );
    }

    #[test]
    fn french_covers_every_english_string() {
        let en: Vec<&str> = super::EN.iter().map(|(k, _)| *k).collect();
        let fr: Vec<&str> = super::FR.iter().map(|(k, _)| *k).collect();
        assert_eq!(en, fr);
    }
}
