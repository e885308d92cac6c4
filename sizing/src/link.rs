//! Share links: a plan in the URL fragment, `#p=1.<payload>`.
//!
//! The payload is the plan in a compact JSON form (positional fields, defaults
//! left out, choices as small numbers), compressed with zlib (deflate plus an Adler-32
//! checksum, so a truncated or altered link is detected) and encoded base64url
//! without padding. `1` is the link-format version: every version ever released
//! keeps its decoder (see `docs/links.md`). The fragment never reaches a web
//! server. Decoding caps the decompressed size.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{json, Map, Value};

use crate::assumptions::{AssumptionOverrides, Assumptions, Key};
use crate::plan::*;

/// The newest link-format version this crate writes.
pub const LINK_VERSION: u32 = 2;
/// The fragment key: `#p=…`.
pub const FRAGMENT_KEY: &str = "p";
/// Largest decompressed plan a link may carry.
pub const MAX_DECODED_BYTES: usize = 512 * 1024;
/// Longest link text looked at.
pub const MAX_LINK_CHARS: usize = 256 * 1024;

/// Why a link does not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// There is no `p=` plan in the text.
    NoPlan,
    /// Truncated, altered or not produced by this tool.
    Damaged(String),
    /// Made by a newer version of the tool.
    NewerVersion(u32),
    /// Decompresses to more than [`MAX_DECODED_BYTES`].
    TooLarge,
    /// A plan over one of the format's limits ([`crate::limits`]).
    OverLimit(String),
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::NoPlan => f.write_str("this link carries no plan (no #p=… part)"),
            LinkError::Damaged(why) => write!(f, "this link is incomplete or damaged ({why}); ask for it again, or copy all of it"),
            LinkError::NewerVersion(v) => write!(f, "this link was made by a newer MED-V Planner (link format {v}; this one reads up to {LINK_VERSION}): open it with a newer version"),
            LinkError::TooLarge => write!(f, "this link's plan is larger than {} KB once unpacked, so it was not opened", MAX_DECODED_BYTES / 1024),
            LinkError::OverLimit(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for LinkError {}

/// Options for [`encode`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkOptions {
    /// Leave out the plan's name and notes and every instance, host, workspace,
    /// console and site name (ids and numbers stay).
    pub without_names: bool,
}

/// The fragment value `1.<payload>` (without `#p=`).
pub fn encode(plan: &Plan, options: LinkOptions) -> String {
    let compact = to_compact(plan, options);
    let text = serde_json::to_string(&compact).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 10);
    format!("{LINK_VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// A whole link: `base` (without any fragment) + `#p=` + [`encode`].
pub fn link(base: &str, plan: &Plan, options: LinkOptions) -> String {
    let base = base.split('#').next().unwrap_or_default();
    format!("{base}#{FRAGMENT_KEY}={}", encode(plan, options))
}

/// Finds the plan value in a link, a fragment or a query, in any of the forms
/// links arrive in: `…#p=1.x`, `…%23p=1.x` (Outlook Safe Links), `…?p=1.x`,
/// `…&p=1.x`, or the bare value `1.x`.
pub fn find_payload(text: &str) -> Option<&str> {
    let text = text.trim();
    for marker in ["#p=", "%23p=", "%23P=", "?p=", "&p="] {
        if let Some(at) = text.find(marker) {
            let rest = &text[at + marker.len()..];
            let end = rest.find(['&', '#', ' ']).unwrap_or(rest.len());
            return Some(&rest[..end]);
        }
    }
    let bare = text.strip_prefix("p=").unwrap_or(text);
    bare.split_once('.')
        .filter(|(v, _)| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .map(|_| bare)
}

/// Undoes a mail client's wrapping: every line break (`\r`, `\n`, or their
/// percent-encoded forms `%0A`, `%0D`), with the spaces, tabs and `>` quote
/// marks around it, is removed. A link holds no line break of its own, so this
/// can only join what was split; a lone space still ends the link.
pub fn join_wrapped_lines(text: &str) -> String {
    let bytes = text.as_bytes();
    let line_break = |at: usize| -> usize {
        match bytes.get(at) {
            Some(b'\r' | b'\n') => 1,
            Some(b'%')
                if matches!(
                    (bytes.get(at + 1), bytes.get(at + 2)),
                    (Some(b'0'), Some(b'a' | b'A' | b'd' | b'D'))
                ) =>
            {
                3
            }
            _ => 0,
        }
    };
    let blank = |b: u8| matches!(b, b' ' | b'\t');
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let n = line_break(at);
        if n == 0 {
            out.push(bytes[at]);
            at += 1;
            continue;
        }
        while out.last().is_some_and(|&b| blank(b)) {
            out.pop();
        }
        at += n;
        while at < bytes.len() && (blank(bytes[at]) || bytes[at] == b'>' || line_break(at) > 0) {
            at += line_break(at).max(1);
        }
    }
    // Only ASCII bytes were removed, so the text is still UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// Decodes a link (any form [`find_payload`] accepts, wrapped over several
/// lines or not) into a plan.
pub fn decode(text: &str) -> Result<Plan, LinkError> {
    if text.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLarge);
    }
    let joined = join_wrapped_lines(text);
    let payload = find_payload(&joined).ok_or(LinkError::NoPlan)?;
    let (version, data) = payload
        .split_once('.')
        .ok_or_else(|| LinkError::Damaged("no version".into()))?;
    let version: u32 = version
        .parse()
        .map_err(|_| LinkError::Damaged("bad version".into()))?;
    match version {
        1 | 2 => decode_payload(version, data),
        v if v > LINK_VERSION => Err(LinkError::NewerVersion(v)),
        _ => Err(LinkError::Damaged(format!("unknown link format {version}"))),
    }
}

/// Versions 1 and 2 share the codec: version 2 appended fields to its records,
/// and a version-1 plan is migrated as a v1 plan file is.
fn decode_payload(version: u32, data: &str) -> Result<Plan, LinkError> {
    let damaged = |why: &str| LinkError::Damaged(why.to_string());
    let packed = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| damaged("not base64url"))?;
    let bytes = inflate_whole(&packed)?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|_| damaged("not a plan"))?;
    let mut plan = from_compact(&value, version)
        .map_err(|e| LinkError::Damaged(format!("not a plan: {e}")))?;
    if version == 1 {
        plan.version = crate::plan::OLDEST_PLAN_VERSION;
        crate::plan::migrate(&mut plan);
    }
    crate::limits::check(&plan).map_err(|e| LinkError::OverLimit(e.to_string()))?;
    Ok(plan)
}

/// Inflates a zlib stream (header, deflate, Adler-32) that must make up all of
/// `packed`: bytes after its end make the link damaged, not ignored.
fn inflate_whole(packed: &[u8]) -> Result<Vec<u8>, LinkError> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let mut out = vec![0u8; MAX_DECODED_BYTES];
    let mut state = DecompressorOxide::new();
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER
        | inflate_flags::TINFL_FLAG_COMPUTE_ADLER32
        | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let (status, consumed, written) = decompress(&mut state, packed, &mut out, 0, flags);
    match status {
        TINFLStatus::Done if consumed == packed.len() => {
            out.truncate(written);
            Ok(out)
        }
        TINFLStatus::Done => Err(LinkError::Damaged(
            "data after the end of the compressed plan".into(),
        )),
        TINFLStatus::HasMoreOutput => Err(LinkError::TooLarge),
        _ => Err(LinkError::Damaged(
            "checksum or compressed data wrong".into(),
        )),
    }
}

// ------------------------------------------------------------ compact form v1
//
// Choices travel as small numbers. The numbers are the wire format: a number,
// once given, is never reused for another value. Each encoding is an
// exhaustive match, so a new choice does not compile until it has a number; and
// every record below is written from a destructured struct (no `..`), so a new
// field does not compile until it is encoded.

/// A choice's frozen wire number.
trait Wire: Copy + PartialEq + Sized {
    fn code(self) -> u64;
    fn from_code(n: u64) -> Option<Self>;
}

macro_rules! wire {
    ($( $T:ident { $( $v:ident = $n:literal ),+ } )*) => { $(
        impl Wire for $T {
            fn code(self) -> u64 {
                match self { $( $T::$v => $n ),+ }
            }
            fn from_code(n: u64) -> Option<Self> {
                match n { $( $n => Some($T::$v), )+ _ => None }
            }
        }
    )* };
}

wire! {
    OfflinePolicy { NotPermitted = 0, Restricted = 1, Unrestricted = 2 }
    ServerForm { Physical = 0, HyperVVm = 1 }
    ServerOs { WindowsServer2008X86 = 0, WindowsServer2008X64 = 1, WindowsServer2008R2X64 = 2, WindowsServer2012OrLater = 3, Other = 4 }
    StandbyMode { None = 0, ColdRestore = 1, PassiveSharedStore = 2 }
    ClientOs { WindowsXpX86 = 0, WindowsVistaX86 = 1, WindowsVistaX64 = 2, Windows7X86 = 3, Windows7X64 = 4, Windows8OrLater = 5, WindowsServer = 6, Other = 7 }
    Placement { CoLocated = 0, Separate = 1, Remote = 2 }
    SqlVersion { SqlServer2005Sp2 = 0, SqlServer2008 = 1, SqlServer2008R2 = 2, SqlServer2012OrLater = 3, Other = 4 }
    SqlEdition { Express = 0, Standard = 1, Enterprise = 2 }
    SqlFaultTolerance { None = 0, LogShipping = 1 }
    DataLoss { NotStated = 0, Acceptable = 1, NotAcceptable = 2 }
}

fn num(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() <= 9_007_199_254_740_992.0 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

/// A positional record: each field in a fixed place, `null` where it has its
/// default, trailing defaults left out.
struct Rec(Vec<Value>);

impl Rec {
    fn new() -> Self {
        Rec(Vec::new())
    }
    fn push(mut self, v: Option<Value>) -> Self {
        self.0.push(v.unwrap_or(Value::Null));
        self
    }
    fn text(self, v: &str, keep: bool) -> Self {
        self.push((keep && !v.is_empty()).then(|| json!(v)))
    }
    fn id(self, v: &str) -> Self {
        self.push(Some(json!(v)))
    }
    fn num(self, v: f64, default: f64) -> Self {
        self.push((v.to_bits() != default.to_bits()).then(|| num(v)))
    }
    fn opt(self, v: Option<f64>) -> Self {
        self.push(v.map(num))
    }
    fn opt_text(self, v: &Option<String>) -> Self {
        self.push(v.as_ref().map(|t| json!(t)))
    }
    fn code<T: Wire>(self, v: T, default: T) -> Self {
        self.push((v != default).then(|| json!(v.code())))
    }
    fn flag(self, v: bool) -> Self {
        self.push(v.then(|| json!(1)))
    }
    fn list(self, items: Vec<Value>) -> Self {
        self.push((!items.is_empty()).then_some(Value::Array(items)))
    }
    fn rec(self, r: Rec) -> Self {
        let v = r.done();
        self.push((v != json!([])).then_some(v))
    }
    fn map(self, m: Map<String, Value>) -> Self {
        self.push((!m.is_empty()).then_some(Value::Object(m)))
    }
    fn done(mut self) -> Value {
        while self.0.last() == Some(&Value::Null) {
            self.0.pop();
        }
        Value::Array(self.0)
    }
}

fn assumption_map(get: impl Fn(Key) -> Option<f64>) -> Map<String, Value> {
    Key::ALL
        .iter()
        .filter_map(|&k| get(k).map(|v| (k.info().name.to_string(), num(v))))
        .collect()
}

fn to_compact(plan: &Plan, options: LinkOptions) -> Value {
    let names = !options.without_names;
    let Plan {
        format: _,
        version: _,
        name,
        notes,
        total_users,
        separate_instance_reasons,
        standard_server_ram_gb,
        typical_client,
        service_levels,
        assumptions,
        sites,
        site_links,
        sql_hosts,
        instances,
    } = plan;
    // Site fields hold ids once the plan has sites (kept, like every id), and
    // free-text names before (left out without names).
    let site_ids = !sites.is_empty();
    let d = Plan::default();
    let defaults = Assumptions::default();
    let ClientMachine {
        os,
        ram_gb,
        cpu_ghz,
    } = typical_client;
    let dc = ClientMachine::default();
    Rec::new()
        .text(name, names)
        .text(notes, names)
        .opt(*total_users)
        .num(*separate_instance_reasons, d.separate_instance_reasons)
        .num(*standard_server_ram_gb, d.standard_server_ram_gb)
        .rec(
            Rec::new()
                .code(*os, dc.os)
                .num(*ram_gb, dc.ram_gb)
                .num(*cpu_ghz, dc.cpu_ghz),
        )
        .map(assumption_map(|k| {
            Some(assumptions.get(k)).filter(|v| v.to_bits() != defaults.get(k).to_bits())
        }))
        .list(sql_hosts.iter().map(|h| host_compact(h, names)).collect())
        .list(
            instances
                .iter()
                .map(|i| instance_compact(i, names, site_ids))
                .collect(),
        )
        .rec(service_levels_compact(service_levels))
        .list(sites.iter().map(|x| site_compact(x, names)).collect())
        .list(site_links.iter().map(site_link_compact).collect())
        .done()
}

fn service_levels_compact(l: &ServiceLevels) -> Rec {
    let ServiceLevels {
        max_medv_outage_hours,
        max_sql_outage_hours,
        report_staleness_minutes,
        sql_data_loss,
    } = l;
    Rec::new()
        .opt(*max_medv_outage_hours)
        .opt(*max_sql_outage_hours)
        .opt(*report_staleness_minutes)
        .code(*sql_data_loss, DataLoss::NotStated)
}

fn site_compact(x: &Site, names: bool) -> Value {
    let Site { id, name, users } = x;
    Rec::new().id(id).text(name, names).opt(*users).done()
}

fn site_link_compact(x: &SiteLink) -> Value {
    let SiteLink { a, b, mbps } = x;
    Rec::new().id(a).id(b).opt(*mbps).done()
}

fn host_compact(h: &SqlHost, names: bool) -> Value {
    let SqlHost {
        id,
        name,
        placement,
        site,
        co_located_with,
        version,
        edition,
        link_mbps,
        fault_tolerance,
        existing_instance,
        existing_database_gb,
        existing_iops,
    } = h;
    let d = SqlHost::new("");
    Rec::new()
        .id(id)
        .text(name, names)
        .code(*placement, d.placement)
        .opt_text(co_located_with)
        .code(*version, d.version)
        .code(*edition, d.edition)
        .opt(*link_mbps)
        .code(*fault_tolerance, d.fault_tolerance)
        .flag(*existing_instance)
        .opt(*existing_database_gb)
        .opt(*existing_iops)
        .text(site, true)
        .done()
}

fn workspace_compact(w: &Workspace, names: bool) -> Value {
    let Workspace {
        name,
        count,
        offline,
        offline_limit_hours,
        delete_when_offline_too_long,
    } = w;
    let d = Workspace::default();
    Rec::new()
        .text(name, names)
        .num(*count, d.count)
        .code(*offline, d.offline)
        .num(*offline_limit_hours, d.offline_limit_hours)
        .flag(*delete_when_offline_too_long)
        .done()
}

fn console_compact(c: &Console, names: bool, site_ids: bool) -> Value {
    let Console {
        name,
        site,
        os,
        ram_gb,
        cpu_ghz,
        virtual_pc_confirmed,
    } = c;
    let d = Console::default();
    Rec::new()
        .text(name, names)
        .text(site, names || site_ids)
        .code(*os, d.os)
        .num(*ram_gb, d.ram_gb)
        .num(*cpu_ghz, d.cpu_ghz)
        .flag(*virtual_pc_confirmed)
        .done()
}

fn server_compact(s: &Server, names: bool, site_ids: bool) -> Rec {
    let Server {
        form,
        cpu_ghz,
        cores,
        ram_gb,
        os,
        site,
        active_servers,
    } = s;
    let d = Server::default();
    Rec::new()
        .code(*form, d.form)
        .num(*cpu_ghz, d.cpu_ghz)
        .num(*cores, d.cores)
        .num(*ram_gb, d.ram_gb)
        .code(*os, d.os)
        .text(site, names || site_ids)
        .num(*active_servers, d.active_servers)
}

fn instance_compact(i: &Instance, names: bool, site_ids: bool) -> Value {
    let Instance {
        id,
        name,
        active_clients,
        clients_site,
        workspaces,
        vms,
        server,
        standby,
        sql_host,
        consoles,
        reporting_buffer_iops,
        overrides,
    } = i;
    let Standby {
        mode,
        recovery_hours,
    } = standby;
    Rec::new()
        .id(id)
        .push(Some(num(*active_clients)))
        .text(name, names)
        .list(
            workspaces
                .iter()
                .map(|w| workspace_compact(w, names))
                .collect(),
        )
        .rec(server_compact(server, names, site_ids))
        .rec(
            Rec::new()
                .code(*mode, StandbyMode::None)
                .opt(*recovery_hours),
        )
        .opt_text(sql_host)
        .list(
            consoles
                .iter()
                .map(|c| console_compact(c, names, site_ids))
                .collect(),
        )
        .opt(*reporting_buffer_iops)
        .map(assumption_map(|k| overrides.get(k)))
        .text(clients_site, true)
        .list(vms.iter().map(|v| vm_compact(v, names)).collect())
        .done()
}

fn vm_compact(v: &Vm, names: bool) -> Value {
    let Vm { name, policies } = v;
    Rec::new()
        .text(name, names)
        .num(*policies, Vm::default().policies)
        .done()
}

/// Reads a positional record, refusing one longer than the format defines.
struct Reader<'a> {
    items: &'a [Value],
    what: &'static str,
}

impl<'a> Reader<'a> {
    fn new(v: &'a Value, what: &'static str, fields: usize) -> Result<Self, String> {
        let items = v
            .as_array()
            .ok_or_else(|| format!("{what} is not a list"))?;
        if items.len() > fields {
            return Err(format!(
                "{what} has {} fields, at most {fields} expected",
                items.len()
            ));
        }
        Ok(Reader { items, what })
    }
    fn at(&self, i: usize) -> Option<&'a Value> {
        self.items.get(i).filter(|v| !v.is_null())
    }
    fn text(&self, i: usize) -> Result<String, String> {
        Ok(self.opt_text(i)?.unwrap_or_default())
    }
    fn opt_text(&self, i: usize) -> Result<Option<String>, String> {
        self.at(i)
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("{} field {i} is not text", self.what))
            })
            .transpose()
    }
    fn num(&self, i: usize, default: f64) -> Result<f64, String> {
        Ok(self.opt(i)?.unwrap_or(default))
    }
    fn opt(&self, i: usize) -> Result<Option<f64>, String> {
        self.at(i)
            .map(|v| {
                v.as_f64()
                    .ok_or_else(|| format!("{} field {i} is not a number", self.what))
            })
            .transpose()
    }
    fn code<T: Wire>(&self, i: usize, default: T) -> Result<T, String> {
        match self.at(i) {
            None => Ok(default),
            Some(v) => v
                .as_u64()
                .and_then(T::from_code)
                .ok_or_else(|| format!("{} field {i} is not a known choice", self.what)),
        }
    }
    fn flag(&self, i: usize) -> Result<bool, String> {
        match self.at(i).map(Value::as_u64) {
            None => Ok(false),
            Some(Some(1)) => Ok(true),
            _ => Err(format!("{} field {i} is not 1", self.what)),
        }
    }
    fn list(&self, i: usize) -> Result<&'a [Value], String> {
        match self.at(i) {
            None => Ok(&[]),
            Some(v) => v
                .as_array()
                .map(Vec::as_slice)
                .ok_or_else(|| format!("{} field {i} is not a list", self.what)),
        }
    }
}

fn assumption_values(v: Option<&Value>, what: &str) -> Result<Vec<(Key, f64)>, String> {
    let Some(v) = v else { return Ok(Vec::new()) };
    let map = v
        .as_object()
        .ok_or_else(|| format!("{what} is not an object"))?;
    map.iter()
        .map(|(k, v)| {
            let key = Key::from_name(k).ok_or_else(|| format!("unknown assumption {k}"))?;
            Ok((
                key,
                v.as_f64()
                    .ok_or_else(|| format!("assumption {k} is not a number"))?,
            ))
        })
        .collect()
}

/// Fields per record in link format 1 and 2 (2 appended to plan, host and instance).
fn fields(version: u32, v1: usize, v2: usize) -> usize {
    if version == 1 {
        v1
    } else {
        v2
    }
}

fn from_compact(v: &Value, version: u32) -> Result<Plan, String> {
    let r = Reader::new(v, "plan", fields(version, 9, 12))?;
    let d = Plan::default();
    let typical_client = match r.at(5) {
        None => ClientMachine::default(),
        Some(t) => {
            let t = Reader::new(t, "typical client", 3)?;
            let dc = ClientMachine::default();
            ClientMachine {
                os: t.code(0, dc.os)?,
                ram_gb: t.num(1, dc.ram_gb)?,
                cpu_ghz: t.num(2, dc.cpu_ghz)?,
            }
        }
    };
    let mut assumptions = Assumptions::default();
    for (k, v) in assumption_values(r.at(6), "assumptions")? {
        assumptions.set(k, v);
    }
    Ok(Plan {
        format: d.format,
        version: d.version,
        name: r.text(0)?,
        notes: r.text(1)?,
        total_users: r.opt(2)?,
        separate_instance_reasons: r.num(3, d.separate_instance_reasons)?,
        standard_server_ram_gb: r.num(4, d.standard_server_ram_gb)?,
        typical_client,
        service_levels: service_levels_from(r.at(9))?,
        assumptions,
        sites: r
            .list(10)?
            .iter()
            .map(site_from)
            .collect::<Result<_, _>>()?,
        site_links: r
            .list(11)?
            .iter()
            .map(site_link_from)
            .collect::<Result<_, _>>()?,
        sql_hosts: r
            .list(7)?
            .iter()
            .map(|h| host_from(h, version))
            .collect::<Result<_, _>>()?,
        instances: r
            .list(8)?
            .iter()
            .map(|i| instance_from(i, version))
            .collect::<Result<_, _>>()?,
    })
}

fn service_levels_from(v: Option<&Value>) -> Result<ServiceLevels, String> {
    let Some(v) = v else {
        return Ok(ServiceLevels::default());
    };
    let l = Reader::new(v, "service levels", 4)?;
    Ok(ServiceLevels {
        max_medv_outage_hours: l.opt(0)?,
        max_sql_outage_hours: l.opt(1)?,
        report_staleness_minutes: l.opt(2)?,
        sql_data_loss: l.code(3, DataLoss::NotStated)?,
    })
}

fn site_from(v: &Value) -> Result<Site, String> {
    let x = Reader::new(v, "site", 3)?;
    Ok(Site {
        id: x.opt_text(0)?.ok_or("a site has no id")?,
        name: x.text(1)?,
        users: x.opt(2)?,
    })
}

fn site_link_from(v: &Value) -> Result<SiteLink, String> {
    let x = Reader::new(v, "site link", 3)?;
    Ok(SiteLink {
        a: x.text(0)?,
        b: x.text(1)?,
        mbps: x.opt(2)?,
    })
}

fn vm_from(v: &Value) -> Result<Vm, String> {
    let x = Reader::new(v, "vm", 2)?;
    Ok(Vm {
        name: x.text(0)?,
        policies: x.num(1, Vm::default().policies)?,
    })
}

fn host_from(v: &Value, version: u32) -> Result<SqlHost, String> {
    let h = Reader::new(v, "host", fields(version, 11, 12))?;
    let d = SqlHost::new("");
    Ok(SqlHost {
        id: h.opt_text(0)?.ok_or("a host has no id")?,
        name: h.text(1)?,
        placement: h.code(2, d.placement)?,
        co_located_with: h.opt_text(3)?,
        version: h.code(4, d.version)?,
        edition: h.code(5, d.edition)?,
        link_mbps: h.opt(6)?,
        fault_tolerance: h.code(7, d.fault_tolerance)?,
        existing_instance: h.flag(8)?,
        existing_database_gb: h.opt(9)?,
        existing_iops: h.opt(10)?,
        site: h.text(11)?,
    })
}

fn workspace_from(v: &Value) -> Result<Workspace, String> {
    let w = Reader::new(v, "workspace", 5)?;
    let d = Workspace::default();
    Ok(Workspace {
        name: w.text(0)?,
        count: w.num(1, d.count)?,
        offline: w.code(2, d.offline)?,
        offline_limit_hours: w.num(3, d.offline_limit_hours)?,
        delete_when_offline_too_long: w.flag(4)?,
    })
}

fn console_from(v: &Value) -> Result<Console, String> {
    let c = Reader::new(v, "console", 6)?;
    let d = Console::default();
    Ok(Console {
        name: c.text(0)?,
        site: c.text(1)?,
        os: c.code(2, d.os)?,
        ram_gb: c.num(3, d.ram_gb)?,
        cpu_ghz: c.num(4, d.cpu_ghz)?,
        virtual_pc_confirmed: c.flag(5)?,
    })
}

fn server_from(v: Option<&Value>) -> Result<Server, String> {
    let d = Server::default();
    let Some(v) = v else { return Ok(d) };
    let s = Reader::new(v, "server", 7)?;
    Ok(Server {
        form: s.code(0, d.form)?,
        cpu_ghz: s.num(1, d.cpu_ghz)?,
        cores: s.num(2, d.cores)?,
        ram_gb: s.num(3, d.ram_gb)?,
        os: s.code(4, d.os)?,
        site: s.text(5)?,
        active_servers: s.num(6, d.active_servers)?,
    })
}

fn standby_from(v: Option<&Value>) -> Result<Standby, String> {
    let Some(v) = v else {
        return Ok(Standby::default());
    };
    let b = Reader::new(v, "standby", 2)?;
    Ok(Standby {
        mode: b.code(0, StandbyMode::None)?,
        recovery_hours: b.opt(1)?,
    })
}

fn instance_from(v: &Value, version: u32) -> Result<Instance, String> {
    let i = Reader::new(v, "instance", fields(version, 10, 12))?;
    let mut overrides = AssumptionOverrides::default();
    for (k, v) in assumption_values(i.at(9), "overrides")? {
        if !k.info().per_instance {
            return Err(format!(
                "{} cannot be overridden per instance",
                k.info().name
            ));
        }
        overrides.set(k, Some(v));
    }
    Ok(Instance {
        id: i.opt_text(0)?.ok_or("an instance has no id")?,
        active_clients: i.opt(1)?.ok_or("an instance has no client count")?,
        name: i.text(2)?,
        clients_site: i.text(10)?,
        workspaces: i
            .list(3)?
            .iter()
            .map(workspace_from)
            .collect::<Result<_, _>>()?,
        vms: i.list(11)?.iter().map(vm_from).collect::<Result<_, _>>()?,
        server: server_from(i.at(4))?,
        standby: standby_from(i.at(5))?,
        sql_host: i.opt_text(6)?,
        consoles: i
            .list(7)?
            .iter()
            .map(console_from)
            .collect::<Result<_, _>>()?,
        reporting_buffer_iops: i.opt(8)?,
        overrides,
    })
}
