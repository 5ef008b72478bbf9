//! A phase's checklist, as partners use it over weeks: ticks stay in the browser, the progress
//! line and the home page follow them, and a reset starts over. The same from a web host and
//! from a USB stick (file://).

use fantoccini::Locator;
use serde_json::json;

use crate::data;
use crate::driver::Js;
use crate::suite::{Checked, Shared, Tab};
use crate::worksheets::open_empty;

pub async fn ticks_persist_and_show_as_progress_until_reset(s: &Shared) -> Checked {
    let phase = data::checklist_phases(&s.example.root)
        .into_iter()
        .find(|p| data::checklist(&s.example.root, p).states.is_empty())
        .ok_or("the example has no checklist with plain ticks")?;
    let total = data::checklist(&s.example.root, &phase).items.len();
    let tab = s.tab(Js::On).await?;
    for base in [s.root.base.clone(), s.file_base()] {
        let page = format!("{base}{phase}/checklist/index.html");
        open_empty(&tab, &page).await?;
        assert_eq!(
            progress(&tab).await?,
            format!("0 of {total} done"),
            "{page}"
        );

        let ticks = tab
            .find_all(Locator::Css("main input[type=checkbox]"))
            .await
            .map_err(|e| e.to_string())?;
        assert_eq!(
            ticks.len(),
            total,
            "{page}: one tick per item of checklist.toml"
        );
        for tick in [&ticks[0], &ticks[2]] {
            tick.click().await.map_err(|e| e.to_string())?;
        }
        assert_eq!(
            progress(&tab).await?,
            format!("2 of {total} done"),
            "{page} after two ticks"
        );

        tab.refresh().await.map_err(|e| e.to_string())?;
        assert_eq!(ticked(&tab).await?, [0, 2], "{page}: ticks after a reload");
        assert_eq!(
            progress(&tab).await?,
            format!("2 of {total} done"),
            "{page} after a reload"
        );

        tab.open(&format!("{base}index.html")).await?;
        let card = phase_card_text(&tab, &phase).await?;
        assert!(
            card.contains(&format!("2 of {total} done")),
            "the home page's card for {phase}: {card:?}"
        );

        tab.open(&page).await?;
        tab.click_button("Reset this checklist").await?;
        tab.accept_alert()
            .await
            .map_err(|e| format!("no confirmation before the reset: {e}"))?;
        assert_eq!(
            progress(&tab).await?,
            format!("0 of {total} done"),
            "{page} after the reset"
        );
        tab.refresh().await.map_err(|e| e.to_string())?;
        assert_eq!(
            ticked(&tab).await?,
            Vec::<usize>::new(),
            "{page}: ticks after the reset and a reload"
        );
    }
    Ok(())
}

pub async fn states_count_done_and_leave_out_what_does_not_apply(s: &Shared) -> Checked {
    let root = &s.example.root;
    let (phase, list) = data::checklist_phases(root)
        .into_iter()
        .map(|p| (p.clone(), data::checklist(root, &p)))
        .find(|(_, c)| c.states.iter().any(|s| s.done) && c.states.iter().any(|s| s.skip))
        .ok_or("the example has no checklist with done and skip states")?;
    let done = list.states.iter().find(|s| s.done).unwrap();
    let skip = list.states.iter().find(|s| s.skip).unwrap();
    let total = list.items.len();
    let tab = s.tab(Js::On).await?;
    let page = format!("{}{phase}/checklist/index.html", s.root.base);
    tab.open(&page).await?;
    tab.clear_storage().await?;
    tab.refresh().await.map_err(|e| e.to_string())?;
    assert_eq!(
        progress(&tab).await?,
        format!("0 of {total} done"),
        "{page}"
    );

    let menus = tab
        .find_all(Locator::Css("main select"))
        .await
        .map_err(|e| e.to_string())?;
    assert_eq!(menus.len(), total, "{page}: one state menu per item");
    menus[0]
        .select_by_label(&done.label)
        .await
        .map_err(|e| e.to_string())?;
    menus[1]
        .select_by_label(&skip.label)
        .await
        .map_err(|e| e.to_string())?;
    let expected = format!("1 of {} done", total - 1);
    assert_eq!(
        progress(&tab).await?,
        expected,
        "{page}: {:?} counts, {:?} is left out",
        done.label,
        skip.label
    );

    tab.refresh().await.map_err(|e| e.to_string())?;
    assert_eq!(progress(&tab).await?, expected, "{page} after a reload");
    let chosen: Vec<String> = tab
        .eval("return [...document.querySelectorAll('main select')].map(s => s.selectedOptions[0].textContent.trim());", vec![])
        .await?;
    assert_eq!(
        chosen[..2],
        [done.label.clone(), skip.label.clone()],
        "{page}: states after a reload"
    );
    tab.clear_storage().await?;
    Ok(())
}

/// A reader ticks an item in English, follows the language switch, and finds it ticked in French:
/// ticks are kept by item id, under the same key in both languages. From a host and from disk.
pub async fn a_tick_in_english_is_ticked_in_french(s: &Shared) -> Checked {
    let root = &s.example.root;
    let phase = data::checklist_phases(root)
        .into_iter()
        .find(|p| {
            root.join(format!("content/{p}/checklist.fr.toml")).exists()
                && data::checklist(root, p).states.is_empty()
        })
        .ok_or("the example has no translated checklist with plain ticks")?;
    let tab = s.tab(Js::On).await?;
    for base in [s.root.base.clone(), s.file_base()] {
        let page = format!("{base}{phase}/checklist/index.html");
        open_empty(&tab, &page).await?;
        progress(&tab).await?;
        let ticks = tab
            .find_all(Locator::Css("main input[type=checkbox]"))
            .await
            .map_err(|e| e.to_string())?;
        ticks[1].click().await.map_err(|e| e.to_string())?;
        tab.find(Locator::Css(".language-switch a[hreflang=fr]"))
            .await
            .map_err(|e| format!("{page}: no switch to French: {e}"))?
            .click()
            .await
            .map_err(|e| e.to_string())?;
        tab.wait_until(
            "document.documentElement.lang === 'fr' && document.readyState === 'complete'",
        )
        .await?;
        let url = tab.current_url().await.map_err(|e| e.to_string())?;
        assert!(
            url.as_str()
                .ends_with(&format!("/fr/{phase}/checklist/index.html")),
            "{page}: the switch leads to {url}"
        );
        progress(&tab).await?;
        assert_eq!(ticked(&tab).await?, [1], "{url}: the tick made in English");
        tab.clear_storage().await?;
    }
    Ok(())
}

/// The checklist's progress line, once the page's script has written it.
async fn progress(tab: &Tab<'_>) -> Result<String, String> {
    let line = "document.querySelector('main [aria-live]')";
    tab.wait_until(&format!(
        "{line} && {line}.textContent.trim() !== '' && {line}.checkVisibility()"
    ))
    .await?;
    tab.eval(&format!("return {line}.textContent.trim();"), vec![])
        .await
}

/// Positions of the ticked items.
async fn ticked(tab: &Tab<'_>) -> Result<Vec<usize>, String> {
    let script = "return [...document.querySelectorAll('main input[type=checkbox]')].flatMap((t, i) => t.checked ? [i] : []);";
    tab.eval(script, vec![]).await
}

/// The visible text of the home page's card for a phase (the card linking to it).
async fn phase_card_text(tab: &Tab<'_>, phase: &str) -> Result<String, String> {
    let script = r"
        const link = [...document.querySelectorAll('main .card a')].find(a => a.getAttribute('href') === arguments[0]);
        return link ? link.closest('.card').innerText : '';
    ";
    tab.eval(script, vec![json!(format!("{phase}/index.html"))])
        .await
}
