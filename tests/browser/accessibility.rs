//! axe-core on every page of the example, at a phone's and a laptop's viewport.

use crate::driver::Js;
use crate::suite::{Checked, Shared, Tab};

const WCAG_21_AA: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const VIEWPORTS: [(u32, u32); 2] = [(375, 800), (1280, 900)];

/// Each page is loaded once and checked at both sizes (resizing re-applies media queries).
/// The pages are shared out between the sessions the suite allows, which run side by side.
pub async fn every_page_passes_axe_on_a_phone_and_a_laptop(s: &Shared) -> Checked {
    let axe = s.axe_url()?;
    let tabs = s.tabs(Js::On, 2).await?;
    let pages = s.pages();
    let shares = tabs.iter().enumerate().map(|(i, tab)| {
        let mine = pages.iter().skip(i).step_by(tabs.len());
        check_pages(s, tab, &axe, mine)
    });
    let reports = futures_util::future::try_join_all(shares).await?;
    let report: Vec<String> = reports.into_iter().flatten().collect();
    assert!(
        report.is_empty(),
        "axe-core (WCAG 2.1 A and AA) finds violations:\n{}",
        report.join("\n")
    );
    Ok(())
}

async fn check_pages(
    s: &Shared,
    tab: &Tab<'_>,
    axe: &str,
    pages: impl Iterator<Item = &String>,
) -> Result<Vec<String>, String> {
    let mut report = Vec::new();
    for page in pages {
        tab.viewport(VIEWPORTS[0].0, VIEWPORTS[0].1).await?;
        tab.open(&format!("{}{page}", s.root.base)).await?;
        for (width, height) in VIEWPORTS {
            tab.viewport(width, height).await?;
            for violation in tab.axe(axe, WCAG_21_AA).await? {
                report.push(format!("{page} at {width}x{height}: {violation}"));
            }
        }
    }
    Ok(report)
}
