//! Renders a plan and its report as a Markdown design document and as CSV.
//!
//! Everything that came from the plan (names, notes, ids, sites) is escaped:
//! a Markdown viewer shows it as text (no HTML, no links, no emphasis), and a
//! spreadsheet never evaluates a CSV cell as a formula.

use std::fmt::Write;

use crate::assumptions::Key;
use crate::plan::{OfflinePolicy, Plan, ServerForm, SqlFaultTolerance};
use crate::report::{OutageTolerance, Report};
use crate::rules::Severity;
use crate::units::{bytes, bytes_exact, count, grouped, hours, iops};

/// Makes untrusted text inert in Markdown: Markdown punctuation is backslash-escaped
/// (a `:` or `.` too, so that no URL is linked),
/// `<`, `>` and `&` become entities, line breaks become spaces, and control,
/// bidirectional and zero-width characters are shown as `[U+XXXX]`.
pub fn md_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_invisible(c) => {
                let _ = write!(out, "[U+{:04X}]", c as u32);
            }
            // `,;?%'"/` never start Markdown syntax; escaping them would only clutter.
            c if c.is_ascii_punctuation()
                && !matches!(c, ',' | ';' | '?' | '%' | '\'' | '"' | '/') =>
            {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Control, bidirectional-override and zero-width characters: shown, never obeyed.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c as u32,
            0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069 | 0xFEFF | 0x061C | 0x00AD)
}

/// Makes a CSV cell: quoted when needed, and a leading `=`, `+`, `-`, `@`, tab or
/// CR neutralised with an apostrophe so spreadsheets show it as text.
pub fn csv_cell(text: &str) -> String {
    let neutral = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// A file-name-safe slug of a plan name: letters, digits and `-` only.
pub fn file_stem(name: &str) -> String {
    let mut out = String::new();
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "medv-plan".into()
    } else {
        out
    }
}

fn opt(v: Option<f64>, fmt: fn(f64) -> String) -> String {
    v.map(fmt).unwrap_or_else(|| "not computable".into())
}

fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

/// The design document: inputs, results per instance and per SQL Server host,
/// findings, the assumptions ledger with sources, and the math.
pub fn markdown(plan: &Plan, report: &Report) -> String {
    let mut md = String::new();
    let title = if plan.name.trim().is_empty() {
        "Untitled plan".to_string()
    } else {
        md_text(&plan.name)
    };
    let _ = writeln!(md, "# MED-V server infrastructure design: {title}\n");
    let _ = writeln!(
        md,
        "Prepared with MED-V Planner (rules version {}) from Microsoft's *Design the MED-V Server Infrastructure*. Sizes use binary units as Windows and SQL Server show them: 1 KB = 1,024 bytes, 1 MB = 1,024 KB, 1 GB = 1,024 MB.\n",
        report.rules_version
    );
    let s = report.summary;
    let _ = writeln!(
        md,
        "**Summary:** {} instance(s), {} SQL Server host(s); {} error(s), {} warning(s), {} note(s).{}\n",
        report.instances.len(),
        report.sql_hosts.len(),
        s.errors,
        s.warnings,
        s.infos,
        if s.errors == 0 { " No error: the design keeps every documented constraint." } else { "" }
    );
    if !plan.notes.trim().is_empty() {
        md.push_str("## Notes\n\n");
        for line in plan.notes.lines() {
            let _ = writeln!(md, "> {}", md_text(line));
        }
        md.push('\n');
    }

    md.push_str("## Inputs\n\n");
    let ic = &report.instance_count;
    md.push_str("| Worksheet | Value |\n|---|---|\n");
    md.push_str(&row(&["Total users".into(), opt(ic.total_users, count)]));
    md.push_str(&row(&[
        "Separate-instance reasons".into(),
        opt(ic.separate_instance_reasons, count),
    ]));
    md.push_str(&row(&[
        "Instances needed (N1)".into(),
        opt(ic.needed, count),
    ]));
    md.push_str(&row(&["Instances planned".into(), ic.planned.to_string()]));
    md.push_str(&row(&[
        "Standard server RAM".into(),
        format!("{} GB", count(plan.standard_server_ram_gb)),
    ]));
    md.push_str(&row(&[
        "Typical client".into(),
        format!(
            "{}, {} GB RAM, {} GHz",
            plan.typical_client.os.label(),
            count(plan.typical_client.ram_gb),
            count(plan.typical_client.cpu_ghz)
        ),
    ]));
    md.push('\n');

    for inst in &plan.instances {
        let _ = writeln!(
            md,
            "### Instance {} ({})\n",
            md_text(inst.display_name()),
            md_text(&inst.id)
        );
        md.push_str("| Input | Value |\n|---|---|\n");
        md.push_str(&row(&["Active clients".into(), count(inst.active_clients)]));
        let sv = &inst.server;
        md.push_str(&row(&[
            "MED-V server".into(),
            format!(
                "{}, {} GHz × {} cores, {} GB RAM, {}{}",
                if sv.form == ServerForm::HyperVVm {
                    "Hyper-V VM"
                } else {
                    "physical"
                },
                count(sv.cpu_ghz),
                count(sv.cores),
                count(sv.ram_gb),
                sv.os.label(),
                if sv.site.trim().is_empty() {
                    String::new()
                } else {
                    format!(", site {}", md_text(&sv.site))
                }
            ),
        ]));
        md.push_str(&row(&[
            "Standby".into(),
            format!(
                "{}{}",
                inst.standby.mode.label(),
                inst.standby
                    .recovery_hours
                    .map(|h| format!(", recovery {}", hours(h)))
                    .unwrap_or_default()
            ),
        ]));
        md.push_str(&row(&[
            "Database".into(),
            match &inst.sql_host {
                None => "on its own MED-V server".into(),
                Some(id) => format!("SQL Server host {}", md_text(id)),
            },
        ]));
        for w in &inst.workspaces {
            let policy = match w.offline {
                OfflinePolicy::NotPermitted => "no offline work".to_string(),
                OfflinePolicy::Unrestricted => "offline work unrestricted".to_string(),
                OfflinePolicy::Restricted => format!(
                    "offline work restricted to {}",
                    hours(w.offline_limit_hours)
                ),
            };
            md.push_str(&row(&[
                format!("Workspace {}", md_text(&w.name)),
                format!(
                    "{} × {policy}{}",
                    count(w.count),
                    if w.delete_when_offline_too_long {
                        ", deleted when offline too long"
                    } else {
                        ""
                    }
                ),
            ]));
        }
        for c in &inst.consoles {
            md.push_str(&row(&[
                format!("Console {}", md_text(&c.name)),
                format!(
                    "{}, {} GB RAM, {} GHz{}{}",
                    c.os.label(),
                    count(c.ram_gb),
                    count(c.cpu_ghz),
                    if c.site.trim().is_empty() {
                        String::new()
                    } else {
                        format!(", site {}", md_text(&c.site))
                    },
                    if c.virtual_pc_confirmed {
                        ", Virtual PC 2007 SP1 + KB 974918 confirmed"
                    } else {
                        ", Virtual PC 2007 SP1 + KB 974918 not confirmed"
                    }
                ),
            ]));
        }
        md.push('\n');
    }
    if !plan.sql_hosts.is_empty() {
        md.push_str("### SQL Server hosts\n\n| Host | Placement | Version | Edition | Link | Fault tolerance |\n|---|---|---|---|---|---|\n");
        for h in &plan.sql_hosts {
            md.push_str(&row(&[
                format!("{} ({})", md_text(h.display_name()), md_text(&h.id)),
                format!(
                    "{}{}",
                    h.placement.label(),
                    h.co_located_with
                        .as_deref()
                        .map(|i| format!(" of {}", md_text(i)))
                        .unwrap_or_default()
                ),
                h.version.label().into(),
                h.edition.label().into(),
                h.link_mbps
                    .map(|l| format!("{} Mbit/s", count(l)))
                    .unwrap_or_else(|| "—".into()),
                match h.fault_tolerance {
                    SqlFaultTolerance::None => "none".into(),
                    SqlFaultTolerance::LogShipping => "log shipping".into(),
                },
            ]));
        }
        md.push('\n');
    }

    md.push_str("## Results per instance\n\n");
    for r in &report.instances {
        let _ = writeln!(md, "### {} ({})\n", md_text(&r.name), md_text(&r.id));
        md.push_str("| Figure | Value |\n|---|---|\n");
        let ff = &r.server_form_factor;
        let lines: Vec<(&str, String)> = vec![
            ("Active clients", opt(r.active_clients, count)),
            ("Workspaces stored", opt(r.workspaces, count)),
            ("Workspace storage", opt(r.workspace_storage_bytes, bytes_exact)),
            ("Records per day", opt(r.records_per_day, count)),
            ("Raw database", opt(r.database_raw_bytes, bytes_exact)),
            ("Sized database", opt(r.database_bytes, bytes_exact)),
            ("Average write IOPS", opt(r.write_iops, iops)),
            ("Write IOPS with burst allowance", opt(r.write_iops_with_burst, iops)),
            ("Reporting buffer IOPS", opt(r.reporting_iops, iops)),
            ("Total IOPS to plan for", opt(r.total_iops, iops)),
            (
                "Tolerated server outage",
                match r.outage_tolerance {
                    OutageTolerance::Unbounded => "unbounded (no workspace restricts offline work)".into(),
                    OutageTolerance::NotComputable => "not computable".into(),
                    OutageTolerance::Bounded => format!("{} (worst case {})", opt(r.tolerated_outage_hours, hours), opt(r.tolerated_outage_worst_case_hours, hours)),
                },
            ),
            ("Expected recovery", opt(r.recovery_hours, hours)),
            (
                "Server form factor",
                format!(
                    "{} GHz, {} cores, {} GB RAM, {} of disk{}{}",
                    count(ff.cpu_ghz),
                    opt(ff.cores, count),
                    opt(ff.ram_gb, count),
                    opt(ff.disk_bytes, bytes),
                    if ff.virtual_machine { ", as a Hyper-V VM with equivalent resources" } else { "" },
                    if ff.hosts_sql_server { ", including co-located SQL Server" } else { "" }
                ),
            ),
            (
                "Planned outage",
                format!(
                    "{}: {} events ({}) per client, {} events ({}) in all; worst-case catch-up {} writes/s",
                    opt(r.outage.hours, hours),
                    opt(r.outage.events_per_client, count),
                    opt(r.outage.bytes_per_client, bytes),
                    opt(r.outage.events_total, count),
                    opt(r.outage.bytes_total, bytes),
                    opt(r.outage.catch_up_writes_per_second, |w| grouped(w, 2))
                ),
            ),
        ];
        for (label, value) in lines {
            md.push_str(&row(&[label.into(), value]));
        }
        md.push('\n');
    }

    md.push_str("## Results per SQL Server host\n\n| Host | Instances | Raw database | Sized database | Write IOPS | With burst | Reporting IOPS | Total IOPS |\n|---|---|---|---|---|---|---|---|\n");
    for h in &report.sql_hosts {
        md.push_str(&row(&[
            format!("{} ({})", md_text(&h.name), md_text(&h.id)),
            md_text(&h.instances.join(", ")),
            opt(h.database_raw_bytes, bytes_exact),
            opt(h.database_bytes, bytes_exact),
            opt(h.write_iops, iops),
            opt(h.write_iops_with_burst, iops),
            opt(h.reporting_iops, iops),
            opt(h.total_iops, iops),
        ]));
    }
    md.push('\n');

    md.push_str("## Findings\n\n");
    if report.findings.is_empty() {
        md.push_str("No findings.\n\n");
    }
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        let of: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == sev)
            .collect();
        if of.is_empty() {
            continue;
        }
        let _ = writeln!(
            md,
            "### {} ({})\n",
            match sev {
                Severity::Error => "Errors",
                Severity::Warning => "Warnings",
                Severity::Info => "Notes",
            },
            of.len()
        );
        for f in of {
            let _ = writeln!(
                md,
                "- **{}** ({}): {} *Source: {}.*",
                md_text(f.rule),
                md_text(&f.subject),
                md_text(&f.message),
                md_text(f.source)
            );
        }
        md.push('\n');
    }

    md.push_str("## Assumptions ledger\n\n| Assumption | Value | Default | Basis | Source |\n|---|---|---|---|---|\n");
    for &k in Key::ALL {
        let info = k.info();
        md.push_str(&row(&[
            info.label.into(),
            format!("{} {}", count(plan.assumptions.get(k)), info.unit),
            format!("{} {}", count(info.default), info.unit),
            if info.documented {
                "documented".into()
            } else {
                "[our assumption]".into()
            },
            md_text(info.source),
        ]));
    }
    md.push('\n');
    let overridden: Vec<_> = plan
        .instances
        .iter()
        .filter(|i| !i.overrides.is_empty() || i.reporting_buffer_iops.is_some())
        .collect();
    if !overridden.is_empty() {
        md.push_str("Per-instance overrides:\n\n");
        for inst in overridden {
            for &k in Key::ALL {
                if let Some(v) = inst.overrides.get(k) {
                    let _ = writeln!(
                        md,
                        "- {}: {} = {} {}",
                        md_text(inst.display_name()),
                        k.info().label,
                        count(v),
                        k.info().unit
                    );
                }
            }
            if let Some(v) = inst.reporting_buffer_iops {
                let _ = writeln!(
                    md,
                    "- {}: reporting buffer typed as {} IOPS",
                    md_text(inst.display_name()),
                    iops(v)
                );
            }
        }
        md.push('\n');
    }

    md.push_str("## The math\n\n");
    for r in &report.instances {
        let _ = writeln!(md, "### {}\n", md_text(&r.name));
        for m in &r.math {
            let _ = writeln!(
                md,
                "- {}: {} = {} = **{}** *({})*",
                m.label,
                md_text(m.formula),
                md_text(&m.substituted),
                md_text(&m.result),
                md_text(m.source)
            );
        }
        md.push('\n');
    }
    if let Some(m) = &report.instance_count.math {
        let _ = writeln!(
            md,
            "Instances needed: {} = {} = **{}** *({})*\n",
            md_text(m.formula),
            md_text(&m.substituted),
            md_text(&m.result),
            md_text(m.source)
        );
    }
    md
}

/// The figures as CSV, one row per figure: scope, id, name, figure, value, unit.
/// Values are plain numbers (a `.` decimal point, no separators); a figure that
/// cannot be computed is an empty cell.
pub fn csv(report: &Report) -> String {
    let mut out = String::from("scope,id,name,figure,value,unit\r\n");
    let mut push =
        |scope: &str, id: &str, name: &str, figure: &str, value: Option<f64>, unit: &str| {
            let value = value.map(|v| v.to_string()).unwrap_or_default();
            let _ = write!(
                out,
                "{},{},{},{},{},{}\r\n",
                scope,
                csv_cell(id),
                csv_cell(name),
                figure,
                value,
                unit
            );
        };
    for r in &report.instances {
        let ff = &r.server_form_factor;
        for (figure, v, unit) in [
            ("active_clients", r.active_clients, "clients"),
            ("workspaces", r.workspaces, "workspaces"),
            ("workspace_storage_bytes", r.workspace_storage_bytes, "B"),
            ("records_per_day", r.records_per_day, "records/day"),
            ("database_raw_bytes", r.database_raw_bytes, "B"),
            ("database_bytes", r.database_bytes, "B"),
            ("write_iops", r.write_iops, "IOPS"),
            ("write_iops_with_burst", r.write_iops_with_burst, "IOPS"),
            ("reporting_iops", r.reporting_iops, "IOPS"),
            ("total_iops", r.total_iops, "IOPS"),
            ("tolerated_outage_hours", r.tolerated_outage_hours, "h"),
            (
                "tolerated_outage_worst_case_hours",
                r.tolerated_outage_worst_case_hours,
                "h",
            ),
            ("recovery_hours", r.recovery_hours, "h"),
            ("server_cpu_ghz", Some(ff.cpu_ghz), "GHz"),
            ("server_cores", ff.cores, "cores"),
            ("server_ram_gb", ff.ram_gb, "GB"),
            ("server_disk_bytes", ff.disk_bytes, "B"),
            ("outage_hours", r.outage.hours, "h"),
            ("outage_events_total", r.outage.events_total, "events"),
            ("outage_bytes_total", r.outage.bytes_total, "B"),
            (
                "outage_catch_up_writes_per_second",
                r.outage.catch_up_writes_per_second,
                "writes/s",
            ),
        ] {
            push("instance", &r.id, &r.name, figure, v, unit);
        }
    }
    for h in &report.sql_hosts {
        for (figure, v, unit) in [
            ("database_raw_bytes", h.database_raw_bytes, "B"),
            ("database_bytes", h.database_bytes, "B"),
            ("write_iops", h.write_iops, "IOPS"),
            ("write_iops_with_burst", h.write_iops_with_burst, "IOPS"),
            ("reporting_iops", h.reporting_iops, "IOPS"),
            ("total_iops", h.total_iops, "IOPS"),
        ] {
            push("sql_host", &h.id, &h.name, figure, v, unit);
        }
    }
    out
}
