//! The plan: what a planner describes. Plan format v2, a superset of v1 (see
//! `docs/plan-format.md`); a v1 document is migrated as it is read ([`migrate`]).
//!
//! A [`Plan`] may hold any numbers (negative, NaN, huge): checking them is
//! [`crate::analyze`]'s job, which reports every problem as a finding. Parsing
//! JSON ([`parse_plan`]) rejects only what is not a plan at all: malformed JSON,
//! wrong types, unknown fields, a missing id or client count, another format.

use serde::{Deserialize, Serialize};

use crate::assumptions::{AssumptionOverrides, Assumptions};

/// The `format` tag of a plan document.
pub const PLAN_FORMAT: &str = "medv-plan";
/// The newest plan-format version this crate reads and writes.
pub const PLAN_VERSION: u32 = 2;
/// The oldest plan-format version this crate reads (and migrates).
pub const OLDEST_PLAN_VERSION: u32 = 1;

/// A whole design: the plan-level worksheet, the assumptions, the SQL Server
/// hosts and the MED-V instances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub notes: String,
    /// Total users to serve, for the instance-count helper (N1); `None` when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_users: Option<f64>,
    /// Extra instances for untrusted domains, isolated networks, organizational or
    /// legal reasons (N1).
    #[serde(default)]
    pub separate_instance_reasons: f64,
    /// The organization's standard server RAM (F-RAM).
    #[serde(default = "default_standard_ram")]
    pub standard_server_ram_gb: f64,
    /// The typical MED-V client machine, which consoles should resemble (F-CON).
    #[serde(default)]
    pub typical_client: ClientMachine,
    /// What the organization accepts ("Define the Project Scope"); each optional.
    #[serde(default, skip_serializing_if = "ServiceLevels::is_empty")]
    pub service_levels: ServiceLevels,
    #[serde(default)]
    pub assumptions: Assumptions,
    /// Where MED-V users, servers and consoles are. Empty: sites are free text,
    /// as in format v1, and nothing is judged per site.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sites: Vec<Site>,
    /// Bandwidth between two sites.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub site_links: Vec<SiteLink>,
    #[serde(default)]
    pub sql_hosts: Vec<SqlHost>,
    #[serde(default)]
    pub instances: Vec<Instance>,
}

fn default_standard_ram() -> f64 {
    2.0
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            format: PLAN_FORMAT.to_string(),
            version: PLAN_VERSION,
            name: String::new(),
            notes: String::new(),
            total_users: None,
            separate_instance_reasons: 0.0,
            standard_server_ram_gb: default_standard_ram(),
            typical_client: ClientMachine::default(),
            service_levels: ServiceLevels::default(),
            assumptions: Assumptions::default(),
            sites: Vec::new(),
            site_links: Vec::new(),
            sql_hosts: Vec::new(),
            instances: Vec::new(),
        }
    }
}

/// One MED-V instance: one active server, its clients, workspaces, database and consoles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// Concurrently active clients (F-MAX: at most 5,000).
    pub active_clients: f64,
    /// The site where its clients are; empty: the server's site.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub clients_site: String,
    #[serde(default)]
    pub workspaces: Vec<Workspace>,
    /// The workspace-count helper: the VMs its users need, each with how many
    /// distinct policies; when given, workspaces stored = the sum of policies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vms: Vec<Vm>,
    #[serde(default)]
    pub server: Server,
    #[serde(default)]
    pub standby: Standby,
    /// Id of the SQL Server host holding this instance's database; `None` means a
    /// database co-located on this instance's own MED-V server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sql_host: Option<String>,
    #[serde(default)]
    pub consoles: Vec<Console>,
    /// A reporting buffer typed directly, replacing the P3 model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporting_buffer_iops: Option<f64>,
    #[serde(default, skip_serializing_if = "AssumptionOverrides::is_empty")]
    pub overrides: AssumptionOverrides,
}

impl Instance {
    /// A new instance with every default and `active_clients` clients.
    pub fn new(id: impl Into<String>, active_clients: f64) -> Self {
        Self {
            id: id.into(),
            name: String::new(),
            active_clients,
            clients_site: String::new(),
            workspaces: Vec::new(),
            vms: Vec::new(),
            server: Server::default(),
            standby: Standby::default(),
            sql_host: None,
            consoles: Vec::new(),
            reporting_buffer_iops: None,
            overrides: AssumptionOverrides::default(),
        }
    }

    /// The name to show: the name, or the id when the name is blank.
    pub fn display_name(&self) -> &str {
        display(&self.name, &self.id)
    }
}

fn display<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.trim().is_empty() {
        id
    } else {
        name
    }
}

/// One workspace entry: `count` workspaces sharing a name and an offline policy
/// (F-WS1: one VM image and one policy each).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Workspace {
    pub name: String,
    pub count: f64,
    pub offline: OfflinePolicy,
    /// The "Offline work is restricted to" limit, used when `offline` is `restricted`.
    pub offline_limit_hours: f64,
    /// The deletion option: the workspace is removed from a client that was
    /// offline longer than the limit (F-OFF).
    pub delete_when_offline_too_long: bool,
}

impl Default for Workspace {
    fn default() -> Self {
        Self {
            name: String::new(),
            count: 1.0,
            offline: OfflinePolicy::Restricted,
            offline_limit_hours: 72.0,
            delete_when_offline_too_long: false,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfflinePolicy {
    NotPermitted,
    #[default]
    Restricted,
    Unrestricted,
}

/// The MED-V server (F-SRV, F-RAM, F-VM, F-ACT).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Server {
    pub form: ServerForm,
    pub cpu_ghz: f64,
    pub cores: f64,
    pub ram_gb: f64,
    pub os: ServerOs,
    /// The site where it stands (a site id; free text in a plan without sites).
    pub site: String,
    /// Active MED-V servers in the instance: exactly one is supported (F-ACT).
    pub active_servers: f64,
}

impl Default for Server {
    fn default() -> Self {
        Self {
            form: ServerForm::Physical,
            cpu_ghz: 2.8,
            cores: 2.0,
            ram_gb: 2.0,
            os: ServerOs::WindowsServer2008R2X64,
            site: String::new(),
            active_servers: 1.0,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServerForm {
    #[default]
    Physical,
    HyperVVm,
}

/// Server operating systems (F-OS).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServerOs {
    #[serde(rename = "windows_server_2008_x86")]
    WindowsServer2008X86,
    #[serde(rename = "windows_server_2008_x64")]
    WindowsServer2008X64,
    #[default]
    #[serde(rename = "windows_server_2008_r2_x64")]
    WindowsServer2008R2X64,
    #[serde(rename = "windows_server_2012_or_later")]
    WindowsServer2012OrLater,
    Other,
}

impl ServerOs {
    pub fn supported(self) -> bool {
        matches!(
            self,
            ServerOs::WindowsServer2008X86
                | ServerOs::WindowsServer2008X64
                | ServerOs::WindowsServer2008R2X64
        )
    }
}

/// How the instance recovers from a server failure (F-ACT, F-CLU, F-BAK).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Standby {
    pub mode: StandbyMode,
    /// Expected recovery time; `None` takes the plan's default for the mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovery_hours: Option<f64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StandbyMode {
    #[default]
    None,
    ColdRestore,
    PassiveSharedStore,
}

/// A MED-V management console (F-CON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Console {
    pub name: String,
    pub site: String,
    pub os: ClientOs,
    pub ram_gb: f64,
    pub cpu_ghz: f64,
    /// Virtual PC 2007 SP1 with the KB 974918 hotfix is confirmed installed.
    pub virtual_pc_confirmed: bool,
}

impl Default for Console {
    fn default() -> Self {
        let typical = ClientMachine::default();
        Self {
            name: String::new(),
            site: String::new(),
            os: typical.os,
            ram_gb: typical.ram_gb,
            cpu_ghz: typical.cpu_ghz,
            virtual_pc_confirmed: false,
        }
    }
}

/// A client machine's form factor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ClientMachine {
    pub os: ClientOs,
    pub ram_gb: f64,
    pub cpu_ghz: f64,
}

impl Default for ClientMachine {
    fn default() -> Self {
        Self {
            os: ClientOs::Windows7X64,
            ram_gb: 4.0,
            cpu_ghz: 2.4,
        }
    }
}

/// Client and console operating systems (F-OS, F-CRAM).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientOs {
    WindowsXpX86,
    WindowsVistaX86,
    WindowsVistaX64,
    #[serde(rename = "windows_7_x86")]
    Windows7X86,
    #[default]
    #[serde(rename = "windows_7_x64")]
    Windows7X64,
    #[serde(rename = "windows_8_or_later")]
    Windows8OrLater,
    WindowsServer,
    Other,
}

impl ClientOs {
    /// The SP1 minimum RAM for a supported client OS (F-CRAM); `None` when unsupported.
    pub fn min_ram_gb(self) -> Option<f64> {
        match self {
            ClientOs::WindowsXpX86 => Some(1.0),
            ClientOs::WindowsVistaX86 | ClientOs::Windows7X86 => Some(2.0),
            ClientOs::Windows7X64 => Some(3.0),
            _ => None,
        }
    }
}

/// A SQL Server that holds one or more MED-V databases (F-DBP).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SqlHost {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub placement: Placement,
    /// The site where it stands (a site id); empty: not given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub site: String,
    /// With `co_located`: the instance whose MED-V server runs this SQL Server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub co_located_with: Option<String>,
    #[serde(default)]
    pub version: SqlVersion,
    #[serde(default)]
    pub edition: SqlEdition,
    /// Bandwidth available on the link to the MED-V server(s), when `remote`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_mbps: Option<f64>,
    #[serde(default)]
    pub fault_tolerance: SqlFaultTolerance,
    /// The database goes into an existing SQL Server instance.
    #[serde(default)]
    pub existing_instance: bool,
    /// With `existing_instance`: the size of the databases already in that
    /// instance, in GB; they add to the host's totals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing_database_gb: Option<f64>,
    /// With `existing_instance`: the IOPS that instance already serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing_iops: Option<f64>,
}

impl SqlHost {
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: String::new(),
            placement: Placement::default(),
            site: String::new(),
            co_located_with: None,
            version: SqlVersion::default(),
            edition: SqlEdition::default(),
            link_mbps: None,
            fault_tolerance: SqlFaultTolerance::default(),
            existing_instance: false,
            existing_database_gb: None,
            existing_iops: None,
        }
    }

    pub fn display_name(&self) -> &str {
        display(&self.name, &self.id)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    CoLocated,
    #[default]
    Separate,
    Remote,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SqlVersion {
    #[serde(rename = "sql_server_2005_sp2")]
    SqlServer2005Sp2,
    #[default]
    #[serde(rename = "sql_server_2008")]
    SqlServer2008,
    #[serde(rename = "sql_server_2008_r2")]
    SqlServer2008R2,
    #[serde(rename = "sql_server_2012_or_later")]
    SqlServer2012OrLater,
    Other,
}

impl SqlVersion {
    pub fn supported(self) -> bool {
        matches!(
            self,
            SqlVersion::SqlServer2005Sp2 | SqlVersion::SqlServer2008
        )
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SqlEdition {
    Express,
    #[default]
    Standard,
    Enterprise,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SqlFaultTolerance {
    #[default]
    None,
    LogShipping,
}

/// Why a text is not a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    /// Field path (`instances[0].server`), empty at the top level.
    pub path: String,
    /// 1-based line and column, when the JSON parser knows them.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "line {}, column {}: ", self.line, self.column)?;
        }
        if !self.path.is_empty() && self.path != "." {
            write!(f, "at {}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for PlanError {}

/// Parses a plan document, filling every default. Unknown fields are rejected by
/// name; a document of another format or a newer version is refused.
pub fn parse_plan(text: &str) -> Result<Plan, PlanError> {
    // Editors on Windows may start a UTF-8 file with a byte-order mark.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text).map_err(located)?;
    check_header(&value)?;
    // Both builds read the text itself, not the parsed value, so a key given
    // twice is refused alike (a JSON value would silently keep the last one).
    #[cfg(feature = "field-paths")]
    let plan = from_checked_text(text);
    #[cfg(not(feature = "field-paths"))]
    let plan = serde_json::from_str::<Plan>(text).map_err(located);
    plan.and_then(finish)
}

/// Migrates a v1 plan, refusing one that uses fields v1 did not have.
fn finish(mut plan: Plan) -> Result<Plan, PlanError> {
    if plan.version == OLDEST_PLAN_VERSION {
        let newer = [
            (!plan.sites.is_empty(), "sites"),
            (!plan.site_links.is_empty(), "site_links"),
            (!plan.service_levels.is_empty(), "service_levels"),
            (
                plan.sql_hosts.iter().any(|h| !h.site.is_empty()),
                "sql_hosts[].site",
            ),
            (
                plan.instances.iter().any(|i| !i.clients_site.is_empty()),
                "instances[].clients_site",
            ),
            (
                plan.instances.iter().any(|i| !i.vms.is_empty()),
                "instances[].vms",
            ),
        ];
        if let Some((_, field)) = newer.iter().find(|(used, _)| *used) {
            return Err(PlanError {
                path: String::new(),
                line: 0,
                column: 0,
                message: format!(
                    "\"{field}\" is new in plan format version 2, but this plan says version 1"
                ),
            });
        }
        migrate(&mut plan);
    }
    crate::limits::check(&plan)?;
    Ok(plan)
}

/// Like [`parse_plan`], from an already parsed JSON value.
pub fn plan_from_value(value: serde_json::Value) -> Result<Plan, PlanError> {
    check_header(&value)?;
    #[cfg(feature = "field-paths")]
    let plan = from_checked_value(value);
    // One plan reader (from text) keeps the web app small.
    #[cfg(not(feature = "field-paths"))]
    let plan = serde_json::from_str::<Plan>(&value.to_string()).map_err(located);
    plan.and_then(finish)
}

fn located(e: serde_json::Error) -> PlanError {
    PlanError {
        path: String::new(),
        line: e.line(),
        column: e.column(),
        message: json_message(&e),
    }
}

/// The document is a plan of a version this crate reads.
fn check_header(value: &serde_json::Value) -> Result<(), PlanError> {
    let top_error = |message: String| PlanError {
        path: String::new(),
        line: 0,
        column: 0,
        message,
    };
    let obj = value
        .as_object()
        .ok_or_else(|| top_error("a plan is a JSON object ({ … })".to_string()))?;
    match obj.get("format").and_then(|f| f.as_str()) {
        Some(PLAN_FORMAT) => {}
        Some(other) => {
            return Err(top_error(format!(
                "this is not a MED-V plan: format is \"{}\", expected \"{PLAN_FORMAT}\"",
                crate::units::one_line(other, 60)
            )))
        }
        None => {
            return Err(top_error(format!(
                "this is not a MED-V plan: the \"format\": \"{PLAN_FORMAT}\" field is missing"
            )))
        }
    }
    match obj.get("version").and_then(|v| v.as_u64()) {
        Some(v) if (u64::from(OLDEST_PLAN_VERSION)..=u64::from(PLAN_VERSION)).contains(&v) => Ok(()),
        Some(v) if v > u64::from(PLAN_VERSION) => Err(top_error(format!(
            "this plan is version {v}, newer than this tool reads (version {PLAN_VERSION}): open it with a newer MED-V Planner"
        ))),
        _ => Err(top_error(format!(
            "the \"version\" field must be {OLDEST_PLAN_VERSION} to {PLAN_VERSION}"
        ))),
    }
}

#[cfg(feature = "field-paths")]
fn from_checked_text(text: &str) -> Result<Plan, PlanError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let plan = serde_path_to_error::deserialize::<_, Plan>(&mut de).map_err(|e| PlanError {
        path: e.path().to_string(),
        line: e.inner().line(),
        column: e.inner().column(),
        message: json_message(e.inner()),
    })?;
    de.end().map_err(located)?;
    Ok(plan)
}

#[cfg(feature = "field-paths")]
fn from_checked_value(value: serde_json::Value) -> Result<Plan, PlanError> {
    serde_path_to_error::deserialize::<_, Plan>(value).map_err(|e| PlanError {
        path: e.path().to_string(),
        line: 0,
        column: 0,
        message: json_message(e.inner()),
    })
}

/// serde_json's message without its trailing " at line L column C".
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) if e.line() > 0 => text[..at].to_string(),
        _ => text,
    }
}

/// Writes a plan as pretty JSON, fields in their documented order. Whole
/// numbers are written without a fraction (`5000`, not `5000.0`).
pub fn plan_to_json(plan: &Plan) -> String {
    to_pretty_json(plan)
}

/// Pretty JSON with whole numbers written as integers.
pub fn to_pretty_json<T: Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        Tidy(serde_json::ser::PrettyFormatter::new()),
    );
    if value.serialize(&mut ser).is_err() {
        return String::new();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// serde_json's pretty formatter, writing whole `f64`s within ±2^53 as integers.
struct Tidy<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for Tidy<'_> {
    fn write_f64<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        value: f64,
    ) -> std::io::Result<()> {
        if value.fract() == 0.0 && value.abs() <= 9_007_199_254_740_992.0 {
            write!(w, "{}", value as i64)
        } else {
            self.0.write_f64(w, value)
        }
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both builds say where a plan is wrong: by field path, or by line and column.
    #[test]
    fn errors_say_where() {
        let text = "{\"format\":\"medv-plan\",\"version\":1,\n\"instances\":[{\"id\":\"a\",\"active_clients\":1,\"servr\":{}}]}";
        let err = parse_plan(text).unwrap_err();
        assert!(err.message.contains("unknown field `servr`"), "{err}");
        if cfg!(feature = "field-paths") {
            assert_eq!(err.path, "instances[0].servr");
        } else {
            assert_eq!(err.line, 2, "{err}");
        }
    }
}

/// A site: where MED-V users, servers and consoles are (§6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// MED-V users at this site; `None` when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users: Option<f64>,
}

impl Site {
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: String::new(),
            users: None,
        }
    }

    pub fn display_name(&self) -> &str {
        display(&self.name, &self.id)
    }
}

/// The bandwidth available between two sites.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SiteLink {
    pub a: String,
    pub b: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mbps: Option<f64>,
}

/// One VM of the workspace-count helper: a workspace is one VM and one policy,
/// so a VM needs one workspace per distinct policy its users need (§6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Vm {
    pub name: String,
    pub policies: f64,
}

impl Default for Vm {
    fn default() -> Self {
        Self {
            name: String::new(),
            policies: 1.0,
        }
    }
}

/// What the organization accepts ("Define the Project Scope"); each optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServiceLevels {
    /// The longest MED-V server outage accepted, in hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_medv_outage_hours: Option<f64>,
    /// The longest SQL Server outage accepted, in hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_sql_outage_hours: Option<f64>,
    /// How stale console reports may be, in minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_staleness_minutes: Option<f64>,
    /// Whether losing SQL Server data is acceptable.
    pub sql_data_loss: DataLoss,
}

impl ServiceLevels {
    pub fn is_empty(&self) -> bool {
        *self == ServiceLevels::default()
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataLoss {
    #[default]
    NotStated,
    Acceptable,
    NotAcceptable,
}

/// Brings a plan read as format v1 to v2: the free-text sites of MED-V servers
/// and consoles become the plan's sites, named as typed, and the fields refer
/// to them by id. The meaning is unchanged: a v1 site had no users or links.
pub fn migrate(plan: &mut Plan) {
    if plan.version != OLDEST_PLAN_VERSION {
        return;
    }
    plan.version = PLAN_VERSION;
    let mut ids: std::collections::HashMap<String, String> = Default::default();
    let mut sites = std::mem::take(&mut plan.sites);
    let mut intern = |text: &mut String| {
        let name = text.trim().to_string();
        if name.is_empty() {
            text.clear();
            return;
        }
        let id = ids
            .entry(name.clone())
            .or_insert_with(|| {
                let id = site_id(&name, &sites);
                sites.push(Site {
                    id: id.clone(),
                    name: name.clone(),
                    users: None,
                });
                id
            })
            .clone();
        *text = id;
    };
    for inst in &mut plan.instances {
        intern(&mut inst.server.site);
        for c in &mut inst.consoles {
            intern(&mut c.site);
        }
    }
    plan.sites = sites;
}

/// A fresh site id for `name`: its letters and digits, lower-cased.
fn site_id(name: &str, taken: &[Site]) -> String {
    let mut base: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    base.truncate(48);
    if base.is_empty() {
        base = "site".into();
    }
    let free = |id: &str| !taken.iter().any(|s| s.id == id);
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| free(id))
        .unwrap_or(base)
}

/// A plan choice: every value, in the order the editor lists them, with its
/// label. The wire names are the serde names; the link codec keeps its own
/// frozen numbering.
pub trait Choice: Copy + PartialEq + Serialize + serde::de::DeserializeOwned + 'static {
    const ALL: &'static [Self];
    fn label(self) -> &'static str;
}

macro_rules! choices {
    ($( $T:ident: $( $v:ident => $label:expr ),+ ; )*) => {
        $( impl Choice for $T {
            const ALL: &'static [Self] = &[ $( $T::$v ),+ ];
            fn label(self) -> &'static str {
                match self { $( $T::$v => $label ),+ }
            }
        } )*
    };
}

choices! {
    OfflinePolicy: NotPermitted => "Not permitted", Restricted => "Restricted to a limit", Unrestricted => "Unrestricted";
    ServerForm: Physical => "Physical server", HyperVVm => "Hyper-V virtual machine";
    ServerOs: WindowsServer2008X86 => "Windows Server 2008 SP1/SP2 x86", WindowsServer2008X64 => "Windows Server 2008 SP1/SP2 x64",
        WindowsServer2008R2X64 => "Windows Server 2008 R2 x64", WindowsServer2012OrLater => "Windows Server 2012 or later", Other => "Other";
    StandbyMode: None => "No standby", ColdRestore => "Cold restore from backed-up configuration files", PassiveSharedStore => "Passive server on a shared store (\"cluster mode\")";
    ClientOs: WindowsXpX86 => "Windows XP Professional SP2/SP3 x86", WindowsVistaX86 => "Windows Vista Business/Enterprise/Ultimate SP1/SP2 x86", WindowsVistaX64 => "Windows Vista x64",
        Windows7X86 => "Windows 7 Professional/Enterprise/Ultimate x86", Windows7X64 => "Windows 7 Professional/Enterprise/Ultimate x64", Windows8OrLater => "Windows 8 or later",
        WindowsServer => "Windows Server (any)", Other => "Other";
    Placement: CoLocated => "On the MED-V server", Separate => "Separate SQL Server, same site", Remote => "Remote SQL Server, across a network link";
    SqlVersion: SqlServer2005Sp2 => "SQL Server 2005 SP2", SqlServer2008 => "SQL Server 2008",
        SqlServer2008R2 => "SQL Server 2008 R2", SqlServer2012OrLater => "SQL Server 2012 or later", Other => "Other";
    SqlEdition: Express => "Express", Standard => "Standard", Enterprise => "Enterprise";
    SqlFaultTolerance: None => "No log shipping", LogShipping => "Log shipping (warm standby)";
    DataLoss: NotStated => "Not stated", Acceptable => "Acceptable", NotAcceptable => "Not acceptable";
}

/// The serde (wire) name of a choice: `"hyper_v_vm"`.
pub fn choice_name<T: Choice>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|x| x.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The choice whose serde name is `name`.
pub fn choice_from<T: Choice>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}
