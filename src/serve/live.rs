//! Live reload: what the browser hears after each rebuild (Server-Sent Events on one route),
//! and the small script, added to HTML only as it is served, that listens.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use serde::Serialize;
use tokio::sync::broadcast::{self, error::RecvError};

use crate::build::Failure;
use crate::watch::Rebuilt;

/// The route of the event stream.
pub(crate) const EVENTS_PATH: &str = "/__trellis/events";

/// One message to the browser.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub(crate) enum LiveEvent {
    /// First on every connection: which server and build this is, and the current error.
    Hello {
        session: String,
        build: u64,
        error: Option<String>,
    },
    /// A rebuild succeeded; `changed` lists output paths ("a/b/index.html"), "*" for all.
    Built { build: u64, changed: Vec<String> },
    /// A rebuild failed: the diagnostics, as the terminal shows them without colour.
    Failed { build: u64, error: String },
    /// The server is stopping: streams end so it can.
    Bye,
}

/// The latest build, for connections that open after it.
#[derive(Debug, Default)]
struct Latest {
    build: u64,
    error: Option<String>,
}

/// The hub between the rebuild loop (which publishes) and the open event streams.
#[derive(Clone)]
pub(crate) struct Live {
    session: String,
    events: broadcast::Sender<LiveEvent>,
    latest: Arc<Mutex<Latest>>,
}

impl Live {
    /// `session` tells one run of the server from the next, so pages reload after a restart.
    pub(crate) fn new(session: String) -> Live {
        let (events, _) = broadcast::channel(64);
        Live {
            session,
            events,
            latest: Arc::default(),
        }
    }

    pub(crate) fn session(&self) -> &str {
        &self.session
    }

    pub(crate) fn build(&self) -> u64 {
        self.lock().build
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Latest> {
        crate::locked(&self.latest)
    }

    /// Tells every open page about a rebuild.
    pub(crate) fn publish(
        &self,
        result: &Result<Rebuilt, Failure>,
        error_text: impl FnOnce() -> String,
    ) {
        let event = {
            let mut latest = self.lock();
            latest.build += 1;
            match result {
                Ok(r) => {
                    latest.error = None;
                    LiveEvent::Built {
                        build: latest.build,
                        changed: r.plan.changed(),
                    }
                }
                Err(_) => {
                    let error = error_text();
                    latest.error = Some(error.clone());
                    LiveEvent::Failed {
                        build: latest.build,
                        error,
                    }
                }
            }
        };
        // No open page is not a problem.
        let _ = self.events.send(event);
    }

    /// Ends every event stream.
    pub(crate) fn bye(&self) {
        let _ = self.events.send(LiveEvent::Bye);
    }

    fn hello(&self) -> LiveEvent {
        let latest = self.lock();
        LiveEvent::Hello {
            session: self.session.clone(),
            build: latest.build,
            error: latest.error.clone(),
        }
    }
}

/// GET /__trellis/events: hello, then one event per rebuild.
pub(crate) async fn events(
    State(live): State<Live>,
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    // Subscribe before reading the latest build, so no rebuild falls in between.
    let rx = live.events.subscribe();
    let hello = live.hello();
    let stream = stream::unfold((Some(hello), rx), |(first, mut rx)| async move {
        if let Some(hello) = first {
            let retry = sse(&hello).retry(Duration::from_millis(500));
            return Some((Ok(retry), (None, rx)));
        }
        let event = match rx.recv().await {
            Ok(LiveEvent::Bye) | Err(RecvError::Closed) => return None,
            Ok(event) => event,
            // Too far behind to know what changed: reload whatever is open.
            Err(RecvError::Lagged(_)) => LiveEvent::Built {
                build: u64::MAX,
                changed: vec!["*".into()],
            },
        };
        Some((Ok(sse(&event)), (None, rx)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn sse(event: &LiveEvent) -> SseEvent {
    SseEvent::default().data(serde_json::to_string(event).unwrap_or_default())
}

/// The script, told which server and build served the page.
pub(crate) fn script(session: &str, build: u64) -> String {
    let session = serde_json::to_string(session).unwrap_or_default();
    format!("<script>/* trellis serve: live reload */var __trellis={{session:{session},build:{build},events:\"{EVENTS_PATH}\"}};{SCRIPT}</script>")
}

/// Adds `script` before the last `</body>` of an HTML page (at the end when there is none).
pub(crate) fn inject(html: &str, script: &str) -> String {
    let at = html
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + script.len());
    out.push_str(&html[..at]);
    out.push_str(script);
    out.push_str(&html[at..]);
    out
}

/// Reload when this page (or a file it may use, but for the search index, which pages load only
/// when searching) changed, swap stylesheets when only CSS did,
/// show build errors over the page, and reload after the server restarts.
const SCRIPT: &str = r#"(function(){
var t=__trellis,box=null;
function here(){var p=decodeURIComponent(location.pathname).replace(/^\/+/,"");return p===""||p.slice(-1)==="/"?p+"index.html":p;}
function show(text){if(!box){box=document.createElement("div");box.setAttribute("role","alert");
box.style.cssText="position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:15px/1.5 system-ui,sans-serif;padding:1.5rem";
box.innerHTML='<h2 style="color:#ffb4a8;margin:0 0 1rem">Trellis could not rebuild the site</h2><p style="margin:0 0 1rem">The last good version stays in place. Fix the file and this page reloads.</p><pre style="white-space:pre-wrap;overflow-wrap:anywhere;margin:0 0 1rem;padding:1rem;border-radius:6px;background:#000;color:#fff;border:1px solid #666;font:14px/1.45 ui-monospace,monospace"></pre><button type="button" style="font:inherit;padding:.3rem .8rem">Hide</button>';
box.querySelector("button").onclick=function(){box.remove();box=null;};document.body.appendChild(box);}
box.querySelector("pre").textContent=text;}
function swap(css){var links=document.querySelectorAll('link[rel="stylesheet"]');for(var i=0;i<links.length;i++){var u=new URL(links[i].href);
if(css.indexOf(decodeURIComponent(u.pathname).replace(/^\/+/,""))>=0){u.searchParams.set("v",Date.now());links[i].href=u.href;}}}
function built(changed){if(box||changed.indexOf("*")>=0||changed.indexOf(here())>=0){location.reload();return;}
var css=changed.filter(function(p){return /\.css$/.test(p);});
var other=changed.filter(function(p){return !/\.(css|html|xml)$/.test(p)&&p.indexOf("search/")!==0;});
if(other.length){location.reload();return;}if(css.length)swap(css);}
var es=new EventSource(t.events);
es.onmessage=function(e){var m=JSON.parse(e.data);
if(m.kind==="hello"){if(m.session!==t.session||m.build!==t.build){location.reload();return;}if(m.error)show(m.error);return;}
if(m.build<=t.build)return;t.build=m.build;
if(m.kind==="failed")show(m.error);else if(m.kind==="built")built(m.changed);};
})();"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_closing_body_tag() {
        let html = "<html><body><p>Hi</p></body></html>";
        assert_eq!(
            inject(html, "<script>x</script>"),
            "<html><body><p>Hi</p><script>x</script></body></html>"
        );
        assert_eq!(inject("<p>bare", "<s>"), "<p>bare<s>");
        assert_eq!(inject("<BODY>a</BODY>", "<s>"), "<BODY>a<s></BODY>");
    }

    #[test]
    fn the_script_knows_its_server_and_build() {
        let s = script("abc\"", 7);
        assert!(s.contains(r#"session:"abc\"""#), "{s}");
        assert!(s.contains("build:7"));
        assert!(s.contains(EVENTS_PATH));
    }

    #[test]
    fn events_are_json_with_a_kind() {
        let e = LiveEvent::Built {
            build: 3,
            changed: vec!["a/index.html".into()],
        };
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"kind":"built","build":3,"changed":["a/index.html"]}"#
        );
    }
}
