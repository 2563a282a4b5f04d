//! `firstshift-server`: serves the run API on one address over one database.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use firstshift_server::store::Platform;
use firstshift_server::{AppState, Library, Runs, Store, router};

/// The FirstShift server. With no options it keeps its data in `firstshift.db`
/// (created if missing) and listens on 127.0.0.1:8090.
#[derive(Debug, Parser)]
#[command(name = "firstshift-server", version)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// `sqlite://FILE` (created if missing) or `postgres://USER:PASSWORD@HOST/DATABASE`.
    #[arg(long, default_value = "sqlite://firstshift.db")]
    database: String,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8090")]
    listen: SocketAddr,
    /// The folder of scenarios the server runs and scores (the player's built-in ones).
    #[arg(long, default_value = "scenarios")]
    scenarios: PathBuf,
    /// Let anyone who can reach the server start a run, without a course launch:
    /// for trying the server out and for the benchmark, never for a class.
    #[arg(long)]
    open: bool,
    /// The address students and LMSs reach this server at, if not `http://` and
    /// the listening address (behind a proxy: `https://firstshift.district.org`).
    #[arg(long)]
    public_url: Option<String>,
    /// The built player to serve at `/` (`cargo xtask build-web` writes
    /// `target/web`), so an LMS launch opens it on this server.
    #[arg(long)]
    site: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Registers an LMS (an LTI 1.3 platform), or updates its addresses, with the
    /// values its administrator's page shows for the FirstShift tool.
    RegisterPlatform {
        /// The platform's issuer (`iss`), such as `https://canvas.instructure.com`.
        #[arg(long)]
        issuer: String,
        /// The client id the platform gave FirstShift.
        #[arg(long)]
        client_id: String,
        /// The platform's OIDC authorisation address ("authentication request URL").
        #[arg(long)]
        auth_login_url: String,
        /// The platform's public keyset address ("public keyset URL").
        #[arg(long)]
        jwks_url: String,
        /// The platform's access-token address ("access token URL").
        #[arg(long)]
        token_url: String,
        /// A deployment id the platform gave (repeat for several).
        #[arg(long = "deployment", required = true)]
        deployments: Vec<String>,
        /// A name for the administrator's lists.
        #[arg(long, default_value = "LMS")]
        name: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match serve(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("firstshift-server: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: Args) -> Result<(), String> {
    if let Some(Command::RegisterPlatform {
        issuer,
        client_id,
        auth_login_url,
        jwks_url,
        token_url,
        deployments,
        name,
    }) = args.command
    {
        let store = Store::open(&args.database)
            .await
            .map_err(|e| e.to_string())?;
        let platform = Platform {
            issuer,
            client_id,
            auth_login_url,
            jwks_url,
            token_url,
            name,
        };
        store
            .register_platform(&platform, &deployments)
            .await
            .map_err(|e| e.to_string())?;
        eprintln!(
            "firstshift-server: registered {} ({}, client id {}) with {} deployment(s)",
            platform.name,
            platform.issuer,
            platform.client_id,
            deployments.len()
        );
        return Ok(());
    }
    let loaded = Library::load(&args.scenarios)?;
    for (path, why) in &loaded.left_out {
        eprintln!("firstshift-server: left out {}: {why}", path.display());
    }
    let store = Store::open(&args.database)
        .await
        .map_err(|e| e.to_string())?;
    let scenarios = loaded.library.len();
    let runs = Runs::new(store, Arc::new(loaded.library));
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let public_url = args
        .public_url
        .unwrap_or_else(|| format!("http://{address}"))
        .trim_end_matches('/')
        .to_string();
    let app = router(AppState {
        runs,
        open: args.open,
        public_url,
        keys: Default::default(),
        site: args.site,
    });
    // One line a script (or a test) can wait for.
    eprintln!(
        "firstshift-server: listening on http://{address} ({scenarios} scenarios, {})",
        redacted(&args.database)
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}

/// The database address without its password, for the log.
fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.find(':') {
                Some(colon) => format!(
                    "{}{}:…{}",
                    &url[..scheme + 3],
                    &credentials[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}
