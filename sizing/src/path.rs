//! Typed field paths: one value names a place in the plan, for a finding's
//! field, the editor control's DOM id and the lens that reads and writes it.
//! Its text form (`instances[0].server.cpu_ghz`) is what the JSON report
//! carries and what a plan that does not parse names; it is written here and
//! parsed here, nowhere else.

use serde::{Serialize, Serializer};

use crate::assumptions::Key;
use crate::fields::{
    Access, ConsoleField, FieldDef, HostField, InstanceField, PlanField, SiteField, SiteLinkField,
    VmField, WorkspaceField,
};
use crate::plan::{Console, Instance, Plan, Site, SiteLink, SqlHost, Vm, Workspace};

/// A place in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldPath {
    Plan(PlanField),
    Assumption(Key),
    Instance(usize, InstanceField),
    /// An instance's override of an instance-scoped assumption.
    Override(usize, Key),
    Workspace(usize, usize, WorkspaceField),
    Console(usize, usize, ConsoleField),
    Vm(usize, usize, VmField),
    Host(usize, HostField),
    Site(usize, SiteField),
    SiteLink(usize, SiteLinkField),
}

/// Calls `$mac` with every kind of catalog row: its variant name and row type.
macro_rules! each_row_kind {
    ($mac:ident) => {
        $mac! {
            Plan => Plan, Instance => Instance, Workspace => Workspace, Console => Console,
            Vm => Vm, Host => SqlHost, Site => Site, SiteLink => SiteLink
        }
    };
}

macro_rules! row_enums {
    ($($V:ident => $T:ty),*) => {
        /// A catalog entry with its row.
        pub enum Row<'a> { $( $V(&'static FieldDef<$T>, &'a $T), )* }
        /// A catalog entry with its row, to write.
        enum RowMut<'a> { $( $V(&'static FieldDef<$T>, &'a mut $T), )* }
        /// A catalog entry.
        enum Def { $( $V(&'static FieldDef<$T>), )* }
    };
}
each_row_kind!(row_enums);

macro_rules! on_row {
    ($row:expr, |$d:ident, $r:ident| $body:expr) => {
        match $row {
            Row::Plan($d, $r) => $body,
            Row::Instance($d, $r) => $body,
            Row::Workspace($d, $r) => $body,
            Row::Console($d, $r) => $body,
            Row::Vm($d, $r) => $body,
            Row::Host($d, $r) => $body,
            Row::Site($d, $r) => $body,
            Row::SiteLink($d, $r) => $body,
        }
    };
}

macro_rules! on_row_mut {
    ($row:expr, |$d:ident, $r:ident| $body:expr) => {
        match $row {
            RowMut::Plan($d, $r) => $body,
            RowMut::Instance($d, $r) => $body,
            RowMut::Workspace($d, $r) => $body,
            RowMut::Console($d, $r) => $body,
            RowMut::Vm($d, $r) => $body,
            RowMut::Host($d, $r) => $body,
            RowMut::Site($d, $r) => $body,
            RowMut::SiteLink($d, $r) => $body,
        }
    };
}

macro_rules! on_def {
    ($def:expr, |$d:ident| $body:expr) => {
        match $def {
            Def::Plan($d) => $body,
            Def::Instance($d) => $body,
            Def::Workspace($d) => $body,
            Def::Console($d) => $body,
            Def::Vm($d) => $body,
            Def::Host($d) => $body,
            Def::Site($d) => $body,
            Def::SiteLink($d) => $body,
        }
    };
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            FieldPath::Plan(p) => f.write_str(p.name()),
            FieldPath::Assumption(k) => write!(f, "assumptions.{}", k.info().name),
            FieldPath::Instance(i, x) => write!(f, "instances[{i}].{}", x.name()),
            FieldPath::Override(i, k) => write!(f, "instances[{i}].overrides.{}", k.info().name),
            FieldPath::Workspace(i, j, x) => {
                write!(f, "instances[{i}].workspaces[{j}].{}", x.name())
            }
            FieldPath::Console(i, j, x) => write!(f, "instances[{i}].consoles[{j}].{}", x.name()),
            FieldPath::Vm(i, j, x) => write!(f, "instances[{i}].vms[{j}].{}", x.name()),
            FieldPath::Host(h, x) => write!(f, "sql_hosts[{h}].{}", x.name()),
            FieldPath::Site(k, x) => write!(f, "sites[{k}].{}", x.name()),
            FieldPath::SiteLink(k, x) => write!(f, "site_links[{k}].{}", x.name()),
        }
    }
}

impl Serialize for FieldPath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// `name[12].rest` → (12, "rest").
fn indexed<'a>(text: &'a str, name: &str) -> Option<(usize, &'a str)> {
    let rest = text.strip_prefix(name)?.strip_prefix('[')?;
    let (n, rest) = rest.split_once(']')?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) || n.len() > 9 {
        return None;
    }
    Some((n.parse().ok()?, rest.strip_prefix('.')?))
}

impl FieldPath {
    /// Reads the text form back (`None` for anything that is not a field).
    pub fn parse(text: &str) -> Option<FieldPath> {
        if let Some(name) = text.strip_prefix("assumptions.") {
            return Key::from_name(name).map(FieldPath::Assumption);
        }
        if let Some((h, rest)) = indexed(text, "sql_hosts") {
            return HostField::from_name(rest).map(|x| FieldPath::Host(h, x));
        }
        if let Some((k, rest)) = indexed(text, "sites") {
            return SiteField::from_name(rest).map(|x| FieldPath::Site(k, x));
        }
        if let Some((k, rest)) = indexed(text, "site_links") {
            return SiteLinkField::from_name(rest).map(|x| FieldPath::SiteLink(k, x));
        }
        if let Some((i, rest)) = indexed(text, "instances") {
            if let Some(name) = rest.strip_prefix("overrides.") {
                return Key::from_name(name)
                    .filter(|k| k.info().per_instance)
                    .map(|k| FieldPath::Override(i, k));
            }
            if let Some((j, rest)) = indexed(rest, "workspaces") {
                return WorkspaceField::from_name(rest).map(|x| FieldPath::Workspace(i, j, x));
            }
            if let Some((j, rest)) = indexed(rest, "consoles") {
                return ConsoleField::from_name(rest).map(|x| FieldPath::Console(i, j, x));
            }
            if let Some((j, rest)) = indexed(rest, "vms") {
                return VmField::from_name(rest).map(|x| FieldPath::Vm(i, j, x));
            }
            return InstanceField::from_name(rest).map(|x| FieldPath::Instance(i, x));
        }
        PlanField::from_name(text).map(FieldPath::Plan)
    }

    /// The DOM id of the control that edits it (`f-instances-0-server-cpu_ghz`).
    pub fn dom_id(&self) -> String {
        crate::input::field_dom_id(&self.to_string())
    }

    /// The instance it lies in, if any.
    pub fn instance(&self) -> Option<usize> {
        match *self {
            FieldPath::Instance(i, _)
            | FieldPath::Override(i, _)
            | FieldPath::Workspace(i, _, _)
            | FieldPath::Console(i, _, _)
            | FieldPath::Vm(i, _, _) => Some(i),
            _ => None,
        }
    }

    /// The SQL Server host it lies in, if any.
    pub fn host(&self) -> Option<usize> {
        match *self {
            FieldPath::Host(h, _) => Some(h),
            _ => None,
        }
    }

    /// The catalog entry of a row field (`None` for assumptions).
    fn def(&self) -> Option<Def> {
        Some(match *self {
            FieldPath::Plan(x) => Def::Plan(x.def()),
            FieldPath::Instance(_, x) => Def::Instance(x.def()),
            FieldPath::Workspace(_, _, x) => Def::Workspace(x.def()),
            FieldPath::Console(_, _, x) => Def::Console(x.def()),
            FieldPath::Vm(_, _, x) => Def::Vm(x.def()),
            FieldPath::Host(_, x) => Def::Host(x.def()),
            FieldPath::Site(_, x) => Def::Site(x.def()),
            FieldPath::SiteLink(_, x) => Def::SiteLink(x.def()),
            FieldPath::Assumption(_) | FieldPath::Override(..) => return None,
        })
    }

    /// Label and unit for a control.
    pub fn label(&self) -> (&'static str, &'static str) {
        match (self, self.def()) {
            (FieldPath::Assumption(k) | FieldPath::Override(_, k), _) => {
                (k.info().label, k.info().unit)
            }
            (_, Some(def)) => on_def!(def, |d| (d.label, d.unit)),
            (_, None) => ("", ""),
        }
    }

    /// Whether the row it names exists in `plan`.
    pub fn resolves(&self, plan: &Plan) -> bool {
        match *self {
            FieldPath::Assumption(_) => true,
            FieldPath::Override(i, _) => i < plan.instances.len(),
            _ => self.read(plan, |_| ()).is_some(),
        }
    }

    /// The kind of control that edits it.
    pub fn control(&self) -> Control {
        match self.def() {
            None => Control::Number {
                optional: matches!(self, FieldPath::Override(..)),
                whole: match *self {
                    FieldPath::Assumption(k) | FieldPath::Override(_, k) => k.info().whole,
                    _ => false,
                },
            },
            Some(def) => on_def!(def, |d| match d.access {
                Access::Number {
                    optional, range, ..
                } => Control::Number {
                    optional,
                    whole: range.whole,
                },
                Access::Choice { .. } => Control::Choice,
                Access::Reference { .. } => Control::Reference,
                Access::Text { max_chars, .. } => Control::Text { max_chars },
                Access::Id { .. } => Control::Id,
                Access::Flag { .. } => Control::Flag,
                Access::List => Control::List,
            }),
        }
    }

    /// Whether the field means anything for its row now (an offline limit only
    /// for restricted workspaces); `false` when the row is gone.
    pub fn applies(&self, plan: &Plan) -> bool {
        match *self {
            FieldPath::Assumption(_) => true,
            FieldPath::Override(i, _) => i < plan.instances.len(),
            _ => self
                .read(plan, |row| on_row!(row, |d, r| (d.applies)(r)))
                .unwrap_or(false),
        }
    }

    /// The number at this place; `None` when empty, not a number or the row is gone.
    pub fn number(&self, plan: &Plan) -> Option<f64> {
        match *self {
            FieldPath::Assumption(k) => Some(plan.assumptions.get(k)),
            FieldPath::Override(i, k) => plan.instances.get(i)?.overrides.get(k),
            _ => self.read(plan, |row| on_row!(row, |d, r| d.number(r)))?,
        }
    }

    /// Writes a number (`None` clears an optional one); a missing row ignores it.
    pub fn set_number(&self, plan: &mut Plan, value: Option<f64>) {
        self.set(plan, Value::Number(value))
    }

    /// Runs `read` on the row's catalog entry; `None` when the row is gone or
    /// the path is an assumption.
    pub fn read<R>(&self, plan: &Plan, read: impl FnOnce(Row<'_>) -> R) -> Option<R> {
        let inst = |i: usize| plan.instances.get(i);
        Some(match *self {
            FieldPath::Plan(x) => read(Row::Plan(x.def(), plan)),
            FieldPath::Instance(i, x) => read(Row::Instance(x.def(), inst(i)?)),
            FieldPath::Workspace(i, j, x) => {
                read(Row::Workspace(x.def(), inst(i)?.workspaces.get(j)?))
            }
            FieldPath::Console(i, j, x) => read(Row::Console(x.def(), inst(i)?.consoles.get(j)?)),
            FieldPath::Vm(i, j, x) => read(Row::Vm(x.def(), inst(i)?.vms.get(j)?)),
            FieldPath::Host(h, x) => read(Row::Host(x.def(), plan.sql_hosts.get(h)?)),
            FieldPath::Site(k, x) => read(Row::Site(x.def(), plan.sites.get(k)?)),
            FieldPath::SiteLink(k, x) => read(Row::SiteLink(x.def(), plan.site_links.get(k)?)),
            FieldPath::Assumption(_) | FieldPath::Override(..) => return None,
        })
    }

    fn write(&self, plan: &mut Plan, write: impl FnOnce(RowMut<'_>)) {
        let row = match *self {
            FieldPath::Plan(x) => Some(RowMut::Plan(x.def(), plan)),
            FieldPath::Instance(i, x) => plan
                .instances
                .get_mut(i)
                .map(|r| RowMut::Instance(x.def(), r)),
            FieldPath::Workspace(i, j, x) => plan
                .instances
                .get_mut(i)
                .and_then(|r| r.workspaces.get_mut(j))
                .map(|r| RowMut::Workspace(x.def(), r)),
            FieldPath::Console(i, j, x) => plan
                .instances
                .get_mut(i)
                .and_then(|r| r.consoles.get_mut(j))
                .map(|r| RowMut::Console(x.def(), r)),
            FieldPath::Vm(i, j, x) => plan
                .instances
                .get_mut(i)
                .and_then(|r| r.vms.get_mut(j))
                .map(|r| RowMut::Vm(x.def(), r)),
            FieldPath::Host(h, x) => plan.sql_hosts.get_mut(h).map(|r| RowMut::Host(x.def(), r)),
            FieldPath::Site(k, x) => plan.sites.get_mut(k).map(|r| RowMut::Site(x.def(), r)),
            FieldPath::SiteLink(k, x) => plan
                .site_links
                .get_mut(k)
                .map(|r| RowMut::SiteLink(x.def(), r)),
            FieldPath::Assumption(_) | FieldPath::Override(..) => None,
        };
        if let Some(row) = row {
            write(row);
        }
    }

    /// The text of a text or id field.
    pub fn text(&self, plan: &Plan) -> Option<String> {
        self.read(plan, |row| row.text()).flatten()
    }

    /// The serde name of a choice, or the id a reference holds (empty for none).
    pub fn choice(&self, plan: &Plan) -> Option<String> {
        self.read(plan, |row| row.choice()).flatten()
    }

    pub fn flag(&self, plan: &Plan) -> Option<bool> {
        self.read(plan, |row| row.flag()).flatten()
    }

    /// Writes a number, text, a choice (by serde name; a reference by id, empty
    /// for none) or a flag, whichever this field is; a missing row ignores it.
    pub fn set(&self, plan: &mut Plan, value: Value) {
        fn put<T>(d: &FieldDef<T>, row: &mut T, value: Value) {
            match (&d.access, value) {
                (Access::Number { set, .. }, Value::Number(v)) => set(row, v),
                (Access::Text { set, .. }, Value::Text(v)) => set(row, v),
                (Access::Choice { set, .. }, Value::Text(v)) => set(row, &v),
                (Access::Reference { set, .. }, Value::Text(v)) => {
                    set(row, (!v.is_empty()).then_some(v))
                }
                (Access::Flag { set, .. }, Value::Flag(v)) => set(row, v),
                _ => {}
            }
        }
        match *self {
            FieldPath::Assumption(k) => {
                if let Value::Number(Some(v)) = value {
                    plan.assumptions.set(k, v);
                }
            }
            FieldPath::Override(i, k) => {
                if let (Some(x), Value::Number(v)) = (plan.instances.get_mut(i), value) {
                    x.overrides.set(k, v);
                }
            }
            _ => self.write(plan, |row| on_row_mut!(row, |d, r| put(d, r, value))),
        }
    }

    /// `(serde name, label)` of a choice field's options.
    pub fn options(&self) -> Vec<(String, &'static str)> {
        match self.def() {
            Some(def) => on_def!(def, |d| match d.access {
                Access::Choice { options, .. } => options(),
                _ => Vec::new(),
            }),
            None => Vec::new(),
        }
    }
}

/// The kind of control a field needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Number {
        optional: bool,
        /// Holds whole numbers only ("12.000" is then refused as ambiguous).
        whole: bool,
    },
    Choice,
    Reference,
    Text {
        max_chars: u32,
    },
    Id,
    Flag,
    List,
}

/// A value for [`FieldPath::set`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number; `None` clears an optional one.
    Number(Option<f64>),
    Text(String),
    Flag(bool),
}

impl Row<'_> {
    fn text(self) -> Option<String> {
        on_row!(self, |d, r| match d.access {
            Access::Text { get, .. } => Some(get(r).to_string()),
            Access::Id { get } => Some(get(r).to_string()),
            _ => None,
        })
    }

    fn choice(self) -> Option<String> {
        on_row!(self, |d, r| match d.access {
            Access::Choice { get, .. } => Some(get(r)),
            Access::Reference { get, .. } => Some(get(r).unwrap_or_default().to_string()),
            _ => None,
        })
    }

    fn flag(self) -> Option<bool> {
        on_row!(self, |d, r| match d.access {
            Access::Flag { get, .. } => Some(get(r)),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_form_round_trips() {
        let all = [
            FieldPath::Plan(PlanField::TotalUsers),
            FieldPath::Plan(PlanField::TypicalClientRamGb),
            FieldPath::Assumption(Key::RetentionDays),
            FieldPath::Instance(3, InstanceField::ServerCpuGhz),
            FieldPath::Override(0, Key::EventSizeBytes),
            FieldPath::Workspace(1, 2, WorkspaceField::OfflineLimitHours),
            FieldPath::Console(0, 4, ConsoleField::RamGb),
            FieldPath::Host(7, HostField::LinkMbps),
            FieldPath::Site(2, SiteField::Users),
            FieldPath::SiteLink(0, SiteLinkField::Mbps),
            FieldPath::Vm(1, 3, VmField::Policies),
            FieldPath::Plan(PlanField::MaxSqlOutageHours),
        ];
        for p in all {
            assert_eq!(FieldPath::parse(&p.to_string()), Some(p), "{p}");
        }
        assert_eq!(
            FieldPath::Instance(0, InstanceField::ServerCpuGhz).to_string(),
            "instances[0].server.cpu_ghz"
        );
        assert_eq!(
            FieldPath::Instance(0, InstanceField::ServerCpuGhz).dom_id(),
            "f-instances-0-server-cpu_ghz"
        );
        for bad in [
            "",
            "instances[x].name",
            "instances[0]",
            "sql_hosts[1].nope",
            "assumptions.x",
            "instances[0].overrides.min_remote_link_mbps",
        ] {
            assert_eq!(FieldPath::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn reads_and_writes_the_plan() {
        let mut plan = crate::worked_example();
        let cores = FieldPath::Instance(2, InstanceField::ServerCores);
        cores.set_number(&mut plan, Some(6.0));
        assert_eq!(cores.number(&plan), Some(6.0));
        let os = FieldPath::Console(0, 0, ConsoleField::Os);
        os.set(&mut plan, Value::Text("windows_xp_x86".into()));
        assert_eq!(os.choice(&plan).as_deref(), Some("windows_xp_x86"));
        let host = FieldPath::Instance(0, InstanceField::SqlHost);
        host.set(&mut plan, Value::Text(String::new()));
        assert_eq!(plan.instances[0].sql_host, None);
        // A missing row reads as nothing and ignores writes.
        let gone = FieldPath::Instance(99, InstanceField::ServerCores);
        gone.set_number(&mut plan, Some(1.0));
        assert_eq!(gone.number(&plan), None);
        assert!(!gone.resolves(&plan));
    }
}
