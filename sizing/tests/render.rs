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
        "# MED-V server infrastructure design: Worked example\\: HQ, Branch and Lab",
        "## Inputs",
        "## Results per instance",
        "## Results per SQL Server host",
        "## Findings",
        "## Assumptions ledger",
        "## The math",
        "2,925,000,000 B (2.72 GB)",
        "3,627,000,000 B (3.38 GB)",
        "1.7940",
        "[our assumption]",
        "clients\\-near\\-limit",
        "1 KB = 1,024 bytes",
    ] {
        assert!(md.contains(needle), "missing {needle}\n{md}");
    }
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
    assert!(!md.contains("](javascript"), "{md}");
    assert!(
        md.contains("&lt;img src\\=x onerror\\=alert\\(1\\)&gt;"),
        "{md}"
    );
    assert!(md.contains("\\*bold\\*"));
    assert!(md.contains("Evil[U+202E]gnp\\.exe[U+200B]"), "{md}");
    assert!(!md.contains('\u{202E}'));
    assert!(md.contains("> \\# not a heading"), "{md}");
}

#[test]
fn md_text_escapes_markdown_and_html() {
    assert_eq!(md_text("a|b"), "a\\|b");
    assert_eq!(md_text("x<y & z>w"), "x&lt;y &amp; z&gt;w");
    assert_eq!(md_text("a\nb"), "a b");
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
    assert!(text.starts_with("scope,id,name,figure,value,unit\r\n"));
    assert!(
        text.contains("instance,hq,HQ,database_bytes,2925000000,B\r\n"),
        "{text}"
    );
    assert!(
        text.contains("sql_host,A,SQL host A,database_bytes,3627000000,B\r\n"),
        "{text}"
    );
    assert!(text.contains("instance,hq,HQ,outage.catch_up_writes_per_second,5000,writes/s"));
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
