//! Organization defaults (`site-defaults.json`): the documented example, what a
//! new plan takes from it, resetting a field, and every way a file is refused
//! with its line.

use medv_sizing::assumptions::Key;
use medv_sizing::fields::{HostField, PlanField};
use medv_sizing::path::FieldPath;
use medv_sizing::plan::{SqlEdition, SqlFaultTolerance};
use medv_sizing::site_defaults::{parse_site_defaults, SiteDefaults};

const EXAMPLE: &str = include_str!("../../examples/site-defaults.json");

fn example() -> SiteDefaults {
    parse_site_defaults(EXAMPLE).unwrap()
}

#[test]
fn the_documented_example_is_valid_and_a_new_plan_takes_its_values() {
    let d = example();
    assert_eq!(d.organization, "Contoso IT");
    let plan = d.new_plan("Untitled plan");
    assert_eq!(plan.name, "Untitled plan");
    assert_eq!(plan.standard_server_ram_gb, 4.0);
    assert_eq!(plan.typical_client.cpu_ghz, 2.4);
    assert_eq!(plan.assumptions.get(Key::RetentionDays), 180.0);
    assert_eq!(
        plan.assumptions.get(Key::EventSizeBytes),
        200.0,
        "not in the file: built in"
    );
    assert_eq!(plan.service_levels.max_medv_outage_hours, Some(8.0));
    assert_eq!(plan.sites.len(), 2);
    assert_eq!(plan.sites[0].users, Some(6000.0));
    // The plan is valid as a plan, and its instances take the standard RAM.
    let text = medv_sizing::plan_to_json(&plan);
    assert_eq!(medv_sizing::parse_plan(&text).unwrap(), plan);
    let inst = medv_sizing::edit::new_instance(&plan);
    assert_eq!(inst.server.ram_gb, 4.0);
    let host = d.new_host("sql1");
    assert_eq!(
        (host.edition, host.fault_tolerance),
        (SqlEdition::Enterprise, SqlFaultTolerance::LogShipping)
    );
    // Every number of the file lies in its field's range: analysing gives no invalid value.
    let report = medv_sizing::analyze(&plan);
    assert!(report.findings.iter().all(|f| f.rule != "invalid-value"));
}

#[test]
fn a_field_is_reset_to_the_organization_value_and_others_are_kept() {
    let d = example();
    let mut plan = medv_sizing::worked_example();
    let ram = FieldPath::Plan(PlanField::StandardServerRamGb);
    let retention = FieldPath::Assumption(Key::RetentionDays);
    let edition = FieldPath::Host(1, HostField::Edition);
    assert!(!d.holds(&plan, &ram) && !d.holds(&plan, &retention) && !d.holds(&plan, &edition));
    assert_eq!(d.shown(&ram).as_deref(), Some("4 GB"));
    assert_eq!(d.shown(&retention).as_deref(), Some("180 days"));
    assert_eq!(d.shown(&edition).as_deref(), Some("Enterprise"));
    let before = plan.clone();
    d.reset(&mut plan, &ram);
    assert_eq!(plan.standard_server_ram_gb, 4.0);
    assert!(d.holds(&plan, &ram));
    // Nothing else moved.
    plan.standard_server_ram_gb = before.standard_server_ram_gb;
    assert_eq!(plan, before);
    d.reset(&mut plan, &edition);
    assert_eq!(plan.sql_hosts[1].edition, SqlEdition::Enterprise);
    assert_eq!(plan.sql_hosts[0].edition, before.sql_hosts[0].edition);
    d.reset(&mut plan, &retention);
    assert_eq!(plan.assumptions.get(Key::RetentionDays), 180.0);
    // A field the file does not set is never touched, and is not "different".
    let size = FieldPath::Assumption(Key::EventSizeBytes);
    assert!(!d.covers(&size) && d.holds(&plan, &size) && d.shown(&size).is_none());
    let mut again = plan.clone();
    d.reset(&mut again, &size);
    assert_eq!(again, plan);
}

#[test]
fn a_minimal_file_changes_nothing_but_what_it_sets() {
    let d = parse_site_defaults(
        r#"{"format": "medv-site-defaults", "version": 1, "standard_server_ram_gb": 4}"#,
    )
    .unwrap();
    let plan = d.new_plan("P");
    let built_in = medv_sizing::Plan {
        name: "P".into(),
        standard_server_ram_gb: 4.0,
        ..Default::default()
    };
    assert_eq!(plan, built_in);
    assert_eq!(
        d.fields(),
        vec![FieldPath::Plan(PlanField::StandardServerRamGb)]
    );
}

#[test]
fn every_problem_is_refused_with_its_line() {
    let cases: &[(&str, usize, &str)] = &[
        ("{\n\"format\": \"medv-site-defaults\",\n\"version\": 1,\n\"standard_ram\": 4\n}", 4, "unknown field `standard_ram`"),
        ("{\n\"format\": \"medv-site-defaults\",\n\"version\": 1,\n\"standard_server_ram_gb\": 0\n}", 4, "Standard server RAM must be a number from 0.0625"),
        ("{\n\"format\": \"medv-site-defaults\",\n\"version\": 1,\n\"assumptions\": {\n\"retention_days\": 1.5\n}\n}", 5, "Retention must be a whole number"),
        ("{\n\"format\": \"medv-site-defaults\",\n\"version\": 1,\n\"assumptions\": {\n\"retention\": 30\n}\n}", 5, "unknown assumption \"retention\""),
        ("{\n\"format\": \"medv-site-defaults\",\n\"version\": 1,\n\"sql_server\": { \"edition\": \"datacenter\" }\n}", 4, "unknown variant `datacenter`"),
        ("{\n\"format\": \"medv-site-defaults\",\n\"version\": 1,\n\"sites\": [\n{ \"id\": \"a\" },\n{ \"id\": \"a\" }\n]\n}", 6, "site id \"a\" is given twice"),
        ("{\n\"format\": \"medv-site-defaults\",\n\"version\": 1,\n\"sites\": [\n{ \"id\": \"a b\" }\n]\n}", 5, "site id \"a b\" must be"),
        ("{\n\"format\": \"medv-site-defaults\",\n\"version\": 1,\n\"sites\": [\n{ \"id\": \"a\", \"users\": -1 }\n]\n}", 5, "MED-V users must be"),
        ("{\n\"format\": \"medv-site-defaults\",\n\"version\": 1,\n\"organization\": \"a\\u0007b\"\n}", 4, "control or invisible"),
        ("{\n\"format\": \"medv-plan\",\n\"version\": 1\n}", 2, "\"format\" must be \"medv-site-defaults\""),
        ("{\n\"format\": \"medv-site-defaults\",\n\"version\": 2\n}", 3, "does not read version 2"),
        ("{\n\"format\": \"medv-site-defaults\",\n\"version\": 1,\n\"typical_client\": { \"ram_gb\": 4, }\n}", 4, "trailing comma"),
        ("{\"version\": 1}", 1, "missing field `format`"),
    ];
    for (text, line, message) in cases {
        let e = parse_site_defaults(text).unwrap_err();
        assert_eq!(e.line, *line, "{text}: {e}");
        assert!(e.message.contains(message), "{text}: {e}");
        assert!(
            e.to_string().starts_with(&format!("line {line}, column ")),
            "{e}"
        );
        assert_eq!(e.to_string().lines().count(), 1);
    }
    assert!(parse_site_defaults(&" ".repeat(2 << 20))
        .unwrap_err()
        .message
        .contains("larger than"));
    // A key given twice is refused, as in a plan.
    let twice = "{\"format\": \"medv-site-defaults\", \"version\": 1, \"standard_server_ram_gb\": 4, \"standard_server_ram_gb\": 8}";
    assert!(parse_site_defaults(twice)
        .unwrap_err()
        .message
        .contains("duplicate field"));
}

#[test]
fn fields_a_plan_document_leaves_out_take_the_organization_values_and_its_own_are_kept() {
    let d = example();
    let mut doc: serde_json::Value = serde_json::from_str(
        r#"{"format": "medv-plan", "version": 2, "name": "Minimal",
            "typical_client": {"ram_gb": 8},
            "assumptions": {"retention_days": 30},
            "sql_hosts": [{"id": "s", "name": "S", "edition": "standard"}],
            "instances": [{"id": "a", "name": "A", "active_clients": 100, "sql_host": "s"}]}"#,
    )
    .unwrap();
    let text = doc.to_string();
    d.fill_absent(&mut doc);
    let plan = medv_sizing::plan::plan_from_value(doc).unwrap();
    assert_eq!(
        d.parse_plan(&text).unwrap(),
        plan,
        "the same, read from text"
    );
    assert!(d.parse_plan("{\"format\": \"other\"}").is_err());
    assert_eq!(plan.standard_server_ram_gb, 4.0);
    assert_eq!(
        (plan.typical_client.ram_gb, plan.typical_client.cpu_ghz),
        (8.0, 2.4)
    );
    assert_eq!(plan.assumptions.get(Key::RetentionDays), 30.0);
    assert_eq!(plan.assumptions.get(Key::OutageHours), 48.0);
    assert_eq!(plan.service_levels.max_medv_outage_hours, Some(8.0));
    let h = &plan.sql_hosts[0];
    assert_eq!(
        (h.edition, h.fault_tolerance),
        (SqlEdition::Standard, SqlFaultTolerance::LogShipping)
    );
    assert!(plan.sites.is_empty(), "sites are the plan's own");
    // A version-1 plan has no service levels: they are not added to it.
    let mut v1: serde_json::Value = serde_json::from_str(medv_sizing::WORKED_EXAMPLE_JSON).unwrap();
    d.fill_absent(&mut v1);
    let plan = medv_sizing::plan::plan_from_value(v1).unwrap();
    assert_eq!(plan.standard_server_ram_gb, 4.0);
    // A complete document keeps every value. (The planner leaves service
    // levels out of a document when none is stated: those are empty fields.)
    let mut full = medv_sizing::worked_example();
    full.service_levels.max_medv_outage_hours = Some(24.0);
    full.service_levels.max_sql_outage_hours = Some(24.0);
    full.service_levels.report_staleness_minutes = Some(30.0);
    let mut doc = serde_json::to_value(&full).unwrap();
    d.fill_absent(&mut doc);
    assert_eq!(medv_sizing::plan::plan_from_value(doc).unwrap(), full);
}

#[test]
fn the_cli_reads_defaults_and_refuses_a_bad_file_with_its_line() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_medv-plan"))
            .args(args)
            .output()
            .unwrap()
    };
    let dir = std::env::temp_dir().join(format!("medv-defaults-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (plan, bad) = (dir.join("plan.json"), dir.join("bad.json"));
    std::fs::write(&plan, r#"{"format": "medv-plan", "version": 2, "instances": [{"id": "a", "active_clients": 100}]}"#).unwrap();
    std::fs::write(&bad, "{\n\"format\": \"medv-site-defaults\",\n\"version\": 1,\n\"standard_server_ram_gb\": 4,\n\"colour\": \"blue\"\n}\n").unwrap();
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/site-defaults.json"
    );
    let out = run(&["analyze", plan.to_str().unwrap(), "--defaults", example]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["instances"][0]["retention_days"], 180.0);
    let out = run(&[
        "analyze",
        plan.to_str().unwrap(),
        "--defaults",
        example,
        "--format",
        "markdown",
    ]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("| Retention | 180 days | 180 days (Contoso IT; built in: 90 days) | organization default (built in: [our assumption]) |"), "{md}");
    assert!(md.contains("New plans here start from Contoso IT's defaults"));
    let out = run(&[
        "analyze",
        plan.to_str().unwrap(),
        "--defaults",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("line 5, column") && err.contains("unknown field `colour`"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(dir);
}
