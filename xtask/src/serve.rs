//! `cargo xtask serve`: the built site on 127.0.0.1, with live reload while a
//! teacher edits files under scenarios/.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::get;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::{root, web};

/// Who may put the player in a frame when no `--frame-ancestors` is given: this
/// machine only (any port), so a teacher can try embedding locally.
pub const LOCAL_FRAME_ANCESTORS: &str = "http://127.0.0.1:* http://localhost:*";

/// The `Content-Security-Policy` the server sends: the player may be framed by
/// itself and by `ancestors` (space-separated origins), and by no one else.
pub fn content_security_policy(ancestors: &str) -> String {
    format!("frame-ancestors 'self' {}", ancestors.trim())
}

/// Serves until the process is stopped.
pub fn serve_forever(site: &Path, port: u16, frame_ancestors: &str) -> Result<(), String> {
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let version = Arc::new(AtomicU64::new(1));
        let (listener, addr) = bind(port).await?;
        watch_scenarios(site.to_path_buf(), Arc::clone(&version));
        println!("FirstShift is being served at http://{addr}/ (Ctrl+C to stop).");
        println!("Edits to files under scenarios/ reload the page.");
        println!(
            "The player may be framed by: {}",
            content_security_policy(frame_ancestors)
        );
        let extras = format!(
            "<script type=\"module\" src=\"{}\"></script>",
            web::LIVE_RELOAD_SCRIPT
        );
        let router = router(
            site,
            version,
            frame_ancestors,
            &extras,
            Compression::Precompressed,
        );
        axum::serve(listener, router)
            .await
            .map_err(|e| e.to_string())
    })
}

/// How a spawned server sends files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// The `.br` / `.gz` beside each file, when the browser accepts them.
    Precompressed,
    /// Every file as it is, like many LMS file servers and static hosts.
    None,
}

/// Starts a server on a background thread (port 0: any free port) and returns its
/// address. Used by the browser tests.
pub fn spawn(site: PathBuf, port: u16) -> Result<SocketAddr, String> {
    spawn_with(site, port, Compression::Precompressed)
}

/// [`spawn`], choosing how files are sent (the benchmark measures both).
pub fn spawn_with(
    site: PathBuf,
    port: u16,
    compression: Compression,
) -> Result<SocketAddr, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = match tokio::runtime::Runtime::new() {
            Ok(r) => r,
            Err(e) => {
                let _ = tx.send(Err(e.to_string()));
                return;
            }
        };
        runtime.block_on(async move {
            match bind(port).await {
                Ok((listener, addr)) => {
                    let _ = tx.send(Ok(addr));
                    let router = router(
                        &site,
                        Arc::new(AtomicU64::new(1)),
                        LOCAL_FRAME_ANCESTORS,
                        TEST_HOOKS_MARK,
                        compression,
                    );
                    let _ = axum::serve(listener, router).await;
                }
                Err(e) => {
                    let _ = tx.send(Err(e));
                }
            }
        });
    });
    rx.recv().map_err(|e| e.to_string())?
}

async fn bind(port: u16) -> Result<(tokio::net::TcpListener, SocketAddr), String> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| {
            format!("cannot listen on 127.0.0.1:{port}: {e} (try --port with another number)")
        })?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    Ok((listener, addr))
}

/// A file whose name carries its content hash never changes: a browser may keep
/// it for a year. Everything else is revalidated, so an edit (or a new build) is
/// never hidden by a cache.
fn cache_control(path: &str) -> HeaderValue {
    if crate::fingerprint::is_fingerprinted(path) {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("no-cache")
    }
}

/// What the browser tests' server adds to the page: the mark without which the
/// player ignores its test hooks (`?seed=`, `?clock=manual`, `waitSeconds`).
pub const TEST_HOOKS_MARK: &str = r#"<meta name="firstshift-test-hooks" content="on">"#;

/// `extras` goes into the player's page just before `</head>`: the live-reload
/// script for a teacher, the test-hooks mark for the browser tests.
fn router(
    site: &Path,
    version: Arc<AtomicU64>,
    frame_ancestors: &str,
    extras: &str,
    compression: Compression,
) -> Router {
    let csp = HeaderValue::from_str(&content_security_policy(frame_ancestors))
        .unwrap_or_else(|_| HeaderValue::from_static("frame-ancestors 'self'"));
    let files = match compression {
        Compression::Precompressed => ServeDir::new(site).precompressed_br().precompressed_gzip(),
        Compression::None => ServeDir::new(site),
    };
    let page = {
        let (site, extras) = (site.to_path_buf(), extras.to_string());
        move || {
            let (site, extras) = (site.clone(), extras.clone());
            async move {
                // Read on every request: `serve` rebuilds nothing, but a teacher's
                // reload must see the page as it is on disk.
                let html = std::fs::read_to_string(site.join("index.html")).unwrap_or_default();
                axum::response::Html(html.replacen("</head>", &format!("{extras}\n</head>"), 1))
            }
        }
    };
    Router::new()
        .route("/", get(page.clone()))
        .route("/index.html", get(page))
        .route(
            "/__livereload",
            get(move || async move { version.load(Ordering::Relaxed).to_string() }),
        )
        .fallback_service(files)
        .layer(axum::middleware::map_response(
            |uri: axum::http::Uri, mut response: axum::response::Response| async move {
                response
                    .headers_mut()
                    .insert(header::CACHE_CONTROL, cache_control(uri.path()));
                response
            },
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
}

/// Polls scenarios/ twice a second; on a change, republishes them and bumps the
/// version the page polls. Polling needs no platform watcher and is cheap here.
fn watch_scenarios(site: PathBuf, version: Arc<AtomicU64>) {
    std::thread::spawn(move || {
        let mut last = newest_change(&root().join("scenarios"));
        loop {
            std::thread::sleep(Duration::from_millis(500));
            let now = newest_change(&root().join("scenarios"));
            if now != last {
                last = now;
                match web::publish_scenarios(&site, false) {
                    Ok(()) => println!("scenarios changed: reloading the page"),
                    Err(e) => println!("scenarios changed, but: {e}"),
                }
                version.fetch_add(1, Ordering::Relaxed);
            }
        }
    });
}

fn newest_change(dir: &Path) -> (Option<SystemTime>, usize) {
    let mut newest = None;
    let mut count = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(modified) = entry.metadata().and_then(|m| m.modified()) {
                count += 1;
                newest = newest.max(Some(modified));
            }
        }
    }
    (newest, count)
}
