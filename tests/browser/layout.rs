//! What the pages look like, measured: at a small phone's, a phone's, a tablet's and a laptop's
//! width, nothing scrolls sideways, the reading column is not squeezed, the phone header leaves
//! the screen to the text, and every page type puts its title at the same left edge. Screenshots
//! of every page at 375 and 1280 px land in `target/screenshots/layout/` for a person to look at:
//! these checks guard what was seen, they do not replace looking.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::common::TestSite;
use crate::driver::Js;
use crate::suite::{file_url, html_files, Checked, Shared, Tab};

/// Widths checked, all on an 800 px tall screen (a phone's height; a laptop's is more).
const WIDTHS: [u32; 4] = [320, 375, 768, 1280];
const HEIGHT: u32 = 800;
/// Widths of the screenshots left for people to look at.
const SHOTS: [u32; 2] = [375, 1280];

/// What one page measures at one width.
#[derive(Deserialize, Debug)]
struct Measured {
    /// The document's width and the width it has to fit in (the viewport less a scrollbar).
    scroll_width: f64,
    client_width: f64,
    /// The elements sticking out on the right, to say what overflows.
    too_wide: Vec<String>,
    main_width: f64,
    /// The body's width: the screen's, less a scrollbar or the room kept for one.
    body_width: f64,
    header_height: f64,
    /// The left edge of the page's main heading, if it has one.
    title_left: Option<f64>,
}

const MEASURE: &str = r#"
    const root = document.documentElement;
    const box = e => e.getBoundingClientRect();
    const main = document.querySelector('main');
    const header = document.querySelector('body > header');
    const title = document.querySelector('main h1');
    const too_wide = [...document.querySelectorAll('body *')]
      .filter(e => box(e).right > root.clientWidth + 0.5 && e.checkVisibility())
      // The outermost ones only: their children stick out because they do.
      .filter((e, _, all) => !all.includes(e.parentElement))
      .slice(0, 5)
      .map(e => `<${e.localName} class="${e.className}"> ends at ${Math.round(box(e).right)} px`);
    return {
      scroll_width: root.scrollWidth,
      client_width: root.clientWidth,
      too_wide,
      main_width: main ? box(main).width : 0,
      body_width: box(document.body).width,
      header_height: header ? box(header).height : 0,
      title_left: title ? box(title).left : null,
    };
"#;

pub async fn every_page_fits_every_screen_with_one_left_edge(s: &Shared) -> Checked {
    check_toolkit(s, &s.root.base, &s.pages(), true).await
}

/// A bigger menu than the example's: six phases and three sections, all with long titles, and
/// pages with a wide table and a long address. Opened from disk; no screenshots.
pub async fn a_toolkit_with_six_phases_and_long_titles_fits_every_screen(s: &Shared) -> Checked {
    let site = six_phases();
    site.build().assert_ok();
    let pages = html_files(&site.public());
    check_toolkit(s, &file_url(&site.public()), &pages, false).await
}

fn six_phases() -> TestSite {
    let site = TestSite::empty();
    let phases: Vec<String> = (1..=6).map(|n| format!("phase-{n}")).collect();
    let sections = ["stories", "facilitation", "background"];
    let quoted: Vec<String> = phases.iter().map(|p| format!("{p:?}")).collect();
    site.write(
        "site.toml",
        &format!(
            "title = \"Working Together Across Institutions and Communities: A Practical Toolkit\"\n\
             [organization]\nname = \"The Centre for Community-Engaged Teaching, Learning and Research\"\n\
             [toolkit]\nphases = [{}]\n",
            quoted.join(", ")
        ),
    );
    site.write(
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nWelcome.\n",
    );
    let wide_table = "| Partner organisation | Main contact person | Responsibilities agreed at the start | Review date |\n|---|---|---|---|\n| The Northfield Community Garden Association | A. Person | Convening the monthly meeting and keeping the notes | Every third month |\n";
    let long_url = "See <https://example.org/a/very/long/address/that/does/not/break/on/its/own/because/it/has/no/spaces/at/all/index.html>.";
    for (n, folder) in phases
        .iter()
        .map(String::as_str)
        .chain(sections)
        .enumerate()
    {
        site.write(
            &format!("content/{folder}/_index.md"),
            &format!("+++\ntitle = \"Part {n}: understanding each other's expectations and constraints\"\n+++\nIntro.\n"),
        );
        site.write(
            &format!("content/{folder}/a-page.md"),
            &format!("+++\ntitle = \"Agreeing, early and in writing, who decides what in part {n}\"\n+++\n## Who does what\n\n{wide_table}\n{long_url}\n"),
        );
    }
    site
}

/// Measures every page of a built toolkit at every width and checks what `fits` and
/// `one_left_edge` ask.
async fn check_toolkit(s: &Shared, base: &str, pages: &[String], shots: bool) -> Checked {
    let tabs = s.tabs(Js::On, 2).await?;
    let shares = tabs.iter().enumerate().map(|(i, tab)| {
        let mine: Vec<&String> = pages.iter().skip(i).step_by(tabs.len()).collect();
        measure_pages(tab, base, mine, shots)
    });
    let mut measured = BTreeMap::new();
    for share in futures_util::future::try_join_all(shares).await? {
        measured.extend(share);
    }
    let mut problems = Vec::new();
    for ((width, page), m) in &measured {
        problems.extend(
            fits(*width, m)
                .into_iter()
                .map(|p| format!("{page} at {width} px: {p}")),
        );
    }
    problems.extend(one_left_edge(&measured));
    assert!(
        problems.is_empty(),
        "layout problems of {base} (screenshots of the example in {}):\n{}",
        shots_dir().display(),
        problems.join("\n")
    );
    Ok(())
}

/// Each page is loaded once and measured at every width (resizing re-applies media queries).
async fn measure_pages(
    tab: &Tab<'_>,
    base: &str,
    pages: Vec<&String>,
    shots: bool,
) -> Result<BTreeMap<(u32, String), Measured>, String> {
    let mut out = BTreeMap::new();
    for page in pages {
        tab.viewport(WIDTHS[0], HEIGHT).await?;
        tab.open(&format!("{base}{page}")).await?;
        for width in WIDTHS {
            tab.viewport(width, HEIGHT).await?;
            let m: Measured = tab.eval(MEASURE, vec![]).await?;
            if shots && SHOTS.contains(&width) {
                screenshot(tab, page, width).await?;
            }
            out.insert((width, page.clone()), m);
        }
    }
    Ok(out)
}

/// What is wrong with one page at one width.
fn fits(width: u32, m: &Measured) -> Vec<String> {
    let mut problems = Vec::new();
    if m.scroll_width > m.client_width {
        problems.push(format!(
            "scrolls sideways: {} px wide in {} px ({})",
            m.scroll_width,
            m.client_width,
            m.too_wide.join("; ")
        ));
    }
    // The reading column: at least 60% of a laptop's screen, all of a phone's but the margins.
    if width >= 1280 && m.main_width < 0.6 * width as f64 {
        problems.push(format!(
            "the main column is {} px, under 60% of the screen",
            m.main_width
        ));
    }
    if width <= 375 && m.main_width < m.body_width - 2.0 * 16.0 - 1.0 {
        problems.push(format!(
            "the main column is {} px, not the screen's full {} px (less its margins)",
            m.main_width, m.body_width
        ));
    }
    if width <= 375 && m.header_height > 0.2 * HEIGHT as f64 {
        problems.push(format!(
            "the header takes {} px, over a fifth of an {HEIGHT} px screen",
            m.header_height
        ));
    }
    problems
}

/// At each width, every page's title starts where the others' do.
fn one_left_edge(measured: &BTreeMap<(u32, String), Measured>) -> Vec<String> {
    let mut problems = Vec::new();
    for width in WIDTHS {
        let lefts: Vec<(&str, f64)> = measured
            .iter()
            .filter(|((w, _), _)| *w == width)
            .filter_map(|((_, page), m)| m.title_left.map(|x| (page.as_str(), x)))
            .collect();
        let Some(&(first_page, first)) = lefts.first() else {
            continue;
        };
        for (page, x) in lefts {
            if (x - first).abs() > 0.5 {
                problems.push(format!(
                    "at {width} px the title of {page} starts at x={x}, that of {first_page} at x={first}"
                ));
            }
        }
    }
    problems
}

fn shots_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is target/tmp: the screenshots go beside it, in target/screenshots.
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map_or_else(
            || PathBuf::from("target/screenshots/layout"),
            |target| target.join("screenshots/layout"),
        )
}

/// The visible screen, as `<width>-<page path with dashes>.png`.
async fn screenshot(tab: &Tab<'_>, page: &str, width: u32) -> Result<(), String> {
    let png = tab
        .screenshot()
        .await
        .map_err(|e| format!("screenshot: {e}"))?;
    let dir = shots_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let name = page
        .trim_end_matches("index.html")
        .trim_end_matches('/')
        .replace('/', "-");
    let name = if name.is_empty() {
        "home".to_string()
    } else {
        name.replace(".html", "")
    };
    let path = dir.join(format!("{width}-{name}.png"));
    std::fs::write(&path, png).map_err(|e| format!("{}: {e}", path.display()))
}

/// Where a section page's own pages can be reached from, at the screen size it is opened at.
#[derive(Deserialize, Debug)]
struct PageLinks {
    /// Whether this is a section's page (a phase's or another section's).
    section: bool,
    /// Each of the section's pages, with the top of the first link to it a reader can see (none
    /// when no visible link leads there).
    links: Vec<(String, Option<f64>)>,
    /// The top of the first checklist or worksheet shown on the page, if any.
    first_form: Option<f64>,
}

const PAGE_LINKS: &str = r#"
    const top = e => e.getBoundingClientRect().top + window.scrollY;
    const section = document.body.classList.contains('section');
    // The section's pages, from the list of them that every width shows further down.
    const hrefs = [...document.querySelectorAll('main .page-list a')].map(a => a.getAttribute('href'));
    const links = hrefs.map(h => {
      const seen = [...document.querySelectorAll(`a[href="${h}"]`)].filter(a => a.checkVisibility());
      return [h, seen.length ? Math.min(...seen.map(top)) : null];
    });
    const forms = [...document.querySelectorAll('main .checklist, main .worksheet')].filter(e => e.checkVisibility());
    return { section, links, first_form: forms.length ? Math.min(...forms.map(top)) : null };
"#;

/// A reader opens a phase on a phone: its pages are listed near the top (within the first two
/// screens), before its checklist or any worksheet the phase's text shows, not after thousands
/// of pixels of them. On a laptop the sidebar beside the text lists them.
pub async fn a_sections_pages_come_before_its_checklist_on_a_phone(s: &Shared) -> Checked {
    let tab = s.tab(Js::On).await?;
    let mut problems = Vec::new();
    let mut sections = 0;
    for page in s.pages() {
        for width in [375, 1280] {
            tab.viewport(width, HEIGHT).await?;
            tab.open(&format!("{}{page}", s.root.base)).await?;
            let found: PageLinks = tab.eval(PAGE_LINKS, vec![]).await?;
            if !found.section || found.links.is_empty() {
                continue;
            }
            sections += 1;
            let limit = 2.0 * f64::from(HEIGHT);
            for (href, at) in &found.links {
                match at {
                    None => problems.push(format!("{page} at {width} px: no visible link to {href}")),
                    Some(y) if *y > limit => problems.push(format!(
                        "{page} at {width} px: the first link to {href} is {y:.0} px down, past the first two screens"
                    )),
                    Some(y) if found.first_form.is_some_and(|f| *y > f) => problems.push(format!(
                        "{page} at {width} px: the first link to {href} ({y:.0} px) comes after a checklist or worksheet"
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    assert!(sections > 0, "the example has no section page with pages");
    assert!(
        problems.is_empty(),
        "section pages:\n{}",
        problems.join("\n")
    );
    Ok(())
}
