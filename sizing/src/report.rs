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
    /// The verdict and what to deploy, where.
    pub summary: Summary,
    pub instance_count: InstanceCount,
    /// Instances needed and planned per site (N1 per site).
    pub sites: Vec<SiteReport>,
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

/// The verdict: what to deploy, where, and whether it is safe.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub status: Status,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Why the status is `incomplete`, when it is.
    pub incomplete: Vec<String>,
    /// The bill of materials, grouped by site (a group with no site last).
    pub sites: Vec<SiteBill>,
    pub totals: Totals,
    /// What a MED-V server and a SQL Server outage do to each instance.
    pub outages: Vec<OutageVerdict>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// No instance, an instance with no clients, or sizes that cannot be computed.
    #[default]
    Incomplete,
    Error,
    Warning,
    Ok,
}

impl Status {
    /// The status in a word, as the page and the comparison show it: colour
    /// is never the only sign.
    pub fn word(self) -> &'static str {
        match self {
            Status::Incomplete => "Incomplete",
            Status::Error => "Errors",
            Status::Warning => "Warnings",
            Status::Ok => "OK",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Incomplete => "incomplete",
            Status::Error => "error",
            Status::Warning => "warning",
            Status::Ok => "ok",
        }
    }
}

/// A line's state in the bill of materials.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineStatus {
    #[default]
    Ok,
    Warning,
    Error,
}

/// The machines at one site.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SiteBill {
    /// The site's id; `None` for machines with no (known) site.
    pub site: Option<String>,
    pub name: String,
    pub medv_servers: Vec<ServerLine>,
    pub sql_hosts: Vec<HostLine>,
    pub consoles: Vec<ConsoleLine>,
    pub subtotal: Totals,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    pub medv_servers: usize,
    /// SQL Server hosts, on machines of their own or on a MED-V server.
    pub sql_hosts: usize,
    /// SQL Server hosts on machines of their own.
    pub sql_machines: usize,
    pub consoles: usize,
    /// Every MED-V database, with existing instances' load.
    pub database_bytes: Option<f64>,
    /// IOPS to plan for over every SQL Server host.
    pub total_iops: Option<f64>,
}

/// One MED-V server: as entered and as needed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServerLine {
    pub instance: String,
    pub name: String,
    /// As entered; `None` when invalid.
    pub entered_cpu_ghz: Option<f64>,
    pub entered_cores: Option<f64>,
    pub entered_ram_gb: Option<f64>,
    pub needed: FormFactor,
    pub status: LineStatus,
}

/// One SQL Server host.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HostLine {
    pub id: String,
    pub name: String,
    /// The instance whose MED-V server runs it (not a machine of its own).
    pub on_medv_server: Option<String>,
    /// That instance's name.
    pub on_medv_server_name: Option<String>,
    pub instances: Vec<String>,
    pub database_bytes: Option<f64>,
    pub total_iops: Option<f64>,
    /// `None` for a database on an instance's own server with no host entry.
    pub edition: Option<crate::plan::SqlEdition>,
    pub fault_tolerance: Option<crate::plan::SqlFaultTolerance>,
    pub status: LineStatus,
}

/// The consoles of one instance at one site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsoleLine {
    pub instance: String,
    pub instance_name: String,
    pub count: usize,
    pub names: Vec<String>,
}

/// What outages do to one instance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutageVerdict {
    pub instance: String,
    pub name: String,
    /// The planned MED-V server outage.
    pub medv_outage_hours: Option<f64>,
    /// Users are locked out during it (`None`: cannot be judged).
    pub locked_out: Option<bool>,
    /// After how long users of restricted workspaces are locked out (worst
    /// case); `None` when nobody ever is.
    pub locked_out_after_hours: Option<f64>,
    pub recovery_hours: Option<f64>,
    /// Recovery fits the accepted MED-V outage (`None`: no service level).
    pub recovery_within_service_level: Option<bool>,
    /// The SQL Server host holding its database.
    pub sql_host: Option<String>,
    /// That host's name.
    pub sql_host_name: Option<String>,
    pub sql_outage_hours: Option<f64>,
    /// Events its clients back up during the SQL Server outage.
    pub sql_outage_events: Option<f64>,
    pub sql_recovery_hours: Option<f64>,
    pub sql_recovery_within_service_level: Option<bool>,
}

/// N1 for one site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteReport {
    pub id: String,
    pub name: String,
    pub users: Option<f64>,
    /// ⌈users / 5,000⌉; `None` without users.
    pub instances_needed: Option<f64>,
    /// Instances whose clients are at this site.
    pub instances_planned: usize,
    pub math: Option<Math>,
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
    /// The site of its MED-V server, when the plan has sites.
    pub site: Option<String>,
    /// The site of its clients (its server's unless given).
    pub clients_site: Option<String>,
    /// Its database is at another site than its MED-V server.
    pub remote_link: Option<RemoteLink>,
    pub server_form_factor: FormFactor,
    pub outage: OutageReport,
    pub math: Vec<Math>,
}

/// The link an instance's database traffic crosses (§6).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RemoteLink {
    pub from_site: String,
    pub to_site: String,
    /// The bandwidth given for the link between them.
    pub mbps: Option<f64>,
    /// The least it needs: the larger of the threshold, the instance's database
    /// traffic and, with a report-staleness service level, one report's reads
    /// within that time.
    pub needed_mbps: Option<f64>,
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
    /// Its site's id, when known (a co-located host stands at its server's site).
    pub site: Option<String>,
    /// Expected time to bring it back with its fault tolerance.
    pub recovery_hours: Option<f64>,
    /// A SQL Server outage of the planned length (§6), for every instance it serves.
    pub outage: Vec<SqlOutageShare>,
    pub math: Vec<Math>,
}

/// What a SQL Server outage backs up on one instance's clients (B1/B2, §6).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SqlOutageShare {
    pub instance: String,
    pub hours: Option<f64>,
    pub events_per_client: Option<f64>,
    pub events_total: Option<f64>,
    pub bytes_total: Option<f64>,
    pub catch_up_writes_per_second: Option<f64>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Plan,
    Site,
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
