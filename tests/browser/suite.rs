//! What every browser check shares, set up once on first use: the example toolkit built into a
//! temporary folder, two static servers (at `/` and under `/sub/dir/`), one chromedriver, and a
//! small pool of browser sessions that checks borrow one at a time.

use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::OnceLock;

use crate::common::TestSite;
use crate::driver::{Binaries, Chromedriver, Js};
use crate::server::StaticServer;
pub use crate::tab::Tab;
use crate::tab::{Pool, SESSIONS};

/// A check's outcome: `Err` and panics both fail it.
pub type Checked = Result<(), Box<dyn std::error::Error + Send + Sync>>;

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
            .worker_threads(2)
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

/// A folder for a check's own files (PDFs, downloads it moves), removed when dropped.
pub fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}
