//! `trellis serve`: watch into a temporary folder and serve it on 127.0.0.1 with live reload.
//!
//! The rebuild loop (watch/) runs on a thread of its own and publishes each outcome to `Live`;
//! the HTTP side (axum, tower-http's ServeDir) serves only files inside the output folder, adds
//! the live-reload script to HTML as it goes out, and stops cleanly on Ctrl-C.

mod http;
pub(crate) mod live;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::middleware::{self, Next};
use axum::routing::get;
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

use crate::build::BuildOptions;
use crate::diagnostic::Diagnostic;
use crate::output;
use crate::watch::{self, Event, Msg, Session};
use live::Live;

/// What the command line can change about the server.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    pub(crate) bind: IpAddr,
    pub(crate) port: u16,
    /// Open the site in the default browser once it is served.
    pub(crate) open: bool,
    /// Write the site here (checked like `build --output`) instead of a temporary folder.
    pub(crate) output: Option<PathBuf>,
}

/// Builds, serves and rebuilds until Ctrl-C. `report` hears about every build (on the rebuild
/// thread) and about the address once serving. Errors: what kept the server from starting.
pub(crate) fn run(
    root: &Path,
    opts: BuildOptions,
    serve: &ServeOptions,
    report: impl FnMut(Event) + Send,
) -> Result<(), Diagnostic> {
    let (_temp, out) = output_folder(root, serve)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error(format!("could not start the server: {e}")))?;
    let addr = SocketAddr::new(serve.bind, serve.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|e| {
            Diagnostic::error(format!("could not listen on {addr}: {e}"))
                .hint("another program may use this port: choose one with --port")
        })?;
    let addr = listener.local_addr().unwrap_or(addr);
    let live = Live::new(session_id());
    let mut session = Session::new(root, opts, Some(out.clone()));
    let (tx, rx) = mpsc::channel();
    let temporary = _temp.as_ref().map(|t| t.path().to_path_buf());
    let stopping = stop_on_ctrl_c(&runtime, tx.clone(), live.clone(), temporary);
    let stop_loop = tx.clone();
    let (ready_tx, ready_rx) = mpsc::channel();
    let report = std::sync::Mutex::new(report);
    let say = |e: Event| {
        (crate::locked(&report))(e);
    };
    std::thread::scope(|scope| {
        let watching = scope.spawn(|| {
            watch::run(&mut session, (tx, rx), |event| {
                if let Event::Built { result, .. } = &event {
                    live.publish(result, || failure_text(result));
                }
                if let Event::Watching = event {
                    let _ = ready_tx.send(());
                }
                say(event);
            })
        });
        // Serve once the first build is on disk (or has failed: its overlay is then shown).
        if ready_rx.recv().is_ok() {
            let url = format!("http://{addr}/");
            say(Event::Serving(&url));
            if serve.open {
                let _ = open::that_detached(&url);
            }
            let app = router(&out, live.clone());
            let shutdown = {
                let stopping = stopping.clone();
                async move { stopping.notified().await }
            };
            runtime.block_on(http::serve(listener, app, shutdown));
        }
        // The server is done, whether by Ctrl-C or an error: the rebuild loop stops too.
        let _ = stop_loop.send(Msg::Stop);
        match watching.join() {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(Diagnostic::error(format!(
                "could not watch the toolkit: {e}"
            ))),
            Err(_) => Err(Diagnostic::error("the rebuild loop stopped unexpectedly")),
        }
    })
}

/// On Ctrl-C or SIGTERM: ends the event streams, stops the rebuild loop, and wakes the returned
/// `Notify` (which keeps the wake-up if the server has not started waiting yet). If a build is
/// still running a moment later, the temporary folder is removed and the process ends anyway.
fn stop_on_ctrl_c(
    runtime: &tokio::runtime::Runtime,
    loop_tx: mpsc::Sender<Msg>,
    live: Live,
    temporary: Option<PathBuf>,
) -> std::sync::Arc<tokio::sync::Notify> {
    let notify = std::sync::Arc::new(tokio::sync::Notify::new());
    let wake = notify.clone();
    runtime.spawn(async move {
        watch::stop_signal().await;
        live.bye();
        let _ = loop_tx.send(Msg::Stop);
        wake.notify_one();
        watch::exit_if_still_running(temporary.into_iter().collect());
    });
    notify
}

/// The folder to build into: `--output` (checked like build's), or a temporary folder removed
/// when the returned guard is dropped.
fn output_folder(
    root: &Path,
    serve: &ServeOptions,
) -> Result<(Option<tempfile::TempDir>, PathBuf), Diagnostic> {
    if let Some(dir) = &serve.output {
        let out = output::check_output_dir(root, dir)
            .map_err(|r| Diagnostic::error(format!("--output: {}", r.message)).hint(r.hint))?;
        return Ok((None, out));
    }
    let temp = tempfile::Builder::new()
        .prefix("trellis-serve-")
        .tempdir()
        .map_err(|e| Diagnostic::error(format!("could not create a temporary folder: {e}")))?;
    let out = temp.path().join("site");
    Ok((Some(temp), out))
}

fn session_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{:x}-{:x}", std::process::id(), nanos)
}

fn failure_text(result: &Result<watch::Rebuilt, crate::build::Failure>) -> String {
    use crate::build::Failure;
    let diags = match result {
        Ok(_) => return String::new(),
        Err(Failure::Toolkit(d)) | Err(Failure::Io(_, d)) => d.clone(),
        Err(Failure::Usage(d)) => {
            let mut all = crate::diagnostic::Diagnostics::default();
            all.push(d.clone());
            all
        }
    };
    // The errors; under --strict the warnings that stopped the build when there are none.
    let only_errors = diags.has_errors();
    let mut text: String = diags
        .sorted()
        .iter()
        .filter(|d| d.is_error() || !only_errors)
        .take(20)
        .map(|d| d.render(false))
        .collect();
    if let Err(Failure::Io(e, _)) = result {
        text.push_str(&e.to_string());
    }
    text
}

/// The site's files, the event stream, and the script added to every HTML page.
pub(crate) fn router(out: &Path, live: Live) -> Router {
    let files = ServeDir::new(out).not_found_service(ServeFile::new(out.join("404.html")));
    let inside = http::Inside::new(out);
    Router::new()
        .route(live::EVENTS_PATH, get(live::events))
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(inside, http::stay_inside))
        .layer(middleware::from_fn_with_state(live.clone(), add_script))
        .with_state(live)
}

/// HTML pages get the live-reload script; nothing is cached, so a reload shows the new build.
/// A HEAD request is answered as the GET would be, without the body: same length, same type.
async fn add_script(State(live): State<Live>, mut req: Request, next: Next) -> Response<Body> {
    let head = req.method() == axum::http::Method::HEAD;
    if head {
        *req.method_mut() = axum::http::Method::GET;
    }
    let res = next.run(req).await;
    let (mut parts, body) = res.into_parts();
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let is_html = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let page = match (parts.status, is_html) {
        (StatusCode::OK | StatusCode::NOT_FOUND, true) => axum::body::to_bytes(body, usize::MAX)
            .await
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default(),
        // No 404 page yet: the first build failed. This page shows its errors and reloads.
        (StatusCode::NOT_FOUND, false) => NOT_BUILT.to_string(),
        _ if head => return Response::from_parts(parts, Body::empty()),
        _ => return Response::from_parts(parts, body),
    };
    let html = live::inject(&page, &live::script(live.session(), live.build()));
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(html.len()));
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    let body = if head {
        Body::empty()
    } else {
        Body::from(html)
    };
    Response::from_parts(parts, body)
}

const NOT_BUILT: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not built yet</title></head><body><main><h1>The site is not built yet</h1><p>The errors are shown in the terminal; this page reloads once they are fixed.</p></main></body></html>";
