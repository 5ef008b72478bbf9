//! What `trellis check` says about translations: which files have no translation yet (one
//! message per language, the list a coordinator sends to a translator), which translations are
//! older than their original, which bring checklist or worksheet ids the original lacks, and
//! which have no original at all.
//!
//! `check` is the one entry point, called by `trellis check` (build::check); the rest is pure
//! and tested.

pub(crate) mod age;
pub(crate) mod structure;

use std::path::{Path, PathBuf};

use crate::content::translations::Translations;
use crate::content::Site;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Every translation check on a loaded site. Reads file times (and git's) for the outdated check.
pub(crate) fn check(site: &Site, diags: &mut Diagnostics) {
    if site.config.languages.is_empty() {
        return;
    }
    let originals = originals(site);
    diags.extend(orphans(site, &originals).items);
    for code in site.config.added_languages() {
        let fallback = site.config.language(code).is_none_or(|l| l.fallback);
        diags.extend(missing(code, &originals, &site.translations, fallback));
    }
    // Each translated page's front matter is read by the build of its language (content::localize).
    for data in &site.data {
        for translation in translated(&site.translations, &data.source.path) {
            diags.extend(structure::check(&data.kind, &data.source, translation).items);
        }
    }
    let history = age::History::read(&site.root);
    for (original, by_language) in &site.translations.by_original {
        let stamp = history.stamp(&site.root, original);
        for translation in by_language.values() {
            let basis = age::older(stamp, history.stamp(&site.root, &translation.path));
            diags.extend(basis.map(|b| outdated(original, &translation.path, b)));
        }
    }
}

fn translated<'a>(
    translations: &'a Translations,
    original: &Path,
) -> impl Iterator<Item = &'a crate::content::Source> {
    translations
        .by_original
        .get(original)
        .into_iter()
        .flat_map(|m| m.values())
}

/// The files a translator works on, in the order of the site: home, then each section's index and
/// pages, then root pages, then worksheets page and data (checklists, worksheets, resources, models).
pub(crate) fn originals(site: &Site) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    out.extend(site.home.index.as_ref().map(|(s, _)| s.path.clone()));
    for section in &site.sections {
        out.extend(section.index.as_ref().map(|(s, _)| s.path.clone()));
        out.extend(
            section
                .pages
                .iter()
                .map(|&p| site.pages[p].source.path.clone()),
        );
    }
    out.extend(
        site.root_pages
            .iter()
            .map(|&p| site.pages[p].source.path.clone()),
    );
    let worksheets = site
        .worksheets_index
        .as_ref()
        .and_then(|h| h.index.as_ref());
    out.extend(worksheets.map(|(s, _)| s.path.clone()));
    out.extend(site.data.iter().map(|d| d.source.path.clone()));
    out
}

/// One warning per language listing the files not yet translated into it, or none when every
/// file is.
pub(crate) fn missing(
    language: &str,
    originals: &[PathBuf],
    translations: &Translations,
    fallback: bool,
) -> Option<Diagnostic> {
    let untranslated: Vec<&PathBuf> = originals
        .iter()
        .filter(|o| translations.get(o, language).is_none())
        .collect();
    if untranslated.is_empty() {
        return None;
    }
    let list: Vec<String> = untranslated
        .iter()
        .map(|p| format!("  {}", p.display()))
        .collect();
    let shown = if fallback {
        "they are shown in the original language, with a notice"
    } else {
        "they are left out of that language's site (fallback = false)"
    };
    Some(
        Diagnostic::warning(format!(
            "{} of {} files have no `{language}` translation yet; {shown}:\n{}",
            untranslated.len(),
            originals.len(),
            list.join("\n")
        ))
        .hint(format!(
            "send these to your translator; save each translation beside its original with .{language} before the extension (defining-roles.md -> defining-roles.{language}.md, checklist.toml -> checklist.{language}.toml)"
        )),
    )
}

/// A warning naming both files when a translation is older than its original.
pub(crate) fn outdated(original: &Path, translation: &Path, basis: age::Basis) -> Diagnostic {
    let by = match basis {
        age::Basis::Commits => "was last committed before",
        age::Basis::FileTimes => "was last saved before",
    };
    Diagnostic::warning(format!(
        "{} {by} its original, {}, changed: it may be out of date",
        translation.display(),
        original.display()
    ))
    .in_file(translation)
    .hint(format!(
        "bring the translation up to date with the changes to {} (or, if the change needs no translation, save the translation again{})",
        original.display(),
        match basis {
            age::Basis::Commits => " and commit it",
            age::Basis::FileTimes => "",
        }
    ))
}

/// A translation whose original is not a file of the site (renamed, or deleted).
fn orphans(site: &Site, originals: &[PathBuf]) -> Diagnostics {
    let mut out = Diagnostics::default();
    let known =
        |p: &PathBuf| originals.contains(p) || site.drafts.contains(p) || site.unloaded.contains(p);
    for (original, by_language) in &site.translations.by_original {
        if known(original) {
            continue;
        }
        for translation in by_language.values() {
            out.push(
                Diagnostic::warning(format!(
                    "{} translates {}, which is not in the toolkit",
                    translation.path.display(),
                    original.display()
                ))
                .in_file(&translation.path)
                .hint("if the original was renamed, rename its translation to match (the same name, with the language code before the extension); if it was removed, remove the translation"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests;
