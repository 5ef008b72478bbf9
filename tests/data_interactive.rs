//! Checklists, worksheets and self-assessments as an author meets them: TOML files under content/
//! become interactive blocks on phase pages, pages of their own, shortcodes and printable forms.

mod common;

use common::html::{check_pages, count, duplicate_ids, unlabelled_fields};
use common::{links, snapshot, TestSite};

fn built() -> (TestSite, common::Run) {
    let site = TestSite::fixture("interactive");
    let run = site.build();
    run.assert_ok();
    (site, run)
}

#[test]
fn the_summary_counts_checklists_and_worksheets() {
    let (_site, run) = built();
    run.assert_stderr("2 checklists, 3 worksheets");
}

#[test]
fn a_checklist_appears_on_its_phase_page_its_own_page_and_where_a_shortcode_asks() {
    let (_site, run) = built();
    // The start phase's text has no shortcode: its page shows the checklist after the page list.
    let start = run.output("start/index.html");
    assert_eq!(count(&start, "data-tr-checklist"), 1);
    assert!(start.contains(r#"<section class="checklist" id="cl-start""#));
    // The finish phase's text embeds it with a shortcode: it is not shown a second time.
    assert_eq!(
        count(&run.output("finish/index.html"), "data-tr-checklist"),
        1
    );
    // `{{ checklist() }}` on a phase's page means that phase; elsewhere it names one.
    assert!(run
        .output("start/goals/index.html")
        .contains(r#"id="cl-start""#));
    assert!(run.output("notes/index.html").contains(r#"id="cl-finish""#));
    let own = run.output("start/checklist/index.html");
    assert!(
        own.contains(r#"<h1 class="checklist-title" id="cl-start-h">Start checklist</h1>"#),
        "default title"
    );
    assert!(own.contains(r#"<h2 class="checklist-group">First meeting</h2>"#));
    assert!(own.contains(r#"<h2 class="checklist-group">Later</h2>"#));
    assert!(!own.contains("Open the checklist on its own page"));
    assert!(
        start.contains(r#"<a href="checklist/index.html">Open the checklist on its own page</a>"#)
    );
}

#[test]
fn checklist_items_are_labelled_linked_and_keyed_by_site_phase_and_id() {
    let (_site, run) = built();
    let page = run.output("start/checklist/index.html");
    assert!(page.contains(
        r#"data-key="trellis:interactive-kit:checklist:start" data-done="done" data-skip="""#
    ));
    assert!(page.contains(
        r#"<input class="item-tick" type="checkbox" id="cl-start-i-goals" data-tr-item="goals">"#
    ));
    assert!(page.contains(
        r#"<label class="item-text" for="cl-start-i-goals">Agree on <strong>goals</strong></label>"#
    ));
    assert!(
        page.contains(r#"data-tr-item="book-a-room""#),
        "id derived from the text"
    );
    assert!(
        page.contains(r#"<li class="checklist-item" data-item="goals" data-audience="students">"#)
    );
    assert!(page.contains(r#"<span class="badge">Students</span>"#));
    assert!(page.contains(r#"Related: <a href="../goals/index.html">Goals</a>"#));
    assert!(page.contains(r#"<details class="item-detail"><summary>More about this step<span class="visually-hidden">: Agree on goals</span></summary>"#));
    assert!(
        page.contains(r#"<a href="../goals/index.html#why-goals">goals</a>"#),
        "intro link, relative"
    );
    assert!(
        page.contains(r#"<div class="checklist-progress no-print" data-tr-progress hidden>"#),
        "no progress line without JS"
    );
}

#[test]
fn a_checklist_with_states_offers_a_choice_per_item() {
    let (_site, run) = built();
    let page = run.output("finish/checklist/index.html");
    assert!(page.contains(r#"data-done="done" data-skip="does-not-apply""#));
    assert!(page.contains(r#"<select class="item-state" id="cl-finish-i-say-thank-you" data-tr-item="say-thank-you"><option value="not-yet">Not yet</option><option value="done">Done</option><option value="does-not-apply">Does not apply</option></select>"#));
    assert!(
        page.contains(r#"<span class="state-box" data-value="not-yet">Not yet</span>"#),
        "boxes to tick on paper"
    );
}

#[test]
fn every_page_has_unique_ids_and_labelled_fields() {
    let (site, _) = built();
    let problems = check_pages(&site.public());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        links::check_site(&site.public()).is_empty(),
        "{:?}",
        links::check_site(&site.public())
    );
}

#[test]
fn the_same_worksheet_twice_on_one_page_keeps_its_ids_apart_but_shares_its_answers() {
    let (_site, run) = built();
    let page = run.output("start/goals/index.html");
    assert!(page.contains(r#"id="ws-agreement""#) && page.contains(r#"id="ws-agreement-2""#));
    assert_eq!(
        count(
            &page,
            r#"data-key="trellis:interactive-kit:worksheet:agreement""#
        ),
        2
    );
    assert!(
        duplicate_ids(&page).is_empty(),
        "{:?}",
        duplicate_ids(&page)
    );
    assert!(
        unlabelled_fields(&page).is_empty(),
        "{:?}",
        unlabelled_fields(&page)
    );
}

#[test]
fn every_prompt_kind_is_a_labelled_field_with_room_to_write_on_paper() {
    let (_site, run) = built();
    let p = run.output("worksheets/agreement/index.html");
    let id = "ws-agreement-f-";
    // lines: a textarea with as many ruled lines for paper
    assert!(p.contains(&format!(
        r#"<label class="prompt-label" for="{id}what-do-we-want">What do we want?</label>"#
    )));
    assert!(p.contains(&format!(
        r#"<textarea id="{id}what-do-we-want" name="{id}what-do-we-want" rows="4"></textarea>"#
    )));
    assert!(p.contains(&format!(
        r#"<div class="write-lines print-only" aria-hidden="true">{}</div>"#,
        r#"<div class="write-line"></div>"#.repeat(4)
    )));
    // text, date, signature
    assert!(p.contains(&format!(
        r#"<input type="text" id="{id}project-name" name="{id}project-name">"#
    )));
    assert!(p.contains(&format!(
        r#"<input type="date" id="{id}start-date" name="{id}start-date">"#
    )));
    assert!(p.contains(&format!(r#"<label class="prompt-label" for="{id}student-partner"><span class="signature-word">Signature:</span> Student partner</label>"#)));
    assert!(p.contains(&format!(
        r#"autocomplete="name" aria-describedby="{id}student-partner-hint""#
    )));
    // choice and checkbox: a fieldset with a legend, one name per group
    assert!(p.contains(r#"<fieldset class="prompt prompt-choice" data-tr-prompt="meeting-rhythm" data-kind="choice" data-label="Meeting rhythm">"#));
    assert!(p.contains(&format!(r#"<input type="radio" id="{id}meeting-rhythm-2" name="{id}meeting-rhythm" value="Monthly">"#)));
    assert!(p.contains(&format!(
        r#"<input type="checkbox" id="{id}channels-1" name="{id}channels" value="Email">"#
    )));
    // scale: points with the anchors read out at the ends, and Not applicable
    assert!(p.contains(&format!(r#"<input type="radio" id="{id}i-feel-heard-1" name="{id}i-feel-heard" value="1"><span class="scale-num">1</span><span class="visually-hidden"> (Not at all)</span>"#)));
    assert!(p.contains(&format!(r#"<input type="radio" id="{id}i-feel-heard-na" name="{id}i-feel-heard" value="na"><span class="scale-num">Not applicable</span>"#)));
    // table: column headers and a named input per cell, three rows by default
    assert!(
        p.contains(r#"<thead><tr><th scope="col">Task</th><th scope="col">Who</th></tr></thead>"#)
    );
    assert!(p.contains(&format!(
        r#"<input type="text" id="{id}tasks-r3c2" aria-label="Who, row 3">"#
    )));
    assert!(!p.contains(&format!(r#"id="{id}tasks-r4c1""#)));
    // the section, the facilitation box and the tools (shown by the script only)
    assert!(p.contains(
        r#"<fieldset class="ws-section" id="ws-agreement-s1" data-audience="students">"#
    ));
    assert!(p.contains(
        r#"<legend class="ws-section-legend"><h2 class="ws-section-title">About us</h2></legend>"#
    ));
    assert!(p.contains("<div><dt>Duration</dt><dd>30 minutes</dd></div>"));
    assert!(p.contains(r#"<div class="worksheet-tools no-print" data-tr-tools hidden>"#));
    assert!(p.contains(r#"<label class="button button-secondary file-button" for="ws-agreement-load">Open saved answers</label>"#));
}

/// The scoring rules a worksheet hands to trellis.js, decoded from its data-scoring attribute.
fn scoring_of(html: &str) -> serde_json::Value {
    let start = html.find("data-scoring=\"").expect("data-scoring") + "data-scoring=\"".len();
    let end = start + html[start..].find('"').unwrap();
    serde_json::from_str(&html[start..end].replace("&quot;", "\"")).unwrap()
}

#[test]
fn a_self_assessment_carries_its_scoring_rules_and_an_empty_score_table() {
    let (_site, run) = built();
    let page = run.output("worksheets/health/index.html");
    let scoring = scoring_of(&page);
    assert_eq!(scoring["method"], "average-by-factor");
    assert_eq!(
        scoring["bands"],
        serde_json::json!([{"min": 35, "label": "Good"}, {"min": 10, "label": "Needs care"}])
    );
    assert_eq!(
        scoring["items"][1],
        serde_json::json!({"id": "we-go-quiet", "factor": "Talk", "category": "People", "min": 1, "max": 5, "reverse": true})
    );
    assert!(page.contains(r#"<tr class="score-row score-category" data-score-kind="category" data-score-name="People">"#));
    assert!(page.contains(r#"<tr class="score-row score-factor nested" data-score-kind="factor" data-score-name="Talk">"#));
    assert!(page.contains(
        r#"<tr class="score-row score-factor" data-score-kind="factor" data-score-name="Time">"#
    ));
    assert!(page.contains("<div><dt>3.5 to 5.0</dt><dd>Good</dd></div><div><dt>1.0 to 3.4</dt><dd>Needs care</dd></div>"));
    assert!(
        page.contains("count as 6 minus the answer"),
        "the rule, for scoring by hand"
    );
    let pulse = run.output("worksheets/pulse/index.html");
    assert_eq!(scoring_of(&pulse)["method"], "sum");
    assert!(pulse.contains(
        "<div><dt>6 to 8</dt><dd>Fine</dd></div><div><dt>2 to 5</dt><dd>Talk</dd></div>"
    ));
    assert!(pulse.contains(r#"data-score-kind="total""#));
}

/// The rule in words under a self-assessment's scores, as the reader sees it.
fn score_rule(html: &str) -> &str {
    let start = html.find("<p class=\"score-rule\">").expect("a score rule");
    &html[start..start + html[start..].find("</p>").unwrap()]
}

/// The help under the scores tells the reader how to score by hand; it speaks of reversed
/// statements and "Not applicable" only on a worksheet that has them, so nobody hunts for a
/// reversed statement that is not there.
#[test]
fn the_scoring_rule_mentions_only_what_the_worksheet_uses() {
    let (site, run) = built();
    let health = run.output("worksheets/health/index.html");
    let rule = score_rule(&health);
    assert!(
        rule.contains("count as 6 minus the answer") && rule.contains("“Not applicable”"),
        "{rule}"
    );
    let pulse = run.output("worksheets/pulse/index.html");
    let rule = score_rule(&pulse);
    assert!(
        rule.contains("The score is the total of the answered statements"),
        "{rule}"
    );
    assert!(
        !rule.contains("reverse") && !rule.contains("Not applicable"),
        "{rule}"
    );
    // Reversed but never "Not applicable": only the first is explained.
    site.edit("content/worksheets/health.toml", "allow_na = true\n", "");
    site.build().assert_ok();
    let rule = site.output("worksheets/health/index.html");
    let rule = score_rule(&rule);
    assert!(
        rule.contains("scored in reverse") && !rule.contains("Not applicable"),
        "{rule}"
    );
    // Neither.
    site.edit("content/worksheets/health.toml", "reverse = true\n", "");
    site.build().assert_ok();
    let rule = site.output("worksheets/health/index.html");
    let rule = score_rule(&rule);
    assert!(
        !rule.contains("reverse") && !rule.contains("Not applicable"),
        "{rule}"
    );
}

/// A JSON value a page hands to its script in the attribute `name`.
fn attribute_json(html: &str, name: &str) -> serde_json::Value {
    let key = format!("{name}=\"");
    let start = html.find(&key).unwrap_or_else(|| panic!("no {name}")) + key.len();
    let end = start + html[start..].find('"').unwrap();
    serde_json::from_str(
        &html[start..end]
            .replace("&quot;", "\"")
            .replace("&#x27;", "'"),
    )
    .unwrap()
}

#[test]
fn every_worksheet_gets_a_compare_page_linked_from_its_own_page() {
    let (_site, run) = built();
    for id in ["agreement", "health", "pulse"] {
        let own = run.output(&format!("worksheets/{id}/index.html"));
        assert!(
            own.contains(r#"<p class="worksheet-compare no-print"><a href="compare/index.html">Compare partners’ answers</a></p>"#),
            "{id}: a link to the compare page"
        );
        let page = run.output(&format!("worksheets/{id}/compare/index.html"));
        assert!(page.contains(r#"<script src="../../../trellis-compare.js" defer></script>"#));
        assert!(
            page.contains(r#"<a href="../index.html">"#),
            "{id}: back to the worksheet"
        );
        assert!(
            page.contains("Nothing is uploaded"),
            "{id}: says nothing leaves the browser"
        );
        assert!(
            page.contains(r"data-tr-compare-tools hidden>"),
            "{id}: controls need the script"
        );
        assert!(
            duplicate_ids(&page).is_empty(),
            "{:?}",
            duplicate_ids(&page)
        );
        assert!(
            unlabelled_fields(&page).is_empty(),
            "{:?}",
            unlabelled_fields(&page)
        );
    }
    // The script gets the prompts and the scoring rules Trellis.score takes.
    let health = attribute_json(
        &run.output("worksheets/health/compare/index.html"),
        "data-config",
    );
    assert_eq!(health["id"], "health");
    assert_eq!(health["scoring"]["method"], "average-by-factor");
    let quiet = &health["sections"][0]["prompts"][1];
    assert_eq!(
        (
            &quiet["id"],
            &quiet["kind"],
            &quiet["reverse"],
            &quiet["min"],
            &quiet["max"]
        ),
        (
            &"we-go-quiet".into(),
            &"scale".into(),
            &true.into(),
            &1.into(),
            &5.into()
        )
    );
    let agreement = attribute_json(
        &run.output("worksheets/agreement/compare/index.html"),
        "data-config",
    );
    assert!(agreement["scoring"].is_null());
}

#[test]
fn every_worksheet_asks_for_an_optional_name_or_role() {
    let (_site, run) = built();
    let p = run.output("worksheets/agreement/index.html");
    assert!(p.contains(r#"<label class="prompt-label" for="ws-agreement-name">Your name or role (optional)</label>"#));
    assert!(p.contains(r"data-tr-name>"));
}

#[test]
fn worksheets_are_listed_on_phase_pages_on_pages_that_ask_and_on_the_worksheets_page() {
    let (_site, run) = built();
    let start = run.output("start/index.html");
    assert!(start.contains(r#"<h2 id="tr-worksheets">Worksheets for this phase</h2>"#));
    assert!(start.contains(
        r#"<a class="worksheet-link" href="../worksheets/agreement/index.html">Agreement</a>"#
    ));
    let goals = run.output("start/goals/index.html");
    let list = &goals[goals.find("Worksheets for this page").expect("page list")..];
    assert!(list.contains(r#"href="../../worksheets/agreement/index.html">Agreement</a>"#));
    assert!(list.contains(r#"href="../../worksheets/health/index.html">Health</a>"#));
    assert!(list.contains(r#"<span class="badge badge-strong">Self-assessment</span>"#));
    let index = run.output("worksheets/index.html");
    assert!(
        index.contains("<h1>All the worksheets</h1>")
            && index.contains(r#"<p class="lead">Fill them in here or on paper.</p>"#)
    );
    assert!(index.contains(r#"Pick one to <a href="../start/index.html">start</a>."#));
    let order: Vec<usize> = [
        ">Start</a></h2>",
        ">Agreement</a>",
        ">Finish</a></h2>",
        ">Pulse</a>",
        "<h2>Other worksheets</h2>",
        ">Health</a>",
    ]
    .iter()
    .map(|n| index.find(n).unwrap_or_else(|| panic!("{n} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(
        run.output("worksheets/agreement/index.html")
            .contains(r#"<li><a href="../index.html">All the worksheets</a></li>"#),
        "breadcrumb"
    );
}

#[test]
fn home_page_cards_carry_what_the_script_needs_to_show_progress() {
    let (_site, run) = built();
    let home = run.output("index.html");
    assert!(home.contains(r#"<p class="card-progress" data-tr-card-progress data-key="trellis:interactive-kit:checklist:start" data-items="goals book-a-room sign-the-agreement" data-done="done" data-skip="" data-template="{done} of {total} done" hidden></p>"#));
    assert!(home.contains(r#"<a href="worksheets/index.html">All the worksheets</a>"#));
}

#[test]
fn markdown_links_to_checklist_and_worksheet_files_become_their_pages() {
    let (_site, run) = built();
    let start = run.output("start/index.html");
    assert!(start.contains(r#"<a href="checklist/index.html">checklist</a>"#));
    assert!(start.contains(r#"<a href="../worksheets/agreement/index.html">agreement</a>"#));
}

#[test]
fn pages_load_the_script_deferred_and_print_on_the_configured_paper() {
    let (_site, run) = built();
    let page = run.output("worksheets/agreement/index.html");
    assert!(page.contains(r#"<script src="../../trellis.js" defer></script>"#));
    assert!(page.contains("<style>@page { size: a4; }</style>"));
}

#[test]
fn two_builds_are_byte_identical() {
    let (site, _) = built();
    let first = snapshot(&site.public());
    site.build().assert_ok();
    assert_eq!(first, snapshot(&site.public()));
}

#[test]
fn a_french_toolkit_gets_french_interface_strings_and_decimal_commas() {
    let site = TestSite::fixture("interactive");
    site.edit(
        "site.toml",
        "title = \"Interactive Kit\"",
        "title = \"Interactive Kit\"\nlanguage = \"fr\"",
    );
    let run = site.build();
    run.assert_ok();
    let page = run.output("start/checklist/index.html");
    assert!(
        page.contains("Liste de contrôle\u{a0}: Start"),
        "default title in French"
    );
    assert!(page.contains("Réinitialiser cette liste"));
    let health = run.output("worksheets/health/index.html");
    assert!(health.contains(r#"data-decimal=",""#) && health.contains("<dt>3,5 à 5,0</dt>"));
}

#[test]
fn checklist_mistakes_name_file_line_and_column() {
    let site = TestSite::fixture("interactive");
    site.edit(
        "content/start/checklist.toml",
        "group = \"Later\"",
        "grop = \"Later\"",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("unknown key `grop` in the checklist")
        .assert_stderr("content/start/checklist.toml:17:1")
        .assert_stderr("did you mean `group`?");

    let site = TestSite::fixture("interactive");
    site.edit(
        "content/start/checklist.toml",
        "text = \"Book a room\"",
        "text = \"Book a room\"\nid = \"goals\"",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("two checklist items have the id `goals`: this one and the one at content/start/checklist.toml:5:6")
        .assert_stderr("content/start/checklist.toml:13:6");

    // A section that is not a phase may have a checklist too ("Preparing for partnership").
    let site = TestSite::fixture("interactive");
    site.write(
        "content/notes/checklist.toml",
        "[[item]]\ntext = \"Read the notes\"\n",
    );
    site.edit(
        "content/notes/_index.md",
        "{{ checklist(phase=\"finish\") }}",
        "",
    );
    site.build().assert_ok();
    assert!(site
        .output("notes/checklist/index.html")
        .contains("Read the notes"));
    assert!(site.output("notes/index.html").contains("Read the notes"));
}

#[test]
fn a_broken_checklist_is_reported_once_not_at_every_page_that_embeds_it() {
    let site = TestSite::fixture("interactive");
    site.edit(
        "content/start/checklist.toml",
        "group = \"Later\"",
        "grop = \"Later\"",
    );
    let run = site.build();
    run.assert_toolkit_error().assert_stderr("1 error");
    run.assert_no_stderr("has no checklist");
}

#[test]
fn links_written_in_data_files_are_checked_where_they_are_written() {
    let site = TestSite::fixture("interactive");
    site.edit(
        "content/start/checklist.toml",
        "page = \"goals.md\"",
        "page = \"gaols.md\"",
    )
    .edit(
        "content/start/checklist.toml",
        "Write them down.",
        "See [the plan](plan.md).",
    )
    .edit(
        "content/start/checklist.toml",
        "goals.md#why-goals",
        "goals.md#why-gaols",
    )
    .edit(
        "content/worksheets/agreement.toml",
        "Fill this in together.",
        "Fill this in [together](#).",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("content/start/checklist.toml:8:8")
        .assert_stderr("the link `gaols.md` points to a file that does not exist")
        .assert_stderr("content/start/checklist.toml:9:15")
        .assert_stderr("the link `plan.md` points to a file that does not exist")
        .assert_stderr("no heading `#why-gaols`")
        .assert_stderr("content/start/checklist.toml:1:30")
        .assert_stderr("did you mean `why-goals`?")
        .assert_stderr("warning: this link is a placeholder")
        .assert_stderr("content/worksheets/agreement.toml:4:23");
}

#[test]
fn worksheet_mistakes_name_file_line_and_column() {
    let site = TestSite::fixture("interactive");
    site.edit(
        "content/worksheets/agreement.toml",
        "phase = \"start\"",
        "phase = \"strat\"",
    )
    .edit("content/worksheets/health.toml", "factor = \"Time\"\n", "")
    .edit("content/worksheets/pulse.toml", "min = 6", "min = 9");
    site.build()
        .assert_toolkit_error()
        .assert_stderr("content/worksheets/agreement.toml:2:9")
        .assert_stderr("unknown phase `strat`")
        .assert_stderr("did you mean `start`?")
        .assert_stderr("content/worksheets/health.toml:26:9")
        .assert_stderr("this scale prompt has no `factor`")
        .assert_stderr("content/worksheets/pulse.toml:8:7")
        .assert_stderr(
            "this band starts at 9.0, outside the scores this worksheet can give (2.0 to 8.0)",
        )
        .assert_stderr("3 errors");
}

#[test]
fn shortcode_and_front_matter_mistakes_point_at_the_page() {
    let site = TestSite::fixture("interactive");
    site.edit(
        "content/start/goals.md",
        "{{ checklist() }}",
        "{{ checklist(phase=\"nope\") }}",
    )
    .edit(
        "content/start/goals.md",
        "{{ worksheet(id=\"agreement\") }}\n\n{{ worksheet",
        "{{ worksheet(id=\"agreemnt\") }}\n\n{{ worksheet",
    )
    .edit(
        "content/start/goals.md",
        "worksheets = [\"agreement\", \"health\"]",
        "worksheets = [\"agreement\", \"helth\"]",
    )
    .edit(
        "content/notes/_index.md",
        "{{ checklist(phase=\"finish\") }}",
        "{{ checklist() }}",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("content/start/goals.md:3:28")
        .assert_stderr("there is no worksheet `helth`")
        .assert_stderr("did you mean `health`?")
        .assert_stderr("content/start/goals.md:9:1")
        .assert_stderr("there is no phase or section `nope`")
        .assert_stderr("content/start/goals.md:11:1")
        .assert_stderr("did you mean `agreement`?")
        .assert_stderr("content/notes/_index.md:6:1")
        .assert_stderr("the section `notes` has no checklist (content/notes/checklist.toml)");
}

#[test]
fn a_page_in_the_worksheets_folder_is_an_error_not_a_silent_overwrite() {
    let site = TestSite::fixture("interactive");
    site.write(
        "content/worksheets/agreement.md",
        "+++\ntitle = \"Clash\"\n+++\n",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("content/worksheets/ holds worksheets (.toml files), not pages")
        .assert_stderr("content/worksheets/agreement.md");
}

#[test]
fn a_broken_worksheet_is_reported_once_not_at_every_page_that_uses_it() {
    let site = TestSite::fixture("interactive");
    site.edit(
        "content/worksheets/agreement.toml",
        "title = \"Agreement\"",
        "titel = \"Agreement\"",
    );
    let run = site.build();
    run.assert_toolkit_error()
        .assert_stderr("unknown key `titel`")
        .assert_stderr("1 error");
    run.assert_no_stderr("there is no worksheet");
}

#[test]
fn the_example_toolkit_has_a_checklist_per_phase_and_its_worksheets() {
    let site = TestSite::example();
    let run = site.build();
    run.assert_ok().assert_stderr("3 checklists, 6 worksheets");
    for phase in ["getting-started", "throughout", "wrapping-up"] {
        assert_eq!(
            count(
                &run.output(&format!("{phase}/index.html")),
                "data-tr-checklist"
            ),
            1,
            "{phase}"
        );
    }
    let health = run.output("worksheets/partnership-health/index.html");
    assert!(scoring_of(&health)["items"].as_array().unwrap().len() >= 8);
    let problems = check_pages(&site.public());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
