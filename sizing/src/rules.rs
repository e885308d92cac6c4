//! The rule catalog: every finding [`crate::analyze`] can emit, with a stable id
//! (quote it like a lint name), severity and source. Each rule is defined beside
//! the small function that checks it, grouped by area in `analyze/rules/`;
//! [`AREAS`] lists them in documentation order. `docs/rules.md` documents each;
//! a test keeps the two in step.

use serde::Serialize;

pub use crate::analyze::rules::{console::*, fault_tolerance::*, plan::*, server::*, sql::*};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The design breaks a documented constraint, or the input is invalid.
    Error,
    /// Risky or below a recommendation.
    Warning,
    /// Advice the guide gives.
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One rule of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    /// What triggers it, in a few words.
    pub title: &'static str,
    pub source: &'static str,
}

/// Defines an area's rules: a `pub const` each, and `RULES` listing them.
macro_rules! define_rules {
    ($area:ident; $( $name:ident = $id:literal, $sev:ident, $title:literal, $source:literal; )*) => {
        $( pub const $name: $crate::rules::Rule = $crate::rules::Rule {
            id: $id,
            severity: $crate::rules::Severity::$sev,
            title: $title,
            source: $source,
        }; )*
        /// This area's rules, in documentation order.
        pub const $area: &[$crate::rules::Rule] = &[ $( $name, )* ];
    };
}
pub(crate) use define_rules;

/// Every area's rules, in documentation order.
pub const AREAS: &[&[Rule]] = &[
    PLAN_RULES,
    SERVER_RULES,
    FAULT_TOLERANCE_RULES,
    SQL_RULES,
    CONSOLE_RULES,
];

/// Every rule, in documentation order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    AREAS.iter().flat_map(|area| area.iter())
}

/// The rule with this id.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    all().find(|r| r.id == id)
}
