//! Partnership data read from TOML files under content/: resources and models (and, from the
//! interactive half, checklists and worksheets).

pub mod library;
pub mod models;
pub mod resources;
pub mod text;
