//! The example toolkit in a real browser (headless Chromium driven over WebDriver): what a reader
//! on a phone, a screen reader, a laptop, a USB stick or paper gets.
//!
//! One chromedriver and a pool of at most two browser sessions (per JavaScript setting) serve
//! every check; a check borrows a whole session while it runs, and clears what it saves in it.
//! Set-up happens on the first check that runs, so `cargo test <filter>` that selects none of
//! them starts no browser. Without chromedriver the checks are skipped with a message, except on
//! CI (`CI` set), where they fail with a hint. Everything started is stopped before exit.
//!
//! To add a check (as search and live reload did):
//! 1. write `async fn my_check(s: &Shared) -> Checked` below (or in a module of tests/browser/);
//!    borrow the browser with `let tab = s.tab(Js::On).await?;`, open `s.root.base` + a path (or
//!    `s.subdir.base`, `s.file_base()`), and use `tab.eval`, `tab.wait_until`, `tab.open`, or
//!    fantoccini's API through the tab (`tab.find(Locator::Css(..))`, `.click()`, `.send_keys()`);
//! 2. list it in `checks()` with the tools it needs besides the browser.
//!
//! A check that needs its own toolkit builds one with `TestSite` and opens it from `file://`
//! (as `print::a_toolkit_set_to_a4_prints_on_a4` does); one that needs `trellis serve` starts it
//! on port 0 and opens the address it prints (as `live_reload` does).

#[path = "browser/accessibility.rs"]
mod accessibility;
#[path = "browser/checklists.rs"]
mod checklists;
mod common;
#[path = "browser/compare.rs"]
mod compare;
#[path = "browser/data.rs"]
mod data;
#[path = "browser/driver.rs"]
mod driver;
#[path = "browser/layout.rs"]
mod layout;
#[path = "browser/live_reload.rs"]
mod live_reload;
#[path = "browser/navigation.rs"]
mod navigation;
#[path = "browser/print.rs"]
mod print;
#[path = "browser/search.rs"]
mod search;
#[path = "browser/server.rs"]
mod server;
#[path = "browser/suite.rs"]
mod suite;
#[path = "browser/tab.rs"]
mod tab;
#[path = "browser/tools.rs"]
mod tools;
#[path = "browser/without_js.rs"]
mod without_js;
#[path = "browser/worksheets.rs"]
mod worksheets;

use std::sync::Arc;

use libtest_mimic::{Arguments, Failed, Trial};

use suite::{CheckFn, Suite};
use tools::Tool;

/// Every check, with the tools it needs besides the browser.
fn checks() -> Vec<(&'static str, CheckFn, &'static [Tool])> {
    macro_rules! check {
        ($name:path $(, $tool:ident)*) => {
            (stringify!($name), (|s| Box::pin($name(s))) as CheckFn, &[Tool::Browser, $(Tool::$tool),*])
        };
    }
    vec![
        check!(
            accessibility::every_page_passes_axe_on_a_phone_and_a_laptop,
            Axe
        ),
        check!(layout::every_page_fits_every_screen_with_one_left_edge),
        check!(layout::a_toolkit_with_six_phases_and_long_titles_fits_every_screen),
        check!(layout::a_sections_pages_come_before_its_checklist_on_a_phone),
        check!(navigation::every_page_is_reachable_by_clicking_from_home_at_a_hosts_root),
        check!(navigation::every_page_is_reachable_by_clicking_from_home_under_a_subpath),
        check!(navigation::every_page_is_reachable_by_clicking_from_home_from_disk),
        check!(without_js::every_page_shows_its_content_without_javascript),
        check!(
            print::every_page_prints_on_letter_without_screen_only_parts,
            Poppler
        ),
        check!(print::a_toolkit_set_to_a4_prints_on_a4, Poppler),
        check!(
            print::blank_worksheets_and_packets_print_in_their_page_budget_with_no_near_empty_page,
            Poppler
        ),
        check!(
            print::worksheets_and_checklists_print_every_prompt_with_write_in_lines,
            Poppler
        ),
        check!(
            print::a_blank_self_assessment_prints_a_grid_to_score_by_hand,
            Poppler
        ),
        check!(
            print::print_contents_list_every_checklist_and_worksheet,
            Poppler
        ),
        check!(checklists::ticks_persist_and_show_as_progress_until_reset),
        check!(checklists::states_count_done_and_leave_out_what_does_not_apply),
        check!(checklists::a_tick_in_english_is_ticked_in_french),
        check!(worksheets::answers_in_every_prompt_kind_persist_after_a_reload),
        check!(worksheets::answers_download_as_json_clear_and_load_back),
        check!(worksheets::self_assessments_score_by_their_rule),
        check!(worksheets::a_french_self_assessment_shows_decimal_commas),
        check!(
            compare::two_partners_answers_compare_on_the_compare_page,
            Axe
        ),
        check!(
            compare::answers_in_words_show_side_by_side_and_tables_merge,
            Axe
        ),
        check!(live_reload::an_edit_shows_in_the_open_page_without_reloading_by_hand),
        check!(search::a_word_from_one_page_body_finds_it_first_at_a_hosts_root),
        check!(search::a_word_from_one_page_body_finds_it_first_under_a_subpath),
        check!(search::a_word_from_one_page_body_finds_it_first_from_disk),
        check!(search::checklist_items_and_worksheet_prompts_are_found_where_they_are),
        check!(search::arrow_keys_choose_a_result_and_escape_closes_the_list),
        check!(search::the_search_page_reads_its_query_from_the_address),
        check!(search::a_french_toolkit_folds_accents_and_stems_in_french),
        check!(search::an_english_inflection_finds_its_stem),
        check!(search::results_fit_a_phone_and_a_laptop_and_pass_axe, Axe),
        check!(search::without_javascript_the_header_links_to_the_search_page),
    ]
}

fn main() {
    let args = Arguments::from_args();
    let suite = Arc::new(Suite::new());
    let mut skipped = std::collections::BTreeSet::new();
    let trials = checks()
        .into_iter()
        .map(|(name, check, tools)| {
            let missing: Vec<String> = tools.iter().filter_map(|t| tools::missing(*t)).collect();
            // On a developer's machine a missing tool skips the check; on CI it fails it.
            let skip = !missing.is_empty() && !tools::on_ci();
            if skip {
                skipped.insert(missing.join(", "));
            }
            let suite = suite.clone();
            Trial::test(name, move || suite.run(check).map_err(Failed::from))
                .with_ignored_flag(skip)
        })
        .collect();
    for why in skipped {
        eprintln!("skipping browser checks: {}", tools::install_hint(&why));
    }
    let conclusion = libtest_mimic::run(&args, trials);
    suite.close_sessions();
    // The trials are gone, so this is the last reference: dropping it kills chromedriver and its
    // browsers and removes the temporary folders before the process exits.
    drop(suite);
    conclusion.exit();
}
