//! The example's checklists and worksheets read straight from their TOML, so the checks compute
//! what the pages should show from the data an author wrote, not from the pages themselves.
//! Only the keys the checks need; defaults as docs/format.md gives them.

use std::path::Path;

use serde::Deserialize;

#[derive(Deserialize, Debug)]
pub struct Checklist {
    #[serde(rename = "item")]
    pub items: Vec<ChecklistItem>,
    #[serde(default)]
    pub states: Vec<State>,
}

#[derive(Deserialize, Debug)]
pub struct ChecklistItem {
    pub text: String,
}

#[derive(Deserialize, Debug)]
pub struct State {
    pub label: String,
    #[serde(default)]
    pub done: bool,
    #[serde(default)]
    pub skip: bool,
}

#[derive(Deserialize, Debug)]
pub struct Worksheet {
    #[serde(rename = "section")]
    pub sections: Vec<Section>,
    pub scale: Option<Scale>,
    pub scoring: Option<Scoring>,
}

#[derive(Deserialize, Debug)]
pub struct Section {
    pub title: Option<String>,
    #[serde(rename = "prompt", default)]
    pub prompts: Vec<Prompt>,
    pub scale: Option<Scale>,
}

#[derive(Deserialize, Debug, Clone)]
pub struct Prompt {
    pub label: String,
    pub id: Option<String>,
    #[serde(default = "lines")]
    pub kind: String,
    pub lines: Option<u32>,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub columns: Vec<String>,
    pub scale: Option<Scale>,
    pub factor: Option<String>,
    pub category: Option<String>,
    #[serde(default)]
    pub reverse: bool,
    #[serde(default)]
    pub allow_na: bool,
}

fn lines() -> String {
    "lines".into()
}

#[derive(Deserialize, Debug, Clone, Copy)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
}

#[derive(Deserialize, Debug)]
pub struct Scoring {
    pub method: String,
    #[serde(rename = "band")]
    pub bands: Vec<Band>,
}

#[derive(Deserialize, Debug)]
pub struct Band {
    pub min: f64,
    pub label: String,
}

fn read<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn checklist(root: &Path, phase: &str) -> Checklist {
    read(&root.join("content").join(phase).join("checklist.toml"))
}

pub fn worksheet(root: &Path, id: &str) -> Worksheet {
    read(&root.join("content/worksheets").join(format!("{id}.toml")))
}

/// Ids of every worksheet of the toolkit, sorted.
pub fn worksheet_ids(root: &Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(root.join("content/worksheets"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| e.path())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        // `agreement.fr.toml` is a translation, not a worksheet: ids never hold a dot.
        .filter(|id| !id.contains('.'))
        .collect();
    ids.sort();
    ids
}

/// Phases that have a checklist, in site.toml's order.
pub fn checklist_phases(root: &Path) -> Vec<String> {
    #[derive(Deserialize)]
    struct Site {
        toolkit: Toolkit,
    }
    #[derive(Deserialize)]
    struct Toolkit {
        phases: Vec<String>,
    }
    let site: Site = read(&root.join("site.toml"));
    let with_list = |p: &String| {
        root.join("content")
            .join(p)
            .join("checklist.toml")
            .is_file()
    };
    site.toolkit.phases.into_iter().filter(with_list).collect()
}

/// A derived id: the text lower-cased, accents folded, other runs of characters turned into `-`.
pub fn slug(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
    let parts: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect();
    parts.join("-")
}

impl Worksheet {
    /// Every prompt with its id and inherited scale filled in.
    pub fn prompts(&self) -> Vec<Prompt> {
        let mut out = Vec::new();
        for section in &self.sections {
            for prompt in &section.prompts {
                let mut p = prompt.clone();
                p.id = Some(p.id.clone().unwrap_or_else(|| slug(&p.label)));
                p.scale = p.scale.or(section.scale).or(self.scale);
                out.push(p);
            }
        }
        out
    }
}

impl Prompt {
    pub fn id(&self) -> &str {
        self.id
            .as_deref()
            .expect("ids are filled in by Worksheet::prompts")
    }

    /// How many write-in lines it prints with when empty (docs/format.md: `lines` defaults to 3;
    /// the one-line kinds print one).
    pub fn write_in_lines(&self) -> u32 {
        match self.kind.as_str() {
            "lines" => self.lines.unwrap_or(3),
            "text" | "date" | "signature" => 1,
            _ => 0,
        }
    }
}

/// Inline Markdown as a reader sees it: links become their text, emphasis and code marks go.
pub fn plain(markdown: &str) -> String {
    let link = regex_lite::Regex::new(r"\[([^\]]*)\]\([^)]*\)").unwrap();
    link.replace_all(markdown, "$1")
        .replace(['*', '_', '`'], "")
}

/// All whitespace removed: rendered and printed text breaks lines where the layout puts them.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}
