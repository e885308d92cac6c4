//! Renders a plan and its report as a Markdown design document and as CSV.
//!
//! Everything that came from the plan (names, notes, ids, sites) is escaped:
//! a Markdown viewer shows it as text (no HTML, no links, no emphasis), and a
//! spreadsheet never evaluates a CSV cell as a formula.

use std::fmt::Write;

use crate::assumptions::Key;
use crate::figures;
use crate::plan::{Choice, OfflinePolicy, Plan, ServerForm, SqlFaultTolerance};
use crate::report::{OutageTolerance, Report};
use crate::rules::Severity;
use crate::units::{count, hours, iops};

/// Makes text from a plan inert in Markdown while leaving ordinary prose as it
/// is: the characters that make markup (`\\ ` * _ ~ [ ] | #`) are
/// backslash-escaped, `<`, `>` and `&` become entities, a leading `-`, `+`, `=`
/// or list number cannot start a block, autolinks are broken (`http\://`,
/// `www\.`, `a\@b`), line breaks become spaces, and control, bidirectional and
/// zero-width characters are shown as `[U+XXXX]`. "F-WS1: 5,000 clients (90%)."
/// comes through unchanged.
pub fn md_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    // Whether only blanks, and then only digits, came before: a block could start.
    let (mut blank, mut digits) = (true, true);
    for (i, &ch) in chars.iter().enumerate() {
        let escape = match ch {
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '|' | '#' | '@' => true,
            '-' | '+' | '=' => blank,
            // "1. x" or "1) x" at the start would be a numbered list.
            '.' | ')' if digits && !blank => chars.get(i + 1).is_none_or(|c| c.is_whitespace()),
            ':' => chars.get(i + 1) == Some(&'/'),
            '.' => {
                i >= 3
                    && chars[i - 3..i]
                        .iter()
                        .collect::<String>()
                        .eq_ignore_ascii_case("www")
            }
            _ => false,
        };
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_invisible(c) => {
                let _ = write!(out, "[U+{:04X}]", c as u32);
            }
            c => {
                if escape {
                    out.push('\\');
                }
                out.push(c);
            }
        }
        if !ch.is_whitespace() {
            digits &= ch.is_ascii_digit();
            blank = false;
        }
    }
    out
}

/// Control, format, bidirectional-override, zero-width, filler, variation-selector
/// and tag characters, and line and paragraph separators: shown, never obeyed.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c as u32,
            0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
            | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
            | 0xFEFF | 0xFFA0 | 0xFFF9..=0xFFFB | 0x1D173..=0x1D17A | 0xE0000..=0xE007F
            | 0xE0100..=0xE01EF)
}

/// Makes a CSV cell: control characters escaped as `\u{…}`, quoted when needed,
/// and neutralised with an apostrophe when its first character that is not
/// blank (spaces, no-break spaces, byte-order marks, line breaks) would start a
/// formula — `=`, `+`, `-`, `@`, or their full-width forms — or is a tab or CR,
/// so spreadsheets show it as text.
pub fn csv_cell(text: &str) -> String {
    let starts_formula = |c: char| {
        matches!(
            c,
            '=' | '+'
                | '-'
                | '@'
                | '\t'
                | '\r'
                | '\u{FF1D}'
                | '\u{FF0B}'
                | '\u{FF0D}'
                | '\u{FF20}'
                | '\u{2212}'
        )
    };
    let blank = |c: char| {
        matches!(
            c,
            ' ' | '\u{A0}' | '\u{FEFF}' | '\n' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{3000}'
        )
    };
    let risky = text
        .chars()
        .find(|c| !blank(*c))
        .is_some_and(starts_formula)
        || text.starts_with(['\t', '\r']);
    let visible: String = text
        .chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => c.to_string(),
            c if c.is_control() => format!("\\u{{{:04X}}}", c as u32),
            c => c.to_string(),
        })
        .collect();
    let neutral = if risky {
        format!("'{visible}")
    } else {
        visible
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

/// What a tolerated outage without a number means.
pub fn tolerance_text(t: OutageTolerance) -> &'static str {
    match t {
        OutageTolerance::Unbounded => "unbounded (no workspace restricts offline work)",
        OutageTolerance::NotComputable => "not computable (an offline limit is invalid)",
        OutageTolerance::Bounded => "not computable",
    }
}

fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

/// The design document, the answer first: the verdict, the bill of materials
/// and what outages do; the findings grouped by rule; the decisions per site,
/// instance and SQL Server host; then, in appendices, the inputs, the
/// assumptions, the math and the sources. Subjects are named, never given by
/// id; only text from the plan is escaped.
pub fn markdown(plan: &Plan, report: &Report) -> String {
    markdown_with(plan, report, None)
}

/// [`markdown`], its assumptions ledger saying which values are the
/// organization's defaults (`site-defaults.json`) and what those are.
pub fn markdown_with(
    plan: &Plan,
    report: &Report,
    org: Option<&crate::site_defaults::SiteDefaults>,
) -> String {
    let mut md = String::new();
    header(&mut md, &plan.name, report);
    findings(&mut md, report);
    sites(&mut md, report);
    rollup(&mut md, report);
    instance_results(&mut md, report);
    md.push_str("# Appendices\n\n");
    if !plan.notes.trim().is_empty() {
        md.push_str("## Notes\n\n");
        for line in plan.notes.lines() {
            let _ = writeln!(md, "> {}", md_text(line));
        }
        md.push('\n');
    }
    worksheet(&mut md, plan, report);
    instance_inputs(&mut md, plan);
    host_inputs(&mut md, plan);
    assumptions_ledger(&mut md, plan, org);
    math_appendix(&mut md, report);
    sources(&mut md);
    md
}

/// The title is the plan's name (the report's may be left out: the page
/// analyses a plan without its name and notes, which no figure reads).
fn header(md: &mut String, name: &str, report: &Report) {
    let title = if name.trim().is_empty() {
        "Untitled plan".to_string()
    } else {
        md_text(name)
    };
    let _ = writeln!(md, "# MED-V server infrastructure design: {title}\n");
    let _ = writeln!(
        md,
        "Prepared with MED-V Planner (rules version {}) from Microsoft's *Design the MED-V Server Infrastructure* (DSI; see Sources). Sizes use binary units as Windows and SQL Server show them: 1 KB = 1,024 bytes, 1 MB = 1,024 KB, 1 GB = 1,024 MB. Figures are rounded for reading; the exact values are in the appendix and the CSV.\n",
        report.rules_version
    );
    crate::render_summary::markdown(md, report);
}

/// N1 per site, when the plan has sites.
fn sites(md: &mut String, report: &Report) {
    if report.sites.is_empty() {
        return;
    }
    md.push_str(
        "## Sites\n\n| Site | Users | Instances needed | Instances planned |\n|---|---|---|---|\n",
    );
    for s in &report.sites {
        md.push_str(&row(&[
            md_text(&s.name),
            s.users.map_or_else(|| "not given".into(), count),
            opt(s.instances_needed, count),
            s.instances_planned.to_string(),
        ]));
    }
    md.push('\n');
}

/// One line per instance: where it stands, its load and its state.
fn rollup(md: &mut String, report: &Report) {
    if report.instances.is_empty() {
        return;
    }
    let states = crate::render_summary::line_states(report, crate::report::SubjectKind::Instance);
    let site_name = |id: &Option<String>| {
        id.as_ref().map_or_else(
            || "—".to_string(),
            |id| {
                report
                    .sites
                    .iter()
                    .find(|s| &s.id == id)
                    .map_or_else(|| md_text(id), |s| md_text(&s.name))
            },
        )
    };
    md.push_str("## Instances\n\n| Instance | Site | Active clients | Workspaces | Database on | Sized database | Total IOPS | Server needed | State |\n|---|---|---|---|---|---|---|---|---|\n");
    for r in &report.instances {
        let ff = &r.server_form_factor;
        md.push_str(&row(&[
            md_text(&r.name),
            site_name(&r.site),
            opt(r.active_clients, |c| {
                format!(
                    "{} ({}% of 5,000)",
                    count(c),
                    crate::units::trim_zeros(crate::units::grouped(c / 50.0, 1))
                )
            }),
            opt(r.workspaces, count),
            r.sql_host.as_ref().map_or_else(
                || "its own server".to_string(),
                |h| {
                    report
                        .host(h)
                        .map_or_else(|| md_text(h), |h| md_text(&h.name))
                },
            ),
            opt(r.database_bytes, crate::units::bytes),
            opt(r.total_iops, crate::units::iops_read),
            format!(
                "{} GHz, {} cores, {} GB",
                count(ff.cpu_ghz),
                opt(ff.cores, count),
                opt(ff.ram_gb, count)
            ),
            crate::render_summary::line_word(states.get(&r.id).copied().unwrap_or_default()).into(),
        ]));
    }
    md.push('\n');
}

/// The documents the sources cite, with their public addresses.
pub const SOURCES: &[(&str, &str, &str)] = &[
    ("DSI", "Design the MED-V Server Infrastructure (MED-V 1.0 planning guidance)", "https://github.com/MicrosoftDocs/windows-itpro-docs/blob/1d8934289e2f887e3cc3412fd10d511b59a84562/mdop/medv-v1/design-the-med-v-server-infrastructure.md"),
    ("Define the Project Scope", "Define the Project Scope (MED-V 1.0)", "https://github.com/MicrosoftDocs/windows-itpro-docs/blob/a2b2556305817e4d8c1862fa2f68f4d9133feb7c/mdop/medv-v1/define-the-project-scope.md"),
    ("N1", "Identify the Number of MED-V Instances (MED-V 1.0)", "https://github.com/MicrosoftDocs/windows-itpro-docs/blob/3414d3456c788480171bdd23149e167cb84bc346/mdop/medv-v1/identify-the-number-of-med-v-instances.md"),
    ("F-CLU", "Configuring MED-V Server for Cluster Mode", "https://github.com/MicrosoftDocs/windows-itpro-docs/blob/b00f7cc9132b0888173aabd85795c6fa85bf4bc7/mdop/medv-v1/configuring-med-v-server-for-cluster-mode.md"),
    ("F-BAK", "How to Back Up and Restore a MED-V Server", "https://github.com/MicrosoftDocs/windows-itpro-docs/blob/fe82ff5348137e3e8f627ed1564b90917945ca2f/mdop/medv-v1/how-to-back-up-and-restore-a-med-v-server.md"),
    ("F-OFF", "How to Configure a Domain User or Group (offline work)", "https://github.com/MicrosoftDocs/windows-itpro-docs/blob/ba7fd4ccbdba4a7cde1746b075aebbb7eb4d70a6/mdop/medv-v1/how-to-configure-a-domain-user-or-groupmedvv2.md"),
    ("F-OFF", "How to Set MED-V Workspace Deletion Options", "https://github.com/MicrosoftDocs/windows-itpro-docs/blob/3f6b05cdaeeaf26f2d7247c2683d707d272e9649/mdop/medv-v1/how-to-set-med-v-workspace-deletion-options.md"),
    ("F-RET", "How to Install and Configure the MED-V Server Component (retention)", "https://github.com/MicrosoftDocs/windows-itpro-docs/blob/7458558bb7a57b80c3ff1658dd314cf7550d759c/mdop/medv-v1/how-to-install-and-configure-the-med-v-server-component.md"),
    ("F-OS", "MED-V 1.0 SP1 Supported Configurations", "https://github.com/MicrosoftDocs/windows-itpro-docs/blob/5a6851d5c081f796c8311bdaa0154d3308dfdd10/mdop/medv-v1/med-v-10-sp1-supported-configurationsmedv-10-sp1.md"),
    ("SQL Server 2008 IPD guide", "Infrastructure Planning and Design: Microsoft SQL Server 2008 (cited by DSI)", "https://go.microsoft.com/fwlink/?LinkId=163302"),
];

fn sources(md: &mut String) {
    md.push_str("## Sources\n\nSources cite the documents below by these names; fact ids (F-…) are the planner's numbered facts, each from the document shown. [our assumption] marks a value this tool chose where the documentation gives none: it is editable.\n\n| Cited as | Document | Address |\n|---|---|---|\n");
    for (short, title, url) in SOURCES {
        let _ = writeln!(md, "| {short} | {title} | <{url}> |");
    }
    md.push('\n');
}

fn worksheet(md: &mut String, plan: &Plan, report: &Report) {
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
}

/// The workspace rows of an instance's inputs.
fn workspace_inputs(md: &mut String, inst: &crate::plan::Instance) {
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
}

/// The console rows of an instance's inputs.
fn console_inputs(md: &mut String, inst: &crate::plan::Instance) {
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
}

fn instance_inputs(md: &mut String, plan: &Plan) {
    let host_name = |id: &str| -> String {
        plan.sql_hosts
            .iter()
            .find(|h| h.id == id)
            .map_or(id, |h| h.display_name())
            .to_string()
    };
    for inst in &plan.instances {
        let _ = writeln!(md, "### Instance {}\n", md_text(inst.display_name()));
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
                Some(id) => format!("SQL Server host {}", md_text(&host_name(id))),
            },
        ]));
        workspace_inputs(md, inst);
        console_inputs(md, inst);
        md.push('\n');
    }
}

fn host_inputs(md: &mut String, plan: &Plan) {
    if !plan.sql_hosts.is_empty() {
        md.push_str("### SQL Server hosts\n\n| Host | Placement | Version | Edition | Link | Fault tolerance |\n|---|---|---|---|---|---|\n");
        for h in &plan.sql_hosts {
            md.push_str(&row(&[
                md_text(h.display_name()),
                format!(
                    "{}{}",
                    h.placement.label(),
                    h.co_located_with
                        .as_deref()
                        .map(|i| {
                            let name = plan
                                .instances
                                .iter()
                                .find(|x| x.id == i)
                                .map_or(i, |x| x.display_name());
                            format!(" of {}", md_text(name))
                        })
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
}

fn instance_results(md: &mut String, report: &Report) {
    md.push_str("## Results per instance\n\n");
    for r in &report.instances {
        let _ = writeln!(md, "### {}\n", md_text(&r.name));
        md.push_str("| Figure | Value |\n|---|---|\n");
        for f in figures::INSTANCE {
            let value = match ((f.get)(r), f.key) {
                (None, "tolerated_outage_hours" | "tolerated_outage_worst_case_hours") => {
                    tolerance_text(r.outage_tolerance).to_string()
                }
                (v, _) => v.map_or_else(|| "not computable".into(), |v| f.format.write(v)),
            };
            md.push_str(&row(&[f.label.into(), value]));
        }
        let ff = &r.server_form_factor;
        if ff.virtual_machine || ff.hosts_sql_server {
            md.push_str(&row(&[
                "Server notes".into(),
                [
                    ff.virtual_machine
                        .then_some("a Hyper-V VM with equivalent resources"),
                    ff.hosts_sql_server
                        .then_some("includes the SQL Server it runs"),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("; "),
            ]));
        }
        md.push('\n');
    }

    md.push_str("## Results per SQL Server host\n\n");
    for h in &report.sql_hosts {
        let names: Vec<&str> = h
            .instances
            .iter()
            .filter_map(|id| report.instance(id).map(|i| i.name.as_str()))
            .collect();
        let _ = writeln!(
            md,
            "### {}\n\n{}, holding the database of {}.\n",
            md_text(&h.name),
            h.placement.label(),
            if names.is_empty() {
                "no instance".to_string()
            } else {
                md_text(&names.join(", "))
            }
        );
        md.push_str("| Figure | Value |\n|---|---|\n");
        for f in figures::HOST {
            if let Some(v) = (f.get)(h) {
                md.push_str(&row(&[f.label.into(), f.format.write(v)]));
            }
        }
        md.push('\n');
    }
}

fn findings(md: &mut String, report: &Report) {
    md.push_str("## Findings\n\n");
    if report.findings.is_empty() {
        md.push_str("No findings.\n\n");
    }
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        let groups = crate::render_summary::rule_groups(report, sev);
        if groups.is_empty() {
            continue;
        }
        let n: usize = groups.iter().map(|g| g.items.len()).sum();
        let _ = writeln!(
            md,
            "### {} ({n})\n",
            match sev {
                Severity::Error => "Errors",
                Severity::Warning => "Warnings",
                Severity::Info => "Notes",
            }
        );
        for g in groups {
            if let [(f, _)] = g.items.as_slice() {
                let _ = writeln!(
                    md,
                    "- **{}** `{}`: {} *Source: {}.*",
                    g.title,
                    g.rule,
                    md_text(&f.message),
                    g.source
                );
                continue;
            }
            let subjects: Vec<String> = g.items.iter().map(|(_, n)| md_text(n)).collect();
            let _ = writeln!(
                md,
                "- **{}** `{}` ×{}: {}. *Source: {}.*",
                g.title,
                g.rule,
                g.items.len(),
                subjects.join(", "),
                g.source
            );
            for (f, _) in &g.items {
                let _ = writeln!(md, "  - {}", md_text(&f.message));
            }
        }
        md.push('\n');
    }
}

fn assumptions_ledger(
    md: &mut String,
    plan: &Plan,
    org: Option<&crate::site_defaults::SiteDefaults>,
) {
    md.push_str("## Assumptions ledger\n\n| Assumption | Value | Default | Basis | Source |\n|---|---|---|---|---|\n");
    let org_name = org.map(|o| {
        if o.organization.trim().is_empty() {
            "the organization".to_string()
        } else {
            md_text(&o.organization)
        }
    });
    for &k in Key::ALL {
        let info = k.info();
        let built_in = if info.documented {
            "documented"
        } else {
            "[our assumption]"
        };
        let (default, basis) = match (org.and_then(|o| o.assumption(k)), &org_name) {
            (Some(v), Some(name)) => (
                format!(
                    "{} {} ({name}; built in: {} {})",
                    count(v),
                    info.unit,
                    count(info.default),
                    info.unit
                ),
                format!("organization default (built in: {built_in})"),
            ),
            _ => (
                format!("{} {}", count(info.default), info.unit),
                built_in.to_string(),
            ),
        };
        md.push_str(&row(&[
            info.label.into(),
            format!("{} {}", count(plan.assumptions.get(k)), info.unit),
            default,
            basis,
            md_text(info.source),
        ]));
    }
    md.push('\n');
    if let (Some(o), Some(name)) = (org, &org_name) {
        let fields: Vec<String> = o
            .fields()
            .iter()
            .filter(|p| !matches!(p, crate::path::FieldPath::Assumption(_)))
            .filter_map(|p| {
                o.shown(p)
                    .map(|v| format!("{} {v}", p.label().0.to_lowercase()))
            })
            .collect();
        let _ = writeln!(
            md,
            "New plans here start from {name}'s defaults (`site-defaults.json` beside the planner){}{}.\n",
            if fields.is_empty() { "" } else { ": " },
            fields.join(", ")
        );
    }
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
}

/// One subject's math: its heading, then a line per figure. Formulas, labels
/// and sources are the tool's own; the numbers and names in them are escaped.
fn math_lines(md: &mut String, heading: &str, math: &[crate::report::Math]) {
    let _ = writeln!(md, "### {heading}\n");
    for m in math {
        let _ = writeln!(
            md,
            "- {}: {} = {} = **{}** *({})*",
            m.label,
            m.formula,
            md_text(&m.substituted),
            md_text(&m.result),
            m.source
        );
    }
    md.push('\n');
}

fn math_appendix(md: &mut String, report: &Report) {
    md.push_str("## The math\n\n");
    for r in &report.instances {
        math_lines(md, &md_text(&r.name), &r.math);
    }
    for h in &report.sql_hosts {
        if !h.math.is_empty() {
            math_lines(
                md,
                &format!("SQL Server host {}", md_text(&h.name)),
                &h.math,
            );
        }
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
}

/// The figures and the findings as CSV: `scope,id,name,figure,value,unit,
/// rounded,label,severity,message`. A figure's row has its exact `value` (a
/// plain number: a `.` decimal point, no separators; empty when it cannot be
/// computed), its `unit`, the value `rounded` as the page shows it and its
/// `label`. A finding's row (`scope` = `finding`) names its subject (id and
/// name), its rule (`figure`) and the rule's title (`label`), its `severity`
/// and its `message`. Every cell from the plan is neutralised.
pub fn csv(report: &Report) -> String {
    let mut out =
        String::from("scope,id,name,figure,value,unit,rounded,label,severity,message\r\n");
    let mut push = |cells: [&str; 10]| {
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        let _ = write!(out, "{}\r\n", line.join(","));
    };
    let exact = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let rounded = |v: Option<f64>, f: figures::Format| v.map(|v| f.write(v)).unwrap_or_default();
    for r in &report.instances {
        for f in figures::INSTANCE {
            let v = (f.get)(r);
            push([
                "instance",
                &r.id,
                &r.name,
                f.key,
                &exact(v),
                f.format.unit(),
                &rounded(v, f.format),
                f.label,
                "",
                "",
            ]);
        }
    }
    for h in &report.sql_hosts {
        for f in figures::HOST {
            let v = (f.get)(h);
            push([
                "sql_host",
                &h.id,
                &h.name,
                f.key,
                &exact(v),
                f.format.unit(),
                &rounded(v, f.format),
                f.label,
                "",
                "",
            ]);
        }
    }
    let names = crate::render_summary::SubjectNames::new(report);
    for f in &report.findings {
        push([
            "finding",
            &f.subject,
            &names.of(f),
            f.rule,
            "",
            "",
            "",
            crate::rules::by_id(f.rule).map_or("", |r| r.title),
            f.severity.label(),
            &f.message,
        ]);
    }
    out
}

/// The field reference of `docs/plan-format.md`, generated from the field and
/// assumption catalogs (a test keeps the document equal to it).
pub fn field_reference() -> String {
    use crate::fields::{
        ConsoleField, HostField, InstanceField, PlanField, SiteField, SiteLinkField, VmField,
        WorkspaceField,
    };
    let mut out = String::new();
    reference_table(
        &mut out,
        "Plan",
        PlanField::ALL.iter().map(|f| f.def()).collect(),
        &PlanField::blank(),
    );
    reference_table(
        &mut out,
        "Instances: `instances[]`",
        InstanceField::ALL.iter().map(|f| f.def()).collect(),
        &InstanceField::blank(),
    );
    reference_table(
        &mut out,
        "Workspaces: `instances[].workspaces[]`",
        WorkspaceField::ALL.iter().map(|f| f.def()).collect(),
        &WorkspaceField::blank(),
    );
    reference_table(
        &mut out,
        "Consoles: `instances[].consoles[]`",
        ConsoleField::ALL.iter().map(|f| f.def()).collect(),
        &ConsoleField::blank(),
    );
    reference_table(
        &mut out,
        "SQL Server hosts: `sql_hosts[]`",
        HostField::ALL.iter().map(|f| f.def()).collect(),
        &HostField::blank(),
    );
    reference_table(
        &mut out,
        "VMs of the workspace-count helper: `instances[].vms[]`",
        VmField::ALL.iter().map(|f| f.def()).collect(),
        &VmField::blank(),
    );
    reference_table(
        &mut out,
        "Sites: `sites[]`",
        SiteField::ALL.iter().map(|f| f.def()).collect(),
        &SiteField::blank(),
    );
    reference_table(
        &mut out,
        "Links between sites: `site_links[]`",
        SiteLinkField::ALL.iter().map(|f| f.def()).collect(),
        &SiteLinkField::blank(),
    );
    out.push_str("### Assumptions: `assumptions` (plan) and `instances[].overrides` (instance)\n\n| field | label | default | valid | scope | basis and source |\n|---|---|---|---|---|---|\n");
    for &k in Key::ALL {
        let i = k.info();
        out.push_str(&row(&[
            format!("`{}`", i.name),
            i.label.to_string(),
            format!("{} {}", count(i.default), i.unit)
                .trim()
                .to_string(),
            range_text(i.min, i.max, i.whole),
            if i.per_instance {
                "plan and instance"
            } else {
                "plan only"
            }
            .into(),
            format!(
                "{}: {}",
                if i.documented {
                    "documented"
                } else {
                    "[our assumption]"
                },
                i.source
            ),
        ]));
    }
    limits_reference(&mut out);
    out
}

/// The plan format's limits (`crate::limits`), as the documentation's table.
fn limits_reference(out: &mut String) {
    use crate::limits;
    out.push_str("\n### Limits\n\nA plan over any of these is refused as a whole, wherever it comes from (a file, a share link, a stored plan, a backup, `medv-plan`), with a message that names the limit, before it is analysed. Texts are counted in characters; their limits are in the tables above, and every id or reference (a site, a SQL Server host) holds at most ");
    out.push_str(&count(f64::from(limits::ID_CHARS)));
    out.push_str(" characters.\n\n| what | where | at most |\n|---|---|---:|\n");
    for l in limits::ROWS {
        out.push_str(&row(&[
            l.what.to_string(),
            format!("`{}`", l.path),
            count(l.max as f64),
        ]));
    }
}

/// One catalog's table of the field reference.
fn reference_table<T: 'static>(
    out: &mut String,
    title: &str,
    defs: Vec<&'static crate::fields::FieldDef<T>>,
    blank: &T,
) {
    let _ = writeln!(out, "### {title}\n");
    out.push_str("| field | label | default | valid | basis and source |\n|---|---|---|---|---|\n");
    for d in defs {
        out.push_str(&row(&[
            format!("`{}`", d.name),
            if d.unit.is_empty() {
                d.label.to_string()
            } else {
                format!("{} ({})", d.label, d.unit)
            },
            field_default(d, blank),
            field_valid(d),
            if d.source.is_empty() {
                d.basis.label().to_string()
            } else {
                format!("{}: {}", d.basis.label(), d.source)
            },
        ]));
    }
    out.push('\n');
}

fn range_text(min: f64, max: f64, whole: bool) -> String {
    use crate::input::format_number as exact;
    format!(
        "{}–{}{}",
        exact(min),
        exact(max),
        if whole { ", whole" } else { "" }
    )
}

fn field_default<T>(d: &crate::fields::FieldDef<T>, blank: &T) -> String {
    use crate::fields::Access;
    match &d.access {
        Access::Number { required: true, .. } => "required".into(),
        Access::Number { get, .. } => match get(blank) {
            Some(v) => format!("`{}`", count(v)),
            None => "absent".into(),
        },
        Access::Choice { get, .. } => format!("`{}`", get(blank)),
        Access::Reference { get, .. } => get(blank).map_or("absent".into(), |v| format!("`{v}`")),
        Access::Text { get, .. } => format!("`\"{}\"`", get(blank)),
        Access::Id { .. } => "required".into(),
        Access::Flag { get, .. } => format!("`{}`", get(blank)),
        Access::List => "`[]`".into(),
    }
}

fn field_valid<T>(d: &crate::fields::FieldDef<T>) -> String {
    use crate::fields::Access;
    match &d.access {
        Access::Number { range, .. } => range_text(range.min, range.max, range.whole),
        Access::Choice { options, .. } => options()
            .into_iter()
            .map(|(v, _)| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", "),
        Access::Reference { .. } => "an id of the plan".into(),
        Access::Text { max_chars, .. } => format!(
            "text (the editor takes {} characters)",
            count(f64::from(*max_chars))
        ),
        Access::Id { .. } => "1–64 letters, digits, `-`, `_`; unique".into(),
        Access::Flag { .. } => "`true`, `false`".into(),
        Access::List => "a list".into(),
    }
}
