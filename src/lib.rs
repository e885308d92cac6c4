//! MED-V Planner, the browser app: a Leptos 0.8 client-side UI over the
//! `medv-sizing` core. `main.rs` only mounts [`App`].
//!
//! Layers, each using only those below it: `app` (the page) → `ui` (views:
//! editor, results, charts, the plan menu, form controls, where the focus
//! goes) → `edge` (local storage, the address bar, files) → `state` (the plan
//! signal, the report memo, the undo offer).

pub mod app;
pub mod edge;
pub mod state;
pub mod ui;

pub use app::App;
