//! Validation, once: every number of the plan is checked against the field
//! and assumption catalogs, each problem becomes one `invalid-value` finding,
//! and the result is a [`ValidPlan`] that formulas and rules read. Nothing after
//! this phase checks a range by hand: an invalid value reads as `None`.

use crate::assumptions::{Assumptions, Key};
use crate::fields::{
    Access, ConsoleField, FieldDef, HostField, InstanceField, PlanField, SiteField, SiteLinkField,
    VmField, WorkspaceField,
};
use crate::path::FieldPath;
use crate::plan::{Console, Instance, Plan, Site, SiteLink, SqlHost, Vm, Workspace};

use super::{Cx, Subject};
use crate::rules;

/// A number after validation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Checked {
    Valid(f64),
    /// An optional number left empty, or a field that does not apply to its row.
    Absent,
    /// Out of range, not whole or not finite: reported once, read as `None`.
    Invalid,
}

impl Checked {
    pub fn valid(self) -> Option<f64> {
        match self {
            Checked::Valid(v) => Some(v),
            _ => None,
        }
    }
}

/// Numbers of one row, indexed by the catalog's field order.
#[derive(Debug, Clone)]
pub struct Nums(Vec<Checked>);

impl Nums {
    fn get(&self, index: usize) -> Checked {
        self.0.get(index).copied().unwrap_or(Checked::Absent)
    }
}

/// Validated assumption values, indexed like [`Key::ALL`].
#[derive(Debug, Clone)]
pub struct Values(Vec<Option<f64>>);

impl Values {
    pub fn get(&self, key: Key) -> Option<f64> {
        self.0.get(key as usize).copied().flatten()
    }
}

pub struct ValidInstance<'a> {
    pub src: &'a Instance,
    /// Plan assumptions with this instance's overrides, validated.
    pub values: Values,
    nums: Nums,
    workspaces: Vec<Nums>,
    consoles: Vec<Nums>,
    vms: Vec<Nums>,
}

impl ValidInstance<'_> {
    pub fn num(&self, f: InstanceField) -> Option<f64> {
        self.nums.get(f as usize).valid()
    }
    pub fn checked(&self, f: InstanceField) -> Checked {
        self.nums.get(f as usize)
    }
    pub fn workspace(&self, j: usize, f: WorkspaceField) -> Option<f64> {
        self.workspaces
            .get(j)
            .and_then(|n| n.get(f as usize).valid())
    }
    pub fn console(&self, j: usize, f: ConsoleField) -> Option<f64> {
        self.consoles.get(j).and_then(|n| n.get(f as usize).valid())
    }
    pub fn value(&self, k: Key) -> Option<f64> {
        self.values.get(k)
    }
    pub fn vm(&self, j: usize, f: VmField) -> Option<f64> {
        self.vms.get(j).and_then(|n| n.get(f as usize).valid())
    }
}

pub struct ValidHost<'a> {
    pub src: &'a SqlHost,
    nums: Nums,
}

impl ValidHost<'_> {
    pub fn num(&self, f: HostField) -> Option<f64> {
        self.nums.get(f as usize).valid()
    }
    pub fn checked(&self, f: HostField) -> Checked {
        self.nums.get(f as usize)
    }
}

/// The plan with every number validated.
pub struct ValidPlan<'a> {
    pub plan: &'a Plan,
    nums: Nums,
    /// The plan's own assumptions, validated.
    pub base: Values,
    pub instances: Vec<ValidInstance<'a>>,
    pub hosts: Vec<ValidHost<'a>>,
    sites: Vec<Nums>,
    links: Vec<Nums>,
}

impl ValidPlan<'_> {
    pub fn site(&self, k: usize, f: SiteField) -> Option<f64> {
        self.sites.get(k).and_then(|n| n.get(f as usize).valid())
    }
    pub fn link(&self, k: usize, f: SiteLinkField) -> Option<f64> {
        self.links.get(k).and_then(|n| n.get(f as usize).valid())
    }
    pub fn num(&self, f: PlanField) -> Option<f64> {
        self.nums.get(f as usize).valid()
    }
    pub fn checked(&self, f: PlanField) -> Checked {
        self.nums.get(f as usize)
    }
}

/// Validates every number of `plan`, reporting each problem once.
pub fn validate<'a>(plan: &'a Plan, cx: &mut Cx) -> ValidPlan<'a> {
    let nums = row(plan, PlanField::ALL, &Subject::plan(), cx, |f| {
        FieldPath::Plan(f)
    });
    let base = assumptions(&plan.assumptions, cx);
    let instances = plan
        .instances
        .iter()
        .enumerate()
        .map(|(i, inst)| instance(i, inst, &base, cx))
        .collect();
    let hosts = plan
        .sql_hosts
        .iter()
        .enumerate()
        .map(|(h, host)| ValidHost {
            src: host,
            nums: row(
                host,
                HostField::ALL,
                &Subject::host(&host.id, host.display_name()),
                cx,
                |f| FieldPath::Host(h, f),
            ),
        })
        .collect();
    let sites = plan
        .sites
        .iter()
        .enumerate()
        .map(|(k, site)| {
            let who = Subject::named(site.display_name(), crate::report::SubjectKind::Site);
            row(site, SiteField::ALL, &who, cx, |f| FieldPath::Site(k, f))
        })
        .collect();
    let links = plan
        .site_links
        .iter()
        .enumerate()
        .map(|(k, link)| {
            row(link, SiteLinkField::ALL, &Subject::plan(), cx, |f| {
                FieldPath::SiteLink(k, f)
            })
        })
        .collect();
    ValidPlan {
        plan,
        nums,
        base,
        instances,
        hosts,
        sites,
        links,
    }
}

/// The catalog's fields of one kind of row.
trait Catalog: Copy + 'static {
    type Row: 'static;
    fn def(self) -> &'static FieldDef<Self::Row>;
}

macro_rules! catalog_impl {
    ($($K:ty => $T:ty),*) => { $( impl Catalog for $K {
        type Row = $T;
        fn def(self) -> &'static FieldDef<$T> { <$K>::def(self) }
    } )* };
}
catalog_impl!(
    PlanField => Plan,
    InstanceField => Instance,
    WorkspaceField => Workspace,
    ConsoleField => Console,
    VmField => Vm,
    HostField => SqlHost,
    SiteField => Site,
    SiteLinkField => SiteLink
);

fn row<K: Catalog>(
    value: &K::Row,
    fields: &[K],
    who: &Subject,
    cx: &mut Cx,
    path: impl Fn(K) -> FieldPath,
) -> Nums {
    Nums(
        fields
            .iter()
            .map(|&f| {
                let d = f.def();
                match d.access {
                    Access::Number { get, range, .. } if (d.applies)(value) => match get(value) {
                        None => Checked::Absent,
                        Some(v) => match range.problem(d.label, d.unit, v) {
                            None => Checked::Valid(v),
                            Some(problem) => {
                                invalid(cx, who, path(f), problem);
                                Checked::Invalid
                            }
                        },
                    },
                    _ => Checked::Absent,
                }
            })
            .collect(),
    )
}

fn invalid(cx: &mut Cx, who: &Subject, field: FieldPath, problem: String) {
    let message = match who.kind {
        crate::report::SubjectKind::Plan => format!("{problem}."),
        _ => format!("{}: {problem}.", who.name),
    };
    cx.push(rules::INVALID_VALUE, who, Some(field), message);
}

fn check_assumption(
    cx: &mut Cx,
    who: &Subject,
    key: Key,
    value: f64,
    field: FieldPath,
) -> Option<f64> {
    let info = key.info();
    let range = crate::fields::Range::new(info.min, info.max, info.whole);
    match range.problem(info.label, info.unit, value) {
        None => Some(value),
        Some(problem) => {
            invalid(cx, who, field, problem);
            None
        }
    }
}

fn assumptions(a: &Assumptions, cx: &mut Cx) -> Values {
    Values(
        Key::ALL
            .iter()
            .map(|&k| check_assumption(cx, &Subject::plan(), k, a.get(k), FieldPath::Assumption(k)))
            .collect(),
    )
}

fn instance<'a>(i: usize, inst: &'a Instance, base: &Values, cx: &mut Cx) -> ValidInstance<'a> {
    let who = Subject::instance(inst);
    let values = Values(
        Key::ALL
            .iter()
            .map(|&k| match inst.overrides.get(k) {
                Some(v) => check_assumption(cx, &who, k, v, FieldPath::Override(i, k)),
                None => base.get(k),
            })
            .collect(),
    );
    let nums = row(inst, InstanceField::ALL, &who, cx, |f| {
        FieldPath::Instance(i, f)
    });
    let workspaces = inst
        .workspaces
        .iter()
        .enumerate()
        .map(|(j, w)| {
            row(w, WorkspaceField::ALL, &who, cx, |f| {
                FieldPath::Workspace(i, j, f)
            })
        })
        .collect();
    let consoles = inst
        .consoles
        .iter()
        .enumerate()
        .map(|(j, c)| {
            row(c, ConsoleField::ALL, &who, cx, |f| {
                FieldPath::Console(i, j, f)
            })
        })
        .collect();
    let vms = inst
        .vms
        .iter()
        .enumerate()
        .map(|(j, v)| row(v, VmField::ALL, &who, cx, |f| FieldPath::Vm(i, j, f)))
        .collect();
    ValidInstance {
        src: inst,
        values,
        nums,
        workspaces,
        consoles,
        vms,
    }
}

#[cfg(test)]
impl<'a> ValidInstance<'a> {
    /// An instance whose numbers skip the ranges, to test the guards behind them.
    pub fn unchecked(src: &'a Instance, assumptions: &Assumptions) -> Self {
        let nums = Nums(
            InstanceField::ALL
                .iter()
                .map(|f| match f.def().access {
                    Access::Number { get, .. } => get(src).map_or(Checked::Absent, Checked::Valid),
                    _ => Checked::Absent,
                })
                .collect(),
        );
        let values = Key::ALL
            .iter()
            .map(|&k| Some(src.overrides.get(k).unwrap_or(assumptions.get(k))))
            .collect();
        Self {
            src,
            values: Values(values),
            nums,
            workspaces: Vec::new(),
            consoles: Vec::new(),
            vms: Vec::new(),
        }
    }
}
