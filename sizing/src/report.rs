//! What [`crate::analyze`] returns: every figure, finding, chart series and the
//! arithmetic behind each figure. Serialized as JSON by the CLI (`--format json`).
//!
//! A figure is `None` (JSON `null`) when an input it depends on is invalid; the
//! finding that says why points at that input.

use serde::Serialize;

use crate::path::FieldPath;
use crate::plan::Placement;
use crate::rules::Severity;

/// The `format` tag of a report document.
pub const REPORT_FORMAT: &str = "medv-report";
/// Bumped whenever a formula, default or rule changes what a plan produces.
pub const RULES_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub format: &'static str,
    pub rules_version: u32,
    pub plan_name: String,
    pub summary: Summary,
    pub instance_count: InstanceCount,
    pub instances: Vec<InstanceReport>,
    pub sql_hosts: Vec<HostReport>,
    pub findings: Vec<Finding>,
    pub charts: Charts,
}

impl Report {
    pub fn instance(&self, id: &str) -> Option<&InstanceReport> {
        self.instances.iter().find(|i| i.id == id)
    }

    pub fn host(&self, id: &str) -> Option<&HostReport> {
        self.sql_hosts.iter().find(|h| h.id == id)
    }

    /// Findings of one rule.
    pub fn findings_of<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.rule == rule)
    }

    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// N1: how many instances the users need, against how many the plan has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InstanceCount {
    pub total_users: Option<f64>,
    pub separate_instance_reasons: Option<f64>,
    /// `None` when no total users is given or an input is invalid.
    pub needed: Option<f64>,
    pub planned: usize,
    pub math: Option<Math>,
}

/// How long an instance's users can work while its MED-V server is down (T1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutageTolerance {
    /// Limited by a workspace: see `tolerated_outage_hours`.
    Bounded,
    /// No workspace restricts offline work.
    Unbounded,
    /// A workspace's offline limit is invalid.
    NotComputable,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InstanceReport {
    pub id: String,
    pub name: String,
    /// The id of the SQL Server host in `sql_hosts` that holds its database
    /// (`<id>.local` when co-located by default); `None` when it names an unknown host.
    pub sql_host: Option<String>,
    pub active_clients: Option<f64>,
    /// Workspaces stored (sum of the entries' counts).
    pub workspaces: Option<f64>,
    pub consoles: usize,
    pub workspace_storage_bytes: Option<f64>,
    pub records_per_day: Option<f64>,
    pub database_raw_bytes: Option<f64>,
    pub database_bytes: Option<f64>,
    pub write_iops: Option<f64>,
    pub write_iops_with_burst: Option<f64>,
    /// SQL Server pages one report reads (P3 model); `None` when the buffer is typed.
    pub reads_per_report: Option<f64>,
    pub reporting_iops: Option<f64>,
    /// True when the reporting buffer was typed rather than modelled.
    pub reporting_iops_typed: bool,
    /// P4 as the guidance states it: average writes + reporting buffer (P1 + P3).
    pub guidance_total_iops: Option<f64>,
    /// P4 to plan for: writes with the burst allowance + reporting buffer (P2 + P3).
    pub total_iops: Option<f64>,
    pub outage_tolerance: OutageTolerance,
    /// T1; `null` when unbounded or not computable (see `outage_tolerance`).
    pub tolerated_outage_hours: Option<f64>,
    /// T1 less one policy refresh.
    pub tolerated_outage_worst_case_hours: Option<f64>,
    /// Expected time to bring the MED-V server back with the chosen standby.
    pub recovery_hours: Option<f64>,
    /// The retention its events are kept for: the longest any instance sharing
    /// its database asks for (H1).
    pub retention_days: Option<f64>,
    pub server_form_factor: FormFactor,
    pub outage: OutageReport,
    pub math: Vec<Math>,
}

/// The MED-V server this instance needs (F-SRV, F-RAM, W1, plus co-located SQL Server).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormFactor {
    pub cpu_ghz: f64,
    pub cores: Option<f64>,
    pub ram_gb: Option<f64>,
    /// Workspace storage, plus the databases of any SQL Server on this server.
    pub disk_bytes: Option<f64>,
    pub virtual_machine: bool,
    /// SQL Server runs on this MED-V server.
    pub hosts_sql_server: bool,
    /// The instances whose databases that SQL Server holds: the SQL Server
    /// resources are added once for each.
    pub sql_databases_served: usize,
    pub sql_database_bytes: Option<f64>,
    pub sql_total_iops: Option<f64>,
}

/// B1/B2 for the plan's outage length.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutageReport {
    pub hours: Option<f64>,
    pub events_per_client: Option<f64>,
    pub bytes_per_client: Option<f64>,
    pub events_total: Option<f64>,
    pub bytes_total: Option<f64>,
    /// Worst case: every client flushes within one send interval.
    pub catch_up_writes_per_second: Option<f64>,
    /// Some users cannot work during such an outage (it exceeds the worst-case tolerated outage).
    pub users_stop: Option<bool>,
    /// Some workspaces would be deleted from clients (deletion option on and limit exceeded).
    pub workspaces_deleted: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HostReport {
    pub id: String,
    pub name: String,
    /// Not in the plan's `sql_hosts`: the default database on an instance's own server.
    pub implicit: bool,
    pub placement: Placement,
    pub co_located_with: Option<String>,
    pub instances: Vec<String>,
    pub database_raw_bytes: Option<f64>,
    pub database_bytes: Option<f64>,
    pub write_iops: Option<f64>,
    pub write_iops_with_burst: Option<f64>,
    pub reporting_iops: Option<f64>,
    /// Databases already in the existing SQL Server instance (`None`: not given).
    pub existing_database_bytes: Option<f64>,
    /// IOPS the existing instance already serves (`None`: not given).
    pub existing_iops: Option<f64>,
    /// P1 + P3 over its instances, plus the existing load.
    pub guidance_total_iops: Option<f64>,
    /// P2 + P3 over its instances, plus the existing load.
    pub total_iops: Option<f64>,
    /// The longest retention among its instances: one database keeps every
    /// event for that long (H1).
    pub retention_days: Option<f64>,
    /// Estimated MED-V ↔ SQL Server traffic, for remote placement.
    pub traffic_mbps: Option<f64>,
    pub math: Vec<Math>,
}

/// A finding: where the design breaks or bends the guidance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// The id of the instance or host, the name of the workspace or console, or `plan`.
    pub subject: String,
    pub subject_kind: SubjectKind,
    /// The field at fault, as a path into the plan (`instances[0].server.cpu_ghz`).
    pub field: Option<FieldPath>,
    pub message: String,
    pub source: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Plan,
    Instance,
    SqlHost,
    Workspace,
    Console,
}

/// "Show the math": a figure's formula with the plan's own numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Math {
    /// The report field this explains.
    pub field: &'static str,
    pub label: &'static str,
    pub formula: &'static str,
    pub substituted: String,
    pub result: String,
    pub source: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Charts {
    pub database_by_retention: Vec<RetentionSeries>,
    pub backlog_by_outage: Vec<BacklogSeries>,
}

/// Sized database bytes of one host against retention days, with the documented
/// 15–20 events/day band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetentionSeries {
    pub host_id: String,
    pub retention_days: f64,
    pub points: Vec<RetentionPoint>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RetentionPoint {
    pub days: f64,
    /// With the plan's event rates.
    pub bytes: f64,
    /// With 15 events per client per day.
    pub low_bytes: f64,
    /// With 20 events per client per day.
    pub high_bytes: f64,
}

/// Client backlog of one instance against outage length.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacklogSeries {
    pub instance_id: String,
    pub chosen_outage_hours: f64,
    pub tolerated_outage_hours: Option<f64>,
    pub tolerated_outage_worst_case_hours: Option<f64>,
    pub points: Vec<BacklogPoint>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BacklogPoint {
    pub hours: f64,
    pub events: f64,
    pub bytes: f64,
}
