//! With JavaScript turned off (blocked scripts, old phones, strict settings), every page still
//! shows all its content: only saving, scoring and search need scripts.

use crate::driver::Js;
use crate::suite::{Checked, Shared};

pub async fn every_page_shows_its_content_without_javascript(s: &Shared) -> Checked {
    let tab = s.tab(Js::Off).await?;
    // First make sure this browser really runs no page script, or the check proves nothing.
    tab.open("data:text/html,<title>off</title><script>document.title = 'on'</script>")
        .await?;
    assert_eq!(
        tab.title().await.map_err(|e| e.to_string())?,
        "off",
        "scripts ran in the no-JavaScript session"
    );
    tab.viewport(375, 800).await?;
    let mut problems = Vec::new();
    for page in s.pages() {
        tab.open(&format!("{}{page}", s.root.base)).await?;
        let hidden: Vec<String> = tab.eval(HIDDEN, vec![]).await?;
        problems.extend(hidden.into_iter().map(|h| format!("{page}: {h}")));
    }
    assert!(
        problems.is_empty(),
        "hidden without JavaScript:\n{}",
        problems.join("\n")
    );
    Ok(())
}

/// Content of `main` that is not rendered. Exempt: what a closed `<details>` folds away (its
/// summary must show, and opening it needs no script) and what the page marks `hidden` for
/// scripts to reveal (controls that only work with them).
const HIDDEN: &str = r#"
    const content = 'h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, label, legend, figcaption,'
      + ' blockquote, summary, pre, input:not([type=hidden]):not([type=file]), textarea, select, img, svg';
    const folded = e => {
      const details = e.parentElement && e.parentElement.closest('details:not([open])');
      return details && !details.querySelector(':scope > summary').contains(e);
    };
    const main = document.querySelector('main');
    if (!main) return ['no main element'];
    return [...main.querySelectorAll(content)]
      .filter(e => !e.closest('[hidden]') && !folded(e))
      .filter(e => e.textContent.trim() || e.matches('input, textarea, select, img, svg'))
      // Opacity counts for text; a control may be see-through over its own styled stand-in.
      .filter(e => !e.checkVisibility({ visibilityProperty: true, opacityProperty: !e.matches('input') }))
      .map(e => `<${e.tagName.toLowerCase()}> ${e.textContent.trim().slice(0, 60) || e.outerHTML.slice(0, 80)}`);
"#;
