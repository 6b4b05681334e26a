//! Loading and parsing explainers: front matter, directives, the library of files.

pub mod directives;
pub mod front_matter;
pub mod library;

pub use directives::{Block, Body, Group, Ids, Role, Script, ScriptItem, ScriptLine, Variant};
pub use front_matter::FrontMatter;
pub use library::{Document, EXPLAINERS_DIR, Explainer, Library, load_library};
