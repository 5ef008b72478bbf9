//! content/resources.toml: reports, webinars, tip sheets and tools, with who published them and
//! how they may be reused. `parse` is pure; `resolve_links` checks each `url` against the toolkit.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::fields::Refs;
use super::text::{error_at, markdown, markdown_problems, warning_at};
use crate::config::Name;
use crate::content::Source;
use crate::diagnostic::Diagnostic;
use crate::markdown::{AnchorCheck, LinkIndex, Resolved};
use crate::names::slugify;
use crate::tomlinput::TomlSource;

/// The source path links name (`@/resources.toml`) and the page it becomes.
pub(crate) use crate::content::links::{RESOURCES_SOURCE as SOURCE, RESOURCES_URL as URL};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    title: Option<String>,
    intro: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResource {
    title: Spanned<String>,
    url: Option<Spanned<String>>,
    kind: Option<String>,
    format: Option<String>,
    description: Option<Spanned<String>>,
    phase: Option<Spanned<String>>,
    #[serde(default)]
    audience: Vec<Spanned<String>>,
    publisher: Option<String>,
    year: Option<i64>,
    language: Option<String>,
    license: Option<String>,
}

/// The resources of a toolkit, in file order.
#[derive(Debug, Clone)]
pub(crate) struct Resources {
    pub(crate) source: Source,
    pub(crate) title: Option<String>,
    pub(crate) intro: Option<Spanned<String>>,
    /// The intro's HTML, with links relative to the site root (rebase it for a page).
    pub(crate) intro_html: String,
    pub(crate) items: Vec<Resource>,
}

#[derive(Debug, Clone)]
pub(crate) struct Resource {
    /// Unique within the file: the slug of the title, with `-1`, `-2` for repeats.
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) url: Option<Spanned<String>>,
    pub(crate) link: Link,
    pub(crate) kind: Option<String>,
    pub(crate) format: Option<String>,
    pub(crate) description: Option<Spanned<String>>,
    /// The description's HTML, with links relative to the site root (rebase it for a page).
    pub(crate) description_html: String,
    pub(crate) phase: Option<String>,
    pub(crate) audience: Vec<String>,
    pub(crate) publisher: Option<String>,
    pub(crate) year: Option<i64>,
    pub(crate) language: Option<String>,
    pub(crate) license: Option<String>,
}

/// Where a resource's title links to, once resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Link {
    /// No link: no `url`, a placeholder, a draft or a broken one (already reported).
    None,
    External(String),
    /// A file of the output, from the site root ("getting-started/roles/index.html#x").
    Internal(String),
}

/// What an author wrote as a `url`, judged before looking anything up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UrlShape {
    Placeholder,
    External,
    /// A source file of the toolkit, to look up in the link index.
    Local,
    Malformed {
        message: String,
        hint: String,
    },
}

impl Resources {
    /// Parses resources.toml and checks the url shapes; notes the phases and audiences named.
    pub(crate) fn parse(source: &Source, refs: &mut Refs) -> (Option<Resources>, Vec<Diagnostic>) {
        let input = TomlSource::whole(&source.path, &source.text);
        let (raw, entries, mut diags) =
            match input.parse_entries::<RawFile, RawResource>("resources.toml", "resource") {
                Ok(r) => r,
                Err(d) => return (None, d),
            };
        let mut ids: Vec<String> = Vec::new();
        let items = entries
            .into_iter()
            .map(|r| {
                diags.extend(check_resource(source, &input, refs, &r));
                let id = unique(&mut ids, &slugify(r.title.get_ref()));
                Resource {
                    id,
                    title: r.title.get_ref().trim().to_string(),
                    url: r.url,
                    link: Link::None,
                    kind: non_empty(r.kind),
                    format: non_empty(r.format),
                    description: r.description,
                    description_html: String::new(),
                    phase: r.phase.map(Spanned::into_inner),
                    audience: r.audience.into_iter().map(Spanned::into_inner).collect(),
                    publisher: non_empty(r.publisher),
                    year: r.year,
                    language: non_empty(r.language),
                    license: non_empty(r.license),
                }
            })
            .collect();
        let resources = Resources {
            source: source.clone(),
            title: non_empty(raw.title),
            intro: raw.intro,
            intro_html: String::new(),
            items,
        };
        (Some(resources), diags)
    }

    /// Looks every `url` up among the toolkit's files and checks the Markdown of descriptions.
    /// Returns the problems, and the anchors to check once every page's headings are known.
    pub(crate) fn resolve_links(
        &mut self,
        links: &LinkIndex,
    ) -> (Vec<Diagnostic>, Vec<AnchorCheck>) {
        let mut diags = Vec::new();
        let mut checks = Vec::new();
        let from = Path::new(SOURCE);
        for item in &mut self.items {
            if let Some(url) = &item.url {
                let (link, problem, check) = resolve(url, links, &self.source);
                item.link = link;
                diags.extend(problem);
                checks.extend(check);
            }
            if let Some(d) = &item.description {
                let r = markdown(d.get_ref(), links, from, "");
                diags.extend(markdown_problems(&self.source, d, &r.problems));
                item.description_html = std::sync::Arc::unwrap_or_clone(r.html);
            }
        }
        if let Some(intro) = &self.intro {
            let r = markdown(intro.get_ref(), links, from, "");
            diags.extend(markdown_problems(&self.source, intro, &r.problems));
            self.intro_html = std::sync::Arc::unwrap_or_clone(r.html);
        }
        (diags, checks)
    }

    /// The resources for a phase, or all of them.
    pub(crate) fn for_phase<'a>(
        &'a self,
        phase: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Resource> {
        self.items
            .iter()
            .filter(move |r| phase.is_none() || r.phase.as_deref() == phase)
    }

    /// The kinds in the order they first appear, each with its resources; resources without a
    /// kind come last, under None.
    pub(crate) fn by_kind(&self) -> Vec<(Option<&str>, Vec<&Resource>)> {
        let mut groups: Vec<(Option<&str>, Vec<&Resource>)> = Vec::new();
        for r in &self.items {
            let key = r.kind.as_deref();
            match groups
                .iter_mut()
                .find(|(k, _)| k.map(str::to_lowercase) == key.map(str::to_lowercase))
            {
                Some((_, list)) => list.push(r),
                None => groups.push((key, vec![r])),
            }
        }
        groups.sort_by_key(|(k, _)| k.is_none());
        groups
    }
}

fn check_resource(
    source: &Source,
    input: &TomlSource,
    refs: &mut Refs,
    r: &RawResource,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if r.title.get_ref().trim().is_empty() {
        diags.push(
            error_at(source, r.title.span(), "this resource's title is empty")
                .hint("write the title between the quotes"),
        );
    }
    if let Some(phase) = &r.phase {
        refs.note(Name::Phase, phase, input);
    }
    for a in &r.audience {
        refs.note(Name::Audience, a, input);
    }
    diags
}

/// A url checked against its shape, then against the toolkit's files.
fn resolve(
    url: &Spanned<String>,
    links: &LinkIndex,
    source: &Source,
) -> (Link, Option<Diagnostic>, Option<AnchorCheck>) {
    let written = url.get_ref().trim();
    match url_shape(written) {
        UrlShape::Placeholder => (
            Link::None,
            Some(
                warning_at(
                    source,
                    url.span(),
                    "this resource's url is a placeholder (`#` or empty)",
                )
                .hint("put the real address between the quotes, or remove the url line"),
            ),
            None,
        ),
        UrlShape::Malformed { message, hint } => (
            Link::None,
            Some(error_at(source, url.span(), message).hint(hint)),
            None,
        ),
        UrlShape::External => (Link::External(written.to_string()), None, None),
        UrlShape::Local => match links.resolve(written, Path::new(SOURCE), "") {
            Resolved::Internal { href, check } => {
                let check = check.map(|(url_path, anchor)| AnchorCheck {
                    url: url_path,
                    anchor,
                    span: url.span(),
                });
                (Link::Internal(href), None, check)
            }
            Resolved::Draft => (
                Link::None,
                Some(
                    warning_at(
                        source,
                        url.span(),
                        format!("`{written}` is a draft, so this resource is shown without a link"),
                    )
                    .hint("publish the page (remove draft = true) or point the url elsewhere"),
                ),
                None,
            ),
            Resolved::Broken { message, hint } => {
                let d = error_at(source, url.span(), message);
                (
                    Link::None,
                    Some(match hint {
                        Some(h) => d.hint(h),
                        None => d,
                    }),
                    None,
                )
            }
            Resolved::External | Resolved::Placeholder => {
                (Link::External(written.to_string()), None, None)
            }
        },
    }
}

/// Judges a written url: a placeholder, an absolute http(s)/mailto address, a toolkit file, or
/// something malformed that no browser would follow as meant.
pub(crate) fn url_shape(url: &str) -> UrlShape {
    let url = url.trim();
    if url.is_empty() || url == "#" {
        return UrlShape::Placeholder;
    }
    let bad = |message: String, hint: &str| UrlShape::Malformed {
        message,
        hint: hint.to_string(),
    };
    if url.chars().any(char::is_whitespace) {
        return bad(
            format!("the url `{url}` contains a space"),
            "a web address has no spaces: check for a typing mistake, or write a space as %20",
        );
    }
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http//") || lower.starts_with("https//") {
        return bad(
            format!("the url `{url}` is missing the `:` after http"),
            "write it as https://example.org/path",
        );
    }
    if lower.starts_with("www.") {
        return bad(
            format!("the url `{url}` has no https://"),
            "write the full address, starting with https://",
        );
    }
    let Some((scheme, rest)) = scheme(url) else {
        return UrlShape::Local;
    };
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => match rest.strip_prefix("//").map(host) {
            Some(h) if is_host(h) => UrlShape::External,
            _ => bad(format!("`{url}` is not a complete web address"), "write it as https://example.org/path"),
        },
        "mailto" => match rest.split_once('@') {
            Some((user, domain)) if !user.is_empty() && domain.contains('.') => UrlShape::External,
            _ => bad(format!("`{url}` is not a complete e-mail address"), "write it as mailto:name@example.org"),
        },
        _ => bad(
            format!("`{scheme}:` addresses cannot be linked from resources.toml"),
            "use an https:// or mailto: address, a page of this toolkit (getting-started/roles.md) or a file under static/ (@static/files/guide.pdf)",
        ),
    }
}

/// `https:` in `https://x`: letters, digits, `+-.`, starting with a letter, before any `/`.
fn scheme(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once(':')?;
    let ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    ok.then_some((scheme, rest))
}

/// The host of `example.org:8080/path?q`, without user info or port.
fn host(after_slashes: &str) -> &str {
    let end = after_slashes
        .find(['/', '?', '#'])
        .unwrap_or(after_slashes.len());
    let authority = &after_slashes[..end];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host_port.split(':').next().unwrap_or("")
}

fn is_host(h: &str) -> bool {
    let labels_ok = h.split('.').all(|l| {
        !l.is_empty() && !l.starts_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    labels_ok && (h.contains('.') || h == "localhost")
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// `base`, or `base-1`, `base-2` ... when taken; remembers the result.
fn unique(taken: &mut Vec<String>, base: &str) -> String {
    let base = if base.is_empty() { "resource" } else { base };
    let mut id = base.to_string();
    let mut n = 0;
    while taken.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    taken.push(id.clone());
    id
}

#[cfg(test)]
mod tests;
