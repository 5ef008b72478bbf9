//! Every mistake an author can make, one story each: the toolkit, the command, and what the author
//! reads. Errors end with exit code 1 and name file:line:col with a hint; warnings leave exit 0
//! unless --strict. Never a panic (exit 101), never a Rust type name.

mod common;

use common::{snapshot, TestSite};

/// The basic fixture with one more page in its phase.
fn with_page(name: &str, text: &str) -> TestSite {
    let site = TestSite::fixture("basic");
    site.write(&format!("content/start/{name}"), text);
    site
}

/// The whole text the author reads, pinned in tests/snapshots/ (one per call, named after the
/// test): a wrong caret, a doubled message or a lost hint fails the test. Timings are blanked.
fn assert_whole_text(run: &common::Run) {
    thread_local!(static CALLS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) });
    let n = CALLS.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let test = std::thread::current()
        .name()
        .unwrap_or("diagnostic")
        .replace("::", "__");
    let name = if n == 1 { test } else { format!("{test}-{n}") };
    let timing = regex_lite::Regex::new(r"in \d+ ms").unwrap();
    let text = timing.replace_all(&run.stderr, "in [..] ms");
    insta::assert_snapshot!(name, text);
}

/// Asserts one error: its message, its place and its hint, and exit code 1.
fn assert_error(site: &TestSite, message: &str, place: &str, hint: &str) -> common::Run {
    let run = site.check();
    assert_whole_text(&run);
    run.assert_toolkit_error()
        .assert_stderr(&format!("error: {message}"))
        .assert_stderr(&format!("┌─ {place}"))
        .assert_stderr("= hint: ");
    assert_hint(&run, hint);
    run
}

/// The hint line holds `hint`.
fn assert_hint(run: &common::Run, hint: &str) {
    let found = run
        .stderr
        .lines()
        .any(|l| l.contains("= hint: ") && l.contains(hint));
    assert!(found, "no hint with {hint:?}:\n{}", run.stderr);
}

/// Asserts one warning: exit 0 with it printed, and exit 1 with --strict.
fn assert_warning(site: &TestSite, message: &str, place: &str, hint: &str) {
    let run = site.check();
    assert_whole_text(&run);
    run.assert_ok()
        .assert_stderr(&format!("warning: {message}"))
        .assert_stderr(&format!("┌─ {place}"));
    assert_hint(&run, hint);
    site.run(&["check", "--strict"])
        .assert_toolkit_error()
        .assert_stderr("--strict turns the warnings above into errors");
}

// ---- settings and front matter -------------------------------------------------------------

#[test]
fn site_toml_that_is_not_toml() {
    let site = TestSite::fixture("basic");
    site.edit(
        "site.toml",
        "title = \"Basic Toolkit\"",
        "title = \"Basic Toolkit",
    );
    assert_error(
        &site,
        "this is not valid TOML (site.toml)",
        "site.toml:1:23",
        "text values need double quotes",
    );
}

#[test]
fn an_empty_site_toml() {
    let site = TestSite::fixture("basic");
    site.write("site.toml", "\n");
    assert_error(
        &site,
        "site.toml is empty",
        "site.toml:1:1",
        "title = \"Your toolkit's name\"",
    );
}

#[test]
fn a_misspelt_key_in_site_toml() {
    let site = TestSite::fixture("basic");
    site.edit("site.toml", "description =", "descripton =");
    assert_error(
        &site,
        "unknown key `descripton` in site.toml",
        "site.toml:2:1",
        "did you mean `description`?",
    );
}

#[test]
fn front_matter_that_is_not_toml() {
    let site = with_page("broken.md", "+++\ntitle = \"Unclosed\nweight = 3\n+++\n");
    assert_error(
        &site,
        "this is not valid TOML (front matter)",
        "content/start/broken.md:2:18",
        "text values need double quotes",
    );
}

#[test]
fn front_matter_never_closed() {
    let site = with_page(
        "open.md",
        "+++\ntitle = \"Open\"\n\nThe body starts here.\n",
    );
    assert_error(
        &site,
        "the front matter is never closed",
        "content/start/open.md:1:1",
        "add a line containing only `+++`",
    );
}

#[test]
fn a_misspelt_front_matter_key() {
    let site = with_page(
        "typo.md",
        "+++\ntitle = \"Typo\"\nsumary = \"One line.\"\n+++\n",
    );
    assert_error(
        &site,
        "unknown key `sumary` in front matter",
        "content/start/typo.md:3:1",
        "did you mean `summary`?",
    );
}

#[test]
fn a_number_written_as_text() {
    let site = with_page(
        "weight.md",
        "+++\ntitle = \"Weight\"\nweight = \"ten\"\n+++\n",
    );
    assert_error(
        &site,
        "wrong type in front matter: expected a whole number, found text in double quotes",
        "content/start/weight.md:3:10",
        "write a whole number without quotes",
    );
}

#[test]
fn one_audience_not_written_as_a_list() {
    let site = with_page(
        "aud.md",
        "+++\ntitle = \"Audience\"\naudience = \"students\"\n+++\n",
    );
    assert_error(&site, "wrong type in front matter: expected a list in square brackets, found text in double quotes", "content/start/aud.md:3:12", "write a list, even of one item");
}

#[test]
fn a_key_written_twice() {
    let site = with_page(
        "twice.md",
        "+++\ntitle = \"Once\"\ntitle = \"Twice\"\n+++\n",
    );
    assert_error(
        &site,
        "the key `title` is written twice in front matter",
        "content/start/twice.md:3:1",
        "keep only one of them",
    );
}

#[test]
fn a_page_without_a_title() {
    let site = with_page("untitled.md", "+++\nweight = 3\n+++\nText.\n");
    assert_error(
        &site,
        "front matter is missing the required key `title`",
        "content/start/untitled.md",
        "add a line such as `title = \"...\"`",
    );
}

#[test]
fn an_empty_title() {
    let site = with_page("blank.md", "+++\ntitle = \"  \"\n+++\n");
    assert_error(
        &site,
        "the page's title is empty",
        "content/start/blank.md:2:9",
        "write the title between the quotes",
    );
}

#[test]
fn a_page_with_no_front_matter() {
    let site = with_page("plain.md", "# Just a heading\n\nAnd text.\n");
    assert_error(
        &site,
        "this page has no front matter",
        "content/start/plain.md:1:1",
        "start the file with a line `+++`",
    );
}

#[test]
fn an_unknown_audience() {
    let site = with_page(
        "aud.md",
        "+++\ntitle = \"Audience\"\naudience = [\"faculty\", \"studnets\"]\n+++\n",
    );
    assert_error(
        &site,
        "unknown audience `studnets`",
        "content/start/aud.md:3:24",
        "did you mean `students`?",
    );
}

#[test]
fn a_phase_without_a_folder() {
    let site = TestSite::fixture("basic");
    site.edit(
        "site.toml",
        "phases = [\"start\"]",
        "phases = [\"start\", \"wrap-up\"]",
    );
    assert_error(
        &site,
        "the phase `wrap-up` has no folder content/wrap-up/",
        "site.toml:5:20",
        "create content/wrap-up/_index.md",
    );
}

#[test]
fn two_pages_with_the_same_slug() {
    let site = with_page("copy.md", "+++\ntitle = \"Copy\"\nslug = \"second\"\n+++\n");
    assert_error(
        &site,
        "two pages would both be written to start/second/",
        "content/start/copy.md:3:8",
        "give one of them another file name",
    );
}

#[test]
fn a_slug_that_climbs_out_of_the_output_folder() {
    let site = with_page(
        "escape.md",
        "+++\ntitle = \"Escape\"\nslug = \"../../../etc\"\n+++\n",
    );
    assert_error(
        &site,
        "the slug `../../../etc` would write this page outside its section's folder",
        "content/start/escape.md:3:8",
        "slug = \"etc\"",
    );
    // `check` writes nothing anyway: a real build must refuse too, before writing anything.
    site.build().assert_toolkit_error();
    assert!(!site.root.join("etc").exists() && !site.public().exists());
}

// ---- files ---------------------------------------------------------------------------------

#[test]
fn a_file_saved_in_another_encoding() {
    let site = TestSite::fixture("basic");
    site.write_bytes(
        "content/start/latin.md",
        b"+++\ntitle = \"Caf\xe9 chats\"\n+++\nCr\xe8me.\n",
    );
    assert_error(
        &site,
        "this file is not saved as UTF-8: the byte at offset 16 cannot be read",
        "content/start/latin.md:2:13",
        "save the file as UTF-8",
    );
}

#[test]
fn an_empty_page_file() {
    let site = with_page("empty.md", "");
    assert_error(
        &site,
        "this file is empty",
        "content/start/empty.md:1:1",
        "delete the file if it is not needed",
    );
}

#[test]
fn a_twenty_megabyte_page_builds() {
    let site = TestSite::fixture("basic");
    let block = "## Part\n\nPartners agree on goals, roles and a rhythm of check-ins; students and faculty share the work. See [the first page](first.md#agree-on-goals).\n\n- [ ] Draft the agreement\n- [x] Meet\n\n| Who | When |\n|---|---|\n| Both | Weekly |\n\n";
    let mut text = String::from("+++\ntitle = \"A very long page\"\n+++\n");
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(block);
    }
    site.write("content/start/huge.md", &text);
    let run = site.build();
    run.assert_ok()
        .assert_stderr("warning: another heading on this page is also called `part`")
        .assert_stderr("... and 51 more not shown")
        .assert_stderr("101 warnings");
    assert!(run.output("start/huge/index.html").len() > 20 * 1024 * 1024);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_under_content() {
    let site = TestSite::fixture("basic");
    std::os::unix::fs::symlink(
        site.root.join("content"),
        site.root.join("content/more/again"),
    )
    .unwrap();
    let run = site.check();
    run.assert_toolkit_error()
        .assert_stderr(
            "error: this folder link points back to a folder that contains it (a symlink loop)",
        )
        .assert_stderr("in content/more/again")
        .assert_stderr("hint: remove the symbolic link");
}

// ---- links, shortcodes, templates ------------------------------------------------------------

#[test]
fn a_link_to_a_page_that_does_not_exist() {
    let site = with_page(
        "links.md",
        "+++\ntitle = \"Links\"\n+++\nSee [the second page](secnd.md).\n",
    );
    assert_error(
        &site,
        "the link `secnd.md` points to a file that does not exist",
        "content/start/links.md:4:5",
        "did you mean content/start/second.md?",
    );
}

#[test]
fn a_link_to_a_missing_heading() {
    let site = with_page(
        "links.md",
        "+++\ntitle = \"Links\"\n+++\nSee [the goals](first.md#agree-on-goal).\n",
    );
    assert_error(
        &site,
        "there is no heading `#agree-on-goal` on the page this link points to",
        "content/start/links.md:4:5",
        "did you mean `agree-on-goals`?",
    );
}

#[test]
fn a_link_to_a_draft() {
    let site = with_page(
        "wip.md",
        "+++\ntitle = \"Work in progress\"\ndraft = true\n+++\n",
    );
    site.write(
        "content/start/links.md",
        "+++\ntitle = \"Links\"\n+++\nSee [what comes next](wip.md).\n",
    );
    assert_warning(
        &site,
        "`wip.md` is a draft, so this link is shown as plain text",
        "content/start/links.md:4:5",
        "publish the page (remove draft = true)",
    );
}

#[test]
fn an_unknown_shortcode() {
    let site = with_page(
        "sc.md",
        "+++\ntitle = \"Shortcodes\"\n+++\nIntro.\n\n{{ qoute(by=\"A partner\") }}\nText.\n",
    );
    assert_error(
        &site,
        "unknown shortcode `qoute`",
        "content/start/sc.md:6:1",
        "did you mean `quote`?",
    );
}

#[test]
fn a_shortcode_with_an_unquoted_argument() {
    let site = with_page(
        "sc.md",
        "+++\ntitle = \"Shortcodes\"\n+++\n{{ quote(by=Ann) }}\nText.\n{{ end }}\n",
    );
    assert_error(
        &site,
        "this shortcode cannot be read: `Ann` needs double quotes: \"Ann\"",
        "content/start/sc.md:4:13",
        "write it as {{ name(key=\"text\"",
    );
}

#[test]
fn a_quote_never_closed() {
    let site = with_page(
        "sc.md",
        "+++\ntitle = \"Shortcodes\"\n+++\n{{ quote(by=\"Ann\") }}\nText.\n",
    );
    assert_error(
        &site,
        "the `quote` shortcode is never closed",
        "content/start/sc.md:4:1",
        "add a line {{ end }} after its text",
    );
}

#[test]
fn a_heading_id_used_twice() {
    let site = with_page(
        "ids.md",
        "+++\ntitle = \"Ids\"\n+++\n## Goals {#goals}\n\n## Aims {#goals}\n",
    );
    assert_error(
        &site,
        "the heading id `goals` is already used on this page",
        "content/start/ids.md:6:1",
        "give this heading another id",
    );
}

#[test]
fn a_template_that_cannot_be_read() {
    let site = TestSite::fixture("basic");
    site.write("templates/page.html", "{% extends \"base.html\" %}\n{% block main %}\n{% if title %}<h1>{{ title }}</h1>\n{% endblock main %}\n");
    assert_error(
        &site,
        "this template cannot be read",
        "templates/page.html:4:1",
        "every {% if %} needs an {% endif %}",
    );
}

#[test]
fn a_template_variable_that_does_not_exist() {
    let site = TestSite::fixture("basic");
    let base = include_str!("../themes/default/templates/base.html").replacen(
        "{{ site.title }}",
        "{{ site.titel }}",
        1,
    );
    let at = base.find("site.titel").unwrap();
    let line = base[..at].matches('\n').count() + 1;
    let col = base[..at].rsplit('\n').next().unwrap_or("").chars().count() + 1;
    site.write("templates/base.html", &base);
    let place = format!("templates/base.html:{line}:{col}");
    let run = assert_error(
        &site,
        "`site.titel` is not defined, while rendering content/",
        &place,
        "did you mean `site.title`?",
    );
    run.assert_stderr("{{ site.titel }}")
        .assert_stderr("other pages")
        .assert_stderr("1 error");
}

#[test]
fn an_included_template_with_a_mistake_names_its_own_line_and_the_page() {
    let site = TestSite::fixture("basic");
    site.write("templates/page.html", "{% extends \"base.html\" %}\n{% block main %}\n{% include \"byline.html\" %}\n{% endblock main %}\n")
        .write("templates/byline.html", "<p class=\"byline\">\n  Written by {{ page.author }}\n</p>\n");
    assert_error(
        &site,
        "`page.author` is not defined, while rendering content/",
        "templates/byline.html:2:17",
        "the values `page` has here: audiences, section, source",
    );
}

#[test]
fn a_custom_shortcode_that_fails() {
    let site = with_page(
        "box.md",
        "+++\ntitle = \"Box\"\n+++\nBefore.\n\n{{ callout() }}\n",
    );
    site.write(
        "templates/shortcodes/callout.html",
        "<aside class=\"callout\">\n  <strong>{{ label }}</strong>\n</aside>\n",
    );
    assert_error(&site, "the shortcode `callout` could not be rendered: `label` is not defined (templates/shortcodes/callout.html:2:14)", "content/start/box.md:6:1", "give the shortcode this argument, e.g. {{ callout(label=\"...\") }}");
}

// ---- partnership data (the data layer reports these; the stories keep them reported) --------

#[test]
fn a_page_listing_a_worksheet_that_does_not_exist() {
    let site = with_page(
        "w.md",
        "+++\ntitle = \"W\"\nworksheets = [\"gaols\"]\n+++\n",
    );
    site.write("content/worksheets/goals.toml", "title = \"Our goals\"\nphase = \"start\"\n\n[[section]]\ntitle = \"Goals\"\n\n[[section.prompt]]\nlabel = \"What?\"\n");
    assert_error(
        &site,
        "there is no worksheet `gaols`",
        "content/start/w.md:3:15",
        "did you mean `goals`?",
    );
}

#[test]
fn a_checklist_item_whose_page_does_not_exist() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/start/checklist.toml",
        "title = \"Start checklist\"\n\n[[item]]\ntext = \"Agree on goals\"\npage = \"frist.md\"\n",
    );
    assert_error(
        &site,
        "the link `frist.md` points to a file that does not exist",
        "content/start/checklist.toml:5:8",
        "did you mean content/start/first.md?",
    );
}

#[test]
fn a_worksheet_in_a_phase_that_does_not_exist() {
    let site = TestSite::fixture("basic");
    site.write("content/worksheets/goals.toml", "title = \"Our goals\"\nphase = \"strat\"\n\n[[section]]\ntitle = \"Goals\"\n\n[[section.prompt]]\nlabel = \"What?\"\n");
    assert_error(
        &site,
        "unknown phase `strat`",
        "content/worksheets/goals.toml:2:9",
        "did you mean `start`?",
    );
}

#[test]
fn a_resource_with_a_malformed_address() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/resources.toml",
        "[[resource]]\ntitle = \"Guide\"\nurl = \"https:/partners.org/guide\"\n",
    );
    assert_error(
        &site,
        "`https:/partners.org/guide` is not a complete web address",
        "content/resources.toml:3:7",
        "write it as https://",
    );
}

// ---- warnings -------------------------------------------------------------------------------

#[test]
fn placeholder_links() {
    let site = with_page("drafty.md", "+++\ntitle = \"Drafty\"\n+++\nSee [the report](#), [the form]() and [the site](http://example.com/partners).\n");
    assert_warning(
        &site,
        "this link is a placeholder (`#` or empty)",
        "content/start/drafty.md:4:5",
        "put the real address between the parentheses",
    );
    site.check()
        .assert_stderr("┌─ content/start/drafty.md:4:22")
        .assert_stderr("warning: `http://example.com/partners` is an example address, probably left from a draft")
        .assert_stderr("┌─ content/start/drafty.md:4:39")
        .assert_stderr("3 warnings");
}

#[test]
fn an_image_without_alt_text() {
    let site = with_page(
        "pic.md",
        "+++\ntitle = \"Picture\"\n+++\nOur cycle:\n\n![](@static/cycle.svg)\n",
    );
    site.write(
        "static/cycle.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    assert_warning(
        &site,
        "this image has no alt text",
        "content/start/pic.md:6:1",
        "describe the image between the square brackets",
    );
}

#[test]
fn a_heading_that_skips_a_level() {
    let site = with_page(
        "levels.md",
        "+++\ntitle = \"Levels\"\n+++\nIntro.\n\n### Too deep\n",
    );
    assert_warning(
        &site,
        "this ### heading skips a level: it follows the page's title",
        "content/start/levels.md:6:1",
        "use ## here",
    );
}

#[test]
fn link_text_that_says_click_here() {
    let site = with_page(
        "vague.md",
        "+++\ntitle = \"Vague\"\n+++\nThe agreement template is ready: [click here](second.md).\n",
    );
    assert_warning(
        &site,
        "the link text \"click here\" does not say where the link goes",
        "content/start/vague.md:4:34",
        "name the destination",
    );
}

#[test]
fn two_headings_with_the_same_words() {
    let site = with_page("twice.md", "+++\ntitle = \"Twice\"\n+++\n## Questions to consider\n\nOne.\n\n## Questions to consider\n\nTwo.\n");
    assert_warning(&site, "another heading on this page is also called `questions-to-consider`, so this one's link is #questions-to-consider-1", "content/start/twice.md:8:1", "give the headings different words");
}

#[test]
fn a_phase_with_no_pages() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/finish/_index.md",
        "+++\ntitle = \"Finishing\"\n+++\nComing soon.\n",
    )
    .edit(
        "site.toml",
        "phases = [\"start\"]",
        "phases = [\"start\", \"finish\"]",
    );
    assert_warning(
        &site,
        "the phase `finish` has no pages",
        "site.toml:5:20",
        "add a guidance page such as content/finish/first-steps.md",
    );
}

#[test]
fn a_top_level_page_nothing_leads_to() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/contact.md",
        "+++\ntitle = \"Contact us\"\n+++\nWrite to us.\n",
    );
    assert_warning(
        &site,
        "no menu entry or link leads to this page",
        "content/contact.md:2:9",
        "[[menu]] with title = \"Contact us\" and url = \"contact.md\"",
    );
    site.edit(
        "site.toml",
        "[toolkit]",
        "[[menu]]\ntitle = \"Contact\"\nurl = \"contact.md\"\n\n[toolkit]",
    );
    site.check().assert_ok().assert_no_stderr("warning");
}

/// The header links to the resources page by itself; an author who also lists it in site.toml's
/// menu (as older toolkits did) hears that the entry does nothing, at its line.
#[test]
fn a_menu_entry_for_a_page_the_header_already_shows() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/resources.toml",
        "[[resource]]\ntitle = \"A guide\"\nurl = \"https://example.org/guide\"\n",
    )
    .edit(
        "site.toml",
        "[toolkit]",
        "[[menu]]\ntitle = \"Reading\"\nurl = \"resources.toml\"\n\n[toolkit]",
    );
    assert_warning(
        &site,
        "this menu entry leads to the resources page, which the header always links to",
        "site.toml:6:7",
        "remove this [[menu]] entry; to rename the header's link, set `title` at the top of content/resources.toml",
    );
    site.build().assert_ok();
    let home = site.output("index.html");
    assert_eq!(
        common::html::count(&home, "href=\"resources/index.html\""),
        1,
        "{home}"
    );
    assert!(!home.contains(">Reading</a>"), "{home}");
}

/// Two entries for the same page: the header shows it once, and the second entry is a warning.
#[test]
fn two_menu_entries_for_the_same_page() {
    let site = TestSite::fixture("basic");
    site.write("content/about.md", "+++\ntitle = \"About\"\n+++\nWho we are.\n")
        .edit(
            "site.toml",
            "[toolkit]",
            "[[menu]]\ntitle = \"About\"\nurl = \"about.md\"\n\n[[menu]]\ntitle = \"Who we are\"\nurl = \"about/\"\n\n[toolkit]",
        );
    assert_warning(
        &site,
        "this menu entry leads to the same page as the entry \"About\"",
        "site.toml:10:7",
        "remove one of the two [[menu]] entries",
    );
}

#[test]
fn a_worksheet_nothing_uses() {
    let site = TestSite::fixture("basic");
    site.write("content/worksheets/goals.toml", "title = \"Our goals\"\n\n[[section]]\ntitle = \"Goals\"\n\n[[section.prompt]]\nlabel = \"What do we want to achieve?\"\n");
    let run = site.check();
    run.assert_stderr(
        "warning: the worksheet `goals` is not used: no page lists it, embeds it or links to it",
    )
    .assert_stderr("┌─ content/worksheets/goals.toml:1:1")
    .assert_stderr("hint: add worksheets = [\"goals\"] to a page's front matter");
    site.edit(
        "content/start/second.md",
        "weight = 20",
        "weight = 20\nworksheets = [\"goals\"]",
    );
    site.check().assert_no_stderr("is not used");
}

// ---- how diagnostics are printed --------------------------------------------------------------

#[test]
fn colour_only_when_asked_for() {
    let site = with_page("levels.md", "+++\ntitle = \"Levels\"\n+++\n### Too deep\n");
    let coloured = site.run(&["check", "--color", "always"]);
    coloured.assert_ok();
    assert!(
        coloured.stderr.contains("\u{1b}["),
        "no ANSI colour:\n{}",
        coloured.stderr
    );
    let plain = site.run(&["check", "--color", "never"]);
    assert!(
        !plain.stderr.contains('\u{1b}'),
        "colour with --color never:\n{}",
        plain.stderr
    );
    plain.assert_stderr("warning: this ### heading skips a level");
}

#[test]
fn diagnostics_are_sorted_by_file_and_line_then_counted() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/start/b.md",
        "+++\ntitle = \"B\"\n+++\n[x](#)\n\n### Deep\n",
    )
    .write(
        "content/more/a.md",
        "+++\ntitle = \"A\"\nweight = \"x\"\n+++\n",
    );
    let run = site.check();
    run.assert_toolkit_error()
        .assert_stderr("1 error, 2 warnings");
    let at = |needle: &str| {
        run.stderr
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} missing:\n{}", run.stderr))
    };
    assert!(at("content/more/a.md:3:10") < at("content/start/b.md:4:1"));
    assert!(at("content/start/b.md:4:1") < at("content/start/b.md:6:1"));
    assert!(run.stderr.trim_end().ends_with("1 error, 2 warnings"));
}

#[test]
fn a_flood_of_mistakes_is_cut_short() {
    let site = TestSite::fixture("basic");
    for i in 0..60 {
        site.write(
            &format!("content/more/p{i:02}.md"),
            &format!("+++\ntitle = \"P{i}\"\n+++\n[gone](nowhere-{i}.md)\n"),
        );
    }
    let run = site.check();
    run.assert_toolkit_error()
        .assert_stderr("... and 10 more not shown")
        .assert_stderr("60 errors");
    assert_eq!(run.stderr.matches("error: the link").count(), 50);
}

#[test]
fn messages_use_plain_words() {
    let site = TestSite::fixture("basic");
    site.write("content/start/a.md", "+++\ntitle = [\"A\"]\n+++\n")
        .write(
            "content/start/b.md",
            "+++\ntitle = \"B\"\nsummary = { text = \"x\" }\n+++\n",
        )
        .write(
            "content/start/c.md",
            "+++\ntitle = \"C\"\nweight = 1.5\n+++\n",
        )
        .write(
            "content/start/d.md",
            "+++\ntitle = \"D\"\ndraft = \"no\"\n+++\n",
        )
        .write(
            "content/start/e.md",
            "+++\ntitle = \"E\"\nweight = 99999999999999999999\n+++\n",
        )
        .edit("site.toml", "[toolkit]", "[toolkit]\nlayout = 3");
    let run = site.check();
    run.assert_toolkit_error();
    for jargon in [
        "invalid type",
        "map",
        "struct",
        "sequence",
        "i64",
        "f64",
        "i128",
        "Spanned",
        "Error(",
        "variant",
        "panicked",
    ] {
        run.assert_no_stderr(jargon);
    }
}

#[test]
fn a_failed_check_or_build_leaves_the_output_alone() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let before = snapshot(&site.public());
    site.write("content/start/latin.md", "")
        .write_bytes("content/start/bytes.md", b"+++\ntitle = \"\xff\"\n+++\n");
    site.build()
        .assert_toolkit_error()
        .assert_stderr("2 errors");
    site.check().assert_toolkit_error();
    assert_eq!(before, snapshot(&site.public()));
}

// ---- one mistake, one message -------------------------------------------------------------
// Each mistake below once brought a second, misleading message along (or hid others). Each
// story asserts the exact number of messages and pins their whole text.

/// The `error:` and `warning:` lines of a run.
fn headlines(run: &common::Run) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|l| l.starts_with("error:") || l.starts_with("warning:"))
        .collect()
}

fn assert_one(run: &common::Run, message: &str) {
    let lines = headlines(run);
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(lines[0].contains(message), "{}", run.stderr);
    assert_whole_text(run);
}

#[test]
fn a_list_missing_its_closing_bracket_is_named_where_it_opened() {
    let site = TestSite::fixture("basic");
    site.edit("site.toml", "phases = [\"start\"]", "phases = [\"start\"");
    let run = site.check();
    run.assert_toolkit_error()
        .assert_stderr("┌─ site.toml:5:17");
    assert_one(
        &run,
        "the list opened on line 5 is never closed: `]` is missing after its last item",
    );
    // A comma really missing between two items keeps its own message.
    let site = TestSite::fixture("basic");
    site.edit(
        "site.toml",
        "phases = [\"start\"]",
        "phases = [\n  \"start\"\n  \"more\"\n]",
    );
    assert_one(&site.check(), "missing comma between array elements");
}

#[test]
fn curly_quotes_from_a_word_processor_are_named() {
    let site = with_page("curly.md", "+++\ntitle = “Welcome”\n+++\nHello.\n");
    let run = site.check();
    run.assert_toolkit_error()
        .assert_stderr("┌─ content/start/curly.md:2:9");
    assert_one(
        &run,
        "these are curly quotes (“ ”) from a word processor; TOML needs straight quotes \"\"",
    );
    assert_hint(&run, "title = \"Welcome\"");
}

#[test]
fn yaml_front_matter_is_recognised_and_the_hint_is_the_same_in_toml() {
    let site = with_page(
        "yaml.md",
        "---\ntitle: Our agreement\nweight: 30\naudience: [students]\n---\nHello.\n",
    );
    let run = site.check();
    run.assert_toolkit_error();
    assert_one(&run, "this front matter is written in YAML");
    run.assert_stderr("title = \"Our agreement\"")
        .assert_stderr("weight = 30")
        .assert_stderr("audience = [\"students\"]");
    // Following the hint to the letter gives a page that builds.
    site.write(
        "content/start/yaml.md",
        "+++\ntitle = \"Our agreement\"\nweight = 30\naudience = [\"students\"]\n+++\nHello.\n",
    );
    site.check().assert_ok();
}

#[test]
fn an_unclosed_quote_is_one_error_not_a_template_error_too() {
    let site = with_page(
        "q.md",
        "+++\ntitle = \"Q\"\n+++\n{{ quote(by=\"A partner\") }}\nWorking together.\n",
    );
    let run = site.check();
    run.assert_toolkit_error();
    assert_one(&run, "the `quote` shortcode is never closed");
    run.assert_no_stderr("is not defined");
}

#[test]
fn a_typo_on_a_phases_only_page_does_not_also_empty_the_phase() {
    let site = TestSite::fixture("basic");
    site.remove("content/start/second.md");
    site.edit("content/start/first.md", "weight = 10", "wieght = 10");
    let run = site.check();
    run.assert_toolkit_error();
    assert_one(&run, "unknown key `wieght` in front matter");
    run.assert_no_stderr("has no pages");
}

#[test]
fn a_file_in_another_encoding_is_one_error_and_links_to_it_none() {
    let site = TestSite::fixture("basic");
    site.write_bytes("content/start/latin.md", b"+++\ntitle = \"Caf\xe9\"\n+++\n");
    site.write(
        "content/start/link.md",
        "+++\ntitle = \"Link\"\n+++\nSee [the caf\u{e9}](latin.md).\n",
    );
    let run = site.check();
    run.assert_toolkit_error();
    assert_one(&run, "this file is not saved as UTF-8");
}

#[test]
fn every_mistake_in_resources_is_listed_in_one_run() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/resources.toml",
        "[[resource]]\ntitle = \"Guide\"\nurl = \"www.example.org/guide\"\nyear = \"2017\"\n\n[[resource]]\ntitle = \"Report\"\nurl = \"https://example.org\"\nyeer = 2019\n",
    );
    let run = site.check();
    run.assert_toolkit_error();
    let lines = headlines(&run);
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    run.assert_stderr("┌─ content/resources.toml:3:7")
        .assert_stderr("┌─ content/resources.toml:4:8")
        .assert_stderr("┌─ content/resources.toml:9:1");
    assert_whole_text(&run);
}

#[test]
fn a_language_without_strings_is_a_warning_even_without_errors() {
    let site = TestSite::fixture("basic");
    site.edit(
        "site.toml",
        "title = \"Basic Toolkit\"",
        "title = \"Basic Toolkit\"\nlanguage = \"es\"",
    );
    let run = site.check();
    run.assert_ok();
    assert_one(
        &run,
        "no interface strings for language `es`; English is used",
    );
    // A regional French is French.
    let site = TestSite::fixture("basic");
    site.edit(
        "site.toml",
        "title = \"Basic Toolkit\"",
        "title = \"Basic Toolkit\"\nlanguage = \"fr-CA\"",
    );
    site.build().assert_ok().assert_no_stderr("warning");
    assert!(site
        .output("index.html")
        .contains("Passer au contenu principal"));
}

#[test]
fn a_tab_indented_shortcode_is_an_error_not_text_on_the_page() {
    let site = with_page("tab.md", "+++\ntitle = \"Tab\"\n+++\n\t{{ phases() }}\n");
    let run = site.check();
    run.assert_toolkit_error();
    assert_one(
        &run,
        "this shortcode is indented or inside a list or quote, so it would be shown as text",
    );
}

#[test]
fn a_paragraph_indented_by_a_tab_is_a_warning() {
    let site = with_page(
        "indent.md",
        "+++\ntitle = \"Indented\"\n+++\nIntro.\n\n\tPartners meet every two weeks to review the plan together.\n\nCode, on purpose:\n\n    let x = compute(a, b);\n",
    );
    let run = site.check();
    run.assert_ok();
    assert_one(&run, "this paragraph is indented, so it is shown as code");
    run.assert_stderr("┌─ content/start/indent.md:6:");
}

#[test]
fn a_menu_link_with_a_leading_slash_says_to_drop_it() {
    let site = TestSite::fixture("basic");
    site.edit(
        "site.toml",
        "[toolkit]",
        "[[menu]]\ntitle = \"Nowhere\"\nurl = \"/nowhere/\"\n\n[toolkit]",
    );
    let run = site.check();
    run.assert_toolkit_error();
    assert_one(
        &run,
        "the menu link `/nowhere/` does not lead to a page of this toolkit",
    );
    assert_hint(&run, "drop the leading `/`");
}

#[test]
fn a_missing_picture_says_where_pictures_go() {
    let site = with_page(
        "pic.md",
        "+++\ntitle = \"Pic\"\n+++\n![A map of the garden](garden-map.png)\n",
    );
    let run = site.check();
    run.assert_toolkit_error();
    assert_one(&run, "garden-map.png");
    assert_hint(
        &run,
        "next to index.md, or put it under static/ and write @static/images/garden-map.png",
    );
}

#[test]
fn the_themes_words_can_be_changed_in_site_toml() {
    let site = TestSite::fixture("basic");
    site.edit(
        "site.toml",
        "[toolkit]",
        "[strings]\nphases = \"Stages\"\n\n[toolkit]",
    );
    site.build().assert_ok();
    assert!(site.output("index.html").contains("Stages"));
    let site = TestSite::fixture("basic");
    site.edit(
        "site.toml",
        "[toolkit]",
        "[strings]\nphasse = \"Stages\"\n\n[toolkit]",
    );
    let run = site.check();
    run.assert_toolkit_error();
    assert_one(&run, "the theme has no string `phasse` to replace");
    assert_hint(&run, "did you mean `phase");
}

#[test]
fn worksheets_are_listed_in_the_order_of_their_weight() {
    let site = TestSite::fixture("interactive");
    // Both in the first phase: alphabetical order would put Agreement first.
    site.edit(
        "content/worksheets/pulse.toml",
        "phase = \"finish\"",
        "phase = \"start\"\nweight = 1",
    );
    site.edit(
        "content/worksheets/agreement.toml",
        "title = \"Agreement\"",
        "title = \"Agreement\"\nweight = 2",
    );
    site.build().assert_ok();
    for page in ["worksheets/index.html", "start/index.html"] {
        let list = site.output(page);
        let pulse = list.find(">Pulse<").expect("pulse listed");
        let agreement = list.find(">Agreement<").expect("agreement listed");
        assert!(pulse < agreement, "{page}: weight 1 before weight 2");
    }
}

#[test]
fn a_misplaced_page_shows_its_other_mistakes_in_the_same_run() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/start/deeper/page.md",
        "+++\ntitle = \"Deep\"\naudience = [\"studnets\"]\nwieght = 3\n+++\nHi.\n",
    );
    let run = site.check();
    run.assert_toolkit_error();
    let lines = headlines(&run);
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    run.assert_stderr("sections cannot be nested")
        .assert_stderr("unknown audience `studnets`")
        .assert_stderr("unknown key `wieght` in front matter");
    assert_whole_text(&run);
}

#[test]
fn a_misspelt_title_is_one_error_not_also_a_missing_title() {
    let site = with_page("typo.md", "+++\ntitel = \"Typo\"\n+++\nHi.\n");
    let run = site.check();
    run.assert_toolkit_error();
    assert_one(&run, "unknown key `titel` in front matter");
}

#[test]
fn every_mistake_in_a_worksheet_is_listed_in_one_run() {
    // A misspelt key in one prompt, a wrong type in another, and a band that starts above the
    // scale: once, each was found only after the one before it was fixed.
    let site = TestSite::fixture("interactive");
    site.edit(
        "content/worksheets/health.toml",
        "label = \"We talk\"",
        "lable = \"We talk\"",
    )
    .edit(
        "content/worksheets/health.toml",
        "reverse = true",
        "reverse = \"yes\"",
    )
    .edit("content/worksheets/health.toml", "min = 3.5", "min = 7");
    let run = site.check();
    run.assert_toolkit_error();
    let errors = headlines(&run)
        .into_iter()
        .filter(|l| l.starts_with("error:"))
        .count();
    assert_eq!(errors, 3, "{}", run.stderr);
    run.assert_stderr("unknown key `lable`")
        .assert_stderr("wrong type in the worksheet: expected true or false")
        .assert_stderr("┌─ content/worksheets/health.toml:7:7");
    assert_whole_text(&run);
}

#[test]
fn an_accent_too_light_to_read_is_an_error_with_its_contrast() {
    let site = TestSite::fixture("basic");
    site.edit(
        "site.toml",
        "[toolkit]",
        "[theme]\naccent = \"#f5c518\"\n\n[toolkit]",
    );
    let run = site.check();
    run.assert_toolkit_error()
        .assert_stderr("┌─ site.toml:5:10");
    assert_one(&run, "the accent #f5c518 has a contrast of 1.6:1 with white; text on it and beside it needs at least 4.5:1 (WCAG AA)");
    assert_hint(&run, "choose a darker shade, such as accent = \"#8e720d\"");
}

// ---- checklists, worksheets, models and their shortcodes -----------------------------------
// Mistakes in the interactive parts, made in the fragments toolkit (tests/fixtures/fragments),
// which checks without a warning, so each snapshot holds only the mistake's own message.

/// The fragments toolkit, to which a test adds one mistake.
fn fragments_kit() -> TestSite {
    TestSite::fixture("fragments")
}

#[test]
fn two_checklist_items_with_the_same_id() {
    let site = fragments_kit();
    site.edit(
        "content/start/checklist.toml",
        "id = \"sign\"",
        "id = \"goals\"",
    );
    assert_error(
        &site,
        "two checklist items have the id `goals`: this one and the one at content/start/checklist.toml:6:6",
        "content/start/checklist.toml:20:6",
        "give one of them its own id",
    );
}

#[test]
fn a_checklist_whose_states_never_count_as_done() {
    let site = fragments_kit();
    site.edit(
        "content/review/checklist.toml",
        "{ label = \"In place\", done = true }",
        "{ label = \"In place\" }",
    );
    assert_error(
        &site,
        "none of these states counts as done, so the progress line would never move",
        "content/review/checklist.toml:2:10",
        "add done = true to the state that means finished",
    );
}

#[test]
fn the_checklist_shortcode_in_a_section_without_a_checklist() {
    let site = fragments_kit();
    site.write(
        "content/more/_index.md",
        "+++\ntitle = \"More\"\n+++\nOur steps:\n\n{{ checklist() }}\n",
    );
    assert_error(
        &site,
        "the section `more` has no checklist (content/more/checklist.toml)",
        "content/more/_index.md:6:1",
        "phases with a checklist: start, review",
    );
}

#[test]
fn a_prompt_with_a_setting_of_another_kind() {
    let site = fragments_kit();
    site.edit(
        "content/worksheets/agreement.toml",
        "kind = \"choice\"",
        "kind = \"choice\"\ncolumns = [\"A\", \"B\"]",
    );
    assert_error(
        &site,
        "`columns` only applies to table prompts, and this is a choice prompt",
        "content/worksheets/agreement.toml:36:11",
        "remove `columns`, or change the prompt's kind",
    );
}

#[test]
fn an_option_listed_twice() {
    let site = fragments_kit();
    site.edit(
        "content/worksheets/agreement.toml",
        "options = [\"Email\", \"A group chat\"]",
        "options = [\"Email\", \"A group chat\", \"Email\"]",
    );
    assert_error(
        &site,
        "the option `Email` is listed twice",
        "content/worksheets/agreement.toml:42:37",
        "remove one of them",
    );
}

#[test]
fn two_prompts_with_the_same_id() {
    let site = fragments_kit();
    site.edit(
        "content/worksheets/agreement.toml",
        "id = \"review-date\"",
        "id = \"goals\"",
    );
    assert_error(
        &site,
        "two prompts have the id `goals`: this one and the one at content/worksheets/agreement.toml:20:6",
        "content/worksheets/agreement.toml:25:6",
        "give one of them its own id",
    );
}

#[test]
fn the_same_question_twice_in_one_section_is_a_warning() {
    let site = fragments_kit();
    site.edit("content/worksheets/pulse.toml", "id = \"useful\"\n", "")
        .edit("content/worksheets/pulse.toml", "id = \"heard\"\n", "")
        .edit(
            "content/worksheets/pulse.toml",
            "label = \"I was heard.\"",
            "label = \"The meeting was useful.\"",
        );
    assert_warning(
        &site,
        "this question is asked twice in one section (first at content/worksheets/pulse.toml:18:9), so its answers are kept as `the-meeting-was-useful-2`",
        "content/worksheets/pulse.toml:22:9",
        "remove one of them, or give this one its own id",
    );
}

#[test]
fn a_scale_prompt_with_no_scale_anywhere() {
    // In a worksheet without [scoring]: with scoring, the same mistake also gives "this worksheet
    // is scored but has no scale prompts to score", a second message for one mistake.
    let site = fragments_kit();
    site.edit(
        "content/worksheets/agreement.toml",
        "kind = \"signature\"",
        "kind = \"scale\"",
    );
    assert_error(
        &site,
        "this scale prompt has no scale",
        "content/worksheets/agreement.toml:54:9",
        "add scale = { min = 1, max = 5",
    );
}

#[test]
fn bands_that_leave_the_lowest_scores_without_a_meaning() {
    let site = fragments_kit();
    site.edit("content/worksheets/health.toml", "min = 1.0", "min = 2.0");
    assert_error(
        &site,
        "the lowest band starts at 2.0, so a score from 1.0 up to it would have no band",
        "content/worksheets/health.toml:13:7",
        "start the lowest band at min = 1.0",
    );
}

#[test]
fn two_models_with_the_same_id() {
    let site = fragments_kit();
    let models = site.read("content/models.toml");
    site.write(
        "content/models.toml",
        &format!("{models}\n[[model]]\nid = \"continuum\"\ntitle = \"The ladder\"\n\n[[model.level]]\ntitle = \"Informed\"\n\n[[model.level]]\ntitle = \"Consulted\"\n"),
    );
    assert_error(
        &site,
        "two models have the id `continuum`: this one and the one at line 2",
        "content/models.toml:18:6",
        "give one of them another id",
    );
}

#[test]
fn a_model_with_one_level() {
    let site = fragments_kit();
    let models = site.read("content/models.toml");
    site.write(
        "content/models.toml",
        &format!("{models}\n[[model]]\nid = \"ladder\"\ntitle = \"The ladder\"\n\n[[model.level]]\ntitle = \"Informed\"\n"),
    );
    assert_error(
        &site,
        "the model `The ladder` needs at least two levels",
        "content/models.toml:19:9",
        "add [[model.level]] tables below it",
    );
}

#[test]
fn the_model_shortcode_naming_a_model_that_does_not_exist() {
    let site = fragments_kit();
    site.edit(
        "content/start/goals.md",
        "model(id=\"continuum\")",
        "model(id=\"continum\")",
    );
    assert_error(
        &site,
        "there is no model `continum`",
        "content/start/goals.md:14:1",
        "did you mean `continuum`?",
    );
}

#[test]
fn a_shortcode_argument_in_capitals() {
    let site = fragments_kit();
    site.edit(
        "content/start/goals.md",
        "model(id=\"continuum\")",
        "model(ID=\"continuum\")",
    );
    assert_error(
        &site,
        "the `model` shortcode has no argument `ID`",
        "content/start/goals.md:14:1",
        "did you mean `id`?",
    );
}

#[test]
fn the_resources_shortcode_without_a_resources_file() {
    let site = fragments_kit();
    site.remove("content/resources.toml");
    assert_error(
        &site,
        "there is no content/resources.toml for this shortcode to list",
        "content/start/goals.md:18:1",
        "create content/resources.toml",
    );
}

#[test]
fn a_link_that_would_run_code() {
    let site = fragments_kit();
    let page = site.read("content/review/looking-back.md");
    site.write(
        "content/review/looking-back.md",
        &format!("{page}\nSee [our form](javascript:alert(1)).\n"),
    );
    assert_error(
        &site,
        "`javascript:` addresses are not allowed: `javascript:alert(1)` could run code in the reader's browser",
        "content/review/looking-back.md:9:5",
        "link to a page of this toolkit, a file under static/",
    );
}
