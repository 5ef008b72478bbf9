//! The page made from the whole site after every other: the 404 page (the sitemap is
//! build::languages').

use tera::Context;

use crate::content::Site;
use crate::diagnostic::Diagnostic;

use super::Renderer;

/// The 404 page is served at any missing path, so it inlines its CSS and links home through
/// base_url (or the host's root).
pub(crate) fn not_found_page(site: &Site, r: &Renderer) -> Result<String, Diagnostic> {
    let home = r
        .site()
        .base_url
        .as_ref()
        .map_or("/".to_string(), |b| format!("{}/", b.trim_end_matches('/')));
    let mut cx = Context::new();
    cx.insert("home_href", &home);
    cx.insert("root", &home);
    // The toolkit's own static/trellis.css replaces the theme's everywhere, here too.
    let own_css = site.root.join("static/trellis.css");
    let css =
        std::fs::read_to_string(own_css).unwrap_or_else(|_| r.theme().asset_text("trellis.css"));
    cx.insert("inline_css", &css);
    r.render("404.html", &cx, None)
}
