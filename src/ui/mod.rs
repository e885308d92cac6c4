//! The views. `nav` (focus and words) and `choices` (a plan's sites and
//! hosts as choices) sit under the rest; `fields` are the form controls the
//! `editor` is built from; `results` draws the report, `charts` its charts.

pub mod charts;
pub mod choices;
pub mod compare;
pub mod editor;
pub mod fields;
pub mod library;
pub mod nav;
pub mod print;
pub mod results;
pub mod share;
pub mod theme;
