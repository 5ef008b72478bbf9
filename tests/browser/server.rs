//! A test-owned static file server on 127.0.0.1: serves one output folder under one URL prefix
//! (`/` or `/sub/dir/`), and nothing else, so a link that climbs too far gets a 404 instead of
//! landing on a copy of the site that happens to sit at the root.
//!
//! tower-http's ServeDir on axum, as `trellis serve` uses, running on the suite's tokio runtime.
//! (tiny_http stalled a page load now and then when a page asked for a missing file.)

use std::path::Path;

use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

pub struct StaticServer {
    task: tokio::task::JoinHandle<()>,
    /// `http://127.0.0.1:<port><prefix>`, ending with `/`.
    pub base: String,
}

impl StaticServer {
    /// Starts serving; call it inside the suite's runtime.
    pub fn start(root: &Path, prefix: &str) -> StaticServer {
        assert!(
            prefix.starts_with('/') && prefix.ends_with('/'),
            "prefix {prefix:?} must start and end with /"
        );
        // No index.html for a folder: Trellis' links name index.html, and the server must not
        // hide a link that forgets it. A missing file gets the site's 404 page, as from a host.
        let files = ServeDir::new(root)
            .append_index_html_on_directories(false)
            .not_found_service(ServeFile::new(root.join("404.html")));
        let app = match prefix.trim_end_matches('/') {
            "" => Router::new().fallback_service(files),
            at => Router::new().nest_service(at, files),
        };
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("a local address").port();
        listener
            .set_nonblocking(true)
            .expect("a non-blocking socket");
        let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        StaticServer {
            task,
            base: format!("http://127.0.0.1:{port}{prefix}"),
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
