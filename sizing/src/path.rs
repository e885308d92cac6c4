//! Typed field paths: one value names a place in the plan, for a finding's
//! field, the editor control's DOM id and the lens that reads and writes it.
//! Its text form (`instances[0].server.cpu_ghz`) is what the JSON report
//! carries and what a plan that does not parse names; it is written here and
//! parsed here, nowhere else.

use serde::{Serialize, Serializer};

use crate::assumptions::Key;
use crate::fields::{
    Access, ConsoleField, FieldDef, HostField, InstanceField, PlanField, WorkspaceField,
};
use crate::plan::Plan;

macro_rules! on_row {
    ($row:expr, |$d:ident, $r:ident| $body:expr) => {
        match $row {
            Row::Plan($d, $r) => $body,
            Row::Instance($d, $r) => $body,
            Row::Workspace($d, $r) => $body,
            Row::Console($d, $r) => $body,
            Row::Host($d, $r) => $body,
        }
    };
}

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
    Host(usize, HostField),
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
            FieldPath::Host(h, x) => write!(f, "sql_hosts[{h}].{}", x.name()),
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
            | FieldPath::Console(i, _, _) => Some(i),
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

    /// Label and unit for a control.
    pub fn label(&self) -> (&'static str, &'static str) {
        match *self {
            FieldPath::Assumption(k) | FieldPath::Override(_, k) => (k.info().label, k.info().unit),
            _ => self.with_def(
                |d| (d.label, d.unit),
                |d| (d.label, d.unit),
                |d| (d.label, d.unit),
                |d| (d.label, d.unit),
                |d| (d.label, d.unit),
            ),
        }
    }

    fn with_def<R>(
        &self,
        plan: impl FnOnce(&'static FieldDef<Plan>) -> R,
        inst: impl FnOnce(&'static FieldDef<crate::plan::Instance>) -> R,
        ws: impl FnOnce(&'static FieldDef<crate::plan::Workspace>) -> R,
        con: impl FnOnce(&'static FieldDef<crate::plan::Console>) -> R,
        host: impl FnOnce(&'static FieldDef<crate::plan::SqlHost>) -> R,
    ) -> R {
        match *self {
            FieldPath::Plan(x) => plan(x.def()),
            FieldPath::Instance(_, x) => inst(x.def()),
            FieldPath::Workspace(_, _, x) => ws(x.def()),
            FieldPath::Console(_, _, x) => con(x.def()),
            FieldPath::Host(_, x) => host(x.def()),
            // Assumptions are answered by their own catalog before this is called.
            FieldPath::Assumption(_) | FieldPath::Override(..) => plan(PlanField::Name.def()),
        }
    }

    /// Whether the row it names exists in `plan`.
    pub fn resolves(&self, plan: &Plan) -> bool {
        match *self {
            FieldPath::Plan(_) | FieldPath::Assumption(_) => true,
            FieldPath::Instance(i, _) | FieldPath::Override(i, _) => i < plan.instances.len(),
            FieldPath::Workspace(i, j, _) => plan
                .instances
                .get(i)
                .is_some_and(|x| j < x.workspaces.len()),
            FieldPath::Console(i, j, _) => {
                plan.instances.get(i).is_some_and(|x| j < x.consoles.len())
            }
            FieldPath::Host(h, _) => h < plan.sql_hosts.len(),
        }
    }

    /// The kind of control that edits it.
    pub fn control(&self) -> Control {
        fn kind<T>(d: &FieldDef<T>) -> Control {
            match d.access {
                Access::Number { optional, .. } => Control::Number { optional },
                Access::Choice { .. } => Control::Choice,
                Access::Reference { .. } => Control::Reference,
                Access::Text { max_chars, .. } => Control::Text { max_chars },
                Access::Id { .. } => Control::Id,
                Access::Flag { .. } => Control::Flag,
                Access::List => Control::List,
            }
        }
        match *self {
            FieldPath::Assumption(_) => Control::Number { optional: false },
            FieldPath::Override(..) => Control::Number { optional: true },
            _ => self.with_def(kind, kind, kind, kind, kind),
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

    /// Whether it is a number, and then whether it may be empty.
    pub fn number_kind(&self) -> Option<bool> {
        match *self {
            FieldPath::Assumption(_) => Some(false),
            FieldPath::Override(..) => Some(true),
            _ => {
                fn kind<T>(d: &FieldDef<T>) -> Option<bool> {
                    match d.access {
                        Access::Number { optional, .. } => Some(optional),
                        _ => None,
                    }
                }
                self.with_def(kind, kind, kind, kind, kind)
            }
        }
    }

    /// The number at this place; `None` when empty, not a number or the row is gone.
    pub fn number(&self, plan: &Plan) -> Option<f64> {
        fn get<T>(d: &FieldDef<T>, row: Option<&T>) -> Option<f64> {
            d.number(row?)
        }
        match *self {
            FieldPath::Assumption(k) => Some(plan.assumptions.get(k)),
            FieldPath::Override(i, k) => plan.instances.get(i)?.overrides.get(k),
            FieldPath::Plan(x) => get(x.def(), Some(plan)),
            FieldPath::Instance(i, x) => get(x.def(), plan.instances.get(i)),
            FieldPath::Workspace(i, j, x) => get(x.def(), plan.instances.get(i)?.workspaces.get(j)),
            FieldPath::Console(i, j, x) => get(x.def(), plan.instances.get(i)?.consoles.get(j)),
            FieldPath::Host(h, x) => get(x.def(), plan.sql_hosts.get(h)),
        }
    }

    /// Writes a number (`None` clears an optional one); a missing row ignores it.
    pub fn set_number(&self, plan: &mut Plan, value: Option<f64>) {
        self.set(plan, Value::Number(value))
    }

    /// Runs `read` on the row's catalog entry: text, choice, reference and flag
    /// controls read through it.
    pub fn read<R>(&self, plan: &Plan, read: impl FnOnce(Row<'_>) -> R) -> Option<R> {
        Some(match *self {
            FieldPath::Plan(x) => read(Row::Plan(x.def(), plan)),
            FieldPath::Instance(i, x) => read(Row::Instance(x.def(), plan.instances.get(i)?)),
            FieldPath::Workspace(i, j, x) => read(Row::Workspace(
                x.def(),
                plan.instances.get(i)?.workspaces.get(j)?,
            )),
            FieldPath::Console(i, j, x) => read(Row::Console(
                x.def(),
                plan.instances.get(i)?.consoles.get(j)?,
            )),
            FieldPath::Host(h, x) => read(Row::Host(x.def(), plan.sql_hosts.get(h)?)),
            FieldPath::Assumption(_) | FieldPath::Override(..) => return None,
        })
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
        fn put<T>(d: &FieldDef<T>, row: Option<&mut T>, value: Value) {
            let Some(row) = row else { return };
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
            FieldPath::Plan(x) => put(x.def(), Some(plan), value),
            FieldPath::Instance(i, x) => put(x.def(), plan.instances.get_mut(i), value),
            FieldPath::Workspace(i, j, x) => put(
                x.def(),
                plan.instances
                    .get_mut(i)
                    .and_then(|r| r.workspaces.get_mut(j)),
                value,
            ),
            FieldPath::Console(i, j, x) => put(
                x.def(),
                plan.instances
                    .get_mut(i)
                    .and_then(|r| r.consoles.get_mut(j)),
                value,
            ),
            FieldPath::Host(h, x) => put(x.def(), plan.sql_hosts.get_mut(h), value),
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
        }
    }

    /// `(serde name, label)` of a choice field's options.
    pub fn options(&self) -> Vec<(String, &'static str)> {
        fn opts<T>(d: &FieldDef<T>) -> Vec<(String, &'static str)> {
            match d.access {
                Access::Choice { options, .. } => options(),
                _ => Vec::new(),
            }
        }
        match *self {
            FieldPath::Assumption(_) | FieldPath::Override(..) => Vec::new(),
            _ => self.with_def(opts, opts, opts, opts, opts),
        }
    }
}

/// The kind of control a field needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Number { optional: bool },
    Choice,
    Reference,
    Text { max_chars: u32 },
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

/// A catalog entry with its row.
pub enum Row<'a> {
    Plan(&'static FieldDef<Plan>, &'a Plan),
    Instance(
        &'static FieldDef<crate::plan::Instance>,
        &'a crate::plan::Instance,
    ),
    Workspace(
        &'static FieldDef<crate::plan::Workspace>,
        &'a crate::plan::Workspace,
    ),
    Console(
        &'static FieldDef<crate::plan::Console>,
        &'a crate::plan::Console,
    ),
    Host(
        &'static FieldDef<crate::plan::SqlHost>,
        &'a crate::plan::SqlHost,
    ),
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
