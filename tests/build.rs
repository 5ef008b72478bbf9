//! The foundation, as an author meets it: `trellis build` turns a toolkit into a static site.

mod common;

use common::{links, snapshot, TestSite};

#[test]
fn the_example_toolkit_builds_into_public() {
    let site = TestSite::example();
    let run = site.build();
    run.assert_ok()
        .assert_stderr("built ")
        .assert_stderr(" pages, ")
        .assert_stderr("-> public/");
    for file in [
        "index.html",
        "404.html",
        "trellis.css",
        "getting-started/index.html",
        "getting-started/defining-roles/index.html",
        "getting-started/communication/index.html",
        "throughout/regular-check-ins/index.html",
        "throughout/regular-check-ins/check-in-rhythm.svg",
        "stories/index.html",
        "about/index.html",
        "images/logo.svg",
        ".trellis-output",
    ] {
        assert!(site.public().join(file).is_file(), "missing {file}");
    }
    assert!(
        !site
            .public()
            .join("throughout/co-authoring-publications")
            .exists(),
        "the draft was built"
    );
}

#[test]
fn every_link_of_the_example_is_relative_and_resolves() {
    let site = TestSite::example();
    site.build().assert_ok();
    let problems = links::check_site(&site.public());
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_page_shows_its_navigation_toc_and_anchors() {
    let site = TestSite::fixture("basic");
    let run = site.build();
    run.assert_ok();
    let page = run.output("start/first/index.html");
    assert!(page.contains("<h1>First steps</h1>"));
    assert!(page.contains(
        r##"<h2 id="agree-on-goals">Agree on goals <a class="anchor" href="#agree-on-goals">"##
    ));
    assert!(
        page.contains(r##"<a href="#agree-on-goals">Agree on goals</a>"##),
        "toc entry"
    );
    assert!(
        page.contains(r#"href="../second/index.html#a-heading""#),
        "rewritten link"
    );
    assert!(page.contains(r#"href="../../more/index.html""#), "@/ link");
    assert!(
        page.contains(r#"<a href="../first/index.html" aria-current="page">First steps</a>"#),
        "sidebar marks the page"
    );
    assert!(
        page.contains(r#"rel="next""#) && page.contains("Second steps"),
        "next link"
    );
    assert!(
        page.contains(r#"<span class="badge">Students</span>"#),
        "audience badge"
    );
    assert!(
        page.contains("<figcaption>A partner</figcaption>"),
        "quote shortcode"
    );
    assert!(page.contains(r#"href="../../trellis.css""#));
}

#[test]
fn pages_sort_by_weight_then_title_and_sections_follow_phases() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/start/aardvark.md",
        "+++\ntitle = \"Aardvark\"\n+++\n",
    )
    .write(
        "content/start/early.md",
        "+++\ntitle = \"Zebra\"\nweight = 5\n+++\n",
    );
    let run = site.build();
    run.assert_ok();
    let phase = run.output("start/index.html");
    let order: Vec<usize> = ["Zebra", "First steps", "Second steps", "Aardvark"]
        .iter()
        .map(|t| {
            phase
                .find(&format!(">{t}</a>"))
                .unwrap_or_else(|| panic!("{t} missing"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "order {order:?}");
    let home = run.output("index.html");
    assert!(home.find("Getting going").unwrap() < home.find(">More</a>").unwrap());
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/start/wip.md",
        "+++\ntitle = \"Work in progress\"\ndraft = true\n+++\nSoon.\n",
    );
    site.build().assert_ok();
    assert!(!site.public().join("start/wip/index.html").exists());
    site.run(&["build", "--drafts"]).assert_ok();
    assert!(site.public().join("start/wip/index.html").exists());
}

#[test]
fn a_link_to_a_draft_is_a_warning_and_plain_text() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/start/wip.md",
        "+++\ntitle = \"WIP\"\ndraft = true\n+++\n",
    )
    .edit(
        "content/start/second.md",
        "Back to",
        "See [the plan](wip.md). Back to",
    );
    let run = site.build();
    run.assert_ok()
        .assert_stderr("warning: `wip.md` is a draft")
        .assert_stderr("content/start/second.md:7:5");
    assert!(run
        .output("start/second/index.html")
        .contains("See the plan."));
}

#[test]
fn slug_overrides_and_page_folders() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/start/long-name.md",
        "+++\ntitle = \"Long\"\nslug = \"short\"\n+++\n",
    )
    .write(
        "content/more/visual/index.md",
        "+++\ntitle = \"Visual\"\n+++\n![A small diagram](diagram.svg)\n",
    )
    .write(
        "content/more/visual/diagram.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .write("content/more/visual/data/table.csv", "a,b\n");
    let run = site.build();
    run.assert_ok();
    assert!(site.public().join("start/short/index.html").is_file());
    assert!(site.public().join("more/visual/diagram.svg").is_file());
    assert!(site.public().join("more/visual/data/table.csv").is_file());
    assert!(run
        .output("more/visual/index.html")
        .contains(r#"src="diagram.svg""#));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    // A mistake found while reading (front matter), and one found after the pages were
    // rendered and written into the staging folder (a link to a page that does not exist).
    for mistake in [
        "+++\ntitle = \n+++\n",
        "+++\ntitle = \"Second\"\n+++\n\nSee [the plan](missing.md).\n",
    ] {
        let site = TestSite::fixture("basic");
        site.build().assert_ok();
        let before = snapshot(&site.public());
        site.write("content/start/second.md", mistake);
        site.build().assert_toolkit_error();
        assert_eq!(
            before,
            snapshot(&site.public()),
            "the output changed after a failed build ({mistake:?})"
        );
        let leftovers: Vec<_> = std::fs::read_dir(&site.root)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().contains("trellis-"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "temporary folders left after {mistake:?}: {leftovers:?}"
        );
    }
}

#[test]
fn a_rebuild_replaces_the_output_and_drops_stale_files() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    site.remove("content/more/extra.md");
    site.build().assert_ok();
    assert!(!site.public().join("more/extra").exists());
}

#[test]
fn unsafe_output_folders_from_the_command_line_are_usage_errors() {
    let site = TestSite::fixture("basic");
    let home = site.root.join("fake-home");
    std::fs::create_dir_all(&home).unwrap();
    for bad in [
        ".",
        "content",
        "static",
        "themes",
        "content/start",
        "/",
        "..",
    ] {
        site.run(&["build", "--output", bad])
            .assert_code(2)
            .assert_stderr("refusing");
    }
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(["build", "--output", home.to_str().unwrap()])
        .current_dir(&site.root)
        .env("HOME", &home)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        site.read("content/start/first.md").contains("First steps"),
        "content survived"
    );
}

#[test]
fn a_folder_not_written_by_trellis_is_not_replaced() {
    let site = TestSite::fixture("basic");
    site.write("mine/notes.txt", "keep me");
    site.run(&["build", "--output", "mine"])
        .assert_code(2)
        .assert_stderr("was not written by Trellis");
    assert_eq!(site.read("mine/notes.txt"), "keep me");
    site.run(&["build", "--output", "elsewhere/site"])
        .assert_ok();
    assert!(site.root.join("elsewhere/site/index.html").is_file());
}

#[test]
fn an_unsafe_output_dir_in_site_toml_names_its_line() {
    let site = TestSite::fixture("basic");
    site.edit(
        "site.toml",
        "description",
        "output_dir = \"content\"\ndescription",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("site.toml:2:14")
        .assert_stderr("refusing");
}

#[test]
fn front_matter_mistakes_name_file_line_and_column() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/start/second.md",
        "+++\ntitle = \"Second\"\nwieght = 3\n+++\n",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("unknown key `wieght`")
        .assert_stderr("content/start/second.md:3:1")
        .assert_stderr("did you mean `weight`?");

    site.write("content/start/second.md", "+++\nweight = 3\n+++\n");
    site.build()
        .assert_toolkit_error()
        .assert_stderr("missing the required key `title`")
        .assert_stderr("content/start/second.md");

    site.write(
        "content/start/second.md",
        "+++\ntitle = \"A\"\nweight = \"ten\"\n+++\n",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("expected a whole number")
        .assert_stderr("second.md:3:10");

    site.write("content/start/second.md", "No front matter here.\n");
    site.build()
        .assert_toolkit_error()
        .assert_stderr("has no front matter")
        .assert_stderr("second.md:1:1");
}

#[test]
fn config_mistakes_name_site_toml_line_and_column() {
    let site = TestSite::fixture("basic");
    site.edit("site.toml", "[toolkit]", "[toolkit]\nlayuot = \"cycle\"");
    site.build()
        .assert_toolkit_error()
        .assert_stderr("site.toml:5:1")
        .assert_stderr("did you mean `layout`?");

    let site = TestSite::fixture("basic");
    site.edit(
        "site.toml",
        "phases = [\"start\"]",
        "phases = [\"start\", \"finish\"]",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("the phase `finish` has no folder")
        .assert_stderr("site.toml:5:20");
}

#[test]
fn every_error_of_a_build_is_reported() {
    let site = TestSite::fixture("basic");
    site.write("content/start/second.md", "+++\ntitel = \"x\"\n+++\n")
        .write(
            "content/more/extra.md",
            "+++\ntitle = \"Extra\"\n+++\n[gone](nowhere.md)\n\n{{ nosuch() }}\n",
        );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("unknown key `titel`")
        .assert_stderr("content/more/extra.md:4:1")
        .assert_stderr("unknown shortcode `nosuch`")
        .assert_stderr("3 errors");
}

#[test]
fn broken_links_and_anchors_point_at_the_link() {
    let site = TestSite::fixture("basic");
    site.edit(
        "content/start/second.md",
        "Back to [first steps](first.md#agree-on-goals)",
        "Back to [first steps](first.md#agree-on-goal)",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("no heading `#agree-on-goal`")
        .assert_stderr("content/start/second.md:7:9")
        .assert_stderr("did you mean `agree-on-goals`?");
}

#[test]
fn duplicate_slugs_name_both_files() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/start/copy.md",
        "+++\ntitle = \"Copy\"\nslug = \"first\"\n+++\n",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("two pages would both be written to start/first/")
        .assert_stderr("content/start/first.md");
}

#[test]
fn reserved_and_invalid_names_are_refused() {
    let site = TestSite::fixture("basic");
    site.write("content/print/_index.md", "+++\ntitle = \"Print\"\n+++\n");
    site.build()
        .assert_toolkit_error()
        .assert_stderr("`print` is a reserved name");

    let site = TestSite::fixture("basic");
    site.write(
        "content/start/checklist.md",
        "+++\ntitle = \"My list\"\n+++\n",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("start/checklist/");

    let site = TestSite::fixture("basic");
    site.write(
        "content/start/x.md",
        "+++\ntitle = \"X\"\nslug = \"Bad Slug\"\n+++\n",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("may only use a-z, 0-9 and -")
        .assert_stderr("bad-slug");
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::fixture("basic");
    site.check().assert_ok().assert_stderr("checked ");
    assert!(!site.public().exists());
}

#[test]
fn quiet_prints_nothing_on_success_and_base_url_adds_a_sitemap() {
    let site = TestSite::fixture("basic");
    let run = site.run(&["build", "--quiet", "--base-url", "https://example.org/kit/"]);
    run.assert_ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let sitemap = run.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/kit/start/first/</loc>"));
    assert!(run
        .output("404.html")
        .contains(r#"href="https://example.org/kit/""#));
    assert!(run
        .output("start/first/index.html")
        .contains(r#"<link rel="canonical" href="https://example.org/kit/start/first/">"#));
}

#[test]
fn no_site_toml_is_a_clear_error() {
    let site = TestSite::empty();
    site.build()
        .assert_toolkit_error()
        .assert_stderr("no site.toml");
}

#[test]
fn a_toolkit_without_a_theme_folder_uses_the_built_in_theme() {
    let site = TestSite::fixture("basic");
    assert!(!site.root.join("themes").exists());
    site.build().assert_ok();
    assert!(site.public().join("trellis.css").is_file());
}

#[test]
fn templates_override_the_theme_file_by_file() {
    let site = TestSite::fixture("basic");
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block main %}<p class=\"mine\">{{ title }}</p>{% endblock main %}");
    let run = site.build();
    run.assert_ok();
    assert!(run
        .output("start/first/index.html")
        .contains("<p class=\"mine\">First steps</p>"));
    assert!(
        run.output("start/index.html").contains("In this section"),
        "other templates unchanged"
    );
}

#[test]
fn a_template_syntax_error_names_the_template_line() {
    let site = TestSite::fixture("basic");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ title \n{% endblock main %}",
    );
    site.build()
        .assert_toolkit_error()
        .assert_stderr("templates/page.html:4:1");
}

#[test]
fn strict_builds_with_warnings_write_nothing() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let before = snapshot(&site.public());
    site.edit(
        "content/more/extra.md",
        "Some extra text.",
        "Some [placeholder](#) text.",
    );
    site.run(&["build", "--strict"])
        .assert_toolkit_error()
        .assert_stderr("placeholder")
        .assert_stderr("--strict turns the warnings above into errors");
    assert_eq!(
        before,
        snapshot(&site.public()),
        "--strict wrote the site despite warnings"
    );
    site.build().assert_ok().assert_stderr("1 warning");
}

#[test]
fn the_sitemap_lists_every_generated_page() {
    let site = TestSite::example();
    let run = site.run(&["build", "--base-url", "https://example.edu/kit"]);
    run.assert_ok();
    let sitemap = run.output("sitemap.xml");
    for loc in [
        "https://example.edu/kit/",
        "https://example.edu/kit/getting-started/checklist/",
        "https://example.edu/kit/worksheets/action-plan/",
        "https://example.edu/kit/print/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{loc}</loc>")),
            "sitemap lacks {loc}"
        );
    }
}

#[test]
fn a_theme_table_brands_the_default_look_without_replacing_its_stylesheet() {
    let site = TestSite::fixture("basic");
    site.edit("site.toml", "title = \"Basic Toolkit\"", "title = \"Basic Toolkit\"\nbase_url = \"https://example.edu/kit/\"")
        .edit("site.toml", "[toolkit]", "[theme]\naccent = \"#6a1b4d\"\nextra_css = \"css/ours.css\"\nfavicon = \"images/favicon.png\"\nimage = \"images/share.png\"\n\n[toolkit]")
        .write("static/css/ours.css", "h1 { letter-spacing: 0.02em; }")
        .write("static/images/favicon.png", "png")
        .write("static/images/share.png", "png");
    site.build().assert_ok();
    let page = site.output("start/first/index.html");
    for wanted in [
        "<link rel=\"stylesheet\" href=\"../../trellis.css\">\n<style>:root { --brand: #6a1b4d; --brand-dark: #451132; }</style>\n<link rel=\"stylesheet\" href=\"../../css/ours.css\">",
        "<link rel=\"icon\" href=\"../../images/favicon.png\">",
        "<meta property=\"og:title\" content=\"First steps\">",
        "<meta property=\"og:description\" content=\"Where to begin.\">",
        "<meta property=\"og:image\" content=\"https://example.edu/kit/images/share.png\">",
    ] {
        assert!(page.contains(wanted), "{wanted}\n{page}");
    }
    assert!(site.output("css/ours.css").contains("letter-spacing"));

    // A theme folder's name is still written the short way.
    let site = TestSite::fixture("basic");
    site.edit("site.toml", "[toolkit]", "theme = \"default\"\n\n[toolkit]");
    site.build().assert_ok();
}

/// A large toolkit (here 320 pages in two phases) is not printed in one piece: print/ lists the
/// phase packets, each packet holds its phase, the build says so, and every link still resolves.
#[test]
fn a_toolkit_too_long_to_print_whole_is_printed_phase_by_phase() {
    let site = TestSite::empty();
    site.write(
        "site.toml",
        "title = \"Big kit\"\n[toolkit]\nphases = [\"alpha\", \"beta\"]\n",
    );
    for phase in ["alpha", "beta"] {
        site.write(
            &format!("content/{phase}/_index.md"),
            &format!("+++\ntitle = \"Phase {phase}\"\n+++\nAbout {phase}.\n"),
        );
        for i in 0..160 {
            site.write(
                &format!("content/{phase}/page-{i}.md"),
                &format!("+++\ntitle = \"{phase} page {i}\"\n+++\nThe body of {phase} page {i}.\n"),
            );
        }
    }
    site.build()
        .assert_ok()
        .assert_stderr("print/ lists the phase packets");
    let whole = site.output("print/index.html");
    assert!(
        whole.contains("Print this toolkit phase by phase"),
        "{whole}"
    );
    assert!(whole.contains("href=\"alpha/index.html\""), "{whole}");
    assert!(whole.contains("href=\"beta/index.html\""), "{whole}");
    assert!(
        !whole.contains("The body of alpha page 7."),
        "the whole print page still holds the pages"
    );
    assert!(
        !whole.contains("This page holds the toolkit in one piece"),
        "the list of packets does not claim to be the whole toolkit"
    );
    let alpha = site.output("print/alpha/index.html");
    assert!(alpha.contains("The body of alpha page 7."));
    assert!(!alpha.contains("The body of beta page 7."));
    let problems = links::check_site(&site.public());
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );

    // Below the limit the whole toolkit is one print page, as before.
    for i in 10..160 {
        site.remove(&format!("content/beta/page-{i}.md"));
        site.remove(&format!("content/alpha/page-{i}.md"));
    }
    site.build().assert_ok().assert_no_stderr("phase packets");
    let whole = site.output("print/index.html");
    assert!(whole.contains("The body of beta page 7."));
    assert!(!whole.contains("Print this toolkit phase by phase"));
}

/// A toolkit whose own header draws the menu from `nav` (as before `nav_html` existed) still
/// gets every entry with its marks.
#[test]
fn a_template_of_ones_own_may_still_draw_the_menu_from_nav() {
    let site = TestSite::fixture("basic");
    let header = std::fs::read_to_string("themes/default/templates/partials/header.html").unwrap();
    let own = header.replace(
        "{{ nav_html | safe }}",
        "<ol class=\"own-nav\">{% for item in nav %}<li data-active=\"{{ item.active }}\">{{ item.title }}</li>{% endfor %}</ol>",
    );
    site.write("templates/partials/header.html", &own);
    site.build().assert_ok();
    let page = site.output("start/index.html");
    assert!(
        page.contains("<ol class=\"own-nav\"><li data-active=\"true\">"),
        "{page}"
    );
}

/// A toolkit whose own base.html draws its header itself (as base.html did before the header
/// moved to partials/header.html) builds as before: the header partial it no longer shows is
/// not drawn, so even a broken one is no trouble.
#[test]
fn a_base_of_ones_own_that_draws_its_header_itself_still_builds() {
    let site = TestSite::fixture("basic");
    let base = std::fs::read_to_string("themes/default/templates/base.html").unwrap();
    let own = base.replace(
        "{{ header_html | safe }}",
        "<header class=\"own-header\"><a href=\"{{ root }}index.html\">{{ site.title }}</a>{{ nav_html | safe }}</header>",
    );
    site.write("templates/base.html", &own);
    site.write("templates/partials/header.html", "{{ no_such_value }}");
    site.build().assert_ok();
    let page = site.output("start/index.html");
    assert!(
        page.contains("<header class=\"own-header\"><a href=\"../index.html\">"),
        "{page}"
    );
    assert!(page.contains("<footer class=\"site-footer\">"), "{page}");
}

/// An author who adds a worksheet and a resource list, and writes no [[menu]] at all: readers
/// still reach both pages from the header of every page, and the build says nothing about it.
#[test]
fn the_header_reaches_the_worksheets_and_resources_without_a_menu_entry() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/worksheets/goals.toml",
        "title = \"Our goals\"\nphase = \"start\"\n\n[[section]]\ntitle = \"Goals\"\n\n[[section.prompt]]\nlabel = \"What do we want to achieve?\"\n",
    )
    .write(
        "content/resources.toml",
        "title = \"Further reading\"\n\n[[resource]]\ntitle = \"A guide\"\nurl = \"https://example.org/guide\"\n",
    );
    site.build().assert_ok().assert_no_stderr("warning");
    let nav = |rel: &str| {
        let html = site.output(rel);
        let start = html.find("<nav class=\"site-nav\"").unwrap();
        html[start..start + html[start..].find("</nav>").unwrap()].to_string()
    };
    let home = nav("index.html");
    assert!(
        home.contains("<a href=\"worksheets/index.html\">Worksheets</a>"),
        "{home}"
    );
    assert!(
        home.contains("<a href=\"resources/index.html\">Further reading</a>"),
        "{home}"
    );
    let page = nav("start/first/index.html");
    assert!(
        page.contains("href=\"../../worksheets/index.html\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"../../resources/index.html\""),
        "{page}"
    );
    // On a worksheet's own page its entry is marked as where the reader is.
    let sheet = nav("worksheets/goals/index.html");
    assert!(
        sheet.contains("<li class=\"active\"><a href=\"../index.html\">Worksheets</a>"),
        "{sheet}"
    );

    // A toolkit with neither gets neither link.
    let bare = TestSite::fixture("basic");
    bare.build().assert_ok();
    let html = bare.output("index.html");
    assert!(!html.contains("worksheets/index.html") && !html.contains("resources/index.html"));
}
