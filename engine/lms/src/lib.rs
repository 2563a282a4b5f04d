//! What FirstShift tells a learning management system.
//!
//! Plain Rust, no browser: the player (`web/src/lms.rs`) finds the LMS's API and calls
//! it with the element–value pairs this crate computes, and `cargo xtask package`
//! writes the manifests. Keeping the mapping here means it is tested natively, and
//! the browser layer only forwards.
//!
//! * [`scorm`] — the SCORM 1.2 and 2004 (4th edition) run-time data model values for
//!   the start of a run, each choice (an interaction), the result, and leaving.
//! * [`time`] — the time formats the two versions use.
//! * [`manifest`] — `imsmanifest.xml` for both versions.
//! * [`cmi5`] — the xAPI statements of a cmi5 assignable unit, and `cmi5.xml`.
//! * [`cmi5_launch`] — which launch addresses a package may use, the learner's
//!   language preference, and the key a registration's save is kept under.

pub mod cmi5;
pub mod cmi5_launch;
pub mod manifest;
pub mod scorm;
pub mod time;

pub use scorm::{ChoiceRecord, Scorm, Version};
