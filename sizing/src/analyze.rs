//! `analyze(&Plan) -> Report`: validates every input, computes every figure that
//! can still be computed, and checks every rule, returning all findings at once.
//! It never panics and never returns a non-finite figure (those become `None`).

use std::collections::{BTreeMap, HashMap};

use crate::assumptions::{Assumptions, Key};
use crate::fields::{self, Limits};
use crate::formulas as f;
use crate::plan::{
    Instance, OfflinePolicy, Placement, Plan, ServerForm, SqlEdition, SqlFaultTolerance, SqlHost,
    StandbyMode, PLAN_FORMAT, PLAN_VERSION,
};
use crate::report::*;
use crate::rules::{self, Rule, Severity};
use crate::units::{bytes_exact, count, grouped, hours, iops};

/// Analyzes a plan. See the module docs.
pub fn analyze(plan: &Plan) -> Report {
    let mut cx = Cx::default();
    check_plan_header(plan, &mut cx);
    let base = validate_assumptions(&plan.assumptions, &mut cx);
    let standard_ram = cx.num(
        plan.standard_server_ram_gb,
        fields::STANDARD_RAM_GB,
        Subject::plan(),
        "standard_server_ram_gb".into(),
    );
    let typical_ram = cx.num(
        plan.typical_client.ram_gb,
        fields::CLIENT_RAM_GB,
        Subject::plan(),
        "typical_client.ram_gb".into(),
    );
    let typical_cpu = cx.num(
        plan.typical_client.cpu_ghz,
        fields::CLIENT_CPU_GHZ,
        Subject::plan(),
        "typical_client.cpu_ghz".into(),
    );
    let instance_count = instance_count(plan, &mut cx);
    check_ids(plan, &mut cx);
    check_duplicate_names(plan, &mut cx);

    let host_index: HashMap<&str, usize> = plan
        .sql_hosts
        .iter()
        .enumerate()
        .rev()
        .map(|(i, h)| (h.id.as_str(), i))
        .collect();

    // Figures per instance (validating their inputs), then hosts, then the rules
    // that need both.
    let mut computed: Vec<Computed> = plan
        .instances
        .iter()
        .enumerate()
        .map(|(i, inst)| compute_instance(plan, i, inst, &base, &host_index, &mut cx))
        .collect();
    let mut hosts = build_hosts(plan, &computed, &base);
    for host in &mut hosts {
        host.report.math = host_math(&host.report);
    }
    for (i, c) in computed.iter_mut().enumerate() {
        c.report.server_form_factor = form_factor(plan, i, c, &hosts, &base, standard_ram);
    }
    for (i, c) in computed.iter().enumerate() {
        instance_rules(plan, i, c, standard_ram, typical_ram, typical_cpu, &mut cx);
    }
    for host in &hosts {
        host_rules(plan, host, &computed, &base, &mut cx);
    }

    let charts = Charts {
        database_by_retention: hosts
            .iter()
            .filter_map(|h| retention_series(h, &computed))
            .collect(),
        backlog_by_outage: computed.iter().filter_map(backlog_series).collect(),
    };
    let mut findings = cx.findings;
    findings.sort_by_key(|f| f.severity);
    let summary = Summary {
        errors: findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count(),
        warnings: findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count(),
        infos: findings
            .iter()
            .filter(|f| f.severity == Severity::Info)
            .count(),
    };
    Report {
        format: REPORT_FORMAT,
        rules_version: RULES_VERSION,
        plan_name: plan.name.clone(),
        summary,
        instance_count,
        instances: computed.into_iter().map(|c| c.report).collect(),
        sql_hosts: hosts.into_iter().map(|h| h.report).collect(),
        findings,
        charts,
    }
}

// ---------------------------------------------------------------- context

#[derive(Default)]
struct Cx {
    findings: Vec<Finding>,
}

#[derive(Clone)]
struct Subject {
    id: String,
    kind: SubjectKind,
}

impl Subject {
    fn plan() -> Self {
        Subject {
            id: "plan".into(),
            kind: SubjectKind::Plan,
        }
    }
    fn instance(inst: &Instance) -> Self {
        Subject {
            id: inst.id.clone(),
            kind: SubjectKind::Instance,
        }
    }
    fn host(id: &str) -> Self {
        Subject {
            id: id.to_string(),
            kind: SubjectKind::SqlHost,
        }
    }
}

impl Cx {
    fn push(&mut self, rule: Rule, subject: &Subject, field: Option<String>, message: String) {
        self.findings.push(Finding {
            rule: rule.id,
            severity: rule.severity,
            subject: subject.id.clone(),
            subject_kind: subject.kind,
            field,
            message,
            source: rule.source,
        });
    }

    /// The value when valid; otherwise an `invalid-value` finding and `None`.
    fn num(&mut self, value: f64, limits: Limits, subject: Subject, field: String) -> Option<f64> {
        match limits.problem(value) {
            None => Some(value),
            Some(problem) => {
                let who = if subject.kind == SubjectKind::Plan {
                    String::new()
                } else {
                    format!("{}: ", subject.id)
                };
                self.push(
                    rules::INVALID_VALUE,
                    &subject,
                    Some(field),
                    format!("{who}{problem}."),
                );
                None
            }
        }
    }

    fn opt_num(
        &mut self,
        value: Option<f64>,
        limits: Limits,
        subject: Subject,
        field: String,
    ) -> Option<Option<f64>> {
        match value {
            None => Some(None),
            Some(v) => self.num(v, limits, subject, field).map(Some),
        }
    }
}

/// Keeps finite values only: a figure that overflowed is not computable.
fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

fn limits_of(key: Key) -> Limits {
    let info = key.info();
    Limits::new(info.label, info.unit, info.min, info.max, info.whole)
}

/// Validated assumption values, indexed like [`Key::ALL`].
#[derive(Clone)]
struct Values(Vec<Option<f64>>);

impl Values {
    fn get(&self, key: Key) -> Option<f64> {
        let i = Key::ALL.iter().position(|k| *k == key).unwrap_or(0);
        self.0.get(i).copied().flatten()
    }
}

fn validate_assumptions(a: &Assumptions, cx: &mut Cx) -> Values {
    Values(
        Key::ALL
            .iter()
            .map(|&k| {
                cx.num(
                    a.get(k),
                    limits_of(k),
                    Subject::plan(),
                    format!("assumptions.{}", k.info().name),
                )
            })
            .collect(),
    )
}

// ---------------------------------------------------------------- plan level

fn check_plan_header(plan: &Plan, cx: &mut Cx) {
    if plan.format != PLAN_FORMAT || plan.version != PLAN_VERSION {
        cx.push(
            rules::PLAN_FORMAT,
            &Subject::plan(),
            Some("format".into()),
            format!(
                "This tool reads \"{PLAN_FORMAT}\" version {PLAN_VERSION}; the plan says \"{}\" version {}.",
                plan.format, plan.version
            ),
        );
    }
    if plan.instances.is_empty() {
        cx.push(
            rules::PLAN_NO_INSTANCES,
            &Subject::plan(),
            Some("instances".into()),
            "The plan has no MED-V instance yet: add one to see its figures.".into(),
        );
    }
}

fn instance_count(plan: &Plan, cx: &mut Cx) -> InstanceCount {
    let users = cx.opt_num(
        plan.total_users,
        fields::TOTAL_USERS,
        Subject::plan(),
        "total_users".into(),
    );
    let reasons = cx.num(
        plan.separate_instance_reasons,
        fields::SEPARATE_REASONS,
        Subject::plan(),
        "separate_instance_reasons".into(),
    );
    let planned = plan.instances.len();
    let needed = match (users, reasons) {
        (Some(Some(u)), Some(r)) => finite(f::instances_needed(u, r)),
        _ => None,
    };
    let math = needed.map(|n| Math {
        field: "instances_needed",
        label: "Instances needed",
        formula: "⌈U / 5,000⌉ + separate-instance reasons",
        substituted: format!(
            "⌈{} / 5,000⌉ + {}",
            count(users.flatten().unwrap_or(0.0)),
            count(reasons.unwrap_or(0.0))
        ),
        result: count(n),
        source: "N1: identify-the-number-of-med-v-instances (documented)",
    });
    if let Some(n) = needed {
        if (planned as f64) < n {
            cx.push(
                rules::INSTANCES_TOO_FEW,
                &Subject::plan(),
                Some("total_users".into()),
                format!(
                    "{} users need at least {} instance(s) (⌈users / 5,000⌉ plus {} separate-instance reason(s)); the plan has {planned}.",
                    count(users.flatten().unwrap_or(0.0)),
                    count(n),
                    count(reasons.unwrap_or(0.0))
                ),
            );
        }
    }
    InstanceCount {
        total_users: users.flatten(),
        separate_instance_reasons: reasons,
        needed,
        planned,
        math,
    }
}

fn check_ids(plan: &Plan, cx: &mut Cx) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, inst) in plan.instances.iter().enumerate() {
        let field = format!("instances[{i}].id");
        if !fields::valid_id(&inst.id) {
            cx.push(
                rules::ID_INVALID,
                &Subject::instance(inst),
                Some(field),
                format!(
                    "Instance {} has the id \"{}\": an id is 1 to 64 letters, digits, - or _.",
                    i + 1,
                    inst.id
                ),
            );
        } else if let Some(first) = seen.insert(&inst.id, i) {
            cx.push(
                rules::ID_DUPLICATE,
                &Subject::instance(inst),
                Some(field),
                format!(
                    "Instances {} and {} both have the id \"{}\": ids must be unique.",
                    first + 1,
                    i + 1,
                    inst.id
                ),
            );
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, host) in plan.sql_hosts.iter().enumerate() {
        let field = format!("sql_hosts[{i}].id");
        if !fields::valid_id(&host.id) {
            cx.push(rules::ID_INVALID, &Subject::host(&host.id), Some(field), format!("SQL Server host {} has the id \"{}\": an id is 1 to 64 letters, digits, - or _.", i + 1, host.id));
        } else if let Some(first) = seen.insert(&host.id, i) {
            cx.push(
                rules::ID_DUPLICATE,
                &Subject::host(&host.id),
                Some(field),
                format!(
                    "SQL Server hosts {} and {} both have the id \"{}\": ids must be unique.",
                    first + 1,
                    i + 1,
                    host.id
                ),
            );
        }
    }
}

/// Workspaces and consoles belong to one instance: the same name twice is an error.
fn check_duplicate_names(plan: &Plan, cx: &mut Cx) {
    let normal = |s: &str| s.trim().to_lowercase();
    let mut workspaces: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    let mut consoles: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, inst) in plan.instances.iter().enumerate() {
        for (j, w) in inst.workspaces.iter().enumerate() {
            if !w.name.trim().is_empty() {
                workspaces.entry(normal(&w.name)).or_default().push((i, j));
            }
        }
        for (j, c) in inst.consoles.iter().enumerate() {
            if !c.name.trim().is_empty() {
                consoles.entry(normal(&c.name)).or_default().push((i, j));
            }
        }
    }
    let owners = |places: &[(usize, usize)]| {
        places
            .iter()
            .map(|(i, _)| plan.instances[*i].display_name().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for places in workspaces.values().filter(|p| p.len() > 1) {
        let (i, j) = places[places.len() - 1];
        let name = &plan.instances[i].workspaces[j].name;
        cx.push(
            rules::WORKSPACE_DUPLICATE,
            &Subject { id: name.clone(), kind: SubjectKind::Workspace },
            Some(format!("instances[{i}].workspaces[{j}].name")),
            format!("Workspace \"{name}\" is listed {} times (under {}): a workspace belongs to exactly one instance.", places.len(), owners(places)),
        );
    }
    for places in consoles.values().filter(|p| p.len() > 1) {
        let (i, j) = places[places.len() - 1];
        let name = &plan.instances[i].consoles[j].name;
        cx.push(
            rules::CONSOLE_DUPLICATE,
            &Subject { id: name.clone(), kind: SubjectKind::Console },
            Some(format!("instances[{i}].consoles[{j}].name")),
            format!("Console \"{name}\" is listed {} times (under {}): a console works with one MED-V server at a time.", places.len(), owners(places)),
        );
    }
}

// ---------------------------------------------------------------- instances

struct Computed {
    report: InstanceReport,
    values: Values,
    /// Validated per-workspace offline limit (only for restricted workspaces).
    workspace_limits: Vec<Option<f64>>,
    /// Index into `plan.sql_hosts`, or `None` for the implicit host / unknown host.
    host: Option<usize>,
    unknown_host: bool,
}

fn compute_instance(
    plan: &Plan,
    i: usize,
    inst: &Instance,
    base: &Values,
    host_index: &HashMap<&str, usize>,
    cx: &mut Cx,
) -> Computed {
    let who = Subject::instance(inst);
    let p = |rest: &str| format!("instances[{i}].{rest}");

    let values = Values(
        Key::ALL
            .iter()
            .map(|&k| match inst.overrides.get(k) {
                Some(v) => cx.num(
                    v,
                    limits_of(k),
                    who.clone(),
                    p(&format!("overrides.{}", k.info().name)),
                ),
                None => base.get(k),
            })
            .collect(),
    );
    let v = |k: Key| values.get(k);
    let c = cx.num(
        inst.active_clients,
        fields::ACTIVE_CLIENTS,
        who.clone(),
        p("active_clients"),
    );
    let counts: Vec<Option<f64>> = inst
        .workspaces
        .iter()
        .enumerate()
        .map(|(j, w)| {
            cx.num(
                w.count,
                fields::WORKSPACE_COUNT,
                who.clone(),
                p(&format!("workspaces[{j}].count")),
            )
        })
        .collect();
    let workspace_limits: Vec<Option<f64>> = inst
        .workspaces
        .iter()
        .enumerate()
        .map(|(j, w)| match w.offline {
            OfflinePolicy::Restricted => cx.num(
                w.offline_limit_hours,
                fields::OFFLINE_LIMIT_HOURS,
                who.clone(),
                p(&format!("workspaces[{j}].offline_limit_hours")),
            ),
            _ => None,
        })
        .collect();
    let typed_buffer = cx.opt_num(
        inst.reporting_buffer_iops,
        fields::REPORTING_BUFFER_IOPS,
        who.clone(),
        p("reporting_buffer_iops"),
    );
    let explicit_recovery = cx.opt_num(
        inst.standby.recovery_hours,
        fields::RECOVERY_HOURS,
        who.clone(),
        p("standby.recovery_hours"),
    );
    // Server inputs are validated here so each invalid value is reported once.
    cx.num(
        inst.server.cpu_ghz,
        fields::SERVER_CPU_GHZ,
        who.clone(),
        p("server.cpu_ghz"),
    );
    cx.num(
        inst.server.cores,
        fields::SERVER_CORES,
        who.clone(),
        p("server.cores"),
    );
    cx.num(
        inst.server.ram_gb,
        fields::SERVER_RAM_GB,
        who.clone(),
        p("server.ram_gb"),
    );
    cx.num(
        inst.server.active_servers,
        fields::ACTIVE_SERVERS,
        who.clone(),
        p("server.active_servers"),
    );
    for (j, con) in inst.consoles.iter().enumerate() {
        cx.num(
            con.ram_gb,
            fields::CLIENT_RAM_GB,
            who.clone(),
            p(&format!("consoles[{j}].ram_gb")),
        );
        cx.num(
            con.cpu_ghz,
            fields::CLIENT_CPU_GHZ,
            who.clone(),
            p(&format!("consoles[{j}].cpu_ghz")),
        );
    }

    let (r, s, d, e, o, x) = (
        v(Key::EventsPerClientPerDay),
        v(Key::EventSizeBytes),
        v(Key::RetentionDays),
        v(Key::ErrorBurstAllowancePct),
        v(Key::TableOverheadPct),
        v(Key::WorkspaceXmlKb),
    );
    let n = counts.iter().try_fold(0.0, |acc, c| c.map(|c| acc + c));
    let storage = n
        .zip(x)
        .and_then(|(n, x)| finite(f::workspace_storage_bytes(n, x)));
    let records = c.zip(r).and_then(|(c, r)| finite(f::records_per_day(c, r)));
    let raw = (|| finite(f::database_raw_bytes(records?, s?, d?)))();
    let sized = (|| finite(f::database_bytes(raw?, e?, o?)))();
    let write = records.and_then(|rec| finite(f::write_iops(rec)));
    let burst = write
        .zip(e)
        .and_then(|(w, e)| finite(f::write_iops_with_burst(w, e)));
    let consoles = inst.consoles.len() as f64;
    let (reads, reporting, typed) = match typed_buffer {
        Some(Some(t)) => (None, Some(t), true),
        Some(None) => {
            let reads = (|| finite(f::reads_per_report(records?, v(Key::ReportWindowDays)?, s?)))();
            let rep = (|| {
                finite(f::reporting_iops(
                    consoles,
                    v(Key::ReportsPerConsolePerHour)?,
                    reads?,
                ))
            })();
            (reads, rep, false)
        }
        None => (None, None, true),
    };
    let total = burst.zip(reporting).and_then(|(b, r)| finite(b + r));

    // T1: what the workspaces' offline policies tolerate.
    let refresh = v(Key::PolicyRefreshMinutes);
    let (tolerance, tolerated) = if inst
        .workspaces
        .iter()
        .any(|w| w.offline == OfflinePolicy::NotPermitted)
    {
        (OutageTolerance::Bounded, Some(0.0))
    } else {
        let restricted: Vec<Option<f64>> = inst
            .workspaces
            .iter()
            .zip(&workspace_limits)
            .filter(|(w, _)| w.offline == OfflinePolicy::Restricted)
            .map(|(_, l)| *l)
            .collect();
        if restricted.is_empty() {
            (OutageTolerance::Unbounded, None)
        } else if restricted.iter().any(Option::is_none) {
            (OutageTolerance::NotComputable, None)
        } else {
            (
                OutageTolerance::Bounded,
                restricted.iter().flatten().copied().reduce(f64::min),
            )
        }
    };
    let worst = tolerated
        .zip(refresh)
        .map(|(t, m)| f::worst_case_tolerated_hours(t, m));
    let recovery = match explicit_recovery {
        Some(Some(h)) => Some(h),
        Some(None) => base.get(match inst.standby.mode {
            StandbyMode::None => Key::RecoveryHoursNone,
            StandbyMode::ColdRestore => Key::RecoveryHoursColdRestore,
            StandbyMode::PassiveSharedStore => Key::RecoveryHoursPassive,
        }),
        None => None,
    };

    // B1/B2 for the chosen outage.
    let outage_h = v(Key::OutageHours);
    let per_client = r
        .zip(outage_h)
        .and_then(|(r, h)| finite(f::backlog_events_per_client(r, h)));
    let bytes_per_client = per_client.zip(s).and_then(|(b, s)| finite((b * s).round()));
    let events_total = per_client.zip(c).and_then(|(b, c)| finite(b * c));
    let bytes_total = bytes_per_client.zip(c).and_then(|(b, c)| finite(b * c));
    let catch_up = (|| {
        finite(f::catch_up_writes_per_second(
            c?,
            per_client?,
            v(Key::SendIntervalSeconds)?,
        ))
    })();
    let users_stop = match tolerance {
        OutageTolerance::Unbounded => Some(false),
        OutageTolerance::NotComputable => None,
        OutageTolerance::Bounded => worst.zip(outage_h).map(|(w, h)| h > w),
    };
    let workspaces_deleted = deletion_exposure(inst, &workspace_limits, refresh, outage_h);

    let host = inst
        .sql_host
        .as_deref()
        .and_then(|id| host_index.get(id).copied());
    let unknown_host = inst.sql_host.is_some() && host.is_none();
    let sql_host = match (&inst.sql_host, host) {
        (None, _) => Some(implicit_host_id(&inst.id)),
        (Some(_), Some(h)) => Some(plan.sql_hosts[h].id.clone()),
        (Some(_), None) => None,
    };

    let mut report = InstanceReport {
        id: inst.id.clone(),
        name: inst.display_name().to_string(),
        sql_host,
        active_clients: c,
        workspaces: n,
        consoles: inst.consoles.len(),
        workspace_storage_bytes: storage,
        records_per_day: records,
        database_raw_bytes: raw,
        database_bytes: sized,
        write_iops: write,
        write_iops_with_burst: burst,
        reads_per_report: reads,
        reporting_iops: reporting,
        reporting_iops_typed: typed,
        total_iops: total,
        outage_tolerance: tolerance,
        tolerated_outage_hours: tolerated,
        tolerated_outage_worst_case_hours: worst,
        recovery_hours: recovery,
        retention_days: d,
        server_form_factor: FormFactor {
            cpu_ghz: f::RECOMMENDED_CPU_GHZ,
            cores: None,
            ram_gb: None,
            disk_bytes: None,
            virtual_machine: inst.server.form == ServerForm::HyperVVm,
            hosts_sql_server: false,
            sql_database_bytes: None,
            sql_total_iops: None,
        },
        outage: OutageReport {
            hours: outage_h,
            events_per_client: per_client,
            bytes_per_client,
            events_total,
            bytes_total,
            catch_up_writes_per_second: catch_up,
            users_stop,
            workspaces_deleted,
        },
        math: Vec::new(),
    };
    report.math = instance_math(&report, &values, consoles);
    Computed {
        report,
        values,
        workspace_limits,
        host,
        unknown_host,
    }
}

/// The id of the default database host on an instance's own server. Ids cannot
/// contain `.`, so it never clashes with a host of the plan.
pub fn implicit_host_id(instance_id: &str) -> String {
    format!("{instance_id}.local")
}

/// Whether an outage of `outage_h` hours deletes some workspace from clients.
fn deletion_exposure(
    inst: &Instance,
    limits: &[Option<f64>],
    refresh: Option<f64>,
    outage_h: Option<f64>,
) -> Option<bool> {
    let mut any = false;
    for (w, limit) in inst.workspaces.iter().zip(limits) {
        if w.offline == OfflinePolicy::Restricted && w.delete_when_offline_too_long {
            let worst = f::worst_case_tolerated_hours((*limit)?, refresh?);
            any |= outage_h? > worst;
        }
    }
    Some(any)
}

fn opt_text(v: Option<f64>, fmt: fn(f64) -> String) -> String {
    v.map(fmt).unwrap_or_else(|| "not computable".into())
}

fn instance_math(r: &InstanceReport, values: &Values, consoles: f64) -> Vec<Math> {
    let v = |k: Key| opt_text(values.get(k), count);
    let c = opt_text(r.active_clients, count);
    let burst_pct = v(Key::ErrorBurstAllowancePct);
    let mut math = vec![
        Math {
            field: "workspace_storage_bytes",
            label: "Workspace storage",
            formula: "n × x × 1,024 (n workspaces, x KB each)",
            substituted: format!(
                "{} × {} × 1,024",
                opt_text(r.workspaces, count),
                v(Key::WorkspaceXmlKb)
            ),
            result: opt_text(r.workspace_storage_bytes, bytes_exact),
            source: "W1: DSI, Form Factor (documented)",
        },
        Math {
            field: "records_per_day",
            label: "Records per day",
            formula: "c × r",
            substituted: format!("{c} × {}", v(Key::EventsPerClientPerDay)),
            result: opt_text(r.records_per_day, count),
            source: "D1: DSI (documented)",
        },
        Math {
            field: "database_raw_bytes",
            label: "Raw database",
            formula: "c × r × s × d",
            substituted: format!(
                "{c} × {} × {} B × {} days",
                v(Key::EventsPerClientPerDay),
                v(Key::EventSizeBytes),
                v(Key::RetentionDays)
            ),
            result: opt_text(r.database_raw_bytes, bytes_exact),
            source: "D2: DSI (documented)",
        },
        Math {
            field: "database_bytes",
            label: "Sized database",
            formula: "raw × (1 + error-burst allowance) × (1 + table overhead)",
            substituted: format!(
                "{} × (1 + {burst_pct} %) × (1 + {} %)",
                opt_text(r.database_raw_bytes, |b| grouped(b, 0)),
                v(Key::TableOverheadPct)
            ),
            result: opt_text(r.database_bytes, bytes_exact),
            source: "D3: DSI names the factors; their values are our assumption",
        },
        Math {
            field: "write_iops",
            label: "Average write IOPS",
            formula: "c × r / 86,400",
            substituted: format!("{} / 86,400", opt_text(r.records_per_day, count)),
            result: opt_text(r.write_iops, iops),
            source: "P1: DSI (documented)",
        },
        Math {
            field: "write_iops_with_burst",
            label: "Write IOPS with burst allowance",
            formula: "P1 × (1 + error-burst allowance)",
            substituted: format!("{} × (1 + {burst_pct} %)", opt_text(r.write_iops, iops)),
            result: opt_text(r.write_iops_with_burst, iops),
            source: "P2: our assumption",
        },
    ];
    math.push(if r.reporting_iops_typed {
        Math {
            field: "reporting_iops",
            label: "Reporting buffer IOPS",
            formula: "typed directly",
            substituted: opt_text(r.reporting_iops, iops),
            result: opt_text(r.reporting_iops, iops),
            source: "P3: DSI asks for a reporting buffer; this value was typed",
        }
    } else {
        Math {
            field: "reporting_iops",
            label: "Reporting buffer IOPS",
            formula: "consoles × reports per console per hour × ⌈c × r × w × s / 8,192⌉ / 3,600",
            substituted: format!(
                "{} × {} × ⌈{} × {} days × {} B / 8,192⌉ / 3,600 = {} × {} × {} / 3,600",
                count(consoles),
                v(Key::ReportsPerConsolePerHour),
                opt_text(r.records_per_day, count),
                v(Key::ReportWindowDays),
                v(Key::EventSizeBytes),
                count(consoles),
                v(Key::ReportsPerConsolePerHour),
                opt_text(r.reads_per_report, count)
            ),
            result: opt_text(r.reporting_iops, iops),
            source: "P3: DSI says it depends on consoles and report frequency; the model is our assumption",
        }
    });
    math.push(Math {
        field: "total_iops",
        label: "Total IOPS to plan for",
        formula: "write IOPS with burst + reporting buffer",
        substituted: format!(
            "{} + {}",
            opt_text(r.write_iops_with_burst, iops),
            opt_text(r.reporting_iops, iops)
        ),
        result: opt_text(r.total_iops, iops),
        source: "P4: DSI (documented)",
    });
    math.push(Math {
        field: "tolerated_outage_hours",
        label: "Tolerated MED-V server outage",
        formula: "0 if a workspace permits no offline work; unbounded if none restricts it; else the smallest offline limit (worst case: less one policy refresh)",
        substituted: match r.outage_tolerance {
            OutageTolerance::Unbounded => "no workspace restricts offline work".into(),
            OutageTolerance::NotComputable => "a workspace's offline limit is invalid".into(),
            OutageTolerance::Bounded => format!(
                "{} − {} min",
                opt_text(r.tolerated_outage_hours, hours),
                v(Key::PolicyRefreshMinutes)
            ),
        },
        result: match r.outage_tolerance {
            OutageTolerance::Unbounded => "unbounded".into(),
            _ => format!(
                "{} (worst case {})",
                opt_text(r.tolerated_outage_hours, hours),
                opt_text(r.tolerated_outage_worst_case_hours, hours)
            ),
        },
        source: "T1: DSI, Fault Tolerance; F-OFF, F-POL",
    });
    math.push(Math {
        field: "outage.bytes_total",
        label: "Client backlog for the planned outage",
        formula: "c × (r × H / 24) × s",
        substituted: format!(
            "{c} × ({} × {} h / 24) × {} B",
            v(Key::EventsPerClientPerDay),
            v(Key::OutageHours),
            v(Key::EventSizeBytes)
        ),
        result: format!(
            "{} events, {}",
            opt_text(r.outage.events_total, count),
            opt_text(r.outage.bytes_total, bytes_exact)
        ),
        source: "B1: DSI says events back up on the client; the arithmetic is ours",
    });
    math.push(Math {
        field: "outage.catch_up_writes_per_second",
        label: "Worst-case catch-up writes",
        formula: "c × (r × H / 24) / send interval",
        substituted: format!(
            "{c} × {} / {} s",
            opt_text(r.outage.events_per_client, count),
            v(Key::SendIntervalSeconds)
        ),
        result: format!(
            "{} writes/s",
            opt_text(r.outage.catch_up_writes_per_second, |w| grouped(w, 2))
        ),
        source: "B2: our assumption (every client flushes within one interval)",
    });
    math
}

// ---------------------------------------------------------------- hosts

struct Host<'a> {
    report: HostReport,
    /// `None` for an implicit host.
    plan_host: Option<&'a SqlHost>,
    plan_index: Option<usize>,
    members: Vec<usize>,
}

fn sum(mut values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    values
        .try_fold(0.0, |acc, v| v.map(|v| acc + v))
        .and_then(finite)
}

fn build_hosts<'a>(plan: &'a Plan, computed: &[Computed], base: &Values) -> Vec<Host<'a>> {
    let mut hosts = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (hi, h) in plan.sql_hosts.iter().enumerate() {
        // A duplicate id is reported by check_ids; only the first host counts.
        if !seen.insert(h.id.as_str()) {
            continue;
        }
        let members: Vec<usize> = computed
            .iter()
            .enumerate()
            .filter(|(_, c)| c.host == Some(hi))
            .map(|(i, _)| i)
            .collect();
        hosts.push(host(
            h.id.clone(),
            h.display_name().to_string(),
            h.placement,
            h.co_located_with.clone(),
            Some(h),
            Some(hi),
            members,
            computed,
            base,
        ));
    }
    for (i, inst) in plan.instances.iter().enumerate() {
        if inst.sql_host.is_none() {
            hosts.push(host(
                implicit_host_id(&inst.id),
                format!("{} (on its MED-V server)", inst.display_name()),
                Placement::CoLocated,
                Some(inst.id.clone()),
                None,
                None,
                vec![i],
                computed,
                base,
            ));
        }
    }
    hosts
}

#[allow(clippy::too_many_arguments)]
fn host<'a>(
    id: String,
    name: String,
    placement: Placement,
    co_located_with: Option<String>,
    plan_host: Option<&'a SqlHost>,
    plan_index: Option<usize>,
    members: Vec<usize>,
    computed: &[Computed],
    base: &Values,
) -> Host<'a> {
    let of = |get: fn(&InstanceReport) -> Option<f64>| {
        sum(members.iter().map(|&i| get(&computed[i].report)))
    };
    let burst = of(|r| r.write_iops_with_burst);
    let reporting = of(|r| r.reporting_iops);
    let retention = members
        .iter()
        .map(|&i| computed[i].report.retention_days)
        .try_fold(None::<f64>, |acc, d| {
            d.map(|d| Some(acc.map_or(d, |a: f64| a.min(d))))
        })
        .flatten();
    let event_bytes = base.get(Key::EventSizeBytes);
    let traffic = (|| finite(f::database_traffic_mbps(burst?, event_bytes?, reporting?)))();
    Host {
        report: HostReport {
            id,
            name,
            implicit: plan_host.is_none(),
            placement,
            co_located_with,
            instances: members
                .iter()
                .map(|&i| computed[i].report.id.clone())
                .collect(),
            database_raw_bytes: of(|r| r.database_raw_bytes),
            database_bytes: of(|r| r.database_bytes),
            write_iops: of(|r| r.write_iops),
            write_iops_with_burst: burst,
            reporting_iops: reporting,
            total_iops: of(|r| r.total_iops),
            retention_days: retention,
            traffic_mbps: traffic,
            math: Vec::new(),
        },
        plan_host,
        plan_index,
        members,
    }
}

fn host_math(h: &HostReport) -> Vec<Math> {
    let sum_of = |field: &'static str,
                  label: &'static str,
                  result: Option<f64>,
                  fmt: fn(f64) -> String| Math {
        field,
        label,
        formula: "sum over the instances whose database it holds",
        substituted: if h.instances.is_empty() {
            "no instance".into()
        } else {
            h.instances.join(" + ")
        },
        result: opt_text(result, fmt),
        source: "H1: DSI (shared database)",
    };
    vec![
        sum_of(
            "database_raw_bytes",
            "Raw database",
            h.database_raw_bytes,
            bytes_exact,
        ),
        sum_of(
            "database_bytes",
            "Sized database",
            h.database_bytes,
            bytes_exact,
        ),
        sum_of("write_iops", "Average write IOPS", h.write_iops, iops),
        sum_of(
            "write_iops_with_burst",
            "Write IOPS with burst allowance",
            h.write_iops_with_burst,
            iops,
        ),
        sum_of(
            "reporting_iops",
            "Reporting buffer IOPS",
            h.reporting_iops,
            iops,
        ),
        sum_of("total_iops", "Total IOPS to plan for", h.total_iops, iops),
    ]
}

/// The server this instance needs: the recommendation, the organization's
/// standard RAM, and what a SQL Server on the same machine adds.
fn form_factor(
    plan: &Plan,
    i: usize,
    c: &Computed,
    hosts: &[Host],
    base: &Values,
    standard_ram: Option<f64>,
) -> FormFactor {
    let inst = &plan.instances[i];
    let on_this_server: Vec<&Host> = hosts
        .iter()
        .filter(|h| {
            h.report.placement == Placement::CoLocated
                && h.report.co_located_with.as_deref() == Some(inst.id.as_str())
        })
        .collect();
    let hosts_sql = !on_this_server.is_empty();
    let sql_bytes = if hosts_sql {
        sum(on_this_server.iter().map(|h| h.report.database_bytes))
    } else {
        Some(0.0)
    };
    let sql_iops = if hosts_sql {
        sum(on_this_server.iter().map(|h| h.report.total_iops))
    } else {
        Some(0.0)
    };
    let add = |k: Key| if hosts_sql { base.get(k) } else { Some(0.0) };
    FormFactor {
        cpu_ghz: f::RECOMMENDED_CPU_GHZ,
        cores: add(Key::CoLocatedSqlCores).map(|a| f::RECOMMENDED_CORES + a),
        ram_gb: standard_ram
            .zip(add(Key::CoLocatedSqlRamGb))
            .map(|(s, a)| s.max(f::RECOMMENDED_RAM_GB) + a),
        disk_bytes: c
            .report
            .workspace_storage_bytes
            .zip(sql_bytes)
            .and_then(|(w, s)| finite(w + s)),
        virtual_machine: inst.server.form == ServerForm::HyperVVm,
        hosts_sql_server: hosts_sql,
        sql_database_bytes: if hosts_sql { sql_bytes } else { None },
        sql_total_iops: if hosts_sql { sql_iops } else { None },
    }
}

// ---------------------------------------------------------------- rules

fn instance_rules(
    plan: &Plan,
    i: usize,
    c: &Computed,
    standard_ram: Option<f64>,
    typical_ram: Option<f64>,
    typical_cpu: Option<f64>,
    cx: &mut Cx,
) {
    let inst = &plan.instances[i];
    let r = &c.report;
    let who = Subject::instance(inst);
    let name = inst.display_name();
    let p = |rest: &str| Some(format!("instances[{i}].{rest}"));

    if let Some(clients) = r.active_clients {
        if clients > f::MAX_CLIENTS_PER_INSTANCE {
            cx.push(rules::CLIENTS_OVER_LIMIT, &who, p("active_clients"), format!("{name} has {} active clients; one MED-V instance supports at most 5,000. Split it into {} instances.", count(clients), count((clients / f::MAX_CLIENTS_PER_INSTANCE).ceil())));
        } else if clients >= f::MAX_CLIENTS_PER_INSTANCE * f::NEAR_LIMIT_FRACTION {
            cx.push(rules::CLIENTS_NEAR_LIMIT, &who, p("active_clients"), format!("{name} has {} active clients, {} % of the 5,000 limit: no headroom for growth.", count(clients), grouped(clients / f::MAX_CLIENTS_PER_INSTANCE * 100.0, 0)));
        }
    }
    if inst.workspaces.is_empty() {
        cx.push(rules::WORKSPACES_NONE, &who, p("workspaces"), format!("{name} lists no workspaces: its workspace storage is 0 and its tolerated outage cannot be judged."));
    }
    if c.unknown_host {
        cx.push(
            rules::SQL_HOST_UNKNOWN,
            &who,
            p("sql_host"),
            format!(
                "{name} keeps its database on SQL Server host \"{}\", which is not in the plan.",
                inst.sql_host.as_deref().unwrap_or_default()
            ),
        );
    }

    // Server form factor (F-SRV, F-RAM, F-ACT, F-OS, F-VM).
    let s = &inst.server;
    if s.cpu_ghz.is_finite()
        && s.cpu_ghz >= fields::SERVER_CPU_GHZ.min
        && s.cpu_ghz < f::RECOMMENDED_CPU_GHZ
    {
        cx.push(
            rules::SERVER_CPU_SLOW,
            &who,
            p("server.cpu_ghz"),
            format!(
                "{name}'s server CPU is {} GHz; MED-V recommends 2.8 GHz.",
                count(s.cpu_ghz)
            ),
        );
    }
    if s.cores.is_finite() && s.cores >= fields::SERVER_CORES.min && s.cores < f::RECOMMENDED_CORES
    {
        cx.push(
            rules::SERVER_TOO_FEW_CORES,
            &who,
            p("server.cores"),
            format!(
                "{name}'s server has {} core(s); MED-V recommends a dual-core CPU.",
                count(s.cores)
            ),
        );
    }
    let ram_valid = fields::SERVER_RAM_GB.problem(s.ram_gb).is_none();
    if ram_valid && s.ram_gb < f::RECOMMENDED_RAM_GB {
        cx.push(
            rules::SERVER_RAM_LOW,
            &who,
            p("server.ram_gb"),
            format!(
                "{name}'s server has {} GB of RAM; MED-V recommends 2 GB.",
                count(s.ram_gb)
            ),
        );
    }
    if let Some(standard) = standard_ram {
        if ram_valid && s.ram_gb < standard && s.ram_gb >= f::RECOMMENDED_RAM_GB {
            cx.push(rules::SERVER_RAM_BELOW_STANDARD, &who, p("server.ram_gb"), format!("{name}'s server has {} GB of RAM, below the organization's standard {} GB: match the standard form factor.", count(s.ram_gb), count(standard)));
        }
    }
    if s.active_servers.is_finite()
        && s.active_servers > 1.0
        && fields::ACTIVE_SERVERS.problem(s.active_servers).is_none()
    {
        cx.push(rules::SERVER_MULTIPLE_ACTIVE, &who, p("server.active_servers"), format!("{name} has {} active MED-V servers; an instance has exactly one (MSCS is not supported). Use a passive backup instead.", count(s.active_servers)));
    }
    if !s.os.supported() {
        cx.push(rules::SERVER_OS_UNSUPPORTED, &who, p("server.os"), format!("{name}'s server runs {}, which MED-V 1.0 SP1 does not list (Windows Server 2008 SP1/SP2 or 2008 R2, Standard or Enterprise).", s.os.label()));
    }
    if s.form == ServerForm::HyperVVm {
        cx.push(rules::SERVER_VIRTUAL_MACHINE, &who, p("server.form"), format!("{name}'s server is a Hyper-V VM: reserve CPU and memory equivalent to the physical recommendation (2.8 GHz dual core, {} GB).", opt_text(r.server_form_factor.ram_gb, count)));
    }
    let ff = &r.server_form_factor;
    if ff.hosts_sql_server {
        cx.push(
            rules::SERVER_CO_LOCATED_SQL,
            &who,
            p("sql_host"),
            format!(
                "{name}'s MED-V server also runs SQL Server: add its load — {} of database, {} IOPS — to the form factor (planned: {} cores, {} GB RAM, {} of disk).",
                opt_text(ff.sql_database_bytes, crate::units::bytes),
                opt_text(ff.sql_total_iops, iops),
                opt_text(ff.cores, count),
                opt_text(ff.ram_gb, count),
                opt_text(ff.disk_bytes, crate::units::bytes)
            ),
        );
    }
    if s.site.trim().is_empty() {
        cx.push(rules::SERVER_PLACEMENT, &who, p("server.site"), format!("No site is given for {name}'s server: place it where its clients have the most available bandwidth and the most robust links."));
    }

    // Fault tolerance.
    let not_permitted: Vec<&str> = inst
        .workspaces
        .iter()
        .filter(|w| w.offline == OfflinePolicy::NotPermitted)
        .map(|w| w.name.as_str())
        .collect();
    if !not_permitted.is_empty() && inst.standby.mode == StandbyMode::None {
        let j = inst
            .workspaces
            .iter()
            .position(|w| w.offline == OfflinePolicy::NotPermitted)
            .unwrap_or(0);
        cx.push(rules::OFFLINE_NOT_PERMITTED_NO_STANDBY, &who, p(&format!("workspaces[{j}].offline")), format!("{name}: workspace(s) {} permit no offline work and there is no standby server — their users stop working as soon as the MED-V server fails.", quoted(&not_permitted)));
    }
    if let (Some(recovery), Some(worst)) = (r.recovery_hours, r.tolerated_outage_worst_case_hours) {
        if recovery > worst {
            cx.push(rules::RECOVERY_EXCEEDS_TOLERATED_OUTAGE, &who, p("standby.mode"), format!("{name}: recovery with \"{}\" is expected to take {}, longer than the worst-case tolerated outage of {} — users will be locked out before the server is back.", inst.standby.mode.label(), hours(recovery), hours(worst)));
        }
    }
    if inst.standby.mode == StandbyMode::PassiveSharedStore {
        cx.push(rules::STANDBY_SHARED_STORE, &who, p("standby.mode"), format!("{name}'s passive server shares one network folder of configuration files (and KeyPair.xml) with the active one: that share is a single point of failure, and failover is manual."));
    }
    let refresh = c.values.get(Key::PolicyRefreshMinutes);
    let outage_h = c.values.get(Key::OutageHours);
    let longest = match (r.recovery_hours, outage_h) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    for (j, (w, limit)) in inst.workspaces.iter().zip(&c.workspace_limits).enumerate() {
        if w.offline != OfflinePolicy::Restricted || !w.delete_when_offline_too_long {
            continue;
        }
        if let (Some(limit), Some(refresh), Some(longest)) = (limit, refresh, longest) {
            let worst = f::worst_case_tolerated_hours(*limit, refresh);
            if longest > worst {
                cx.push(rules::WORKSPACE_DELETION_RISK, &who, p(&format!("workspaces[{j}].delete_when_offline_too_long")), format!("{name}: workspace \"{}\" is deleted from clients offline longer than {} (worst case {}); an outage of {} (the longer of the expected recovery and the planned outage) would delete it and make every client download its image again.", w.name, hours(*limit), hours(worst), hours(longest)));
            }
        }
    }

    // Consoles (F-CON, F-OS, F-CRAM).
    if inst.consoles.is_empty() {
        cx.push(
            rules::CONSOLE_NONE,
            &who,
            p("consoles"),
            format!(
                "{name} has no management console: plan at least one, on a typical client machine."
            ),
        );
    }
    for (j, con) in inst.consoles.iter().enumerate() {
        let cname = if con.name.trim().is_empty() {
            format!("{name} console {}", j + 1)
        } else {
            con.name.clone()
        };
        let cwho = Subject {
            id: cname.clone(),
            kind: SubjectKind::Console,
        };
        match con.os.min_ram_gb() {
            None => cx.push(
                rules::CONSOLE_OS_UNSUPPORTED,
                &cwho,
                p(&format!("consoles[{j}].os")),
                format!("Console \"{cname}\" runs {}: the console needs a supported client OS (XP Pro SP2/SP3 x86, Vista SP1/SP2 x86, Windows 7 x86/x64) and never runs on the MED-V server.", con.os.label()),
            ),
            Some(min) if fields::CLIENT_RAM_GB.problem(con.ram_gb).is_none() && con.ram_gb < min => cx.push(
                rules::CONSOLE_RAM_BELOW_MINIMUM,
                &cwho,
                p(&format!("consoles[{j}].ram_gb")),
                format!("Console \"{cname}\" has {} GB of RAM; {} needs at least {} GB for MED-V.", count(con.ram_gb), con.os.label(), count(min)),
            ),
            Some(_) => {}
        }
        if let Some(problem) = unlike_typical(
            plan,
            con,
            typical_ram,
            typical_cpu,
            c.values.get(Key::ConsoleTolerancePct),
        ) {
            cx.push(rules::CONSOLE_UNLIKE_CLIENT, &cwho, p(&format!("consoles[{j}].{}", problem.0)), format!("Console \"{cname}\" {}: it tests VMs before they are packed, so it should resemble the typical client.", problem.1));
        }
        if !con.virtual_pc_confirmed {
            cx.push(rules::CONSOLE_VIRTUAL_PC_UNCONFIRMED, &cwho, p(&format!("consoles[{j}].virtual_pc_confirmed")), format!("Console \"{cname}\": confirm Virtual PC 2007 SP1 with the KB 974918 hotfix is installed."));
        }
    }
}

/// How a console differs from the typical client: (field, description).
fn unlike_typical(
    plan: &Plan,
    con: &crate::plan::Console,
    typical_ram: Option<f64>,
    typical_cpu: Option<f64>,
    tolerance_pct: Option<f64>,
) -> Option<(&'static str, String)> {
    let typical = &plan.typical_client;
    if con.os != typical.os {
        return Some((
            "os",
            format!(
                "runs {}, the typical client {}",
                con.os.label(),
                typical.os.label()
            ),
        ));
    }
    let tol = tolerance_pct? / 100.0;
    let off = |value: f64, typical: f64| {
        value.is_finite() && typical > 0.0 && ((value - typical).abs() / typical) > tol + 1e-12
    };
    if let Some(t) = typical_ram {
        if fields::CLIENT_RAM_GB.problem(con.ram_gb).is_none() && off(con.ram_gb, t) {
            return Some((
                "ram_gb",
                format!(
                    "has {} GB of RAM, the typical client {} GB",
                    count(con.ram_gb),
                    count(t)
                ),
            ));
        }
    }
    if let Some(t) = typical_cpu {
        if fields::CLIENT_CPU_GHZ.problem(con.cpu_ghz).is_none() && off(con.cpu_ghz, t) {
            return Some((
                "cpu_ghz",
                format!(
                    "has a {} GHz CPU, the typical client {} GHz",
                    count(con.cpu_ghz),
                    count(t)
                ),
            ));
        }
    }
    None
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn host_rules(plan: &Plan, h: &Host, computed: &[Computed], base: &Values, cx: &mut Cx) {
    let r = &h.report;
    let who = Subject::host(&r.id);
    let name = &r.name;
    let p = |rest: &str| h.plan_index.map(|i| format!("sql_hosts[{i}].{rest}"));
    let names = |members: &[usize]| {
        members
            .iter()
            .map(|&i| plan.instances[i].display_name().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };

    if let Some(ph) = h.plan_host {
        cx.opt_num(
            ph.link_mbps,
            fields::LINK_MBPS,
            who.clone(),
            p("link_mbps").unwrap_or_default(),
        );
        if r.instances.is_empty() {
            cx.push(
                rules::SQL_HOST_UNUSED,
                &who,
                p("id"),
                format!("SQL Server host {name} holds no instance's database."),
            );
        }
        if ph.placement == Placement::CoLocated {
            let known = ph
                .co_located_with
                .as_deref()
                .is_some_and(|id| plan.instances.iter().any(|i| i.id == id));
            if !known {
                cx.push(rules::SQL_CO_LOCATED_TARGET, &who, p("co_located_with"), match &ph.co_located_with {
                    None => format!("SQL Server host {name} is placed on a MED-V server but does not say which instance's."),
                    Some(id) => format!("SQL Server host {name} is placed on the MED-V server of instance \"{id}\", which is not in the plan."),
                });
            }
        }
        if !ph.version.supported() {
            cx.push(rules::SQL_VERSION_UNSUPPORTED, &who, p("version"), format!("SQL Server host {name} runs {}; MED-V 1.0 SP1 lists SQL Server 2005 SP2 and 2008 (Express, Standard, Enterprise).", ph.version.label()));
        }
        if ph.edition == SqlEdition::Express {
            if let Some(db) = r
                .database_bytes
                .filter(|b| *b > f::EXPRESS_DATABASE_CAP_BYTES)
            {
                cx.push(rules::SQL_EXPRESS_SIZE, &who, p("edition"), format!("SQL Server host {name} is Express, capped at 4 GB per database (and 1 GB of memory), but its MED-V database is sized at {}.", bytes_exact(db)));
            }
            if ph.fault_tolerance == SqlFaultTolerance::LogShipping {
                cx.push(rules::SQL_EXPRESS_LOG_SHIPPING, &who, p("fault_tolerance"), format!("SQL Server host {name} is Express, which has no SQL Server Agent, so it cannot do log shipping: use Standard or Enterprise."));
            }
        }
        if ph.placement == Placement::Remote {
            let threshold = base.get(Key::MinRemoteLinkMbps);
            let link = ph
                .link_mbps
                .filter(|l| fields::LINK_MBPS.problem(*l).is_none());
            let traffic = r.traffic_mbps;
            let need = match (threshold, traffic) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            match (ph.link_mbps, link, need) {
                (None, _, _) => cx.push(rules::SQL_REMOTE_LINK, &who, p("link_mbps"), format!("SQL Server host {name} is remote but the link's available bandwidth is not given: reports may be slow and stale over a slow link (estimated database traffic {} Mbit/s).", opt_text(traffic, |t| grouped(t, 3)))),
                (Some(_), Some(l), Some(need)) if l < need => cx.push(rules::SQL_REMOTE_LINK, &who, p("link_mbps"), format!("SQL Server host {name} is remote over a {} Mbit/s link, below the {} Mbit/s planned minimum (threshold {} Mbit/s, estimated database traffic {} Mbit/s): reports may be slow to load and miss the latest client data.", count(l), grouped(need, 3), opt_text(threshold, count), opt_text(traffic, |t| grouped(t, 3)))),
                _ => {}
            }
        }
    }
    if h.members.len() > 1 {
        cx.push(rules::SQL_SHARED_DATABASE, &who, p("id"), format!("SQL Server host {name} holds the databases of {} instances ({}): reports include all of their events, and the server must be scaled up per the SQL Server 2008 guidance — {} of data, {} IOPS in total.", h.members.len(), names(&h.members), opt_text(r.database_bytes, crate::units::bytes), opt_text(r.total_iops, iops)));
        let days: Vec<f64> = h
            .members
            .iter()
            .filter_map(|&i| computed[i].report.retention_days)
            .collect();
        if days.iter().any(|d| (d - days[0]).abs() > 0.0) {
            let listed = h
                .members
                .iter()
                .map(|&i| {
                    format!(
                        "{} {} days",
                        plan.instances[i].display_name(),
                        opt_text(computed[i].report.retention_days, count)
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            cx.push(rules::SQL_RETENTION_MISMATCH, &who, p("id"), format!("Instances sharing SQL Server host {name} keep events for different periods ({listed}): in one database the smallest retention, {} days, wins.", opt_text(r.retention_days, count)));
        }
        if r.placement == Placement::CoLocated {
            cx.push(rules::SQL_CO_LOCATED_SHARED, &who, p("placement"), format!("SQL Server host {name} runs on a MED-V server yet holds {} instances' databases ({}): move it to a separate SQL Server or give each instance its own.", h.members.len(), names(&h.members)));
        }
    }
    let ships_logs = h
        .plan_host
        .is_some_and(|ph| ph.fault_tolerance == SqlFaultTolerance::LogShipping);
    if !h.members.is_empty() && !ships_logs {
        cx.push(rules::SQL_NO_LOG_SHIPPING, &who, p("fault_tolerance"), format!("SQL Server host {name} has no log shipping: for a warm standby without data loss, ship logs to a second SQL Server instance (needs SQL Server Agent, full or bulk-logged recovery, manual failover)."));
    }
}

// ---------------------------------------------------------------- charts

const CHART_POINTS: usize = 24;

fn retention_series(h: &Host, computed: &[Computed]) -> Option<RetentionSeries> {
    if h.members.is_empty() {
        return None;
    }
    struct Member {
        c: f64,
        r: f64,
        s: f64,
        e: f64,
        o: f64,
    }
    let members: Vec<Member> = h
        .members
        .iter()
        .map(|&i| {
            let v = &computed[i].values;
            Some(Member {
                c: computed[i].report.active_clients?,
                r: v.get(Key::EventsPerClientPerDay)?,
                s: v.get(Key::EventSizeBytes)?,
                e: v.get(Key::ErrorBurstAllowancePct)?,
                o: v.get(Key::TableOverheadPct)?,
            })
        })
        .collect::<Option<_>>()?;
    let retention = h.report.retention_days?;
    let max_days = (retention * 2.0)
        .max(30.0)
        .min(Key::RetentionDays.info().max);
    let sized = |m: &Member, rate: f64, days: f64| {
        f::database_bytes(
            f::database_raw_bytes(f::records_per_day(m.c, rate), m.s, days),
            m.e,
            m.o,
        )
    };
    let points = (0..=CHART_POINTS)
        .map(|k| {
            let days = (max_days * k as f64 / CHART_POINTS as f64).round();
            RetentionPoint {
                days,
                bytes: members.iter().map(|m| sized(m, m.r, days)).sum(),
                low_bytes: members.iter().map(|m| sized(m, 15.0, days)).sum(),
                high_bytes: members.iter().map(|m| sized(m, 20.0, days)).sum(),
            }
        })
        .collect::<Vec<_>>();
    points
        .iter()
        .all(|p| p.bytes.is_finite() && p.low_bytes.is_finite() && p.high_bytes.is_finite())
        .then(|| RetentionSeries {
            host_id: h.report.id.clone(),
            retention_days: retention,
            points,
        })
}

fn backlog_series(c: &Computed) -> Option<BacklogSeries> {
    let r = &c.report;
    let clients = r.active_clients?;
    let rate = c.values.get(Key::EventsPerClientPerDay)?;
    let size = c.values.get(Key::EventSizeBytes)?;
    let chosen = c.values.get(Key::OutageHours)?;
    let tolerated = r.tolerated_outage_hours.filter(|t| *t > 0.0).unwrap_or(0.0);
    let max_hours = (chosen * 2.0)
        .max(tolerated * 1.5)
        .max(24.0)
        .min(Key::OutageHours.info().max);
    let points: Vec<BacklogPoint> = (0..=CHART_POINTS)
        .map(|k| {
            let hours = max_hours * k as f64 / CHART_POINTS as f64;
            let events = clients * f::backlog_events_per_client(rate, hours);
            BacklogPoint {
                hours,
                events,
                bytes: (events * size).round(),
            }
        })
        .collect();
    points
        .iter()
        .all(|p| p.events.is_finite() && p.bytes.is_finite())
        .then(|| BacklogSeries {
            instance_id: r.id.clone(),
            chosen_outage_hours: chosen,
            tolerated_outage_hours: r.tolerated_outage_hours,
            tolerated_outage_worst_case_hours: r.tolerated_outage_worst_case_hours,
            points,
        })
}
