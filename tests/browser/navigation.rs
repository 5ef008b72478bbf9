//! Walking the site as a reader does: from the home page, following links, at the root of a
//! host, under a subpath and from disk. Every page must be reached and nothing linked may be
//! missing.

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::path::Path;

use fantoccini::Locator;
use serde::Deserialize;
use serde_json::json;

use crate::driver::Js;
use crate::suite::{Checked, Shared, Tab};

pub async fn every_page_is_reachable_by_clicking_from_home_at_a_hosts_root(s: &Shared) -> Checked {
    walk_and_check(s, &s.root.base, "at the root of a host").await
}

pub async fn every_page_is_reachable_by_clicking_from_home_under_a_subpath(s: &Shared) -> Checked {
    walk_and_check(s, &s.subdir.base, "under /sub/dir/").await
}

pub async fn every_page_is_reachable_by_clicking_from_home_from_disk(s: &Shared) -> Checked {
    walk_and_check(s, &s.file_base(), "from file://").await
}

/// Walks from `base`index.html by clicking visible links until no new page turns up; every page
/// must be reached, every page and file linked must be there, every stylesheet and image load.
async fn walk_and_check(s: &Shared, base: &str, how: &str) -> Checked {
    let tab = s.tab(Js::On).await?;
    let walk = walk(&tab, base).await?;
    walk.assert_complete(&s.pages(), how);
    Ok(())
}

/// What a walk found: the pages reached (relative to the base) and every problem on the way.
struct Walk {
    reached: BTreeSet<String>,
    problems: Vec<String>,
}

impl Walk {
    /// Every HTML page of the output but the 404 page (which hosts serve at missing paths) was
    /// reached, and nothing was missing.
    fn assert_complete(&self, pages: &[String], how: &str) {
        let unreached: Vec<&String> = pages
            .iter()
            .filter(|p| *p != "404.html" && !self.reached.contains(*p))
            .collect();
        // A broken link in the page furniture shows on every page: say so once per page, and
        // stop after the first screenful.
        let mut seen = HashSet::new();
        let problems: Vec<&String> = self.problems.iter().filter(|p| seen.insert(*p)).collect();
        let shown: Vec<&str> = problems.iter().take(40).map(|p| p.as_str()).collect();
        assert!(
            problems.is_empty(),
            "{how}, {} problems:\n{}",
            problems.len(),
            shown.join("\n")
        );
        assert!(
            unreached.is_empty(),
            "{how}, no link leads from the home page to {unreached:?}"
        );
    }
}

/// What the browser saw on one page.
#[derive(Deserialize)]
struct Seen {
    status: u16,
    /// The browser shows its own error page (a missing file from disk, an empty 404).
    error_page: bool,
    links: Vec<String>,
    assets: Vec<String>,
    failed: Vec<String>,
    unstyled: Vec<String>,
    broken_images: Vec<String>,
}

/// Run on each page with the site's base address. Failed requests outside the site are the
/// browser's own (/favicon.ico at the host's root): a link that leaves the site is caught as
/// `Target::Outside` instead. The theme declares no favicon, so the browser asks for one.
const INSPECT: &str = r"
    const nav = performance.getEntriesByType('navigation')[0];
    // SVG links (a phase diagram) hold their address in an SVGAnimatedString: resolve by hand.
    const resolved = a => new URL(a.getAttribute('href'), document.baseURI).href;
    return {
      status: (nav && nav.responseStatus) || 0,
      error_page: location.protocol === 'chrome-error:',
      links: [...document.querySelectorAll('a[href], area[href]')].map(resolved),
      assets: [...document.querySelectorAll('img[src], script[src], source[src], link[href]')].map(e => e.src || e.href),
      failed: performance.getEntriesByType('resource').filter(r => r.responseStatus >= 400).map(r => r.name)
        .filter(u => u.startsWith(arguments[0]) && !u.endsWith('/favicon.ico')),
      unstyled: [...document.querySelectorAll('link[rel~=stylesheet]')].filter(l => !l.sheet).map(l => l.href),
      broken_images: [...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src),
    };
";

/// Where a link leads, seen from the site's base address.
enum Target {
    /// A page of the site (relative path, fragment dropped).
    Page(String),
    /// Another file of the site.
    File(String),
    /// The same host or disk, but outside the site's folder: a link that climbed too far.
    Outside,
    /// Another site, an email address: not ours to check.
    Elsewhere,
}

fn target(url: &str, base: &str) -> Target {
    let url = url.split('#').next().unwrap_or(url);
    let origin_len = if base.starts_with("file:") {
        "file://".len()
    } else {
        base[8..].find('/').map_or(base.len(), |i| i + 8)
    };
    match url.strip_prefix(base) {
        Some(rel) if rel.is_empty() || rel.ends_with('/') || rel.ends_with(".html") => {
            Target::Page(rel.to_string())
        }
        Some(rel) => Target::File(rel.to_string()),
        None if url.starts_with(&base[..origin_len]) => Target::Outside,
        None => Target::Elsewhere,
    }
}

async fn walk(tab: &Tab<'_>, base: &str) -> Result<Walk, String> {
    let from_disk = base.starts_with("file:");
    let mut walk = Walk {
        reached: BTreeSet::from(["index.html".to_string()]),
        problems: Vec::new(),
    };
    let mut queue = VecDeque::from([("index.html".to_string(), None::<String>)]);
    let mut files_checked = HashSet::new();
    while let Some((page, found_on)) = queue.pop_front() {
        if from_disk && !url_path(&format!("{base}{page}")).is_file() {
            walk.problems.push(format!(
                "{} links to the missing {page}",
                found_on.unwrap_or_default()
            ));
            continue;
        }
        match &found_on {
            // Click from where the walk is if that page links there too (the navigation bar
            // does, on every page); otherwise go back to the page that did.
            Some(parent) => {
                let url = format!("{base}{page}");
                if !click_link_to(tab, &url).await? {
                    tab.open(&format!("{base}{parent}")).await?;
                    if !click_link_to(tab, &url).await? {
                        return Err(format!("{parent} has no visible link to {page}"));
                    }
                }
            }
            None => tab.open(&format!("{base}{page}")).await?,
        }
        let seen: Seen = tab.eval(INSPECT, vec![json!(base)]).await?;
        walk.note_problems(&page, &seen, found_on.as_deref());
        if seen.status >= 400 || seen.error_page {
            continue; // a missing page: its links are the host's, not the site's
        }
        let mut files = Vec::new();
        for url in seen.links.iter().chain(&seen.assets) {
            match target(url, base) {
                Target::Page(rel) if walk.reached.insert(rel.clone()) => {
                    queue.push_back((rel, Some(page.clone())));
                }
                Target::File(rel) if files_checked.insert(rel.clone()) => files.push(rel),
                Target::Outside => walk
                    .problems
                    .push(format!("{page}: {url} is outside the site")),
                _ => {}
            }
        }
        for rel in missing_files(tab, base, &files).await? {
            walk.problems
                .push(format!("{page}: links to the missing file {rel}"));
        }
    }
    Ok(walk)
}

impl Walk {
    fn note_problems(&mut self, page: &str, seen: &Seen, found_on: Option<&str>) {
        if seen.status >= 400 || seen.error_page {
            self.problems.push(format!(
                "{} links to {page}, which is missing (status {})",
                found_on.unwrap_or("the start"),
                seen.status
            ));
        }
        for url in seen
            .failed
            .iter()
            .chain(&seen.unstyled)
            .chain(&seen.broken_images)
        {
            self.problems.push(format!("{page}: {url} did not load"));
        }
    }
}

/// Clicks a visible link to `url` on the open page and waits until it has loaded; false when
/// the page shows no such link.
async fn click_link_to(tab: &Tab<'_>, url: &str) -> Result<bool, String> {
    let mark = r"
        document.querySelectorAll('[data-walk-next]').forEach(e => e.removeAttribute('data-walk-next'));
        const resolved = a => new URL(a.getAttribute('href'), document.baseURI).href.split('#')[0];
        const link = [...document.querySelectorAll('a[href]')]
            .find(a => resolved(a) === arguments[0] && a.checkVisibility({ visibilityProperty: true }));
        if (link) link.setAttribute('data-walk-next', '');
        return Boolean(link);
    ";
    if !tab.eval::<bool>(mark, vec![json!(url)]).await? {
        return Ok(false);
    }
    let link = tab
        .find(Locator::Css("[data-walk-next]"))
        .await
        .map_err(|e| e.to_string())?;
    link.click()
        .await
        .map_err(|e| format!("cannot click the link to {url}: {e}"))?;
    let arrived = format!(
        "document.readyState === 'complete' \
         && (location.href.split('#')[0] === {} || location.protocol === 'chrome-error:')",
        json!(url)
    );
    tab.wait_until(&arrived).await?;
    Ok(true)
}

/// The files among `rels` that are not there: asked with HEAD requests from the page over HTTP,
/// looked up on disk from file://.
async fn missing_files(tab: &Tab<'_>, base: &str, rels: &[String]) -> Result<Vec<String>, String> {
    if base.starts_with("file:") {
        return Ok(rels
            .iter()
            .filter(|r| !url_path(&format!("{base}{r}")).is_file())
            .cloned()
            .collect());
    }
    let head = r"
        const [base, rels, done] = arguments;
        Promise.all(rels.map(r => fetch(base + r, { method: 'HEAD' }).then(x => x.ok, () => false)))
          .then(ok => done(rels.filter((_, i) => !ok[i])));
    ";
    tab.eval_async(head, vec![json!(base), json!(rels)]).await
}

fn url_path(url: &str) -> std::path::PathBuf {
    Path::new(url.strip_prefix("file://").unwrap_or(url)).to_path_buf()
}
