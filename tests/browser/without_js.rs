//! With JavaScript turned off (blocked scripts, old phones, strict settings), every page still
//! shows all its content: only saving, scoring and search need scripts.

use serde_json::json;

use crate::data;
use crate::driver::Js;
use crate::suite::{Checked, Shared, Tab};

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
        let url = format!("{}{page}", s.root.base);
        tab.open(&url).await?;
        let hidden: Vec<String> = tab.eval(HIDDEN, vec![json!(true)]).await?;
        if !hidden.is_empty() {
            let needs_js = hidden_only_without_js(s, &url, hidden).await?;
            problems.extend(needs_js.into_iter().map(|h| format!("{page}: {h}")));
        }
    }
    problems.extend(items_and_prompts_not_shown(s, &tab).await?);
    assert!(
        problems.is_empty(),
        "hidden without JavaScript:\n{}",
        problems.join("\n")
    );
    Ok(())
}

/// Of the content `url` hides without scripts, what it shows with them on the same phone. A
/// diagram drawn one way for narrow screens and another for wide ones hides one drawing either
/// way; that is layout, not a need for scripts.
async fn hidden_only_without_js(
    s: &Shared,
    url: &str,
    mut hidden: Vec<String>,
) -> Result<Vec<String>, String> {
    let tab = s.tab(Js::On).await?;
    tab.viewport(375, 800).await?;
    tab.open(url).await?;
    // Everything not rendered with scripts on, whatever the reason.
    for also in tab.eval::<Vec<String>>(HIDDEN, vec![json!(false)]).await? {
        if let Some(at) = hidden.iter().position(|h| *h == also) {
            hidden.remove(at);
        }
    }
    Ok(hidden)
}

/// Every checklist item and worksheet prompt of the toolkit's data, looked for in the text the
/// page renders on a phone (hidden parts are not in `innerText`).
async fn items_and_prompts_not_shown(s: &Shared, tab: &Tab<'_>) -> Result<Vec<String>, String> {
    let root = &s.example.root;
    let mut wanted: Vec<(String, Vec<String>)> = Vec::new();
    for phase in data::checklist_phases(root) {
        let items = data::checklist(root, &phase)
            .items
            .into_iter()
            .map(|i| i.text);
        wanted.push((format!("{phase}/checklist/index.html"), items.collect()));
    }
    for id in data::worksheet_ids(root) {
        let labels = data::worksheet(root, &id)
            .prompts()
            .into_iter()
            .map(|p| p.label);
        wanted.push((format!("worksheets/{id}/index.html"), labels.collect()));
    }
    let mut problems = Vec::new();
    for (page, texts) in wanted {
        tab.open(&format!("{}{page}", s.root.base)).await?;
        let shown: String = tab
            .eval("return document.querySelector('main').innerText;", vec![])
            .await?;
        let shown = data::squash(&shown);
        for text in texts
            .iter()
            .filter(|t| !shown.contains(&data::squash(&data::plain(t))))
        {
            problems.push(format!("{page}: {text:?} does not show"));
        }
    }
    Ok(problems)
}

/// Content of `main` that is not rendered, one line each. Never counted: what a closed
/// `<details>` folds away (its summary must show; opening it needs no script). With
/// `arguments[0]` true, neither is what the page marks `hidden` for its scripts to reveal
/// (controls that only work with them).
const HIDDEN: &str = r"
    const content = 'h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, label, legend, figcaption,'
      + ' blockquote, summary, pre, input:not([type=hidden]):not([type=file]), textarea, select, img, svg';
    const folded = e => {
      const details = e.parentElement && e.parentElement.closest('details:not([open])');
      return details && !details.querySelector(':scope > summary').contains(e);
    };
    const main = document.querySelector('main');
    if (!main) return ['no main element'];
    return [...main.querySelectorAll(content)]
      .filter(e => !(arguments[0] && e.closest('[hidden]')) && !folded(e))
      .filter(e => e.textContent.trim() || e.matches('input, textarea, select, img, svg'))
      // Opacity counts for text; a control may be see-through over its own styled stand-in.
      .filter(e => !e.checkVisibility({ visibilityProperty: true, opacityProperty: !e.matches('input') }))
      .map(e => `<${e.tagName.toLowerCase()}> ${e.textContent.trim().slice(0, 60) || e.outerHTML.slice(0, 80)}`);
";
