//! The app's state: one signal holds the plan being edited, and a memo runs the
//! sizing core on it. Controls reach their place in the plan through the core's
//! typed [`FieldPath`]: a missing row (just removed) reads as nothing and
//! ignores writes.

use leptos::prelude::*;
use medv_sizing::path::FieldPath;
use medv_sizing::{analyze, Plan, Report};

/// Shared by every component through Leptos context.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub plan: RwSignal<Plan>,
    pub report: Memo<Report>,
    /// The instance editors opened or closed by hand (by id); `None` follows
    /// the plan's size (see `ui::nav::OpenEditors`). A replaced plan starts
    /// from `None` again.
    pub opened: RwSignal<Option<std::collections::HashSet<String>>>,
    /// The offer to take back the last action; any later edit or action
    /// withdraws it (see `crate::undo`).
    pub undo: RwSignal<Option<Undoable>>,
}

/// An action that can be taken back, while it is the last one.
#[derive(Debug, Clone, PartialEq)]
pub enum Undoable {
    /// Part of the open plan was removed: the plan as it was comes back, into
    /// the same saved entry.
    Edit { what: String, before: Plan },
    /// Another plan replaced the open one (new, opened, imported, the worked
    /// example): the earlier one comes back, into its own saved entry if it
    /// had one, and an entry the action created (still untouched) is removed.
    Switch {
        what: String,
        before: Plan,
        before_id: Option<String>,
        created: Option<String>,
    },
    /// A saved plan was deleted: its entry comes back as it was.
    Deleted {
        key: String,
        raw: String,
        name: String,
    },
}

impl Undoable {
    pub fn what(&self) -> String {
        match self {
            Undoable::Edit { what, .. } | Undoable::Switch { what, .. } => what.clone(),
            Undoable::Deleted { name, .. } => format!("Deleted “{name}”."),
        }
    }
}

impl Ctx {
    pub fn new(plan: Plan) -> Self {
        let plan = RwSignal::new(plan);
        // What the analysis reads: the plan less its name and notes, so typing
        // them (text no figure or finding uses) does not run the analysis
        // again. Whatever shows the plan's name reads it from the plan.
        let analysed = Memo::new(move |_| plan.with(analysed_part));
        let report = Memo::new(move |_| analysed.with(analyze));
        Self {
            plan,
            report,
            opened: RwSignal::new(None),
            undo: RwSignal::new(None),
        }
    }

    /// Replaces the whole plan (new, example, opened). Withdraws any undo
    /// offer: the action that replaces the plan makes its own.
    pub fn replace_plan(&self, plan: Plan) {
        self.withdraw_undo();
        self.opened.set(None);
        self.plan.set(plan);
    }

    /// Changes the plan. An edit is the last action now: an older undo offer
    /// is withdrawn, so taking it back can never overwrite this edit.
    pub fn edit(&self, f: impl FnOnce(&mut Plan)) {
        self.withdraw_undo();
        self.plan.update(f);
    }

    /// Removes part of the plan (`what` says which) and offers to undo it.
    pub fn remove(&self, what: String, f: impl FnOnce(&mut Plan)) {
        let before = self.plan.get_untracked();
        self.edit(f);
        self.undo.set(Some(Undoable::Edit { what, before }));
    }

    pub fn withdraw_undo(&self) {
        if self.undo.with_untracked(Option::is_some) {
            self.undo.set(None);
        }
    }
}

/// The part of a plan the analysis reads: all of it but its name and notes.
/// Two plans that differ only there give equal parts, so the report memo
/// does not run again.
pub fn analysed_part(plan: &Plan) -> Plan {
    let mut p = plan.clone();
    p.notes.clear();
    p.name.clear();
    p
}

/// A finding as a field shows it beside itself.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldNote {
    pub field: FieldPath,
    pub severity: medv_sizing::rules::Severity,
    pub rule: &'static str,
    pub message: String,
}

/// Which part of the plan a group of fields edits. A row's place follows its
/// key (see [`RowKeys`]): it moves when rows before it are removed or moved.
#[derive(Clone, Copy)]
pub enum Part {
    /// The plan level and the assumptions.
    Plan,
    Instance(Signal<usize>),
    Host(Signal<usize>),
}

impl Part {
    fn holds(self, path: &FieldPath) -> bool {
        match self {
            Part::Plan => path.instance().is_none() && path.host().is_none(),
            Part::Instance(i) => path.instance() == Some(i.get()),
            Part::Host(h) => path.host() == Some(h.get()),
        }
    }
}

/// The instances' row keys, shared by the editors, the table and the cards.
#[derive(Clone, Copy)]
pub struct InstanceKeys(pub RowKeys);

/// The SQL Server hosts' row keys.
#[derive(Clone, Copy)]
pub struct HostKeys(pub RowKeys);

/// Stable keys for rows that have ids (instances, SQL Server hosts): the id,
/// and for an id given twice its occurrence ("hq", "hq 2"), so every row keeps
/// its component, its open details and the text typed into it when rows
/// before it are removed or moved.
#[derive(Clone, Copy)]
pub struct RowKeys(pub Memo<Vec<String>>);

impl RowKeys {
    /// Keys for the rows whose ids `ids` lists, in order.
    pub fn new(ids: impl Fn() -> Vec<String> + Send + Sync + 'static) -> Self {
        RowKeys(Memo::new(move |_| {
            let mut seen: std::collections::HashMap<String, usize> = Default::default();
            ids()
                .into_iter()
                .map(|id| {
                    let n = seen.entry(id.clone()).or_insert(0);
                    *n += 1;
                    if *n == 1 {
                        id
                    } else {
                        format!("{id} {n}")
                    }
                })
                .collect()
        }))
    }

    /// The plan's instances (the report lists them in the same order).
    pub fn instances(ctx: Ctx) -> Self {
        Self::new(move || {
            ctx.plan
                .with(|p| p.instances.iter().map(|x| x.id.clone()).collect())
        })
    }

    /// The plan's SQL Server hosts.
    pub fn hosts(ctx: Ctx) -> Self {
        Self::new(move || {
            ctx.plan
                .with(|p| p.sql_hosts.iter().map(|x| x.id.clone()).collect())
        })
    }

    /// The report's SQL Server hosts: the plan's and each database kept on
    /// an instance's own server.
    pub fn report_hosts(ctx: Ctx) -> Self {
        Self::new(move || {
            ctx.report
                .with(|r| r.sql_hosts.iter().map(|x| x.id.clone()).collect())
        })
    }

    /// The row's place now; past the end once it is gone (reads as nothing,
    /// writes nowhere).
    pub fn index_of(self, key: String) -> Signal<usize> {
        let RowKeys(keys) = self;
        Memo::new(move |_| keys.with(|k| k.iter().position(|x| *x == key).unwrap_or(usize::MAX)))
            .into()
    }
}

/// The part of the plan a group of fields edits (the plan level, one instance,
/// one host). Fields re-render when their part changes, not on every edit
/// anywhere: with hundreds of fields on a page this keeps typing fast.
#[derive(Clone, Copy)]
pub struct FieldScope {
    /// Tracks this part of the plan.
    pub changed: Signal<()>,
    /// The findings whose field lies in this part.
    pub notes: Memo<Vec<FieldNote>>,
}

impl FieldScope {
    /// Fields of `part`, re-rendered when `changed` changes.
    pub fn new(ctx: Ctx, changed: Signal<()>, part: Part) -> Self {
        let notes = Memo::new(move |_| {
            ctx.report.with(|r| {
                r.findings
                    .iter()
                    .filter_map(|f| {
                        let field = f.field?;
                        part.holds(&field).then(|| FieldNote {
                            field,
                            severity: f.severity,
                            rule: f.rule,
                            message: f.message.clone(),
                        })
                    })
                    .collect()
            })
        });
        Self { changed, notes }
    }

    /// The whole plan, for plan-level fields.
    pub fn plan_level(ctx: Ctx) -> Self {
        Self::new(ctx, Signal::derive(move || ctx.plan.track()), Part::Plan)
    }

    /// SQL Server host `h`'s fields.
    pub fn host(ctx: Ctx, h: Signal<usize>) -> Self {
        let slice = Memo::new(move |_| ctx.plan.with(|p| p.sql_hosts.get(h.get()).cloned()));
        Self::new(ctx, Signal::derive(move || slice.track()), Part::Host(h))
    }
}

pub fn use_scope() -> FieldScope {
    expect_context::<FieldScope>()
}

/// Reads the plan through `get`, re-running only when the field's scope changes.
pub fn scoped<T>(ctx: Ctx, scope: FieldScope, get: impl Fn(&Plan) -> T) -> T {
    scope.changed.track();
    ctx.plan.with_untracked(get)
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// A fresh id with `prefix` not used by any instance or host of the plan.
pub fn fresh_id(plan: &Plan, prefix: &str) -> String {
    medv_sizing::edit::fresh_id(plan, prefix)
}

/// The plan a first visit opens: the worked example of the guidance.
pub fn first_plan() -> medv_sizing::Plan {
    medv_sizing::worked_example()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_and_notes_are_not_part_of_what_is_analysed() {
        let plan = medv_sizing::worked_example();
        let mut typed = plan.clone();
        typed.name = "Renamed".into();
        typed.notes = "Typed notes".into();
        assert_eq!(analysed_part(&typed), analysed_part(&plan));
        let mut changed = plan.clone();
        changed.instances[0].active_clients = 4_000.0;
        assert_ne!(analysed_part(&changed), analysed_part(&plan));
        // Nothing the analysis reads is lost: the report is the plan's, but for its name.
        let report = analyze(&analysed_part(&plan));
        let full = analyze(&plan);
        assert_eq!(report.instances, full.instances);
        assert_eq!(report.findings, full.findings);
    }
}
