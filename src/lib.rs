//! MED-V Planner, the browser app: a Leptos 0.8 client-side UI over the
//! `medv-sizing` core. `main.rs` only mounts [`App`].
//!
//! Modules: `app` (the page), `editor` (forms), `fields` (form controls bound to
//! the plan), `results` (figures, findings, chart canvases), `charts` (drawing,
//! generic over the plotters backend), `theme`, `print`, `state` (the plan
//! signal, the report memo, lenses) and `storage` (the local-storage edge).

pub mod app;
pub mod canvas;
pub mod charts;
pub mod editor;
pub mod fields;
pub mod files;
pub mod instance_table;
pub mod library;
pub mod persist;
pub mod print;
pub mod results;
pub mod results_table;
pub mod share;
pub mod state;
pub mod storage;
pub mod theme;

pub use app::App;
