//! Browser sessions lent to checks: a pool that limits how many run at once, and `Tab`, a
//! borrowed session with the helpers checks use (scripts, waiting, viewports, axe, printing).

use std::collections::HashMap;
use std::ops::Deref;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use fantoccini::Client;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::driver::{Cdp, Chromedriver, Js, Session};
use crate::tools::Paper;

/// Sessions open at once per kind: two, one per core, so two checks (or the two halves of
/// the axe check) run side by side. Each session has its own profile, so saved ticks and
/// answers never leak from one to the other.
pub const SESSIONS: usize = 2;

/// Idle sessions by kind, and a limit on how many of each kind are open at once.
pub struct Pool {
    idle: Mutex<HashMap<Js, Vec<Session>>>,
    limits: HashMap<Js, Arc<Semaphore>>,
}

impl Pool {
    pub fn new() -> Pool {
        let limits = [Js::On, Js::Off]
            .into_iter()
            .map(|js| (js, Arc::new(Semaphore::new(SESSIONS))))
            .collect();
        Pool {
            idle: Mutex::new(HashMap::new()),
            limits,
        }
    }

    /// `n` sessions at once (all permits taken together, so two checks each waiting for a
    /// second session can never hold one each).
    pub async fn take<'a>(
        &'a self,
        driver: &Chromedriver,
        js: Js,
        n: usize,
    ) -> Result<Vec<Tab<'a>>, String> {
        let mut permits = self.limits[&js]
            .clone()
            .acquire_many_owned(n as u32)
            .await
            .map_err(|e| e.to_string())?;
        let mut tabs = Vec::new();
        for _ in 0..n {
            let idle = self.idle.lock().unwrap().get_mut(&js).and_then(Vec::pop);
            let session = match idle {
                Some(session) => session,
                None => driver.session(js).await?,
            };
            let permit = permits.split(1).expect("one permit per session");
            let tab = Tab {
                session: Some(session),
                js,
                pool: self,
                _permit: permit,
            };
            // Every check starts on a screen of the same size (a failed one may have left print
            // media or a phone's viewport on).
            tab.emulate_media("").await?;
            tab.viewport(1280, 900).await?;
            tabs.push(tab);
        }
        Ok(tabs)
    }

    pub async fn close_all(&self) {
        let sessions: Vec<Session> = self
            .idle
            .lock()
            .unwrap()
            .drain()
            .flat_map(|(_, s)| s)
            .collect();
        for session in sessions {
            let _ = session.client.close().await;
        }
    }
}

/// A borrowed browser session; it goes back to the pool when dropped, even after a panic.
pub struct Tab<'a> {
    session: Option<Session>,
    js: Js,
    pool: &'a Pool,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Tab<'_> {
    fn drop(&mut self) {
        if let Some(session) = self.session.take() {
            self.pool
                .idle
                .lock()
                .unwrap()
                .entry(self.js)
                .or_default()
                .push(session);
        }
    }
}

impl Deref for Tab<'_> {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self
            .session
            .as_ref()
            .expect("a session until dropped")
            .client
    }
}

impl Tab<'_> {
    /// Where this session's downloads land.
    pub fn downloads(&self) -> &Path {
        &self
            .session
            .as_ref()
            .expect("a session until dropped")
            .downloads
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and decodes what it returns.
    pub async fn eval<T: DeserializeOwned>(
        &self,
        script: &str,
        args: Vec<Value>,
    ) -> Result<T, String> {
        let value = self
            .execute(script, args)
            .await
            .map_err(|e| format!("script failed: {e}\n{script}"))?;
        serde_json::from_value(value.clone())
            .map_err(|e| format!("script returned {value}: {e}\n{script}"))
    }

    /// Like `eval`, for a script that ends by calling `arguments[arguments.length - 1](result)`.
    pub async fn eval_async<T: DeserializeOwned>(
        &self,
        script: &str,
        args: Vec<Value>,
    ) -> Result<T, String> {
        let value = self
            .execute_async(script, args)
            .await
            .map_err(|e| format!("script failed: {e}\n{script}"))?;
        serde_json::from_value(value.clone())
            .map_err(|e| format!("script returned {value}: {e}\n{script}"))
    }

    /// Polls `condition` (a JavaScript expression) every 50 ms until it is true, for at most 5 s.
    pub async fn wait_until(&self, condition: &str) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if self
                .eval::<bool>(&format!("return Boolean({condition});"), vec![])
                .await?
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                let url = self
                    .current_url()
                    .await
                    .map(|u| u.to_string())
                    .unwrap_or_default();
                return Err(format!("still not true after 5 s on {url}: {condition}"));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Forgets what the open page's site saved in this browser (ticks, answers).
    pub async fn clear_storage(&self) -> Result<(), String> {
        self.eval::<()>("localStorage.clear(); sessionStorage.clear();", vec![])
            .await
    }

    /// Clicks the button a reader knows by its text.
    pub async fn click_button(&self, text: &str) -> Result<(), String> {
        let xpath = format!("//button[normalize-space()={}]", json!(text));
        let button = self
            .find(fantoccini::Locator::XPath(&xpath))
            .await
            .map_err(|e| format!("no button {text:?}: {e}"))?;
        button
            .click()
            .await
            .map_err(|e| format!("cannot click {text:?}: {e}"))
    }

    /// Lays the page out for `media` ("print", or "" for the screen again), as the browser
    /// does when it prints, so a check can measure what paper will show.
    pub async fn emulate_media(&self, media: &str) -> Result<(), String> {
        let params = json!({ "media": media });
        self.issue_cmd(Cdp {
            method: "Emulation.setEmulatedMedia",
            params,
        })
        .await
        .map(|_| ())
        .map_err(|e| format!("cannot emulate {media:?} media: {e}"))
    }

    /// Lays pages out in a `width` x `height` CSS-pixel viewport (as a browser window of that
    /// inner size would). DevTools' device metrics, not the window size: headless Chromium keeps
    /// a window inside its virtual screen, which cut 900 px to 757.
    pub async fn viewport(&self, width: u32, height: u32) -> Result<(), String> {
        let params = json!({
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false,
        });
        self.issue_cmd(Cdp {
            method: "Emulation.setDeviceMetricsOverride",
            params,
        })
        .await
        .map_err(|e| format!("cannot set a {width}x{height} viewport: {e}"))?;
        let inner: (u32, u32) = self
            .eval("return [window.innerWidth, window.innerHeight];", vec![])
            .await?;
        if inner != (width, height) {
            return Err(format!(
                "asked for a {width}x{height} viewport, got {}x{}",
                inner.0, inner.1
            ));
        }
        Ok(())
    }

    /// Opens a URL and waits for it to load.
    pub async fn open(&self, url: &str) -> Result<(), String> {
        self.goto(url)
            .await
            .map_err(|e| format!("cannot open {url}: {e}"))
    }

    /// Runs axe-core on the open page for the given tags; returns one line per violation.
    pub async fn axe(&self, axe_url: &str, tags: &[&str]) -> Result<Vec<String>, String> {
        let load = r"
            const [url, done] = arguments;
            if (window.axe) { done(true); return; }
            const script = Object.assign(document.createElement('script'), { src: url });
            script.onload = () => done(true);
            script.onerror = () => done(false);
            document.head.append(script);
        ";
        if !self.eval_async::<bool>(load, vec![json!(axe_url)]).await? {
            return Err(format!("the page could not load axe-core from {axe_url}"));
        }
        let run = r"
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
              .then(r => done(r.violations.map(v =>
                  `${v.id} (${v.impact}): ${v.help}` + v.nodes.map(n => `\n      ${n.target.join(' ')}: `
                      + [...n.any, ...n.all, ...n.none].map(c => c.message).join('; ')).join(''))))
              .catch(e => done(['axe failed: ' + e]));
        ";
        self.eval_async(run, vec![json!(tags)]).await
    }

    /// The open page printed to PDF as Chrome prints it: the page's `@page size` wins over
    /// `fallback`, the paper used when the page names none. (WebDriver's own print ignores
    /// `@page size`, hence DevTools' `Page.printToPDF` through chromedriver.) A check that
    /// expects Letter falls back to A4 and the other way round, so only the page can pass it.
    pub async fn print_pdf(&self, fallback: Paper) -> Result<Vec<u8>, String> {
        let inches = |pt: f64| pt / 72.0;
        let params = json!({
            "paperWidth": inches(fallback.points.0),
            "paperHeight": inches(fallback.points.1),
            "preferCSSPageSize": true,
        });
        let answer = self
            .issue_cmd(Cdp {
                method: "Page.printToPDF",
                params,
            })
            .await
            .map_err(|e| format!("print failed: {e}"))?;
        let data = answer["data"]
            .as_str()
            .ok_or(format!("print answered {answer}"))?;
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|e| format!("print answered bad base64: {e}"))
    }
}
