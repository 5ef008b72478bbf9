//! `trellis new`: one new page, worksheet or checklist, its front matter or TOML filled in.
//!
//! The text of each new file comes from a pure function; `create` only checks the toolkit,
//! refuses to replace a file, and writes.

use std::path::{Path, PathBuf};

use crate::build::Failure;
use crate::config::Config;
use crate::content::frontmatter;
use crate::content::RESERVED_SECTIONS;
use crate::diagnostic::Diagnostic;
use crate::fsutil;
use crate::names::is_valid_slug;

/// What to create.
#[derive(Debug, Clone)]
pub(crate) enum NewThing {
    /// `<section>/<slug>` or, for a page at the top of content/, `<slug>`.
    Page {
        at: String,
        title: Option<String>,
    },
    Worksheet {
        id: String,
        title: Option<String>,
        phase: Option<String>,
    },
    Checklist {
        phase: String,
    },
}

/// The files written (relative to the toolkit) and the address of the new page.
#[derive(Debug)]
pub(crate) struct Created {
    pub(crate) files: Vec<PathBuf>,
    pub(crate) url: String,
    /// What else the author must do for readers to find it, if anything.
    pub(crate) also: Option<String>,
}

/// Writes the new file. Bad arguments and existing files are usage errors (exit 2), a broken
/// site.toml is a toolkit error (exit 1).
pub(crate) fn create(root: &Path, what: &NewThing) -> Result<Created, Failure> {
    let config = Config::load(root).map_err(Failure::Toolkit)?;
    let planned = plan(root, &config, what)?;
    for (rel, _) in &planned.files {
        if root.join(rel).symlink_metadata().is_ok() {
            return Err(Failure::Usage(exists(rel)));
        }
    }
    let mut files = Vec::new();
    for (rel, text) in planned.files {
        fsutil::create_new(&root.join(&rel), text.as_bytes()).map_err(|e| {
            Failure::Usage(Diagnostic::error(e.to_string()).hint(
                "check that the folder exists and that you may write in it, then run the command again",
            ))
        })?;
        files.push(rel);
    }
    Ok(Created {
        files,
        url: planned.url,
        also: planned.also,
    })
}

/// The files a command would write, with their text, and the new page's address.
struct NewFiles {
    files: Vec<(PathBuf, String)>,
    url: String,
    also: Option<String>,
}

fn plan(root: &Path, config: &Config, what: &NewThing) -> Result<NewFiles, Failure> {
    match what {
        NewThing::Page { at, title } => plan_page(root, config, at, title.as_deref()),
        NewThing::Worksheet { id, title, phase } => {
            let phase = match phase {
                Some(p) => Some(known_phase(config, p)?),
                None => config.phases().next().map(str::to_string),
            };
            let id = valid_name(id, "worksheet id", "partnership-agreement")?;
            let title = title.clone().unwrap_or_else(|| title_from_slug(&id));
            let also = phase.is_none().then(|| {
                format!("list it on a page: worksheets = [\"{id}\"] in the page's front matter")
            });
            Ok(NewFiles {
                also,
                files: vec![(
                    PathBuf::from(format!("content/worksheets/{id}.toml")),
                    worksheet_text(&title, phase.as_deref()),
                )],
                url: format!("worksheets/{id}/"),
            })
        }
        NewThing::Checklist { phase } => {
            let phase = known_phase(config, phase)?;
            Ok(NewFiles {
                files: vec![(
                    PathBuf::from(format!("content/{phase}/checklist.toml")),
                    checklist_text(),
                )],
                url: format!("{phase}/checklist/"),
                also: None,
            })
        }
    }
}

fn plan_page(
    root: &Path,
    config: &Config,
    at: &str,
    title: Option<&str>,
) -> Result<NewFiles, Failure> {
    let at = at.trim_end_matches(".md");
    let (section, slug) = match at.split_once('/') {
        Some((section, slug)) => (Some(section), slug),
        None => (None, at),
    };
    let slug = valid_name(slug, "page name", "setting-goals")?;
    let title = title.map_or_else(|| title_from_slug(&slug), str::to_string);
    let Some(section) = section else {
        return Ok(NewFiles {
            files: vec![(
                PathBuf::from(format!("content/{slug}.md")),
                page_text(&title, None),
            )],
            url: format!("{slug}/"),
            also: Some(format!(
                "add it to site.toml's menu so readers find it: [[menu]] with title = {} and url = \"{slug}.md\"",
                quoted(&title)
            )),
        });
    };
    let section = valid_name(section, "section name", "getting-started")?;
    refuse_reserved(config, &section, &slug)?;
    let dir = root.join("content").join(&section);
    let mut files = Vec::new();
    if !dir.join("_index.md").exists() && !dir.is_dir() {
        // A new section gets its introduction too, so it has a title to edit.
        files.push((
            PathBuf::from(format!("content/{section}/_index.md")),
            section_text(&title_from_slug(&section)),
        ));
    }
    let folder_page = PathBuf::from(format!("content/{section}/{slug}/index.md"));
    if root.join(&folder_page).exists() {
        return Err(Failure::Usage(exists(&folder_page)));
    }
    files.push((
        PathBuf::from(format!("content/{section}/{slug}.md")),
        page_text(&title, Some(next_weight(&section_weights(&dir)))),
    ));
    Ok(NewFiles {
        files,
        url: format!("{section}/{slug}/"),
        also: None,
    })
}

fn refuse_reserved(config: &Config, section: &str, slug: &str) -> Result<(), Failure> {
    if section == "worksheets" {
        return Err(Failure::Usage(
            Diagnostic::error("content/worksheets/ holds worksheets, not pages").hint(format!(
                "to make a worksheet, run: trellis new worksheet {slug}"
            )),
        ));
    }
    if RESERVED_SECTIONS.contains(&section) {
        return Err(Failure::Usage(
            Diagnostic::error(format!(
                "`{section}` is a reserved name: Trellis makes the {section}/ pages itself"
            ))
            .hint("choose another section name"),
        ));
    }
    if slug == "checklist" && config.is_phase(section) {
        return Err(Failure::Usage(
            Diagnostic::error(format!(
                "`{section}/checklist/` is the address of the phase's checklist"
            ))
            .hint(format!(
                "choose another page name; for the checklist itself, run: trellis new checklist {section}"
            )),
        ));
    }
    Ok(())
}

fn known_phase(config: &Config, phase: &str) -> Result<String, Failure> {
    if config.is_phase(phase) {
        return Ok(phase.to_string());
    }
    let listed: Vec<&str> = config.phases().collect();
    let hint = if listed.is_empty() {
        format!("site.toml lists no phases: add [toolkit] phases = [\"{phase}\"] to it first")
    } else {
        format!(
            "use one of the phases site.toml lists ({}), or add `{phase}` to [toolkit] phases in site.toml",
            listed.join(", ")
        )
    };
    Err(Failure::Usage(
        Diagnostic::error(format!("`{phase}` is not a phase of this toolkit")).hint(hint),
    ))
}

fn valid_name(name: &str, what: &str, example: &str) -> Result<String, Failure> {
    if is_valid_slug(name) {
        return Ok(name.to_string());
    }
    let suggestion = crate::names::slugify(name);
    let hint = if suggestion.is_empty() {
        format!("use lower-case letters, digits and hyphens, such as {example}")
    } else {
        format!("use lower-case letters, digits and hyphens: {suggestion}")
    };
    Err(Failure::Usage(
        Diagnostic::error(format!("`{name}` is not a valid {what}")).hint(hint),
    ))
}

fn exists(rel: &Path) -> Diagnostic {
    Diagnostic::error(format!("{} already exists", rel.display()))
        .in_file(rel)
        .hint("Trellis never replaces a file: choose another name, or edit the file that is there")
}

/// `setting-goals` becomes "Setting goals".
pub(crate) fn title_from_slug(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The weight after the largest in a section: 10 in an empty one, then steps of 10 so a page
/// can later go between two others.
pub(crate) fn next_weight(weights: &[i64]) -> i64 {
    weights
        .iter()
        .max()
        .map_or(10, |w| (w.div_euclid(10) + 1) * 10)
}

/// The weights of a section's pages, read leniently: a page whose front matter does not parse
/// is the build's business, not this command's.
fn section_weights(dir: &Path) -> Vec<i64> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(std::result::Result::ok)
        .filter_map(|e| {
            let path = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                Some(path.join("index.md"))
            } else if name.ends_with(".md") && name != "_index.md" {
                Some(path)
            } else {
                None
            }
        })
        .filter_map(|page| weight_of(&std::fs::read_to_string(page).ok()?))
        .collect()
}

fn weight_of(text: &str) -> Option<i64> {
    let split = frontmatter::split(text).ok()?;
    let front: toml::Table = text[split.front].parse().ok()?;
    front.get("weight")?.as_integer()
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A new guidance page (or, without a weight, a page at the top of content/).
pub(crate) fn page_text(title: &str, weight: Option<i64>) -> String {
    let weight = weight.map_or(String::new(), |w| {
        format!("# The page's place in its section: smaller numbers come first.\nweight = {w}\n")
    });
    format!(
        "+++\ntitle = {}\n{weight}# One sentence shown in lists of pages: remove the # to use it.\n\
         # summary = \"What this page helps partners do.\"\n+++\n\n\
         ## A first heading\n\n\
         Write the page here. Headings start at two # signs: the title above is the page's main\n\
         heading. Link to other pages by their file, such as [the home page](@/_index.md).\n",
        quoted(title)
    )
}

fn section_text(title: &str) -> String {
    format!(
        "+++\ntitle = {}\n+++\n\nIntroduce this section here: what its pages are about and who they are for.\n",
        quoted(title)
    )
}

/// A new worksheet with two questions to edit.
pub(crate) fn worksheet_text(title: &str, phase: Option<&str>) -> String {
    let phase = phase.map_or(
        "# Name a phase to list this worksheet on its page: phase = \"getting-started\"\n".into(),
        |p| {
            format!(
                "# The phase whose page lists this worksheet.\nphase = {}\n",
                quoted(p)
            )
        },
    );
    format!(
        "# A worksheet: readers fill it in on screen or print it blank. Each [[section.prompt]] is\n\
         # one question; `kind` is lines, text, date, choice, checkbox, table, signature or scale.\n\
         title = {}\n{phase}\
         intro = \"Say what this worksheet is for and when to fill it in.\"\n\n\
         [[section]]\ntitle = \"Questions\"\n\n\
         [[section.prompt]]\nlabel = \"A question that takes a few lines to answer\"\nid = \"first-question\"\nlines = 4\n\n\
         [[section.prompt]]\nlabel = \"A question with one answer to choose\"\nid = \"second-question\"\n\
         kind = \"choice\"\noptions = [\"Yes\", \"Not yet\"]\n",
        quoted(title)
    )
}

/// A new phase checklist with two items to edit.
pub(crate) fn checklist_text() -> String {
    "# The phase's checklist. Readers tick the items on screen or on paper.\n\
     # Its title is \"<phase title> checklist\" unless you write one: title = \"...\"\n\
     intro = \"Work through these steps together.\"\n\n\
     [[item]]\ntext = \"The first step\"\nid = \"first-step\"\n\n\
     [[item]]\ntext = \"The second step\"\nid = \"second-step\"\n"
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_slugs() {
        assert_eq!(title_from_slug("setting-goals"), "Setting goals");
        assert_eq!(title_from_slug("faq"), "Faq");
    }

    #[test]
    fn the_next_weight_follows_the_largest() {
        assert_eq!(next_weight(&[]), 10);
        assert_eq!(next_weight(&[10, 30, 20]), 40);
        assert_eq!(next_weight(&[25]), 30);
        assert_eq!(next_weight(&[-5]), 0);
    }

    #[test]
    fn new_files_are_valid_toml_with_the_title_as_text() {
        let page = page_text(r#"A "quoted" title"#, Some(20));
        let split = frontmatter::split(&page).unwrap();
        let front: toml::Table = page[split.front].parse().unwrap();
        assert_eq!(front["title"].as_str(), Some(r#"A "quoted" title"#));
        assert_eq!(front["weight"].as_integer(), Some(20));
        let worksheet: toml::Table = worksheet_text("NewFiles", Some("start")).parse().unwrap();
        assert_eq!(worksheet["phase"].as_str(), Some("start"));
        let checklist: toml::Table = checklist_text().parse().unwrap();
        assert_eq!(checklist["item"].as_array().map(Vec::len), Some(2));
    }

    #[test]
    fn weights_are_read_from_front_matter() {
        assert_eq!(weight_of("+++\ntitle = \"A\"\nweight = 7\n+++\n"), Some(7));
        assert_eq!(weight_of("+++\ntitle = \"A\"\n+++\n"), None);
        assert_eq!(weight_of("+++\nbroken = \n+++\n"), None);
    }
}
