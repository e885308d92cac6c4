//! Rules across areas: validation reported once, edges that must not trigger,
//! fields at fault, and the rules document. Each rule's own triggering case and
//! silent near miss live beside it, in `src/analyze/rules/<area>.rs`.

mod common;

use common::{clean_plan, second_instance};
use medv_sizing::plan::*;
use medv_sizing::{analyze, rules, Plan};

fn inst(p: &mut Plan) -> &mut Instance {
    &mut p.instances[0]
}

/// Validation runs once: a fractional core count is one `invalid-value`
/// finding, and no rule reads the invalid value.
#[test]
fn an_invalid_value_is_reported_once() {
    for (bend, field) in [
        (
            (|p: &mut Plan| inst(p).server.cores = 1.5) as fn(&mut Plan),
            "instances[0].server.cores",
        ),
        (
            |p| inst(p).server.ram_gb = -1.0,
            "instances[0].server.ram_gb",
        ),
        (
            |p| inst(p).consoles[0].ram_gb = f64::NAN,
            "instances[0].consoles[0].ram_gb",
        ),
        (|p| p.standard_server_ram_gb = 0.0, "standard_server_ram_gb"),
    ] {
        let mut plan = clean_plan();
        bend(&mut plan);
        let report = analyze(&plan);
        let at: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.field.map(|p| p.to_string()).as_deref() == Some(field))
            .map(|f| f.rule)
            .collect();
        assert_eq!(at, vec!["invalid-value"], "{field}");
    }
}

fn rule_ids(plan: &Plan) -> Vec<&'static str> {
    analyze(plan).findings.iter().map(|f| f.rule).collect()
}

#[test]
fn the_clean_plan_has_no_finding() {
    let report = analyze(&clean_plan());
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}

fn assert_silent(rule: &str, bend: impl Fn(&mut Plan)) {
    let mut plan = clean_plan();
    bend(&mut plan);
    let ids = rule_ids(&plan);
    assert!(!ids.contains(&rule), "{rule} triggered: {ids:?}");
}

#[test]
fn edges_that_must_not_trigger() {
    assert_silent("clients-over-limit", |p| inst(p).active_clients = 5_000.0);
    assert_silent("clients-near-limit", |p| inst(p).active_clients = 4_499.0);
    assert_silent("clients-near-limit", |p| inst(p).active_clients = 5_001.0);
    assert_silent("server-cpu-slow", |p| inst(p).server.cpu_ghz = 3.4);
    assert_silent("server-ram-below-standard", |p| {
        p.standard_server_ram_gb = 4.0;
        inst(p).server.ram_gb = 4.0;
    });
    // Exactly at the worst-case tolerated outage (72 h − 15 min) is not longer.
    assert_silent("recovery-exceeds-tolerated-outage", |p| {
        inst(p).standby.recovery_hours = Some(71.75)
    });
    assert_silent("recovery-exceeds-tolerated-outage", |p| {
        inst(p).workspaces[0].offline = OfflinePolicy::Unrestricted;
        inst(p).standby.recovery_hours = Some(10_000.0);
    });
    assert_silent("workspace-deletion-risk", |p| {
        inst(p).workspaces[0].delete_when_offline_too_long = true;
        inst(p).workspaces[0].offline_limit_hours = 168.0;
    });
    assert_silent("offline-not-permitted-no-standby", |p| {
        inst(p).workspaces[0].offline = OfflinePolicy::NotPermitted
    });
    assert_silent("sql-remote-link", |p| {
        p.sql_hosts[0].placement = Placement::Remote;
        p.sql_hosts[0].link_mbps = Some(100.0);
    });
    assert_silent("sql-express-size", |p| {
        p.sql_hosts[0].edition = SqlEdition::Express;
        inst(p).active_clients = 3_000.0;
    });
    assert_silent("sql-retention-mismatch", |p| {
        p.instances.push(second_instance())
    });
    assert_silent("console-unlike-client", |p| {
        inst(p).consoles[0].ram_gb = 5.0
    });
    assert_silent("console-ram-below-minimum", |p| {
        inst(p).consoles[0].os = ClientOs::WindowsXpX86;
        inst(p).consoles[0].ram_gb = 1.0;
    });
    assert_silent("workspace-duplicate", |p| {
        p.instances.push(second_instance())
    });
    assert_silent("instances-too-few", |p| p.total_users = Some(5_000.0));
    assert_silent("sql-co-located-target", |p| {
        p.sql_hosts[0].placement = Placement::CoLocated;
        p.sql_hosts[0].co_located_with = Some("a".into());
    });
}

#[test]
fn a_slow_remote_link_is_judged_against_threshold_and_traffic() {
    let mut plan = clean_plan();
    plan.sql_hosts[0].placement = Placement::Remote;
    plan.sql_hosts[0].link_mbps = Some(5.0);
    let report = analyze(&plan);
    let f = report
        .findings_of("sql-remote-link")
        .next()
        .expect("5 Mbit/s is below the 10 Mbit/s threshold");
    assert_eq!(
        f.field.map(|p| p.to_string()).as_deref(),
        Some("sql_hosts[0].link_mbps")
    );
    assert!(f.message.contains("5 Mbit/s"), "{}", f.message);
}

#[test]
fn findings_point_at_the_field_at_fault() {
    let mut plan = clean_plan();
    inst(&mut plan).server.cpu_ghz = f64::NAN;
    inst(&mut plan).workspaces[0].count = 2.5;
    plan.assumptions.retention_days = -3.0;
    let report = analyze(&plan);
    let fields: Vec<_> = report
        .findings_of("invalid-value")
        .filter_map(|f| f.field.map(|p| p.to_string()))
        .collect();
    assert!(
        fields.contains(&"instances[0].server.cpu_ghz".to_string()),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"instances[0].workspaces[0].count".to_string()),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"assumptions.retention_days".to_string()),
        "{fields:?}"
    );
    // Figures that do not depend on the bad inputs are still computed.
    let a = report.instance("a").unwrap();
    assert_eq!(a.records_per_day, Some(20_000.0));
    assert_eq!(a.write_iops, Some(20_000.0 / 86_400.0));
    assert_eq!(a.workspace_storage_bytes, None);
    assert_eq!(a.database_raw_bytes, None);
    // All findings at once, not only the first.
    assert!(report.summary.errors >= 3);
}

#[test]
fn rules_doc_lists_every_rule() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/rules.md")).unwrap();
    for rule in rules::all() {
        let heading = format!("### `{}`", rule.id);
        assert!(doc.contains(&heading), "docs/rules.md lacks {heading}");
        let section = doc.split(&heading).nth(1).unwrap_or_default();
        let line = section
            .lines()
            .find(|l| l.starts_with("Severity:"))
            .unwrap_or_default();
        assert!(
            line.contains(rule.severity.label()),
            "docs/rules.md gives {} the wrong severity",
            rule.id
        );
    }
}
