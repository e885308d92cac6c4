//! The editable assumptions: every number the guidance leaves open or states as
//! "about", with its default, unit, valid range and source.
//!
//! One table ([`define_assumptions!`]) generates the plan-level [`Assumptions`],
//! the per-instance [`AssumptionOverrides`], the [`Key`] enum used to address
//! them, and the [`AssumptionInfo`] catalog the UI and the design document show.
//! A value whose `documented` flag is false is a product choice ("[our
//! assumption]"), never presented as a documented fact.

use serde::{Deserialize, Serialize};

/// What the UI and the design document say about one assumption.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AssumptionInfo {
    pub key: Key,
    /// The JSON field name.
    pub name: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    /// Must be a whole number.
    pub whole: bool,
    /// True when the guidance or product documentation states the value; false for
    /// a product choice.
    pub documented: bool,
    /// Fact id of `medv-domain.md` and where it comes from.
    pub source: &'static str,
    /// Whether an instance may override it.
    pub per_instance: bool,
    pub help: &'static str,
}

macro_rules! define_assumptions {
    (
        instance { $( $ivar:ident $ifield:ident = $idef:expr, $iunit:expr, $ilabel:expr,
                      [$imin:expr, $imax:expr], whole $iwhole:expr, documented $idoc:expr,
                      $isrc:expr, $ihelp:expr; )* }
        plan { $( $pvar:ident $pfield:ident = $pdef:expr, $punit:expr, $plabel:expr,
                  [$pmin:expr, $pmax:expr], whole $pwhole:expr, documented $pdoc:expr,
                  $psrc:expr, $phelp:expr; )* }
    ) => {
        /// Addresses one assumption.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Key { $( $ivar, )* $( $pvar, )* }

        impl Key {
            /// Every assumption, in the order the UI shows them.
            pub const ALL: &'static [Key] = &[ $( Key::$ivar, )* $( Key::$pvar, )* ];

            pub fn info(self) -> &'static AssumptionInfo {
                match self {
                    $( Key::$ivar => &AssumptionInfo {
                        key: Key::$ivar, name: stringify!($ifield), label: $ilabel, unit: $iunit,
                        default: $idef, min: $imin, max: $imax, whole: $iwhole,
                        documented: $idoc, source: $isrc, per_instance: true, help: $ihelp,
                    }, )*
                    $( Key::$pvar => &AssumptionInfo {
                        key: Key::$pvar, name: stringify!($pfield), label: $plabel, unit: $punit,
                        default: $pdef, min: $pmin, max: $pmax, whole: $pwhole,
                        documented: $pdoc, source: $psrc, per_instance: false, help: $phelp,
                    }, )*
                }
            }

            /// The key whose JSON field name is `name`.
            pub fn from_name(name: &str) -> Option<Key> {
                Key::ALL.iter().copied().find(|k| k.info().name == name)
            }
        }

        /// Plan-wide assumptions. Every field has a default; see [`Key::info`].
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields, default)]
        pub struct Assumptions {
            $( pub $ifield: f64, )*
            $( pub $pfield: f64, )*
        }

        impl Default for Assumptions {
            fn default() -> Self {
                Self { $( $ifield: $idef, )* $( $pfield: $pdef, )* }
            }
        }

        impl Assumptions {
            pub fn get(&self, key: Key) -> f64 {
                match key { $( Key::$ivar => self.$ifield, )* $( Key::$pvar => self.$pfield, )* }
            }

            pub fn set(&mut self, key: Key, value: f64) {
                match key { $( Key::$ivar => self.$ifield = value, )* $( Key::$pvar => self.$pfield = value, )* }
            }
        }

        /// Per-instance overrides of the instance-scoped assumptions; `None` (absent
        /// from the JSON) inherits the plan's value.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields, default)]
        pub struct AssumptionOverrides {
            $( #[serde(skip_serializing_if = "Option::is_none")] pub $ifield: Option<f64>, )*
        }

        impl AssumptionOverrides {
            /// The override for `key`; always `None` for plan-only keys.
            pub fn get(&self, key: Key) -> Option<f64> {
                match key { $( Key::$ivar => self.$ifield, )* _ => None }
            }

            /// Sets or clears an override; ignored for plan-only keys.
            pub fn set(&mut self, key: Key, value: Option<f64>) {
                match key { $( Key::$ivar => self.$ifield = value, )* _ => {} }
            }

            pub fn is_empty(&self) -> bool {
                true $( && self.$ifield.is_none() )*
            }
        }
    };
}

define_assumptions! {
    instance {
        EventsPerClientPerDay events_per_client_per_day = 20.0, "events/day", "Events per client per day",
            [0.0, 1_000_000.0], whole false, documented true,
            "F-EVR: DSI, \"approximately 15 to 20 events per day per client\"; 20 is the top of that range",
            "How many events each client sends a day (starts, errors, …).";
        EventSizeBytes event_size_bytes = 200.0, "B", "Event size",
            [1.0, 1_000_000.0], whole false, documented true,
            "F-EVS: DSI, \"typically around 200 bytes\"",
            "Bytes one event takes in the database.";
        IosPerWrite ios_per_write = 1.0, "IOs/write", "IOs per write",
            [0.01, 1_000.0], whole false, documented true,
            "P5: DSI, \"if a write operation can be equated with a single IO\"; 1 is the guidance's own equation",
            "Disk IOs one event write costs; multiplies the write IOPS (P1, P2).";
        RetentionDays retention_days = 90.0, "days", "Retention",
            [1.0, 36_500.0], whole true, documented false,
            "F-RET: the server's \"Clear data older than N days\" option; 90 days is our assumption",
            "How many days of events the database keeps.";
        ErrorBurstAllowancePct error_burst_allowance_pct = 25.0, "%", "Error-burst allowance",
            [0.0, 1_000.0], whole false, documented false,
            "D3/P2: DSI asks for a safety factor for error bursts; 25 % is our assumption",
            "Extra events from clients in error, on top of the typical rate.";
        TableOverheadPct table_overhead_pct = 30.0, "%", "Table and organizational overhead",
            [0.0, 1_000.0], whole false, documented false,
            "D3: DSI asks for database table and organizational space; 30 % is our assumption",
            "Index, page and free space on top of the raw event bytes.";
        WorkspaceXmlKb workspace_xml_kb = 30.0, "KB", "Workspace XML size",
            [0.0, 1_000_000.0], whole false, documented true,
            "F-WS: DSI, \"around 30 KB in size for a typical MED-V workspace\"",
            "Size of one workspace configuration file on the MED-V server.";
        ReportWindowDays report_window_days = 7.0, "days", "Report window",
            [0.0, 36_500.0], whole false, documented false,
            "P3: DSI says reporting load depends on consoles and report frequency; the model and 7 days are our assumption",
            "How many days of events one console report reads.";
        ReportsPerConsolePerHour reports_per_console_per_hour = 2.0, "reports/h", "Reports per console per hour",
            [0.0, 3_600.0], whole false, documented false,
            "P3: our assumption",
            "How often each console runs a report during the busy hour.";
        SendIntervalSeconds send_interval_seconds = 60.0, "s", "Client event send interval",
            [1.0, 86_400.0], whole false, documented true,
            "F-INT: DSI, \"The default interval at which the client sends events is 1 minute\"",
            "How often a client sends its queued events.";
        PolicyRefreshMinutes policy_refresh_minutes = 15.0, "min", "Client policy refresh",
            [0.0, 1_440.0], whole false, documented true,
            "F-POL: MED-V client documentation, policy refreshed every 15 minutes",
            "A client may have last authenticated this long before the server failed.";
        OutageHours outage_hours = 72.0, "h", "Outage length to plan for",
            [0.0, 87_600.0], whole false, documented false,
            "B1/B2: our assumption (a long weekend)",
            "The MED-V server outage the backlog figures describe.";
    }
    plan {
        MinRemoteLinkMbps min_remote_link_mbps = 10.0, "Mbit/s", "Minimum link to a remote SQL Server",
            [0.0, 1_000_000.0], whole false, documented false,
            "DSI warns that slow links make reports slow and stale; the threshold is our assumption",
            "Below this, or below the estimated database traffic, a remote SQL Server is flagged.";
        ConsoleTolerancePct console_tolerance_pct = 25.0, "%", "Console form-factor tolerance",
            [0.0, 1_000.0], whole false, documented false,
            "F-CON: DSI wants the console to resemble a typical client; the tolerance is our assumption",
            "How far a console's RAM or CPU may differ from the typical client.";
        CoLocatedSqlRamGb co_located_sql_ram_gb = 2.0, "GB", "RAM to add for co-located SQL Server",
            [0.0, 65_536.0], whole false, documented false,
            "DSI: \"add resources for the SQL Server load\"; the amount is our assumption",
            "Added to the MED-V server's RAM when it also runs SQL Server.";
        CoLocatedSqlCores co_located_sql_cores = 2.0, "cores", "Cores to add for co-located SQL Server",
            [0.0, 1_024.0], whole true, documented false,
            "DSI: \"add resources for the SQL Server load\"; the amount is our assumption",
            "Added to the MED-V server's cores when it also runs SQL Server.";
        RecoveryHoursNone recovery_hours_none = 48.0, "h", "Recovery time without a standby",
            [0.0, 87_600.0], whole false, documented false,
            "F-ACT/F-BAK: our assumption (rebuild and reconfigure a server from nothing)",
            "Default expected recovery when an instance has no standby.";
        RecoveryHoursColdRestore recovery_hours_cold_restore = 4.0, "h", "Recovery time from a cold restore",
            [0.0, 87_600.0], whole false, documented false,
            "F-BAK: restore = new server + copy the configuration files + restart; 4 h is our assumption",
            "Default expected recovery with backed-up configuration files.";
        SqlOutageHours sql_outage_hours = 8.0, "h", "SQL Server outage length to plan for",
            [0.0, 87_600.0], whole false, documented false,
            "§6: DSI says events back up on clients while the database is down; 8 h (a working day) is our assumption",
            "The SQL Server outage whose backlog the host figures describe.";
        SqlRecoveryHoursNone sql_recovery_hours_none = 24.0, "h", "SQL Server recovery without log shipping",
            [0.0, 87_600.0], whole false, documented false,
            "F-LS: restore from backup onto a rebuilt server; 24 h is our assumption",
            "Expected time to bring a SQL Server host back when it has no warm standby.";
        SqlRecoveryHoursLogShipping sql_recovery_hours_log_shipping = 1.0, "h", "SQL Server recovery with log shipping",
            [0.0, 87_600.0], whole false, documented false,
            "F-LS: manual failover to the warm standby; 1 h is our assumption",
            "Expected time to fail over to the log-shipping secondary.";
        RecoveryHoursPassive recovery_hours_passive = 1.0, "h", "Recovery time to a passive server",
            [0.0, 87_600.0], whole false, documented false,
            "F-CLU: manual failover (for example DNS) to the passive server; 1 h is our assumption",
            "Default expected recovery with a passive server on a shared store.";
    }
}
