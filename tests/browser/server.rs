//! A test-owned static file server on 127.0.0.1: serves one output folder under one URL prefix
//! (`/` or `/sub/dir/`), and nothing else, so a link that climbs too far gets a 404 instead of
//! landing on a copy of the site that happens to sit at the root.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use tiny_http::{Header, Request, Response, Server};

/// Requests answered at once: two browsers load pages side by side, and one slow answer must
/// not hold up the others.
const WORKERS: usize = 4;

pub struct StaticServer {
    server: Arc<Server>,
    workers: Vec<JoinHandle<()>>,
    /// `http://127.0.0.1:<port><prefix>`, ending with `/`.
    pub base: String,
}

impl StaticServer {
    pub fn start(root: &Path, prefix: &str) -> StaticServer {
        assert!(
            prefix.starts_with('/') && prefix.ends_with('/'),
            "prefix {prefix:?} must start and end with /"
        );
        let server =
            Arc::new(Server::http("127.0.0.1:0").expect("bind a test server on 127.0.0.1"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let workers = (0..WORKERS)
            .map(|_| {
                let (server, root, prefix) =
                    (server.clone(), root.to_path_buf(), prefix.to_string());
                std::thread::spawn(move || {
                    for request in server.incoming_requests() {
                        answer(request, &root, &prefix);
                    }
                })
            })
            .collect();
        StaticServer {
            server,
            workers,
            base: format!("http://127.0.0.1:{port}{prefix}"),
        }
    }
}

fn answer(request: Request, root: &Path, prefix: &str) {
    let path = request.url().split(['?', '#']).next().unwrap_or("");
    let file = resolve(root, prefix, path).filter(|f| f.is_file());
    let opened = file.and_then(|f| std::fs::File::open(&f).ok().map(|h| (f, h)));
    // The browser may close a connection early; that is not the site's failure.
    let _ = match opened {
        Some((f, handle)) => {
            request.respond(Response::from_file(handle).with_header(content_type(&f)))
        }
        None => request.respond(Response::from_string("not found").with_status_code(404)),
    };
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        // Each call wakes one waiting worker, which then finds the server closed.
        for _ in &self.workers {
            self.server.unblock();
        }
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

/// The file a URL path names, if it is under the prefix and stays inside `root`. Directories are
/// not completed with index.html: Trellis' links name index.html, and the server must not hide a
/// link that forgets it.
fn resolve(root: &Path, prefix: &str, path: &str) -> Option<PathBuf> {
    let rest = path.strip_prefix(prefix)?;
    let rel = Path::new(rest);
    let plain = rel.components().all(|c| matches!(c, Component::Normal(_)));
    (plain && !rest.contains('%')).then(|| root.join(rel))
}

fn content_type(file: &Path) -> Header {
    let kind = match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
    Header::from_bytes("Content-Type", kind).expect("a valid header")
}
