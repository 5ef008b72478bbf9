//! The theme: Tera templates and static files, from the embedded default theme, a theme folder,
//! and the toolkit's own templates/, each overriding the one before file by file.

use crate::content::Site;
pub(crate) use crate::output::Asset;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{include_dir, Dir};
use tera::Tera;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fsutil;

/// The default theme, compiled into the binary so a toolkit without themes/ still builds.
static DEFAULT_THEME: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A template's text and where an author finds it.
#[derive(Debug, Clone)]
pub(crate) struct TemplateSource {
    pub(crate) shown: PathBuf,
    pub(crate) text: Arc<str>,
}

pub(crate) struct Theme {
    pub(crate) tera: Tera,
    pub(crate) templates: HashMap<String, TemplateSource>,
    /// Static files by output path ("trellis.css").
    pub(crate) assets: Vec<(String, Asset)>,
}

/// A theme's templates and static files, read in override order but not yet parsed.
pub(crate) struct ThemeFiles {
    pub(crate) templates: HashMap<String, TemplateSource>,
    /// Static files by output path, sorted.
    pub(crate) assets: Vec<(String, Asset)>,
    /// The theme folder's own strings files, by language (src/render/theme_strings.rs).
    pub(crate) strings: crate::i18n::ThemeTables,
}

impl ThemeFiles {
    /// Parses the templates (once).
    pub(crate) fn parse(self) -> Result<Theme, Diagnostics> {
        let tera = parse_all(&self.templates)?;
        Ok(Theme {
            tera,
            templates: self.templates,
            assets: self.assets,
        })
    }
}

impl Theme {
    /// Reads the templates and lists the static files, in override order.
    pub(crate) fn read(root: &Path, theme_name: &str) -> Result<ThemeFiles, Diagnostics> {
        let mut templates: HashMap<String, TemplateSource> = HashMap::new();
        let mut assets: HashMap<String, Asset> = HashMap::new();
        let mut diags = Diagnostics::default();
        add_embedded(&mut templates, &mut assets);
        let theme_dir = root.join("themes").join(theme_name);
        let strings = super::theme_strings::read(root, &theme_dir.join("strings"), &mut diags);
        if theme_dir.is_dir() {
            add_disk(
                root,
                &theme_dir.join("templates"),
                &mut templates,
                &mut diags,
            );
            for rel in crate::content::list_files(root, &theme_dir.join("static"), &mut diags) {
                let key = rel.to_string_lossy().replace('\\', "/");
                assets.insert(key, Asset::Disk(theme_dir.join("static").join(rel)));
            }
        }
        add_disk(root, &root.join("templates"), &mut templates, &mut diags);
        if diags.has_errors() {
            return Err(diags);
        }
        let mut assets: Vec<(String, Asset)> = assets.into_iter().collect();
        assets.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(ThemeFiles {
            templates,
            assets,
            strings,
        })
    }

    pub(crate) fn has_template(&self, name: &str) -> bool {
        self.templates.contains_key(name)
    }

    /// The text of a theme asset (for inlining CSS into the 404 page).
    pub(crate) fn asset_text(&self, name: &str) -> String {
        let Some((_, asset)) = self.assets.iter().find(|(n, _)| n == name) else {
            return String::new();
        };
        match asset {
            Asset::Embedded(b) => String::from_utf8_lossy(b).into_owned(),
            Asset::Disk(p) => std::fs::read_to_string(p).unwrap_or_default(),
        }
    }
}

/// Whether `name` names a folder directly under themes/: no path, so a theme can never be read
/// from outside the toolkit.
pub(crate) fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', ':'])
}

/// Whether a theme exists: the built-in default, or a folder under themes/.
pub(crate) fn exists(root: &Path, name: &str) -> bool {
    name == "default" || root.join("themes").join(name).join("templates").is_dir()
}

fn add_embedded(
    templates: &mut HashMap<String, TemplateSource>,
    assets: &mut HashMap<String, Asset>,
) {
    let mut stack = vec![&DEFAULT_THEME];
    while let Some(dir) = stack.pop() {
        for file in dir.files() {
            let path = file.path();
            if let Ok(name) = path.strip_prefix("templates") {
                let text = String::from_utf8_lossy(file.contents());
                let shown = Path::new("themes/default").join(path);
                templates.insert(
                    slash(name),
                    TemplateSource {
                        shown,
                        text: Arc::from(text.as_ref()),
                    },
                );
            } else if let Ok(name) = path.strip_prefix("static") {
                assets.insert(slash(name), Asset::Embedded(file.contents()));
            }
        }
        stack.extend(dir.dirs());
    }
}

fn add_disk(
    root: &Path,
    dir: &Path,
    templates: &mut HashMap<String, TemplateSource>,
    diags: &mut Diagnostics,
) {
    for rel in crate::content::list_files(root, dir, diags) {
        let path = dir.join(&rel);
        let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let bytes = match fsutil::read(&path) {
            Ok(b) => b,
            Err(e) => {
                diags.push(Diagnostic::io_error(&e, &shown));
                continue;
            }
        };
        match crate::fsutil::decode_text(bytes, &shown) {
            Ok(text) => {
                templates.insert(
                    slash(&rel),
                    TemplateSource {
                        shown,
                        text: Arc::from(text),
                    },
                );
            }
            Err(d) => diags.push(d),
        }
    }
}

fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn parse_all(templates: &HashMap<String, TemplateSource>) -> Result<Tera, Diagnostics> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::markdown::escape_html);
    tera.register_filter("css_string", css_string_filter);
    let mut names: Vec<&String> = templates.keys().collect();
    names.sort();
    let all: Vec<(&str, &str)> = names
        .iter()
        .map(|n| (n.as_str(), templates[*n].text.as_ref()))
        .collect();
    if let Err(e) = tera.add_raw_templates(all) {
        let mut diags = Diagnostics::default();
        diags.push(super::template_error::template_error(
            &e, templates, None, None,
        ));
        return Err(diags);
    }
    super::cycles::restrict_functions(&mut tera);
    let loops = super::cycles::check(&tera, templates);
    if loops.has_errors() {
        return Err(loops);
    }
    Ok(tera)
}

/// `{{ text | css_string | safe }}`: the text as a quoted CSS string that cannot end the
/// `<style>` element it sits in (a worksheet's running title on paper).
fn css_string_filter(
    value: &tera::Value,
    _: &HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("css_string takes a string"))?;
    Ok(tera::Value::String(super::print::css_string(text)))
}

/// The theme site.toml names (the built-in default when none), read but not yet parsed.
pub(crate) fn find(site: &Site) -> Result<ThemeFiles, Diagnostics> {
    let name = site.config.theme.name.get_ref();
    if !is_plain_name(name) {
        let mut d = Diagnostics::default();
        d.push(site.config.error_at(&site.config.theme.name, format!("`{name}` is not a theme name"))
            .hint("a theme is a folder under themes/ named by its folder name alone, such as theme = \"campus\" for themes/campus/"));
        return Err(d);
    }
    if !exists(&site.root, name) {
        let mut d = Diagnostics::default();
        d.push(site.config.error_at(&site.config.theme.name, format!("there is no theme `{name}`"))
            .hint(format!("create themes/{name}/templates/, or remove the theme line to use the built-in default theme")));
        return Err(d);
    }
    Theme::read(&site.root, name)
}

/// Whether any template but `except` reads `variable` in a Tera tag (`{{ }}` or `{% %}`).
pub(crate) fn reads_variable(
    templates: &HashMap<String, TemplateSource>,
    variable: &str,
    except: &str,
) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    templates
        .iter()
        .filter(|(name, _)| name.as_str() != except)
        .any(|(_, t)| {
            tags(&t.text).any(|tag| {
                tag.match_indices(variable).any(|(i, _)| {
                    let before = tag[..i].chars().next_back();
                    let after = tag[i + variable.len()..].chars().next();
                    !before.is_some_and(is_word) && !after.is_some_and(|c| is_word(c) && c != '.')
                })
            })
        })
}

/// The insides of a template's `{{ }}` and `{% %}` tags.
fn tags(text: &str) -> impl Iterator<Item = &str> {
    text.split("{{")
        .skip(1)
        .filter_map(|t| t.split_once("}}").map(|(tag, _)| tag))
        .chain(
            text.split("{%")
                .skip(1)
                .filter_map(|t| t.split_once("%}").map(|(tag, _)| tag)),
        )
}
