//! # medv-sizing
//!
//! Microsoft's "Design the MED-V Server Infrastructure" guidance as a pure
//! library: the plan format ([`plan`]), the editable assumptions
//! ([`assumptions`]), the formulas ([`formulas`]), the rule catalog ([`rules`]),
//! [`analyze`] which turns a [`Plan`] into a [`Report`], and renderers for a
//! Markdown design document and a CSV of the figures ([`render`]).
//!
//! Invariants: this crate never touches a DOM, a clock, storage, the network or
//! the file system (the `medv-plan` binary does its own I/O); nothing in it
//! panics on any plan; every figure is finite or `None`.

pub mod analyze;
pub mod assumptions;
pub mod compare;
pub mod edit;
pub mod fields;
pub mod figures;
pub mod formulas;
pub mod input;
pub mod limits;
pub mod link;
pub mod names;
pub mod path;
pub mod plan;
pub mod render;
pub mod render_summary;
pub mod report;
pub mod rules;
pub mod site_defaults;
pub mod sql_script;
pub mod store;
pub mod units;

pub use analyze::{analyze, analyze_figures, implicit_host_id};
pub use assumptions::{AssumptionOverrides, Assumptions, Key};
pub use plan::{parse_plan, plan_to_json, Plan, PlanError};
pub use report::Report;

/// The worked example of `medv-domain.md` §5, as a plan document.
pub const WORKED_EXAMPLE_JSON: &str = include_str!("../../examples/worked-example.json");

/// The worked example, parsed.
pub fn worked_example() -> Plan {
    // The file is part of the crate and tested; fall back to an empty plan rather
    // than panic if it were ever damaged.
    parse_plan(WORKED_EXAMPLE_JSON).unwrap_or_default()
}
