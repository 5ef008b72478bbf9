//! The example toolkit in a real browser (headless Chromium driven over WebDriver): what a reader
//! on a phone, a screen reader, a laptop, a USB stick or paper gets.
//!
//! One chromedriver and one browser session serve every check; each check borrows the session,
//! so checks never share page state by accident. Set-up happens on the first check that runs, so
//! `cargo test <filter>` that selects none of them starts no browser. Without chromedriver the
//! checks are skipped with a message, except on CI (`CI` set), where they fail with a hint.
//!
//! To add a check (search and live reload will):
//! 1. write `async fn my_check(s: &Shared) -> Checked` below (or in a module of tests/browser/);
//!    borrow the browser with `let tab = s.tab(Js::On).await?;`, open `s.root.base` + a path (or
//!    `s.subdir.base`, `s.file_base()`), and use `tab.eval`, `tab.wait_until`, `tab.open`, or
//!    fantoccini's API through the tab (`tab.find(Locator::Css(..))`, `.click()`, `.send_keys()`);
//! 2. list it in `checks()` with the tools it needs besides the browser.
//! A check that needs its own toolkit builds one with `TestSite` and opens it from `file://`.

mod common;
#[path = "browser/driver.rs"]
mod driver;
#[path = "browser/navigation.rs"]
mod navigation;
#[path = "browser/server.rs"]
mod server;
#[path = "browser/suite.rs"]
mod suite;
#[path = "browser/tools.rs"]
mod tools;

use std::sync::Arc;

use libtest_mimic::{Arguments, Failed, Trial};

use driver::Js;
use suite::{CheckFn, Checked, Shared, Suite};
use tools::Tool;

/// Every check, with the tools it needs besides the browser.
fn checks() -> Vec<(&'static str, CheckFn, &'static [Tool])> {
    macro_rules! check {
        ($name:path, $($tool:ident),*) => {
            (stringify!($name), (|s| Box::pin($name(s))) as CheckFn, &[Tool::Browser, $(Tool::$tool),*])
        };
    }
    vec![
        check!(
            accessibility::every_page_passes_axe_on_a_phone_and_a_laptop,
            Axe
        ),
        check!(navigation::every_page_is_reachable_by_clicking_from_home,),
        check!(navigation::no_link_leads_to_a_missing_file_under_a_subpath,),
        check!(navigation::no_link_leads_to_a_missing_file_from_disk,),
    ]
}

fn main() {
    let args = Arguments::from_args();
    let suite = Arc::new(Suite::new());
    let trials = checks()
        .into_iter()
        .map(|(name, check, tools)| trial(name, check, tools, &suite))
        .collect();
    let conclusion = libtest_mimic::run(&args, trials);
    suite.close_sessions();
    // The trials are gone, so this is the last reference: dropping it kills chromedriver and its
    // browsers and removes the temporary folders before the process exits.
    drop(suite);
    conclusion.exit();
}

/// A test of the harness: run `check` unless a tool it needs is missing on a developer's machine.
fn trial(name: &str, check: CheckFn, tools: &[Tool], suite: &Arc<Suite>) -> Trial {
    let missing: Vec<String> = tools.iter().filter_map(|t| tools::missing(*t)).collect();
    let skip = !missing.is_empty() && !tools::on_ci();
    if skip {
        eprintln!(
            "skipping browser check {name}: {}",
            tools::install_hint(&missing.join(", "))
        );
    }
    let suite = suite.clone();
    Trial::test(name, move || suite.run(check).map_err(Failed::from)).with_ignored_flag(skip)
}

mod accessibility {
    //! axe-core on every page, at a phone's and a laptop's viewport.
    use super::*;

    const WCAG_21_AA: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    const VIEWPORTS: [(u32, u32); 2] = [(375, 800), (1280, 900)];

    /// Each page is loaded once and checked at both sizes (resizing re-applies media queries).
    pub async fn every_page_passes_axe_on_a_phone_and_a_laptop(s: &Shared) -> Checked {
        let axe = s.axe_url()?;
        let tab = s.tab(Js::On).await?;
        let mut report = Vec::new();
        for page in s.pages() {
            tab.viewport(VIEWPORTS[0].0, VIEWPORTS[0].1).await?;
            tab.open(&format!("{}{page}", s.root.base)).await?;
            for (width, height) in VIEWPORTS {
                tab.viewport(width, height).await?;
                for violation in tab.axe(&axe, WCAG_21_AA).await? {
                    report.push(format!("{page} at {width}x{height}: {violation}"));
                }
            }
        }
        assert!(
            report.is_empty(),
            "axe-core (WCAG 2.1 A and AA) finds violations:\n{}",
            report.join("\n")
        );
        Ok(())
    }
}
