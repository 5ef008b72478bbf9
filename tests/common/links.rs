//! A link checker for built sites: every href and src of every HTML file must be relative and
//! lead to a file inside the output (and to an element with that id, for `#fragment`s).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use regex_lite::Regex;

/// Problems found, one line each; empty when every link resolves.
pub fn check_site(out: &Path) -> Vec<String> {
    let html_files: Vec<PathBuf> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect();
    let attr = Regex::new(r#"\s(?:href|src)="([^"]*)""#).unwrap();
    let ids = Regex::new(r#"\sid="([^"]*)""#).unwrap();
    let mut id_cache: HashMap<PathBuf, Vec<String>> = HashMap::new();
    let mut problems = Vec::new();
    for file in &html_files {
        let rel_file = file.strip_prefix(out).unwrap();
        if rel_file == Path::new("404.html") {
            continue; // served at any path, so it links through the host's root by design
        }
        let text = std::fs::read_to_string(file).unwrap();
        for cap in attr.captures_iter(&text) {
            let link = cap[1].replace("&amp;", "&");
            if link.starts_with("http:")
                || link.starts_with("https:")
                || link.starts_with("mailto:")
                || link.starts_with("data:")
            {
                continue;
            }
            if link.starts_with('/') {
                problems.push(format!("{}: absolute link {link}", rel_file.display()));
                continue;
            }
            let (path, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if path.is_empty() {
                file.clone()
            } else {
                normalize(&file.parent().unwrap().join(path))
            };
            if !target.starts_with(out) {
                problems.push(format!(
                    "{}: {link} leaves the output folder",
                    rel_file.display()
                ));
            } else if !target.is_file() {
                problems.push(format!(
                    "{}: {link} -> missing {}",
                    rel_file.display(),
                    target.display()
                ));
            } else if !fragment.is_empty() && target.extension().is_some_and(|x| x == "html") {
                let known = id_cache.entry(target.clone()).or_insert_with(|| {
                    let t = std::fs::read_to_string(&target).unwrap();
                    ids.captures_iter(&t).map(|c| c[1].to_string()).collect()
                });
                if !known.iter().any(|i| i == fragment) {
                    problems.push(format!(
                        "{}: {link} -> no id {fragment}",
                        rel_file.display()
                    ));
                }
            }
        }
    }
    problems
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
