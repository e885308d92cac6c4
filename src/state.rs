//! The app's state: one signal holds the plan being edited, and a memo runs the
//! sizing core on it. Controls reach their place in the plan through the core's
//! typed [`FieldPath`]: a missing row (just removed) reads as nothing and
//! ignores writes.

use leptos::prelude::*;
use medv_sizing::path::FieldPath;
use medv_sizing::{analyze, analyze_figures, names, Plan, Report};

/// Shared by every component through Leptos context.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub plan: RwSignal<Plan>,
    /// What the analysis reads: the plan less its name and notes, with the
    /// names it only quotes set aside (`medv_sizing::names`). Typing those
    /// leaves it equal, so the analysis does not run again.
    pub analysed: Memo<Plan>,
    /// The analysis of the plan, without "show the math".
    pub report: Memo<Report>,
    /// The analysis with the math: computed only while something reads it
    /// (an open "Show the math", the design document).
    pub explained: Memo<Report>,
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
        // What the analysis reads: the plan less its name and notes, with the
        // names it only quotes set aside (`medv_sizing::names`). Typing the
        // plan's name or notes, or a name that stays unique, leaves it equal,
        // so the analysis does not run again: the report takes the names back.
        let masked = Memo::new(move |_| plan.with(|p| names::mask(analysed_part(p))));
        let analysed = Memo::new(move |_| masked.with(|m| m.plan.clone()));
        let names = Memo::new(move |_| masked.with(|m| m.names.clone()));
        let named = move |r: &Report| {
            let mut r = r.clone();
            names.with(|n| n.unmask(&mut r));
            r
        };
        let figures = Memo::new(move |_| analysed.with(analyze_figures));
        let report = Memo::new(move |_| figures.with(named));
        let with_math = Memo::new(move |_| analysed.with(analyze));
        let explained = Memo::new(move |_| with_math.with(named));
        Self {
            plan,
            analysed,
            report,
            explained,
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
pub struct RowKeys(pub Signal<Vec<String>>);

/// The row keys of rows with ids `ids`, in order (see [`RowKeys`]).
pub fn row_keys<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen: std::collections::HashMap<&str, usize> = Default::default();
    ids.into_iter()
        .map(|id| {
            let n = seen.entry(id).or_insert(0);
            *n += 1;
            if *n == 1 {
                id.to_string()
            } else {
                format!("{id} {n}")
            }
        })
        .collect()
}

impl RowKeys {
    /// Keys for the rows whose ids `ids` lists, in order.
    pub fn new(ids: impl Fn() -> Vec<String> + Send + Sync + 'static) -> Self {
        RowKeys(settled(move || row_keys(ids().iter().map(String::as_str))))
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

/// `f`'s value as a signal that changes only when the value does.
///
/// Unlike a [`Memo`], it does not pass a change from what it reads on to its
/// readers before knowing whether its own value changed: Leptos marks every reader of
/// a changed source, and every reader of those, to be checked. A memo over the
/// plan with a page of rows and fields below it made each keystroke walk all
/// of them; behind `settled` an edit reaches one effect, and its readers only
/// when the value changed. The value is recomputed in an effect, so readers see
/// it a microtask after the edit, before the browser paints.
pub fn settled<T>(f: impl Fn() -> T + Send + Sync + 'static) -> Signal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let value = RwSignal::new(untrack(&f));
    rerun(Box::new(move || {
        let now = f();
        if value.with_untracked(|v| *v != now) {
            value.set(now);
        }
    }));
    value.read_only().into()
}

/// Runs `f` again whenever what it read last time changes. Leptos compiles its
/// effect machinery once for each closure given to `Effect::new`: through this
/// one boxed closure, every `settled` and `Fanout` shares one copy.
fn rerun(f: Box<dyn Fn() + Send + Sync>) {
    Effect::new(move |_| f());
}

/// Values per key, computed together as [`settled`] computes one: a single
/// effect tells only the readers of the keys whose value changed, so an edit
/// of one row reaches that row's readers and no other row's. A key gone reads
/// as nothing, and as its value again if it comes back.
pub struct Fanout<V: Send + Sync + 'static> {
    /// A trigger for each key read so far (one type for every fanout: the
    /// signal machinery is not compiled again for each kind of value).
    readers: StoredValue<std::collections::HashMap<String, ArcTrigger>>,
    values: StoredValue<std::collections::HashMap<String, V>>,
}

impl<V: Send + Sync + 'static> Clone for Fanout<V> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<V: Send + Sync + 'static> Copy for Fanout<V> {}

impl<V: Clone + PartialEq + Send + Sync + 'static> Fanout<V> {
    /// Keeps `f`'s values (key, value) by key.
    pub fn new(f: impl Fn() -> Vec<(String, V)> + Send + Sync + 'static) -> Self {
        let values = StoredValue::new(untrack(&f).into_iter().collect());
        let readers = StoredValue::new(std::collections::HashMap::new());
        rerun(Box::new(move || {
            let now: std::collections::HashMap<String, V> = f().into_iter().collect();
            let changed: Vec<ArcTrigger> =
                values.with_value(|old: &std::collections::HashMap<String, V>| {
                    readers.with_value(|r: &std::collections::HashMap<String, ArcTrigger>| {
                        r.iter()
                            .filter(|(key, _)| old.get(*key) != now.get(*key))
                            .map(|(_, t)| t.clone())
                            .collect()
                    })
                });
            values.set_value(now);
            for t in changed {
                t.notify();
            }
        }));
        Self { readers, values }
    }

    /// The value at `key` (nothing while the key is absent), changing only when it does.
    pub fn get(self, key: &str) -> Signal<Option<V>> {
        let trigger = self
            .readers
            .try_update_value(|r| {
                r.entry(key.to_string())
                    .or_insert_with(ArcTrigger::new)
                    .clone()
            })
            .unwrap_or_else(ArcTrigger::new);
        let values = self.values;
        let key = key.to_string();
        Signal::derive(move || {
            trigger.track();
            values.try_with_value(|v| v.get(&key).cloned()).flatten()
        })
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
    pub notes: Signal<Vec<FieldNote>>,
}

/// The findings that name a field, by the part of the plan that holds it:
/// `plan`, `i:` and an instance's row key, `h:` and a host's. Every part has
/// its entry, empty when no finding names a field of it.
#[derive(Clone, Copy)]
pub struct FieldNotes(pub Fanout<Vec<FieldNote>>);

impl FieldNotes {
    pub fn new(ctx: Ctx, instances: RowKeys, hosts: RowKeys) -> Self {
        FieldNotes(Fanout::new(move || {
            let (ik, hk) = (instances.0.get(), hosts.0.get());
            let mut by: std::collections::HashMap<String, Vec<FieldNote>> =
                std::iter::once("plan".to_string())
                    .chain(ik.iter().map(|k| format!("i:{k}")))
                    .chain(hk.iter().map(|k| format!("h:{k}")))
                    .map(|k| (k, Vec::new()))
                    .collect();
            ctx.report.with(|r| {
                for f in &r.findings {
                    let Some(field) = f.field else { continue };
                    let key = match (field.instance(), field.host()) {
                        (Some(i), _) => ik.get(i).map(|k| format!("i:{k}")),
                        (None, Some(h)) => hk.get(h).map(|k| format!("h:{k}")),
                        (None, None) => Some("plan".to_string()),
                    };
                    if let Some(notes) = key.and_then(|k| by.get_mut(&k)) {
                        notes.push(FieldNote {
                            field,
                            severity: f.severity,
                            rule: f.rule,
                            message: f.message.clone(),
                        });
                    }
                }
            });
            by.into_iter().collect()
        }))
    }
}

/// Each instance of the plan by its row key.
#[derive(Clone, Copy)]
pub struct InstanceSlices(pub Fanout<medv_sizing::plan::Instance>);

/// Each SQL Server host of the plan by its row key.
#[derive(Clone, Copy)]
pub struct HostSlices(pub Fanout<medv_sizing::plan::SqlHost>);

impl InstanceSlices {
    pub fn new(ctx: Ctx, keys: RowKeys) -> Self {
        InstanceSlices(by_row_key(ctx, keys, |p| &p.instances))
    }
}

impl HostSlices {
    pub fn new(ctx: Ctx, keys: RowKeys) -> Self {
        HostSlices(by_row_key(ctx, keys, |p| &p.sql_hosts))
    }
}

/// The plan's `rows` by their row keys.
fn by_row_key<T>(ctx: Ctx, keys: RowKeys, rows: fn(&Plan) -> &[T]) -> Fanout<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Fanout::new(move || {
        let keys = keys.0.get();
        ctx.plan
            .with(|p| keys.into_iter().zip(rows(p).iter().cloned()).collect())
    })
}

impl FieldScope {
    fn of(changed: Signal<()>, key: &str) -> Self {
        let FieldNotes(notes) = expect_context::<FieldNotes>();
        let notes = notes.get(key);
        Self {
            changed,
            notes: Signal::derive(move || notes.get().unwrap_or_default()),
        }
    }

    /// The whole plan, for plan-level fields.
    pub fn plan_level(ctx: Ctx) -> Self {
        let part = settled(move || {
            ctx.plan.with(|p| Plan {
                instances: Vec::new(),
                sql_hosts: Vec::new(),
                ..p.clone()
            })
        });
        Self::of(Signal::derive(move || part.track()), "plan")
    }

    /// The fields of the instance with row key `key`; `slice` is that instance.
    pub fn instance(key: &str, slice: Signal<Option<medv_sizing::plan::Instance>>) -> Self {
        Self::of(Signal::derive(move || slice.track()), &format!("i:{key}"))
    }

    /// The fields of the SQL Server host with row key `key`; `slice` is that host.
    pub fn host(key: &str, slice: Signal<Option<medv_sizing::plan::SqlHost>>) -> Self {
        Self::of(Signal::derive(move || slice.track()), &format!("h:{key}"))
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
    fn a_name_typed_does_not_run_the_analysis_again() {
        let owner = Owner::new();
        owner.set();
        let mut plan = medv_sizing::worked_example();
        plan.instances[0].name = "Headquarters".into();
        let ctx = Ctx::new(plan);
        // The analysis runs when what it reads changes (`Memo` compares).
        let before = ctx.analysed.get_untracked();
        ctx.edit(|p| {
            p.name = "Renamed".into();
            p.notes = "Typed notes".into();
            p.instances[0].name = "Headquarters East".into();
            p.sql_hosts[0].name = "SQL host A (primary)".into();
            p.instances[1].consoles[0].name = "Branch desk".into();
        });
        assert_eq!(
            ctx.analysed.get_untracked(),
            before,
            "a name typed changed what is analysed"
        );
        ctx.report.with_untracked(|r| {
            assert_eq!(r.instances[0].name, "Headquarters East");
            assert!(r
                .findings
                .iter()
                .any(|f| f.message.contains("SQL host A (primary)")));
            assert!(!format!("{r:?}").contains('\u{E000}'));
        });
        // The same name twice is a finding of its own: that runs it.
        ctx.edit(|p| p.instances[1].consoles[0].name = "hq CONSOLE ".into());
        assert_ne!(ctx.analysed.get_untracked(), before);
        // A number typed runs it.
        ctx.edit(|p| p.instances[1].consoles[0].name = "Branch desk".into());
        assert_eq!(ctx.analysed.get_untracked(), before);
        ctx.edit(|p| p.instances[0].active_clients = 4_000.0);
        assert_ne!(ctx.analysed.get_untracked(), before);
        // The report is the plan's own analysis, names and all.
        let full = medv_sizing::analyze_figures(&ctx.plan.get_untracked());
        ctx.report.with_untracked(|r| {
            assert_eq!(r.instances, full.instances);
            assert_eq!(r.findings, full.findings);
            assert_eq!(r.summary.sites, full.summary.sites);
        });
    }

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
