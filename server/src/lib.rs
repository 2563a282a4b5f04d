//! The FirstShift server: runs whose results it vouches for, on SQLite or
//! PostgreSQL. See `server/README.md` for running it and `docs/privacy.md` for what
//! it keeps.
//!
//! - [`store`]: the data layer and its migrations; the only module that knows SQL.
//! - [`library`]: the scenarios the server can run, by id.
//! - [`runs`]: the run service (seed, choices in order, replay, the server's own score).
//! - [`lti`]: LTI 1.3 login and launch.
//! - [`api`]: the HTTP API over it.

pub mod api;
pub mod library;
pub mod lti;
pub mod runs;
pub mod store;
mod token;

pub use api::{AppState, router};
pub use library::Library;
pub use runs::Runs;
pub use store::Store;
