//! The figures of one instance (W1, D1–D3, P1–P5, T1, B1–B2), computed from the
//! validated plan and from the database it shares: the retention that applies
//! there and the events every instance stores in it (H1, P3).

use crate::assumptions::Key;
use crate::fields::{InstanceField, WorkspaceField};
use crate::formulas as f;
use crate::plan::{OfflinePolicy, ServerForm, StandbyMode};
use crate::report::{FormFactor, InstanceReport, OutageReport, OutageTolerance};

use super::validate::{ValidInstance, Values};

/// Keeps finite values only: a figure that overflowed is not computable.
pub fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// What an instance's database is shared with: the retention that applies in
/// it (the longest of its instances) and the event bytes all of them write a day.
#[derive(Debug, Clone, Copy)]
pub struct SharedDb {
    pub retention_days: Option<f64>,
    pub bytes_per_day: Option<f64>,
}

/// The unrounded sizes, so host totals round once (R1).
#[derive(Debug, Clone, Copy, Default)]
pub struct Exact {
    pub raw_bytes: Option<f64>,
    pub sized_bytes: Option<f64>,
}

pub fn clients(vi: &ValidInstance) -> Option<f64> {
    vi.num(InstanceField::ActiveClients)
}

/// D1: records written per day.
pub fn records_per_day(vi: &ValidInstance) -> Option<f64> {
    finite(f::records_per_day(
        clients(vi)?,
        vi.value(Key::EventsPerClientPerDay)?,
    ))
}

/// c × r × s: the event bytes the instance writes a day.
pub fn bytes_per_day(vi: &ValidInstance) -> Option<f64> {
    finite(records_per_day(vi)? * vi.value(Key::EventSizeBytes)?)
}

/// The instance on its own: its database shares nothing.
pub fn alone(vi: &ValidInstance) -> SharedDb {
    SharedDb {
        retention_days: vi.value(Key::RetentionDays),
        bytes_per_day: bytes_per_day(vi),
    }
}

/// Every figure of the instance but its server form factor (which needs the
/// hosts' totals) and its math.
pub fn figures(
    vi: &ValidInstance,
    base: &Values,
    db: SharedDb,
    sql_host: Option<String>,
) -> (InstanceReport, Exact) {
    let inst = vi.src;
    let v = |k: Key| vi.value(k);
    let c = clients(vi);
    let n = workspace_count(vi);
    let storage = (|| finite(f::workspace_storage_bytes(n?, v(Key::WorkspaceXmlKb)?)))();
    let records = records_per_day(vi);
    let Exact {
        raw_bytes: raw_exact,
        sized_bytes: sized_exact,
    } = database(vi, db, records);
    let Iops {
        write,
        burst,
        reads,
        reporting,
        typed,
    } = iops(vi, db, records);
    let guidance_total = write.zip(reporting).and_then(|(w, r)| finite(w + r));
    let total = burst.zip(reporting).and_then(|(b, r)| finite(b + r));

    let (tolerance, tolerated) = tolerated_outage(vi);
    let worst = tolerated
        .zip(v(Key::PolicyRefreshMinutes))
        .map(|(t, m)| f::worst_case_tolerated_hours(t, m));
    let recovery = recovery_hours(vi, base);
    let outage = outage(vi, c, tolerance, worst);

    let report = InstanceReport {
        id: inst.id.clone(),
        name: inst.display_name().to_string(),
        sql_host,
        active_clients: c,
        workspaces: n,
        consoles: inst.consoles.len(),
        workspace_storage_bytes: storage,
        records_per_day: records,
        database_raw_bytes: raw_exact.map(f64::round),
        database_bytes: sized_exact.map(f64::round),
        write_iops: write,
        write_iops_with_burst: burst,
        reads_per_report: reads,
        reporting_iops: reporting,
        reporting_iops_typed: typed,
        guidance_total_iops: guidance_total,
        total_iops: total,
        outage_tolerance: tolerance,
        tolerated_outage_hours: tolerated,
        tolerated_outage_worst_case_hours: worst,
        recovery_hours: recovery,
        retention_days: db.retention_days,
        site: None,
        clients_site: None,
        remote_link: None,
        server_form_factor: FormFactor {
            cpu_ghz: f::RECOMMENDED_CPU_GHZ,
            cores: None,
            ram_gb: None,
            disk_bytes: None,
            virtual_machine: inst.server.form == ServerForm::HyperVVm,
            hosts_sql_server: false,
            sql_databases_served: 0,
            sql_database_bytes: None,
            sql_total_iops: None,
        },
        outage,
        math: Vec::new(),
    };
    (
        report,
        Exact {
            raw_bytes: raw_exact,
            sized_bytes: sized_exact,
        },
    )
}

/// D2 and D3 of the instance's share of its database, unrounded (R1), with the
/// retention that applies in that database (H1).
fn database(vi: &ValidInstance, db: SharedDb, records: Option<f64>) -> Exact {
    let v = |k: Key| vi.value(k);
    let raw = (|| {
        finite(f::database_raw_bytes(
            records?,
            v(Key::EventSizeBytes)?,
            db.retention_days?,
        ))
    })();
    let sized = (|| {
        finite(f::database_bytes(
            raw?,
            v(Key::ErrorBurstAllowancePct)?,
            v(Key::TableOverheadPct)?,
        ))
    })();
    Exact {
        raw_bytes: raw,
        sized_bytes: sized,
    }
}

/// P1, P2, P3 and P5: write and reporting IOPS.
struct Iops {
    write: Option<f64>,
    burst: Option<f64>,
    reads: Option<f64>,
    reporting: Option<f64>,
    /// The reporting buffer was typed rather than modelled.
    typed: bool,
}

fn iops(vi: &ValidInstance, db: SharedDb, records: Option<f64>) -> Iops {
    let v = |k: Key| vi.value(k);
    let write = (|| finite(f::write_iops(records?, v(Key::IosPerWrite)?)))();
    let burst = (|| {
        finite(f::write_iops_with_burst(
            write?,
            v(Key::ErrorBurstAllowancePct)?,
        ))
    })();
    let consoles = vi.src.consoles.len() as f64;
    let typed = vi.src.reporting_buffer_iops.is_some();
    let reads = if typed {
        None
    } else {
        (|| {
            finite(f::reads_per_report(
                db.bytes_per_day?,
                v(Key::ReportWindowDays)?,
            ))
        })()
    };
    let reporting = if typed {
        vi.num(InstanceField::ReportingBufferIops)
    } else {
        (|| {
            finite(f::reporting_iops(
                consoles,
                v(Key::ReportsPerConsolePerHour)?,
                reads?,
            ))
        })()
    };
    Iops {
        write,
        burst,
        reads,
        reporting,
        typed,
    }
}

/// The expected recovery: typed, or the plan's default for the standby mode.
fn recovery_hours(vi: &ValidInstance, base: &Values) -> Option<f64> {
    match vi.checked(InstanceField::StandbyRecoveryHours) {
        super::validate::Checked::Valid(h) => Some(h),
        super::validate::Checked::Invalid => None,
        super::validate::Checked::Absent => base.get(recovery_key(vi.src.standby.mode)),
    }
}

/// The plan's default recovery time for a standby mode.
pub fn recovery_key(mode: StandbyMode) -> Key {
    match mode {
        StandbyMode::None => Key::RecoveryHoursNone,
        StandbyMode::ColdRestore => Key::RecoveryHoursColdRestore,
        StandbyMode::PassiveSharedStore => Key::RecoveryHoursPassive,
    }
}

/// Workspaces stored: the sum of the entries' counts or, when the
/// workspace-count helper lists VMs, the sum of their distinct policies (§6).
fn workspace_count(vi: &ValidInstance) -> Option<f64> {
    if vi.src.vms.is_empty() {
        (0..vi.src.workspaces.len()).try_fold(0.0, |acc, j| {
            vi.workspace(j, WorkspaceField::Count).map(|c| acc + c)
        })
    } else {
        (0..vi.src.vms.len()).try_fold(0.0, |acc, j| {
            vi.vm(j, crate::fields::VmField::Policies).map(|c| acc + c)
        })
    }
}

/// B1/B2 for an outage of `hours` of the SQL Server holding its database (§6):
/// the same arithmetic as a MED-V server outage.
pub fn sql_outage_share(
    vi: &ValidInstance,
    r: &InstanceReport,
    hours: Option<f64>,
) -> crate::report::SqlOutageShare {
    let v = |k: Key| vi.value(k);
    let c = r.active_clients;
    let per_client = (|| {
        finite(f::backlog_events_per_client(
            v(Key::EventsPerClientPerDay)?,
            hours?,
        ))
    })();
    let bytes_per_client = (|| finite((per_client? * v(Key::EventSizeBytes)?).round()))();
    crate::report::SqlOutageShare {
        instance: r.id.clone(),
        hours,
        events_per_client: per_client,
        events_total: (|| finite(per_client? * c?))(),
        bytes_total: (|| finite(bytes_per_client? * c?))(),
        catch_up_writes_per_second: (|| {
            finite(f::catch_up_writes_per_second(
                c?,
                per_client?,
                v(Key::SendIntervalSeconds)?,
            ))
        })(),
    }
}

/// T1: what the workspaces' offline policies tolerate.
fn tolerated_outage(vi: &ValidInstance) -> (OutageTolerance, Option<f64>) {
    let ws = &vi.src.workspaces;
    if ws.iter().any(|w| w.offline == OfflinePolicy::NotPermitted) {
        return (OutageTolerance::Bounded, Some(0.0));
    }
    let limits: Vec<Option<f64>> = ws
        .iter()
        .enumerate()
        .filter(|(_, w)| w.offline == OfflinePolicy::Restricted)
        .map(|(j, _)| vi.workspace(j, WorkspaceField::OfflineLimitHours))
        .collect();
    if limits.is_empty() {
        (OutageTolerance::Unbounded, None)
    } else if limits.iter().any(Option::is_none) {
        (OutageTolerance::NotComputable, None)
    } else {
        (
            OutageTolerance::Bounded,
            limits.into_iter().flatten().reduce(f64::min),
        )
    }
}

/// B1/B2 for the plan's outage length, and who it locks out.
fn outage(
    vi: &ValidInstance,
    c: Option<f64>,
    tolerance: OutageTolerance,
    worst: Option<f64>,
) -> OutageReport {
    let v = |k: Key| vi.value(k);
    let hours = v(Key::OutageHours);
    let per_client = (|| {
        finite(f::backlog_events_per_client(
            v(Key::EventsPerClientPerDay)?,
            hours?,
        ))
    })();
    let bytes_per_client = (|| finite((per_client? * v(Key::EventSizeBytes)?).round()))();
    let events_total = (|| finite(per_client? * c?))();
    let bytes_total = (|| finite(bytes_per_client? * c?))();
    let catch_up = (|| {
        finite(f::catch_up_writes_per_second(
            c?,
            per_client?,
            v(Key::SendIntervalSeconds)?,
        ))
    })();
    // Nobody is locked out of an instance that has no clients.
    let users_stop = match (tolerance, c) {
        (_, Some(0.0)) => Some(false),
        (OutageTolerance::Unbounded, _) => Some(false),
        (OutageTolerance::NotComputable, _) => None,
        (OutageTolerance::Bounded, _) => worst.zip(hours).map(|(w, h)| h > w),
    };
    OutageReport {
        hours,
        events_per_client: per_client,
        bytes_per_client,
        events_total,
        bytes_total,
        catch_up_writes_per_second: catch_up,
        users_stop,
        workspaces_deleted: deletion_exposure(vi, hours),
    }
}

/// Whether an outage of `hours` deletes some workspace from clients.
fn deletion_exposure(vi: &ValidInstance, hours: Option<f64>) -> Option<bool> {
    let refresh = vi.value(Key::PolicyRefreshMinutes);
    let mut any = false;
    for (j, w) in vi.src.workspaces.iter().enumerate() {
        if w.offline == OfflinePolicy::Restricted && w.delete_when_offline_too_long {
            let limit = vi.workspace(j, WorkspaceField::OfflineLimitHours)?;
            any |= hours? > f::worst_case_tolerated_hours(limit, refresh?);
        }
    }
    Some(any)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assumptions::Assumptions;
    use crate::plan::Instance;

    /// Validation keeps every input within its range, so no plan overflows;
    /// behind it, a figure that would overflow reads as "not computable",
    /// never as an infinity.
    #[test]
    fn an_overflowing_figure_is_not_computable() {
        let mut inst = Instance::new("x", 1e300);
        inst.overrides.set(Key::EventsPerClientPerDay, Some(1e10));
        let vi = ValidInstance::unchecked(&inst, &Assumptions::default());
        assert_eq!(records_per_day(&vi), None);
        assert_eq!(bytes_per_day(&vi), None);
        // Within f64, but not once multiplied by the event size.
        inst.overrides.set(Key::EventsPerClientPerDay, Some(1e7));
        let vi = ValidInstance::unchecked(&inst, &Assumptions::default());
        assert!(records_per_day(&vi).is_some_and(|r| r > 9e306 && r.is_finite()));
        assert_eq!(bytes_per_day(&vi), None);
    }
}
