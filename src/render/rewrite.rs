//! Rewriting HTML we generated: attribute values (links, ids) and tag names (heading levels),
//! leaving every other byte as it was. Used to show HTML rendered for one page on another
//! (`rebase`) and to assemble the print pages, where every id gets a prefix.
//!
//! A small scanner rather than an HTML parser: the input is our own output (pulldown-cmark and
//! the theme's templates), so tags are well formed and attribute values quoted. Comments and the
//! text of `<script>` and `<style>` pass through untouched.

use crate::markdown::links::{follow, relative_url};

/// Rewrites `html`: `attr(tag, name, value)` may return a new value for an attribute, `tag(name)`
/// a new name for a start or end tag. Values are passed and returned as written in the HTML
/// (entities not decoded): ids and paths of ours contain none.
///
/// Bytes nobody changes are copied in runs, from the last change to the next: the print pages
/// pass every page's HTML through here, and most of it is text.
pub(crate) fn rewrite(
    html: &str,
    attr: &mut dyn FnMut(&str, &str, &str) -> Option<String>,
    tag: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut out = Copier {
        html,
        out: String::with_capacity(html.len() + html.len() / 8),
        copied: 0,
    };
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        if bytes[start..].starts_with(b"<!--") {
            i = memchr::memmem::find(&bytes[start..], b"-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b':'))
            .unwrap_or(html.len() - name_start);
        if name_len == 0 {
            i = start + 1;
            continue;
        }
        let name_end = name_start + name_len;
        let name = &html[name_start..name_end];
        if let Some(renamed) = tag(name) {
            out.replace(name_start..name_end, &[&renamed]);
        }
        let end = tag_end(bytes, name_end);
        if !closing {
            rewrite_attrs(&mut out, name_end, end, name, attr);
        }
        i = (end + 1).min(html.len());
        if !closing && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")) {
            i = raw_text_end(bytes, i, name.as_bytes());
        }
    }
    out.finish()
}

/// The output of `rewrite` and how much of the input is already in it.
struct Copier<'a> {
    html: &'a str,
    out: String,
    /// `html[..copied]` has been written to `out`, rewritten or as it was.
    copied: usize,
}

impl Copier<'_> {
    /// Writes what is left unchanged before `range`, then `parts` in place of it.
    fn replace(&mut self, range: std::ops::Range<usize>, parts: &[&str]) {
        self.out.push_str(&self.html[self.copied..range.start]);
        for part in parts {
            self.out.push_str(part);
        }
        self.copied = range.end;
    }

    fn finish(mut self) -> String {
        self.out.push_str(&self.html[self.copied..]);
        self.out
    }
}

/// The index of the `>` closing a tag whose attributes start at `from` (quotes respected), or
/// the end of the text.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut k = from;
    while let Some(offset) = memchr::memchr3(b'>', b'"', b'\'', &bytes[k..]) {
        let at = k + offset;
        match bytes[at] {
            b'>' => return at,
            quote => match memchr::memchr(quote, &bytes[at + 1..]) {
                Some(close) => k = at + 1 + close + 1,
                None => return bytes.len(),
            },
        }
    }
    bytes.len()
}

/// Where the text of a `<script>` or `<style>` element starting at `from` ends: at its closing
/// tag, whatever its case, or at the end of the text.
fn raw_text_end(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut k = from;
    while let Some(offset) = memchr::memmem::find(&bytes[k..], b"</") {
        let at = k + offset;
        let after = at + 2;
        if bytes.len() - after >= name.len()
            && bytes[after..after + name.len()].eq_ignore_ascii_case(name)
        {
            return at;
        }
        k = after;
    }
    bytes.len()
}

/// Rewrites the attributes in `html[from..end]` of a start tag named `tag`.
fn rewrite_attrs(
    out: &mut Copier,
    from: usize,
    end: usize,
    tag: &str,
    attr: &mut dyn FnMut(&str, &str, &str) -> Option<String>,
) {
    let html = out.html;
    let bytes = &html.as_bytes()[..end];
    let mut k = from;
    while k < end {
        if bytes[k].is_ascii_whitespace() || bytes[k] == b'/' {
            k += 1;
            continue;
        }
        let name_start = k;
        while k < end && !matches!(bytes[k], b'=' | b'/' | b'>') && !bytes[k].is_ascii_whitespace()
        {
            k += 1;
        }
        if bytes.get(k) != Some(&b'=') {
            if k == name_start {
                // A stray `>` inside a tag whose quote never closed (`<div class="note>`): it
                // starts no name, so the scan moves past it.
                k += 1;
            }
            continue;
        }
        let name = &html[name_start..k];
        k += 1;
        let (value, value_end, quote) = match bytes.get(k) {
            Some(&q @ (b'"' | b'\'')) => {
                let close = memchr::memchr(q, &bytes[k + 1..]).map_or(end, |e| k + 1 + e);
                (&html[k + 1..close], (close + 1).min(end), q)
            }
            _ => {
                let close = bytes[k..]
                    .iter()
                    .position(u8::is_ascii_whitespace)
                    .map_or(end, |e| k + e);
                (&html[k..close], close, b'"')
            }
        };
        if let Some(new) = attr(tag, name, value) {
            let quote = if quote == b'"' { "\"" } else { "'" };
            out.replace(name_start..value_end, &[name, "=", quote, &new, quote]);
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
    let (segments, inside) = follow(from_url, path);
    if !inside {
        return None;
    }
    let mut s = segments.join("/");
    if s.contains('\\') {
        s = s.replace('\\', "/");
    }
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
    use crate::markdown::links::site_file;

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

    proptest::proptest! {
        /// A link made from any page to any file leads back to that file, read either way a
        /// link is read back (the checks of a built site, the print pages), and never wanders
        /// through `./`.
        #[test]
        fn a_relative_url_leads_back_to_its_file(
            from in "([a-c]{1,2}/){0,4}",
            dirs in "([a-c]{1,2}/){0,4}",
            file in "[a-c]{1,2}\\.html",
        ) {
            let to = format!("{dirs}{file}");
            let url = relative_url(&from, &to);
            proptest::prop_assert_eq!(site_file(&from, &url), to.clone());
            proptest::prop_assert_eq!(site_path(&url, &from), Some((to, None)));
            let climbed = url.trim_start_matches("../");
            proptest::prop_assert!(!climbed.split('/').any(|s| matches!(s, "" | "." | "..")));
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
