//! `glasshouse serve`: build into memory, serve over HTTP, watch the sources,
//! rebuild what an edit touches, and reload open pages.

mod hosts;
mod memo;
mod memory;
mod render;
mod report;
pub mod server;

pub use memo::key_of;
pub mod session;
pub mod watch;

use hosts::AllowedHosts;
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use report::{Terminal, status_json};
use server::{AppState, StatusTx, router};
use session::{Session, SessionOptions};
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::task::Poll;
use watch::{ChangeSet, DEBOUNCE, classify, watch_targets};

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub markets: Vec<String>,
    pub drafts: bool,
    pub pseudo: bool,
    pub open: bool,
    /// Host names the preview answers besides loopback ones (`--allow-host`).
    pub allow_hosts: Vec<String>,
}

/// Why the preview could not start or went on no longer (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0} has no glasshouse.yaml; pass --root or run `glasshouse init DIR`")]
    NoSite(String),
    #[error("cannot listen on {addr}: {source} (is another server using port {port}? try --port)")]
    Listen {
        addr: SocketAddr,
        port: u16,
        source: std::io::Error,
    },
    #[error("cannot watch {what}: {error}")]
    Watch { what: String, error: String },
    /// The command line asks for what the site does not have (`--market`).
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Serve until interrupted. `Err` is a usage or start-up problem (exit 2).
pub fn serve(opts: ServeOptions) -> Result<(), ServeError> {
    let root = std::path::absolute(&opts.root)?;
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(ServeError::NoSite(root.display().to_string()));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = (runtime.block_on(tokio::net::TcpListener::bind(addr))).map_err(|source| {
        let port = opts.port;
        ServeError::Listen { addr, port, source }
    })?;
    let local = listener.local_addr()?;
    if !local.ip().is_loopback() {
        crate::errln!(
            "warning: --bind {} serves the preview, drafts and error details included, to every machine that can reach this one",
            local.ip()
        );
    }
    let url = preview_url(local);
    let mut session = Session::new(SessionOptions {
        root: root.clone(),
        markets: opts.markets.clone(),
        base_url: url.clone(),
        drafts: opts.drafts,
        pseudo: opts.pseudo,
    });
    let first = session.rebuild(&ChangeSet {
        config: true,
        ..ChangeSet::default()
    });
    if let Some(msg) = &first.fatal {
        return Err(ServeError::Usage(msg.clone()));
    }
    let mut terminal = Terminal::default();
    terminal.print(&first, "initial build");
    let (tx, _) = tokio::sync::watch::channel(status_json(session.generation, &first));
    let state = AppState {
        site: session.site.clone(),
        status: Arc::new(tx),
        hosts: Arc::new(AllowedHosts::new(local.ip(), &opts.allow_hosts)),
    };
    watch(&root, session, terminal, state.status.clone())?;
    let app = router(state);
    runtime.block_on(async move {
        // Tokio sets up the Ctrl-C handler when this is first polled: it is
        // polled before the line that says Ctrl-C stops the server, so that a
        // Ctrl-C right after it stops the server instead of killing it.
        let mut stop = std::pin::pin!(tokio::signal::ctrl_c());
        let first = std::future::poll_fn(|cx| Poll::Ready(stop.as_mut().poll(cx))).await;
        if let Poll::Ready(r) = first {
            return r;
        }
        crate::outln!("serving {url} (bound to {local}); Ctrl-C to stop");
        if opts.open {
            open_browser(&url);
        }
        tokio::select! {
            r = axum::serve(listener, app) => r,
            _ = stop => Ok(()),
        }
    })?;
    crate::outln!("stopped");
    // Open event streams would hold a graceful shutdown; leave at once.
    runtime.shutdown_background();
    Ok(())
}

/// The URL the preview is served at, from the address it listens on.
fn preview_url(local: SocketAddr) -> String {
    let host = if local.ip().is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        local.ip().to_string()
    };
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host
    };
    format!("http://{host}:{}/", local.port())
}

/// Watch the site's sources and rebuild `session` on each batch of changes, on
/// a thread of its own; each rebuild's status goes to `status`.
fn watch(
    root: &Path,
    mut session: Session,
    mut terminal: Terminal,
    status: Arc<StatusTx>,
) -> Result<(), ServeError> {
    let failed = |what: String| {
        move |e: notify::Error| ServeError::Watch {
            what,
            error: e.to_string(),
        }
    };
    let (events_tx, events_rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, events_tx).map_err(failed("files".into()))?;
    for (path, recursive) in watch_targets(root) {
        let mode = if recursive {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        (debouncer.watch(&path, mode)).map_err(failed(path.display().to_string()))?;
    }
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        let _keep = debouncer;
        for result in events_rx {
            let Ok(events) = result else { continue };
            // Reading files (our own rebuild among them) raises access events: skip those.
            let paths: Vec<PathBuf> = (events.iter())
                .filter(|e| !e.kind.is_access())
                .flat_map(|e| e.paths.clone())
                .collect();
            let changes = classify(&paths, &root);
            if changes.is_empty() {
                continue;
            }
            let report = session.rebuild(&changes);
            terminal.print(&report, &crate::diagnostics::printable(&changes.describe()));
            status.send_replace(status_json(session.generation, &report));
        }
    });
    Ok(())
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(cmd).arg(url).spawn() {
        crate::errln!("could not open a browser ({cmd}: {e}); open {url} yourself");
    }
}
