//! Worksheets on screen: a partner types answers in every kind of prompt, comes back later and
//! finds them; downloads them, clears the page and loads them back; and a self-assessment shows
//! the scores its rule gives.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::data::{self, Prompt, Worksheet};
use crate::driver::Js;
use crate::suite::{Checked, Shared, Tab};

const EVERY_KIND: [&str; 8] = [
    "lines",
    "text",
    "choice",
    "checkbox",
    "scale",
    "date",
    "signature",
    "table",
];

/// Answers by prompt id, shaped as a downloaded answer file holds them.
type Answers = BTreeMap<String, Value>;

pub async fn answers_in_every_prompt_kind_persist_after_a_reload(s: &Shared) -> Checked {
    let mut kinds = BTreeSet::new();
    let tab = s.tab(Js::On).await?;
    for id in data::worksheet_ids(&s.example.root) {
        let sheet = data::worksheet(&s.example.root, &id);
        let prompts = sheet.prompts();
        if prompts.iter().all(|p| kinds.contains(p.kind.as_str())) {
            continue; // its kinds are covered already
        }
        kinds.extend(prompts.iter().map(|p| p.kind.clone()));
        let page = format!("{}worksheets/{id}/index.html", s.root.base);
        open_empty(&tab, &page).await?;
        let typed = fill(&tab, &prompts).await?;
        tab.refresh().await.map_err(|e| e.to_string())?;
        assert_eq!(shown(&tab).await?, typed, "{page}: answers after a reload");
        tab.clear_storage().await?;
    }
    let missing: Vec<&str> = EVERY_KIND
        .iter()
        .copied()
        .filter(|k| !kinds.contains(*k))
        .collect();
    assert!(
        missing.is_empty(),
        "no worksheet of the example has a prompt of kind {missing:?}"
    );
    Ok(())
}

pub async fn answers_download_as_json_clear_and_load_back(s: &Shared) -> Checked {
    let root = &s.example.root;
    let id = data::worksheet_ids(root)
        .into_iter()
        .max_by_key(|id| {
            data::worksheet(root, id)
                .prompts()
                .iter()
                .map(|p| p.kind.clone())
                .collect::<BTreeSet<_>>()
                .len()
        })
        .ok_or("the example has no worksheet")?;
    let prompts = data::worksheet(root, &id).prompts();
    let tab = s.tab(Js::On).await?;
    let page = format!("{}worksheets/{id}/index.html", s.root.base);
    open_empty(&tab, &page).await?;
    let typed = fill(&tab, &prompts).await?;

    tab.click_button("Save my answers to a file").await?;
    let file = downloaded(tab.downloads(), &format!("{id}-answers.json")).await?;
    let saved: AnswerFile =
        serde_json::from_str(&std::fs::read_to_string(&file).map_err(|e| e.to_string())?)
            .map_err(|e| format!("{}: {e}", file.display()))?;
    assert_eq!(
        (saved.trellis, saved.worksheet.as_str()),
        (1, id.as_str()),
        "{}",
        file.display()
    );
    assert_eq!(saved.answers, typed, "the downloaded answers");

    tab.click_button("Clear answers").await?;
    tab.accept_alert()
        .await
        .map_err(|e| format!("no confirmation before clearing: {e}"))?;
    assert_eq!(
        shown(&tab).await?,
        Answers::new(),
        "{page}: answers after clearing"
    );
    tab.refresh().await.map_err(|e| e.to_string())?;
    assert_eq!(
        shown(&tab).await?,
        Answers::new(),
        "{page}: answers after clearing and a reload"
    );

    let load = tab
        .find(Locator::Css("main input[type=file]"))
        .await
        .map_err(|e| e.to_string())?;
    load.send_keys(&file.to_string_lossy())
        .await
        .map_err(|e| format!("cannot choose the file: {e}"))?;
    tab.wait_until("document.querySelector('main [role=status]').textContent.trim() !== ''")
        .await?;
    assert_eq!(shown(&tab).await?, typed, "{page}: answers loaded back");
    tab.refresh().await.map_err(|e| e.to_string())?;
    assert_eq!(
        shown(&tab).await?,
        typed,
        "{page}: loaded answers after a reload"
    );
    std::fs::remove_file(&file).map_err(|e| e.to_string())?;
    tab.clear_storage().await?;
    Ok(())
}

pub async fn self_assessments_score_by_their_rule(s: &Shared) -> Checked {
    let root = &s.example.root;
    let scored: Vec<String> = data::worksheet_ids(root)
        .into_iter()
        .filter(|id| data::worksheet(root, id).scoring.is_some())
        .collect();
    assert!(!scored.is_empty(), "the example has no self-assessment");
    let tab = s.tab(Js::On).await?;
    for id in scored {
        let sheet = data::worksheet(root, &id);
        let page = format!("{}worksheets/{id}/index.html", s.root.base);
        open_empty(&tab, &page).await?;
        let answers = fill(&tab, &sheet.prompts()).await?;
        let expected = expected_scores(&sheet, &answers);
        let shown: Vec<ShownScore> = tab.eval(SCORES, vec![]).await?;
        let mut shown: Vec<(String, String, Option<f64>, String)> =
            shown.into_iter().map(ShownScore::parsed).collect();
        shown.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        assert_eq!(
            shown, expected,
            "{page}: scores (kind, name, score, band) for the answers {answers:?}"
        );
        tab.clear_storage().await?;
    }
    Ok(())
}

#[derive(Deserialize)]
struct AnswerFile {
    trellis: u32,
    worksheet: String,
    answers: Answers,
}

/// Opens a page with nothing saved in the browser for it (answers, ticks).
pub async fn open_empty(tab: &Tab<'_>, page: &str) -> Result<(), String> {
    tab.open(page).await?;
    tab.clear_storage().await?;
    tab.refresh().await.map_err(|e| e.to_string())
}

/// Answers every prompt as a reader would (typing, clicking labels); returns what was answered.
async fn fill(tab: &Tab<'_>, prompts: &[Prompt]) -> Result<Answers, String> {
    let mut answers = Answers::new();
    for (n, prompt) in prompts.iter().enumerate() {
        let at = |inner: &str| format!("main [data-tr-prompt=\"{}\"] {inner}", prompt.id());
        let answer = match prompt.kind.as_str() {
            "lines" => {
                type_into(
                    tab,
                    &at("textarea"),
                    &format!("First thought on {}\nand a second line", prompt.id()),
                )
                .await?
            }
            "text" | "signature" => type_into(tab, &at("input"), &format!("Answer {n}")).await?,
            "date" => {
                // Chrome's date field takes the digits in the order its en-US locale shows them.
                type_into(tab, &at("input"), "03152027").await?;
                json!("2027-03-15")
            }
            "choice" => {
                let option = &prompt.options[prompt.options.len() - 1];
                click_label(tab, &at(""), option).await?;
                json!(option)
            }
            "checkbox" => {
                let chosen = [
                    &prompt.options[0],
                    &prompt.options[prompt.options.len() - 1],
                ];
                for option in chosen {
                    click_label(tab, &at(""), option).await?;
                }
                json!(chosen)
            }
            "scale" => {
                let answer = scale_answer(prompt, n);
                let value = answer.as_i64().map_or("na".to_string(), |v| v.to_string());
                let input = tab
                    .find(Locator::Css(&at(&format!("input[value=\"{value}\"]"))))
                    .await
                    .map_err(|e| e.to_string())?;
                let label = input
                    .find(Locator::XPath("./ancestor::label"))
                    .await
                    .map_err(|e| e.to_string())?;
                label
                    .click()
                    .await
                    .map_err(|e| format!("{}: cannot choose {value}: {e}", prompt.id()))?;
                answer
            }
            "table" => {
                let cells = tab
                    .find_all(Locator::Css(&at("tbody tr:first-child input")))
                    .await
                    .map_err(|e| e.to_string())?;
                let mut row = Vec::new();
                for (c, cell) in cells.iter().enumerate() {
                    let text = format!(
                        "{} {}",
                        prompt.columns.get(c).map_or("cell", |s| s.as_str()),
                        n
                    );
                    cell.send_keys(&text).await.map_err(|e| e.to_string())?;
                    row.push(text);
                }
                json!([row])
            }
            other => return Err(format!("{}: unknown prompt kind {other}", prompt.id())),
        };
        answers.insert(prompt.id().to_string(), answer);
    }
    Ok(answers)
}

/// The answer the n-th prompt of a self-assessment gets: a fixed mix of the scale's points, and
/// "not applicable" wherever it is offered.
fn scale_answer(prompt: &Prompt, n: usize) -> Value {
    if prompt.allow_na {
        return json!("na");
    }
    let scale = prompt.scale.expect("a scale prompt has a scale");
    let span = (scale.max - scale.min + 1) as usize;
    const MIX: [usize; 7] = [3, 4, 3, 1, 2, 4, 0];
    json!(scale.min + (MIX[n % MIX.len()] % span) as i64)
}

async fn type_into(tab: &Tab<'_>, css: &str, text: &str) -> Result<Value, String> {
    let field = tab
        .find(Locator::Css(css))
        .await
        .map_err(|e| format!("no field {css}: {e}"))?;
    field
        .send_keys(text)
        .await
        .map_err(|e| format!("cannot type into {css}: {e}"))?;
    Ok(json!(text))
}

async fn click_label(tab: &Tab<'_>, within: &str, text: &str) -> Result<(), String> {
    let labels = tab
        .find_all(Locator::Css(&format!("{within} label")))
        .await
        .map_err(|e| e.to_string())?;
    for label in labels {
        if label.text().await.map_err(|e| e.to_string())?.trim() == text {
            return label
                .click()
                .await
                .map_err(|e| format!("cannot click {text:?}: {e}"));
        }
    }
    Err(format!("no option {text:?} in {within}"))
}

/// The answers the page's fields hold, read from the fields themselves, shaped like `Answers`
/// (empty prompts left out).
async fn shown(tab: &Tab<'_>) -> Result<Answers, String> {
    let script = r"
        const out = {};
        for (const p of document.querySelectorAll('main [data-tr-prompt]')) {
          const kind = p.dataset.kind;
          const checked = [...p.querySelectorAll('input:checked')].map(i => i.value);
          let v;
          if (kind === 'choice') v = checked[0];
          else if (kind === 'checkbox') v = checked.length ? checked : undefined;
          else if (kind === 'scale') v = checked.length ? (checked[0] === 'na' ? 'na' : Number(checked[0])) : undefined;
          else if (kind === 'table') {
            const rows = [...p.querySelectorAll('tbody tr')].map(tr => [...tr.querySelectorAll('input')].map(i => i.value));
            while (rows.length && rows[rows.length - 1].every(c => c === '')) rows.pop();
            v = rows.length ? rows : undefined;
          } else v = p.querySelector('input, textarea').value || undefined;
          if (v !== undefined) out[p.dataset.trPrompt] = v;
        }
        return out;
    ";
    tab.eval(script, vec![]).await
}

/// Waits (up to 10 s) for the browser to finish downloading `name` into `dir`.
pub async fn downloaded(dir: &Path, name: &str) -> Result<PathBuf, String> {
    let file = dir.join(name);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !(file.is_file() && std::fs::metadata(&file).is_ok_and(|m| m.len() > 0)) {
        if Instant::now() > deadline {
            let found: Vec<_> = std::fs::read_dir(dir)
                .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
                .unwrap_or_default();
            return Err(format!(
                "{name} was not downloaded into {} (found {found:?})",
                dir.display()
            ));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(file)
}

/// One row of the scores table as shown.
#[derive(Deserialize)]
struct ShownScore {
    kind: String,
    name: String,
    value: String,
    band: String,
}

const SCORES: &str = r"
    return [...document.querySelectorAll('main [data-score-kind]')].map(row => ({
      kind: row.dataset.scoreKind,
      name: row.dataset.scoreName || '',
      value: row.querySelector('[data-tr-value]').textContent.trim(),
      band: row.querySelector('[data-tr-band]').textContent.trim(),
    }));
";

impl ShownScore {
    /// (kind, name, score, band); an average must show exactly one decimal to count as a score.
    fn parsed(self) -> (String, String, Option<f64>, String) {
        let one_decimal = self
            .value
            .split_once('.')
            .is_some_and(|(_, d)| d.len() == 1);
        let number = self
            .value
            .parse::<f64>()
            .ok()
            .filter(|_| self.kind == "total" || one_decimal);
        (self.kind, self.name, number, self.band)
    }
}

/// What docs/format.md's rule gives for these answers: reversed items scored max + min - answer,
/// "not applicable" left out, each factor's (and category's) mean rounded half up to one decimal,
/// or one sum; the band with the highest `min` not above the score.
fn expected_scores(
    sheet: &Worksheet,
    answers: &Answers,
) -> Vec<(String, String, Option<f64>, String)> {
    let scoring = sheet.scoring.as_ref().expect("a scored worksheet");
    let scales: Vec<Prompt> = sheet
        .prompts()
        .into_iter()
        .filter(|p| p.kind == "scale")
        .collect();
    let value = |p: &Prompt| -> Option<f64> {
        let answer = answers.get(p.id())?.as_f64()?;
        let scale = p.scale.expect("a scale");
        Some(if p.reverse {
            (scale.max + scale.min) as f64 - answer
        } else {
            answer
        })
    };
    let band = |score: Option<f64>| -> String {
        let Some(score) = score else {
            return String::new();
        };
        let fitting = scoring.bands.iter().filter(|b| b.min <= score + 1e-9);
        fitting
            .max_by(|a, b| a.min.total_cmp(&b.min))
            .map_or(String::new(), |b| b.label.clone())
    };
    let mean = |items: Vec<&Prompt>| -> Option<f64> {
        let values: Vec<f64> = items.into_iter().filter_map(value).collect();
        (!values.is_empty())
            .then(|| (values.iter().sum::<f64>() / values.len() as f64 * 10.0 + 0.5).floor() / 10.0)
    };
    if scoring.method == "sum" {
        let values: Vec<f64> = scales.iter().filter_map(value).collect();
        let total = (!values.is_empty()).then(|| values.iter().sum::<f64>());
        return vec![("total".into(), String::new(), total, band(total))];
    }
    let names = |key: fn(&Prompt) -> Option<&String>| -> BTreeSet<String> {
        scales.iter().filter_map(|p| key(p).cloned()).collect()
    };
    let mut rows = Vec::new();
    for (kind, key) in [
        (
            "factor",
            (|p| p.factor.as_ref()) as fn(&Prompt) -> Option<&String>,
        ),
        ("category", |p| p.category.as_ref()),
    ] {
        for name in names(key) {
            let score = mean(scales.iter().filter(|p| key(p) == Some(&name)).collect());
            rows.push((kind.to_string(), name, score, band(score)));
        }
    }
    rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    rows
}

/// The example switched to French: a self-assessment's averages show a decimal comma in the
/// browser (trellis.js) as on the page the build wrote (the bands), and the same numbers as in
/// English.
pub async fn a_french_self_assessment_shows_decimal_commas(s: &Shared) -> Checked {
    let site = crate::common::TestSite::example();
    for file in [
        "content/_index.fr.md",
        "content/getting-started/_index.fr.md",
        "content/getting-started/defining-roles.fr.md",
        "content/getting-started/setting-goals-together.fr.md",
        "content/getting-started/agreeing-how-you-communicate.fr.md",
        "content/getting-started/your-first-meeting.fr.md",
        "content/getting-started/checklist.fr.toml",
        "content/worksheets/meeting-pulse.fr.toml",
    ] {
        site.remove(file);
    }
    let toml = site.read("site.toml");
    let own = toml
        .split("\n# The toolkit in French")
        .next()
        .unwrap_or(&toml);
    let rest = toml.split_once("fallback = true\n").map_or("", |(_, r)| r);
    site.write(
        "site.toml",
        &format!(
            "{}\n{rest}",
            own.replace("language = \"en\"", "language = \"fr\"")
        ),
    );
    site.build().assert_ok();
    let root = &site.root;
    let id = "partnership-health";
    let sheet = data::worksheet(root, id);
    assert!(sheet.scoring.is_some(), "{id} is a self-assessment");
    let tab = s.tab(Js::On).await?;
    let page = format!(
        "{}worksheets/{id}/index.html",
        crate::suite::file_url(&site.public())
    );
    open_empty(&tab, &page).await?;
    let answers = fill(&tab, &sheet.prompts()).await?;
    let shown: Vec<ShownScore> = tab.eval(SCORES, vec![]).await?;
    let averages: Vec<&str> = shown
        .iter()
        .filter(|r| r.kind != "total")
        .map(|r| r.value.as_str())
        .collect();
    assert!(!averages.is_empty(), "{page}: no scores shown");
    for value in &averages {
        assert!(
            value.contains(',') && !value.contains('.'),
            "{page}: the score {value:?} is not written with a decimal comma"
        );
    }
    // The same numbers as the rule gives, read back with a decimal point.
    let mut read: Vec<(String, String, Option<f64>, String)> = shown
        .into_iter()
        .map(|mut r| {
            r.value = r.value.replace(',', ".");
            r.parsed()
        })
        .collect();
    read.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    assert_eq!(
        read,
        expected_scores(&sheet, &answers),
        "{page}: French scores"
    );
    let bands: String = tab
        .eval(
            "return document.querySelector('main .score-bands').textContent;",
            vec![],
        )
        .await?;
    assert!(bands.contains("4,0"), "{page}: the bands read {bands:?}");
    tab.clear_storage().await?;
    Ok(())
}
