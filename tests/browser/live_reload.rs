//! Live reload, as an author sees it: `trellis serve` open in the browser beside the editor. A
//! save shows up in the open page by itself, a stylesheet change restyles it without a reload,
//! and a mistake is shown over the page until it is fixed.

use crate::common::running::Running;
use crate::common::TestSite;
use crate::driver::Js;
use crate::suite::{Checked, Shared};

pub async fn an_edit_shows_in_the_open_page_without_reloading_by_hand(s: &Shared) -> Checked {
    let site = TestSite::fixture("basic");
    let mut server = Running::start(&site, &["serve", "--port", "0"]);
    let line = server.wait_for("with the address", |l| l.starts_with("serving http://"));
    let base = line.trim_start_matches("serving ").to_string();
    let tab = s.tab(Js::On).await?;
    tab.open(&format!("{base}start/first/")).await?;
    tab.wait_until(
        "window.__trellis && document.querySelector('h1').textContent === 'First steps'",
    )
    .await?;

    site.edit(
        "content/start/first.md",
        "## Agree on goals",
        "Written while the page is open.\n\n## Agree on goals",
    );
    tab.wait_until("document.body.textContent.includes('Written while the page is open.')")
        .await?;

    // A stylesheet change restyles the page in place: a value set on the page survives it.
    tab.eval::<()>("window.kept = 'still here';", vec![])
        .await?;
    site.write("static/trellis.css", "body { color: rgb(1, 2, 3); }\n");
    tab.wait_until("getComputedStyle(document.body).color === 'rgb(1, 2, 3)'")
        .await?;
    let kept: String = tab
        .eval("return window.kept || 'reloaded';", vec![])
        .await?;
    assert_eq!(kept, "still here", "a CSS-only change reloaded the page");

    // A mistake is shown over the page, naming the file; fixing it clears it.
    site.write("content/start/first.md", "+++\ntitle = \n+++\n");
    tab.wait_until("(document.querySelector('[role=alert]') || {}).textContent?.includes('content/start/first.md:2')")
        .await?;
    site.write(
        "content/start/first.md",
        "+++\ntitle = \"First, fixed\"\n+++\n## Agree on goals\n",
    );
    tab.wait_until("!document.querySelector('[role=alert]') && document.querySelector('h1').textContent === 'First, fixed'")
        .await?;
    assert!(server.interrupt().success());
    Ok(())
}
