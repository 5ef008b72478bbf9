//! The HTML of every kind of fragment an author can put in a toolkit, pinned in tests/snapshots/.
//!
//! The story: an author writes the small toolkit in tests/fixtures/fragments (two phases, a
//! checklist with ticks and one with states, a worksheet with one prompt of every kind, two
//! self-assessments scored by factor and by sum, a model, resources) and builds it. Each test
//! cuts one fragment out of a built page, by an id or class the theme already puts on it, and
//! compares it byte for byte with its snapshot: a lost attribute, a changed id or a moved label
//! fails the test. Nothing is normalised: these fragments hold no build date or version string.
//!
//! The toolkit is built once (and once more with `layout = "cycle"` for the cycle diagram); every
//! test reads the pages kept in memory from that build.

mod common;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use common::TestSite;

/// Every HTML page of a build, by its path under public/.
type Pages = BTreeMap<String, String>;

/// Builds the fragments toolkit (after `change` edits it) and keeps its pages in memory, so the
/// temporary folder is gone when this returns.
fn build(change: impl FnOnce(&TestSite)) -> Pages {
    let site = TestSite::fixture("fragments");
    change(&site);
    let run = site.run(&["build", "--strict"]);
    run.assert_ok();
    let out = site.public();
    walkdir::WalkDir::new(&out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(&out).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// The pages of the toolkit as written.
fn pages() -> &'static Pages {
    static PAGES: OnceLock<Pages> = OnceLock::new();
    PAGES.get_or_init(|| build(|_| {}))
}

/// The pages of the same toolkit with its phases drawn as a cycle.
fn cycle_pages() -> &'static Pages {
    static PAGES: OnceLock<Pages> = OnceLock::new();
    PAGES.get_or_init(|| {
        build(|site| {
            site.edit("site.toml", "layout = \"sequence\"", "layout = \"cycle\"");
        })
    })
}

/// The built page at `rel` (under public/).
fn page<'a>(pages: &'a Pages, rel: &str) -> &'a str {
    pages
        .get(rel)
        .unwrap_or_else(|| panic!("no page {rel} in {:?}", pages.keys()))
}

/// The fragment of page `rel` whose opening tag holds `needle`.
fn fragment<'a>(pages: &'a Pages, rel: &str, needle: &str) -> &'a str {
    element(page(pages, rel), needle).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

// ---- cutting one element out of a page ---------------------------------------------------

/// Elements that have no closing tag.
const VOID: &[&str] = &[
    "area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr",
];

/// The whole element (opening tag to matching closing tag) whose opening tag holds `needle`,
/// which must occur exactly once in `html`. Counts nested elements of the same name, so a
/// `<section>` holding a `<section>` is cut at its own end; a self-closed tag (`<rect/>`) and a
/// void element (`<input>`) open nothing. Comments and scripts are not understood: fragments of
/// the theme hold neither.
fn element<'a>(html: &'a str, needle: &str) -> Result<&'a str, String> {
    let at = html
        .find(needle)
        .ok_or_else(|| format!("{needle:?} is not on the page"))?;
    if html[at + needle.len()..].contains(needle) {
        return Err(format!("{needle:?} is on the page more than once"));
    }
    let start = html[..=at]
        .rfind('<')
        .filter(|&s| !html[s..at].contains('>'))
        .ok_or_else(|| format!("{needle:?} is not inside an opening tag"))?;
    let name: String = html[start + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if name.is_empty() {
        return Err(format!("{needle:?} is not inside an opening tag"));
    }
    let tag_end = |from: usize| html[from..].find('>').map(|i| from + i + 1);
    let first = tag_end(start).ok_or("the opening tag never ends")?;
    if VOID.contains(&name.as_str()) || html[..first].ends_with("/>") {
        return Ok(&html[start..first]);
    }
    let ends_name = |rest: &str| {
        rest.strip_prefix(name.as_str())
            .is_some_and(|r| r.starts_with(|c: char| c == '>' || c == '/' || c.is_whitespace()))
    };
    let mut depth = 0usize;
    let mut i = start;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        let end = tag_end(lt).ok_or("a tag never ends")?;
        let rest = &html[lt + 1..];
        if let Some(closing) = rest.strip_prefix('/') {
            if ends_name(closing) {
                depth -= 1;
                if depth == 0 {
                    return Ok(&html[start..end]);
                }
            }
        } else if ends_name(rest) && !html[..end].ends_with("/>") {
            depth += 1;
        }
        i = end;
    }
    Err(format!("<{name}> holding {needle:?} is never closed"))
}

#[test]
fn element_cuts_at_the_matching_close_of_nested_same_name_tags() {
    let html = "<p>x</p><section id=\"a\"><section>in</section><sectionx></sectionx></section><p>";
    assert_eq!(
        element(html, "id=\"a\""),
        Ok("<section id=\"a\"><section>in</section><sectionx></sectionx></section>")
    );
}

#[test]
fn element_finds_the_tag_around_a_needle_anywhere_in_it() {
    let html = "<div>\n<g class=\"x\" data-k=\"v\"><g/><rect/></g>\n</div>";
    assert_eq!(
        element(html, "data-k=\"v\""),
        Ok("<g class=\"x\" data-k=\"v\"><g/><rect/></g>")
    );
    assert_eq!(element(html, "<rect"), Ok("<rect/>"));
}

#[test]
fn element_of_a_void_tag_is_the_tag() {
    let html = "<label for=\"n\">Name</label><input id=\"n\" type=\"text\"><p>after</p>";
    assert_eq!(
        element(html, "id=\"n\""),
        Ok("<input id=\"n\" type=\"text\">")
    );
}

#[test]
fn element_refuses_a_missing_a_repeated_or_an_unclosed_needle() {
    assert!(element("<p class=\"a\">x</p>", "class=\"b\"").is_err());
    assert!(element("<p class=\"a\">x</p><p class=\"a\">", "class=\"a\"").is_err());
    assert!(element("<div class=\"a\"><div></div>", "class=\"a\"").is_err());
    assert!(element("<p>text class=\"a\"</p>", "class=\"a\"").is_err());
}

// ---- checklists --------------------------------------------------------------------------

#[test]
fn a_phase_checklist_on_its_own_page() {
    let html = fragment(pages(), "start/checklist/index.html", "class=\"checklist\"");
    insta::assert_snapshot!("checklist_own_page", html);
}

#[test]
fn a_phase_checklist_placed_by_the_checklist_shortcode() {
    let html = fragment(pages(), "start/index.html", "class=\"checklist\"");
    insta::assert_snapshot!("checklist_shortcode", html);
}

#[test]
fn a_checklist_with_states_instead_of_ticks() {
    let html = fragment(
        pages(),
        "review/checklist/index.html",
        "class=\"checklist\"",
    );
    insta::assert_snapshot!("checklist_states_own_page", html);
    let html = fragment(pages(), "review/index.html", "class=\"checklist\"");
    insta::assert_snapshot!("checklist_states_phase_page", html);
}

// ---- worksheets --------------------------------------------------------------------------

#[test]
fn a_worksheet_on_its_own_page() {
    let html = fragment(
        pages(),
        "worksheets/agreement/index.html",
        "class=\"worksheet\"",
    );
    insta::assert_snapshot!("worksheet_own_page", html);
}

#[test]
fn each_kind_of_prompt() {
    let page = "worksheets/agreement/index.html";
    for kind in [
        "lines",
        "text",
        "date",
        "choice",
        "checkbox",
        "table",
        "signature",
    ] {
        let html = fragment(pages(), page, &format!("data-kind=\"{kind}\""));
        insta::assert_snapshot!(format!("prompt_{kind}"), html);
    }
    let html = fragment(pages(), page, "data-tr-name-field");
    insta::assert_snapshot!("prompt_name_or_role", html);
}

#[test]
fn each_kind_of_scale_statement() {
    let page = "worksheets/health/index.html";
    for (id, name) in [
        ("informed", "prompt_scale_with_anchors"),
        ("late", "prompt_scale_reversed"),
        ("recognised", "prompt_scale_not_applicable"),
    ] {
        let html = fragment(pages(), page, &format!("data-tr-prompt=\"{id}\""));
        insta::assert_snapshot!(name, html);
    }
    let page = "worksheets/pulse/index.html";
    let html = fragment(pages(), page, "data-tr-prompt=\"useful\"");
    insta::assert_snapshot!("prompt_scale_without_anchors", html);
}

#[test]
fn a_self_assessments_scores_by_factor_and_by_sum() {
    let html = fragment(
        pages(),
        "worksheets/health/index.html",
        "class=\"ws-scores\"",
    );
    insta::assert_snapshot!("scores_average_by_factor", html);
    let html = fragment(
        pages(),
        "worksheets/pulse/index.html",
        "class=\"ws-scores\"",
    );
    insta::assert_snapshot!("scores_sum", html);
}

#[test]
fn a_self_assessment_placed_by_the_worksheet_shortcode() {
    let html = fragment(pages(), "start/goals/index.html", "class=\"worksheet\"");
    insta::assert_snapshot!("worksheet_shortcode", html);
}

#[test]
fn the_worksheets_listed_for_a_phase_and_for_a_page() {
    let html = fragment(pages(), "start/index.html", "class=\"worksheet-list\"");
    insta::assert_snapshot!("worksheet_list_phase", html);
    let html = fragment(
        pages(),
        "start/goals/index.html",
        "class=\"worksheet-list\"",
    );
    insta::assert_snapshot!("worksheet_list_page", html);
}

#[test]
fn the_compare_page_of_a_worksheet_and_of_a_self_assessment() {
    let html = fragment(
        pages(),
        "worksheets/agreement/compare/index.html",
        "class=\"compare\"",
    );
    insta::assert_snapshot!("compare_worksheet", html);
    let html = fragment(
        pages(),
        "worksheets/health/compare/index.html",
        "class=\"compare\"",
    );
    insta::assert_snapshot!("compare_self_assessment", html);
}

// ---- diagrams ----------------------------------------------------------------------------

#[test]
fn a_model_placed_by_the_model_shortcode() {
    let html = fragment(pages(), "start/goals/index.html", "class=\"model\"");
    insta::assert_snapshot!("model_diagram", html);
}

#[test]
fn the_phase_diagram_on_the_home_page_and_by_the_phases_shortcode() {
    let html = fragment(pages(), "index.html", "class=\"phase-diagram ");
    insta::assert_snapshot!("phase_diagram_home", html);
    let html = fragment(pages(), "start/goals/index.html", "class=\"phase-diagram ");
    insta::assert_snapshot!("phase_diagram_shortcode", html);
}

#[test]
fn the_phase_diagram_drawn_as_a_cycle() {
    let html = fragment(cycle_pages(), "index.html", "class=\"phase-diagram ");
    insta::assert_snapshot!("phase_diagram_cycle", html);
}

#[test]
fn the_phase_cards_of_the_home_page() {
    let html = fragment(pages(), "index.html", "class=\"phase-cards\"");
    insta::assert_snapshot!("phase_cards", html);
}

#[test]
fn the_audience_filter_of_a_phase_page() {
    let html = fragment(pages(), "start/index.html", "data-tr-filter=");
    insta::assert_snapshot!("audience_filter", html);
}

// ---- print pages -------------------------------------------------------------------------

#[test]
fn a_phase_printed_as_a_workshop_packet_starts_with_its_cover_and_contents() {
    let html = fragment(pages(), "print/start/index.html", "class=\"print-cover\"");
    insta::assert_snapshot!("print_packet_cover", html);
    let html = fragment(pages(), "print/start/index.html", "class=\"print-toc\"");
    insta::assert_snapshot!("print_packet_contents", html);
}

#[test]
fn the_whole_toolkit_printed_starts_with_its_cover_and_contents() {
    let html = fragment(pages(), "print/index.html", "class=\"print-cover\"");
    insta::assert_snapshot!("print_toolkit_cover", html);
    let html = fragment(pages(), "print/index.html", "class=\"print-toc\"");
    insta::assert_snapshot!("print_toolkit_contents", html);
}

#[test]
fn a_phase_printed_as_a_workshop_packet_holds_its_pages_checklist_and_worksheets() {
    let html = fragment(pages(), "print/review/index.html", "id=\"review\"");
    insta::assert_snapshot!("print_packet_chapter", html);
}

// ---- resources ---------------------------------------------------------------------------

#[test]
fn a_resource_with_every_setting_one_with_only_a_title_and_one_linking_a_page() {
    let page = "resources/index.html";
    let html = fragment(pages(), page, "id=\"resource-meeting-agenda-template\"");
    insta::assert_snapshot!("resource_entry_full", html);
    let html = fragment(
        pages(),
        page,
        "id=\"resource-a-guide-we-have-not-found-online-yet\"",
    );
    insta::assert_snapshot!("resource_entry_title_only", html);
    let html = fragment(
        pages(),
        page,
        "id=\"resource-questions-for-a-first-meeting\"",
    );
    insta::assert_snapshot!("resource_entry_page_link", html);
    let html = fragment(pages(), page, "data-tr-filter=");
    insta::assert_snapshot!("resource_phase_filter", html);
}

#[test]
fn the_resources_of_a_phase_placed_by_the_resources_shortcode() {
    let html = fragment(pages(), "start/goals/index.html", "resource-list-embedded");
    insta::assert_snapshot!("resources_shortcode", html);
}

// ---- quotes and lists ----------------------------------------------------------------------

#[test]
fn a_pull_quote_placed_by_the_quote_shortcode() {
    let html = fragment(pages(), "start/goals/index.html", "class=\"pull-quote\"");
    insta::assert_snapshot!("pull_quote", html);
}

#[test]
fn the_worksheets_page_lists_every_worksheet_by_phase() {
    let html = fragment(pages(), "worksheets/index.html", "id=\"tr-main\"");
    insta::assert_snapshot!("worksheets_page", html);
}

#[test]
fn an_audience_page_lists_everything_tagged_for_it() {
    let html = fragment(pages(), "audiences/faculty/index.html", "id=\"tr-main\"");
    insta::assert_snapshot!("audience_page", html);
}
