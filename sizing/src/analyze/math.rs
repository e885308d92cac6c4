//! "Show the math": each figure's formula with the plan's own numbers. Labels
//! come from the figure catalog, so a figure has one name everywhere.

use crate::assumptions::Key;
use crate::figures;
use crate::report::{HostReport, InstanceReport, Math, OutageTolerance};
use crate::units::{bytes_exact, count, grouped, hours, iops};

use super::validate::Values;

pub fn opt_text(v: Option<f64>, fmt: fn(f64) -> String) -> String {
    v.map(fmt).unwrap_or_else(|| "not computable".into())
}

fn math(
    key: &'static str,
    formula: &'static str,
    substituted: String,
    result: String,
    source: &'static str,
) -> Math {
    Math {
        field: key,
        label: figures::label(key),
        formula,
        substituted,
        result,
        source,
    }
}

/// The math of an instance's figures. `members` names the instances whose
/// events its database stores (itself alone unless the database is shared).
pub fn instance(r: &InstanceReport, values: &Values, members: &[&str]) -> Vec<Math> {
    let mut out = sizing(r, values);
    out.push(reporting(r, values, members));
    out.extend(totals(r));
    out.extend(outage(r, values));
    out
}

/// W1, D1–D3, P1, P2.
fn sizing(r: &InstanceReport, values: &Values) -> Vec<Math> {
    let v = |k: Key| opt_text(values.get(k), count);
    let c = opt_text(r.active_clients, count);
    let burst_pct = v(Key::ErrorBurstAllowancePct);
    let retention = opt_text(r.retention_days, count);
    let shared_retention = if values.get(Key::RetentionDays) != r.retention_days {
        " (the longest retention in its shared database)"
    } else {
        ""
    };
    vec![
        math(
            "workspace_storage_bytes",
            "n × x × 1,024 (n workspaces, x KB each)",
            format!(
                "{} × {} × 1,024",
                opt_text(r.workspaces, count),
                v(Key::WorkspaceXmlKb)
            ),
            opt_text(r.workspace_storage_bytes, bytes_exact),
            "W1: DSI, Form Factor (documented)",
        ),
        math(
            "records_per_day",
            "c × r",
            format!("{c} × {}", v(Key::EventsPerClientPerDay)),
            opt_text(r.records_per_day, count),
            "D1: DSI (documented)",
        ),
        math(
            "database_raw_bytes",
            "c × r × s × d",
            format!(
                "{c} × {} × {} B × {retention} days{shared_retention}",
                v(Key::EventsPerClientPerDay),
                v(Key::EventSizeBytes),
            ),
            opt_text(r.database_raw_bytes, bytes_exact),
            "D2: DSI (documented); H1 for a shared database",
        ),
        math(
            "database_bytes",
            "c × r × s × d × (1 + error-burst allowance) × (1 + table overhead), rounded once",
            format!(
                "{c} × {} × {} B × {retention} days × (1 + {burst_pct} %) × (1 + {} %)",
                v(Key::EventsPerClientPerDay),
                v(Key::EventSizeBytes),
                v(Key::TableOverheadPct)
            ),
            opt_text(r.database_bytes, bytes_exact),
            "D3: DSI names the factors; their values are our assumption",
        ),
        math(
            "write_iops",
            "c × r / 86,400 × IOs per write",
            format!(
                "{} / 86,400 × {}",
                opt_text(r.records_per_day, count),
                v(Key::IosPerWrite)
            ),
            opt_text(r.write_iops, iops),
            "P1, P5: DSI (documented)",
        ),
        math(
            "write_iops_with_burst",
            "P1 × (1 + error-burst allowance)",
            format!("{} × (1 + {burst_pct} %)", opt_text(r.write_iops, iops)),
            opt_text(r.write_iops_with_burst, iops),
            "P2: our assumption",
        ),
    ]
}

/// P4, both ways.
fn totals(r: &InstanceReport) -> Vec<Math> {
    vec![
        math(
            "guidance_total_iops",
            "average write IOPS + reporting buffer (P1 + P3)",
            format!(
                "{} + {}",
                opt_text(r.write_iops, iops),
                opt_text(r.reporting_iops, iops)
            ),
            opt_text(r.guidance_total_iops, iops),
            "P4: DSI (documented)",
        ),
        math(
            "total_iops",
            "write IOPS with burst allowance + reporting buffer (P2 + P3)",
            format!(
                "{} + {}",
                opt_text(r.write_iops_with_burst, iops),
                opt_text(r.reporting_iops, iops)
            ),
            opt_text(r.total_iops, iops),
            "P4: DSI + our assumption (the burst allowance)",
        ),
    ]
}

/// T1, B1, B2.
fn outage(r: &InstanceReport, values: &Values) -> Vec<Math> {
    let v = |k: Key| opt_text(values.get(k), count);
    let c = opt_text(r.active_clients, count);
    let mut out = Vec::new();
    out.push(math(
        "tolerated_outage_hours",
        "0 if a workspace permits no offline work; unbounded if none restricts it; else the smallest offline limit (worst case: less one policy refresh)",
        match r.outage_tolerance {
            OutageTolerance::Unbounded => "no workspace restricts offline work".into(),
            OutageTolerance::NotComputable => "a workspace's offline limit is invalid".into(),
            OutageTolerance::Bounded => format!(
                "{} − {} min",
                opt_text(r.tolerated_outage_hours, hours),
                v(Key::PolicyRefreshMinutes)
            ),
        },
        match r.outage_tolerance {
            OutageTolerance::Unbounded => "unbounded".into(),
            _ => format!(
                "{} (worst case {})",
                opt_text(r.tolerated_outage_hours, hours),
                opt_text(r.tolerated_outage_worst_case_hours, hours)
            ),
        },
        "T1: DSI, Fault Tolerance; F-OFF, F-POL",
    ));
    out.push(math(
        "outage.bytes_total",
        "c × (r × H / 24) × s",
        format!(
            "{c} × ({} × {} h / 24) × {} B",
            v(Key::EventsPerClientPerDay),
            v(Key::OutageHours),
            v(Key::EventSizeBytes)
        ),
        format!(
            "{} events, {}",
            opt_text(r.outage.events_total, count),
            opt_text(r.outage.bytes_total, bytes_exact)
        ),
        "B1: DSI says events back up on the client; the arithmetic is ours",
    ));
    out.push(math(
        "outage.catch_up_writes_per_second",
        "c × (r × H / 24) / send interval",
        format!(
            "{c} × {} / {} s",
            opt_text(r.outage.events_per_client, count),
            v(Key::SendIntervalSeconds)
        ),
        format!(
            "{} writes/s",
            opt_text(r.outage.catch_up_writes_per_second, |w| grouped(w, 2))
        ),
        "B2: our assumption (every client flushes within one interval)",
    ));
    out
}

/// The bandwidth a remote database needs (§6), when it is across a link.
pub fn remote_link(
    r: &InstanceReport,
    values: &Values,
    staleness_minutes: Option<f64>,
) -> Option<Math> {
    let link = r.remote_link.as_ref()?;
    Some(math(
        "remote_link.needed_mbps",
        "max(minimum link, (burst write IOPS × event size + reporting IOPS × 8 KB) × 8 bits, one report's pages × 8 KB × 8 bits within the staleness accepted)",
        format!(
            "max({} Mbit/s, ({} × {} B + {} × 8,192 B) × 8 / 10⁶{})",
            opt_text(values.get(Key::MinRemoteLinkMbps), count),
            opt_text(r.write_iops_with_burst, iops),
            opt_text(values.get(Key::EventSizeBytes), count),
            opt_text(r.reporting_iops, iops),
            match staleness_minutes {
                Some(m) => format!(
                    ", {} pages × 8,192 B × 8 / ({} min × 60 s) / 10⁶",
                    opt_text(r.reads_per_report, count),
                    count(m)
                ),
                None => String::new(),
            }
        ),
        opt_text(link.needed_mbps, |m| format!("{} Mbit/s", crate::units::trim_zeros(grouped(m, 3)))),
        "§6 and DSI: Design and Place the SQL Server Database; the model is our assumption",
    ))
}

fn reporting(r: &InstanceReport, values: &Values, members: &[&str]) -> Math {
    let v = |k: Key| opt_text(values.get(k), count);
    if r.reporting_iops_typed {
        return math(
            "reporting_iops",
            "typed directly",
            opt_text(r.reporting_iops, iops),
            opt_text(r.reporting_iops, iops),
            "P3: DSI asks for a reporting buffer; this value was typed",
        );
    }
    // A few names say which; a long list would make every instance's math as
    // long as its database's membership.
    const NAMED: usize = 4;
    let events = match members.len() {
        0 | 1 => "its events".to_string(),
        n if n <= NAMED => format!("the events of {} (its shared database)", members.join(", ")),
        n => format!(
            "the events of all {n} instances in its shared database ({}, and {} more)",
            members[..NAMED].join(", "),
            n - NAMED
        ),
    };
    math(
        "reporting_iops",
        "consoles × reports per console per hour × ⌈Σ (c × r × s) × w / 8,192⌉ / 3,600, the sum over every instance whose events the database stores",
        format!(
            "{} × {} × {} pages / 3,600 — each report reads {events} for {} days",
            r.consoles,
            v(Key::ReportsPerConsolePerHour),
            opt_text(r.reads_per_report, count),
            v(Key::ReportWindowDays),
        ),
        opt_text(r.reporting_iops, iops),
        "P3: DSI says it depends on consoles and report frequency, and that reports of a shared database include every instance's events; the model is our assumption",
    )
}

/// The math of a host's totals (H1).
pub fn host(h: &HostReport, names: &[&str]) -> Vec<Math> {
    let over = if names.is_empty() {
        "no instance".to_string()
    } else {
        names.join(" + ")
    };
    let with_existing = |extra: Option<f64>, fmt: fn(f64) -> String| match extra {
        Some(e) => format!("{over} + the existing instance's {}", fmt(e)),
        None => over.clone(),
    };
    let sum =
        |key: &'static str, result: Option<f64>, fmt: fn(f64) -> String, substituted: String| {
            math(
                key,
                "sum over the instances whose database it holds",
                substituted,
                opt_text(result, fmt),
                "H1: DSI (shared database)",
            )
        };
    vec![
        sum(
            "database_raw_bytes",
            h.database_raw_bytes,
            bytes_exact,
            over.clone(),
        ),
        sum(
            "database_bytes",
            h.database_bytes,
            bytes_exact,
            with_existing(h.existing_database_bytes, bytes_exact),
        ),
        sum("write_iops", h.write_iops, iops, over.clone()),
        sum(
            "write_iops_with_burst",
            h.write_iops_with_burst,
            iops,
            over.clone(),
        ),
        sum("reporting_iops", h.reporting_iops, iops, over.clone()),
        sum(
            "guidance_total_iops",
            h.guidance_total_iops,
            iops,
            with_existing(h.existing_iops, iops),
        ),
        sum(
            "total_iops",
            h.total_iops,
            iops,
            with_existing(h.existing_iops, iops),
        ),
        math(
            "outage.events_total",
            "Σ over its instances of c × (r × H / 24)",
            format!(
                "{} h: {}",
                opt_text(h.outage.first().and_then(|o| o.hours), count),
                if h.outage.is_empty() {
                    "no instance".to_string()
                } else {
                    h.outage
                        .iter()
                        .zip(names)
                        .map(|(o, n)| format!("{n} {}", opt_text(o.events_total, |e| count(e.round()))))
                        .collect::<Vec<_>>()
                        .join(" + ")
                }
            ),
            opt_text(
                crate::figures::host("outage.events_total").and_then(|f| (f.get)(h)),
                |e| count(e.round()),
            ),
            "§6: DSI says events back up on clients while the database is down; B1 arithmetic (ours)",
        ),
        math(
            "recovery_hours",
            "log shipping: manual failover; none: restore from backup",
            match h.recovery_hours {
                Some(_) if h.implicit => "no host entry: no log shipping".to_string(),
                Some(_) => "the host's fault tolerance".to_string(),
                None => "not computable".to_string(),
            },
            opt_text(h.recovery_hours, hours),
            "F-LS; the hours are our assumption (sql_recovery_hours_none, sql_recovery_hours_log_shipping)",
        ),
        math(
            "retention_days",
            "the longest retention any of its instances asks for",
            over.clone(),
            opt_text(h.retention_days, |d| format!("{} days", count(d))),
            "H1: one database keeps every event that long (our assumption: conservative)",
        ),
    ]
}
