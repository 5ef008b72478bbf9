//! What every browser check shares, set up once on first use: the example toolkit built into a
//! temporary folder, two static servers (at `/` and under `/sub/dir/`), one chromedriver, and a
//! small pool of browser sessions that checks borrow one at a time.

use std::collections::HashMap;
use std::future::Future;
use std::ops::Deref;
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use base64::Engine;
use fantoccini::Client;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::common::TestSite;
use crate::driver::{Binaries, Cdp, Chromedriver, Js, Session};
use crate::server::StaticServer;
use crate::tools::Paper;

/// A check's outcome: `Err` and panics both fail it.
pub type Checked = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// Sessions open at once per kind: two, one per core, so two checks (or the two halves of
/// the axe check) run side by side. Each session has its own profile, so saved ticks and
/// answers never leak from one to the other.
const SESSIONS: usize = 2;

/// A check: an async function of the shared state.
pub type CheckFn = for<'a> fn(&'a Shared) -> Pin<Box<dyn Future<Output = Checked> + 'a>>;

pub struct Suite {
    state: OnceLock<Result<Shared, String>>,
    runtime: tokio::runtime::Runtime,
}

/// Built on first use, so `cargo test <filter>` that selects no browser check starts no browser.
/// Fields drop in order: sessions, then chromedriver (killing its browsers), then the site.
pub struct Shared {
    pool: Pool,
    driver: Chromedriver,
    pub example: TestSite,
    /// `http://127.0.0.1:<port>/` serving the example's output.
    pub root: StaticServer,
    /// `http://127.0.0.1:<port>/sub/dir/` serving it again, under a subpath.
    pub subdir: StaticServer,
    /// Serves axe-core's folder, so pages load it with a script element: much faster than
    /// sending its 550 kB through WebDriver on every page.
    tools: StaticServer,
}

impl Suite {
    pub fn new() -> Suite {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        Suite {
            state: OnceLock::new(),
            runtime,
        }
    }

    /// Runs one check on the shared browser, setting everything up the first time.
    pub fn run(&self, check: CheckFn) -> Result<(), String> {
        let shared = self
            .state
            .get_or_init(|| self.runtime.block_on(Shared::start()))
            .as_ref()?;
        self.runtime
            .block_on(check(shared))
            .map_err(|e| e.to_string())
    }

    /// Closes the browser sessions; dropping the suite then kills chromedriver and its browsers.
    pub fn close_sessions(&self) {
        if let Some(Ok(shared)) = self.state.get() {
            self.runtime.block_on(shared.pool.close_all());
        }
    }
}

impl Shared {
    async fn start() -> Result<Shared, String> {
        let bin = Binaries::from_env();
        if let Some(why) = bin.missing() {
            return Err(crate::tools::install_hint(&why));
        }
        let example = TestSite::example();
        let run = example.build();
        if run.code != 0 {
            return Err(format!(
                "the example toolkit does not build:\n{}",
                run.stderr
            ));
        }
        let root = StaticServer::start(&example.public(), "/");
        let subdir = StaticServer::start(&example.public(), "/sub/dir/");
        let tools = StaticServer::start(&crate::tools::axe_dir(), "/");
        let driver = Chromedriver::start(&bin)?;
        Ok(Shared {
            pool: Pool::new(),
            driver,
            example,
            root,
            subdir,
            tools,
        })
    }

    /// Borrows a browser session (waiting while another check uses it).
    pub async fn tab(&self, js: Js) -> Result<Tab<'_>, String> {
        let mut tabs = self.pool.take(&self.driver, js, 1).await?;
        Ok(tabs.pop().expect("one tab"))
    }

    /// Several browser sessions for work that can run side by side, at most `SESSIONS`.
    pub async fn tabs(&self, js: Js, n: usize) -> Result<Vec<Tab<'_>>, String> {
        self.pool.take(&self.driver, js, n.min(SESSIONS)).await
    }

    /// Every HTML file of the example's output, as paths relative to its root, sorted.
    pub fn pages(&self) -> Vec<String> {
        html_files(&self.example.public())
    }

    /// The example's output as a `file://` URL, ending with `/`.
    pub fn file_base(&self) -> String {
        file_url(&self.example.public())
    }

    /// axe-core's script, as a URL pages can load.
    pub fn axe_url(&self) -> Result<String, String> {
        match crate::tools::missing(crate::tools::Tool::Axe) {
            Some(why) => Err(crate::tools::install_hint(&why)),
            None => Ok(format!("{}axe.min.js", self.tools.base)),
        }
    }
}

/// `file:///.../` for a folder.
pub fn file_url(dir: &Path) -> String {
    format!("file://{}/", dir.display())
}

/// Every `.html` file below `dir`, relative, with `/` separators, sorted.
pub fn html_files(dir: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    pages.sort();
    pages
}

/// Idle sessions by kind, and a limit on how many of each kind are open at once.
struct Pool {
    idle: Mutex<HashMap<Js, Vec<Session>>>,
    limits: HashMap<Js, Arc<Semaphore>>,
}

impl Pool {
    fn new() -> Pool {
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
    async fn take<'a>(
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

    async fn close_all(&self) {
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
        let load = r#"
            const [url, done] = arguments;
            if (window.axe) { done(true); return; }
            const script = Object.assign(document.createElement('script'), { src: url });
            script.onload = () => done(true);
            script.onerror = () => done(false);
            document.head.append(script);
        "#;
        if !self.eval_async::<bool>(load, vec![json!(axe_url)]).await? {
            return Err(format!("the page could not load axe-core from {axe_url}"));
        }
        let run = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
              .then(r => done(r.violations.map(v =>
                  `${v.id} (${v.impact}): ${v.help}` + v.nodes.map(n => `\n      ${n.target.join(' ')}: `
                      + [...n.any, ...n.all, ...n.none].map(c => c.message).join('; ')).join(''))))
              .catch(e => done(['axe failed: ' + e]));
        "#;
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

/// A folder for a check's own files (PDFs, downloads it moves), removed when dropped.
pub fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}
