//! The documentation's examples are tested, so an author who copies one gets a working file.
//!
//! The convention for fenced blocks in docs/*.md (info string: a language, then words):
//! - every ```toml block parses as TOML, and every ```markdown (or ```md) block's `+++` front
//!   matter parses as a page's or a section's front matter (unknown keys included);
//! - `file=PATH` marks a block as that file of the guide's example toolkit: all of them together
//!   (blocks for one path joined in order) must build with no warning;
//! - `ignore` marks a deliberately wrong example (showing a mistake): it is not checked.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::TestSite;
use trellis::content::{frontmatter, PageFront, SectionFront};

/// A fenced code block of a Markdown document.
#[derive(Debug)]
struct Block {
    doc: String,
    line: usize,
    lang: String,
    file: Option<String>,
    ignore: bool,
    text: String,
}

impl Block {
    fn at(&self) -> String {
        format!("{}:{}", self.doc, self.line)
    }
}

/// Every fenced block of `text`; a block indented in a list loses its indentation.
fn blocks(doc: &str, text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        let indent = line.len() - line.trim_start().len();
        let Some(info) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        let mut words = info.split_whitespace();
        let lang = words.next().unwrap_or("").to_string();
        let (mut file, mut ignore) = (None, false);
        for word in words {
            match word.strip_prefix("file=") {
                Some(path) => file = Some(path.to_string()),
                None if word == "ignore" => ignore = true,
                None => panic!("{doc}:{}: unknown word `{word}` after ```{lang}", i + 1),
            }
        }
        let mut body = String::new();
        for (_, inner) in lines.by_ref() {
            if inner.trim() == "```" {
                break;
            }
            let cut = inner.len() - inner.trim_start().len();
            body.push_str(&inner[cut.min(indent)..]);
            body.push('\n');
        }
        out.push(Block {
            doc: doc.to_string(),
            line: i + 1,
            lang,
            file,
            ignore,
            text: body,
        });
    }
    out
}

fn docs() -> Vec<Block> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    paths
        .iter()
        .flat_map(|p| {
            let name = format!("docs/{}", p.file_name().unwrap().to_string_lossy());
            blocks(&name, &std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

/// Why a block does not parse, if it does not.
fn problem(block: &Block) -> Option<String> {
    match block.lang.as_str() {
        "toml" => block
            .text
            .parse::<toml::Table>()
            .err()
            .map(|e| e.to_string()),
        "markdown" | "md" => {
            if !block.text.starts_with("+++") {
                return None; // Markdown without front matter: any text is Markdown
            }
            let split = match frontmatter::split(&block.text) {
                Ok(split) => split,
                Err(e) => return Some(format!("front matter: {e:?}")),
            };
            let front = &block.text[split.front];
            let page = toml::from_str::<PageFront>(front).err()?;
            let section = toml::from_str::<SectionFront>(front).err()?;
            Some(format!("as a page: {page}\nas a section: {section}"))
        }
        _ => None,
    }
}

#[test]
fn the_block_reader_sees_languages_files_ignores_and_indented_blocks() {
    let text = "a\n```toml file=site.toml\ntitle = \"A\"\n```\n- item\n\n  ```markdown ignore\n  +++\n  x\n  ```\n";
    let found = blocks("t.md", text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].file.as_deref(), Some("site.toml"));
    assert_eq!(found[0].text, "title = \"A\"\n");
    assert!(found[1].ignore && found[1].lang == "markdown");
    assert_eq!(found[1].text, "+++\nx\n");
    assert!(problem(&found[1]).is_some(), "the wrong example is wrong");
}

#[test]
fn every_toml_and_markdown_example_in_the_docs_parses() {
    let all = docs();
    let checked: Vec<&Block> = all
        .iter()
        .filter(|b| !b.ignore && ["toml", "markdown", "md"].contains(&b.lang.as_str()))
        .collect();
    assert!(checked.len() > 30, "only {} blocks found", checked.len());
    let problems: Vec<String> = checked
        .iter()
        .filter_map(|b| problem(b).map(|p| format!("{}: {p}", b.at())))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn the_ignored_examples_really_show_a_mistake() {
    for block in docs().iter().filter(|b| b.ignore) {
        assert!(
            problem(block).is_some(),
            "{} is marked ignore but parses: remove `ignore` so it is tested",
            block.at()
        );
    }
}

#[test]
fn the_guides_examples_make_a_toolkit_that_builds_without_warnings() {
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    for block in docs().into_iter().filter(|b| b.doc == "docs/guide.md") {
        if let Some(path) = block.file {
            files.entry(path).or_default().push_str(&block.text);
        }
    }
    for part in [
        "site.toml",
        "content/_index.md",
        "content/getting-started/setting-goals.md",
        "content/getting-started/checklist.toml",
        "content/worksheets/partnership-agreement.toml",
        "content/worksheets/partnership-health.toml",
        "content/resources.toml",
        "content/models.toml",
        "templates/shortcodes/note.html",
    ] {
        assert!(
            files.contains_key(part),
            "the guide has no example of {part}"
        );
    }
    let site = TestSite::empty();
    for (path, text) in &files {
        site.write(path, text);
    }
    let run = site.run(&["build", "--strict"]);
    run.assert_ok().assert_no_stderr("warning");
    let page = run.output("throughout/regular-check-ins/index.html");
    assert!(
        page.contains(r#"<aside class="note note-tip">"#),
        "the guide's own shortcode"
    );
}

/// The subcommands, for finding the command in `trellis --root x build --strict`.
const COMMANDS: &[&str] = &["init", "new", "build", "check", "watch", "serve"];

/// Every `trellis ...` command line the docs show: in inline code, and on the lines of code
/// blocks; comments (`# ...`) and brackets around optional parts are left out.
fn command_lines(text: &str) -> Vec<String> {
    let mut prose = String::new();
    let mut lines = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if fenced {
            lines.push(line.trim().to_string());
        } else {
            prose.push_str(line);
            prose.push('\n');
        }
    }
    lines.extend(prose.split('`').skip(1).step_by(2).map(str::to_string));
    lines
        .iter()
        .filter_map(|l| l.strip_prefix("trellis "))
        .map(|l| l.split(" #").next().unwrap_or("").replace(['[', ']'], ""))
        .collect()
}

#[test]
fn every_command_the_docs_name_exists_with_its_options() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = TestSite::empty();
    let top = site.run(&["--help"]).stdout;
    let mut seen = 0;
    for doc in ["README.md", "docs/guide.md", "docs/format.md"] {
        let text = std::fs::read_to_string(root.join(doc)).unwrap();
        for rest in command_lines(&text) {
            let words: Vec<&str> = rest.split_whitespace().collect();
            let first = words.first().copied().unwrap_or("");
            if first == "biuld" || first.starts_with(|c: char| c.is_ascii_digit()) {
                continue; // the guide's example of a typo, and --version's output
            }
            let start = words.iter().position(|w| COMMANDS.contains(w));
            if start.is_none() {
                assert!(
                    words.iter().all(|w| w.starts_with('-')),
                    "{doc}: `trellis {rest}` names no command"
                );
            }
            let path: Vec<&str> = match start {
                Some(i) if words[i] == "new" => words[i..].iter().take(2).copied().collect(),
                Some(i) => vec![words[i]],
                None => Vec::new(),
            };
            let mut args = path.clone();
            args.push("--help");
            let help = site.run(&args);
            assert_eq!(help.code, 0, "{doc}: `trellis {rest}`: no such command");
            for flag in words.iter().filter(|w| w.starts_with("--")) {
                assert!(
                    help.stdout.contains(flag) || top.contains(flag),
                    "{doc}: `trellis {rest}`: {flag} is not an option of `trellis {}`",
                    path.join(" ")
                );
            }
            seen += 1;
        }
    }
    assert!(seen > 30, "only {seen} commands found in the docs");
}

#[test]
fn the_readme_sends_authors_to_the_guide_first() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let first_section = readme.split("\n## ").nth(1).unwrap_or("");
    assert!(
        first_section.contains("(docs/guide.md)"),
        "README's first section does not link docs/guide.md:\n{first_section}"
    );
    let install = format!(
        "cargo install --git {} --locked",
        env!("CARGO_PKG_REPOSITORY")
    );
    assert!(first_section.contains(&install), "README: {install}");
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide.md"))
            .unwrap();
    assert!(guide.contains(&install), "the guide: {install}");
    assert!(first_section.contains("releases"));
}

/// The top-level modules of src/ (a file `x.rs` or a folder `x/`), main and lib left out.
fn top_level_modules() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir("src")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .map(|n| n.trim_end_matches(".rs").to_string())
        .filter(|n| n != "main" && n != "lib")
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    if dir.is_file() {
        return vec![(dir.to_path_buf(), std::fs::read_to_string(dir).unwrap())];
    }
    for entry in std::fs::read_dir(dir).unwrap() {
        out.extend(sources(&entry.unwrap().path()));
    }
    out
}

#[test]
fn the_architecture_map_names_every_module() {
    let map = std::fs::read_to_string("docs/architecture.md").unwrap();
    for m in top_level_modules() {
        assert!(
            map.contains(&format!("`{m}`")),
            "docs/architecture.md does not say what the module `{m}` does"
        );
    }
}

/// The modules form layers: a module imports only those below it, so following imports never
/// comes back to where it started.
#[test]
fn no_import_cycles_between_top_level_modules() {
    let modules = top_level_modules();
    let uses = |m: &str| -> Vec<(String, PathBuf)> {
        let path = if Path::new("src").join(m).is_dir() {
            Path::new("src").join(m)
        } else {
            Path::new("src").join(format!("{m}.rs"))
        };
        let mut found = Vec::new();
        for (file, text) in sources(&path) {
            for other in modules.iter().filter(|o| o.as_str() != m) {
                let named = text.contains(&format!("crate::{other}::"))
                    || text.contains(&format!("crate::{other};"));
                if named {
                    found.push((other.clone(), file.clone()));
                }
            }
        }
        found
    };
    let graph: BTreeMap<String, Vec<(String, PathBuf)>> =
        modules.iter().map(|m| (m.clone(), uses(m))).collect();
    // Depth-first search from every module; reaching a module on the current path is a cycle.
    fn visit(
        m: &str,
        graph: &BTreeMap<String, Vec<(String, PathBuf)>>,
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) {
        if done.iter().any(|d| d == m) {
            return;
        }
        if let Some(i) = path.iter().position(|p| p == m) {
            panic!("import cycle: {} -> {m}", path[i..].join(" -> "));
        }
        path.push(m.to_string());
        for (next, _) in &graph[m] {
            visit(next, graph, path, done);
        }
        path.pop();
        done.push(m.to_string());
    }
    let mut done = Vec::new();
    for m in &modules {
        visit(m, &graph, &mut Vec::new(), &mut done);
    }
}
