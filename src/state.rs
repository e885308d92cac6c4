//! The app's state: one signal holds the plan being edited, a memo runs the
//! sizing core on it, and a map keeps the text of number fields as typed.
//!
//! Lenses (`NumLens`, `TextLens`, …) connect a form control to one place in the
//! plan; a missing row (just removed) reads as `None` and ignores writes.

use std::sync::Arc;

use leptos::prelude::*;
use medv_sizing::{analyze, Plan, Report};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Shared by every component through Leptos context.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub plan: RwSignal<Plan>,
    pub report: Memo<Report>,
    /// Bumped when the whole plan is replaced or list rows shift: number fields
    /// then drop the text they keep as typed and show the plan's values.
    pub generation: RwSignal<u64>,
}

impl Ctx {
    pub fn new(plan: Plan) -> Self {
        let plan = RwSignal::new(plan);
        let report = Memo::new(move |_| plan.with(analyze));
        Self {
            plan,
            report,
            generation: RwSignal::new(0),
        }
    }

    /// Replaces the whole plan (new, example, opened).
    pub fn replace_plan(&self, plan: Plan) {
        self.generation.update(|g| *g += 1);
        self.plan.set(plan);
    }

    pub fn edit(&self, f: impl FnOnce(&mut Plan)) {
        self.plan.update(f);
    }

    /// Rows of a list shifted: typed text no longer belongs to its field.
    pub fn rows_shifted(&self) {
        self.generation.update(|g| *g += 1);
    }
}

/// A finding as a field shows it beside itself.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldNote {
    pub field: String,
    pub severity: medv_sizing::rules::Severity,
    pub rule: &'static str,
    pub message: String,
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
    /// Fields under `prefix` (`instances[3].`), re-rendered when `slice` changes.
    pub fn new(ctx: Ctx, changed: Signal<()>, prefix: Option<String>) -> Self {
        let notes = Memo::new(move |_| {
            ctx.report.with(|r| {
                r.findings
                    .iter()
                    .filter_map(|f| {
                        let field = f.field.as_deref()?;
                        let inside = match &prefix {
                            Some(p) => field.starts_with(p.as_str()),
                            None => {
                                !field.starts_with("instances[") && !field.starts_with("sql_hosts[")
                            }
                        };
                        inside.then(|| FieldNote {
                            field: field.to_string(),
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
        Self::new(ctx, Signal::derive(move || ctx.plan.track()), None)
    }

    /// Instance `i`'s fields.
    pub fn instance(ctx: Ctx, i: usize) -> Self {
        let slice = Memo::new(move |_| ctx.plan.with(|p| p.instances.get(i).cloned()));
        Self::new(
            ctx,
            Signal::derive(move || slice.track()),
            Some(format!("instances[{i}].")),
        )
    }

    /// SQL Server host `h`'s fields.
    pub fn host(ctx: Ctx, h: usize) -> Self {
        let slice = Memo::new(move |_| ctx.plan.with(|p| p.sql_hosts.get(h).cloned()));
        Self::new(
            ctx,
            Signal::derive(move || slice.track()),
            Some(format!("sql_hosts[{h}].")),
        )
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

type Getter<T> = Arc<dyn Fn(&Plan) -> T + Send + Sync>;
type Setter<T> = Arc<dyn Fn(&mut Plan, T) + Send + Sync>;

/// A number in the plan. `get` is `None` for an empty optional value.
#[derive(Clone)]
pub struct NumLens {
    pub get: Getter<Option<f64>>,
    pub set: Setter<Option<f64>>,
}

impl NumLens {
    pub fn new(
        get: impl Fn(&Plan) -> Option<f64> + Send + Sync + 'static,
        set: impl Fn(&mut Plan, Option<f64>) + Send + Sync + 'static,
    ) -> Self {
        Self {
            get: Arc::new(get),
            set: Arc::new(set),
        }
    }
}

/// A value in the plan of a control that always has one (text, yes/no, a choice).
pub struct Lens<T> {
    pub get: Getter<T>,
    pub set: Setter<T>,
}

impl<T> Clone for Lens<T> {
    fn clone(&self) -> Self {
        Self {
            get: self.get.clone(),
            set: self.set.clone(),
        }
    }
}

impl<T: Default + 'static> Lens<T> {
    /// A missing row (`get` returns `None`) reads as the default and ignores writes.
    pub fn new(
        get: impl Fn(&Plan) -> Option<T> + Send + Sync + 'static,
        set: impl Fn(&mut Plan, T) + Send + Sync + 'static,
    ) -> Self {
        Self {
            get: Arc::new(move |p| get(p).unwrap_or_default()),
            set: Arc::new(set),
        }
    }
}

pub type TextLens = Lens<String>;
pub type BoolLens = Lens<bool>;
/// A choice in the plan, by its serialized name.
pub type ChoiceLens = Lens<String>;

impl Lens<String> {
    /// A lens on an enum field, through its serde name.
    pub fn of_enum<T: Serialize + DeserializeOwned>(
        get: impl Fn(&Plan) -> Option<T> + Send + Sync + 'static,
        set: impl Fn(&mut Plan, T) + Send + Sync + 'static,
    ) -> Self {
        Self::new(
            move |p| get(p).map(|v| enum_name(&v)),
            move |p, s| {
                if let Some(v) = enum_from(&s) {
                    set(p, v)
                }
            },
        )
    }
}

/// The serialized name of an enum value (`"hyper_v_vm"`).
pub fn enum_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|x| x.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub fn enum_from<T: DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

/// A fresh id with `prefix` not used by any instance or host of the plan.
pub fn fresh_id(plan: &Plan, prefix: &str) -> String {
    (1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| {
            !plan.instances.iter().any(|i| &i.id == id)
                && !plan.sql_hosts.iter().any(|h| &h.id == id)
        })
        .unwrap_or_else(|| prefix.to_string())
}

/// Lenses on fields of instance `i`: `inst_num!(i, server.cpu_ghz)`.
#[macro_export]
macro_rules! inst_num {
    ($i:expr, $($f:tt)+) => {{
        let i = $i;
        $crate::state::NumLens::new(
            move |p| p.instances.get(i).map(|x| x.$($f)+),
            move |p, v| if let (Some(x), Some(v)) = (p.instances.get_mut(i), v) { x.$($f)+ = v; },
        )
    }};
}

/// Lens on an optional number of instance `i`.
#[macro_export]
macro_rules! inst_opt_num {
    ($i:expr, $($f:tt)+) => {{
        let i = $i;
        $crate::state::NumLens::new(
            move |p| p.instances.get(i).and_then(|x| x.$($f)+),
            move |p, v| if let Some(x) = p.instances.get_mut(i) { x.$($f)+ = v; },
        )
    }};
}

#[macro_export]
macro_rules! inst_text {
    ($i:expr, $($f:tt)+) => {{
        let i = $i;
        $crate::state::TextLens::new(
            move |p| p.instances.get(i).map(|x| x.$($f)+.clone()),
            move |p, v| if let Some(x) = p.instances.get_mut(i) { x.$($f)+ = v; },
        )
    }};
}

/// Lenses on a row of a list of instance `i`: `row_num!(i, workspaces, j, count)`.
#[macro_export]
macro_rules! row_num {
    ($i:expr, $list:ident, $j:expr, $($f:tt)+) => {{
        let (i, j) = ($i, $j);
        $crate::state::NumLens::new(
            move |p| p.instances.get(i).and_then(|x| x.$list.get(j)).map(|x| x.$($f)+),
            move |p, v| if let (Some(x), Some(v)) = (p.instances.get_mut(i).and_then(|x| x.$list.get_mut(j)), v) { x.$($f)+ = v; },
        )
    }};
}

#[macro_export]
macro_rules! row_text {
    ($i:expr, $list:ident, $j:expr, $($f:tt)+) => {{
        let (i, j) = ($i, $j);
        $crate::state::TextLens::new(
            move |p| p.instances.get(i).and_then(|x| x.$list.get(j)).map(|x| x.$($f)+.clone()),
            move |p, v| if let Some(x) = p.instances.get_mut(i).and_then(|x| x.$list.get_mut(j)) { x.$($f)+ = v; },
        )
    }};
}

#[macro_export]
macro_rules! row_bool {
    ($i:expr, $list:ident, $j:expr, $($f:tt)+) => {{
        let (i, j) = ($i, $j);
        $crate::state::BoolLens::new(
            move |p| p.instances.get(i).and_then(|x| x.$list.get(j)).map(|x| x.$($f)+),
            move |p, v| if let Some(x) = p.instances.get_mut(i).and_then(|x| x.$list.get_mut(j)) { x.$($f)+ = v; },
        )
    }};
}

#[macro_export]
macro_rules! row_enum {
    ($i:expr, $list:ident, $j:expr, $($f:tt)+) => {{
        let (i, j) = ($i, $j);
        $crate::state::ChoiceLens::of_enum(
            move |p| p.instances.get(i).and_then(|x| x.$list.get(j)).map(|x| x.$($f)+),
            move |p, v| if let Some(x) = p.instances.get_mut(i).and_then(|x| x.$list.get_mut(j)) { x.$($f)+ = v; },
        )
    }};
}

#[macro_export]
macro_rules! inst_enum {
    ($i:expr, $($f:tt)+) => {{
        let i = $i;
        $crate::state::ChoiceLens::of_enum(
            move |p| p.instances.get(i).map(|x| x.$($f)+),
            move |p, v| if let Some(x) = p.instances.get_mut(i) { x.$($f)+ = v; },
        )
    }};
}

/// Lenses on fields of SQL Server host `h`.
#[macro_export]
macro_rules! host_enum {
    ($h:expr, $($f:tt)+) => {{
        let h = $h;
        $crate::state::ChoiceLens::of_enum(
            move |p| p.sql_hosts.get(h).map(|x| x.$($f)+),
            move |p, v| if let Some(x) = p.sql_hosts.get_mut(h) { x.$($f)+ = v; },
        )
    }};
}
