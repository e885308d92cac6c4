//! The verdict and the bill of materials: what to deploy, where, and whether
//! it is safe. Built from the figures and the findings, after every rule ran.

use std::collections::HashMap;

use crate::fields::InstanceField;
use crate::plan::Plan;
use crate::report::*;
use crate::rules::{Severity, SERVER_RULES};

use super::host::Layout;
use super::sites::Sites;
use super::validate::ValidPlan;

pub struct Inputs<'a> {
    pub vp: &'a ValidPlan<'a>,
    pub sites: &'a Sites<'a>,
    pub layout: &'a Layout<'a>,
    pub instances: &'a [InstanceReport],
    pub hosts: &'a [HostReport],
    pub findings: &'a [Finding],
}

pub fn summary(x: &Inputs) -> Summary {
    let count = |s: Severity| x.findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let incomplete = incomplete(x.vp.plan, x.instances);
    let status = if !incomplete.is_empty() {
        Status::Incomplete
    } else if errors > 0 {
        Status::Error
    } else if warnings > 0 {
        Status::Warning
    } else {
        Status::Ok
    };
    let sites = bill(x);
    let totals = add_up(sites.iter().map(|s| &s.subtotal));
    Summary {
        status,
        errors,
        warnings,
        infos,
        incomplete,
        sites,
        totals,
        outages: outages(x),
    }
}

/// Why the plan cannot be judged yet.
fn incomplete(plan: &Plan, instances: &[InstanceReport]) -> Vec<String> {
    let mut why = Vec::new();
    if plan.instances.is_empty() {
        why.push("The plan has no MED-V instance.".to_string());
    }
    for r in instances {
        if r.active_clients == Some(0.0) {
            why.push(format!("{} has no active clients.", r.name));
        } else if r.database_bytes.is_none() || r.total_iops.is_none() {
            why.push(format!(
                "{}'s database size or IOPS cannot be computed: an input is invalid.",
                r.name
            ));
        }
    }
    why
}

/// The worst finding about each subject, as a line status: for MED-V servers
/// only the server rules count, for SQL Server hosts every rule about the host.
/// Built once, so the bill stays linear in the plan.
struct Worst<'a> {
    servers: HashMap<&'a str, LineStatus>,
    hosts: HashMap<&'a str, LineStatus>,
}

impl<'a> Worst<'a> {
    fn new(findings: &'a [Finding]) -> Self {
        let mut w = Worst {
            servers: HashMap::new(),
            hosts: HashMap::new(),
        };
        for f in findings {
            let status = match f.severity {
                Severity::Error => LineStatus::Error,
                Severity::Warning => LineStatus::Warning,
                Severity::Info => continue,
            };
            let map = match f.subject_kind {
                SubjectKind::Instance if SERVER_RULES.iter().any(|r| r.id == f.rule) => {
                    &mut w.servers
                }
                SubjectKind::SqlHost => &mut w.hosts,
                _ => continue,
            };
            let at = map.entry(f.subject.as_str()).or_default();
            if (status as u8) > (*at as u8) {
                *at = status;
            }
        }
        w
    }
}

/// The machines grouped by site, in the plan's site order; no site last.
fn bill(x: &Inputs) -> Vec<SiteBill> {
    let plan = x.vp.plan;
    let worst = Worst::new(x.findings);
    let mut groups: Vec<SiteBill> = plan
        .sites
        .iter()
        .map(|s| SiteBill {
            site: Some(s.id.clone()),
            name: s.display_name().to_string(),
            ..SiteBill::default()
        })
        .collect();
    groups.push(SiteBill {
        site: None,
        name: if x.sites.active() {
            "No site given".into()
        } else {
            "All machines".into()
        },
        ..SiteBill::default()
    });
    let none = groups.len() - 1;
    for (i, r) in x.instances.iter().enumerate() {
        let vi = &x.vp.instances[i];
        let at = x.sites.server_site(i).unwrap_or(none);
        groups[at].medv_servers.push(ServerLine {
            instance: r.id.clone(),
            name: r.name.clone(),
            entered_cpu_ghz: vi.num(InstanceField::ServerCpuGhz),
            entered_cores: vi.num(InstanceField::ServerCores),
            entered_ram_gb: vi.num(InstanceField::ServerRamGb),
            needed: r.server_form_factor.clone(),
            status: worst
                .servers
                .get(r.id.as_str())
                .copied()
                .unwrap_or_default(),
        });
        consoles(x, i, r, at, &mut groups);
    }
    for (slot, h) in x.layout.slots.iter().zip(x.hosts) {
        let at = x.sites.host_site(slot).unwrap_or(none);
        let plan_host = slot.plan.map(|(_, vh)| vh.src);
        groups[at].sql_hosts.push(HostLine {
            id: h.id.clone(),
            name: h.name.clone(),
            on_medv_server: slot.on_server.map(|i| plan.instances[i].id.clone()),
            on_medv_server_name: slot.on_server.map(|i| x.instances[i].name.clone()),
            instances: h.instances.clone(),
            database_bytes: h.database_bytes,
            total_iops: h.total_iops,
            edition: plan_host.map(|p| p.edition),
            fault_tolerance: plan_host.map(|p| p.fault_tolerance),
            status: worst.hosts.get(h.id.as_str()).copied().unwrap_or_default(),
        });
    }
    for g in &mut groups {
        g.subtotal = subtotal(g);
    }
    groups
        .into_iter()
        .filter(|g| {
            g.site.is_some()
                || !g.medv_servers.is_empty()
                || !g.sql_hosts.is_empty()
                || !g.consoles.is_empty()
        })
        .collect()
}

/// An instance's consoles, each at its own site or its server's.
fn consoles(x: &Inputs, i: usize, r: &InstanceReport, server_at: usize, groups: &mut [SiteBill]) {
    let inst = &x.vp.plan.instances[i];
    let mut by_site: Vec<(usize, Vec<String>)> = Vec::new();
    for (j, c) in inst.consoles.iter().enumerate() {
        let at = x.sites.find(&c.site).unwrap_or(server_at);
        let name = if c.name.trim().is_empty() {
            format!("{} console {}", r.name, j + 1)
        } else {
            c.name.clone()
        };
        match by_site.iter_mut().find(|(k, _)| *k == at) {
            Some((_, names)) => names.push(name),
            None => by_site.push((at, vec![name])),
        }
    }
    for (at, names) in by_site {
        groups[at].consoles.push(ConsoleLine {
            instance: r.id.clone(),
            instance_name: r.name.clone(),
            count: names.len(),
            names,
        });
    }
}

fn subtotal(g: &SiteBill) -> Totals {
    let sum = |values: Vec<Option<f64>>| values.into_iter().try_fold(0.0, |a, v| v.map(|v| a + v));
    Totals {
        medv_servers: g.medv_servers.len(),
        sql_hosts: g.sql_hosts.len(),
        sql_machines: g
            .sql_hosts
            .iter()
            .filter(|h| h.on_medv_server.is_none())
            .count(),
        consoles: g.consoles.iter().map(|c| c.count).sum(),
        database_bytes: sum(g.sql_hosts.iter().map(|h| h.database_bytes).collect()),
        total_iops: sum(g.sql_hosts.iter().map(|h| h.total_iops).collect()),
    }
}

fn add_up<'a>(parts: impl Iterator<Item = &'a Totals>) -> Totals {
    let mut t = Totals {
        database_bytes: Some(0.0),
        total_iops: Some(0.0),
        ..Totals::default()
    };
    for p in parts {
        t.medv_servers += p.medv_servers;
        t.sql_hosts += p.sql_hosts;
        t.sql_machines += p.sql_machines;
        t.consoles += p.consoles;
        t.database_bytes = t.database_bytes.zip(p.database_bytes).map(|(a, b)| a + b);
        t.total_iops = t.total_iops.zip(p.total_iops).map(|(a, b)| a + b);
    }
    t
}

/// For each instance: who is locked out and when, for the planned MED-V server
/// and SQL Server outages, and whether recovery fits the service levels.
fn outages(x: &Inputs) -> Vec<OutageVerdict> {
    let levels = &x.vp.plan.service_levels;
    let within =
        |recovery: Option<f64>, accepted: Option<f64>| recovery.zip(accepted).map(|(r, a)| r <= a);
    x.instances
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let slot = x.layout.slot_of[i];
            let host = slot.map(|s| &x.hosts[s]);
            // Shares follow the slot's members, which are in instance order.
            let share = slot.and_then(|s| {
                let members = &x.layout.slots[s].members;
                let at = members.binary_search(&i).ok()?;
                x.hosts[s].outage.get(at)
            });
            OutageVerdict {
                instance: r.id.clone(),
                name: r.name.clone(),
                medv_outage_hours: r.outage.hours,
                locked_out: r.outage.users_stop,
                locked_out_after_hours: if r.active_clients == Some(0.0) {
                    None
                } else {
                    r.tolerated_outage_worst_case_hours
                },
                recovery_hours: r.recovery_hours,
                recovery_within_service_level: within(
                    r.recovery_hours,
                    levels.max_medv_outage_hours,
                ),
                sql_host: host.map(|h| h.id.clone()),
                sql_host_name: host.map(|h| h.name.clone()),
                sql_outage_hours: share.and_then(|s| s.hours),
                sql_outage_events: share.and_then(|s| s.events_total),
                sql_recovery_hours: host.and_then(|h| h.recovery_hours),
                sql_recovery_within_service_level: within(
                    host.and_then(|h| h.recovery_hours),
                    levels.max_sql_outage_hours,
                ),
            }
        })
        .collect()
}
