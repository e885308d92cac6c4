//! Organization defaults: the `site-defaults.json` an intranet team puts beside
//! `index.html` so that every new plan starts from its own standards — server
//! RAM, the typical client, assumption values, the SQL Server version, edition
//! and fault tolerance, service levels, its sites — and its name shows in the
//! header. The file is validated like a plan: unknown fields are refused, every
//! number is checked against the field and assumption catalogs' ranges, and a
//! problem is reported with its line and column. Saved plans keep their own
//! values; [`SiteDefaults::reset`] puts the organization's value back into one
//! field.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::assumptions::Key;
use crate::fields::{Access, FieldDef, HostField, PlanField, Range, SiteField};
use crate::path::FieldPath;
use crate::plan::{
    ClientOs, DataLoss, Plan, Site, SqlEdition, SqlFaultTolerance, SqlHost, SqlVersion,
};

/// The `format` tag of a site-defaults file.
pub const SITE_DEFAULTS_FORMAT: &str = "medv-site-defaults";
/// The only version of the format so far.
pub const SITE_DEFAULTS_VERSION: u32 = 1;
/// The file's name beside `index.html`.
pub const FILE_NAME: &str = "site-defaults.json";
/// The longest file read (bytes).
pub const MAX_BYTES: usize = 1 << 20;
/// The organization's name is at most this long (characters).
pub const ORGANIZATION_CHARS: usize = 60;

/// The organization's defaults; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteDefaults {
    #[serde(deserialize_with = "format_tag")]
    format: (),
    #[serde(deserialize_with = "version_one")]
    version: u32,
    /// A short name shown in the header ("Contoso IT").
    #[serde(default, deserialize_with = "organization")]
    pub organization: String,
    #[serde(default, deserialize_with = "standard_ram")]
    pub standard_server_ram_gb: Option<f64>,
    #[serde(default)]
    pub typical_client: ClientDefaults,
    /// Assumption values, by their JSON name.
    #[serde(default, deserialize_with = "assumption_values")]
    pub assumptions: Vec<(Key, f64)>,
    #[serde(default)]
    pub sql_server: SqlDefaults,
    #[serde(default)]
    pub service_levels: LevelDefaults,
    /// The organization's sites, with their users.
    #[serde(default, deserialize_with = "sites")]
    pub sites: Vec<Site>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientDefaults {
    #[serde(default)]
    pub os: Option<ClientOs>,
    #[serde(default, deserialize_with = "client_ram")]
    pub ram_gb: Option<f64>,
    #[serde(default, deserialize_with = "client_cpu")]
    pub cpu_ghz: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SqlDefaults {
    #[serde(default)]
    pub version: Option<SqlVersion>,
    #[serde(default)]
    pub edition: Option<SqlEdition>,
    #[serde(default)]
    pub fault_tolerance: Option<SqlFaultTolerance>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelDefaults {
    #[serde(default, deserialize_with = "max_medv_outage")]
    pub max_medv_outage_hours: Option<f64>,
    #[serde(default, deserialize_with = "max_sql_outage")]
    pub max_sql_outage_hours: Option<f64>,
    #[serde(default, deserialize_with = "staleness")]
    pub report_staleness_minutes: Option<f64>,
    #[serde(default)]
    pub sql_data_loss: Option<DataLoss>,
}

/// Why a site-defaults file is refused: the problem and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultsError {
    /// 1-based; 0 when the problem is the whole file.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for DefaultsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {}, column {}: ", self.line, self.column)?;
        }
        f.write_str(&crate::units::one_line(&self.message, 300))
    }
}

/// Reads a site-defaults file, refusing anything the format does not allow.
pub fn parse_site_defaults(text: &str) -> Result<SiteDefaults, DefaultsError> {
    if text.len() > MAX_BYTES {
        return Err(DefaultsError {
            line: 0,
            column: 0,
            message: format!(
                "the file is larger than {} bytes",
                crate::units::count(MAX_BYTES as f64)
            ),
        });
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| {
        let (mut line, mut column) = (e.line(), e.column());
        // A value refused by its range is reported where the parser stands
        // after it: on the token that follows, perhaps on the next line. Say
        // where the value ends instead.
        if e.classify() == serde_json::error::Category::Data {
            (line, column) = end_of_previous_token(text, line, column);
        }
        DefaultsError {
            line,
            column,
            message: e
                .to_string()
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_string(),
        }
    })
}

/// The line and column of the last character before `line:column` that is not
/// white space (both 1-based; `column` counts bytes, as serde_json does).
fn end_of_previous_token(text: &str, line: usize, column: usize) -> (usize, usize) {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let at = (start + column.saturating_sub(1)).min(text.len());
    let Some(end) = text.as_bytes()[..at]
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
    else {
        return (line, column);
    };
    let line_start = text.as_bytes()[..end]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |n| n + 1);
    (text[..end].matches('\n').count() + 1, end - line_start + 1)
}

fn format_tag<'de, D: Deserializer<'de>>(d: D) -> Result<(), D::Error> {
    let tag = String::deserialize(d)?;
    if tag == SITE_DEFAULTS_FORMAT {
        Ok(())
    } else {
        Err(de::Error::custom(format!(
            "\"format\" must be \"{SITE_DEFAULTS_FORMAT}\", not \"{}\"",
            crate::units::one_line(&tag, 60)
        )))
    }
}

fn version_one<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = f64::deserialize(d)?;
    if v == f64::from(SITE_DEFAULTS_VERSION) {
        Ok(SITE_DEFAULTS_VERSION)
    } else {
        Err(de::Error::custom(format!(
            "\"version\" must be {SITE_DEFAULTS_VERSION}; this tool does not read version {}",
            crate::input::format_number(v)
        )))
    }
}

/// A one-line text of at most `max` characters, with no control or invisible character.
fn one_line_text<E: de::Error>(text: String, what: &str, max: usize) -> Result<String, E> {
    if text.chars().count() > max {
        return Err(E::custom(format!("{what} is longer than {max} characters")));
    }
    if text
        .chars()
        .any(|c| c.is_control() || crate::render::is_invisible(c))
    {
        return Err(E::custom(format!(
            "{what} holds a control or invisible character"
        )));
    }
    Ok(text)
}

fn organization<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    one_line_text(
        String::deserialize(d)?,
        "\"organization\"",
        ORGANIZATION_CHARS,
    )
}

/// A number checked against a catalog field's range, the message naming it.
fn number<'de, D: Deserializer<'de>, T>(d: D, def: &FieldDef<T>) -> Result<Option<f64>, D::Error> {
    let v = f64::deserialize(d)?;
    match def.range().and_then(|r| r.problem(def.label, def.unit, v)) {
        Some(p) => Err(de::Error::custom(p)),
        None => Ok(Some(v)),
    }
}

macro_rules! plan_numbers {
    ($($f:ident => $field:ident),*) => { $(
        fn $f<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
            number(d, PlanField::$field.def())
        }
    )* };
}

plan_numbers! {
    standard_ram => StandardServerRamGb,
    client_ram => TypicalClientRamGb,
    client_cpu => TypicalClientCpuGhz,
    max_medv_outage => MaxMedvOutageHours,
    max_sql_outage => MaxSqlOutageHours,
    staleness => ReportStalenessMinutes
}

fn assumption_values<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(Key, f64)>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<(Key, f64)>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object of assumption values by name")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out: Vec<(Key, f64)> = Vec::new();
            while let Some(name) = map.next_key::<String>()? {
                let Some(key) = Key::from_name(&name) else {
                    let known: Vec<_> = Key::ALL.iter().map(|k| k.info().name).collect();
                    return Err(de::Error::custom(format!(
                        "unknown assumption \"{}\"; the assumptions are {}",
                        crate::units::one_line(&name, 60),
                        known.join(", ")
                    )));
                };
                if out.iter().any(|(k, _)| *k == key) {
                    return Err(de::Error::custom(format!(
                        "assumption \"{name}\" is given twice"
                    )));
                }
                let v: f64 = map.next_value()?;
                let info = key.info();
                if let Some(p) =
                    Range::new(info.min, info.max, info.whole).problem(info.label, info.unit, v)
                {
                    return Err(de::Error::custom(p));
                }
                out.push((key, v));
            }
            Ok(out)
        }
    }
    d.deserialize_map(V)
}

/// One site of the file: a plan's site, checked field by field.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteEntry {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default, deserialize_with = "site_users")]
    users: Option<f64>,
}

fn site_users<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    number(d, SiteField::Users.def())
}

fn sites<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Site>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<Site>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of sites")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out: Vec<Site> = Vec::new();
            while let Some(s) = seq.next_element::<SiteEntry>()? {
                if !crate::fields::valid_id(&s.id) {
                    return Err(de::Error::custom(format!(
                        "site id \"{}\" must be 1 to 64 letters, digits, - or _",
                        crate::units::one_line(&s.id, 80)
                    )));
                }
                if out.iter().any(|x| x.id == s.id) {
                    return Err(de::Error::custom(format!(
                        "site id \"{}\" is given twice",
                        s.id
                    )));
                }
                let name =
                    one_line_text(s.name, "a site's name", crate::fields::NAME_CHARS as usize)?;
                if out.len() == crate::limits::SITES.max {
                    return Err(de::Error::custom(format!(
                        "more than {} sites",
                        crate::limits::SITES.max
                    )));
                }
                out.push(Site {
                    id: s.id,
                    name,
                    users: s.users,
                });
            }
            Ok(out)
        }
    }
    d.deserialize_seq(V)
}

/// The plan fields the file can set.
const PLAN_FIELDS: [PlanField; 8] = [
    PlanField::StandardServerRamGb,
    PlanField::TypicalClientOs,
    PlanField::TypicalClientRamGb,
    PlanField::TypicalClientCpuGhz,
    PlanField::MaxMedvOutageHours,
    PlanField::MaxSqlOutageHours,
    PlanField::ReportStalenessMinutes,
    PlanField::SqlDataLoss,
];

/// The SQL Server host fields the file can set.
const HOST_FIELDS: [HostField; 3] = [
    HostField::Version,
    HostField::Edition,
    HostField::FaultTolerance,
];

/// Whether a site-defaults file can give the field at `path` a value the
/// editor offers to put back (the assumptions have their own ledger).
pub fn can_set(path: &FieldPath) -> bool {
    match *path {
        FieldPath::Plan(f) => PLAN_FIELDS.contains(&f),
        FieldPath::Host(_, f) => HOST_FIELDS.contains(&f),
        _ => false,
    }
}

/// Copies one field's value from `from` to `to`.
fn copy<T>(def: &FieldDef<T>, from: &T, to: &mut T) {
    match &def.access {
        Access::Number { get, set, .. } => set(to, get(from)),
        Access::Choice { get, set, .. } => set(to, &get(from)),
        Access::Flag { get, set } => set(to, get(from)),
        Access::Text { get, set, .. } => set(to, get(from).to_string()),
        Access::Reference { get, set } => set(to, get(from).map(str::to_string)),
        Access::Id { .. } | Access::List => {}
    }
}

impl SiteDefaults {
    /// Whether the file sets the plan field `f`.
    fn sets_plan(&self, f: PlanField) -> bool {
        let (c, l) = (&self.typical_client, &self.service_levels);
        match f {
            PlanField::StandardServerRamGb => self.standard_server_ram_gb.is_some(),
            PlanField::TypicalClientOs => c.os.is_some(),
            PlanField::TypicalClientRamGb => c.ram_gb.is_some(),
            PlanField::TypicalClientCpuGhz => c.cpu_ghz.is_some(),
            PlanField::MaxMedvOutageHours => l.max_medv_outage_hours.is_some(),
            PlanField::MaxSqlOutageHours => l.max_sql_outage_hours.is_some(),
            PlanField::ReportStalenessMinutes => l.report_staleness_minutes.is_some(),
            PlanField::SqlDataLoss => l.sql_data_loss.is_some(),
            _ => false,
        }
    }

    fn sets_host(&self, f: HostField) -> bool {
        let s = &self.sql_server;
        match f {
            HostField::Version => s.version.is_some(),
            HostField::Edition => s.edition.is_some(),
            HostField::FaultTolerance => s.fault_tolerance.is_some(),
            _ => false,
        }
    }

    /// The organization's value of an assumption, when the file sets it.
    pub fn assumption(&self, key: Key) -> Option<f64> {
        self.assumptions
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
    }

    /// A new plan named `name`: the built-in defaults, then every value the file sets.
    pub fn new_plan(&self, name: &str) -> Plan {
        let mut plan = Plan {
            name: name.to_string(),
            ..Plan::default()
        };
        if let Some(v) = self.standard_server_ram_gb {
            plan.standard_server_ram_gb = v;
        }
        let c = &self.typical_client;
        if let Some(v) = c.os {
            plan.typical_client.os = v;
        }
        if let Some(v) = c.ram_gb {
            plan.typical_client.ram_gb = v;
        }
        if let Some(v) = c.cpu_ghz {
            plan.typical_client.cpu_ghz = v;
        }
        let l = &self.service_levels;
        plan.service_levels.max_medv_outage_hours = l.max_medv_outage_hours;
        plan.service_levels.max_sql_outage_hours = l.max_sql_outage_hours;
        plan.service_levels.report_staleness_minutes = l.report_staleness_minutes;
        if let Some(v) = l.sql_data_loss {
            plan.service_levels.sql_data_loss = v;
        }
        for &(k, v) in &self.assumptions {
            plan.assumptions.set(k, v);
        }
        plan.sites = self.sites.clone();
        plan
    }

    /// A new SQL Server host with the organization's version, edition and fault tolerance.
    pub fn new_host(&self, id: &str) -> SqlHost {
        let mut h = SqlHost::new(id);
        let s = &self.sql_server;
        if let Some(v) = s.version {
            h.version = v;
        }
        if let Some(v) = s.edition {
            h.edition = v;
        }
        if let Some(v) = s.fault_tolerance {
            h.fault_tolerance = v;
        }
        h
    }

    /// Whether the file gives a value for the field at `path`.
    pub fn covers(&self, path: &FieldPath) -> bool {
        match *path {
            FieldPath::Plan(f) => self.sets_plan(f),
            FieldPath::Assumption(k) => self.assumption(k).is_some(),
            FieldPath::Host(_, f) => self.sets_host(f),
            _ => false,
        }
    }

    /// The organization's value at `path` as people read it (`4 GB`,
    /// `Standard`), when the file gives one.
    pub fn shown(&self, path: &FieldPath) -> Option<String> {
        if !self.covers(path) {
            return None;
        }
        match *path {
            FieldPath::Plan(f) => f.def().shown(&self.new_plan("")),
            FieldPath::Assumption(k) => self.assumption(k).map(|v| {
                let unit = k.info().unit;
                format!("{} {unit}", crate::input::format_number(v))
                    .trim()
                    .to_string()
            }),
            FieldPath::Host(_, f) => f.def().shown(&self.new_host("x")),
            _ => None,
        }
    }

    /// Whether the plan holds the organization's value at `path` (true when
    /// the file gives none, or the row is gone: nothing to reset).
    pub fn holds(&self, plan: &Plan, path: &FieldPath) -> bool {
        if let FieldPath::Assumption(k) = *path {
            return self
                .assumption(k)
                .is_none_or(|v| plan.assumptions.get(k) == v);
        }
        let Some(org) = self.shown(path) else {
            return true;
        };
        let now = match *path {
            FieldPath::Plan(f) => f.def().shown(plan),
            FieldPath::Host(h, f) => plan.sql_hosts.get(h).and_then(|x| f.def().shown(x)),
            _ => None,
        };
        now.is_none_or(|now| now == org)
    }

    /// Puts the organization's value back into the field at `path`; nothing
    /// when the file gives none there.
    pub fn reset(&self, plan: &mut Plan, path: &FieldPath) {
        if !self.covers(path) {
            return;
        }
        match *path {
            FieldPath::Plan(f) => copy(f.def(), &self.new_plan(""), plan),
            FieldPath::Assumption(k) => {
                if let Some(v) = self.assumption(k) {
                    plan.assumptions.set(k, v);
                }
            }
            FieldPath::Host(h, f) => {
                if let Some(row) = plan.sql_hosts.get_mut(h) {
                    copy(f.def(), &self.new_host("x"), row);
                }
            }
            _ => {}
        }
    }

    /// A plan document with every field it leaves out that the file sets
    /// filled in from the file: its server RAM, typical client, assumptions,
    /// service levels (format version 2 only: version 1 has none) and each SQL
    /// Server host's version, edition and fault tolerance. A field the
    /// document gives — its own value — is kept; sites are the plan's own.
    pub fn fill_absent(&self, doc: &mut serde_json::Value) {
        use serde_json::{Map, Value};
        fn put(obj: &mut Map<String, Value>, key: &str, v: Option<Value>) {
            if let Some(v) = v {
                obj.entry(key.to_string()).or_insert(v);
            }
        }
        fn child<'a>(
            obj: &'a mut Map<String, Value>,
            key: &str,
        ) -> Option<&'a mut Map<String, Value>> {
            obj.entry(key.to_string())
                .or_insert_with(|| Value::Object(Map::new()))
                .as_object_mut()
        }
        /// A choice as its JSON name.
        fn json<T: serde::Serialize>(v: &T) -> Value {
            serde_json::to_value(v).unwrap_or(Value::Null)
        }
        let Some(top) = doc.as_object_mut() else {
            return;
        };
        let v2 = top.get("version").and_then(Value::as_u64) == Some(2);
        put(
            top,
            "standard_server_ram_gb",
            self.standard_server_ram_gb.map(Value::from),
        );
        let c = &self.typical_client;
        if c != &ClientDefaults::default() {
            if let Some(client) = child(top, "typical_client") {
                put(client, "os", c.os.map(|v| json(&v)));
                put(client, "ram_gb", c.ram_gb.map(Value::from));
                put(client, "cpu_ghz", c.cpu_ghz.map(Value::from));
            }
        }
        if !self.assumptions.is_empty() {
            if let Some(a) = child(top, "assumptions") {
                for &(k, v) in &self.assumptions {
                    put(a, k.info().name, Some(Value::from(v)));
                }
            }
        }
        let l = &self.service_levels;
        if v2 && l != &LevelDefaults::default() {
            if let Some(levels) = child(top, "service_levels") {
                put(
                    levels,
                    "max_medv_outage_hours",
                    l.max_medv_outage_hours.map(Value::from),
                );
                put(
                    levels,
                    "max_sql_outage_hours",
                    l.max_sql_outage_hours.map(Value::from),
                );
                put(
                    levels,
                    "report_staleness_minutes",
                    l.report_staleness_minutes.map(Value::from),
                );
                put(levels, "sql_data_loss", l.sql_data_loss.map(|v| json(&v)));
            }
        }
        let s = &self.sql_server;
        if let Some(hosts) = top.get_mut("sql_hosts").and_then(Value::as_array_mut) {
            for h in hosts.iter_mut().filter_map(Value::as_object_mut) {
                put(h, "version", s.version.map(|v| json(&v)));
                put(h, "edition", s.edition.map(|v| json(&v)));
                put(h, "fault_tolerance", s.fault_tolerance.map(|v| json(&v)));
            }
        }
    }

    /// Reads a plan document whose left-out fields take the file's values
    /// ([`SiteDefaults::fill_absent`]); a document that is not a plan is
    /// refused exactly as [`crate::parse_plan`] refuses it.
    pub fn parse_plan(&self, text: &str) -> Result<Plan, crate::PlanError> {
        crate::parse_plan(text)?;
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut doc: serde_json::Value =
            serde_json::from_str(text).map_err(|e| crate::PlanError {
                path: String::new(),
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            })?;
        self.fill_absent(&mut doc);
        crate::plan::plan_from_value(doc)
    }

    /// Every field the file sets, for the documentation and the tests.
    pub fn fields(&self) -> Vec<FieldPath> {
        let mut out: Vec<FieldPath> = PLAN_FIELDS
            .iter()
            .filter(|&&f| self.sets_plan(f))
            .map(|&f| FieldPath::Plan(f))
            .collect();
        out.extend(
            self.assumptions
                .iter()
                .map(|&(k, _)| FieldPath::Assumption(k)),
        );
        out.extend(
            HOST_FIELDS
                .iter()
                .filter(|&&f| self.sets_host(f))
                .map(|&f| FieldPath::Host(0, f)),
        );
        out
    }
}
