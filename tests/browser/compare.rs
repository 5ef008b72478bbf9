//! Comparing partners' answers, as a facilitator does it: two partners fill in the
//! self-assessment on their own, each saves their answers; the facilitator opens the compare
//! page, loads both files, and reads the group's scores and the statements worth discussing.
//! A file from another worksheet and a file loaded twice are named and left out; the comparison
//! saves and loads back.
//!
//! With `TRELLIS_SCREENSHOTS=<folder>` set, the check also leaves screenshots of the page at a
//! laptop's and a phone's width and the pages of its printout there (compare-*.png).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine;
use fantoccini::Locator;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::data::{self, Prompt};
use crate::driver::{Cdp, Js};
use crate::suite::{scratch, Checked, Shared, Tab};
use crate::tools::Paper;
use crate::worksheets::{downloaded, open_empty};

const SHEET: &str = "partnership-health";

/// Two partners' answers to the n-th scale statement: the first says "not applicable" wherever
/// it is offered; the second answers everything.
const FIRST: [i64; 11] = [4, 5, 1, 4, 5, 4, 4, 5, 2, 3, 0];
const SECOND: [i64; 11] = [2, 4, 4, 4, 3, 4, 2, 2, 4, 3, 4];

pub async fn two_partners_answers_compare_on_the_compare_page(s: &Shared) -> Checked {
    let sheet = data::worksheet(&s.example.root, SHEET);
    let scales: Vec<Prompt> = sheet
        .prompts()
        .into_iter()
        .filter(|p| p.kind == "scale")
        .collect();
    assert_eq!(
        scales.len(),
        FIRST.len(),
        "{SHEET}: the check expects 11 statements"
    );
    let tab = s.tab(Js::On).await?;
    let dir = scratch();
    let page = format!("{}worksheets/{SHEET}/index.html", s.root.base);
    open_empty(&tab, &page).await?;
    let sam = answer_and_save(&tab, &scales, "Sam", &FIRST, dir.path()).await?;
    tab.click_button("Clear answers").await?;
    tab.accept_alert().await.map_err(|e| e.to_string())?;
    let alex = answer_and_save(&tab, &scales, "Alex", &SECOND, dir.path()).await?;

    // The worksheet links to its compare page.
    tab.find(Locator::LinkText("Compare partners’ answers"))
        .await
        .map_err(|e| format!("{page}: no link to the compare page: {e}"))?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    tab.wait_until(
        "location.href.endsWith('/compare/index.html') && document.readyState === 'complete'",
    )
    .await?;
    let text: String = tab
        .eval("return document.querySelector('main').innerText;", vec![])
        .await?;
    assert!(
        text.contains("Nothing is uploaded"),
        "the page says nothing leaves the browser"
    );

    load(&tab, &[&sam, &alex]).await?;
    tab.wait_until("document.querySelector('[data-tr-group-scores]')")
        .await?;
    let want = expected(&sheet, &scales, &[&FIRST, &SECOND]);
    assert_eq!(
        shown(&tab).await?,
        want,
        "the group's scores and the statements worth discussing"
    );

    // The same file again, and a file of another worksheet: named, left out, the rest stays.
    let other = dir.path().join("plan.json");
    std::fs::write(
        &other,
        r#"{"trellis": 1, "worksheet": "action-plan", "answers": {}}"#,
    )?;
    load(&tab, &[&alex, &other]).await?;
    tab.wait_until("document.querySelectorAll('.compare-problem').length === 2")
        .await?;
    let problems: Vec<String> = tab
        .eval(
            "return [...document.querySelectorAll('.compare-problem')].map(e => e.textContent);",
            vec![],
        )
        .await?;
    assert!(
        problems[0].contains("the same answers as Alex"),
        "{problems:?}"
    );
    assert!(
        problems[1].contains("plan.json") && problems[1].contains("action-plan"),
        "{problems:?}"
    );
    assert_eq!(shown(&tab).await?, want, "after the files left out");
    axe_clean(s, &tab, "with two partners loaded").await?;

    screenshots(&tab, dir.path()).await?;

    // The comparison saves as one file and loads back into an empty page.
    tab.click_button("Save the comparison").await?;
    let saved = downloaded(tab.downloads(), &format!("{SHEET}-comparison.json")).await?;
    let comparison = dir.path().join("comparison.json");
    std::fs::rename(&saved, &comparison)?;
    tab.click_button("Start again").await?;
    tab.wait_until("!document.querySelector('[data-tr-group-scores]')")
        .await?;
    load(&tab, &[&comparison]).await?;
    tab.wait_until("document.querySelector('[data-tr-group-scores]')")
        .await?;
    assert_eq!(shown(&tab).await?, want, "the comparison loaded back");
    tab.open(&page).await?;
    tab.clear_storage().await?;
    Ok(())
}

/// A reflection and plan, not scored: every partner's answer under each prompt, and a table
/// prompt's rows merged with the partner's name on each. Opened from disk; one file pasted, one
/// dropped on the page.
pub async fn answers_in_words_show_side_by_side_and_tables_merge(s: &Shared) -> Checked {
    let tab = s.tab(Js::On).await?;
    tab.open(&format!(
        "{}worksheets/action-plan/compare/index.html",
        s.file_base()
    ))
    .await?;
    let files = [
        json!({ "trellis": 1, "worksheet": "action-plan", "name": "Robin",
                "answers": { "period": "Spring term", "steps": [["Book a room", "Robin", "May", ""]] } }),
        // Saved before names existed: shown as Partner 1.
        json!({ "trellis": 1, "worksheet": "action-plan",
                "answers": { "steps": [["Draft the survey", "Kai", "June", ""], ["Pilot it", "Kai", "July", ""]] } }),
    ];
    let paste = tab
        .find(Locator::Css("main textarea"))
        .await
        .map_err(|e| e.to_string())?;
    paste
        .send_keys(&files[0].to_string())
        .await
        .map_err(|e| e.to_string())?;
    tab.click_button("Add the pasted answers").await?;
    tab.wait_until("document.querySelectorAll('.compare-partners li').length === 1")
        .await?;
    let drop = r"
        const data = new DataTransfer();
        data.items.add(new File([arguments[0]], 'kai.json', { type: 'application/json' }));
        const zone = document.querySelector('[data-tr-drop]');
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    ";
    tab.eval::<()>(drop, vec![json!(files[1].to_string())])
        .await?;
    tab.wait_until("document.querySelectorAll('.compare-partners li').length === 2")
        .await?;
    let seen: Value = tab
        .eval(
            r#"const prompt = id => document.querySelector(`[data-prompt="${id}"]`);
               return {
                 period: [...prompt('period').querySelectorAll('li')].map(li => li.innerText.replace(/\s+/g, ' ').trim()),
                 steps: [...prompt('steps').querySelectorAll('tbody tr')].map(tr => [...tr.cells].map(c => c.innerText.trim())),
                 risks: prompt('risks').innerText.includes('No answer'),
               };"#,
            vec![],
        )
        .await?;
    assert_eq!(
        seen,
        json!({
            "period": ["1 Robin Spring term", "2 Partner 1 No answer"],
            "steps": [
                ["1 Robin", "Book a room", "Robin", "May", ""],
                ["2 Partner 1", "Draft the survey", "Kai", "June", ""],
                ["2 Partner 1", "Pilot it", "Kai", "July", ""],
            ],
            "risks": true,
        })
    );
    axe_clean(s, &tab, "with two plans loaded").await?;
    Ok(())
}

/// axe-core finds nothing on the open page at a phone's and a laptop's width.
async fn axe_clean(s: &Shared, tab: &Tab<'_>, when: &str) -> Result<(), String> {
    let axe = s.axe_url()?;
    let mut found = Vec::new();
    for width in [375, 1280] {
        tab.viewport(width, 900).await?;
        let tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
        found.extend(
            tab.axe(&axe, &tags)
                .await?
                .into_iter()
                .map(|v| format!("at {width} px: {v}")),
        );
    }
    tab.viewport(1280, 900).await?;
    assert!(found.is_empty(), "axe-core, {when}:\n{}", found.join("\n"));
    Ok(())
}

/// Types the partner's name, answers every statement, downloads the answers and keeps the file
/// under the partner's name.
async fn answer_and_save(
    tab: &Tab<'_>,
    scales: &[Prompt],
    name: &str,
    answers: &[i64],
    dir: &Path,
) -> Result<PathBuf, String> {
    let field = tab
        .find(Locator::Css("main [data-tr-name]"))
        .await
        .map_err(|e| format!("no name field: {e}"))?;
    field.send_keys(name).await.map_err(|e| e.to_string())?;
    for (p, a) in scales.iter().zip(answers) {
        let value = if *a == 0 {
            "na".to_string()
        } else {
            a.to_string()
        };
        let css = format!(
            "main [data-tr-prompt=\"{}\"] input[value=\"{value}\"]",
            p.id()
        );
        let input = tab
            .find(Locator::Css(&css))
            .await
            .map_err(|e| format!("{css}: {e}"))?;
        input
            .find(Locator::XPath("./ancestor::label"))
            .await
            .map_err(|e| e.to_string())?
            .click()
            .await
            .map_err(|e| format!("{css}: {e}"))?;
    }
    tab.click_button("Save my answers to a file").await?;
    let file = downloaded(tab.downloads(), &format!("{SHEET}-answers.json")).await?;
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    assert_eq!(
        saved["name"],
        json!(name),
        "the name is saved with the answers"
    );
    let kept = dir.join(format!("{name}.json"));
    std::fs::rename(&file, &kept).map_err(|e| e.to_string())?;
    Ok(kept)
}

/// Chooses files in the compare page's file picker.
async fn load(tab: &Tab<'_>, files: &[&Path]) -> Result<(), String> {
    let paths: Vec<String> = files
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    tab.find(Locator::Css("main input[type=file]"))
        .await
        .map_err(|e| e.to_string())?
        .send_keys(&paths.join("\n"))
        .await
        .map_err(|e| format!("cannot choose {paths:?}: {e}"))
}

/// What the page shows: each group's row (mean, lowest, highest, band) and the statements
/// worth discussing, in order.
#[derive(Deserialize, Debug, PartialEq)]
struct Shown {
    groups: BTreeMap<String, [String; 4]>,
    discuss: Vec<String>,
}

async fn shown(tab: &Tab<'_>) -> Result<Shown, String> {
    let script = r"
        const groups = {};
        for (const row of document.querySelectorAll('[data-tr-group-scores] [data-group]')) {
          groups[row.dataset.group] = ['.cmp-mean', '.cmp-low', '.cmp-high', '.cmp-band']
            .map(c => row.querySelector(c).textContent.trim());
        }
        const discuss = [...document.querySelectorAll('[data-tr-discuss] li')].map(li => li.dataset.item);
        return { groups, discuss };
    ";
    tab.eval(script, vec![]).await
}

/// The rule of docs/format.md applied to the group: a factor's (or category's) mean of every
/// partner's answered statements, reversed ones as max + min - answer, N/A left out, rounded half
/// up to one decimal; lowest and highest of the partners' own scores; statements whose answers
/// are 2 or more points apart (on this 1-5 scale), the widest first.
fn expected(sheet: &data::Worksheet, scales: &[Prompt], partners: &[&[i64; 11]]) -> Shown {
    let bands = &sheet.scoring.as_ref().expect("scored").bands;
    let value = |p: &Prompt, a: i64| if p.reverse { 6 - a } else { a } as f64;
    let round = |x: f64| (x * 10.0 + 0.5).floor() / 10.0;
    let mean = |v: &[f64]| (!v.is_empty()).then(|| round(v.iter().sum::<f64>() / v.len() as f64));
    let band = |x: f64| {
        let fitting = bands.iter().filter(|b| b.min <= x + 1e-9);
        fitting
            .max_by(|a, b| a.min.total_cmp(&b.min))
            .map_or(String::new(), |b| b.label.clone())
    };
    let mut groups = BTreeMap::new();
    for (kind, key) in [
        (
            "factor",
            (|p| p.factor.as_ref()) as fn(&Prompt) -> Option<&String>,
        ),
        ("category", |p| p.category.as_ref()),
    ] {
        let names: std::collections::BTreeSet<&String> = scales.iter().filter_map(key).collect();
        for name in names {
            let of = |answers: &[i64; 11]| -> Vec<f64> {
                scales
                    .iter()
                    .zip(answers)
                    .filter(|(p, a)| key(p) == Some(name) && **a != 0)
                    .map(|(p, a)| value(p, *a))
                    .collect()
            };
            let all: Vec<f64> = partners.iter().flat_map(|a| of(a)).collect();
            let own: Vec<f64> = partners.iter().filter_map(|a| mean(&of(a))).collect();
            let m = mean(&all).expect("answered");
            let f = |x: f64| format!("{x:.1}");
            let low = own.iter().copied().fold(f64::MAX, f64::min);
            let high = own.iter().copied().fold(f64::MIN, f64::max);
            groups.insert(format!("{kind}:{name}"), [f(m), f(low), f(high), band(m)]);
        }
    }
    let mut discuss: Vec<(i64, usize, String)> = Vec::new();
    for (n, p) in scales.iter().enumerate() {
        let values: Vec<i64> = partners.iter().map(|a| a[n]).filter(|a| *a != 0).collect();
        let spread = values.iter().max().unwrap() - values.iter().min().unwrap();
        if values.len() > 1 && spread >= 2 {
            discuss.push((-spread, n, p.id().to_string()));
        }
    }
    discuss.sort();
    Shown {
        groups,
        discuss: discuss.into_iter().map(|d| d.2).collect(),
    }
}

/// The page at a laptop's and a phone's width, and its printout, as PNG files, when
/// `TRELLIS_SCREENSHOTS` names a folder.
async fn screenshots(tab: &Tab<'_>, scratch: &Path) -> Result<(), String> {
    let Some(out) = std::env::var_os("TRELLIS_SCREENSHOTS").map(PathBuf::from) else {
        return Ok(());
    };
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    // Pages of an earlier, longer printout would stay behind.
    for old in std::fs::read_dir(&out)
        .map_err(|e| e.to_string())?
        .flatten()
    {
        let name = old.file_name().to_string_lossy().into_owned();
        if name.starts_with("compare-print-") || name.starts_with("compare-375-part") {
            std::fs::remove_file(old.path()).map_err(|e| e.to_string())?;
        }
    }
    for (width, name) in [(1280, "compare-1280.png"), (375, "compare-375.png")] {
        tab.viewport(width, 900).await?;
        let shot = tab
            .issue_cmd(Cdp {
                method: "Page.captureScreenshot",
                params: json!({ "format": "png", "captureBeyondViewport": true }),
            })
            .await
            .map_err(|e| e.to_string())?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap_or_default())
            .map_err(|e| e.to_string())?;
        std::fs::write(out.join(name), png).map_err(|e| e.to_string())?;
    }
    // The phone's page is long: screenfuls of it too, to look at in full size.
    tab.viewport(375, 900).await?;
    let height: f64 = tab
        .eval("return document.documentElement.scrollHeight;", vec![])
        .await?;
    for (n, top) in (0..(height as u32)).step_by(1600).enumerate() {
        let shot = tab
            .issue_cmd(Cdp {
                method: "Page.captureScreenshot",
                params: json!({ "format": "png", "captureBeyondViewport": true,
                    "clip": { "x": 0, "y": top, "width": 375, "height": 1600, "scale": 1 } }),
            })
            .await
            .map_err(|e| e.to_string())?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap_or_default())
            .map_err(|e| e.to_string())?;
        std::fs::write(out.join(format!("compare-375-part{}.png", n + 1)), png)
            .map_err(|e| e.to_string())?;
    }
    tab.viewport(1280, 900).await?;
    let pdf = scratch.join("compare.pdf");
    std::fs::write(&pdf, tab.print_pdf(Paper::LETTER.other()).await?).map_err(|e| e.to_string())?;
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(&pdf)
        .arg(out.join("compare-print"))
        .status()
        .map_err(|e| e.to_string())?;
    assert!(status.success(), "pdftoppm failed");
    Ok(())
}
