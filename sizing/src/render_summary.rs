//! The verdict and the bill of materials as people read them: a compact table
//! for a terminal (`medv-plan analyze --format summary`) and the opening section
//! of the design document.

use std::fmt::Write;

use crate::plan::Choice;
use crate::render::md_text;
use crate::report::{LineStatus, Report, SiteBill, Status, Totals};
use crate::units::{bytes, count, hours, iops};

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Incomplete => "INCOMPLETE",
        Status::Error => "ERROR",
        Status::Warning => "WARNING",
        Status::Ok => "OK",
    }
}

fn line_word(s: LineStatus) -> &'static str {
    match s {
        LineStatus::Ok => "ok",
        LineStatus::Warning => "warning",
        LineStatus::Error => "error",
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
        opt(t.total_iops, |v| crate::units::grouped(v, 2)),
        plural(t.consoles, "console", "consoles"),
    )
}

/// A site's subtotal: ("2 MED-V servers, 1 SQL Server host, 2 consoles", "4.90 GB, 53.87 IOPS").
fn subtotal(t: &Totals) -> (String, String) {
    (
        format!(
            "{}, {}, {}",
            plural(t.medv_servers, "MED-V server", "MED-V servers"),
            plural(t.sql_hosts, "SQL Server host", "SQL Server hosts"),
            plural(t.consoles, "console", "consoles")
        ),
        format!(
            "{}, {} IOPS",
            opt(t.database_bytes, bytes),
            opt(t.total_iops, |v| crate::units::grouped(v, 2))
        ),
    )
}

/// One row per machine: (site, machine, entered, needed, status).
fn rows(bill: &SiteBill) -> Vec<[String; 5]> {
    let mut out = Vec::new();
    for m in &bill.medv_servers {
        let n = &m.needed;
        out.push([
            bill.name.clone(),
            format!("MED-V server {}", m.name),
            format!(
                "{} GHz, {} cores, {} GB",
                opt(m.entered_cpu_ghz, count),
                opt(m.entered_cores, count),
                opt(m.entered_ram_gb, count)
            ),
            format!(
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
            line_word(m.status).into(),
        ]);
    }
    for h in &bill.sql_hosts {
        out.push([
            bill.name.clone(),
            match &h.on_medv_server {
                Some(on) => format!("SQL Server {} (on MED-V server {on})", h.name),
                None => format!("SQL Server {}", h.name),
            },
            format!(
                "{}{}",
                h.edition.map_or("edition not given", |e| e.label()),
                match h.fault_tolerance {
                    Some(f) => format!(", {}", f.label()),
                    None => String::new(),
                }
            ),
            format!(
                "{} database, {} IOPS",
                opt(h.database_bytes, bytes),
                opt(h.total_iops, iops)
            ),
            line_word(h.status).into(),
        ]);
    }
    for c in &bill.consoles {
        out.push([
            bill.name.clone(),
            format!(
                "{} for {}",
                plural(c.count, "console", "consoles"),
                c.instance
            ),
            c.names.join(", "),
            "a typical client".into(),
            "ok".into(),
        ]);
    }
    out
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
    for bill in &s.sites {
        table.extend(rows(bill).into_iter().map(|r| r.map(|c| plain(&c))));
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
        let _ = writeln!(out, "{}: {machines}; {load}", plain(&bill.name));
    }
    out.push('\n');
    for o in &s.outages {
        let _ = writeln!(out, "{}", plain(&outage_sentence(o)));
    }
    out
}

fn outage_sentence(o: &crate::report::OutageVerdict) -> String {
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
    let sql = match (&o.sql_host, o.sql_outage_hours) {
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
    for bill in &s.sites {
        for r in rows(bill) {
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
    md.push_str("\n### Outages\n\n");
    for o in &s.outages {
        let _ = writeln!(md, "- {}", md_text(&outage_sentence(o)));
    }
    md.push('\n');
}
