//! The field catalog: every field of the plan, defined once — its JSON name,
//! label, unit, valid range, whether it must be whole, where its default comes
//! from, and how to read and write it. Validation, the editor, the field paths
//! of findings, the docs table in `docs/plan-format.md` and the robustness tests
//! all iterate these tables; nothing else spells a field's range or label.
//!
//! The assumptions have their own catalog ([`crate::assumptions`]), addressed by
//! [`crate::assumptions::Key`]; [`crate::path::FieldPath`] covers both.

use crate::plan::*;

/// A numeric field's valid range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub min: f64,
    pub max: f64,
    pub whole: bool,
}

impl Range {
    pub const fn new(min: f64, max: f64, whole: bool) -> Self {
        Self { min, max, whole }
    }

    /// Why `value` is not valid for the field `label` (in `unit`), or `None`.
    pub fn problem(&self, label: &str, unit: &str, value: f64) -> Option<String> {
        use crate::input::format_number as exact;
        use crate::units::count;
        let it_is = if value.is_nan() {
            "it is not a number".to_string()
        } else if value.is_infinite() {
            "it is infinite".to_string()
        } else if value < self.min || value > self.max || (self.whole && value.fract() != 0.0) {
            format!("it is {}", count(value))
        } else {
            // Valid: nothing to say, and nothing written (the analysis asks
            // this of every field of every row).
            return None;
        };
        let range = format!(
            "{}from {} to {}{}",
            if self.whole {
                "a whole number "
            } else {
                "a number "
            },
            exact(self.min),
            exact(self.max),
            if unit.is_empty() {
                String::new()
            } else {
                format!(" {unit}")
            }
        );
        Some(format!("{label} must be {range}; {it_is}"))
    }
}

/// Where a field's value or default comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// A fact of the design the planner enters; the default is a placeholder.
    Input,
    /// The default is stated by the guidance or the product documentation.
    Documented,
    /// The default is this tool's choice ("[our assumption]").
    Assumption,
}

impl Basis {
    pub fn label(self) -> &'static str {
        match self {
            Basis::Input => "your input",
            Basis::Documented => "documented",
            Basis::Assumption => "[our assumption]",
        }
    }
}

/// How a field is read and written, by kind of control.
pub enum Access<T: 'static> {
    /// A number. `optional` numbers may be absent (`None`); others always hold one.
    Number {
        get: fn(&T) -> Option<f64>,
        set: fn(&mut T, Option<f64>),
        range: Range,
        optional: bool,
        /// A plan document must give it: it has no default.
        required: bool,
    },
    /// One of a fixed set of choices, by serde name.
    Choice {
        get: fn(&T) -> String,
        set: fn(&mut T, &str),
        /// `(serde name, label)` of every choice, in the editor's order.
        options: fn() -> Vec<(String, &'static str)>,
    },
    /// The id of another row of the plan (a SQL Server host, an instance); the
    /// editor lists the plan's rows. `None` is the documented default.
    Reference {
        get: fn(&T) -> Option<&str>,
        set: fn(&mut T, Option<String>),
    },
    /// Free text: names, sites, notes.
    Text {
        get: fn(&T) -> &str,
        set: fn(&mut T, String),
        max_chars: u32,
    },
    /// A row id: shown, never edited in place.
    Id { get: fn(&T) -> &str },
    /// Yes or no.
    Flag {
        get: fn(&T) -> bool,
        set: fn(&mut T, bool),
    },
    /// A list of rows (workspaces, consoles, instances, hosts): a place a
    /// finding can point at, not a control.
    List,
}

/// One field of the catalog.
pub struct FieldDef<T: 'static> {
    /// The JSON path below its row (`server.cpu_ghz`).
    pub name: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub access: Access<T>,
    /// Whether the field means anything for this row (an offline limit only
    /// for restricted workspaces). Validation skips it otherwise.
    pub applies: fn(&T) -> bool,
    pub basis: Basis,
    /// Fact id of `medv-domain.md` and where the default comes from.
    pub source: &'static str,
}

impl<T: 'static> FieldDef<T> {
    /// The range of a number field.
    pub fn range(&self) -> Option<Range> {
        match self.access {
            Access::Number { range, .. } => Some(range),
            _ => None,
        }
    }

    pub fn number(&self, row: &T) -> Option<f64> {
        match self.access {
            Access::Number { get, .. } => get(row),
            _ => None,
        }
    }

    /// The field's value as people read it on one line (`2.8 GHz`, `Standard`,
    /// `yes`, `empty`); `None` for a list of rows, which is not a value.
    pub fn shown(&self, row: &T) -> Option<String> {
        let empty = || "empty".to_string();
        Some(match &self.access {
            Access::Number { get, .. } => get(row).map_or_else(empty, |v| {
                let n = crate::input::format_number(v);
                if self.unit.is_empty() {
                    n
                } else {
                    format!("{n} {}", self.unit)
                }
            }),
            Access::Choice { get, options, .. } => {
                let name = get(row);
                options()
                    .into_iter()
                    .find(|(n, _)| *n == name)
                    .map_or(name, |(_, label)| label.to_string())
            }
            Access::Reference { get, .. } => get(row).map_or_else(empty, str::to_string),
            Access::Text { get, .. } => {
                let t = get(row);
                if t.is_empty() {
                    empty()
                } else {
                    crate::units::one_line(t, 200)
                }
            }
            Access::Id { get } => get(row).to_string(),
            Access::Flag { get, .. } => if get(row) { "yes" } else { "no" }.to_string(),
            Access::List => return None,
        })
    }
}

fn always<T>(_: &T) -> bool {
    true
}

/// `(serde name, label)` of every choice of `C`.
pub fn options_of<C: Choice>() -> Vec<(String, &'static str)> {
    C::ALL
        .iter()
        .map(|&c| (choice_name(c), c.label()))
        .collect()
}

macro_rules! catalog {
    ($(#[$meta:meta])* $Key:ident for $T:ty, blank $blank:expr, prefix $prefix:literal {
        $( $Var:ident: $name:literal, $label:literal, $unit:literal, $basis:ident, $source:literal,
           $access:expr $(, applies $applies:expr)? ; )*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $Key { $( $Var, )* }

        impl $Key {
            /// Every field, in the editor's order.
            pub const ALL: &'static [$Key] = &[ $( $Key::$Var, )* ];
            /// What the JSON path of this kind of row starts with (documentation).
            pub const PREFIX: &'static str = $prefix;

            pub fn def(self) -> &'static FieldDef<$T> {
                match self {
                    $( $Key::$Var => {
                        static DEF: FieldDef<$T> = FieldDef {
                            name: $name,
                            label: $label,
                            unit: $unit,
                            access: $access,
                            applies: catalog!(@applies $T $(, $applies)?),
                            basis: Basis::$basis,
                            source: $source,
                        };
                        &DEF
                    } )*
                }
            }

            pub fn name(self) -> &'static str {
                self.def().name
            }

            /// The field whose JSON path below its row is `name`.
            pub fn from_name(name: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|f| f.name() == name)
            }

            /// A row with every default, to read defaults from.
            pub fn blank() -> $T {
                $blank
            }

            /// The default of a number field (`None` when it has none).
            pub fn default_number(self) -> Option<f64> {
                self.def().number(&Self::blank())
            }
        }
    };
    (@applies $T:ty) => { always::<$T> };
    (@applies $T:ty, $f:expr) => { $f };
}

/// A number at `$($f).+` of a `$T` that always holds one (its default, unless
/// `required`: then a document must give it).
macro_rules! num {
    ($T:ty, $range:expr, $($f:ident).+) => {
        num!(@ $T, $range, false, $($f).+)
    };
    (required $T:ty, $range:expr, $($f:ident).+) => {
        num!(@ $T, $range, true, $($f).+)
    };
    (@ $T:ty, $range:expr, $required:expr, $($f:ident).+) => {
        Access::Number {
            get: |x: &$T| Some(x.$($f).+),
            set: |x: &mut $T, v: Option<f64>| {
                if let Some(v) = v {
                    x.$($f).+ = v;
                }
            },
            range: $range,
            optional: false,
            required: $required,
        }
    };
}

/// An optional number.
macro_rules! opt_num {
    ($T:ty, $range:expr, $($f:ident).+) => {
        Access::Number {
            get: |x: &$T| x.$($f).+,
            set: |x: &mut $T, v: Option<f64>| x.$($f).+ = v,
            range: $range,
            optional: true,
            required: false,
        }
    };
}

macro_rules! choice {
    ($T:ty, $C:ty, $($f:ident).+) => {
        Access::Choice {
            get: |x: &$T| choice_name(x.$($f).+),
            set: |x: &mut $T, name: &str| {
                if let Some(v) = choice_from::<$C>(name) {
                    x.$($f).+ = v;
                }
            },
            options: options_of::<$C>,
        }
    };
}

macro_rules! text {
    ($T:ty, $max:expr, $($f:ident).+) => {
        Access::Text {
            get: |x: &$T| x.$($f).+.as_str(),
            set: |x: &mut $T, v: String| x.$($f).+ = v,
            max_chars: $max,
        }
    };
}

macro_rules! flag {
    ($T:ty, $($f:ident).+) => {
        Access::Flag {
            get: |x: &$T| x.$($f).+,
            set: |x: &mut $T, v: bool| x.$($f).+ = v,
        }
    };
}

/// A reference held in a `String` (empty: none), such as a site id.
macro_rules! text_ref {
    ($T:ty, $($f:ident).+) => {
        Access::Reference {
            get: |x: &$T| Some(x.$($f).+.as_str()).filter(|v| !v.is_empty()),
            set: |x: &mut $T, v: Option<String>| x.$($f).+ = v.unwrap_or_default(),
        }
    };
}

macro_rules! reference {
    ($T:ty, $($f:ident).+) => {
        Access::Reference {
            get: |x: &$T| x.$($f).+.as_deref(),
            set: |x: &mut $T, v: Option<String>| x.$($f).+ = v,
        }
    };
}

/// Names and ids are at most this long in the editor.
pub const NAME_CHARS: u32 = 200;
/// Plan notes are at most this long in the editor.
pub const NOTES_CHARS: u32 = 20_000;

catalog! {
    /// Fields of the plan itself.
    PlanField for Plan, blank Plan::default(), prefix "" {
        Name: "name", "Plan name", "", Input, "", text!(Plan, NAME_CHARS, name);
        Notes: "notes", "Notes", "", Input, "", text!(Plan, NOTES_CHARS, notes);
        TotalUsers: "total_users", "Total users", "", Input,
            "N1: identify-the-number-of-med-v-instances; optional",
            opt_num!(Plan, Range::new(0.0, 1_000_000_000.0, true), total_users);
        SeparateInstanceReasons: "separate_instance_reasons", "Separate-instance reasons", "", Input,
            "N1: one more instance per untrusted domain, isolated network, organizational or legal reason",
            num!(Plan, Range::new(0.0, 10_000.0, true), separate_instance_reasons);
        StandardServerRamGb: "standard_server_ram_gb", "Standard server RAM", "GB", Documented,
            "F-RAM: DSI, match the organization's standard form factor; 2 GB is F-SRV's recommendation",
            num!(Plan, Range::new(0.0625, 1_048_576.0, false), standard_server_ram_gb);
        TypicalClientOs: "typical_client.os", "Typical client OS", "", Input,
            "F-CON: the console should resemble a typical client",
            choice!(Plan, ClientOs, typical_client.os);
        TypicalClientRamGb: "typical_client.ram_gb", "Typical client RAM", "GB", Input,
            "F-CON", num!(Plan, Range::new(0.0625, 1_048_576.0, false), typical_client.ram_gb);
        TypicalClientCpuGhz: "typical_client.cpu_ghz", "Typical client CPU", "GHz", Input,
            "F-CON", num!(Plan, Range::new(0.1, 100.0, false), typical_client.cpu_ghz);
        MaxMedvOutageHours: "service_levels.max_medv_outage_hours", "Longest MED-V server outage accepted", "h", Input,
            "Define the Project Scope: service levels; optional",
            opt_num!(Plan, Range::new(0.0, 87_600.0, false), service_levels.max_medv_outage_hours);
        MaxSqlOutageHours: "service_levels.max_sql_outage_hours", "Longest SQL Server outage accepted", "h", Input,
            "Define the Project Scope: service levels; optional",
            opt_num!(Plan, Range::new(0.0, 87_600.0, false), service_levels.max_sql_outage_hours);
        ReportStalenessMinutes: "service_levels.report_staleness_minutes", "How stale reports may be", "min", Input,
            "DSI: reports over slow links may not show the latest data; optional",
            opt_num!(Plan, Range::new(0.0, 525_600.0, false), service_levels.report_staleness_minutes);
        SqlDataLoss: "service_levels.sql_data_loss", "Losing SQL Server data is", "", Input,
            "F-LS: log shipping gives a warm standby with no data loss",
            choice!(Plan, DataLoss, service_levels.sql_data_loss);
        Sites: "sites", "Sites", "", Input, "§6: where MED-V users are", Access::List;
        SiteLinks: "site_links", "Links between sites", "", Input, "DSI: network links between the MED-V server and its clients or database", Access::List;
        SqlHosts: "sql_hosts", "SQL Server hosts", "", Input, "F-DBP", Access::List;
        Instances: "instances", "MED-V instances", "", Input, "DSI: for each MED-V instance", Access::List;
    }
}

fn restricted(w: &Workspace) -> bool {
    w.offline == OfflinePolicy::Restricted
}

catalog! {
    /// Fields of one MED-V instance.
    InstanceField for Instance, blank Instance::new("", 0.0), prefix "instances[i]." {
        Id: "id", "Id", "", Input, "", Access::Id { get: |x: &Instance| x.id.as_str() };
        Name: "name", "Instance name", "", Input, "", text!(Instance, NAME_CHARS, name);
        ActiveClients: "active_clients", "Active clients", "", Input,
            "F-MAX: at most 5,000 per instance; required",
            num!(required Instance, Range::new(0.0, 10_000_000.0, true), active_clients);
        ClientsSite: "clients_site", "Site of its clients", "", Input,
            "DSI: place the server nearest its clients; empty: the server's site", text_ref!(Instance, clients_site);
        Workspaces: "workspaces", "Workspaces", "", Input, "F-WS1", Access::List;
        Vms: "vms", "VMs and their policies", "", Input, "§6: workspaces = Σ distinct policies per VM; optional", Access::List;
        ServerForm: "server.form", "Form factor", "", Input, "F-VM", choice!(Instance, ServerForm, server.form);
        ServerCpuGhz: "server.cpu_ghz", "CPU", "GHz", Documented, "F-SRV: DSI, one 2.8 GHz dual-core CPU",
            num!(Instance, Range::new(0.1, 100.0, false), server.cpu_ghz);
        ServerCores: "server.cores", "Cores", "", Documented, "F-SRV: DSI, dual-core",
            num!(Instance, Range::new(1.0, 4_096.0, true), server.cores);
        ServerRamGb: "server.ram_gb", "RAM", "GB", Documented, "F-SRV: DSI, 2 GB",
            num!(Instance, Range::new(0.0625, 1_048_576.0, false), server.ram_gb);
        ServerOs: "server.os", "Operating system", "", Input, "F-OS", choice!(Instance, ServerOs, server.os);
        ServerSite: "server.site", "Site", "", Input, "DSI: Design and Place the Server; a site id (free text in a plan without sites)", text_ref!(Instance, server.site);
        ServerActiveServers: "server.active_servers", "Active servers", "", Documented, "F-ACT: exactly one",
            num!(Instance, Range::new(1.0, 1_000.0, true), server.active_servers);
        StandbyMode: "standby.mode", "Standby", "", Input, "F-ACT, F-CLU, F-BAK", choice!(Instance, StandbyMode, standby.mode);
        StandbyRecoveryHours: "standby.recovery_hours", "Expected recovery time", "h", Assumption,
            "optional; empty takes the plan's recovery assumption for the standby mode",
            opt_num!(Instance, Range::new(0.0, 87_600.0, false), standby.recovery_hours);
        SqlHost: "sql_host", "SQL Server holding the database", "", Input,
            "F-DBP; empty: co-located on this instance's own MED-V server", reference!(Instance, sql_host);
        ReportingBufferIops: "reporting_buffer_iops", "Reporting buffer, typed", "IOPS", Input,
            "P3: optional; replaces the reporting model",
            opt_num!(Instance, Range::new(0.0, 10_000_000.0, false), reporting_buffer_iops);
        Consoles: "consoles", "Management consoles", "", Input, "F-CON", Access::List;
    }
}

catalog! {
    /// Fields of one workspace entry of an instance.
    WorkspaceField for Workspace, blank Workspace::default(), prefix "instances[i].workspaces[j]." {
        Name: "name", "Workspace", "", Input, "", text!(Workspace, NAME_CHARS, name);
        Count: "count", "Count", "", Input, "F-WS1: workspaces sharing this name and policy",
            num!(Workspace, Range::new(0.0, 100_000.0, true), count);
        Offline: "offline", "Offline work", "", Input, "F-OFF", choice!(Workspace, OfflinePolicy, offline);
        OfflineLimitHours: "offline_limit_hours", "Offline limit", "h", Input,
            "F-OFF: \"Offline work is restricted to\"; only for restricted workspaces",
            num!(Workspace, Range::new(0.0, 87_600.0, false), offline_limit_hours), applies restricted;
        DeleteWhenOfflineTooLong: "delete_when_offline_too_long", "Delete when offline too long", "", Input,
            "F-OFF: the deletion option", flag!(Workspace, delete_when_offline_too_long), applies restricted;
    }
}

catalog! {
    /// Fields of one management console of an instance.
    ConsoleField for Console, blank Console::default(), prefix "instances[i].consoles[j]." {
        Name: "name", "Console", "", Input, "", text!(Console, NAME_CHARS, name);
        Site: "site", "Site", "", Input, "a site id (free text in a plan without sites)", text_ref!(Console, site);
        Os: "os", "Operating system", "", Input, "F-CON, F-OS; defaults to the typical client", choice!(Console, ClientOs, os);
        RamGb: "ram_gb", "RAM", "GB", Input, "F-CRAM; defaults to the typical client",
            num!(Console, Range::new(0.0625, 1_048_576.0, false), ram_gb);
        CpuGhz: "cpu_ghz", "CPU", "GHz", Input, "F-CON; defaults to the typical client",
            num!(Console, Range::new(0.1, 100.0, false), cpu_ghz);
        VirtualPcConfirmed: "virtual_pc_confirmed", "Virtual PC 2007 SP1 + KB 974918 confirmed", "", Input,
            "F-CON", flag!(Console, virtual_pc_confirmed);
    }
}

fn remote(h: &SqlHost) -> bool {
    h.placement == Placement::Remote
}

fn co_located(h: &SqlHost) -> bool {
    h.placement == Placement::CoLocated
}

fn existing(h: &SqlHost) -> bool {
    h.existing_instance
}

catalog! {
    /// Fields of one SQL Server host.
    HostField for SqlHost, blank SqlHost::new(""), prefix "sql_hosts[h]." {
        Id: "id", "Id", "", Input, "", Access::Id { get: |x: &SqlHost| x.id.as_str() };
        Name: "name", "Host name", "", Input, "", text!(SqlHost, NAME_CHARS, name);
        Placement: "placement", "Placement", "", Input, "F-DBP", choice!(SqlHost, Placement, placement);
        Site: "site", "Site", "", Input, "§6: with sites, remote is judged per instance; optional", text_ref!(SqlHost, site);
        CoLocatedWith: "co_located_with", "On the MED-V server of", "", Input,
            "F-DBP: with co-located placement, the instance whose server runs it",
            reference!(SqlHost, co_located_with), applies co_located;
        Version: "version", "Version", "", Input, "F-OS", choice!(SqlHost, SqlVersion, version);
        Edition: "edition", "Edition", "", Input, "F-OS, F-EXP", choice!(SqlHost, SqlEdition, edition);
        LinkMbps: "link_mbps", "Link bandwidth available", "Mbit/s", Input,
            "DSI: Design and Place the SQL Server Database; optional, for remote placement",
            opt_num!(SqlHost, Range::new(0.0, 10_000_000.0, false), link_mbps), applies remote;
        FaultTolerance: "fault_tolerance", "Fault tolerance", "", Input, "F-LS",
            choice!(SqlHost, SqlFaultTolerance, fault_tolerance);
        ExistingInstance: "existing_instance", "In an existing SQL Server instance", "", Input,
            "F-DBP: other MED-V databases may live in the same instance", flag!(SqlHost, existing_instance);
        ExistingDatabaseGb: "existing_database_gb", "Databases already in that instance", "GB", Input,
            "§6: the existing instance's current size adds to the host totals; optional",
            opt_num!(SqlHost, Range::new(0.0, 1_048_576.0, false), existing_database_gb), applies existing;
        ExistingIops: "existing_iops", "IOPS that instance already serves", "IOPS", Input,
            "§6: the existing instance's current load adds to the host totals; optional",
            opt_num!(SqlHost, Range::new(0.0, 10_000_000.0, false), existing_iops), applies existing;
    }
}

catalog! {
    /// Fields of one site.
    SiteField for Site, blank Site::new(""), prefix "sites[k]." {
        Id: "id", "Id", "", Input, "", Access::Id { get: |x: &Site| x.id.as_str() };
        Name: "name", "Site", "", Input, "", text!(Site, NAME_CHARS, name);
        Users: "users", "MED-V users", "", Input, "N1 per site (§6): ⌈users / 5,000⌉ instances; optional",
            opt_num!(Site, Range::new(0.0, 1_000_000_000.0, true), users);
    }
}

catalog! {
    /// Fields of one link between two sites.
    SiteLinkField for SiteLink, blank SiteLink::default(), prefix "site_links[k]." {
        A: "a", "From site", "", Input, "", text_ref!(SiteLink, a);
        B: "b", "To site", "", Input, "", text_ref!(SiteLink, b);
        Mbps: "mbps", "Bandwidth available", "Mbit/s", Input, "DSI: links with too little bandwidth make reports slow and stale; optional",
            opt_num!(SiteLink, Range::new(0.0, 10_000_000.0, false), mbps);
    }
}

catalog! {
    /// Fields of one VM of an instance's workspace-count helper.
    VmField for Vm, blank Vm::default(), prefix "instances[i].vms[j]." {
        Name: "name", "VM", "", Input, "", text!(Vm, NAME_CHARS, name);
        Policies: "policies", "Distinct policies", "", Input, "§6: one workspace per VM and policy",
            num!(Vm, Range::new(0.0, 100_000.0, true), policies);
    }
}

/// Whether `id` is a valid instance or host id: 1–64 letters, digits, `-` or `_`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every number field's default (where it has one) lies in its range.
    #[test]
    fn defaults_are_valid() {
        fn check<T: 'static>(defs: impl Iterator<Item = &'static FieldDef<T>>, blank: &T) {
            for d in defs {
                if let (Some(r), Some(v)) = (d.range(), d.number(blank)) {
                    if d.basis != Basis::Input || v != 0.0 {
                        assert!(r.problem(d.label, d.unit, v).is_none(), "{}", d.name);
                    }
                }
            }
        }
        check(PlanField::ALL.iter().map(|f| f.def()), &PlanField::blank());
        check(
            InstanceField::ALL.iter().map(|f| f.def()),
            &InstanceField::blank(),
        );
        check(
            WorkspaceField::ALL.iter().map(|f| f.def()),
            &WorkspaceField::blank(),
        );
        check(
            ConsoleField::ALL.iter().map(|f| f.def()),
            &ConsoleField::blank(),
        );
        check(HostField::ALL.iter().map(|f| f.def()), &HostField::blank());
        check(SiteField::ALL.iter().map(|f| f.def()), &SiteField::blank());
        check(
            SiteLinkField::ALL.iter().map(|f| f.def()),
            &SiteLinkField::blank(),
        );
        check(VmField::ALL.iter().map(|f| f.def()), &VmField::blank());
    }

    #[test]
    fn a_lens_writes_what_it_reads() {
        let mut inst = InstanceField::blank();
        if let Access::Number { get, set, .. } = InstanceField::ServerCores.def().access {
            set(&mut inst, Some(8.0));
            assert_eq!(get(&inst), Some(8.0));
            assert_eq!(inst.server.cores, 8.0);
        } else {
            panic!("cores is a number");
        }
        assert_eq!(
            InstanceField::from_name("server.cpu_ghz"),
            Some(InstanceField::ServerCpuGhz)
        );
    }
}
