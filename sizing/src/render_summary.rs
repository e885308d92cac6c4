//! The verdict and the bill of materials as people read them: a compact table
//! for a terminal (`medv-plan analyze --format summary`) and the opening section
//! of the design document.

use std::fmt::Write;

use crate::plan::Choice;
use crate::render::md_text;
use crate::report::{LineStatus, Report, SiteBill, Status, Totals};
use crate::units::{bytes, count, hours, iops_read};

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Incomplete => "INCOMPLETE",
        Status::Error => "ERROR",
        Status::Warning => "WARNING",
        Status::Ok => "OK",
    }
}

/// "1 note", "3 notes".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        crate::units::count(n as f64),
        if n == 1 { one } else { many }
    )
}

fn opt(v: Option<f64>, f: fn(f64) -> String) -> String {
    v.map_or_else(|| "not computable".into(), f)
}

/// "4 MED-V servers · 1 SQL Server host (1 machine of its own), 6.54 GB, 94.62 IOPS · 4 consoles".
pub fn deployment_line(t: &Totals) -> String {
    format!(
        "{} · {} ({} of {} own), {}, {} IOPS · {}",
        plural(t.medv_servers, "MED-V server", "MED-V servers"),
        plural(t.sql_hosts, "SQL Server host", "SQL Server hosts"),
        plural(t.sql_machines, "machine", "machines"),
        if t.sql_machines == 1 { "its" } else { "their" },
        opt(t.database_bytes, bytes),
        opt(t.total_iops, iops_read),
        plural(t.consoles, "console", "consoles"),
    )
}

/// What a row of the bill of materials stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BomKind {
    /// An instance's MED-V server (its id is the instance's).
    Server,
    /// A SQL Server host (its id is the host's).
    Sql,
    /// An instance's consoles at one site (its id is the instance's).
    Consoles,
}

impl BomKind {
    /// The word in `data-testid="bom-<kind>-<id>"`.
    pub fn key(self) -> &'static str {
        match self {
            BomKind::Server => "server",
            BomKind::Sql => "sql",
            BomKind::Consoles => "consoles",
        }
    }
}

/// One row of the bill of materials, written for people.
#[derive(Debug, Clone, PartialEq)]
pub struct BomRow {
    pub kind: BomKind,
    /// The instance's or host's id; consoles split over sites add `@<site>`
    /// after the first site, so every row's id is its own.
    pub id: String,
    pub machine: String,
    pub entered: String,
    pub needed: String,
    pub status: LineStatus,
}

/// The word of a line status, never colour alone.
pub fn line_word(s: LineStatus) -> &'static str {
    match s {
        LineStatus::Ok => "ok",
        LineStatus::Warning => "warning",
        LineStatus::Error => "error",
    }
}

/// A site's rows: MED-V servers, SQL Server hosts, consoles.
pub fn bom_rows(bill: &SiteBill, seen_consoles: &mut Vec<String>) -> Vec<BomRow> {
    let mut out = Vec::new();
    for m in &bill.medv_servers {
        let n = &m.needed;
        out.push(BomRow {
            kind: BomKind::Server,
            id: m.instance.clone(),
            machine: format!("MED-V server {}", m.name),
            entered: format!(
                "{} GHz, {} cores, {} GB",
                opt(m.entered_cpu_ghz, count),
                opt(m.entered_cores, count),
                opt(m.entered_ram_gb, count)
            ),
            needed: format!(
                "{} GHz, {} cores, {} GB, {} disk{}",
                count(n.cpu_ghz),
                opt(n.cores, count),
                opt(n.ram_gb, count),
                opt(n.disk_bytes, bytes),
                if n.hosts_sql_server {
                    ", runs SQL Server"
                } else {
                    ""
                }
            ),
            status: m.status,
        });
    }
    for h in &bill.sql_hosts {
        out.push(BomRow {
            kind: BomKind::Sql,
            id: h.id.clone(),
            machine: match &h.on_medv_server_name {
                Some(on) => format!("SQL Server {} (on MED-V server {on})", h.name),
                None => format!("SQL Server {}", h.name),
            },
            entered: format!(
                "{}{}",
                h.edition.map_or("edition not given", |e| e.label()),
                match h.fault_tolerance {
                    Some(f) => format!(", {}", f.label()),
                    None => String::new(),
                }
            ),
            needed: format!(
                "{} database, {} IOPS",
                opt(h.database_bytes, bytes),
                opt(h.total_iops, iops_read)
            ),
            status: h.status,
        });
    }
    for c in &bill.consoles {
        let id = if seen_consoles.contains(&c.instance) {
            format!("{}@{}", c.instance, bill.site.as_deref().unwrap_or(""))
        } else {
            seen_consoles.push(c.instance.clone());
            c.instance.clone()
        };
        out.push(BomRow {
            kind: BomKind::Consoles,
            id,
            machine: format!(
                "{} for {}",
                plural(c.count, "console", "consoles"),
                c.instance_name
            ),
            entered: c.names.join(", "),
            needed: "a typical client".into(),
            status: LineStatus::Ok,
        });
    }
    out
}

/// A site's subtotal: ("2 MED-V servers, 1 SQL Server host, 2 consoles",
/// "4.90 GB, 53.87 IOPS"); kinds it has none of are left out, and so is the
/// load of a site without a SQL Server host.
pub fn subtotal(t: &Totals) -> (String, String) {
    let parts: Vec<String> = [
        (t.medv_servers, "MED-V server", "MED-V servers"),
        (t.sql_hosts, "SQL Server host", "SQL Server hosts"),
        (t.consoles, "console", "consoles"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect();
    let load = if t.sql_hosts == 0 {
        String::new()
    } else {
        format!(
            "{}, {} IOPS",
            opt(t.database_bytes, bytes),
            opt(t.total_iops, iops_read)
        )
    };
    (parts.join(", "), load)
}

fn rows(bill: &SiteBill, seen: &mut Vec<String>) -> Vec<[String; 5]> {
    bom_rows(bill, seen)
        .into_iter()
        .map(|r| {
            [
                bill.name.clone(),
                r.machine,
                r.entered,
                r.needed,
                line_word(r.status).into(),
            ]
        })
        .collect()
}

/// Text from a plan shown in a terminal: control characters made visible.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// The verdict and the bill of materials as a compact table for a terminal.
pub fn text(report: &Report) -> String {
    let s = &report.summary;
    let mut out = String::new();
    let name = if report.plan_name.trim().is_empty() {
        "Untitled plan".to_string()
    } else {
        plain(&report.plan_name)
    };
    let _ = writeln!(
        out,
        "{name}: {} ({}, {}, {})",
        status_word(s.status),
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "note", "notes")
    );
    for why in &s.incomplete {
        let _ = writeln!(out, "  incomplete: {}", plain(why));
    }
    let _ = writeln!(out, "Deploy: {}\n", deployment_line(&s.totals));
    let mut table: Vec<[String; 5]> = vec![[
        "Site".into(),
        "Machine".into(),
        "Entered".into(),
        "Needed".into(),
        "Status".into(),
    ]];
    let mut seen = Vec::new();
    for bill in &s.sites {
        table.extend(
            rows(bill, &mut seen)
                .into_iter()
                .map(|r| r.map(|c| plain(&c))),
        );
    }
    let widths: Vec<usize> = (0..5)
        .map(|k| {
            table
                .iter()
                .map(|r| r[k].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in &table {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    out.push('\n');
    for bill in &s.sites {
        let (machines, load) = subtotal(&bill.subtotal);
        let load = if load.is_empty() {
            String::new()
        } else {
            format!("; {load}")
        };
        let _ = writeln!(out, "{}: {machines}{load}", plain(&bill.name));
    }
    out.push('\n');
    for o in &s.outages {
        let _ = writeln!(out, "{}", plain(&outage_sentence(o)));
    }
    out
}

/// What the planned outages do to one instance, in one sentence.
pub fn outage_sentence(o: &crate::report::OutageVerdict) -> String {
    let locked = match (o.locked_out, o.locked_out_after_hours) {
        (Some(true), Some(after)) => format!(
            "users are locked out after {} of a MED-V server outage",
            hours(after)
        ),
        (Some(false), _) => "users keep working through a MED-V server outage".into(),
        _ => "whether users are locked out cannot be judged".into(),
    };
    let recovery = match (o.recovery_hours, o.recovery_within_service_level) {
        (Some(r), Some(true)) => format!("recovery {} fits the service level", hours(r)),
        (Some(r), Some(false)) => format!("recovery {} exceeds the service level", hours(r)),
        (Some(r), None) => format!("recovery {}", hours(r)),
        (None, _) => "recovery not computable".into(),
    };
    let sql = match (&o.sql_host_name, o.sql_outage_hours) {
        (Some(h), Some(hrs)) => format!(
            "; if SQL Server {h} is down {}, {} events back up and reports are unavailable{}",
            hours(hrs),
            opt(o.sql_outage_events, |e| count(e.round())),
            match o.sql_recovery_within_service_level {
                Some(false) => " (its recovery exceeds the service level)",
                _ => "",
            }
        ),
        _ => String::new(),
    };
    format!("{}: {locked}; {recovery}{sql}.", o.name)
}

/// The opening section of the design document.
pub fn markdown(md: &mut String, report: &Report) {
    let s = &report.summary;
    let _ = writeln!(
        md,
        "## Summary\n\n**Status: {}** — {}, {}, {}.\n",
        status_word(s.status),
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "note", "notes")
    );
    for why in &s.incomplete {
        let _ = writeln!(md, "- Incomplete: {}", md_text(why));
    }
    if !s.incomplete.is_empty() {
        md.push('\n');
    }
    let _ = writeln!(md, "**Deploy:** {}.\n", deployment_line(&s.totals));
    md.push_str("### Bill of materials\n\n| Site | Machine | Entered | Needed | Status |\n|---|---|---|---|---|\n");
    let mut seen = Vec::new();
    for bill in &s.sites {
        for r in rows(bill, &mut seen) {
            let _ = writeln!(
                md,
                "| {} |",
                r.iter().map(|c| md_text(c)).collect::<Vec<_>>().join(" | ")
            );
        }
        let (machines, load) = subtotal(&bill.subtotal);
        let _ = writeln!(
            md,
            "| {} | **subtotal** | {machines} | {load} | |",
            md_text(&bill.name)
        );
    }
    if !report.sql_hosts.is_empty() {
        md.push_str("\nEach SQL Server host's database can be created with the T-SQL script the planner writes for it, sized from these figures: **T-SQL script** on its row of *What to deploy* in the page, or `medv-plan sql PLAN --host ID`.\n");
    }
    md.push_str("\n### Outages\n\n");
    for o in &s.outages {
        let _ = writeln!(md, "- {}", md_text(&outage_sentence(o)));
    }
    md.push_str("\nTo weigh another option (a shared or co-located SQL Server, one instance or two, a standby or none), compare this plan with a variant of it: **Duplicate as a variant** or **Compare with…** in the page's Plans menu, or `medv-plan diff A B`, give both verdicts, what to deploy and every figure side by side.\n\n");
}

/// The findings of one rule, each with the name of its subject.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleGroup {
    pub rule: &'static str,
    pub title: &'static str,
    pub source: &'static str,
    pub items: Vec<(crate::report::Finding, String)>,
}

/// The names people know findings' subjects by: an instance's, host's or
/// site's name rather than its id; "The plan" for the plan.
pub struct SubjectNames<'a>(
    std::collections::HashMap<(crate::report::SubjectKind, &'a str), &'a str>,
);

impl<'a> SubjectNames<'a> {
    pub fn new(report: &'a Report) -> Self {
        use crate::report::SubjectKind::*;
        let mut map = std::collections::HashMap::new();
        for x in &report.instances {
            map.insert((Instance, x.id.as_str()), x.name.as_str());
        }
        for x in &report.sql_hosts {
            map.insert((SqlHost, x.id.as_str()), x.name.as_str());
        }
        for x in &report.sites {
            map.insert((Site, x.id.as_str()), x.name.as_str());
        }
        SubjectNames(map)
    }

    pub fn of(&self, f: &crate::report::Finding) -> String {
        if f.subject_kind == crate::report::SubjectKind::Plan {
            return "The plan".to_string();
        }
        self.0
            .get(&(f.subject_kind, f.subject.as_str()))
            .map_or_else(|| f.subject.clone(), |n| n.to_string())
    }
}

/// The findings of `severity`, grouped by rule in the order each rule first
/// appears, in time linear in the findings.
pub fn rule_groups(report: &Report, severity: crate::rules::Severity) -> Vec<RuleGroup> {
    let names = SubjectNames::new(report);
    let mut groups: Vec<RuleGroup> = Vec::new();
    let mut at: std::collections::HashMap<&'static str, usize> = Default::default();
    for f in report.findings.iter().filter(|f| f.severity == severity) {
        let name = names.of(f);
        match at.get(f.rule) {
            Some(&i) => groups[i].items.push((f.clone(), name)),
            None => {
                at.insert(f.rule, groups.len());
                groups.push(RuleGroup {
                    rule: f.rule,
                    title: crate::rules::by_id(f.rule).map_or("", |r| r.title),
                    source: f.source,
                    items: vec![(f.clone(), name)],
                });
            }
        }
    }
    groups
}

/// The state of each subject of `kind`, by id: an error or a warning about it
/// makes its line `Error` or `Warning`; notes leave it `Ok`.
pub fn line_states(
    report: &Report,
    kind: crate::report::SubjectKind,
) -> std::collections::HashMap<String, LineStatus> {
    let mut states = std::collections::HashMap::new();
    for f in report.findings.iter().filter(|f| f.subject_kind == kind) {
        let status = match f.severity {
            crate::rules::Severity::Error => LineStatus::Error,
            crate::rules::Severity::Warning => LineStatus::Warning,
            crate::rules::Severity::Info => continue,
        };
        let at = states.entry(f.subject.clone()).or_insert(LineStatus::Ok);
        if (status as u8) > (*at as u8) {
            *at = status;
        }
    }
    states
}
