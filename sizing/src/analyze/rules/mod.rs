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
    pub sites: &'a super::sites::Sites<'a>,
    pub site_reports: &'a [crate::report::SiteReport],
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

/// What each area's tests share: a plan that passes every rule, bent one way
/// at a time, and the check that every rule of an area has a bend that
/// triggers it and a near miss that does not.
#[cfg(test)]
pub(crate) mod testing {
    use crate::plan::*;
    use crate::rules::Rule;
    use crate::{analyze, Plan};

    pub type Case = (&'static str, fn(&mut Plan));

    pub fn inst(p: &mut Plan) -> &mut Instance {
        &mut p.instances[0]
    }

    include!("clean_plan.rs");

    fn bent(bend: fn(&mut Plan)) -> Plan {
        let mut plan = clean_plan();
        bend(&mut plan);
        plan
    }

    /// Every rule of `rules` has a triggering case, found with its catalog
    /// severity and source and a field that resolves, and a silent near miss.
    pub fn check_area(rules: &[Rule], trigger: &[Case], silent: &[Case]) {
        assert!(analyze(&clean_plan()).findings.is_empty());
        for (id, _) in trigger.iter().chain(silent) {
            assert!(
                rules.iter().any(|r| r.id == *id),
                "{id} is not a rule of this area"
            );
        }
        for rule in rules {
            let of = |cases: &[Case]| -> Vec<fn(&mut Plan)> {
                cases
                    .iter()
                    .filter(|(id, _)| *id == rule.id)
                    .map(|(_, b)| *b)
                    .collect()
            };
            let (triggers, silents) = (of(trigger), of(silent));
            assert!(!triggers.is_empty(), "no case triggers {}", rule.id);
            assert!(!silents.is_empty(), "no silent case for {}", rule.id);
            for bend in triggers {
                let plan = bent(bend);
                let report = analyze(&plan);
                let Some(f) = report.findings_of(rule.id).next() else {
                    let got: Vec<_> = report.findings.iter().map(|f| f.rule).collect();
                    panic!("{} not triggered; got {got:?}", rule.id);
                };
                // For docs/rules.md: MEDV_PRINT_MESSAGES=1 cargo test -p medv-sizing --lib -- --nocapture
                if std::env::var_os("MEDV_PRINT_MESSAGES").is_some() {
                    println!("MSG\t{}\t{}", rule.id, f.message);
                }
                assert_eq!(f.severity, rule.severity, "{}", rule.id);
                assert_eq!(f.source, rule.source, "{}", rule.id);
                assert!(
                    !f.message.is_empty() && !f.subject.is_empty(),
                    "{}",
                    rule.id
                );
                for f in &report.findings {
                    if let Some(path) = f.field {
                        assert!(path.resolves(&plan), "{}: {path} does not resolve", f.rule);
                        assert_eq!(crate::path::FieldPath::parse(&path.to_string()), Some(path));
                    }
                }
            }
            for bend in silents {
                let report = analyze(&bent(bend));
                assert!(
                    report.findings_of(rule.id).next().is_none(),
                    "{} triggered by its near miss",
                    rule.id
                );
            }
        }
    }
}
