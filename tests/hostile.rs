//! Hostile and careless input, one story each: a typo that used to hang every command, templates
//! that used to crash the process, links that used to publish the build machine's secrets, and
//! builds killed or run twice at once. Every run here is bounded (common::TestSite::run kills and
//! fails a run that does not end), so a hang fails the test instead of stalling the suite.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::http;
use common::running::{serve, Running, PATIENCE};
use common::TestSite;

fn with_page(name: &str, text: &str) -> TestSite {
    let site = TestSite::fixture("basic");
    site.write(&format!("content/start/{name}"), text);
    site
}

fn page(body: &str) -> String {
    format!("+++\ntitle = \"Hostile\"\n+++\n{body}")
}

/// The messages of a run, one per `error:` or `warning:` line.
fn headlines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error:") || l.starts_with("warning:"))
        .collect()
}

// 1. Every input finishes.

#[test]
fn raw_html_with_an_unclosed_quote_builds_instead_of_hanging() {
    // The print pages rewrite every page's HTML; a `>` inside a never-closed attribute used to
    // stop that scanner forever (build, check, watch and serve all spun at 100% CPU).
    let site = with_page(
        "note.md",
        &page("<div class=\"note>Remember the agenda.</div>\n\n<p title='x>y</p>\n\nAfter the note.\n"),
    );
    site.build().assert_ok();
    assert!(site.output("print/index.html").contains("After the note."));
    site.check().assert_ok();
}

#[test]
fn a_template_cut_off_inside_an_attribute_finishes() {
    let site = TestSite::fixture("basic");
    site.write(
        "templates/shortcodes/note.html",
        "<aside class=\"note>{{ body | safe }}</aside><span title='",
    );
    site.write(
        "content/start/note.md",
        &page("{{ note() }}\nA body.\n{{ end }}\n"),
    );
    let run = site.build();
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
}

/// A toolkit whose one page takes seconds to build in a debug binary.
fn slow_site() -> TestSite {
    let site = TestSite::fixture("basic");
    add_huge_page(&site);
    site
}

/// A page of 100,000 sections: seconds of work for a debug build.
fn add_huge_page(site: &TestSite) {
    let paragraph = "A paragraph with [a link](first.md), **bold words**, `code` and a list:\n\n- one\n- two\n\n";
    let mut body = String::new();
    for i in 0..100_000 {
        body.push_str(&format!("## Part {i}\n\n{paragraph}"));
    }
    site.write("content/start/huge.md", &page(&body));
}

#[test]
fn ctrl_c_and_sigterm_end_watch_and_serve_even_while_a_build_runs() {
    let site = slow_site();
    let temp = tempfile::tempdir().unwrap();
    let tmpdir = temp.path().to_str().unwrap();
    for (args, signal) in [
        (&["watch", "--output", "out"][..], "INT"),
        (&["serve", "--port", "0"][..], "TERM"),
    ] {
        let mut running = Running::start_with(&site, args, &[("TMPDIR", tmpdir)]);
        // Long enough for the signal handlers to be in place even on a loaded machine; the
        // first build (of a page of 100,000 sections) takes far longer.
        std::thread::sleep(Duration::from_millis(1000));
        let sent = Instant::now();
        running.signal(signal);
        let took = sent.elapsed();
        assert!(
            took < Duration::from_secs(8),
            "{} took {took:?} to stop after SIG{signal}",
            args[0]
        );
        let left: Vec<_> = std::fs::read_dir(temp.path()).unwrap().flatten().collect();
        assert!(left.is_empty(), "{} left {left:?} behind", args[0]);
    }
}

// 3. Templates cannot crash the process.

#[test]
fn a_shortcode_that_includes_itself_is_an_error_naming_the_loop() {
    let site = TestSite::fixture("basic");
    site.write(
        "templates/shortcodes/note.html",
        "<aside>{% include \"shortcodes/note.html\" %}</aside>",
    );
    let run = site.check();
    run.assert_toolkit_error()
        .assert_stderr("error: shortcodes/note.html includes itself: shortcodes/note.html -> shortcodes/note.html")
        .assert_stderr("┌─ templates/shortcodes/note.html:1:");
}

#[test]
fn an_include_cycle_and_a_recursive_macro_are_errors_not_crashes() {
    let site = TestSite::fixture("basic");
    site.write(
        "templates/partials/a.html",
        "{% include \"partials/b.html\" %}",
    );
    site.write(
        "templates/partials/b.html",
        "{% include \"partials/a.html\" %}",
    );
    site.check()
        .assert_toolkit_error()
        .assert_stderr("partials/a.html -> partials/b.html -> partials/a.html");

    let site = TestSite::fixture("basic");
    site.write(
        "templates/macros.html",
        "{% macro down(n) %}{{ self::down(n=n - 1) }}{% endmacro %}",
    );
    site.check().assert_toolkit_error().assert_stderr(
        "the macro `down` in macros.html calls itself: macros.html::down -> macros.html::down",
    );
}

#[test]
fn a_loop_over_an_enormous_range_and_get_env_are_errors() {
    let site = TestSite::fixture("basic");
    site.write(
        "templates/shortcodes/many.html",
        "{% for i in range(end=100000000000) %}{{ i }}{% endfor %}",
    );
    site.write("content/start/many.md", &page("{{ many() }}\n"));
    site.check()
        .assert_toolkit_error()
        .assert_stderr("`range` would make 100000000000 numbers; at most 10000 are allowed");

    let site = TestSite::fixture("basic");
    site.write(
        "templates/shortcodes/env.html",
        "{{ get_env(name=\"TRELLIS_TEST_SECRET\") }}",
    );
    site.write("content/start/env.md", &page("{{ env() }}\n"));
    let run = site.run_with(&["build"], &[("TRELLIS_TEST_SECRET", "hunter2")]);
    run.assert_toolkit_error()
        .assert_stderr("templates cannot read the environment");
    assert!(!site.public().exists());
}

// 4. Nothing from outside the toolkit reaches the output.

#[cfg(unix)]
#[test]
fn links_leaving_the_toolkit_are_errors_naming_the_link() {
    use std::os::unix::fs::symlink;
    let site = TestSite::fixture("basic");
    std::fs::create_dir_all(site.root.join("static")).unwrap();
    symlink("/proc/self/environ", site.root.join("static/env.txt")).unwrap();
    symlink("/etc", site.root.join("static/etc")).unwrap();
    symlink("/dev/zero", site.root.join("content/start/zero.md")).unwrap();
    let run = site.run_with(&["build"], &[("TRELLIS_TEST_SECRET", "hunter2")]);
    run.assert_toolkit_error()
        .assert_stderr(
            "error: static/env.txt is a link to /proc/self/environ, outside this toolkit",
        )
        .assert_stderr("error: static/etc is a link to /etc, outside this toolkit")
        .assert_stderr("error: content/start/zero.md is a link to /dev/zero, outside this toolkit")
        .assert_stderr("copy the file into the toolkit instead of linking to it");
    assert!(!site.public().exists());

    // A link that stays inside the toolkit is fine.
    let site = TestSite::fixture("basic");
    std::fs::create_dir_all(site.root.join("static/files")).unwrap();
    std::fs::write(site.root.join("static/files/guide.txt"), "guide").unwrap();
    symlink("files/guide.txt", site.root.join("static/guide.txt")).unwrap();
    site.build().assert_ok();
    assert_eq!(site.output("guide.txt"), "guide");
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_an_error_not_a_build_that_never_ends() {
    let site = TestSite::fixture("basic");
    std::fs::create_dir_all(site.root.join("static")).unwrap();
    for fifo in ["static/pipe.txt", "content/start/pipe.md"] {
        let made = std::process::Command::new("mkfifo")
            .arg(site.root.join(fifo))
            .status()
            .unwrap();
        assert!(made.success());
    }
    site.build()
        .assert_toolkit_error()
        .assert_stderr("error: static/pipe.txt is a special file (a named pipe, device or socket)")
        .assert_stderr("error: content/start/pipe.md is a special file");
}

#[test]
fn a_theme_must_be_a_folder_under_themes() {
    let site = TestSite::fixture("basic");
    site.edit("site.toml", "[toolkit]", "theme = \"/etc\"\n\n[toolkit]");
    site.check()
        .assert_toolkit_error()
        .assert_stderr("error: `/etc` is not a theme name")
        .assert_stderr("┌─ site.toml:4:9");
}

// 5. Dangerous URLs are refused everywhere.

#[test]
fn javascript_and_data_urls_are_errors_wherever_they_are_written() {
    // site.toml is read first: its own addresses are checked before anything else.
    let site = TestSite::fixture("interactive");
    site.edit(
        "site.toml",
        "version = \"1.0\"",
        "version = \"1.0\"\nbase_url = \"javascript:alert(1)//\"\n\n[organization]\nname = \"Centre\"\nurl = \"  JaVaScRiPt:alert(2)\"",
    );
    site.check()
        .assert_toolkit_error()
        .assert_stderr("error: base_url: `javascript:` addresses are not allowed")
        .assert_stderr("┌─ site.toml:4:12")
        .assert_stderr("error: organization.url: `javascript:` addresses are not allowed")
        .assert_stderr("┌─ site.toml:8:7");

    // Then the menu, the checklists and the pages.
    let site = TestSite::fixture("interactive");
    site.edit(
        "site.toml",
        "version = \"1.0\"",
        "version = \"1.0\"\n\n[[menu]]\ntitle = \"Evil\"\nurl = \"data:text/html,<script>alert(3)</script>\"",
    );
    site.edit(
        "content/start/checklist.toml",
        "page = \"goals.md\"",
        "page = \"vbscript:msgbox(4)\"",
    );
    site.write(
        "content/start/evil.md",
        &page("A [link](javascript:alert(5)) and ![a picture](data:image/svg+xml,<svg/onload=alert(6)>).\n"),
    );
    let run = site.check();
    run.assert_toolkit_error();
    for needle in [
        "menu: `data:` addresses are not allowed",
        "┌─ site.toml:7:7",
        "`vbscript:` addresses are not allowed",
        "┌─ content/start/checklist.toml:8:8",
        "`javascript:` addresses are not allowed: `javascript:alert(5)`",
        "┌─ content/start/evil.md:4:3",
        "`data:` addresses are not allowed: `data:image/svg+xml",
    ] {
        run.assert_stderr(needle);
    }

    let site = TestSite::fixture("basic");
    let run = site.run(&["build", "--base-url", "javascript:alert(1)"]);
    run.assert_code(2)
        .assert_stderr("`javascript:` addresses are not allowed");
}

#[test]
fn a_missing_logo_is_an_error_that_says_where_the_file_goes() {
    let site = TestSite::fixture("basic");
    site.edit(
        "site.toml",
        "[toolkit]",
        "[organization]\nname = \"Centre\"\nlogo = \"images/logo.svg\"\n\n[toolkit]",
    );
    site.check()
        .assert_toolkit_error()
        .assert_stderr("error: the logo `images/logo.svg` is not a file under static/")
        .assert_stderr("put the file at static/images/logo.svg");
    site.write(
        "static/images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.check().assert_ok();
}

// 6. Builds that are killed or race leave nothing behind.

/// Nothing of a build is left beside the output: every side folder was swapped in or removed.
fn assert_no_side_folders(root: &Path) {
    let left = side_folders(root);
    assert!(left.is_empty(), "{left:?}");
}

fn side_folders(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".trellis-"))
        .collect()
}

#[test]
fn the_next_build_removes_what_killed_builds_left() {
    let site = TestSite::fixture("basic");
    for stale in [".public.trellis-new-4000001", ".public.trellis-old-4000002"] {
        site.write(&format!("{stale}/index.html"), "half a build");
    }
    site.build().assert_ok();
    assert_no_side_folders(&site.root);
}

#[test]
fn a_build_killed_half_way_leaves_the_old_output_and_the_next_cleans_up() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let before = site.output("index.html");
    add_huge_page(&site);
    // Kill builds at several moments; the output is always the old one or a whole new one.
    for wait in [300, 900, 1800] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_trellis"))
            .arg("build")
            .current_dir(&site.root)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(wait));
        let _ = child.kill();
        let _ = child.wait();
        let now = site.output("index.html");
        assert!(
            now == before || now.contains("Hostile"),
            "a half-written output"
        );
    }
    site.build().assert_ok();
    assert_no_side_folders(&site.root);
}

#[test]
fn two_builds_into_one_folder_both_succeed_one_after_the_other() {
    let site = TestSite::example();
    let start = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_trellis"))
            .arg("build")
            .current_dir(&site.root)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let runs = [start(), start(), start()];
    for run in runs {
        let out = run.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(!stderr.contains("No such file"), "{stderr}");
    }
    assert!(site.output("index.html").contains("Working in Partnership"));
    assert_no_side_folders(&site.root);
}

// 7. The dev server holds up.

#[test]
fn serve_answers_head_like_get_and_long_names_with_the_404_page() {
    use std::io::{Read, Write};
    let site = TestSite::fixture("basic");
    let (mut server, addr) = serve(&site, &[]);
    let get = http::get(&addr, "/");
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "HEAD / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut head = String::new();
    stream.read_to_string(&mut head).unwrap();
    let length = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(str::to_string)
        })
        .expect("HEAD has a Content-Length");
    assert_eq!(length.trim(), get.body.len().to_string(), "{head}");
    assert!(head.ends_with("\r\n\r\n"), "HEAD has no body: {head}");

    let long = http::get(&addr, &format!("/{}/", "a".repeat(4000)));
    assert_eq!(long.status, 404);
    assert!(
        long.body.contains("<html"),
        "the 404 page, not an empty answer"
    );
    server.interrupt();
}

#[test]
fn serve_drops_a_client_that_sends_nothing() {
    use std::io::Read;
    let site = TestSite::fixture("basic");
    let (mut server, addr) = serve(&site, &[]);
    let mut idle = std::net::TcpStream::connect(&addr).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let start = Instant::now();
    let mut buf = [0u8; 64];
    let read = idle.read(&mut buf);
    assert!(
        matches!(read, Ok(0) | Err(_)) && start.elapsed() < Duration::from_secs(25),
        "an idle connection was kept {:?}",
        start.elapsed()
    );
    // The server still answers others.
    assert_eq!(http::get(&addr, "/").status, 200);
    server.interrupt();
}

#[test]
fn binding_beyond_this_computer_is_a_warning() {
    let site = TestSite::fixture("basic");
    let mut server = Running::start(&site, &["serve", "--port", "0", "--bind", "0.0.0.0"]);
    server.wait_for("the network warning", |l| {
        l.contains("warning: --bind 0.0.0.0: the site and its live-reload stream are visible to other computers")
    });
    server.interrupt();
}

// 8. A file never silently replaces a generated page.

#[test]
fn static_files_at_a_pages_address_are_left_out_with_a_warning() {
    let site = TestSite::fixture("basic");
    site.write("static/index.html", "<p>not the home page</p>");
    site.write(
        "static/404.html",
        "<!DOCTYPE html><title>Lost</title><p>Our own 404</p>",
    );
    site.write("content/more/folder/index.md", &page("In a folder.\n"));
    site.write("content/more/folder/index.html", "<p>a stray file</p>");
    let run = site.build();
    run.assert_ok()
        .assert_stderr("warning: static/index.html would be published at index.html, the address of the page made from content/_index.md, so it is left out")
        .assert_stderr("warning: content/more/folder/index.html would be published at more/folder/index.html, the address of the page made from content/more/folder/index.md");
    assert!(site.output("index.html").contains("Basic Toolkit"));
    assert!(site
        .output("more/folder/index.html")
        .contains("In a folder."));
    assert!(
        site.output("404.html").contains("Our own 404"),
        "static/404.html is used"
    );
}

// 9. Smaller message bugs.

#[test]
fn old_mac_line_breaks_are_line_breaks_and_positions_stay_true() {
    let site = with_page(
        "mac.md",
        "+++\rtitle = \"Mac\"\r+++\r## First\r\rSee [nowhere](missing.md).\r",
    );
    site.check()
        .assert_toolkit_error()
        .assert_stderr("┌─ content/start/mac.md:6:5");
}

#[test]
fn a_file_that_cannot_be_decoded_gets_one_error_and_links_to_it_none() {
    let site = TestSite::fixture("basic");
    site.write_bytes("content/start/latin.md", b"+++\ntitle = \"Caf\xe9\"\n+++\n");
    site.write(
        "content/start/link.md",
        &page("See [the caf\u{e9}](latin.md).\n"),
    );
    let run = site.check();
    run.assert_toolkit_error();
    let lines = headlines(&run.stderr);
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(lines[0].contains("not saved as UTF-8"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_exits_with_the_io_code() {
    use std::os::unix::fs::PermissionsExt;
    let site = with_page("locked.md", &page("Locked.\n"));
    let path = site.root.join("content/start/locked.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Root reads anything: nothing to test on this machine.
        return;
    }
    let run = site.check();
    run.assert_code(2).assert_stderr("could not read");
}

#[test]
fn slugs_that_are_too_long_or_empty_say_what_to_write() {
    let long = "a".repeat(240);
    let site = with_page(
        "long.md",
        &format!("+++\ntitle = \"Long\"\nslug = \"{long}\"\n+++\n"),
    );
    site.check()
        .assert_toolkit_error()
        .assert_stderr("error: the slug is 240 characters long; at most 200 fit in a web address")
        .assert_stderr("┌─ content/start/long.md:3:8");
    let site = with_page(
        "empty-slug.md",
        "+++\ntitle = \"Empty\"\nslug = \"\"\n+++\n",
    );
    site.check()
        .assert_toolkit_error()
        .assert_stderr("error: the slug is empty")
        .assert_stderr("such as slug = \"empty-slug\", or remove the slug line");
}

#[test]
fn a_link_to_a_file_under_static_suggests_at_static() {
    let site = with_page("guide.md", &page("Get [the guide](files/guide.pdf).\n"));
    site.write("static/files/guide.pdf", "%PDF-1.4");
    site.check()
        .assert_toolkit_error()
        .assert_stderr("did you mean @static/files/guide.pdf?");
}
