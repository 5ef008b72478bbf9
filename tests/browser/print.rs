//! Paper: pages printed by the browser to PDF, read back with poppler. They come out on the
//! paper the toolkit names in site.toml, and what only makes sense on screen (navigation,
//! buttons, the skip link) stays off the paper.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::common::TestSite;
use crate::data;
use crate::driver::Js;
use crate::suite::{file_url, scratch, Checked, Shared, Tab};
use crate::tools::{Paper, Pdf};

pub async fn every_page_prints_on_letter_without_screen_only_parts(s: &Shared) -> Checked {
    let tab = s.tab(Js::On).await?;
    let dir = scratch();
    let mut problems = Vec::new();
    for page in s.pages().iter().filter(|p| *p != "404.html") {
        let url = format!("{}{page}", s.root.base);
        let printed = print(&tab, &url, dir.path(), Paper::LETTER).await?;
        problems.extend(
            printed
                .problems()
                .into_iter()
                .map(|p| format!("{page}: {p}")),
        );
    }
    assert!(problems.is_empty(), "printing:\n{}", problems.join("\n"));
    Ok(())
}

pub async fn a_toolkit_set_to_a4_prints_on_a4(s: &Shared) -> Checked {
    let site = TestSite::example();
    site.edit("site.toml", "paper = \"letter\"", "paper = \"a4\"");
    site.build().assert_ok();
    let tab = s.tab(Js::On).await?;
    let dir = scratch();
    let base = file_url(&site.public());
    for page in ["index.html", "getting-started/defining-roles/index.html"] {
        let printed = print(&tab, &format!("{base}{page}"), dir.path(), Paper::A4).await?;
        let problems = printed.problems();
        assert!(
            problems.is_empty(),
            "{page} printed:\n{}",
            problems.join("\n")
        );
    }
    Ok(())
}

/// A page printed to PDF, with what the page showed on screen only.
pub struct Printed {
    pub pdf: Pdf,
    /// The paper the toolkit asks for.
    pub paper: Paper,
    pub text: String,
    pub seen: OnScreen,
}

/// What the page holds, read in the browser just before printing.
#[derive(Deserialize)]
pub struct OnScreen {
    /// The main heading, which the paper must carry.
    pub title: String,
    /// Texts of screen-only elements (nav, buttons, skip link) found nowhere else on the page,
    /// so finding one on paper means that element was printed. Very short ones ("1") are left
    /// out: they would be found in other words.
    pub screen_only: Vec<String>,
}

const ON_SCREEN: &str = r"
    // Navigation to other pages, buttons, the skip link, file pickers. A nav of in-page links
    // (a print page's table of contents) is content on paper too.
    const screenOnly = [...document.querySelectorAll('nav, button, .skip-link, input[type=file]')]
      .filter(e => !e.matches('nav') || [...e.querySelectorAll('a[href]')].some(a => !a.getAttribute('href').startsWith('#')));
    const squash = t => t.replace(/\s+/g, '');
    // Remove the same elements from the copy: mark them, clone, then drop the marked ones.
    screenOnly.forEach(e => e.setAttribute('data-screen-only', ''));
    const copy = document.body.cloneNode(true);
    screenOnly.forEach(e => e.removeAttribute('data-screen-only'));
    copy.querySelectorAll('[data-screen-only], script, style, template').forEach(e => e.remove());
    const others = squash(copy.textContent);
    // Each text node on its own: PDF text follows the printed layout, which may interleave
    // the words of a navigation bar's links, but keeps each link's own words together.
    const texts = e => {
      const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
      const found = [];
      while (walker.nextNode()) found.push(walker.currentNode.textContent.trim());
      return found;
    };
    // The main heading's longest piece of text: its words, not a phase number beside them or
    // words only screen readers get.
    const h1 = document.querySelector('h1');
    return {
      title: (h1 ? texts(h1) : ['']).reduce((a, b) => (b.length > a.length ? b : a), ''),
      screen_only: [...new Set(screenOnly.flatMap(texts))]
        .filter(t => t.length > 3 && !others.includes(squash(t))),
    };
";

/// Opens `url`, notes what is on screen and prints it into `dir`; the page should ask for `paper`.
pub async fn print(
    tab: &Tab<'_>,
    url: &str,
    dir: &std::path::Path,
    paper: Paper,
) -> Result<Printed, String> {
    tab.open(url).await?;
    let seen: OnScreen = tab.eval(ON_SCREEN, vec![]).await?;
    let name = url
        .trim_end_matches("/index.html")
        .rsplit('/')
        .next()
        .unwrap_or("page")
        .to_string();
    let pdf = Pdf::save(&tab.print_pdf(paper.other()).await?, dir, &name);
    let text = pdf.text();
    Ok(Printed {
        pdf,
        paper,
        text,
        seen,
    })
}

impl Printed {
    /// What is wrong with this printout, one line each.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let (w, h) = self.pdf.page_size();
        let (pw, ph) = self.paper.points;
        if (w - pw).abs() > 1.0 || (h - ph).abs() > 1.0 {
            let name = self.paper.name;
            problems.push(format!(
                "printed on {w} x {h} pt, not {name} ({pw} x {ph} pt)"
            ));
        }
        let text = data::squash(&self.text);
        if !text.contains(&data::squash(&self.seen.title)) {
            problems.push(format!("the heading {:?} is not on paper", self.seen.title));
        }
        for screen_only in &self.seen.screen_only {
            if text.contains(&data::squash(screen_only)) {
                problems.push(format!("the screen-only {screen_only:?} is on paper"));
            }
        }
        problems
    }
}

pub async fn worksheets_and_checklists_print_every_prompt_with_write_in_lines(
    s: &Shared,
) -> Checked {
    let root = &s.example.root;
    let tab = s.tab(Js::On).await?;
    tab.open(&format!("{}index.html", s.root.base)).await?;
    tab.clear_storage().await?;
    let dir = scratch();
    let mut problems = Vec::new();
    for id in data::worksheet_ids(root) {
        let page = format!("worksheets/{id}/index.html");
        let printed = print(
            &tab,
            &format!("{}{page}", s.root.base),
            dir.path(),
            Paper::LETTER,
        )
        .await?;
        let mut found = printed.problems();
        let prompts = data::worksheet(root, &id).prompts();
        found.extend(printed.missing_texts(prompts.iter().map(|p| p.label.as_str())));
        let ruled = ruled_lines(&tab).await?;
        for prompt in prompts.iter().filter(|p| p.write_in_lines() > 0) {
            let (want, got) = (
                prompt.write_in_lines(),
                ruled.get(prompt.id()).copied().unwrap_or(0),
            );
            if got != want {
                found.push(format!(
                    "{} prints {got} write-in lines, not {want}",
                    prompt.id()
                ));
            }
        }
        problems.extend(found.into_iter().map(|p| format!("{page}: {p}")));
    }
    for phase in data::checklist_phases(root) {
        let page = format!("{phase}/checklist/index.html");
        let printed = print(
            &tab,
            &format!("{}{page}", s.root.base),
            dir.path(),
            Paper::LETTER,
        )
        .await?;
        let list = data::checklist(root, &phase);
        let mut found = printed.problems();
        found.extend(printed.missing_texts(list.items.iter().map(|i| i.text.as_str())));
        found.extend(printed.missing_texts(list.states.iter().map(|s| s.label.as_str())));
        problems.extend(found.into_iter().map(|p| format!("{page}: {p}")));
    }
    assert!(
        problems.is_empty(),
        "printing worksheets and checklists:\n{}",
        problems.join("\n")
    );
    Ok(())
}

/// Write-in lines per prompt id, as the print style lays the page out: visible empty boxes
/// ruled along their bottom edge, at least half as wide as their prompt.
async fn ruled_lines(tab: &Tab<'_>) -> Result<BTreeMap<String, u32>, String> {
    let count = r"
        const out = {};
        for (const p of document.querySelectorAll('main [data-tr-prompt]')) {
          const width = p.getBoundingClientRect().width;
          out[p.dataset.trPrompt] = [...p.querySelectorAll('*')].filter(e => {
            const style = getComputedStyle(e);
            return e.children.length === 0 && e.textContent.trim() === '' && e.checkVisibility()
              && style.borderBottomStyle !== 'none' && parseFloat(style.borderBottomWidth) > 0
              && e.getBoundingClientRect().width >= width / 2;
          }).length;
        }
        return out;
    ";
    tab.emulate_media("print").await?;
    let lines = tab.eval(count, vec![]).await;
    tab.emulate_media("").await?;
    lines
}

impl Printed {
    /// The texts (inline Markdown from the toolkit's data) that are not on paper.
    pub fn missing_texts<'a>(&self, texts: impl Iterator<Item = &'a str>) -> Vec<String> {
        let on_paper = data::squash(&self.text);
        texts
            .filter(|t| !on_paper.contains(&data::squash(&data::plain(t))))
            .map(|t| format!("{t:?} is not on paper"))
            .collect()
    }
}

/// Pages a blank worksheet of the example may take on its letter paper: the issue's budgets for
/// the agreement and the self-assessment, and as many as each of the others takes today.
const PAGE_BUDGETS: &[(&str, usize)] = &[
    ("partnership-agreement", 2),
    ("partnership-health", 2),
    ("action-plan", 1),
    ("faculty-reflection", 1),
    ("meeting-pulse", 1),
    ("student-reflection", 1),
];
/// A worksheet not listed above.
const DEFAULT_BUDGET: usize = 2;
/// No printed page may end above this share of its height (a title alone, a stray line).
const LEAST_INK: f64 = 0.15;
/// The bottom of a page where the running footer prints (the 15 mm margin of 279 mm, and some).
const FOOTER: f64 = 0.07;

pub async fn blank_worksheets_and_packets_print_in_their_page_budget_with_no_near_empty_page(
    s: &Shared,
) -> Checked {
    let root = &s.example.root;
    let tab = s.tab(Js::On).await?;
    tab.open(&format!("{}index.html", s.root.base)).await?;
    tab.clear_storage().await?;
    let dir = scratch();
    let mut problems = Vec::new();
    for id in data::worksheet_ids(root) {
        let page = format!("worksheets/{id}/index.html");
        let url = format!("{}{page}", s.root.base);
        let printed = print(&tab, &url, dir.path(), Paper::LETTER).await?;
        let budget = PAGE_BUDGETS
            .iter()
            .find(|(w, _)| *w == id)
            .map_or(DEFAULT_BUDGET, |(_, n)| *n);
        let sections: Vec<String> = data::worksheet(root, &id)
            .sections
            .iter()
            .filter_map(|s| s.title.as_deref().map(data::squash))
            .collect();
        problems.extend(
            paper_problems(&printed, budget, &sections, true)
                .into_iter()
                .map(|p| format!("{page}: {p}")),
        );
    }
    for (page, budget) in PACKET_BUDGETS {
        let url = format!("{}{page}", s.root.base);
        let printed = print(&tab, &url, dir.path(), Paper::LETTER).await?;
        problems.extend(
            paper_problems(&printed, *budget, &[], false)
                .into_iter()
                .map(|p| format!("{page}: {p}")),
        );
    }
    assert!(
        problems.is_empty(),
        "printing blank worksheets and packets on letter:\n{}",
        problems.join("\n")
    );
    Ok(())
}

/// The print pages of the example (the whole toolkit, a packet per phase) and the pages each
/// takes on letter today: a guard against wasted pages creeping back.
const PACKET_BUDGETS: &[(&str, usize)] = &[
    ("print/index.html", 51),
    ("print/getting-started/index.html", 14),
    ("print/throughout/index.html", 17),
    ("print/wrapping-up/index.html", 10),
];

/// What a facilitator would find wrong with a printout: too many pages, a page nearly empty, a
/// section's title alone at the foot of a page, a page that does not say which page it is (or,
/// with `names_title`, which worksheet it belongs to).
fn paper_problems(
    printed: &Printed,
    budget: usize,
    section_titles: &[String],
    names_title: bool,
) -> Vec<String> {
    let mut problems = Vec::new();
    let pdf = &printed.pdf;
    let pages = pdf.pages();
    if pages > budget {
        problems.push(format!(
            "prints on {pages} pages, over its budget of {budget}"
        ));
    }
    for (i, depth) in pdf.ink_depths(FOOTER).into_iter().enumerate() {
        if depth < LEAST_INK {
            problems.push(format!(
                "page {} is nearly empty: its ink ends {:.0}% down the page",
                i + 1,
                depth * 100.0
            ));
        }
    }
    let title = data::squash(&printed.seen.title);
    for page in 1..=pages {
        let lines = pdf.page_lines(page);
        let (body, footer): (Vec<_>, Vec<_>) = lines.iter().partition(|(y, _)| *y < 1.0 - FOOTER);
        let footer = data::squash(&footer.iter().map(|(_, l)| l.as_str()).collect::<String>());
        if (names_title && !footer.contains(&title)) || !footer.contains(&format!("{page}/{pages}"))
        {
            problems.push(format!(
                "page {page}'s foot does not name what it is or say \"{page} / {pages}\": {footer:?}"
            ));
        }
        if page < pages {
            if let Some((_, last)) = body.last() {
                if section_titles.contains(&data::squash(last)) {
                    problems.push(format!("page {page} ends with the heading {last:?}"));
                }
            }
        }
    }
    problems
}

/// The scoring grid of a self-assessment as the print style lays it out: whether it and the live
/// table show, and each factor's (or the total's) boxes by their labels.
#[derive(Deserialize, Debug)]
struct Grid {
    grid: bool,
    live: bool,
    rows: Vec<(String, Vec<String>)>,
    boxes_to_write: bool,
}

const GRID: &str = r"
    const shown = e => !!e && e.checkVisibility();
    const rows = [...document.querySelectorAll('main .score-grid-table tbody tr')];
    return {
      grid: shown(document.querySelector('main .score-grid')),
      live: shown(document.querySelector('main .score-live')),
      rows: rows.filter(r => !r.classList.contains('score-category')).map(r => [
        r.querySelector('th').textContent.trim(),
        [...r.querySelectorAll('.grid-box')].filter(shown).map(b => b.textContent.trim()),
      ]),
      boxes_to_write: rows.every(r => r.querySelectorAll('.grid-write').length >= 2),
    };
";

/// A facilitator prints a blank self-assessment to hand out. The paper numbers every statement
/// and, instead of an empty scores table, has a grid to score by hand: per factor (or for the
/// total) a box for each of its statements, labelled with its number and R when it is scored in
/// reverse, boxes for the rest of the row, and the bands. Once a reader has answered on screen,
/// their scores print instead of the grid.
pub async fn a_blank_self_assessment_prints_a_grid_to_score_by_hand(s: &Shared) -> Checked {
    let root = &s.example.root;
    let tab = s.tab(Js::On).await?;
    let dir = scratch();
    let mut problems = Vec::new();
    let scored: Vec<String> = data::worksheet_ids(root)
        .into_iter()
        .filter(|id| data::worksheet(root, id).scoring.is_some())
        .collect();
    assert!(!scored.is_empty(), "the example has no self-assessment");
    for id in scored {
        let sheet = data::worksheet(root, &id);
        let page = format!("worksheets/{id}/index.html");
        let url = format!("{}{page}", s.root.base);
        crate::worksheets::open_empty(&tab, &url).await?;
        let printed = print(&tab, &url, dir.path(), Paper::LETTER).await?;
        let text = data::squash(&printed.text);
        let statements: Vec<data::Prompt> = sheet
            .prompts()
            .into_iter()
            .filter(|p| p.kind == "scale")
            .collect();
        let mut expected: Vec<(String, Vec<String>)> = Vec::new();
        let sum = sheet.scoring.as_ref().is_some_and(|s| s.method == "sum");
        for (n, p) in statements.iter().enumerate() {
            let label = format!("{}. {}", n + 1, data::plain(&p.label));
            if !text.contains(&data::squash(&label)) {
                problems.push(format!(
                    "{page}: the statement {label:?} is not numbered on paper"
                ));
            }
            let row = if sum {
                "Total".to_string()
            } else {
                p.factor.clone().unwrap_or_default()
            };
            let mark = format!("{}{}", n + 1, if p.reverse { " R" } else { "" });
            match expected.iter_mut().find(|(name, _)| *name == row) {
                Some((_, boxes)) => boxes.push(mark),
                None => expected.push((row, vec![mark])),
            }
        }
        tab.emulate_media("print").await?;
        let grid: Grid = tab.eval(GRID, vec![]).await?;
        tab.emulate_media("").await?;
        if !grid.grid || grid.live {
            problems.push(format!(
                "{page}: blank, it prints the grid {} and the empty table {}",
                grid.grid, grid.live
            ));
        }
        if grid.rows != expected {
            problems.push(format!(
                "{page}: the grid's boxes are {:?}, not {expected:?}",
                grid.rows
            ));
        }
        if !grid.boxes_to_write {
            problems.push(format!(
                "{page}: a row of the grid has no boxes for its total and meaning"
            ));
        }
        let bands = sheet
            .scoring
            .iter()
            .flat_map(|s| &s.bands)
            .map(|b| b.label.as_str());
        problems.extend(
            printed
                .missing_texts(bands)
                .into_iter()
                .map(|p| format!("{page}: {p}")),
        );
        // The reader answers the first statement on screen: their score prints, not the grid.
        tab.eval::<serde_json::Value>(
            "document.querySelector('main .prompt-scale input[type=radio]').click(); return null;",
            vec![],
        )
        .await?;
        let printed = print(&tab, &url, dir.path(), Paper::LETTER).await?;
        tab.emulate_media("print").await?;
        let grid: Grid = tab.eval(GRID, vec![]).await?;
        tab.emulate_media("").await?;
        if grid.grid || !grid.live {
            problems.push(format!(
                "{page}: answered, it prints the grid {} and the scores {}",
                grid.grid, grid.live
            ));
        }
        if data::squash(&printed.text).contains(&data::squash("To score by hand")) {
            problems.push(format!(
                "{page}: answered, the paper still says how to score by hand"
            ));
        }
        tab.clear_storage().await?;
    }
    assert!(
        problems.is_empty(),
        "printing self-assessments:\n{}",
        problems.join("\n")
    );
    Ok(())
}

/// Each checklist and worksheet a print page holds, and what its contents say of them.
#[derive(Deserialize, Debug)]
struct Held {
    /// Titles of the checklists and worksheets on the page, embedded ones included.
    forms: Vec<String>,
    /// The contents' entries: (title, whether the link lands on an element of the page).
    contents: Vec<(String, bool)>,
}

const HELD: &str = r"
    const text = e => e.textContent.replace(/\s+/g, ' ').trim();
    return {
      forms: [...document.querySelectorAll('main .checklist-title, main .worksheet-title')].map(text),
      contents: [...document.querySelectorAll('.print-toc a')].map(a => [
        text(a),
        !!document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))),
      ]),
    };
";

/// A facilitator looks for a worksheet in a packet's contents: every checklist and worksheet the
/// packet holds is listed there (also one a page or the phase's introduction embeds), its link
/// lands on it, and the printed contents page names it.
pub async fn print_contents_list_every_checklist_and_worksheet(s: &Shared) -> Checked {
    let tab = s.tab(Js::On).await?;
    let dir = scratch();
    let mut problems = Vec::new();
    let mut printed_forms = 0;
    for (page, _) in PACKET_BUDGETS {
        let url = format!("{}{page}", s.root.base);
        let printed = print(&tab, &url, dir.path(), Paper::LETTER).await?;
        let held: Held = tab.eval(HELD, vec![]).await?;
        printed_forms += held
            .forms
            .iter()
            .filter(|f| printed.text.contains(f.as_str()))
            .count();
        for form in &held.forms {
            match held.contents.iter().find(|(title, _)| title == form) {
                None => problems.push(format!("{page}: {form:?} is not in the contents")),
                Some((_, false)) => problems.push(format!(
                    "{page}: the contents' link to {form:?} lands nowhere"
                )),
                Some(_) => {}
            }
        }
        // The contents are printed before the first part: on the first two sheets.
        let front: String = (1..=2.min(printed.pdf.pages()))
            .flat_map(|n| printed.pdf.page_lines(n))
            .map(|(_, line)| line)
            .collect();
        let front = data::squash(&front);
        for form in &held.forms {
            if !front.contains(&data::squash(form)) {
                problems.push(format!("{page}: the printed contents do not name {form:?}"));
            }
        }
    }
    assert!(printed_forms > 0, "no checklist or worksheet printed");
    assert!(
        problems.is_empty(),
        "print contents:\n{}",
        problems.join("\n")
    );
    Ok(())
}
