//! Resources, models, the phase diagram, audience pages and print pages, as an author meets them:
//! a toolkit with resources.toml and models.toml, `trellis build`, and what the pages hold.

mod common;

use std::collections::HashMap;

use common::{links, snapshot, TestSite};
use regex_lite::Regex;

fn ids(html: &str) -> Vec<String> {
    Regex::new(r#"\sid="([^"]*)""#)
        .unwrap()
        .captures_iter(html)
        .map(|c| c[1].to_string())
        .collect()
}

fn hrefs(html: &str) -> Vec<String> {
    Regex::new(r#"\shref="([^"]*)""#)
        .unwrap()
        .captures_iter(html)
        .map(|c| c[1].to_string())
        .collect()
}

/// Ids that appear more than once on a page.
fn duplicate_ids(html: &str) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for id in ids(html) {
        *seen.entry(id).or_default() += 1;
    }
    let mut dups: Vec<String> = seen
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(id, _)| id)
        .collect();
    dups.sort();
    dups
}

fn every_html_file(site: &TestSite) -> Vec<(String, String)> {
    walkdir::WalkDir::new(site.public())
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(site.public())
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn the_resources_page_groups_by_kind_with_a_phase_filter_and_relative_links() {
    let site = TestSite::fixture("cycle");
    let run = site.build();
    run.assert_ok();
    // The fixture's only warnings are its two phases without pages and about.md outside the menu.
    let expected =
        run.stderr.matches("has no pages").count() + run.stderr.matches("no menu entry").count();
    assert_eq!(
        run.stderr.matches("warning:").count(),
        expected,
        "{}",
        run.stderr
    );
    let page = run.output("resources/index.html");
    assert!(page.contains("<h1>Reading list</h1>"));
    assert!(
        page.contains(r#"see <a href="../connect/hello/index.html">hello</a>"#),
        "intro link rebased: {page}"
    );
    let kinds: Vec<usize> = [">Guide</h2>", ">Tip sheet</h2>", ">Report</h2>"]
        .iter()
        .map(|k| page.find(k).unwrap_or_else(|| panic!("{k}")))
        .collect();
    assert!(
        kinds.windows(2).all(|w| w[0] < w[1]),
        "kinds in the order they first appear"
    );
    assert!(page
        .contains(r#"<a href="../connect/hello/index.html#first-words">Our own hello page</a>"#));
    assert!(page.contains(r#"<a href="../files/guide.txt">Printable guide</a>"#));
    assert!(page.contains(r#"<a href="https://example.org/rapport" hreflang="fr">Un rapport</a>"#));
    assert!(page.contains("Test Network, 2024 · Licence: CC BY 4.0"));
    assert!(page.contains("Réseau, 2020 · French"));
    assert!(page.contains("<em>short</em>"), "descriptions are Markdown");
    assert!(
        page.contains(r#"data-tr-filter="phase""#) && page.contains("hidden>"),
        "the filter waits for JavaScript"
    );
    assert!(page.contains(r#"data-phase="connect""#) && page.contains(r#"data-phase="plan""#));
    assert!(page.contains(r#"<script src="../trellis-filters.js" defer></script>"#));
    assert!(site.public().join("trellis-filters.js").is_file());
}

#[test]
fn the_resources_shortcode_lists_one_phase_and_links_to_the_resources_page_work() {
    let site = TestSite::fixture("cycle");
    let run = site.build();
    run.assert_ok();
    let phase = run.output("connect/index.html");
    assert!(
        phase.contains(r#"<a href="hello/index.html#first-words">Our own hello page</a>"#),
        "{phase}"
    );
    assert!(phase.contains("Un rapport"));
    assert!(
        !phase.contains("Printable guide"),
        "a resource of another phase"
    );
    let hello = run.output("connect/hello/index.html");
    assert!(
        hello.contains(r#"<a href="../../resources/index.html">all resources</a>"#),
        "@/resources.toml links to the page"
    );
}

#[test]
fn resources_toml_mistakes_name_file_line_and_column() {
    let site = TestSite::fixture("cycle");
    site.edit(
        "content/resources.toml",
        "kind = \"Guide\"",
        "knd = \"Guide\"",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("content/resources.toml:7:1")
        .assert_stderr("unknown key `knd`")
        .assert_stderr("did you mean `kind`?")
        .assert_stderr("1 error")
        .assert_no_stderr("no content/resources.toml");

    let site = TestSite::fixture("cycle");
    site.edit(
        "content/resources.toml",
        "phase = \"plan\"",
        "phase = \"plna\"",
    )
    .edit(
        "content/resources.toml",
        "audience = [\"faculty\"]",
        "audience = [\"staff\"]",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("content/resources.toml:19:9")
        .assert_stderr("unknown phase `plna`")
        .assert_stderr("did you mean `plan`?")
        .assert_stderr("content/resources.toml:30:13")
        .assert_stderr("unknown audience `staff`");

    let site = TestSite::fixture("cycle");
    site.edit(
        "content/resources.toml",
        "https://example.org/rapport",
        "https:/example.org/rapport",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("content/resources.toml:24:7")
        .assert_stderr("is not a complete web address");

    let site = TestSite::fixture("cycle");
    site.edit(
        "content/resources.toml",
        "connect/hello.md#first-words",
        "connect/helo.md",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("content/resources.toml:6:7")
        .assert_stderr("does not exist")
        .assert_stderr("did you mean content/connect/hello.md?");

    let site = TestSite::fixture("cycle");
    site.edit("content/resources.toml", "#first-words", "#last-words");
    site.build()
        .assert_toolkit_error()
        .assert_stderr("content/resources.toml:6:7")
        .assert_stderr("no heading `#last-words`")
        .assert_stderr("did you mean `first-words`?");

    let site = TestSite::fixture("cycle");
    site.edit("content/resources.toml", "year = 2024", "year = \"2024\"");
    site.build()
        .assert_toolkit_error()
        .assert_stderr("content/resources.toml:11:8")
        .assert_stderr("expected a whole number");
}

#[test]
fn a_placeholder_resource_url_is_a_warning_and_shows_no_link() {
    let site = TestSite::fixture("cycle");
    site.edit("content/resources.toml", "https://example.org/rapport", "#");
    let run = site.build();
    run.assert_ok()
        .assert_stderr("warning: this resource's url is a placeholder")
        .assert_stderr("content/resources.toml:24:7");
    let page = run.output("resources/index.html");
    assert!(
        page.contains("<p class=\"resource-title\">Un rapport</p>"),
        "no link for a placeholder"
    );
    site.run(&["build", "--strict"]).assert_toolkit_error();
}

#[test]
fn a_model_is_drawn_as_an_accessible_svg_with_a_text_equivalent() {
    let site = TestSite::fixture("cycle");
    let run = site.build();
    run.assert_ok();
    let page = run.output("plan/goals/index.html");
    assert!(page.contains(r#"<figure class="model" id="model-ladder">"#));
    assert!(page.contains(r#"role="img" aria-labelledby=""#));
    assert!(page.contains(">A ladder of involvement</title>"));
    assert!(page
        .contains("3 levels, in order: 1. Informed; 2. Consulted; 3. Deciding together.</desc>"));
    let list = &page[page.find("<ol class=\"model-levels\">").unwrap()..];
    assert!(
        list.find("<strong>Informed</strong>").unwrap()
            < list.find("<strong>Deciding together</strong>").unwrap()
    );
    assert!(list.contains("Partners hear about decisions."));
}

#[test]
fn shortcode_mistakes_point_at_the_shortcode() {
    let site = TestSite::fixture("cycle");
    site.edit(
        "content/plan/goals.md",
        "model(id=\"ladder\")",
        "model(id=\"ladeer\")",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("content/plan/goals.md:9:1")
        .assert_stderr("there is no model `ladeer`")
        .assert_stderr("did you mean `ladder`?");

    let site = TestSite::fixture("cycle");
    site.edit("content/plan/goals.md", "model(id=\"ladder\")", "model()");
    site.build()
        .assert_toolkit_error()
        .assert_stderr("content/plan/goals.md:9:1")
        .assert_stderr("the `model` shortcode needs id=");

    let site = TestSite::fixture("cycle");
    site.edit(
        "content/connect/_index.md",
        "resources(phase=\"connect\")",
        "resources(phse=\"connect\")",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("has no argument `phse`")
        .assert_stderr("did you mean `phase`?");

    let site = TestSite::fixture("cycle");
    site.edit(
        "content/connect/_index.md",
        "resources(phase=\"connect\")",
        "resources(phase=\"conect\")",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("content/connect/_index.md:7:1")
        .assert_stderr("unknown phase `conect`");

    let site = TestSite::fixture("cycle");
    site.edit(
        "content/models.toml",
        "[[model.level]]\ntitle = \"Consulted\"\n",
        "",
    )
    .edit(
        "content/models.toml",
        "[[model.level]]\ntitle = \"Deciding together\"\n",
        "",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("content/models.toml:3:9")
        .assert_stderr("needs at least two levels");
}

#[test]
fn the_cycle_layout_draws_a_ring_with_a_link_to_every_phase() {
    let site = TestSite::fixture("cycle");
    let run = site.build();
    run.assert_ok();
    let home = run.output("index.html");
    assert_eq!(
        home.matches("<div class=\"phase-diagram").count(),
        1,
        "the home's own {{ phases() }} replaces the automatic diagram"
    );
    assert!(home.contains("phase-diagram-cycle"));
    assert!(home.contains("class=\"pd-ring\""));
    assert!(home.contains("The phases form a cycle that begins again after the last one: 1. Connect; 2. Plan; 3. Act; 4. Renew."));
    for (n, phase) in ["connect", "plan", "act", "renew"].iter().enumerate() {
        assert!(
            home.contains(&format!(
                "<a class=\"pd-node\" href=\"{phase}/index.html\">"
            )) && home.contains(&format!("dominant-baseline=\"central\">{} </text>", n + 1)),
            "{phase}"
        );
    }
    let basic = TestSite::fixture("basic");
    let run = basic.build();
    run.assert_ok();
    let home = run.output("index.html");
    assert!(
        home.contains("phase-diagram-sequence"),
        "the default layout is a sequence, drawn on the home page"
    );
    assert!(home.contains(
        "role=\"group\" aria-labelledby=\"tr-home-phases-wide-title tr-home-phases-wide-desc\""
    ));
}

#[test]
fn audience_pages_list_what_is_tagged_and_say_when_nothing_is() {
    let site = TestSite::fixture("cycle");
    let run = site.build();
    run.assert_ok();
    let students = run.output("audiences/students/index.html");
    assert!(students.contains("<h1>For Students</h1>"));
    assert!(students.contains(r#"<a href="../../connect/hello/index.html">Saying hello</a>"#));
    assert!(students.contains(r#"<a href="../../connect/map/index.html">A map of partners</a>"#));
    assert!(students.contains("Our own hello page") && !students.contains("Un rapport"));
    assert!(!students.contains(">Goals</a>"), "a faculty page");
    let faculty = run.output("audiences/faculty/index.html");
    assert!(faculty.contains(">Goals</a>") && faculty.contains("Un rapport"));
    let community = run.output("audiences/community/index.html");
    assert!(community.contains("Nothing in this toolkit is tagged for Community partners yet."));
    let index = run.output("audiences/index.html");
    assert!(index.contains(r#"<a href="students/index.html">Everything for Students</a>"#));
    assert!(
        run.output("about/index.html")
            .contains(r#"<a href="../audiences/faculty/index.html">Faculty</a>"#),
        "footer links"
    );
}

#[test]
fn phase_pages_offer_an_audience_filter_that_needs_javascript() {
    let site = TestSite::fixture("cycle");
    let run = site.build();
    run.assert_ok();
    let phase = run.output("connect/index.html");
    let filter = &phase[phase.find("data-tr-filter=\"audience\"").expect("a filter")..];
    assert!(
        filter[..filter.find('>').unwrap()].ends_with("hidden"),
        "hidden until the script shows it"
    );
    assert!(filter.contains("<legend>Show what is for</legend>"));
    assert!(filter.contains(r#"value="community"> Community partners</label>"#));
    assert!(phase.contains(r#"<li data-audience="students faculty"><a href="map/index.html">"#));
    assert!(phase.contains(
        r#"<a href="../print/connect/index.html">Print this phase as a workshop packet</a>"#
    ));
    let more = run.output("more/index.html");
    assert!(
        !more.contains("data-tr-filter=\"audience\""),
        "only phases have the filter"
    );
}

#[test]
fn the_print_page_holds_the_whole_toolkit_in_order_with_unique_ids() {
    let site = TestSite::fixture("cycle");
    let run = site.build();
    run.assert_ok();
    let print = run.output("print/index.html");
    assert!(print.contains("@page { size: A4;"));
    assert!(print
        .contains("@bottom-left { content: \"Cycle Toolkit · Licence: CC BY 4.0 · Version 1.2\""));
    assert!(
        print.contains("<p class=\"cover-org\">Test Network</p>")
            && print.contains("<h1>Cycle Toolkit</h1>")
    );
    let order: Vec<usize> = [
        "id=\"_toc\"",
        "id=\"_home\"",
        "id=\"connect\"",
        "id=\"connect_hello\"",
        "id=\"connect_map\"",
        "id=\"plan\"",
        "id=\"plan_goals\"",
        "id=\"act\"",
        "id=\"renew\"",
        "id=\"more\"",
        "id=\"more_extra\"",
        "id=\"_pages\"",
        "id=\"about\"",
    ]
    .iter()
    .map(|s| print.find(s).unwrap_or_else(|| panic!("{s} missing")))
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "toc, intro, phases in order, other sections, root pages: {order:?}"
    );
    assert_eq!(
        print.matches("<section class=\"print-chapter\"").count(),
        7,
        "intro, 4 phases, more, other pages"
    );
    assert!(
        print.contains("<h4 id=\"plan_goals__why\">"),
        "page headings move under the part's h3"
    );
    assert!(
        print.contains(r#"src="../connect/map/map.svg""#),
        "page-folder images still load"
    );
    assert_eq!(duplicate_ids(&print), Vec::<String>::new());
}

#[test]
fn links_inside_print_pages_point_inside_the_page() {
    let site = TestSite::fixture("cycle");
    let run = site.build();
    run.assert_ok();
    let print = run.output("print/index.html");
    let known = ids(&print);
    let body = &print[print.find("id=\"_cover\"").unwrap()..];
    for href in hrefs(body) {
        if let Some(anchor) = href.strip_prefix('#') {
            assert!(
                known.contains(&anchor.to_string()),
                "#{anchor} has no target"
            );
        }
    }
    assert!(
        print.contains(r##"<a href="#plan_goals__why">the goals</a>"##),
        "a link to a page of the toolkit"
    );
    assert!(
        print.contains(r##"<a href="#connect_hello__first-words">first words</a>"##),
        "a link within the page"
    );
    let chapters = &print[print.find("id=\"_home\"").unwrap()..print.find("</main>").unwrap()];
    let included = [
        "../index.html",
        "connect/index.html",
        "connect/hello/index.html",
        "connect/map/index.html",
        "plan/index.html",
        "plan/goals/index.html",
        "act/index.html",
        "renew/index.html",
        "more/index.html",
        "more/extra/index.html",
        "about/index.html",
    ];
    for href in hrefs(chapters) {
        let page = href.split('#').next().unwrap();
        assert!(
            !included
                .iter()
                .any(|p| page == format!("../{p}") || page == *p),
            "{href} leaves the print page for a page it holds"
        );
    }
    assert!(
        chapters.contains(r#"<a href="../resources/index.html">all resources</a>"#),
        "pages the print page does not hold keep their address"
    );

    let packet = run.output("print/connect/index.html");
    assert_eq!(duplicate_ids(&packet), Vec::<String>::new());
    assert!(
        packet.contains("Connect</h1>")
            && packet.contains("id=\"connect_hello\"")
            && !packet.contains("id=\"plan_goals\"")
    );
    assert!(
        packet.contains(r#"<a href="../../plan/goals/index.html#why">the goals</a>"#),
        "a page outside the packet keeps its own address"
    );
    assert!(packet.contains(r##"<a href="#connect_hello__first-words">first words</a>"##));
    assert!(
        packet.contains("<h2 id=\"_h_connect_hello\">Saying hello</h2>")
            && packet.contains("<h3 id=\"connect_hello__first-words\">")
    );
    for phase in ["plan", "act", "renew"] {
        assert!(site
            .public()
            .join(format!("print/{phase}/index.html"))
            .is_file());
    }
    assert!(
        !site.public().join("print/more").exists(),
        "packets are for phases only"
    );
}

#[test]
fn no_page_of_the_site_repeats_an_id_and_every_link_resolves() {
    for site in [TestSite::fixture("cycle"), TestSite::example()] {
        site.build().assert_ok();
        for (file, html) in every_html_file(&site) {
            assert_eq!(duplicate_ids(&html), Vec::<String>::new(), "in {file}");
        }
        let problems = links::check_site(&site.public());
        assert!(
            problems.is_empty(),
            "broken links:\n{}",
            problems.join("\n")
        );
    }
}

#[test]
fn the_example_toolkit_uses_every_data_page_feature() {
    let site = TestSite::example();
    let run = site.build();
    run.assert_ok().assert_no_stderr("warning");
    let resources = run.output("resources/index.html");
    assert!(resources.matches("<li class=\"resource\"").count() >= 8);
    assert!(resources.contains(r#"<a href="../files/meeting-agenda-template.pdf">"#));
    assert!(resources.contains(
        r#"<a href="../getting-started/defining-roles/index.html#what-each-partner-brings">"#
    ));
    assert!(run
        .output("throughout/sharing-power-and-decisions/index.html")
        .contains("<figure class=\"model\" id=\"model-continuum\">"));
    assert!(run
        .output("about/index.html")
        .contains("phase-diagram-sequence"));
    assert!(run
        .output("index.html")
        .contains(r#"<a href="print/index.html">Print the whole toolkit</a>"#));
    for phase in ["getting-started", "throughout", "wrapping-up"] {
        assert!(run
            .output(&format!("print/{phase}/index.html"))
            .contains("@page { size: letter;"));
    }
}

#[test]
fn data_pages_are_byte_identical_across_builds() {
    let site = TestSite::fixture("cycle");
    site.build().assert_ok();
    let first = snapshot(&site.public());
    site.build().assert_ok();
    assert_eq!(first, snapshot(&site.public()));
}

const CHECKLIST: &str = "[[item]]\ntext = \"Say hello to **everyone**\"\naudience = [\"students\"]\n\n[[item]]\ntext = \"Share contact details\"\n";
const WORKSHEET: &str = "title = \"Hopes and worries\"\nphase = \"plan\"\n\n[[section]]\ntitle = \"For students\"\naudience = [\"students\"]\n\n[[section.prompt]]\nlabel = \"What do you hope for?\"\n\n[[section]]\ntitle = \"For everyone\"\n\n[[section.prompt]]\nlabel = \"What worries you?\"\n";

#[test]
fn audience_pages_list_checklist_items_and_worksheet_sections() {
    let site = TestSite::fixture("cycle");
    site.write("content/connect/checklist.toml", CHECKLIST)
        .write("content/worksheets/hopes.toml", WORKSHEET);
    let run = site.build();
    run.assert_ok();
    let students = run.output("audiences/students/index.html");
    assert!(
        students.contains(
            r#"<h3><a href="../../connect/checklist/index.html">Connect checklist</a></h3>"#
        ),
        "{students}"
    );
    let (tagged, everyone) = for_them_and_for_everyone(&students);
    assert!(
        tagged.contains("<li>Say hello to everyone</li>")
            && !tagged.contains("Share contact details")
    );
    assert!(tagged.contains(
        r#"<a href="../../worksheets/hopes/index.html">Hopes and worries</a><p>For students</p>"#
    ));
    // The untagged item and the untagged section are for every reader: listed apart, below.
    assert!(
        everyone.contains("<li>Share contact details</li>"),
        "{everyone}"
    );
    assert!(everyone.contains(
        r#"<a href="../../worksheets/hopes/index.html">Hopes and worries</a><p>For everyone</p>"#
    ));
    let faculty = run.output("audiences/faculty/index.html");
    let (tagged, everyone) = for_them_and_for_everyone(&faculty);
    assert!(!tagged.contains("Hopes and worries") && everyone.contains("Hopes and worries"));
}

/// An audience page's two parts: what is tagged for the audience, and what is for everyone.
fn for_them_and_for_everyone(html: &str) -> (&str, &str) {
    let split = html
        .find("<h2 id=\"tr-audience-everyone\">For everyone</h2>")
        .unwrap_or_else(|| panic!("no \"For everyone\" part:\n{html}"));
    html.split_at(split)
}

/// A student reading "Everything for Students" also finds what was written for every reader (the
/// pages, items, worksheets and resources tagged for no one), marked as such: not mixed in with
/// what was written for students, and present even when nothing is tagged for them at all.
#[test]
fn audience_pages_also_list_what_is_for_everyone() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/start/checklist.toml",
        "[[item]]\ntext = \"Meet the faculty lead\"\naudience = [\"students\"]\n\n[[item]]\ntext = \"Agree on a meeting time\"\n",
    )
    .write(
        "content/worksheets/goals.toml",
        "title = \"Our goals\"\nphase = \"start\"\n\n[[section]]\ntitle = \"Goals\"\n\n[[section.prompt]]\nlabel = \"What do we want to achieve?\"\n",
    )
    .write(
        "content/worksheets/grading.toml",
        "title = \"Grading plan\"\nphase = \"start\"\naudience = [\"faculty\"]\n\n[[section]]\ntitle = \"Plan\"\n\n[[section.prompt]]\nlabel = \"How will the work be graded?\"\n",
    )
    .write(
        "content/resources.toml",
        "[[resource]]\ntitle = \"A guide for all\"\nurl = \"https://example.org/all\"\n\n[[resource]]\ntitle = \"A guide for faculty\"\nurl = \"https://example.org/faculty\"\naudience = [\"faculty\"]\n",
    );
    let run = site.build();
    run.assert_ok().assert_no_stderr("warning");
    let students = run.output("audiences/students/index.html");
    let (tagged, everyone) = for_them_and_for_everyone(&students);
    assert!(
        tagged.contains(">First steps</a>") && !everyone.contains(">First steps</a>"),
        "{students}"
    );
    assert!(tagged.contains("<li>Meet the faculty lead</li>"));
    assert!(
        everyone.contains("Tagged for no audience, so meant for every reader, Students included.")
    );
    assert!(
        everyone.contains(">Second steps</a>"),
        "an untagged page: {everyone}"
    );
    assert!(everyone.contains("<li>Agree on a meeting time</li>"));
    assert!(everyone.contains(r#"<a href="../../worksheets/goals/index.html">Our goals</a>"#));
    assert!(everyone.contains("A guide for all"));
    for faculty_only in ["Grading plan", "A guide for faculty"] {
        assert!(!students.contains(faculty_only), "{faculty_only}");
    }
    // Nothing at all is tagged for faculty in the fixture as it is: the page says so, then lists
    // what is for everyone.
    let bare = TestSite::fixture("basic");
    bare.build().assert_ok();
    let faculty = bare.output("audiences/faculty/index.html");
    let (tagged, everyone) = for_them_and_for_everyone(&faculty);
    assert!(tagged.contains("Nothing in this toolkit is tagged for Faculty yet."));
    assert!(everyone.contains(">Second steps</a>") && !everyone.contains(">First steps</a>"));
}

#[test]
fn print_pages_hold_each_checklist_and_worksheet_once() {
    let site = TestSite::fixture("cycle");
    site.write("content/connect/checklist.toml", CHECKLIST)
        .write("content/worksheets/hopes.toml", WORKSHEET);
    let run = site.build();
    run.assert_ok();
    let print = run.output("print/index.html");
    assert_eq!(print.matches("id=\"connect_checklist\"").count(), 1);
    assert_eq!(print.matches("id=\"worksheets_hopes\"").count(), 1);
    assert!(
        print.find("id=\"connect_checklist\"").unwrap() < print.find("id=\"plan\"").unwrap(),
        "the checklist closes its phase"
    );
    assert!(
        print.find("id=\"worksheets_hopes\"").unwrap() > print.find("id=\"plan_goals\"").unwrap(),
        "a phase's worksheets follow its pages"
    );
    assert_eq!(duplicate_ids(&print), Vec::<String>::new());
    assert!(run
        .output("print/connect/index.html")
        .contains("id=\"connect_checklist\""));
    assert!(run
        .output("print/plan/index.html")
        .contains("id=\"worksheets_hopes\""));
    assert!(!run
        .output("print/connect/index.html")
        .contains("Hopes and worries"));

    // A worksheet a page already shows is not printed a second time.
    site.edit(
        "content/plan/goals.md",
        "{{ model(id=\"ladder\") }}",
        "{{ model(id=\"ladder\") }}\n\n{{ worksheet(id=\"hopes\") }}",
    );
    let run = site.build();
    run.assert_ok();
    for page in ["print/index.html", "print/plan/index.html"] {
        let html = run.output(page);
        assert!(!html.contains("id=\"worksheets_hopes\""), "{page}");
        assert_eq!(
            html.matches(">What worries you?</label>").count(),
            1,
            "{page}"
        );
        assert_eq!(duplicate_ids(&html), Vec::<String>::new(), "{page}");
    }
}

/// The table of contents of a print page, as its links: (href, text).
fn contents(html: &str) -> Vec<(String, String)> {
    let start = html
        .find("<nav class=\"print-toc\"")
        .expect("a table of contents");
    let toc = &html[start..start + html[start..].find("</nav>").unwrap()];
    let link = regex_lite::Regex::new(r#"<a href="([^"]*)">([^<]*)</a>"#).unwrap();
    link.captures_iter(toc)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect()
}

/// A facilitator reads a packet's contents to find the worksheet to hand out: a worksheet or
/// checklist that a page (or the phase's introduction) shows through a shortcode is listed
/// too, after that page (first, for the introduction), and its link lands on the embedded copy.
#[test]
fn print_contents_list_the_checklists_and_worksheets_pages_embed() {
    let site = TestSite::fixture("cycle");
    site.write("content/connect/checklist.toml", CHECKLIST)
        .write("content/worksheets/hopes.toml", WORKSHEET)
        .edit(
            "content/connect/_index.md",
            "## Reading",
            "{{ checklist() }}\n\n## Reading",
        )
        .edit(
            "content/plan/goals.md",
            "{{ model(id=\"ladder\") }}",
            "{{ model(id=\"ladder\") }}\n\n{{ worksheet(id=\"hopes\") }}",
        );
    let run = site.build();
    run.assert_ok();
    let hopes = (
        "#plan_goals__ws-hopes".to_string(),
        "Hopes and worries".to_string(),
    );
    let checklist = (
        "#connect__cl-connect".to_string(),
        "Connect checklist".to_string(),
    );
    let plan = run.output("print/plan/index.html");
    let toc = contents(&plan);
    let goals = toc
        .iter()
        .position(|(h, _)| h == "#plan_goals")
        .expect("the goals page");
    assert_eq!(toc.get(goals + 1), Some(&hopes), "{toc:?}");
    assert!(
        plan.contains("id=\"plan_goals__ws-hopes\""),
        "the link lands"
    );
    let connect = run.output("print/connect/index.html");
    let toc = contents(&connect);
    assert_eq!(toc.first(), Some(&checklist), "{toc:?}");
    assert!(
        connect.contains("id=\"connect__cl-connect\""),
        "the link lands"
    );
    let whole = contents(&run.output("print/index.html"));
    for entry in [&hopes, &checklist] {
        assert_eq!(
            whole.iter().filter(|e| e == &entry).count(),
            1,
            "{entry:?} in {whole:?}"
        );
    }
}

#[test]
fn a_printed_checklist_keeps_its_own_heading_only() {
    let site = TestSite::fixture("cycle");
    site.write("content/connect/checklist.toml", CHECKLIST);
    let run = site.build();
    run.assert_ok();
    let packet = run.output("print/connect/index.html");
    assert_eq!(
        packet.matches(">Connect checklist</h").count(),
        1,
        "one heading for the checklist"
    );
    assert!(packet.contains("<h2 class=\"checklist-title\" id=\"connect_checklist__cl-connect-h\">Connect checklist</h2>"));
    let print = run.output("print/index.html");
    assert!(print.contains("<h3 class=\"checklist-title\" id=\"connect_checklist__cl-connect-h\">Connect checklist</h3>"), "under the phase's h2");
}
