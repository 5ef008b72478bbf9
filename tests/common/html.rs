//! Checks on built HTML that every page must pass: no id twice, every form field labelled.

use std::collections::BTreeMap;
use std::path::Path;

use regex_lite::Regex;

/// Ids that appear more than once on the page.
pub fn duplicate_ids(html: &str) -> Vec<String> {
    let re = Regex::new(r#"\sid="([^"]*)""#).unwrap();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in re.captures_iter(html) {
        *counts.entry(c.get(1).unwrap().as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(id, _)| id.to_string())
        .collect()
}

/// Form fields with neither a `<label for>` nor an `aria-label`, as their opening tags.
pub fn unlabelled_fields(html: &str) -> Vec<String> {
    let field = Regex::new(r"<(?:input|select|textarea)\b[^>]*>").unwrap();
    let id = Regex::new(r#"\sid="([^"]*)""#).unwrap();
    field
        .find_iter(html)
        .map(|m| m.as_str())
        .filter(|tag| !tag.contains("aria-label=") && !tag.contains("type=\"hidden\""))
        .filter(|tag| match id.captures(tag) {
            Some(c) => !html.contains(&format!("for=\"{}\"", &c[1])),
            None => true,
        })
        .map(str::to_string)
        .collect()
}

/// Every HTML file of an output folder with its problems, one line each; empty when all pass.
pub fn check_pages(out: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(out).into_iter().map(Result::unwrap) {
        if entry.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(out)
            .unwrap()
            .display()
            .to_string();
        let html = std::fs::read_to_string(entry.path()).unwrap();
        for id in duplicate_ids(&html) {
            problems.push(format!("{rel}: id {id:?} appears more than once"));
        }
        for tag in unlabelled_fields(&html) {
            problems.push(format!("{rel}: no label for {tag}"));
        }
    }
    problems
}

/// How many times `needle` occurs.
pub fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}
