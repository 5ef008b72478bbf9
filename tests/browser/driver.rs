//! Debian's chromedriver as a child process, and browser sessions on it.
//!
//! chromedriver runs in its own process group, so a `Drop` guard can kill it together with every
//! Chromium process it started, even when a check panics (killing chromedriver alone leaves
//! Chromium orphaned, holding our stdout open). Each session gets a fresh profile folder.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::TimeoutConfiguration;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Map, Value};

/// Flags measured to work for headless Chromium as root on a machine without network.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    // Fixed, so date fields take typed digits in the same order on every machine.
    "--lang=en-US",
];

/// Where the browser binaries are: `CHROMIUM` and `CHROMEDRIVER` override Debian's paths.
pub struct Binaries {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

impl Binaries {
    pub fn from_env() -> Binaries {
        let var = |name: &str, default: &str| {
            PathBuf::from(std::env::var_os(name).unwrap_or_else(|| default.into()))
        };
        Binaries {
            chromium: var("CHROMIUM", "/usr/bin/chromium"),
            chromedriver: var("CHROMEDRIVER", "/usr/bin/chromedriver"),
        }
    }

    /// Why the browser cannot run here, if it cannot.
    pub fn missing(&self) -> Option<String> {
        [&self.chromedriver, &self.chromium]
            .into_iter()
            .find(|p| !p.is_file())
            .map(|p| format!("{} not found", p.display()))
    }
}

/// A running chromedriver; dropping it kills its whole process group.
pub struct Chromedriver {
    child: Child,
    url: String,
    chromium: PathBuf,
    /// Profiles, downloads and chromedriver's log live here, removed on drop.
    scratch: tempfile::TempDir,
}

/// What a session may differ in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Js {
    On,
    Off,
}

impl Chromedriver {
    pub fn start(bin: &Binaries) -> Result<Chromedriver, String> {
        let scratch = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
        let log = std::fs::File::create(scratch.path().join("chromedriver.log"))
            .map_err(|e| e.to_string())?;
        let port = free_port();
        let child = Command::new(&bin.chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log)
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.chromedriver.display()))?;
        Ok(Chromedriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            chromium: bin.chromium.clone(),
            scratch,
        })
    }

    /// A new browser session with a fresh profile. Retries while chromedriver comes up (~100 ms).
    pub async fn session(&self, js: Js) -> Result<Session, String> {
        let profile = tempfile::tempdir_in(self.scratch.path()).map_err(|e| e.to_string())?;
        let downloads = profile.path().join("downloads");
        std::fs::create_dir_all(&downloads).map_err(|e| e.to_string())?;
        let caps = capabilities(
            &self.chromium,
            &profile.path().join("profile"),
            &downloads,
            js,
        );
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let attempt = ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&self.url)
                .await;
            match attempt {
                Ok(client) => {
                    // A page that does not load in 30 s is a failure to report, not to wait on
                    // for WebDriver's default 300 s.
                    let limit = Some(Duration::from_secs(30));
                    let timeouts = TimeoutConfiguration::new(limit, limit, None);
                    client
                        .update_timeouts(timeouts)
                        .await
                        .map_err(|e| e.to_string())?;
                    return Ok(Session {
                        client,
                        downloads,
                        _profile: profile,
                    });
                }
                Err(e) if Instant::now() > deadline => {
                    let log = std::fs::read_to_string(self.scratch.path().join("chromedriver.log"))
                        .unwrap_or_default();
                    return Err(format!(
                        "no browser session from chromedriver at {}: {e}\nits log:\n{log}",
                        self.url
                    ));
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }
}

impl Drop for Chromedriver {
    #[allow(unsafe_code)]
    fn drop(&mut self) {
        // The group id is chromedriver's pid (process_group(0)); Chromium inherits it.
        let group = self.child.id() as libc::pid_t;
        // SAFETY: kill(2) with a negative pid signals that process group and touches no memory.
        unsafe { libc::kill(-group, libc::SIGKILL) };
        let _ = self.child.wait();
    }
}

fn capabilities(chromium: &Path, profile: &Path, downloads: &Path, js: Js) -> Map<String, Value> {
    let mut args: Vec<String> = CHROMIUM_FLAGS
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    args.push("--window-size=1280,900".into());
    let mut prefs = json!({
        "download.default_directory": downloads,
        "download.prompt_for_download": false,
    });
    if js == Js::Off {
        prefs["profile.managed_default_content_settings.javascript"] = json!(2);
    }
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": { "binary": chromium, "args": args, "prefs": prefs },
    });
    caps.as_object().cloned().unwrap_or_default()
}

/// A free TCP port on 127.0.0.1 (the OS picks it; released just before use).
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}

/// One browser (a WebDriver session) with its own profile and download folder.
pub struct Session {
    pub client: Client,
    pub downloads: PathBuf,
    _profile: tempfile::TempDir,
}

/// A Chrome DevTools Protocol command sent through chromedriver's `goog/cdp/execute` endpoint,
/// for what WebDriver itself lacks (a print that honours the page's `@page size`).
#[derive(Debug)]
pub struct Cdp {
    pub method: &'static str,
    pub params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.method, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}
