//! Every word the default theme shows comes from its strings files (themes/default/strings/),
//! so a translation of the strings translates the whole interface: a template holds no visible
//! text of its own (text between tags, or an alt, title, aria-label or placeholder value), and
//! the theme's scripts take their words from the page.

use std::path::{Path, PathBuf};

/// The template with its Tera tags, comments and expressions taken out (each becomes a space,
/// so words on either side stay apart).
fn without_tera(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(['{']) {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let close = match from.get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            Some("{#") => "#}",
            _ => {
                out.push('{');
                rest = &from[1..];
                continue;
            }
        };
        match from.find(close) {
            Some(end) => {
                out.push(' ');
                rest = &from[end + 2..];
            }
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `text` holds a word a reader would see: a letter outside an HTML entity (`&middot;`).
fn has_words(text: &str) -> bool {
    let mut in_entity = false;
    for c in text.chars() {
        match c {
            '&' => in_entity = true,
            ';' if in_entity => in_entity = false,
            c if c.is_alphabetic() && !in_entity => return true,
            c if !c.is_alphanumeric() && c != '#' => in_entity = false,
            _ => {}
        }
    }
    false
}

const SHOWN_ATTRIBUTES: &[&str] = &[
    "alt",
    "title",
    "aria-label",
    "placeholder",
    "aria-valuetext",
    "content",
];

/// Blocks that fill in an attribute (`{% block body_class %}home{% endblock body_class %}`):
/// class names, not words.
fn without_class_blocks(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(start) = out.find("{% block ") {
        let Some(open_end) = out[start..].find("%}").map(|p| p + start + 2) else {
            break;
        };
        let name = out[start + 9..open_end - 2].trim().to_string();
        if !name.ends_with("_class") {
            // Keep this block; look further on.
            let (head, tail) = out.split_at(open_end);
            return format!("{head}{}", without_class_blocks(tail));
        }
        let end_tag = format!("{{% endblock {name} %}}");
        let Some(end) = out[open_end..]
            .find(&end_tag)
            .map(|p| p + open_end + end_tag.len())
        else {
            break;
        };
        out.replace_range(start..end, " ");
    }
    out
}

/// The visible text of one template's HTML: text nodes outside <script> and <style>, and the
/// values of the attributes readers see or hear. Each with its line.
fn visible_text(html: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let line_of = |at: usize| html[..at].matches('\n').count() + 1;
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < html.len() {
        let Some(lt) = html[i..].find('<').map(|p| p + i) else {
            push_text(&mut found, line_of(i), &html[i..]);
            break;
        };
        push_text(&mut found, line_of(i), &html[i..lt]);
        let end = html[lt..].find('>').map_or(html.len(), |p| p + lt + 1);
        let tag = &html[lt..end];
        for (name, value) in attributes(tag) {
            // `content` is read only on the page's description, which is data.
            let shown = SHOWN_ATTRIBUTES.contains(&name.as_str())
                && (name != "content" || tag.contains("name=\"description\""));
            if shown && has_words(&value) {
                found.push((line_of(lt), format!("{name}=\"{value}\"")));
            }
        }
        i = end;
        for raw in ["script", "style"] {
            if tag.starts_with(&format!("<{raw}"))
                && bytes
                    .get(lt + 1 + raw.len())
                    .is_some_and(|b| !b.is_ascii_alphanumeric())
            {
                i = html[end..]
                    .find(&format!("</{raw}"))
                    .map_or(html.len(), |p| p + end);
            }
        }
    }
    found
}

fn push_text(found: &mut Vec<(usize, String)>, line: usize, text: &str) {
    if has_words(text) {
        found.push((line, text.trim().to_string()));
    }
}

/// `name="value"` pairs of a start tag.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag.trim_start_matches('<');
    rest = rest.trim_start_matches(|c: char| c.is_alphanumeric() || c == ':' || c == '/');
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq]
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_string();
        let after = &rest[eq + 2..];
        let close = after.find('"').unwrap_or(after.len());
        out.push((name, after[..close].to_string()));
        rest = &after[(close + 1).min(after.len())..];
    }
    out
}

fn templates(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect();
    out.sort();
    out
}

fn theme() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default")
}

#[test]
fn no_template_of_the_default_theme_holds_words_of_its_own() {
    let mut words = Vec::new();
    let all = templates(&theme().join("templates"));
    assert!(all.len() > 20, "the templates were not found");
    for path in all {
        let text = std::fs::read_to_string(&path).unwrap();
        for (line, text) in visible_text(&without_tera(&without_class_blocks(&text))) {
            let name = path.strip_prefix(theme()).unwrap().display().to_string();
            words.push(format!("{name}:{line}: {text}"));
        }
    }
    assert!(
        words.is_empty(),
        "these words are written into templates; give each a key in themes/default/strings/*.toml and show it with {{{{ t.key }}}}:\n{}",
        words.join("\n")
    );
}

#[test]
fn the_check_finds_words_in_text_and_in_attributes_but_not_in_data_or_scripts() {
    assert_eq!(without_class_blocks("<body class=\"{% block body_class %}home{% endblock body_class %}\">{% block main %}Hi{% endblock main %}"), "<body class=\" \">{% block main %}Hi{% endblock main %}");
    let html = "<p>{{ t.home }} · &middot; 3</p>\n<img alt=\"Logo\" src=\"{{ root }}x.png\">\n<script>var a = \"Hello\";</script><p>Hello {{ name }}</p><span title=\"{{ t.menu }}\"></span>";
    let found = visible_text(&without_tera(html));
    let shown: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(shown, ["alt=\"Logo\"", "Hello"]);
    assert_eq!(found[0].0, 2);
}

/// Words a script would show a reader: a string literal starting with a capital letter and
/// holding a space (a sentence or a label), outside comments.
#[test]
fn the_themes_scripts_take_their_words_from_the_page() {
    let mut words = Vec::new();
    for entry in std::fs::read_dir(theme().join("static")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "js") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut in_comment = false;
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("/*") {
                in_comment = true;
            }
            let skip = in_comment || code.starts_with("//") || code.starts_with('*');
            if code.contains("*/") {
                in_comment = false;
            }
            if skip {
                continue;
            }
            for (k, literal) in line.split('"').enumerate() {
                let words_in =
                    literal.chars().next().is_some_and(char::is_uppercase) && literal.contains(' ');
                if k % 2 == 1 && (words_in || literal == "Total") {
                    words.push(format!(
                        "{}:{}: \"{literal}\"",
                        path.file_name().unwrap().to_string_lossy(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(
        words.is_empty(),
        "give these a key in the strings files and pass them in data-strings:\n{}",
        words.join("\n")
    );
}
