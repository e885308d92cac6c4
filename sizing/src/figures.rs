//! The figure catalog: every figure of the report, defined once — its key (the
//! report field, the `data-testid` suffix, the CSV name and the math's field),
//! its label, how it is written and how it is read from the report. The page's
//! result cards, the Markdown document, the CSV, the "show the math" labels and
//! the finiteness tests iterate these tables.

use crate::report::{HostReport, InstanceReport, Report, SqlOutageShare};
use crate::units::{bytes, bytes_exact, count, grouped, hours, iops, iops_read, trim_zeros};

/// How a figure is written for people, and its unit in the CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Count,
    /// Bytes, exactly and in binary units.
    BytesExact,
    /// Bytes in binary units only.
    Bytes,
    Iops,
    Hours,
    Days,
    Ghz,
    Gb,
    WritesPerSecond,
    Mbps,
}

impl Format {
    /// The figure as people read it: sizes in binary units, IOPS rounded for
    /// reading (`13.57`, `0.069`). The exact value is [`Format::write_exact`].
    pub fn write(self, v: f64) -> String {
        match self {
            Format::Count => count(v),
            Format::BytesExact | Format::Bytes => bytes(v),
            Format::Iops => iops_read(v),
            Format::Hours => hours(v),
            Format::Days => format!("{} days", count(v)),
            Format::Ghz => format!("{} GHz", count(v)),
            Format::Gb => format!("{} GB", count(v)),
            Format::WritesPerSecond => format!("{} writes/s", trim_zeros(grouped(v, 2))),
            Format::Mbps => format!("{} Mbit/s", trim_zeros(grouped(v, 3))),
        }
    }

    /// The figure as the math writes it: bytes exactly, IOPS to 4 decimals.
    pub fn write_exact(self, v: f64) -> String {
        match self {
            Format::BytesExact | Format::Bytes => bytes_exact(v),
            Format::Iops => iops(v),
            Format::WritesPerSecond => format!("{} writes/s", grouped(v, 4)),
            _ => self.write(v),
        }
    }

    /// The unit written beside a raw value (CSV).
    pub fn unit(self) -> &'static str {
        match self {
            Format::Count => "",
            Format::BytesExact | Format::Bytes => "B",
            Format::Iops => "IOPS",
            Format::Hours => "h",
            Format::Days => "days",
            Format::Ghz => "GHz",
            Format::Gb => "GB",
            Format::WritesPerSecond => "writes/s",
            Format::Mbps => "Mbit/s",
        }
    }
}

/// Which part of a result card a figure belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Sizing,
    Server,
    Outage,
}

/// One figure of the catalog.
pub struct Figure<R: 'static> {
    /// The report field (`outage.bytes_total`); `-` replaces `.` in test ids.
    pub key: &'static str,
    pub label: &'static str,
    pub format: Format,
    pub group: Group,
    pub get: fn(&R) -> Option<f64>,
    /// Whether `analyze` writes its "show the math". A page decides from this
    /// which figures offer the math without running the analysis that writes
    /// it. Tested against `analyze` ([`math_as_listed`]).
    pub math: HasMath<R>,
}

/// Whether a figure of a report row (an instance, a host) has "show the math".
pub enum HasMath<R: 'static> {
    No,
    /// For every row.
    Always,
    /// For the rows this says (`remote_link.needed_mbps`: while the
    /// instance's database is across a link).
    When(fn(&R) -> bool),
}

impl<R> HasMath<R> {
    /// Whether some row may have it.
    pub fn ever(&self) -> bool {
        !matches!(self, HasMath::No)
    }

    /// Whether `row` has it.
    pub fn of(&self, row: &R) -> bool {
        match self {
            HasMath::No => false,
            HasMath::Always => true,
            HasMath::When(when) => when(row),
        }
    }
}

impl<R> Figure<R> {
    /// The `data-testid` suffix: the key with `-` for `.`.
    pub fn test_key(&self) -> String {
        self.key.replace('.', "-")
    }
}

macro_rules! figures {
    ($name:ident: $R:ty { $( $key:literal, $label:literal, $fmt:ident, $group:ident, |$r:ident| $get:expr $(, math $(if |$m:ident| $when:expr)?)?; )* }) => {
        pub static $name: &[Figure<$R>] = &[ $( Figure {
            key: $key,
            label: $label,
            format: Format::$fmt,
            group: Group::$group,
            get: |$r: &$R| $get,
            math: figures!(@math $R $(, math $(if |$m| $when)?)?),
        }, )* ];
    };
    (@math $R:ty) => { HasMath::No };
    (@math $R:ty, math) => { HasMath::Always };
    (@math $R:ty, math if |$m:ident| $when:expr) => { HasMath::When(|$m: &$R| $when) };
}

figures! {
    INSTANCE: InstanceReport {
        "active_clients", "Active clients", Count, Sizing, |r| r.active_clients;
        "workspaces", "Workspaces stored", Count, Sizing, |r| r.workspaces;
        "workspace_storage_bytes", "Workspace storage", BytesExact, Sizing, |r| r.workspace_storage_bytes, math;
        "records_per_day", "Records per day", Count, Sizing, |r| r.records_per_day, math;
        "database_raw_bytes", "Raw database", BytesExact, Sizing, |r| r.database_raw_bytes, math;
        "database_bytes", "Sized database", BytesExact, Sizing, |r| r.database_bytes, math;
        "write_iops", "Average write IOPS", Iops, Sizing, |r| r.write_iops, math;
        "write_iops_with_burst", "Write IOPS with burst allowance", Iops, Sizing, |r| r.write_iops_with_burst, math;
        "reporting_iops", "Reporting buffer IOPS", Iops, Sizing, |r| r.reporting_iops, math;
        "guidance_total_iops", "Total IOPS, as the guidance adds it (writes + reporting)", Iops, Sizing, |r| r.guidance_total_iops, math;
        "total_iops", "Total IOPS to plan for (with the burst allowance, [our assumption])", Iops, Sizing, |r| r.total_iops, math;
        "tolerated_outage_hours", "Tolerated server outage", Hours, Sizing, |r| r.tolerated_outage_hours, math;
        "tolerated_outage_worst_case_hours", "Tolerated server outage, worst case", Hours, Sizing, |r| r.tolerated_outage_worst_case_hours;
        "recovery_hours", "Expected recovery", Hours, Sizing, |r| r.recovery_hours;
        "retention_days", "Retention that applies", Days, Sizing, |r| r.retention_days;
        "remote_link.needed_mbps", "Bandwidth its remote database needs", Mbps, Sizing, |r| r.remote_link.as_ref().and_then(|l| l.needed_mbps), math if |r| r.remote_link.is_some();
        "server_form_factor.cpu_ghz", "Server CPU", Ghz, Server, |r| Some(r.server_form_factor.cpu_ghz);
        "server_form_factor.cores", "Server cores", Count, Server, |r| r.server_form_factor.cores;
        "server_form_factor.ram_gb", "Server RAM", Gb, Server, |r| r.server_form_factor.ram_gb;
        "server_form_factor.disk_bytes", "Server disk for workspaces and databases", Bytes, Server, |r| r.server_form_factor.disk_bytes;
        "outage.hours", "Planned outage", Hours, Outage, |r| r.outage.hours;
        "outage.events_per_client", "Events queued per client", Count, Outage, |r| r.outage.events_per_client;
        "outage.bytes_per_client", "Bytes queued per client", Bytes, Outage, |r| r.outage.bytes_per_client;
        "outage.events_total", "Events queued in all", Count, Outage, |r| r.outage.events_total;
        "outage.bytes_total", "Bytes queued in all", BytesExact, Outage, |r| r.outage.bytes_total, math;
        "outage.catch_up_writes_per_second", "Worst-case catch-up writes", WritesPerSecond, Outage, |r| r.outage.catch_up_writes_per_second, math;
    }
}

figures! {
    HOST: HostReport {
        "database_raw_bytes", "Raw database", BytesExact, Sizing, |r| r.database_raw_bytes, math;
        "existing_database_bytes", "Databases already in the instance", BytesExact, Sizing, |r| r.existing_database_bytes;
        "database_bytes", "Sized database", BytesExact, Sizing, |r| r.database_bytes, math;
        "write_iops", "Average write IOPS", Iops, Sizing, |r| r.write_iops, math;
        "write_iops_with_burst", "Write IOPS with burst allowance", Iops, Sizing, |r| r.write_iops_with_burst, math;
        "reporting_iops", "Reporting buffer IOPS", Iops, Sizing, |r| r.reporting_iops, math;
        "existing_iops", "IOPS the instance already serves", Iops, Sizing, |r| r.existing_iops;
        "guidance_total_iops", "Total IOPS, as the guidance adds it (writes + reporting)", Iops, Sizing, |r| r.guidance_total_iops, math;
        "total_iops", "Total IOPS to plan for (with the burst allowance, [our assumption])", Iops, Sizing, |r| r.total_iops, math;
        "retention_days", "Retention that applies", Days, Sizing, |r| r.retention_days, math;
        "traffic_mbps", "Estimated MED-V ↔ SQL traffic", Mbps, Sizing, |r| r.traffic_mbps;
        "recovery_hours", "Expected SQL Server recovery", Hours, Outage, |r| r.recovery_hours, math;
        "outage.events_total", "Events queued while it is down", Count, Outage, |r| sum_outage(r, |o| o.events_total), math;
        "outage.bytes_total", "Bytes queued while it is down", BytesExact, Outage, |r| sum_outage(r, |o| o.bytes_total);
        "outage.catch_up_writes_per_second", "Worst-case catch-up writes", WritesPerSecond, Outage, |r| sum_outage(r, |o| o.catch_up_writes_per_second);
    }
}

figures! {
    PLAN: Report {
        "instance_count.needed", "Instances the users need", Count, Sizing, |r| r.instance_count.needed;
        "summary.totals.medv_servers", "MED-V servers", Count, Server, |r| Some(r.summary.totals.medv_servers as f64);
        "summary.totals.sql_hosts", "SQL Server hosts", Count, Server, |r| Some(r.summary.totals.sql_hosts as f64);
        "summary.totals.sql_machines", "SQL Server machines of their own", Count, Server, |r| Some(r.summary.totals.sql_machines as f64);
        "summary.totals.consoles", "Management consoles", Count, Server, |r| Some(r.summary.totals.consoles as f64);
        "summary.totals.database_bytes", "Every MED-V database", BytesExact, Sizing, |r| r.summary.totals.database_bytes;
        "summary.totals.total_iops", "IOPS to plan for over every SQL Server host", Iops, Sizing, |r| r.summary.totals.total_iops;
    }
}

/// A SQL Server outage's figure over every instance the host serves (§6).
fn sum_outage(h: &HostReport, get: fn(&SqlOutageShare) -> Option<f64>) -> Option<f64> {
    if h.outage.is_empty() {
        return None;
    }
    h.outage
        .iter()
        .try_fold(0.0, |acc, o| get(o).map(|v| acc + v))
        .filter(|v| v.is_finite())
}

/// The instance figure with this key.
pub fn instance(key: &str) -> Option<&'static Figure<InstanceReport>> {
    INSTANCE.iter().find(|f| f.key == key)
}

/// The host figure with this key.
pub fn host(key: &str) -> Option<&'static Figure<HostReport>> {
    HOST.iter().find(|f| f.key == key)
}

/// The label of a figure key, instance figures first.
pub fn label(key: &str) -> &'static str {
    instance(key)
        .map(|f| f.label)
        .or_else(|| host(key).map(|f| f.label))
        .unwrap_or("")
}

/// Whether `report`'s math is exactly what the catalogs' `math` promise for
/// each instance and host; the first difference otherwise (for tests).
pub fn math_as_listed(report: &Report) -> Result<(), String> {
    use std::collections::BTreeSet;
    for x in &report.instances {
        let has: BTreeSet<&str> = x.math.iter().map(|m| m.field).collect();
        let want: BTreeSet<&str> = INSTANCE
            .iter()
            .filter(|f| f.math.of(x))
            .map(|f| f.key)
            .collect();
        if has != want || has.len() != x.math.len() {
            return Err(format!(
                "instance {}: math of {has:?}, listed {want:?}",
                x.id
            ));
        }
    }
    for h in &report.sql_hosts {
        let has: BTreeSet<&str> = h.math.iter().map(|m| m.field).collect();
        let want: BTreeSet<&str> = HOST
            .iter()
            .filter(|f| f.math.of(h))
            .map(|f| f.key)
            .collect();
        if has != want || has.len() != h.math.len() {
            return Err(format!("host {}: math of {has:?}, listed {want:?}", h.id));
        }
    }
    Ok(())
}
