//! Assembling the files discovery found into the model: front matter read and checked, slugs and
//! titles settled, sections ordered, pages placed, every naming rule applied.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::discover::{Found, FoundPage, RESERVED_SECTIONS};
use super::frontmatter::{self, PageFront, SectionFront};
use super::{order_key, Home, LoadOptions, Page, Section, Site, Source};
use crate::config::{Config, Name};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::names::{is_valid_slug, slugify};
use crate::tomlinput::TomlSource;

/// Parses front matter, applies the naming and ordering rules, and builds the model.
pub(crate) fn assemble(
    root: PathBuf,
    config: Config,
    mut found: Found,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) -> Site {
    let home = Home::from_source(found.home, "the home page's front matter", diags);
    // content/worksheets/ is not a section: its _index.md only titles the worksheets page.
    let mut section_indexes = found.section_indexes;
    let worksheets_index = section_indexes
        .iter()
        .position(|(name, _)| name == "worksheets")
        .map(|i| section_indexes.remove(i).1)
        .map(|s| Home::from_source(Some(s), "the worksheets page's front matter", diags))
        .filter(|h| h.index.is_some());
    let mut sections = build_sections(
        &config,
        &found.section_dirs,
        section_indexes,
        &found.pages,
        diags,
    );
    let mut pages = Vec::new();
    let mut drafts = Vec::new();
    let mut unloaded = std::mem::take(&mut found.unreadable);
    for fp in found.pages {
        let path = fp.source.path.clone();
        let misplaced = fp.misplaced;
        let Some(page) = build_page(&config, fp, diags).filter(|_| !misplaced) else {
            unloaded.push(path);
            continue;
        };
        if page.is_draft() && !opts.drafts {
            drafts.push(page.source.path.clone());
        } else {
            pages.push(page);
        }
    }
    check_slug_collisions(&pages, &sections, diags);
    pages.sort_by_cached_key(|p| order_key(p.front.weight, p.title()));
    let mut root_pages = Vec::new();
    for (id, page) in pages.iter().enumerate() {
        match &page.section {
            Some(name) => {
                if let Some(s) = sections.iter_mut().find(|s| &s.name == name) {
                    s.pages.push(id);
                }
            }
            None => root_pages.push(id),
        }
    }
    Site {
        root,
        config,
        home,
        sections,
        pages,
        root_pages,
        drafts,
        unloaded,
        static_files: found.static_files,
        data: found.data,
        worksheets_index,
        translations: found.translations,
        lang: super::localize::SiteLanguage::default(),
    }
}

/// A home or worksheets page's `_index.md` read into its title, summary and body.
pub(crate) fn home_from_source(
    source: Option<Source>,
    what: &str,
    diags: &mut Diagnostics,
) -> Home {
    Home::from_source(source, what, diags)
}

impl Home {
    fn from_source(source: Option<Source>, what: &str, diags: &mut Diagnostics) -> Home {
        let Some(source) = source else {
            return Home::default();
        };
        match parse_front::<SectionFront>(&source, what) {
            Ok((front, split)) => Home {
                title: Some(front.title.into_inner()),
                summary: front.summary,
                index: Some((source, split.body_offset)),
            },
            Err(d) => {
                diags.push(d);
                Home::default()
            }
        }
    }
}

/// Splits and parses the front matter of `source`; returns it with the body's offset.
pub(crate) fn parse_front<T: serde::de::DeserializeOwned>(
    source: &Source,
    what: &str,
) -> Result<(T, frontmatter::Split), Diagnostic> {
    let (input, split) = front_matter(source)?;
    let front: T = input.parse(what)?;
    Ok((front, split))
}

/// `parse_front`, reporting every field's mistake: the front matter read without the fields at
/// fault (for the checks that follow), and the mistakes.
fn parse_front_fields<T: serde::de::DeserializeOwned>(
    source: &Source,
    what: &str,
) -> Result<(Option<T>, frontmatter::Split, Vec<Diagnostic>), Diagnostic> {
    let (input, split) = front_matter(source)?;
    let (front, mistakes) = input.parse_fields(what);
    Ok((front, split, mistakes))
}

/// The front matter of a file, split from its body, as TOML to read at its true place.
fn front_matter(source: &Source) -> Result<(TomlSource<'_>, frontmatter::Split), Diagnostic> {
    let whole = TomlSource::whole(&source.path, &source.text);
    let split = frontmatter::split(&source.text).map_err(|e| e.diagnostic(&whole))?;
    let input = TomlSource {
        path: &source.path,
        file: &source.text,
        offset: split.front.start,
        len: split.front.len(),
    };
    Ok((input, split))
}

fn build_sections(
    config: &Config,
    dirs: &[String],
    indexes: Vec<(String, Source)>,
    pages: &[FoundPage],
    diags: &mut Diagnostics,
) -> Vec<Section> {
    let mut indexes: HashMap<String, Source> = indexes.into_iter().collect();
    let mut names: Vec<&String> = dirs.iter().collect();
    // A folder is a section when it is a phase, has an _index.md or holds pages; a folder of
    // stray files only is not.
    names.retain(|n| {
        n.as_str() != "worksheets"
            && (config.is_phase(n)
                || indexes.contains_key(*n)
                || pages.iter().any(|p| p.section.as_ref() == Some(n)))
    });
    let mut sections = Vec::new();
    for name in names {
        if RESERVED_SECTIONS.contains(&name.as_str()) {
            diags.push(
                Diagnostic::error(format!(
                    "`{name}` is a reserved name: Trellis generates {name}/ itself"
                ))
                .in_file(&Path::new("content").join(name))
                .hint("rename this folder"),
            );
            continue;
        }
        if !is_valid_slug(name) {
            diags.push(Diagnostic::error(format!("the folder name `{name}` becomes a web address and may only use a-z, 0-9 and -"))
                .in_file(&Path::new("content").join(name))
                .hint(format!("rename it to `{}`", slugify(name))));
            continue;
        }
        let mut section = Section {
            name: name.clone(),
            title: title_from_name(name),
            weight: None,
            summary: None,
            index: None,
            is_phase: config.is_phase(name),
            pages: Vec::new(),
            url: format!("{name}/"),
        };
        if let Some(source) = indexes.remove(name) {
            match parse_front::<SectionFront>(&source, "the section's front matter") {
                Ok((front, split)) => {
                    section.title = front.title.into_inner();
                    section.weight = front.weight;
                    section.summary = front.summary;
                    section.index = Some((source, split.body_offset));
                }
                Err(d) => diags.push(d),
            }
        }
        sections.push(section);
    }
    for phase in &config.toolkit.phases {
        if !sections.iter().any(|s| &s.name == phase.get_ref()) {
            diags.push(config.error_at(phase, format!("the phase `{}` has no folder content/{}/", phase.get_ref(), phase.get_ref()))
                .hint(format!("create content/{}/_index.md with a title, or remove the phase from this list", phase.get_ref())));
        }
    }
    let phase_pos = |s: &Section| config.phases().position(|p| p == s.name);
    sections.sort_by_cached_key(|s| {
        (
            phase_pos(s).is_none(),
            phase_pos(s),
            order_key(s.weight, &s.title),
        )
    });
    sections
}

/// "getting-started" -> "Getting started", for a section without an _index.md.
fn title_from_name(name: &str) -> String {
    let words = name.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn build_page(config: &Config, fp: FoundPage, diags: &mut Diagnostics) -> Option<Page> {
    let (front, split, mistakes) = match parse_front_fields::<PageFront>(&fp.source, "front matter")
    {
        Ok(x) => x,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let failed = !mistakes.is_empty();
    diags.extend(mistakes);
    let front = front?;
    let mut page = Page {
        source: fp.source,
        front,
        // Spans in `front` count from the front matter's first byte, not the file's.
        front_offset: split.front.start,
        body_offset: split.body_offset,
        section: fp.section,
        slug: String::new(),
        url: String::new(),
        bundle: fp.bundle,
    };
    check_front(config, &page, diags);
    page.slug = page_slug(&page, &fp.file_stem, diags)?;
    if failed {
        return None;
    }
    page.url = match &page.section {
        Some(sec) => format!("{sec}/{}/", page.slug),
        None => format!("{}/", page.slug),
    };
    Some(page)
}

/// A page's translation, read as the page itself is: its front matter checked at its true
/// place, its slug its own `slug` or the original's file name (so its address is the original's
/// unless it says otherwise), in the original's section and folder.
pub(crate) fn translated_page(
    config: &Config,
    original: &Page,
    source: Source,
    diags: &mut Diagnostics,
) -> Option<Page> {
    let file_stem = match &original.bundle {
        Some(b) => b.dir.file_name().map(|n| n.to_string_lossy().into_owned()),
        None => original
            .source
            .path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned()),
    }
    .unwrap_or_default();
    let found = FoundPage {
        source,
        section: original.section.clone(),
        file_stem,
        bundle: original.bundle.clone(),
        misplaced: false,
    };
    build_page(config, found, diags)
}

/// The title and audiences of a page's front matter.
fn check_front(config: &Config, page: &Page, diags: &mut Diagnostics) {
    let front = &page.front;
    if front.title.get_ref().trim().is_empty() {
        diags.push(
            page.error_at(&front.title, "the page's title is empty")
                .hint("write the title between the quotes"),
        );
    }
    for a in &front.audience {
        if let Some((message, hint)) = config.unknown_name(Name::Audience, a.get_ref()) {
            diags.push(page.error_at(a, message).hint(hint));
        }
    }
}

/// The page's slug: its own `slug`, or its file name's. None (reported) when unusable.
/// The longest slug: a folder name must fit the file systems' 255 bytes with room to spare.
const MAX_SLUG: usize = 200;

fn page_slug(page: &Page, file_stem: &str, diags: &mut Diagnostics) -> Option<String> {
    let slug = match &page.front.slug {
        Some(s) if s.get_ref().contains(['/', '\\']) || s.get_ref().contains("..") => {
            diags.push(
                page.error_at(
                    s,
                    format!(
                        "the slug `{}` would write this page outside its section's folder",
                        s.get_ref()
                    ),
                )
                .hint(format!(
                    "a slug is one word of a-z, 0-9 and -, such as slug = \"{}\"",
                    slugify(s.get_ref())
                )),
            );
            return None;
        }
        Some(s) if !is_valid_slug(s.get_ref()) => {
            let message = if s.get_ref().is_empty() {
                "the slug is empty".to_string()
            } else {
                format!("the slug `{}` may only use a-z, 0-9 and -", s.get_ref())
            };
            let suggested = match slugify(s.get_ref()) {
                fixed if fixed.is_empty() => format!(
                    "write a word of a-z, 0-9 and -, such as slug = \"{}\", or remove the slug line to use the file name",
                    slugify(file_stem)
                ),
                fixed => format!("write slug = \"{fixed}\""),
            };
            diags.push(page.error_at(s, message).hint(suggested));
            return None;
        }
        Some(s) if s.get_ref().len() > MAX_SLUG => {
            diags.push(
                page.error_at(
                    s,
                    format!(
                        "the slug is {} characters long; at most {MAX_SLUG} fit in a web address",
                        s.get_ref().len()
                    ),
                )
                .hint("choose a short slug of a few words, such as slug = \"agreement\""),
            );
            return None;
        }
        Some(s) => s.get_ref().clone(),
        None => slugify(file_stem),
    };
    if slug.len() > MAX_SLUG {
        diags.push(
            Diagnostic::error(format!(
                "this file name gives a web address {} characters long; at most {MAX_SLUG} fit",
                slug.len()
            ))
            .in_file(&page.source.path)
            .hint(
                "rename the file to a few words, or set a short slug = \"...\" in the front matter",
            ),
        );
        return None;
    }
    if slug.is_empty() {
        diags.push(Diagnostic::error("this file name gives an empty web address").in_file(&page.source.path)
            .hint("rename the file with letters or digits, or set slug = \"...\" in the front matter"));
        return None;
    }
    Some(slug)
}

fn check_slug_collisions(pages: &[Page], sections: &[Section], diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Page> = HashMap::new();
    for page in pages {
        let at = |p: &Page| match &p.front.slug {
            Some(s) => p.error_at(s, "").location,
            None => Diagnostic::error("").in_file(&p.source.path).location,
        };
        let reserved = match &page.section {
            None => {
                RESERVED_SECTIONS.contains(&page.slug.as_str())
                    || sections.iter().any(|s| s.name == page.slug)
            }
            Some(sec) => page.slug == "checklist" && sections.iter().any(|s| &s.name == sec),
        };
        if reserved {
            let mut d = Diagnostic::error(format!(
                "the address `{}` is already used by a generated page or a section",
                page.url
            ))
            .hint("rename the file or set another slug = \"...\" in its front matter");
            d.location = at(page);
            diags.push(d);
            continue;
        }
        if let Some(first) = seen.insert(page.url.as_str(), page) {
            // Point at the page whose own `slug` caused the clash, when one of them has one.
            let (here, other) = if page.front.slug.is_none() && first.front.slug.is_some() {
                (first, page)
            } else {
                (page, first)
            };
            let mut d = Diagnostic::error(format!(
                "two pages would both be written to {}: this one and {}",
                page.url,
                other.source.path.display()
            ))
            .hint("give one of them another file name or a different slug = \"...\"");
            d.location = at(here);
            diags.push(d);
        }
    }
}
