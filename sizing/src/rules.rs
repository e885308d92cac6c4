//! The rule catalog: every finding [`crate::analyze`] can emit, with a stable id
//! (quote it like a lint name), severity and source. `docs/rules.md` documents
//! each; a test keeps the two in step.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The design breaks a documented constraint, or the input is invalid.
    Error,
    /// Risky or below a recommendation.
    Warning,
    /// Advice the guide gives.
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One rule of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    /// What triggers it, in a few words.
    pub title: &'static str,
    pub source: &'static str,
}

macro_rules! rules {
    ($( $name:ident = $id:literal, $sev:ident, $title:literal, $source:literal; )*) => {
        $( pub const $name: Rule = Rule { id: $id, severity: Severity::$sev, title: $title, source: $source }; )*
        /// Every rule, in documentation order.
        pub const ALL: &[Rule] = &[ $( $name, )* ];
    };
}

rules! {
    PLAN_FORMAT = "plan-format", Error, "The plan's format or version is not one this tool reads", "Plan format v1 (docs/plan-format.md)";
    INVALID_VALUE = "invalid-value", Error, "A number is missing, not finite, out of range or not whole", "Plan format v1 (docs/plan-format.md)";
    ID_INVALID = "id-invalid", Error, "An id is empty or uses characters other than letters, digits, - and _", "Plan format v1 (docs/plan-format.md)";
    ID_DUPLICATE = "id-duplicate", Error, "Two instances or two SQL Server hosts share an id", "Plan format v1 (docs/plan-format.md)";
    PLAN_NO_INSTANCES = "plan-no-instances", Warning, "The plan has no MED-V instance", "DSI: design the server infrastructure for each MED-V instance";
    INSTANCES_TOO_FEW = "instances-too-few", Warning, "Fewer instances than ⌈users / 5,000⌉ plus separate-instance reasons", "F-MAX: identify-the-number-of-med-v-instances";
    CLIENTS_OVER_LIMIT = "clients-over-limit", Error, "More than 5,000 active clients in one instance", "F-MAX: DSI, \"The maximum is 5,000\"";
    CLIENTS_NEAR_LIMIT = "clients-near-limit", Warning, "90 % or more of the 5,000-client limit: no headroom", "F-MAX: DSI";
    WORKSPACE_DUPLICATE = "workspace-duplicate", Error, "A workspace name is listed twice (a workspace belongs to one instance)", "F-WS1: DSI; identify-the-number-of-med-v-instances";
    WORKSPACES_NONE = "workspaces-none", Info, "An instance lists no workspaces", "F-WS: DSI, Form Factor";
    SERVER_CPU_SLOW = "server-cpu-slow", Warning, "Server CPU below the recommended 2.8 GHz", "F-SRV: DSI, Form Factor";
    SERVER_TOO_FEW_CORES = "server-too-few-cores", Warning, "Server with fewer than 2 cores", "F-SRV: DSI, Form Factor";
    SERVER_RAM_LOW = "server-ram-low", Warning, "Server RAM below the recommended 2 GB", "F-SRV: DSI, Form Factor";
    SERVER_RAM_BELOW_STANDARD = "server-ram-below-standard", Warning, "Server RAM below the organization's standard form factor", "F-RAM: DSI, Form Factor";
    SERVER_MULTIPLE_ACTIVE = "server-multiple-active", Error, "More than one active MED-V server in an instance", "F-ACT: DSI, Fault Tolerance";
    SERVER_OS_UNSUPPORTED = "server-os-unsupported", Warning, "Server OS not in MED-V 1.0 SP1's supported configurations", "F-OS: med-v-10-sp1-supported-configurations";
    SERVER_VIRTUAL_MACHINE = "server-virtual-machine", Info, "A Hyper-V VM needs CPU and memory equivalent to a physical server", "F-VM: DSI, Form Factor";
    SERVER_CO_LOCATED_SQL = "server-co-located-sql", Info, "SQL Server runs on this MED-V server: add its load to the form factor", "DSI: Design and Place the SQL Server Database, Form Factor";
    SERVER_PLACEMENT = "server-placement", Info, "No site given for the server: place it where clients have the most bandwidth", "DSI: Design and Place the Server";
    OFFLINE_NOT_PERMITTED_NO_STANDBY = "offline-not-permitted-no-standby", Warning, "A workspace permits no offline work and the instance has no standby", "DSI: Fault Tolerance; F-OFF";
    RECOVERY_EXCEEDS_TOLERATED_OUTAGE = "recovery-exceeds-tolerated-outage", Warning, "Expected recovery takes longer than the worst-case tolerated outage", "DSI: Fault Tolerance; F-OFF, F-POL";
    STANDBY_SHARED_STORE = "standby-shared-store", Info, "Passive server on a shared store: the share is a single point of failure", "F-CLU: configuring-med-v-server-for-cluster-mode";
    WORKSPACE_DELETION_RISK = "workspace-deletion-risk", Warning, "\"Delete when offline too long\" is on and an outage can outlast the offline limit", "F-OFF: how-to-set-med-v-workspace-deletion-options";
    SQL_HOST_UNKNOWN = "sql-host-unknown", Error, "An instance names a SQL Server host that is not in the plan", "Plan format v1 (docs/plan-format.md)";
    SQL_CO_LOCATED_TARGET = "sql-co-located-target", Error, "A co-located SQL Server host does not name a known instance", "F-DBP: DSI";
    SQL_HOST_UNUSED = "sql-host-unused", Info, "A SQL Server host holds no instance's database", "F-DBP: DSI";
    SQL_VERSION_UNSUPPORTED = "sql-version-unsupported", Warning, "SQL Server version not listed as supported (2005 SP2 and 2008 are)", "F-OS: med-v-10-sp1-supported-configurations";
    SQL_EXPRESS_SIZE = "sql-express-size", Warning, "SQL Server Express with a database over its 4 GB cap", "F-EXP: SQL Server editions (ms143685)";
    SQL_EXPRESS_LOG_SHIPPING = "sql-express-log-shipping", Warning, "Log shipping on SQL Server Express, which has no SQL Server Agent", "F-EXP, F-LS";
    SQL_REMOTE_LINK = "sql-remote-link", Warning, "Remote SQL Server over a link slower than the threshold or the estimated traffic, or of unknown speed", "DSI: Design and Place the SQL Server Database";
    SQL_SHARED_DATABASE = "sql-shared-database", Info, "A SQL Server host holds several instances' databases", "F-DBP: DSI, Form Factor (SQL Server 2008 IPD guide)";
    SQL_RETENTION_MISMATCH = "sql-retention-mismatch", Warning, "Instances sharing a SQL Server host keep events for different numbers of days", "F-DBP, F-RET";
    SQL_CO_LOCATED_SHARED = "sql-co-located-shared", Warning, "A SQL Server on one MED-V server also holds other instances' databases", "DSI: Design and Place the SQL Server Database, Form Factor";
    SQL_NO_LOG_SHIPPING = "sql-no-log-shipping", Info, "No log shipping: no warm standby for the database", "F-LS: DSI, Fault Tolerance";
    CONSOLE_NONE = "console-none", Warning, "An instance has no management console", "F-CON: DSI, Design the Management Console";
    CONSOLE_DUPLICATE = "console-duplicate", Error, "A console name is listed twice (a console works with one MED-V server)", "F-CON: DSI";
    CONSOLE_OS_UNSUPPORTED = "console-os-unsupported", Error, "Console OS is not a supported client OS", "F-CON, F-OS";
    CONSOLE_RAM_BELOW_MINIMUM = "console-ram-below-minimum", Error, "Console RAM below its OS's MED-V minimum", "F-CRAM: med-v-10-sp1-supported-configurations";
    CONSOLE_UNLIKE_CLIENT = "console-unlike-client", Warning, "Console form factor unlike the typical client", "F-CON: DSI";
    CONSOLE_VIRTUAL_PC_UNCONFIRMED = "console-virtual-pc-unconfirmed", Warning, "Virtual PC 2007 SP1 with KB 974918 not confirmed on a console", "F-CON: DSI";
}

/// The rule with this id.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter().find(|r| r.id == id)
}
