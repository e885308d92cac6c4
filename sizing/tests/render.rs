//! The design document and the CSV: complete, and inert whatever a plan contains.

mod common;

use medv_sizing::render::{csv, csv_cell, file_stem, markdown, md_text};
use medv_sizing::units;
use medv_sizing::{analyze, worked_example};

#[test]
fn markdown_has_every_section_and_figure() {
    let plan = worked_example();
    let md = markdown(&plan, &analyze(&plan));
    for needle in [
        "# MED-V server infrastructure design: Worked example: HQ, Branch and Lab",
        "**Deploy:** 3 MED-V servers",
        "| Lab | SQL Server SQL host B (on MED-V server Lab) |",
        "2,925,000,000 B (2.72 GB)",
        "3,627,000,000 B (3.38 GB)",
        "1.7940",
        "| Sized database | 2.72 GB |",
        "| Total IOPS to plan for (with the burst allowance, [our assumption]) | 13.22 |",
        "[our assumption]",
        "`clients-near-limit`",
        "*Source: F-MAX: DSI.*",
        "| HQ | HQ | 5,000 (100% of 5,000) | 12 | SQL host A | 2.72 GB | 13.22 |",
        "1 KB = 1,024 bytes",
        "| DSI | Design the MED-V Server Infrastructure",
    ] {
        assert!(md.contains(needle), "missing {needle}\n{md}");
    }
    // The answer first, then the decisions, then the appendices.
    let order = [
        "## Summary",
        "### Bill of materials",
        "### Outages",
        "## Findings",
        "## Instances",
        "## Results per instance",
        "## Results per SQL Server host",
        "# Appendices",
        "## Inputs",
        "## Assumptions ledger",
        "## The math",
        "## Sources",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|h| {
            md.find(&format!("{h}\n"))
                .unwrap_or_else(|| panic!("missing {h}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{order:?} at {at:?}");
    // Names, not ids: no instance or host is named by its id in a sentence.
    assert!(
        !md.contains("SQL Server host A\n") && !md.contains("(hq)"),
        "{md}"
    );
}

#[test]
fn findings_are_grouped_by_rule_with_their_subjects() {
    let mut plan = worked_example();
    // Three instances near the limit: one line with three names.
    for inst in &mut plan.instances {
        inst.active_clients = 4_900.0;
    }
    let md = markdown(&plan, &analyze(&plan));
    assert!(
        md.contains("`clients-near-limit` ×3: HQ, Branch, Lab."),
        "{md}"
    );
    assert_eq!(md.matches("`clients-near-limit`").count(), 1, "{md}");
}

#[test]
fn markdown_shows_hostile_text_as_text() {
    let mut plan = common::clean_plan();
    plan.name = "<img src=x onerror=alert(1)> [click](javascript:alert(1)) *bold*".into();
    plan.instances[0].name = "Evil\u{202E}gnp.exe\u{200B}".into();
    plan.notes = "line one\n# not a heading\n<script>alert(2)</script>".into();
    let md = markdown(&plan, &analyze(&plan));
    assert!(!md.contains("<img"), "{md}");
    assert!(!md.contains("<script"), "{md}");
    assert!(!md.contains("[click]("), "{md}");
    assert!(md.contains("\\[click\\](javascript"), "{md}");
    assert!(md.contains("&lt;img src=x onerror=alert(1)&gt;"), "{md}");
    assert!(md.contains("\\*bold\\*"));
    assert!(md.contains("Evil[U+202E]gnp.exe[U+200B]"), "{md}");
    assert!(!md.contains('\u{202E}'));
    assert!(md.contains("> \\# not a heading"), "{md}");
}

#[test]
fn md_text_escapes_markdown_and_html() {
    assert_eq!(md_text("a|b"), "a\\|b");
    assert_eq!(md_text("x<y & z>w"), "x&lt;y &amp; z&gt;w");
    assert_eq!(md_text("a\nb"), "a b");
    // Prose comes through as written; only what makes markup is escaped.
    assert_eq!(
        md_text("F-WS1: 5,000 clients (90%)."),
        "F-WS1: 5,000 clients (90%)."
    );
    assert_eq!(md_text("- item"), "\\- item");
    assert_eq!(md_text("1. first"), "1\\. first");
    assert_eq!(md_text("2.8 GHz"), "2.8 GHz");
    assert_eq!(md_text("http://x www.y a@b"), "http\\://x www\\.y a\\@b");
}

#[test]
fn csv_cells_are_neutralised() {
    assert_eq!(csv_cell("=1+2"), "'=1+2");
    assert_eq!(csv_cell("+A1"), "'+A1");
    assert_eq!(csv_cell("-2"), "'-2");
    assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(csv_cell("\tx"), "'\tx");
    assert_eq!(csv_cell("\rx"), "\"'\rx\"");
    assert_eq!(csv_cell("a,b"), "\"a,b\"");
    assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_cell("plain"), "plain");
}

#[test]
fn csv_lists_every_figure_with_exact_values() {
    let plan = worked_example();
    let text = csv(&analyze(&plan));
    assert!(text.starts_with("scope,id,name,figure,value,unit,rounded,label,severity,message\r\n"));
    assert!(
        text.contains("instance,hq,HQ,database_bytes,2925000000,B,2.72 GB,Sized database,,\r\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "sql_host,A,SQL host A,database_bytes,3627000000,B,3.38 GB,Sized database,,\r\n"
        ),
        "{text}"
    );
    assert!(text.contains("instance,hq,HQ,outage.catch_up_writes_per_second,5000,writes/s,"));
    assert!(
        text.contains("instance,hq,HQ,write_iops,1.1574074074074074,IOPS,1.16,"),
        "{text}"
    );
    // The findings follow, one row each, the subject named.
    assert!(
        text.contains("finding,hq,HQ,clients-near-limit,,,,90 % or more of the 5,000-client limit: no headroom,warning,")
            || text.contains("finding,hq,HQ,clients-near-limit,,,,\"90 % or more of the 5,000-client limit: no headroom\",warning,"),
        "{text}"
    );
    let mut hostile = common::clean_plan();
    hostile.instances[0].name = "=HYPERLINK(\"http://x\")".into();
    let text = csv(&analyze(&hostile));
    assert!(
        text.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","),
        "{text}"
    );
}

#[test]
fn export_file_names_are_safe() {
    assert_eq!(
        file_stem("Worked example: HQ/Branch"),
        "worked-example-hq-branch"
    );
    assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
    assert_eq!(file_stem("<script>"), "script");
    assert_eq!(file_stem("🚀"), "medv-plan");
    assert_eq!(file_stem(""), "medv-plan");
}

#[test]
fn units_read_like_windows() {
    assert_eq!(units::bytes(2_925_000_000.0), "2.72 GB");
    assert_eq!(units::bytes(368_640.0), "360.00 KB");
    assert_eq!(units::bytes(512.0), "512 B");
    assert_eq!(units::grouped(1_234_567.891, 2), "1,234,567.89");
    assert_eq!(units::grouped(-0.00001, 2), "0.00");
    assert_eq!(units::grouped(-1234.0, 0), "-1,234");
    assert_eq!(units::grouped(f64::NAN, 2), "not computable");
    assert_eq!(units::count(17.5), "17.5");
    assert_eq!(units::iops(1.4467592), "1.4468");
    assert_eq!(units::hours(72.0), "72 h (3 days)");
    assert_eq!(units::hours(23.75), "23.75 h");
}

/// A cell is neutralised when its first character that is not blank would
/// start a formula, whatever blank or full-width form comes first.
#[test]
fn csv_neutralises_formulas_behind_blanks_and_full_width_forms() {
    for hostile in [
        " =1+1",
        "\u{A0}=1",
        "\u{FEFF}+1",
        "\n=cmd",
        "\u{3000}-1",
        "\u{FF1D}SUM(A1)",
        "\u{FF0B}1",
        "\u{FF20}A1",
        "\r\n@x",
    ] {
        let cell = csv_cell(hostile);
        let inner = cell.trim_start_matches('"');
        assert!(inner.starts_with('\''), "{hostile:?} → {cell:?}");
    }
    assert_eq!(csv_cell("a =1"), "a =1");
    // Control characters are shown, never passed on.
    assert_eq!(csv_cell("bell\u{7}"), "bell\\u{0007}");
    assert!(!csv_cell("x\u{1b}[31m").contains('\u{1b}'));
}

/// Invisible and format characters are shown in the design document.
#[test]
fn markdown_shows_invisible_and_format_characters() {
    for c in [
        '\u{E0041}',
        '\u{3164}',
        '\u{FE0F}',
        '\u{180E}',
        '\u{034F}',
        '\u{2028}',
        '\u{2029}',
        '\u{200D}',
    ] {
        let shown = md_text(&format!("a{c}b"));
        assert!(!shown.contains(c), "{:04X} passed through", c as u32);
        assert!(shown.contains(&format!("[U+{:04X}]", c as u32)), "{shown}");
    }
}
