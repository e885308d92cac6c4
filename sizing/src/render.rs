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

/// The design document: inputs, results per instance and per SQL Server host,
/// findings, the assumptions ledger with sources, and the math.
pub fn markdown(plan: &Plan, report: &Report) -> String {
    let mut md = String::new();
    header(&mut md, plan, report);
    worksheet(&mut md, plan, report);
    instance_inputs(&mut md, plan);
    host_inputs(&mut md, plan);
    instance_results(&mut md, report);
    findings(&mut md, report);
    assumptions_ledger(&mut md, plan);
    math_appendix(&mut md, report);
    md
}

fn header(md: &mut String, plan: &Plan, report: &Report) {
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
    crate::render_summary::markdown(md, report);
    if !plan.notes.trim().is_empty() {
        md.push_str("## Notes\n\n");
        for line in plan.notes.lines() {
            let _ = writeln!(md, "> {}", md_text(line));
        }
        md.push('\n');
    }
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
}

fn assumptions_ledger(md: &mut String, plan: &Plan) {
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
}

fn math_appendix(md: &mut String, report: &Report) {
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
        for f in figures::INSTANCE {
            push(
                "instance",
                &r.id,
                &r.name,
                f.key,
                (f.get)(r),
                f.format.unit(),
            );
        }
    }
    for h in &report.sql_hosts {
        for f in figures::HOST {
            push(
                "sql_host",
                &h.id,
                &h.name,
                f.key,
                (f.get)(h),
                f.format.unit(),
            );
        }
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
