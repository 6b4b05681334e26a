//! HTTP: the in-memory site, the live-reload script and its event stream.

use super::hosts::AllowedHosts;
use super::memory::{MemorySite, Served};
use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::watch;

const RELOAD_JS: &str = include_str!("reload.js");
const RELOAD_TAG: &str = "<script src=\"/__glasshouse/reload.js\"></script>";

/// What the browser is told after each rebuild: JSON with `generation` and `errors`.
pub type StatusTx = watch::Sender<String>;

#[derive(Clone)]
pub struct AppState {
    pub site: Arc<MemorySite>,
    pub status: Arc<StatusTx>,
    pub hosts: Arc<AllowedHosts>,
}

pub fn router(state: AppState) -> Router {
    let hosts = state.hosts.clone();
    Router::new()
        .route(
            "/__glasshouse/reload.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    RELOAD_JS,
                )
            }),
        )
        .route("/__glasshouse/events", get(events))
        .route("/__glasshouse/status", get(status))
        .fallback(get(page))
        .with_state(state)
        .layer(axum::middleware::from_fn(
            move |req: Request, next: Next| {
                let hosts = hosts.clone();
                async move { check_host(&hosts, req, next).await }
            },
        ))
}

/// Answer only the hosts the preview knows (see `hosts`): 403 otherwise.
async fn check_host(hosts: &AllowedHosts, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()))
        .unwrap_or("");
    if hosts.allows(host) {
        return next.run(req).await;
    }
    let name: String = host.chars().filter(|c| !c.is_control()).take(100).collect();
    let body = format!(
        "glasshouse serve answers only localhost and its own address, not `{name}`; to preview under that name, start it with --allow-host {name}\n"
    );
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = StatusCode::FORBIDDEN;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

async fn status(State(state): State<AppState>) -> impl IntoResponse {
    let body = state.status.borrow().clone();
    ([(header::CONTENT_TYPE, "application/json")], body)
}

async fn events(
    State(state): State<AppState>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let rx = state.status.subscribe();
    let stream = futures_util::stream::unfold((rx, true), |(mut rx, first)| async move {
        if !first && rx.changed().await.is_err() {
            return None;
        }
        let data = rx.borrow_and_update().clone();
        Some((Ok(Event::default().data(data)), (rx, false)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn page(State(state): State<AppState>, uri: Uri) -> Response {
    let Some(key) = site_path(uri.path()) else {
        return not_found(&state, "");
    };
    match state.site.get(&key) {
        Some(Served::Bytes(bytes)) => return respond(StatusCode::OK, &key, &bytes),
        // Drawn on a thread that may block, not on the server's.
        Some(Served::Card(card)) => {
            return match tokio::task::spawn_blocking(move || card.png()).await {
                Ok(Ok(png)) => respond(StatusCode::OK, &key, &png),
                Ok(Err(d)) => failed(&format!("the share card cannot be drawn: {}", d.one_line())),
                Err(_) => failed("the share card cannot be drawn"),
            };
        }
        None => {}
    }
    // `/us/two-step` -> `/us/two-step/`, so that relative links resolve.
    if !key.is_empty()
        && !key.ends_with("index.html")
        && state.site.get(&format!("{key}/index.html")).is_some()
    {
        let location = format!("{}/", uri.path());
        return Response::builder()
            .status(StatusCode::MOVED_PERMANENTLY)
            .header(header::LOCATION, location)
            .body(Body::empty())
            .unwrap_or_default();
    }
    not_found(&state, &key)
}

/// The nearest `404.html` to `key`, as static hosts (Netlify, Cloudflare
/// Pages) serve it: `/jp/gone/` gets the jp market's.
fn not_found(state: &AppState, key: &str) -> Response {
    let mut dir = key;
    loop {
        dir = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
        let candidate = if dir.is_empty() {
            "404.html".to_string()
        } else {
            format!("{dir}/404.html")
        };
        if let Some(Served::Bytes(bytes)) = state.site.get(&candidate) {
            return respond(StatusCode::NOT_FOUND, "404.html", &bytes);
        }
        if dir.is_empty() {
            return respond(StatusCode::NOT_FOUND, "404.html", b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1></body></html>");
        }
    }
}

/// A 500 that says why, in plain text.
fn failed(why: &str) -> Response {
    respond(
        StatusCode::INTERNAL_SERVER_ERROR,
        "error.txt",
        why.as_bytes(),
    )
}

fn respond(status: StatusCode, key: &str, bytes: &[u8]) -> Response {
    let kind = content_type(key);
    let body = if kind.starts_with("text/html") {
        inject(bytes)
    } else {
        bytes.to_vec()
    };
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r.headers_mut().insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// The live-reload script, before `</body>` (or at the end).
fn inject(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{RELOAD_TAG}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{RELOAD_TAG}").into_bytes(),
    }
}

/// The key of a request path in the site, or `None` for paths that try to leave
/// it: `..` segments, encoded or not, encoded slashes and backslashes, NUL.
pub fn site_path(raw: &str) -> Option<String> {
    let lowered = raw.to_ascii_lowercase();
    if lowered.contains("%2f") || lowered.contains("%5c") || lowered.contains("%00") {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s => parts.push(s),
        }
    }
    let mut key = parts.join("/");
    if decoded.ends_with('/') || key.is_empty() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

pub fn content_type(path: &str) -> &'static str {
    match path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        Some("vtt") => "text/vtt; charset=utf-8",
        Some("xml") => "application/xml",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("pdf") => "application/pdf",
        Some("mp4") => "video/mp4",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_site_keys() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/us/").as_deref(), Some("us/index.html"));
        assert_eq!(
            site_path("/us/two-step/").as_deref(),
            Some("us/two-step/index.html")
        );
        assert_eq!(
            site_path("/static/style.css").as_deref(),
            Some("static/style.css")
        );
        assert_eq!(
            site_path("/jp/%E6%97%A5/").as_deref(),
            Some("jp/日/index.html")
        );
    }

    #[test]
    fn escapes_are_refused() {
        for p in [
            "/../etc/passwd",
            "/us/../../x",
            "/%2e%2e/x",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/us%2f..%2fx",
            "/a%5c..%5cb",
            "/a\\..\\b",
            "/x%00",
        ] {
            assert_eq!(site_path(p), None, "{p}");
        }
    }

    #[test]
    fn injects_before_the_end_of_body() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).unwrap();
        assert_eq!(
            out,
            format!("<html><body><p>x</p>{RELOAD_TAG}</body></html>")
        );
    }
}
