//! SQL Server hosts: which instances' databases each holds (the layout), what
//! a shared database means for its instances (the longest retention, reports
//! that read every instance's events: H1, P3), the host totals, and the MED-V
//! server form factor that adds a co-located SQL Server for every database it
//! serves. Linear in instances and hosts; a duplicate id never lets one row's
//! figures reach another's.

use std::collections::HashMap;

use crate::assumptions::Key;
use crate::fields::HostField;
use crate::formulas as f;
use crate::plan::{Placement, SqlFaultTolerance};
use crate::report::{FormFactor, HostReport, InstanceReport};

use super::instance::{self, finite, Exact, SharedDb};
use super::validate::{ValidHost, ValidPlan};

/// One SQL Server host of the report: a plan host, or the implicit database on
/// an instance's own server.
pub struct Slot<'a> {
    pub id: String,
    pub name: String,
    /// The plan host (index into `plan.sql_hosts`), `None` for an implicit one.
    pub plan: Option<(usize, &'a ValidHost<'a>)>,
    pub placement: Placement,
    pub co_located_with: Option<String>,
    /// The instance (index) whose MED-V server runs it, when co-located and known.
    pub on_server: Option<usize>,
    /// Instances (indexes) whose database it holds.
    pub members: Vec<usize>,
}

/// Where every database lives.
pub struct Layout<'a> {
    pub slots: Vec<Slot<'a>>,
    /// For each instance, the slot holding its database; `None` for an unknown host.
    pub slot_of: Vec<Option<usize>>,
    /// For each instance, the slots whose SQL Server runs on its MED-V server.
    pub on_server_of: Vec<Vec<usize>>,
}

/// The id of the default database host on an instance's own server. Ids cannot
/// contain `.`, so it never clashes with a host of the plan; a second instance
/// with the same (duplicate) id gets a numbered one.
pub fn implicit_host_id(instance_id: &str) -> String {
    format!("{instance_id}.local")
}

pub fn layout<'a>(vp: &'a ValidPlan<'a>) -> Layout<'a> {
    let plan = vp.plan;
    // The first row with an id wins; later duplicates are reported and ignored.
    let mut first_instance: HashMap<&str, usize> = HashMap::new();
    for (i, inst) in plan.instances.iter().enumerate() {
        first_instance.entry(inst.id.as_str()).or_insert(i);
    }
    let mut slots = Vec::new();
    let mut slot_of_host: HashMap<&str, usize> = HashMap::new();
    for (h, vh) in vp.hosts.iter().enumerate() {
        let host = vh.src;
        if slot_of_host.contains_key(host.id.as_str()) {
            continue;
        }
        slot_of_host.insert(&host.id, slots.len());
        let on_server = (host.placement == Placement::CoLocated)
            .then_some(host.co_located_with.as_deref())
            .flatten()
            .and_then(|id| first_instance.get(id).copied());
        slots.push(Slot {
            id: host.id.clone(),
            name: host.display_name().to_string(),
            plan: Some((h, vh)),
            placement: host.placement,
            co_located_with: host.co_located_with.clone(),
            on_server,
            members: Vec::new(),
        });
    }
    let mut slot_of = Vec::with_capacity(plan.instances.len());
    let mut implicit_ids: HashMap<String, usize> = HashMap::new();
    for (i, inst) in plan.instances.iter().enumerate() {
        let slot = match &inst.sql_host {
            Some(id) => slot_of_host.get(id.as_str()).copied(),
            None => {
                let mut id = implicit_host_id(&inst.id);
                let seen = implicit_ids.entry(id.clone()).or_insert(0);
                *seen += 1;
                if *seen > 1 {
                    id = format!("{id}.{seen}");
                }
                slots.push(Slot {
                    id,
                    name: format!("{} (on its MED-V server)", inst.display_name()),
                    plan: None,
                    placement: Placement::CoLocated,
                    co_located_with: Some(inst.id.clone()),
                    on_server: Some(i),
                    members: Vec::new(),
                });
                Some(slots.len() - 1)
            }
        };
        if let Some(s) = slot {
            slots[s].members.push(i);
        }
        slot_of.push(slot);
    }
    let mut on_server_of = vec![Vec::new(); plan.instances.len()];
    for (k, slot) in slots.iter().enumerate() {
        if let Some(i) = slot.on_server {
            on_server_of[i].push(k);
        }
    }
    Layout {
        slots,
        slot_of,
        on_server_of,
    }
}

/// What each slot's shared database means for its instances.
pub fn shared_databases(vp: &ValidPlan, layout: &Layout) -> Vec<SharedDb> {
    layout
        .slots
        .iter()
        .map(|s| {
            let mut retention = Some(0.0_f64);
            let mut bytes = Some(0.0);
            for &i in &s.members {
                let vi = &vp.instances[i];
                retention = retention
                    .zip(vi.value(Key::RetentionDays))
                    .map(|(a, d)| a.max(d));
                bytes = bytes
                    .zip(instance::bytes_per_day(vi))
                    .and_then(|(a, b)| finite(a + b));
            }
            SharedDb {
                retention_days: retention.filter(|_| !s.members.is_empty()),
                bytes_per_day: bytes,
            }
        })
        .collect()
}

fn sum(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    values
        .into_iter()
        .try_fold(0.0, |acc, v| v.map(|v| acc + v))
        .and_then(finite)
}

/// The host totals (H1): sums over its instances, rounded once, plus the load an
/// existing SQL Server instance already carries.
pub fn report(
    vp: &ValidPlan,
    slot: &Slot,
    db: SharedDb,
    instances: &[InstanceReport],
    exact: &[Exact],
) -> HostReport {
    let of = |get: fn(&InstanceReport) -> Option<f64>| {
        sum(slot.members.iter().map(|&i| get(&instances[i])))
    };
    let existing = slot.plan.filter(|(_, vh)| vh.src.existing_instance);
    let existing_bytes = existing
        .and_then(|(_, vh)| vh.num(HostField::ExistingDatabaseGb))
        .and_then(|gb| finite((gb * 1024.0 * 1024.0 * 1024.0).round()));
    let existing_iops = existing.and_then(|(_, vh)| vh.num(HostField::ExistingIops));
    let plus =
        |v: Option<f64>, extra: Option<f64>| v.and_then(|v| finite(v + extra.unwrap_or(0.0)));
    let raw = sum(slot.members.iter().map(|&i| exact[i].raw_bytes)).map(f64::round);
    let sized = sum(slot.members.iter().map(|&i| exact[i].sized_bytes)).map(f64::round);
    let burst = of(|r| r.write_iops_with_burst);
    let reporting = of(|r| r.reporting_iops);
    // Writes cross the link as events, each of its own instance's size.
    let write_bytes = sum(slot.members.iter().map(|&i| {
        let vi = &vp.instances[i];
        instances[i]
            .write_iops_with_burst
            .zip(vi.value(Key::EventSizeBytes))
            .map(|(w, s)| w * s)
    }));
    let traffic = write_bytes
        .zip(reporting)
        .and_then(|(w, r)| finite(f::database_traffic_mbps(w, r)));
    HostReport {
        id: slot.id.clone(),
        name: slot.name.clone(),
        implicit: slot.plan.is_none(),
        placement: slot.placement,
        co_located_with: slot.co_located_with.clone(),
        instances: slot
            .members
            .iter()
            .map(|&i| instances[i].id.clone())
            .collect(),
        database_raw_bytes: raw,
        database_bytes: plus(sized, existing_bytes),
        write_iops: of(|r| r.write_iops),
        write_iops_with_burst: burst,
        reporting_iops: reporting,
        existing_database_bytes: existing_bytes,
        existing_iops,
        guidance_total_iops: plus(of(|r| r.guidance_total_iops), existing_iops),
        total_iops: plus(of(|r| r.total_iops), existing_iops),
        retention_days: db.retention_days,
        traffic_mbps: traffic,
        site: None,
        recovery_hours: vp.base.get(match slot.plan {
            Some((_, vh)) if vh.src.fault_tolerance == SqlFaultTolerance::LogShipping => {
                Key::SqlRecoveryHoursLogShipping
            }
            _ => Key::SqlRecoveryHoursNone,
        }),
        outage: slot
            .members
            .iter()
            .map(|&i| {
                instance::sql_outage_share(
                    &vp.instances[i],
                    &instances[i],
                    vp.base.get(Key::SqlOutageHours),
                )
            })
            .collect(),
        math: Vec::new(),
    }
}

/// The MED-V server instance `i` needs: the recommendation, the organization's
/// standard RAM, and a co-located SQL Server's resources added for every
/// database it serves (DSI: "add resources for the SQL Server load"; scale up
/// when it serves several instances).
pub fn form_factor(
    vp: &ValidPlan,
    layout: &Layout,
    hosts: &[HostReport],
    i: usize,
    own: &FormFactor,
    workspace_storage: Option<f64>,
) -> FormFactor {
    let on_server = &layout.on_server_of[i];
    let hosts_sql = !on_server.is_empty();
    let served: usize = on_server
        .iter()
        .map(|&k| layout.slots[k].members.len())
        .sum();
    // A SQL Server installed here costs its resources even before it serves a database.
    let units = if hosts_sql { served.max(1) as f64 } else { 0.0 };
    let sql_bytes = sum(on_server.iter().map(|&k| hosts[k].database_bytes));
    let sql_iops = sum(on_server.iter().map(|&k| hosts[k].total_iops));
    let add = |k: Key| vp.base.get(k).map(|a| a * units);
    let standard = crate::fields::PlanField::StandardServerRamGb;
    FormFactor {
        cpu_ghz: f::RECOMMENDED_CPU_GHZ,
        cores: add(Key::CoLocatedSqlCores).map(|a| f::RECOMMENDED_CORES + a),
        ram_gb: vp
            .num(standard)
            .zip(add(Key::CoLocatedSqlRamGb))
            .map(|(s, a)| s.max(f::RECOMMENDED_RAM_GB) + a),
        disk_bytes: workspace_storage
            .zip(if hosts_sql { sql_bytes } else { Some(0.0) })
            .and_then(|(w, s)| finite(w + s)),
        virtual_machine: own.virtual_machine,
        hosts_sql_server: hosts_sql,
        sql_databases_served: served,
        sql_database_bytes: if hosts_sql { sql_bytes } else { None },
        sql_total_iops: if hosts_sql { sql_iops } else { None },
    }
}
