//! The server's own accept loop and its guard: what `axum::serve` leaves out.
//!
//! - A client that sends its request slowly, or keeps a connection open and sends nothing, is
//!   dropped after `HEADER_TIMEOUT` (hyper's header-read timer, which axum does not set).
//! - Only files inside the output folder are served: a path that names a link leading out of
//!   it, or a name longer than any file system allows, gets the 404 page.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::middleware::Next;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

use crate::markdown::links::percent_decode;

/// How long a client may take to send a request's headers, or stay connected without sending one.
pub(crate) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until `stop` completes. Connections still open then are dropped
/// with the runtime.
pub(crate) async fn serve(listener: TcpListener, app: Router, stop: impl Future<Output = ()>) {
    let mut stop = std::pin::pin!(stop);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, or a connection reset before it was accepted: wait
                // a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut stop => return,
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT);
            // A failed connection (timed out, reset) concerns that client only.
            let _ = builder
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The output folder as the file system knows it (links resolved).
#[derive(Clone)]
pub(crate) struct Inside {
    out: PathBuf,
}

impl Inside {
    pub(crate) fn new(out: &Path) -> Inside {
        Inside {
            out: out.to_path_buf(),
        }
    }

    /// Whether the file a request path names may be served.
    fn allows(&self, path: &str) -> bool {
        let decoded = percent_decode(path);
        let parts: Vec<&str> = decoded.split('/').filter(|p| !p.is_empty()).collect();
        if parts.iter().any(|p| p.len() > 255 || *p == "..") {
            return false;
        }
        let Ok(real_out) = std::fs::canonicalize(&self.out) else {
            return true;
        };
        let wanted = parts.iter().fold(self.out.clone(), |p, part| p.join(part));
        match std::fs::canonicalize(&wanted) {
            Ok(real) => real.starts_with(&real_out),
            // Missing: the file service answers with the 404 page.
            Err(_) => true,
        }
    }

    fn not_found(&self) -> Response<Body> {
        let page = std::fs::read(self.out.join("404.html")).unwrap_or_default();
        let mut res = Response::new(Body::from(page));
        *res.status_mut() = StatusCode::NOT_FOUND;
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        res
    }
}

/// Answers with the 404 page for what must not be served; passes the rest on.
pub(crate) async fn stay_inside(
    State(inside): State<Inside>,
    req: Request,
    next: Next,
) -> Response<Body> {
    if inside.allows(req.uri().path()) {
        next.run(req).await
    } else {
        inside.not_found()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_out_of_the_folder_and_overlong_names_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("a/index.html"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("leak.txt")).unwrap();
        let inside = Inside::new(&out);
        assert!(inside.allows("/a/index.html"));
        assert!(inside.allows("/missing/"));
        #[cfg(unix)]
        assert!(!inside.allows("/leak.txt"));
        assert!(!inside.allows(&format!("/{}", "x".repeat(300))));
        assert!(!inside.allows("/a/%2e%2e/%2e%2e/secret.txt"));
    }
}
