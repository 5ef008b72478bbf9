//! Rewriting HTML we generated: attribute values (links, ids) and tag names (heading levels),
//! leaving every other byte as it was. Used to show HTML rendered for one page on another
//! (`rebase`) and to assemble the print pages, where every id gets a prefix.
//!
//! A small scanner rather than an HTML parser: the input is our own output (pulldown-cmark and
//! the theme's templates), so tags are well formed and attribute values quoted. Comments and the
//! text of `<script>` and `<style>` pass through untouched.

use crate::markdown::links::{normalize, relative_url};

/// Rewrites `html`: `attr(tag, name, value)` may return a new value for an attribute, `tag(name)`
/// a new name for a start or end tag. Values are passed and returned as written in the HTML
/// (entities not decoded): ids and paths of ours contain none.
pub(crate) fn rewrite(
    html: &str,
    attr: &mut dyn FnMut(&str, &str, &str) -> Option<String>,
    tag: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset;
        out.push_str(&html[i..start]);
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(html.len(), |e| start + e + 3);
            out.push_str(&html[start..end]);
            i = end;
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + 1 + usize::from(closing);
        let name_len = html[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(html.len() - name_start);
        if name_len == 0 {
            out.push('<');
            i = start + 1;
            continue;
        }
        let name = &html[name_start..name_start + name_len];
        let end = tag_end(html, name_start + name_len);
        out.push_str(if closing { "</" } else { "<" });
        match tag(name) {
            Some(renamed) => out.push_str(&renamed),
            None => out.push_str(name),
        }
        let attrs = &html[name_start + name_len..end];
        if closing {
            out.push_str(attrs);
        } else {
            rewrite_attrs(attrs, name, attr, &mut out);
        }
        i = (end + 1).min(html.len());
        if end < html.len() {
            out.push('>');
        }
        if !closing && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")) {
            let close = format!("</{}", name.to_ascii_lowercase());
            let raw_end = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(html.len(), |e| i + e);
            out.push_str(&html[i..raw_end]);
            i = raw_end;
        }
    }
    out.push_str(&html[i..]);
    out
}

/// The index of the `>` closing a tag whose attributes start at `from` (quotes respected).
fn tag_end(html: &str, from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (k, b) in html.as_bytes()[from..].iter().enumerate() {
        match (quote, *b) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(*b),
            (None, b'>') => return from + k,
            _ => {}
        }
    }
    html.len()
}

fn rewrite_attrs(
    attrs: &str,
    tag: &str,
    attr: &mut dyn FnMut(&str, &str, &str) -> Option<String>,
    out: &mut String,
) {
    let bytes = attrs.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        if bytes[k].is_ascii_whitespace() || bytes[k] == b'/' {
            out.push(bytes[k] as char);
            k += 1;
            continue;
        }
        let name_start = k;
        while k < bytes.len()
            && !matches!(bytes[k], b'=' | b'/' | b'>')
            && !bytes[k].is_ascii_whitespace()
        {
            k += 1;
        }
        let name = &attrs[name_start..k];
        if bytes.get(k) != Some(&b'=') {
            out.push_str(name);
            if k == name_start {
                // A stray `>` inside a tag whose quote never closed (`<div class="note>`): it
                // starts no name, so it is copied as it is and the scan moves past it.
                out.push(bytes[k] as char);
                k += 1;
            }
            continue;
        }
        k += 1;
        let (value, value_end, quote) = match bytes.get(k) {
            Some(&q @ (b'"' | b'\'')) => {
                let close = attrs[k + 1..]
                    .find(q as char)
                    .map_or(attrs.len(), |e| k + 1 + e);
                (
                    &attrs[k + 1..close],
                    (close + 1).min(attrs.len()),
                    q as char,
                )
            }
            _ => {
                let end = attrs[k..]
                    .find(|c: char| c.is_ascii_whitespace())
                    .map_or(attrs.len(), |e| k + e);
                (&attrs[k..end], end, '"')
            }
        };
        match attr(tag, name, value) {
            Some(new) => {
                out.push_str(name);
                out.push('=');
                out.push(quote);
                out.push_str(&new);
                out.push(quote);
            }
            None => out.push_str(&attrs[name_start..value_end]),
        }
        k = value_end;
    }
}

/// Whether a link leaves the site (or is not a path at all): a scheme, `//host`, or `/`.
pub(crate) fn is_absolute(link: &str) -> bool {
    let scheme = link.find(':').is_some_and(|i| {
        i > 0
            && link[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    scheme || link.starts_with('/')
}

/// The site path a relative link written on the page at `from_url` ("a/b/") leads to, with its
/// fragment: `../c/index.html#x` -> ("a/c/index.html", Some("x")). None for absolute links,
/// fragments alone and paths that climb out of the site.
pub(crate) fn site_path<'a>(link: &'a str, from_url: &str) -> Option<(String, Option<&'a str>)> {
    if link.is_empty() || link.starts_with('#') || is_absolute(link) {
        return None;
    }
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (link, None),
    };
    let joined = normalize(&std::path::Path::new(from_url).join(path))?;
    let mut s = joined.to_string_lossy().replace('\\', "/");
    if path.ends_with('/') {
        s.push('/');
    }
    Some((s, fragment))
}

/// HTML rendered for the page at `from_url`, with its relative links and sources made right for
/// the page at `to_url`.
pub(crate) fn rebase(html: &str, from_url: &str, to_url: &str) -> String {
    if from_url == to_url {
        return html.to_string();
    }
    rewrite(
        html,
        &mut |_, name, value| {
            if !matches!(name, "href" | "src") {
                return None;
            }
            let (path, fragment) = site_path(value, from_url)?;
            let mut new = relative_url(to_url, &path);
            if let Some(f) = fragment {
                new.push('#');
                new.push_str(f);
            }
            Some(new)
        },
        &|_| None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_attributes_and_tags_and_nothing_else() {
        let html = "<h2 id=\"goals\">Goals <a class=\"anchor\" href=\"#goals\">#</a></h2>\n<!-- <p id=\"c\"> -->\n<p title='a > b' id=x>1 &lt; 2</p><br/><input disabled id=\"y\">\n<script>if (a<b) { x.id = \"z\" }</script>";
        let out = rewrite(
            html,
            &mut |_, name, value| (name == "id").then(|| format!("p-{value}")),
            &|t| (t == "h2").then(|| "h4".to_string()),
        );
        assert_eq!(
            out,
            "<h4 id=\"p-goals\">Goals <a class=\"anchor\" href=\"#goals\">#</a></h4>\n<!-- <p id=\"c\"> -->\n<p title='a > b' id=\"p-x\">1 &lt; 2</p><br/><input disabled id=\"p-y\">\n<script>if (a<b) { x.id = \"z\" }</script>"
        );
    }

    #[test]
    fn survives_truncated_markup() {
        for broken in [
            "<p id=\"a",
            "<",
            "a < b",
            "<a href=",
            "<!-- open",
            "<div class=\"note>text</div><p class=\"x\">y</p>",
            "<a b=\"\">\">",
            "<p '>'>",
        ] {
            let out = rewrite(broken, &mut |_, _, _| Some("x".into()), &|_| None);
            assert!(!out.is_empty() || broken.is_empty());
        }
    }

    proptest::proptest! {
        /// Any text, however broken, is scanned to its end in one pass, and a rewrite that
        /// changes nothing gives back the very same text.
        #[test]
        fn any_text_finishes_and_an_identity_rewrite_keeps_it(
            html in "([<>/=\"' a-z!-]|<div|<p |class=|\"note>|<!--|-->|<script>|</script>|é)*"
        ) {
            let same = rewrite(&html, &mut |_, _, _| None, &|_| None);
            proptest::prop_assert_eq!(&same, &html);
            rewrite(&html, &mut |_, _, v| Some(format!("x{v}")), &|t| Some(t.to_uppercase()));
        }
    }

    #[test]
    fn finds_the_site_path_of_a_link() {
        assert_eq!(
            site_path("../c/index.html#x", "a/b/"),
            Some(("a/c/index.html".to_string(), Some("x")))
        );
        assert_eq!(
            site_path("pic.png", "a/b/"),
            Some(("a/b/pic.png".to_string(), None))
        );
        assert_eq!(
            site_path("a/index.html", ""),
            Some(("a/index.html".to_string(), None))
        );
        assert_eq!(site_path("#x", "a/"), None);
        assert_eq!(site_path("https://example.org", "a/"), None);
        assert_eq!(site_path("mailto:a@b.org", "a/"), None);
        assert_eq!(site_path("../../../x", "a/"), None);
    }

    #[test]
    fn rebases_relative_links_only() {
        let html = "<a href=\"about/index.html#who\">A</a> <img src=\"files/x.png\" alt=\"\"> <a href=\"https://e.org\">E</a> <a href=\"#top\">T</a>";
        assert_eq!(
            rebase(html, "", "a/b/"),
            "<a href=\"../../about/index.html#who\">A</a> <img src=\"../../files/x.png\" alt=\"\"> <a href=\"https://e.org\">E</a> <a href=\"#top\">T</a>"
        );
    }
}
