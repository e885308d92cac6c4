//! `analyze(&Plan) -> Report`: validates every input once, computes every
//! figure that can still be computed, and checks every rule, returning all
//! findings at once. It never panics and never returns a non-finite figure
//! (those become `None`). Linear in instances, hosts, workspaces and consoles.
//!
//! The phases, in order: [`validate`] (numbers against the catalogs, once),
//! [`host::layout`] (which host holds which database), [`instance::figures`]
//! (each instance with what its database shares), [`host::report`] (H1 totals),
//! [`host::form_factor`], [`sites`] (where each machine stands, remote links,
//! N1 per site), [`math`], [`rules`], [`charts`] and the [`summary`].

pub mod charts;
pub mod host;
pub mod instance;
pub mod math;
pub mod rules;
pub mod sites;
pub mod summary;
pub mod validate;

use crate::path::FieldPath;
use crate::plan::{Instance, Plan};
use crate::report::*;
use crate::rules::Rule;

pub use host::implicit_host_id;

/// Analyzes a plan. See the module docs.
pub fn analyze(plan: &Plan) -> Report {
    analyze_with(plan, true)
}

/// [`analyze`] but for "show the math": every figure, finding and chart the
/// same, and each instance's and host's `math` empty. For a page that writes
/// the math out only when it is asked for: writing every formula of every row
/// with the plan's numbers is a large part of the work on a large plan.
pub fn analyze_figures(plan: &Plan) -> Report {
    analyze_with(plan, false)
}

fn analyze_with(plan: &Plan, with_math: bool) -> Report {
    let mut cx = Cx::default();
    let vp = validate::validate(plan, &mut cx);
    let layout = host::layout(&vp);
    let shared = host::shared_databases(&vp, &layout);

    let (mut instances, exact): (Vec<_>, Vec<_>) = vp
        .instances
        .iter()
        .enumerate()
        .map(|(i, vi)| {
            let slot = layout.slot_of[i];
            let db = slot.map_or_else(|| instance::alone(vi), |s| shared[s]);
            let sql_host = slot.map(|s| layout.slots[s].id.clone());
            instance::figures(vi, &vp.base, db, sql_host)
        })
        .unzip();
    let mut hosts: Vec<HostReport> = layout
        .slots
        .iter()
        .zip(&shared)
        .map(|(slot, db)| host::report(&vp, slot, *db, &instances, &exact))
        .collect();
    for (i, r) in instances.iter_mut().enumerate() {
        r.server_form_factor = host::form_factor(
            &vp,
            &layout,
            &hosts,
            i,
            &r.server_form_factor,
            r.workspace_storage_bytes,
        );
    }
    let sites = sites::Sites::new(plan);
    place(&vp, &sites, &layout, &mut instances, &mut hosts);
    if with_math {
        add_math(&vp, &layout, &mut instances, &mut hosts);
    }
    let site_reports = sites::reports(&vp, &sites);

    let instance_count = rules::plan::instance_count(&vp, &site_reports, &mut cx);
    let facts = rules::Facts {
        vp: &vp,
        sites: &sites,
        site_reports: &site_reports,
        layout: &layout,
        instances: &instances,
        hosts: &hosts,
    };
    rules::check(&facts, &mut cx);

    let charts = charts(&vp, &layout, &instances, &hosts);
    let mut findings = cx.findings;
    findings.sort_by_key(|f| f.severity);
    let summary = summary::summary(&summary::Inputs {
        vp: &vp,
        sites: &sites,
        layout: &layout,
        instances: &instances,
        hosts: &hosts,
        findings: &findings,
    });
    Report {
        format: REPORT_FORMAT,
        rules_version: RULES_VERSION,
        plan_name: plan.name.clone(),
        summary,
        instance_count,
        sites: site_reports,
        instances,
        sql_hosts: hosts,
        findings,
        charts,
    }
}

/// Where each instance's server and clients, and each host, stand; the link a
/// remote database's traffic crosses.
fn place(
    vp: &validate::ValidPlan,
    sites: &sites::Sites,
    layout: &host::Layout,
    instances: &mut [InstanceReport],
    hosts: &mut [HostReport],
) {
    for (i, r) in instances.iter_mut().enumerate() {
        r.site = sites.server_site(i).map(|k| sites.id(k).to_string());
        r.clients_site = sites.clients_site(i).map(|k| sites.id(k).to_string());
        r.remote_link = sites::remote_link(vp, sites, layout, i, r);
    }
    for (slot, h) in layout.slots.iter().zip(hosts.iter_mut()) {
        h.site = sites.host_site(slot).map(|k| sites.id(k).to_string());
    }
}

/// "Show the math" for every figure of every instance and host.
fn add_math(
    vp: &validate::ValidPlan,
    layout: &host::Layout,
    instances: &mut [InstanceReport],
    hosts: &mut [HostReport],
) {
    let plan = vp.plan;
    let names = |members: &[usize]| -> Vec<&str> {
        members
            .iter()
            .map(|&j| plan.instances[j].display_name())
            .collect()
    };
    // Once per host: each instance's math names the instances it shares with.
    let slot_names: Vec<Vec<&str>> = layout.slots.iter().map(|s| names(&s.members)).collect();
    for (i, r) in instances.iter_mut().enumerate() {
        let alone = [plan.instances[i].display_name()];
        let members: &[&str] = match layout.slot_of[i] {
            Some(s) => &slot_names[s],
            None => &alone,
        };
        r.math = math::instance(r, &vp.instances[i].values, members);
        let staleness = vp.plan.service_levels.report_staleness_minutes;
        r.math
            .extend(math::remote_link(r, &vp.instances[i].values, staleness));
    }
    for (names, h) in slot_names.iter().zip(hosts.iter_mut()) {
        h.math = math::host(h, names);
    }
}

/// The chart series of every host and instance.
fn charts(
    vp: &validate::ValidPlan,
    layout: &host::Layout,
    instances: &[InstanceReport],
    hosts: &[HostReport],
) -> Charts {
    Charts {
        database_by_retention: layout
            .slots
            .iter()
            .zip(hosts)
            .filter_map(|(slot, h)| charts::retention(vp, slot, h, instances))
            .collect(),
        backlog_by_outage: instances
            .iter()
            .enumerate()
            .filter_map(|(i, r)| charts::backlog(vp, i, r))
            .collect(),
    }
}

/// Findings as they are found.
#[derive(Default)]
pub struct Cx {
    findings: Vec<Finding>,
}

/// What a finding is about.
#[derive(Clone)]
pub struct Subject {
    pub id: String,
    /// The name to show in messages.
    pub name: String,
    pub kind: SubjectKind,
}

impl Subject {
    pub fn plan() -> Self {
        Subject {
            id: "plan".into(),
            name: "The plan".into(),
            kind: SubjectKind::Plan,
        }
    }
    pub fn instance(inst: &Instance) -> Self {
        Subject {
            id: inst.id.clone(),
            name: inst.display_name().to_string(),
            kind: SubjectKind::Instance,
        }
    }
    pub fn host(id: &str, name: &str) -> Self {
        Subject {
            id: id.to_string(),
            name: name.to_string(),
            kind: SubjectKind::SqlHost,
        }
    }
    pub fn named(name: &str, kind: SubjectKind) -> Self {
        Subject {
            id: name.to_string(),
            name: name.to_string(),
            kind,
        }
    }
}

impl Cx {
    pub fn push(
        &mut self,
        rule: Rule,
        subject: &Subject,
        field: Option<FieldPath>,
        message: String,
    ) {
        self.findings.push(Finding {
            rule: rule.id,
            severity: rule.severity,
            subject: subject.id.clone(),
            subject_kind: subject.kind,
            field,
            message,
            source: rule.source,
        });
    }
}
