//! libFuzzer target: any bytes, read as an author's text, through front matter splitting, TOML
//! loading (site.toml and front matter), shortcode parsing and expansion, link resolution and
//! Markdown rendering. A panic, or a position outside the text, is a crash.

#![no_main]

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use trellis::config::Config;
use trellis::content::frontmatter::{self, PageFront};
use trellis::diagnostic::Diagnostic;
use trellis::markdown::shortcodes::{self, BodyKind};
use trellis::markdown::{self, LinkIndex, Target};
use trellis::tomlinput::TomlSource;

fn in_text(text: &str, span: &Range<usize>) {
    assert!(span.start <= span.end && span.end <= text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
}

fn located(d: &Diagnostic, text: &str) {
    if let Some(loc) = &d.location {
        in_text(text, &loc.span);
    }
    let _ = d.render(false);
}

fn body_kind(name: &str) -> BodyKind {
    match name {
        "quote" => BodyKind::Required,
        "checklist" => BodyKind::Never,
        _ => BodyKind::Optional,
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let path = Path::new("content/a/page.md");
    let file: Arc<str> = Arc::from(text);
    match frontmatter::split(text) {
        Ok(split) => {
            let input = TomlSource { path, file: &file, offset: split.front.start, len: split.front.len() };
            if let Err(d) = input.parse::<PageFront>("front matter") {
                located(&d, text);
            }
        }
        Err(e) => located(&e.diagnostic(&TomlSource::whole(path, &file)), text),
    }
    if let Err(all) = Config::parse(text, Path::new("site.toml")) {
        all.items.iter().for_each(|d| located(d, text));
    }
    let _ = shortcodes::parse_call(text);
    let prepared = shortcodes::prepare(text, &body_kind);
    prepared.problems.iter().for_each(|p| in_text(text, &p.span));
    let _ = shortcodes::expand(&prepared.text, &prepared.calls, |_, _, body| body.unwrap_or("").to_string());
    let mut links = LinkIndex::default();
    links.insert("content/b/roles.md".into(), Target { url: "b/roles/".into(), has_anchors: true });
    let _ = links.resolve(text, path, "a/page/");
    let cx = markdown::Context { links: &links, source: path, url: "a/page/", body_kind: &body_kind };
    let r = markdown::render(text, &cx);
    r.problems.iter().for_each(|p| in_text(text, &p.span));
});
