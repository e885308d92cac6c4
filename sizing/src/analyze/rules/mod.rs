//! The rules, grouped by area, each a small function beside its catalog entry.
//! They read the validated plan and the computed figures; none re-checks a
//! range (an invalid value reads as `None` and its rule stays silent).

pub mod console;
pub mod fault_tolerance;
pub mod plan;
pub mod server;
pub mod sql;

use crate::path::FieldPath;
use crate::plan::Instance;
use crate::report::{HostReport, InstanceReport};

use super::host::Layout;
use super::validate::{ValidInstance, ValidPlan};
use super::{Cx, Subject};

/// What the rules read.
pub struct Facts<'a> {
    pub vp: &'a ValidPlan<'a>,
    pub layout: &'a Layout<'a>,
    pub instances: &'a [InstanceReport],
    pub hosts: &'a [HostReport],
}

/// One instance as the rules see it.
pub struct Inst<'a> {
    pub i: usize,
    pub src: &'a Instance,
    pub valid: &'a ValidInstance<'a>,
    pub report: &'a InstanceReport,
    pub who: Subject,
    pub name: &'a str,
}

impl Inst<'_> {
    pub fn path(&self, f: crate::fields::InstanceField) -> Option<FieldPath> {
        Some(FieldPath::Instance(self.i, f))
    }
    /// Active clients, when valid.
    pub fn clients(&self) -> Option<f64> {
        self.report.active_clients
    }
    /// Nobody uses it (yet): no lock-out can be claimed.
    pub fn has_no_clients(&self) -> bool {
        self.clients() == Some(0.0)
    }
}

impl<'a> Facts<'a> {
    pub fn each_instance(&self) -> impl Iterator<Item = Inst<'a>> + '_ {
        self.vp
            .instances
            .iter()
            .enumerate()
            .map(move |(i, valid)| Inst {
                i,
                src: valid.src,
                valid,
                report: &self.instances[i],
                who: Subject::instance(valid.src),
                name: valid.src.display_name(),
            })
    }

    /// Display names of instances, joined.
    pub fn names(&self, members: &[usize]) -> String {
        members
            .iter()
            .map(|&i| self.vp.plan.instances[i].display_name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Runs every rule of every area.
pub fn check(facts: &Facts, cx: &mut Cx) {
    plan::check(facts, cx);
    for inst in facts.each_instance() {
        plan::instance(facts, &inst, cx);
        server::check(facts, &inst, cx);
        fault_tolerance::check(facts, &inst, cx);
        console::check(facts, &inst, cx);
    }
    console::duplicates(facts, cx);
    sql::check(facts, cx);
}

/// Rows named alike (trimmed, ignoring case) across the plan's instances: for
/// each name given more than once, its places as (instance, row), in order.
pub fn same_names(
    plan: &crate::plan::Plan,
    names: fn(&Instance) -> Vec<&str>,
) -> Vec<Vec<(usize, usize)>> {
    let mut places: std::collections::BTreeMap<String, Vec<(usize, usize)>> = Default::default();
    for (i, inst) in plan.instances.iter().enumerate() {
        for (j, name) in names(inst).into_iter().enumerate() {
            if !name.trim().is_empty() {
                places
                    .entry(name.trim().to_lowercase())
                    .or_default()
                    .push((i, j));
            }
        }
    }
    places.into_values().filter(|p| p.len() > 1).collect()
}

/// The instances owning rows at `places`, by name.
pub fn owners(plan: &crate::plan::Plan, places: &[(usize, usize)]) -> String {
    places
        .iter()
        .map(|(i, _)| plan.instances[*i].display_name())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "1 core", "2 cores".
pub fn plural(n: f64, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        crate::units::count(n),
        if n == 1.0 { one } else { many }
    )
}
