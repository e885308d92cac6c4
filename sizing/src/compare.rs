//! Two plans side by side: their verdicts, their bills of materials with the
//! differences marked, every figure with both values and the difference, the
//! findings only one of them has, and the inputs that differ — rows matched by
//! id, then by name. The page, `medv-plan diff` (JSON and Markdown) and the
//! tests read the same [`Comparison`]. Comparing reads both plans and changes
//! neither.

use std::collections::HashMap;
use std::fmt::Write;

use serde::Serialize;

use crate::assumptions::Key;
use crate::fields::{
    ConsoleField, FieldDef, HostField, InstanceField, PlanField, SiteField, SiteLinkField, VmField,
    WorkspaceField,
};
use crate::figures::{self, Figure, Format};
use crate::plan::Plan;
use crate::render::md_text;
use crate::render_summary::{bom_rows, deployment_line, line_word, BomKind, SubjectNames};
use crate::report::{Finding, LineStatus, Report, Status, SubjectKind};
use crate::rules::Severity;

/// The `format` tag of a comparison document.
pub const COMPARISON_FORMAT: &str = "medv-comparison";

/// How a row, a figure or an input differs from plan A to plan B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Same,
    Changed,
    /// Only in plan B.
    Added,
    /// Only in plan A.
    Removed,
}

impl Change {
    pub fn word(self) -> &'static str {
        match self {
            Change::Same => "same",
            Change::Changed => "changed",
            Change::Added => "only in B",
            Change::Removed => "only in A",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub format: &'static str,
    pub a: Side,
    pub b: Side,
    /// Every row of either bill of materials, A's order first.
    pub bom: Vec<BomChange>,
    /// Every figure of either plan: the plan's totals, then each instance's,
    /// then each SQL Server host's.
    pub figures: Vec<FigureChange>,
    pub findings_only_in_a: Vec<FindingNote>,
    pub findings_only_in_b: Vec<FindingNote>,
    /// The inputs that differ (rows added, removed or with fields changed).
    pub inputs: Vec<InputChange>,
}

/// One plan's verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub plan_name: String,
    pub status: Status,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// "3 MED-V servers · 1 SQL Server host …".
    pub deployment: String,
}

/// A row of the bill of materials in A, in B or in both.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BomChange {
    /// `server`, `sql` or `consoles`.
    pub kind: &'static str,
    pub id: String,
    pub site: String,
    pub machine: String,
    pub a: Option<BomSide>,
    pub b: Option<BomSide>,
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BomSide {
    pub entered: String,
    pub needed: String,
    pub status: LineStatus,
}

/// What a figure belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureChange {
    /// `plan`, `instance` or `sql_host`.
    pub subject_kind: SubjectKind,
    /// The instance's or host's id (B's when it is only in B); empty for the plan.
    pub subject: String,
    pub subject_name: String,
    /// The figure catalog's key (`database_bytes`).
    pub key: &'static str,
    pub label: &'static str,
    pub a: Option<f64>,
    pub b: Option<f64>,
    /// As people read them; `not computable` or empty when absent.
    pub a_text: String,
    pub b_text: String,
    /// B − A, when both are known.
    pub delta: Option<f64>,
    /// The difference as a percentage of A, when A is not zero.
    pub percent: Option<f64>,
    /// The difference as people read it ("+175.5 MB", "−0.57 IOPS").
    pub delta_text: String,
    pub change: Change,
}

/// A finding that only one plan has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingNote {
    pub rule: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    pub subject_kind: SubjectKind,
    pub subject: String,
    pub subject_name: String,
    pub message: String,
}

/// What kind of input row changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    Plan,
    Assumptions,
    Site,
    SiteLink,
    SqlHost,
    Instance,
    Workspace,
    Vm,
    Console,
}

impl InputKind {
    pub fn word(self) -> &'static str {
        match self {
            InputKind::Plan => "Plan",
            InputKind::Assumptions => "Assumptions",
            InputKind::Site => "Site",
            InputKind::SiteLink => "Link between sites",
            InputKind::SqlHost => "SQL Server host",
            InputKind::Instance => "Instance",
            InputKind::Workspace => "Workspace",
            InputKind::Vm => "VM",
            InputKind::Console => "Console",
        }
    }
}

/// An input row added, removed or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputChange {
    pub kind: InputKind,
    /// Its name (its id when it has no name); B's when it is only in B.
    pub name: String,
    pub id: Option<String>,
    /// The instance it belongs to (workspaces, VMs, consoles).
    pub within: Option<String>,
    pub change: Change,
    /// For a changed row, the fields that differ.
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The JSON path below its row (`server.cpu_ghz`, `overrides.retention_days`).
    pub field: String,
    pub label: &'static str,
    pub a: String,
    pub b: String,
}

/// Compares plan A with plan B, given their reports.
pub fn compare(a: &Plan, ra: &Report, b: &Plan, rb: &Report) -> Comparison {
    Comparison {
        format: COMPARISON_FORMAT,
        a: side(a, ra),
        b: side(b, rb),
        bom: bom(ra, rb),
        figures: all_figures(ra, rb),
        findings_only_in_a: only_in(ra, rb),
        findings_only_in_b: only_in(rb, ra),
        inputs: inputs(a, b),
    }
}

fn side(p: &Plan, r: &Report) -> Side {
    Side {
        plan_name: p.name.clone(),
        status: r.summary.status,
        errors: r.summary.errors,
        warnings: r.summary.warnings,
        infos: r.summary.infos,
        deployment: deployment_line(&r.summary.totals),
    }
}

/// Pairs rows of A and B: the same id first, then the same name (ignoring case
/// and surrounding spaces) among the rows left, then rows with neither, in
/// order. A's rows in order, then B's rows that match none.
fn pair<T>(
    a: &[T],
    b: &[T],
    id: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> &str,
) -> Vec<(Option<usize>, Option<usize>)> {
    let mut taken = vec![false; b.len()];
    let mut matched: Vec<Option<usize>> = vec![None; a.len()];
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, y) in b.iter().enumerate().rev() {
        let key = id(y);
        if !key.is_empty() {
            by_id.entry(key).or_default().push(j);
        }
    }
    for (i, x) in a.iter().enumerate() {
        if let Some(j) = by_id.get_mut(id(x)).and_then(Vec::pop) {
            matched[i] = Some(j);
            taken[j] = true;
        }
    }
    let norm = |s: &str| s.trim().to_lowercase();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, y) in b.iter().enumerate().rev() {
        let n = norm(name(y));
        if !taken[j] && !n.is_empty() {
            by_name.entry(n).or_default().push(j);
        }
    }
    for (i, x) in a.iter().enumerate() {
        if matched[i].is_none() {
            if let Some(j) = by_name.get_mut(&norm(name(x))).and_then(Vec::pop) {
                matched[i] = Some(j);
                taken[j] = true;
            }
        }
    }
    // Rows with neither id nor name (a workspace not yet named) pair in order.
    let blank = |id: &str, name: &str| id.is_empty() && norm(name).is_empty();
    let spare: Vec<usize> = (0..b.len())
        .filter(|&j| !taken[j] && blank(id(&b[j]), name(&b[j])))
        .collect();
    let mut spare = spare.into_iter();
    for (i, x) in a.iter().enumerate() {
        if matched[i].is_none() && blank(id(x), name(x)) {
            if let Some(j) = spare.next() {
                matched[i] = Some(j);
                taken[j] = true;
            }
        }
    }
    let mut out: Vec<_> = matched
        .into_iter()
        .enumerate()
        .map(|(i, j)| (Some(i), j))
        .collect();
    out.extend((0..b.len()).filter(|&j| !taken[j]).map(|j| (None, Some(j))));
    out
}

fn bom(ra: &Report, rb: &Report) -> Vec<BomChange> {
    fn rows(r: &Report) -> Vec<(String, crate::render_summary::BomRow)> {
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for bill in &r.summary.sites {
            for row in bom_rows(bill, &mut seen) {
                out.push((bill.name.clone(), row));
            }
        }
        out
    }
    let (xa, xb) = (rows(ra), rows(rb));
    let key = |(_, r): &(String, crate::render_summary::BomRow)| (r.kind, r.id.clone());
    let at_b: HashMap<(BomKind, String), usize> =
        xb.iter().enumerate().map(|(j, r)| (key(r), j)).collect();
    let mut used = vec![false; xb.len()];
    let bside = |r: &crate::render_summary::BomRow| BomSide {
        entered: r.entered.clone(),
        needed: r.needed.clone(),
        status: r.status,
    };
    let mut out = Vec::new();
    for x in &xa {
        let j = at_b.get(&key(x)).copied();
        if let Some(j) = j {
            used[j] = true;
        }
        let (site, row) = x;
        let other = j.map(|j| &xb[j]);
        let (a, b) = (Some(bside(row)), other.map(|(_, r)| bside(r)));
        let change = match (&a, &b) {
            (_, None) => Change::Removed,
            (a, b)
                if a == b
                    && other.is_some_and(|(s, r)| *s == *site && r.machine == row.machine) =>
            {
                Change::Same
            }
            _ => Change::Changed,
        };
        out.push(BomChange {
            kind: row.kind.key(),
            id: row.id.clone(),
            site: other.map_or_else(|| site.clone(), |(s, _)| s.clone()),
            machine: other.map_or_else(|| row.machine.clone(), |(_, r)| r.machine.clone()),
            a,
            b,
            change,
        });
    }
    for (j, (site, row)) in xb.iter().enumerate() {
        if !used[j] {
            out.push(BomChange {
                kind: row.kind.key(),
                id: row.id.clone(),
                site: site.clone(),
                machine: row.machine.clone(),
                a: None,
                b: Some(bside(row)),
                change: Change::Added,
            });
        }
    }
    out
}

fn figure_change<R>(
    f: &'static Figure<R>,
    kind: SubjectKind,
    subject: &str,
    name: &str,
    a: Option<&R>,
    b: Option<&R>,
) -> FigureChange {
    let (va, vb) = (a.and_then(|r| (f.get)(r)), b.and_then(|r| (f.get)(r)));
    let text = |present: bool, v: Option<f64>| match (present, v) {
        (false, _) => String::new(),
        (true, None) => "not computable".to_string(),
        (true, Some(v)) => f.format.write(v),
    };
    let delta = va.zip(vb).map(|(x, y)| y - x).filter(|d| d.is_finite());
    let percent = va
        .zip(delta)
        .filter(|(x, _)| *x != 0.0)
        .map(|(x, d)| d / x.abs() * 100.0)
        .filter(|p| p.is_finite());
    FigureChange {
        subject_kind: kind,
        subject: subject.to_string(),
        subject_name: name.to_string(),
        key: f.key,
        label: f.label,
        a: va,
        b: vb,
        a_text: text(a.is_some(), va),
        b_text: text(b.is_some(), vb),
        delta,
        percent,
        delta_text: delta.map_or_else(String::new, |d| signed(f.format, d)),
        change: match (a.is_some(), b.is_some()) {
            (true, false) => Change::Removed,
            (false, true) => Change::Added,
            _ if !differ(va, vb) => Change::Same,
            _ => Change::Changed,
        },
    }
}

/// A difference with its sign: `+175.5 MB`, `−0.57 IOPS`, `0`.
pub fn signed(format: Format, d: f64) -> String {
    let magnitude = format.write(d.abs());
    let magnitude = if format == Format::Iops {
        format!("{magnitude} IOPS")
    } else {
        magnitude
    };
    if d > 0.0 {
        format!("+{magnitude}")
    } else if d < 0.0 {
        format!("−{magnitude}")
    } else {
        magnitude
    }
}

fn all_figures(ra: &Report, rb: &Report) -> Vec<FigureChange> {
    let mut out: Vec<FigureChange> = figures::PLAN
        .iter()
        .map(|f| figure_change(f, SubjectKind::Plan, "", "The plan", Some(ra), Some(rb)))
        .collect();
    for (i, j) in pair(&ra.instances, &rb.instances, |x| &x.id, |x| &x.name) {
        let (a, b) = (i.map(|i| &ra.instances[i]), j.map(|j| &rb.instances[j]));
        let Some(r) = b.or(a) else { continue };
        for f in figures::INSTANCE {
            out.push(figure_change(
                f,
                SubjectKind::Instance,
                &r.id,
                &r.name,
                a,
                b,
            ));
        }
        drop_absent(&mut out);
    }
    for (i, j) in pair(&ra.sql_hosts, &rb.sql_hosts, |x| &x.id, |x| &x.name) {
        let (a, b) = (i.map(|i| &ra.sql_hosts[i]), j.map(|j| &rb.sql_hosts[j]));
        let Some(r) = b.or(a) else { continue };
        for f in figures::HOST {
            out.push(figure_change(f, SubjectKind::SqlHost, &r.id, &r.name, a, b));
        }
        drop_absent(&mut out);
    }
    out
}

/// A subject only one plan has lists the figures it has there (a host's
/// existing load, when none is given, is not a figure it has).
fn drop_absent(out: &mut Vec<FigureChange>) {
    out.retain(|f| matches!(f.change, Change::Same | Change::Changed) || f.a.or(f.b).is_some());
}

/// Findings of `x` that `y` has not: matched by rule, subject and field (the
/// message, which quotes figures, may differ), as many times as each occurs.
fn only_in(x: &Report, y: &Report) -> Vec<FindingNote> {
    type K<'a> = (
        &'static str,
        SubjectKind,
        &'a str,
        Option<(&'static str, &'static str)>,
    );
    fn key(f: &Finding) -> K<'_> {
        (
            f.rule,
            f.subject_kind,
            f.subject.as_str(),
            f.field.as_ref().map(|p| p.label()),
        )
    }
    let mut left: HashMap<K<'_>, usize> = HashMap::new();
    for f in &y.findings {
        *left.entry(key(f)).or_default() += 1;
    }
    let names = SubjectNames::new(x);
    x.findings
        .iter()
        .filter(|f| match left.get_mut(&key(f)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .map(|f| FindingNote {
            rule: f.rule,
            title: crate::rules::by_id(f.rule).map_or("", |r| r.title),
            severity: f.severity,
            subject_kind: f.subject_kind,
            subject: f.subject.clone(),
            subject_name: names.of(f),
            message: f.message.clone(),
        })
        .collect()
}

/// The fields of a catalog that differ between two rows.
fn field_changes<T, K: Copy>(
    all: &[K],
    def: fn(K) -> &'static FieldDef<T>,
    a: &T,
    b: &T,
) -> Vec<FieldChange> {
    all.iter()
        .filter_map(|&k| {
            let d = def(k);
            let (x, y) = (d.shown(a)?, d.shown(b)?);
            (x != y).then(|| FieldChange {
                field: d.name.to_string(),
                label: d.label,
                a: x,
                b: y,
            })
        })
        .collect()
}

/// Rows of one kind: added, removed, or changed in the fields `diff` finds.
#[allow(clippy::too_many_arguments)]
fn rows<T>(
    out: &mut Vec<InputChange>,
    kind: InputKind,
    within: Option<&str>,
    a: &[T],
    b: &[T],
    id: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> &str,
    mut diff: impl FnMut(&mut Vec<InputChange>, &T, &T) -> Vec<FieldChange>,
) {
    for (i, j) in pair(a, b, &id, &name) {
        let (x, y) = (i.map(|i| &a[i]), j.map(|j| &b[j]));
        let Some(r) = y.or(x) else { continue };
        let shown = if name(r).trim().is_empty() {
            id(r)
        } else {
            name(r)
        };
        let mut change = InputChange {
            kind,
            name: crate::units::one_line(shown, 200),
            id: Some(id(r).to_string()).filter(|s| !s.is_empty()),
            within: within.map(str::to_string),
            change: Change::Changed,
            fields: Vec::new(),
        };
        match (x, y) {
            (Some(x), Some(y)) => {
                // The row's own line comes before its sub-rows' lines.
                let at = out.len();
                change.fields = diff(out, x, y);
                if !change.fields.is_empty() {
                    out.insert(at, change);
                }
            }
            (Some(_), None) => out.push(InputChange {
                change: Change::Removed,
                ..change
            }),
            (None, _) => out.push(InputChange {
                change: Change::Added,
                ..change
            }),
        }
    }
}

fn inputs(a: &Plan, b: &Plan) -> Vec<InputChange> {
    let mut out = Vec::new();
    let plan_fields = field_changes(PlanField::ALL, PlanField::def, a, b);
    if !plan_fields.is_empty() {
        out.push(InputChange {
            kind: InputKind::Plan,
            name: crate::units::one_line(&b.name, 200),
            id: None,
            within: None,
            change: Change::Changed,
            fields: plan_fields,
        });
    }
    let assumed: Vec<FieldChange> = Key::ALL
        .iter()
        .filter_map(|&k| {
            let info = k.info();
            let (x, y) = (a.assumptions.get(k), b.assumptions.get(k));
            differ(Some(x), Some(y)).then(|| FieldChange {
                field: info.name.to_string(),
                label: info.label,
                a: with_unit(Some(x), info.unit),
                b: with_unit(Some(y), info.unit),
            })
        })
        .collect();
    if !assumed.is_empty() {
        out.push(InputChange {
            kind: InputKind::Assumptions,
            name: "Assumptions".to_string(),
            id: None,
            within: None,
            change: Change::Changed,
            fields: assumed,
        });
    }
    let none = None;
    rows(
        &mut out,
        InputKind::Site,
        none,
        &a.sites,
        &b.sites,
        |s| &s.id,
        |s| &s.name,
        |_, x, y| field_changes(SiteField::ALL, SiteField::def, x, y),
    );
    let link_key = |l: &crate::plan::SiteLink| {
        if l.a <= l.b {
            format!("{}↔{}", l.a, l.b)
        } else {
            format!("{}↔{}", l.b, l.a)
        }
    };
    let (la, lb): (Vec<_>, Vec<_>) = (
        a.site_links.iter().map(|l| (link_key(l), l)).collect(),
        b.site_links.iter().map(|l| (link_key(l), l)).collect(),
    );
    rows(
        &mut out,
        InputKind::SiteLink,
        none,
        &la,
        &lb,
        |l| &l.0,
        |l| &l.0,
        |_, x, y| field_changes(SiteLinkField::ALL, SiteLinkField::def, x.1, y.1),
    );
    rows(
        &mut out,
        InputKind::SqlHost,
        none,
        &a.sql_hosts,
        &b.sql_hosts,
        |h| &h.id,
        |h| &h.name,
        |_, x, y| field_changes(HostField::ALL, HostField::def, x, y),
    );
    rows(
        &mut out,
        InputKind::Instance,
        none,
        &a.instances,
        &b.instances,
        |i| &i.id,
        |i| &i.name,
        |out, x, y| {
            let within = Some(if y.name.trim().is_empty() {
                y.id.as_str()
            } else {
                y.name.as_str()
            });
            rows(
                out,
                InputKind::Workspace,
                within,
                &x.workspaces,
                &y.workspaces,
                |w| &w.name,
                |w| &w.name,
                |_, p, q| field_changes(WorkspaceField::ALL, WorkspaceField::def, p, q),
            );
            rows(
                out,
                InputKind::Vm,
                within,
                &x.vms,
                &y.vms,
                |v| &v.name,
                |v| &v.name,
                |_, p, q| field_changes(VmField::ALL, VmField::def, p, q),
            );
            rows(
                out,
                InputKind::Console,
                within,
                &x.consoles,
                &y.consoles,
                |c| &c.name,
                |c| &c.name,
                |_, p, q| field_changes(ConsoleField::ALL, ConsoleField::def, p, q),
            );
            let mut fields = field_changes(InstanceField::ALL, InstanceField::def, x, y);
            for &k in Key::ALL.iter().filter(|k| k.info().per_instance) {
                let (p, q) = (x.overrides.get(k), y.overrides.get(k));
                if differ(p, q) {
                    let info = k.info();
                    fields.push(FieldChange {
                        field: format!("overrides.{}", info.name),
                        label: info.label,
                        a: with_unit(p, info.unit),
                        b: with_unit(q, info.unit),
                    });
                }
            }
            fields
        },
    );
    out
}

/// Two numbers differ; not-a-number (in a plan that does not validate) equals itself.
fn differ(x: Option<f64>, y: Option<f64>) -> bool {
    match (x, y) {
        (Some(x), Some(y)) => x != y && !(x.is_nan() && y.is_nan()),
        (x, y) => x.is_some() != y.is_some(),
    }
}

fn with_unit(v: Option<f64>, unit: &str) -> String {
    match v {
        None => "the plan's value".to_string(),
        Some(v) if unit.is_empty() => crate::input::format_number(v),
        Some(v) => format!("{} {unit}", crate::input::format_number(v)),
    }
}

/// Both plans' SQL Server hosts in one report, for the size and IOPS charts:
/// each host of A beside its match in B, named `A · <name>` and `B · <name>`
/// (ids `A:<id>`, `B:<id>`), with their retention series in the same order.
/// Nothing else of either report is in it.
pub fn side_by_side(ra: &Report, rb: &Report) -> Report {
    let mut out = Report {
        format: crate::report::REPORT_FORMAT,
        rules_version: crate::report::RULES_VERSION,
        plan_name: format!("{} / {}", ra.plan_name, rb.plan_name),
        summary: Default::default(),
        instance_count: ra.instance_count.clone(),
        sites: Vec::new(),
        instances: Vec::new(),
        sql_hosts: Vec::new(),
        findings: Vec::new(),
        charts: Default::default(),
    };
    let mut add = |side: &str, r: &Report, k: usize| {
        let h = &r.sql_hosts[k];
        let id = format!("{side}:{}", h.id);
        out.sql_hosts.push(crate::report::HostReport {
            id: id.clone(),
            name: format!("{side} · {}", h.name),
            math: Vec::new(),
            ..h.clone()
        });
        for s in r
            .charts
            .database_by_retention
            .iter()
            .filter(|s| s.host_id == h.id)
        {
            out.charts
                .database_by_retention
                .push(crate::report::RetentionSeries {
                    host_id: id.clone(),
                    ..s.clone()
                });
        }
    };
    for (i, j) in pair(&ra.sql_hosts, &rb.sql_hosts, |x| &x.id, |x| &x.name) {
        if let Some(i) = i {
            add("A", ra, i);
        }
        if let Some(j) = j {
            add("B", rb, j);
        }
    }
    out
}

impl Comparison {
    /// The figures that differ.
    pub fn changed_figures(&self) -> impl Iterator<Item = &FigureChange> {
        self.figures.iter().filter(|f| f.change != Change::Same)
    }

    /// The figure `key` of the subject `subject` (empty for the plan).
    pub fn figure(&self, subject: &str, key: &str) -> Option<&FigureChange> {
        self.figures
            .iter()
            .find(|f| f.subject == subject && f.key == key)
    }
}

/// The percentage of a difference as people read it: `+4.8 %`.
pub fn percent_text(p: Option<f64>) -> String {
    p.map_or_else(String::new, |p| {
        let t = crate::units::trim_zeros(crate::units::grouped(p.abs(), 1));
        match p {
            p if p > 0.0 => format!("+{t} %"),
            p if p < 0.0 => format!("−{t} %"),
            _ => format!("{t} %"),
        }
    })
}

/// The comparison as a Markdown document: verdicts, the bills of materials,
/// the figures that differ, the findings only one plan has, the inputs that
/// differ. Plan text is escaped as in the design document.
pub fn markdown(c: &Comparison) -> String {
    let mut md = String::new();
    let (a, b) = (&c.a, &c.b);
    let _ = writeln!(
        md,
        "# Comparison: {} (A) and {} (B)\n",
        md_text(&a.plan_name),
        md_text(&b.plan_name)
    );
    md.push_str("| | A | B |\n|---|---|---|\n");
    let _ = writeln!(
        md,
        "| Plan | {} | {} |",
        md_text(&a.plan_name),
        md_text(&b.plan_name)
    );
    let _ = writeln!(
        md,
        "| Verdict | {} | {} |",
        a.status.word(),
        b.status.word()
    );
    let _ = writeln!(
        md,
        "| Errors, warnings, notes | {}, {}, {} | {}, {}, {} |",
        a.errors, a.warnings, a.infos, b.errors, b.warnings, b.infos
    );
    let _ = writeln!(md, "| Deploy | {} | {} |\n", a.deployment, b.deployment);

    md.push_str(
        "## What to deploy\n\n| Site | Machine | A | B | Difference |\n|---|---|---|---|---|\n",
    );
    let cell = |s: &Option<BomSide>| {
        s.as_ref().map_or_else(
            || "—".to_string(),
            |s| {
                format!(
                    "{}; needs {} ({})",
                    md_text(&s.entered),
                    md_text(&s.needed),
                    line_word(s.status)
                )
            },
        )
    };
    for r in &c.bom {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            md_text(&r.site),
            md_text(&r.machine),
            cell(&r.a),
            cell(&r.b),
            r.change.word()
        );
    }

    md.push_str("\n## Figures that differ\n\n");
    let changed: Vec<_> = c.changed_figures().collect();
    if changed.is_empty() {
        md.push_str("Every figure is the same in both plans.\n");
    } else {
        md.push_str("| Of | Figure | A | B | Difference | % |\n|---|---|---|---|---|---|\n");
        for f in changed {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} |",
                md_text(&f.subject_name),
                f.label,
                or_dash(&f.a_text),
                or_dash(&f.b_text),
                if f.delta_text.is_empty() {
                    f.change.word().to_string()
                } else {
                    f.delta_text.clone()
                },
                percent_text(f.percent)
            );
        }
    }
    let same = c.figures.len() - c.changed_figures().count();
    let _ = writeln!(md, "\n{same} other figures are the same in both plans.\n");

    for (title, list) in [
        ("Findings only in A", &c.findings_only_in_a),
        ("Findings only in B", &c.findings_only_in_b),
    ] {
        let _ = writeln!(md, "## {title}\n");
        if list.is_empty() {
            md.push_str("None.\n\n");
        }
        for f in list {
            let _ = writeln!(
                md,
                "- **{}** `{}` ({}): {}",
                f.severity.label(),
                f.rule,
                md_text(&f.subject_name),
                md_text(&f.message)
            );
        }
        if !list.is_empty() {
            md.push('\n');
        }
    }

    md.push_str("## Inputs that differ\n\n");
    if c.inputs.is_empty() {
        md.push_str("The inputs are the same.\n");
    }
    for i in &c.inputs {
        let within = i
            .within
            .as_ref()
            .map_or_else(String::new, |w| format!(" of {}", md_text(w)));
        let _ = writeln!(
            md,
            "- {} **{}**{within}: {}",
            i.kind.word(),
            md_text(&i.name),
            i.change.word()
        );
        for f in &i.fields {
            let _ = writeln!(md, "  - {}: {} → {}", f.label, md_text(&f.a), md_text(&f.b));
        }
    }
    md
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "—"
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_pair_by_id_then_by_name() {
        let a = [("x", "One"), ("y", "Two"), ("z", "Three")];
        let b = [("q", " two "), ("x", "Renamed"), ("w", "Four")];
        let p = pair(&a, &b, |r| r.0, |r| r.1);
        assert_eq!(
            p,
            vec![
                (Some(0), Some(1)),
                (Some(1), Some(0)),
                (Some(2), None),
                (None, Some(2))
            ]
        );
    }

    #[test]
    fn the_charts_put_each_host_of_a_beside_its_match_in_b() {
        let a = crate::worked_example();
        let mut b = a.clone();
        b.sql_hosts.reverse();
        let r = side_by_side(&crate::analyze(&a), &crate::analyze(&b));
        let ids: Vec<_> = r.sql_hosts.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["A:A", "B:A", "A:B", "B:B"]);
        assert_eq!(r.sql_hosts[1].name, "B · SQL host A");
        let series: Vec<_> = r
            .charts
            .database_by_retention
            .iter()
            .map(|s| s.host_id.as_str())
            .collect();
        assert_eq!(series, ids);
    }

    #[test]
    fn a_plan_compared_with_itself_differs_nowhere() {
        let p = crate::worked_example();
        let r = crate::analyze(&p);
        let c = compare(&p, &r, &p, &r);
        assert!(c.inputs.is_empty());
        assert!(c.findings_only_in_a.is_empty() && c.findings_only_in_b.is_empty());
        assert_eq!(c.changed_figures().count(), 0);
        assert!(c.bom.iter().all(|r| r.change == Change::Same));
    }
}
