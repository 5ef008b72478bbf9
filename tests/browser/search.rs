//! Search as a reader uses it: a word typed in the header's box, results as they type, Enter
//! to open the first (or the one chosen with the arrow keys), Escape to close. At a host's
//! root, under a subpath and from disk (where the index must load without fetch()), in English
//! and in French.

use fantoccini::key::Key;
use fantoccini::Locator;
use serde::Deserialize;
use serde_json::json;

use crate::common::TestSite;
use crate::driver::Js;
use crate::suite::{file_url, Checked, Shared, Tab};

/// A word that appears only in the body of "Defining roles", under "What each partner brings".
const BODY_WORD: &str = "ethics";
const BODY_PAGE: &str = "getting-started/defining-roles/index.html#what-each-partner-brings";

pub async fn a_word_from_one_page_body_finds_it_first_at_a_hosts_root(s: &Shared) -> Checked {
    body_word_finds_its_page(s, &s.root.base).await
}

pub async fn a_word_from_one_page_body_finds_it_first_under_a_subpath(s: &Shared) -> Checked {
    body_word_finds_its_page(s, &s.subdir.base).await
}

pub async fn a_word_from_one_page_body_finds_it_first_from_disk(s: &Shared) -> Checked {
    body_word_finds_its_page(s, &s.file_base()).await
}

/// From a page two folders down (so the index's address is relative), the body word's page is
/// the first result, landing on its heading; Enter opens it there.
async fn body_word_finds_its_page(s: &Shared, base: &str) -> Checked {
    let tab = s.tab(Js::On).await?;
    tab.open(&format!("{base}throughout/keeping-momentum/index.html"))
        .await?;
    let hits = type_query(&tab, BODY_WORD).await?;
    assert_eq!(
        hits.first().map(|h| h.href.as_str()),
        Some(format!("{base}{BODY_PAGE}").as_str()),
        "results for {BODY_WORD:?} from {base}: {hits:?}"
    );
    assert!(
        hits[0]
            .snippet_marks
            .iter()
            .any(|m| m.eq_ignore_ascii_case(BODY_WORD)),
        "the snippet marks the word: {hits:?}"
    );
    press(&tab, Key::Enter).await?;
    tab.wait_until(&format!(
        "location.href === {}",
        json!(format!("{base}{BODY_PAGE}"))
    ))
    .await?;
    Ok(())
}

pub async fn checklist_items_and_worksheet_prompts_are_found_where_they_are(s: &Shared) -> Checked {
    let tab = s.tab(Js::On).await?;
    let cases = [
        // An item's text, landing on the item on its checklist's page.
        ("simmer", "throughout/checklist/index.html#cl-throughout-i-"),
        // A prompt's label, landing on its section of the worksheet.
        (
            "proudest",
            "worksheets/student-reflection/index.html#ws-student-reflection-s",
        ),
    ];
    for (query, lands) in cases {
        tab.open(&format!("{}index.html", s.root.base)).await?;
        let hits = type_query(&tab, query).await?;
        let first = &hits.first().ok_or(format!("no result for {query:?}"))?.href;
        assert!(
            first.starts_with(&format!("{}{lands}", s.root.base)),
            "{query:?} leads to {first}, not {lands}"
        );
        press(&tab, Key::Enter).await?;
        tab.wait_until(&format!("location.href === {}", json!(first)))
            .await?;
        // The anchor is on the page.
        tab.wait_until("document.getElementById(decodeURIComponent(location.hash.slice(1)))")
            .await?;
    }
    Ok(())
}

pub async fn arrow_keys_choose_a_result_and_escape_closes_the_list(s: &Shared) -> Checked {
    let tab = s.tab(Js::On).await?;
    tab.open(&format!("{}getting-started/index.html", s.root.base))
        .await?;
    let hits = type_query(&tab, "feedback").await?;
    assert!(hits.len() >= 3, "several results for feedback: {hits:?}");
    let active = "document.getElementById('tr-search-input').getAttribute('aria-activedescendant')";
    tab.wait_until(&format!("{active} === 'tr-search-hit-0'"))
        .await?;
    press(&tab, Key::Down).await?;
    press(&tab, Key::Down).await?;
    tab.wait_until(&format!("{active} === 'tr-search-hit-2'"))
        .await?;
    press(&tab, Key::Up).await?;
    tab.wait_until(&format!("{active} === 'tr-search-hit-1' && document.getElementById('tr-search-hit-1').getAttribute('aria-selected') === 'true'"))
        .await?;
    let status: String = tab
        .eval(
            "return document.querySelector('[data-tr-search-status]').textContent;",
            vec![],
        )
        .await?;
    assert!(status.ends_with("results"), "announced: {status:?}");
    press(&tab, Key::Escape).await?;
    tab.wait_until(
        "document.querySelector('[data-tr-search-results]').hidden \
         && document.activeElement === document.getElementById('tr-search-input') \
         && document.activeElement.getAttribute('aria-expanded') === 'false'",
    )
    .await?;
    // One letter is too short to look for: the list stays closed.
    let input = tab
        .find(Locator::Css("#tr-search-input"))
        .await
        .map_err(|e| e.to_string())?;
    input.clear().await.map_err(|e| e.to_string())?;
    input.send_keys("s").await.map_err(|e| e.to_string())?;
    let closed: bool = tab
        .eval(
            "return document.querySelector('[data-tr-search-results]').hidden;",
            vec![],
        )
        .await?;
    assert!(closed, "one letter opened the list");
    Ok(())
}

pub async fn the_search_page_reads_its_query_from_the_address(s: &Shared) -> Checked {
    let tab = s.tab(Js::On).await?;
    let base = s.file_base();
    tab.open(&format!("{base}search/index.html?q={BODY_WORD}"))
        .await?;
    tab.wait_until(&format!(
        "document.querySelector('[data-tr-search-page-list]').getAttribute('data-query') === {}",
        json!(BODY_WORD)
    ))
    .await?;
    let first: String = tab
        .eval(
            "return document.querySelector('[data-tr-search-page-list] a').href;",
            vec![],
        )
        .await?;
    assert_eq!(first, format!("{base}{BODY_PAGE}"));
    let value: String = tab
        .eval(
            "return document.getElementById('tr-search-page-input').value;",
            vec![],
        )
        .await?;
    assert_eq!(value, BODY_WORD);
    Ok(())
}

/// A French toolkit: accents folded both ways and French stems, from disk.
pub async fn a_french_toolkit_folds_accents_and_stems_in_french(s: &Shared) -> Checked {
    let site = TestSite::empty();
    site.write(
        "site.toml",
        "title = \"Trousse\"\nlanguage = \"fr\"\n[toolkit]\nphases = [\"debut\"]\n",
    )
    .write(
        "content/debut/_index.md",
        "+++\ntitle = \"Début\"\n+++\nPour commencer.\n",
    )
    .write(
        "content/debut/partenariat.md",
        "+++\ntitle = \"Le partenariat\"\n+++\nUn partenariat durable se construit.\n",
    )
    .write(
        "content/debut/equipe.md",
        "+++\ntitle = \"Le rôle de l’équipe\"\n+++\nChacun y trouve sa place.\n",
    );
    site.build().assert_ok();
    let tab = s.tab(Js::On).await?;
    let base = file_url(&site.public());
    let cases = [
        ("partenaires", "debut/partenariat/index.html"),
        ("role", "debut/equipe/index.html"),
        ("EQUIPES", "debut/equipe/index.html"),
        ("équipe", "debut/equipe/index.html"),
    ];
    for (query, page) in cases {
        tab.open(&format!("{base}index.html")).await?;
        let hits = type_query(&tab, query).await?;
        assert_eq!(
            hits.first().map(|h| h.href.as_str()),
            Some(format!("{base}{page}").as_str()),
            "{query:?}: {hits:?}"
        );
    }
    Ok(())
}

/// English stems: "partnering" finds the pages about partnerships.
pub async fn an_english_inflection_finds_its_stem(s: &Shared) -> Checked {
    let tab = s.tab(Js::On).await?;
    tab.open(&format!("{}index.html", s.root.base)).await?;
    let hits = type_query(&tab, "partnering").await?;
    assert!(
        hits.iter()
            .any(|h| h.title.contains("Partnership") || h.title.contains("partnership")),
        "partnering finds partnership: {hits:?}"
    );
    Ok(())
}

/// Results open over the page without pushing it sideways, at a phone's and a laptop's width,
/// with no axe violations while open. Screenshots go to target/screenshots/ for a person to
/// look at.
pub async fn results_fit_a_phone_and_a_laptop_and_pass_axe(s: &Shared) -> Checked {
    let axe = s.axe_url()?;
    let tab = s.tab(Js::On).await?;
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).map_err(|e| e.to_string())?;
    for (width, height) in [(375, 800), (1280, 900)] {
        tab.viewport(width, height).await?;
        tab.open(&format!(
            "{}throughout/giving-and-receiving-feedback/index.html",
            s.root.base
        ))
        .await?;
        type_query(&tab, "agreement").await?;
        let fits: bool = tab
            .eval(
                "const r = document.querySelector('[data-tr-search-results]').getBoundingClientRect();
                 return r.left >= 0 && r.right <= innerWidth && document.documentElement.scrollWidth <= innerWidth;",
                vec![],
            )
            .await?;
        assert!(fits, "the results stay within {width} px");
        let violations = tab
            .axe(&axe, &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
            .await?;
        assert!(violations.is_empty(), "axe at {width} px: {violations:?}");
        let png = tab.screenshot().await.map_err(|e| e.to_string())?;
        std::fs::write(shots.join(format!("search-box-{width}.png")), png)
            .map_err(|e| e.to_string())?;
        tab.open(&format!("{}search/index.html?q=feedback", s.root.base))
            .await?;
        tab.wait_until(
            "document.querySelector('[data-tr-search-page-list]').getAttribute('data-query') === 'feedback'",
        )
        .await?;
        let png = tab.screenshot().await.map_err(|e| e.to_string())?;
        std::fs::write(shots.join(format!("search-page-{width}.png")), png)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Without scripts the header shows a link to search/ that says search needs JavaScript, and
/// the search page says so too.
pub async fn without_javascript_the_header_links_to_the_search_page(s: &Shared) -> Checked {
    let tab = s.tab(Js::Off).await?;
    tab.viewport(375, 800).await?;
    tab.open(&format!("{}getting-started/index.html", s.root.base))
        .await?;
    let (text, href, visible, box_hidden): (String, String, bool, bool) = tab
        .eval(
            "const a = document.querySelector('[data-tr-search-fallback]');
             return [a.textContent, a.href, a.checkVisibility(), document.querySelector('[data-tr-search-form]').hidden];",
            vec![],
        )
        .await?;
    assert!(visible && box_hidden, "the link shows, the box does not");
    assert!(text.contains("JavaScript"), "the link says why: {text:?}");
    assert_eq!(href, format!("{}search/index.html", s.root.base));
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).map_err(|e| e.to_string())?;
    let png = tab.screenshot().await.map_err(|e| e.to_string())?;
    std::fs::write(shots.join("search-no-js-375.png"), png).map_err(|e| e.to_string())?;
    tab.open(&href).await?;
    let main: String = tab
        .eval("return document.querySelector('main').innerText;", vec![])
        .await?;
    assert!(
        main.contains("needs JavaScript"),
        "search/ explains: {main}"
    );
    Ok(())
}

/// A result as the list shows it.
#[derive(Debug, Deserialize, Default)]
struct Hit {
    title: String,
    href: String,
    snippet_marks: Vec<String>,
}

/// Types `query` into the header's box of the open page and waits for its results.
async fn type_query(tab: &Tab<'_>, query: &str) -> Result<Vec<Hit>, String> {
    let input = tab
        .find(Locator::Css("#tr-search-input"))
        .await
        .map_err(|e| format!("no search box: {e}"))?;
    input.click().await.map_err(|e| e.to_string())?;
    input.clear().await.map_err(|e| e.to_string())?;
    input.send_keys(query).await.map_err(|e| e.to_string())?;
    tab.wait_until(&format!(
        "document.getElementById('tr-search-listbox').getAttribute('data-query') === {} \
         && !document.querySelector('[data-tr-search-results]').hidden",
        json!(query)
    ))
    .await?;
    tab.eval(
        "return [...document.querySelectorAll('#tr-search-listbox .search-hit')].map(a => ({
           title: a.querySelector('.hit-title').textContent,
           href: a.href,
           snippet_marks: [...a.querySelectorAll('.hit-snippet mark')].map(m => m.textContent),
         }));",
        vec![],
    )
    .await
}

/// Presses a key in the focused element.
async fn press(tab: &Tab<'_>, key: Key) -> Result<(), String> {
    let focused = tab
        .active_element()
        .await
        .map_err(|e| format!("nothing has focus: {e}"))?;
    focused.send_keys(&key).await.map_err(|e| e.to_string())
}
