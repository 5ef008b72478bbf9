//! `trellis serve`, as an author meets it: the site on 127.0.0.1 with live reload, over real
//! TCP on the loopback interface only.

mod common;

use std::sync::{Arc, Barrier};

use common::http::{self, EventStream};
use common::running::Running;
use common::TestSite;

/// `trellis serve` on a free port, bound to loopback; returns it and its address.
fn serve(site: &TestSite, extra: &[&str]) -> (Running, String) {
    let (server, addr) = common::running::serve(site, extra);
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    (server, addr)
}

#[test]
fn pages_are_served_with_their_content_types_and_the_live_reload_script() {
    let site = TestSite::example();
    let (mut server, addr) = serve(&site, &[]);
    let home = http::get(&addr, "/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
    assert!(home.body.contains("Working in Partnership"));
    let script = home
        .body
        .find("trellis serve: live reload")
        .expect("the script is added");
    assert!(
        script < home.body.rfind("</body>").unwrap(),
        "the script goes inside <body>"
    );

    for (path, kind) in [
        ("/getting-started/defining-roles/", "text/html"),
        ("/getting-started/defining-roles/index.html", "text/html"),
        ("/trellis.css", "text/css"),
        ("/images/logo.svg", "image/svg+xml"),
        (
            "/throughout/regular-check-ins/check-in-rhythm.svg",
            "image/svg+xml",
        ),
    ] {
        let r = http::get(&addr, path);
        assert_eq!(r.status, 200, "{path}");
        let got = r.header("content-type").unwrap_or_default();
        assert!(got.starts_with(kind), "{path}: {got}");
    }
    let css = http::get(&addr, "/trellis.css");
    assert!(
        !css.body.contains("live reload"),
        "only HTML gets the script"
    );
    assert!(server.interrupt().success());
}

#[test]
fn a_missing_page_gets_the_sites_404_page() {
    let site = TestSite::fixture("basic");
    let (mut server, addr) = serve(&site, &[]);
    let r = http::get(&addr, "/no/such/page/");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("Page not found"), "{}", r.body);
    assert!(
        r.body.contains("live reload"),
        "the 404 page reloads too once the page exists"
    );
    assert!(server.interrupt().success());
}

#[test]
fn nothing_outside_the_output_folder_is_served() {
    let site = TestSite::fixture("basic");
    // The output inside the toolkit, so site.toml sits one folder above it.
    let (mut server, addr) = serve(&site, &["--output", "out"]);
    assert_eq!(http::get(&addr, "/index.html").status, 200);
    for path in [
        "/../site.toml",
        "/./../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/site.toml",
        "/.%2e/site.toml",
        "/..%2fsite.toml",
        "/..%2Fsite.toml",
        "/start/..%2f..%2fsite.toml",
        "/start/%2e%2e/%2e%2e/site.toml",
        "/..%5csite.toml",
        "/..\\site.toml",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/%2Fetc/passwd",
        "/etc/passwd%00.html",
        &format!("/{}", site.root.join("site.toml").display()),
    ] {
        let r = http::get(&addr, path);
        assert!(matches!(r.status, 400 | 404), "{path}: {}", r.status);
        assert!(!r.body.contains("title = "), "{path} leaked site.toml");
        assert!(!r.body.contains("root:"), "{path} leaked /etc/passwd");
    }
    assert!(server.interrupt().success());
}

#[test]
fn two_hundred_concurrent_connections_are_all_answered() {
    let site = TestSite::fixture("basic");
    let (mut server, addr) = serve(&site, &[]);
    let expected = http::get(&addr, "/start/first/").body;
    const CLIENTS: usize = 200;
    // Every client connects first, then all send at once: 200 connections open together.
    let ready = Arc::new(Barrier::new(CLIENTS));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (addr, ready) = (addr.clone(), ready.clone());
            std::thread::spawn(move || {
                let mut stream = std::net::TcpStream::connect(&addr).expect("connect");
                stream
                    .set_read_timeout(Some(common::running::PATIENCE))
                    .unwrap();
                ready.wait();
                use std::io::Write;
                write!(
                    stream,
                    "GET /start/first/ HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
                )
                .unwrap();
                http::read_response(stream)
            })
        })
        .collect();
    for c in clients {
        let r = c.join().expect("a client thread");
        assert_eq!(r.status, 200);
        assert_eq!(r.body, expected);
    }
    assert!(server.interrupt().success());
}

#[test]
fn a_change_sends_a_reload_event_naming_the_changed_page() {
    let site = TestSite::fixture("basic");
    let (mut server, addr) = serve(&site, &[]);
    let mut events = EventStream::open(&addr, "/__trellis/events");
    let hello = events.next_data();
    assert!(
        hello.contains(r#""kind":"hello""#) && hello.contains(r#""error":null"#),
        "{hello}"
    );

    site.edit(
        "content/start/first.md",
        "## Agree on goals",
        "A sentence added while the page is open.\n\n## Agree on goals",
    );
    let built = events.next_with(r#""kind":"built""#);
    // The page itself, the print pages that hold it and the search index; nothing else
    // changed. (Open pages do not reload for the search index: they load it when searching.)
    let expected = r#""changed":["print/index.html","print/start/index.html","search/search-index.js","search/text-0.js","start/first/index.html"]"#;
    assert!(built.contains(expected), "{built}");
    assert!(http::get(&addr, "/start/first/")
        .body
        .contains("A sentence added while the page is open."));

    // A stylesheet change lists the stylesheet (and the 404 page, which inlines it) but no page
    // that is open, so open pages swap the stylesheet without reloading.
    site.write("static/trellis.css", "body { color: black; }\n");
    let built = events.next_with(r#""kind":"built""#);
    assert!(
        built.contains(r#""changed":["404.html","trellis.css"]"#),
        "{built}"
    );
    assert!(server.interrupt().success());
}

#[test]
fn a_build_error_is_sent_to_the_browser_and_the_last_good_site_stays_served() {
    let site = TestSite::fixture("basic");
    let (mut server, addr) = serve(&site, &[]);
    let mut events = EventStream::open(&addr, "/__trellis/events");
    events.next_data();

    site.write("content/start/second.md", "+++\ntitle = \n+++\n");
    let failed = events.next_with(r#""kind":"failed""#);
    assert!(failed.contains("content/start/second.md:2:"), "{failed}");
    assert_eq!(
        http::get(&addr, "/start/second/").status,
        200,
        "the last good page is still served"
    );
    // A page opened now hears about the error at once.
    let hello = EventStream::open(&addr, "/__trellis/events").next_data();
    assert!(hello.contains("content/start/second.md:2:"), "{hello}");

    site.write(
        "content/start/second.md",
        "+++\ntitle = \"Second\"\n+++\n## A heading\n",
    );
    let built = events.next_with(r#""kind":"built""#);
    assert!(built.contains("start/second/index.html"), "{built}");
    assert!(server.interrupt().success());
}

#[test]
fn ctrl_c_stops_the_server_and_removes_its_temporary_folder() {
    let site = TestSite::fixture("basic");
    let mut server = Running::start(&site, &["serve", "--port", "0"]);
    let built = server.wait_for("with the output folder", |l| l.starts_with("built "));
    let folder = built
        .rsplit("-> ")
        .next()
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    let temp = std::path::Path::new(&folder)
        .parent()
        .unwrap()
        .to_path_buf();
    assert!(temp.join("site/index.html").is_file(), "{built}");
    server.wait_for("with the address", |l| l.starts_with("serving http://"));
    assert!(server.interrupt().success(), "{}", server.log.join("\n"));
    assert!(!temp.exists(), "{} was left behind", temp.display());
    assert!(!site.public().exists(), "serve wrote public/");
}

#[test]
fn the_live_reload_script_is_never_in_built_output() {
    let site = TestSite::example();
    let (mut server, addr) = serve(&site, &["--output", "served"]);
    assert!(http::get(&addr, "/").body.contains("live reload"));
    assert!(server.interrupt().success());
    site.build().assert_ok();
    for dir in ["public", "served"] {
        for (path, bytes) in common::snapshot(&site.root.join(dir)) {
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("__trellis"),
                "{dir}/{} has the script",
                path.display()
            );
        }
    }
}
