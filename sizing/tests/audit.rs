//! The audited errors of the first version, each with the case that exposed it
//! (domain reference, second edition: P3, H1, R1).

mod common;

use common::{clean_plan, second_instance};
use medv_sizing::assumptions::Key;
use medv_sizing::plan::*;
use medv_sizing::{analyze, parse_plan, worked_example};

/// P3: a report reads the events of every instance in its database.
#[test]
fn reporting_on_a_shared_database_reads_every_instance() {
    let report = analyze(&worked_example());
    let hq = report.instance("hq").unwrap();
    let branch = report.instance("branch").unwrap();
    // ⌈(5,000 + 1,200) × 20 × 200 × 7 / 8,192⌉ = 21,192 pages for both.
    assert_eq!(hq.reads_per_report, Some(21_192.0));
    assert_eq!(branch.reads_per_report, Some(21_192.0));
    let a = report.host("A").unwrap();
    assert_eq!(format!("{:.4}", a.reporting_iops.unwrap()), "23.5467");
    assert_eq!(format!("{:.4}", a.total_iops.unwrap()), "25.3406");
    // Moving Branch to its own server leaves HQ's reports reading HQ alone.
    let mut plan = worked_example();
    plan.instances[1].sql_host = None;
    let hq = analyze(&plan).instance("hq").unwrap().clone();
    assert_eq!(
        hq.reads_per_report,
        Some((5_000.0_f64 * 20.0 * 200.0 * 7.0 / 8_192.0).ceil())
    );
}

/// H1: one shared database keeps every event for the longest retention, and
/// the figures, the chart, the message and the math say so alike.
#[test]
fn a_shared_database_is_sized_with_the_longest_retention() {
    let mut plan = clean_plan();
    let mut b = second_instance();
    b.overrides.set(Key::RetentionDays, Some(30.0));
    plan.instances.push(b);
    plan.assumptions.retention_days = 90.0;
    let report = analyze(&plan);
    let host = report.host("s1").unwrap();
    assert_eq!(host.retention_days, Some(90.0));
    let b = report.instance("b").unwrap();
    assert_eq!(
        b.retention_days,
        Some(90.0),
        "b's share is kept 90 days there"
    );
    // 1,000 clients × 20 × 200 B × 90 days, for each of the two instances.
    assert_eq!(b.database_raw_bytes, Some(360_000_000.0));
    assert_eq!(host.database_raw_bytes, Some(720_000_000.0));
    let chart = &report.charts.database_by_retention[0];
    assert_eq!(chart.retention_days, 90.0);
    let at = chart.points.iter().find(|p| p.days == 90.0).unwrap();
    assert_eq!(Some(at.bytes), host.database_bytes);
    let f = report.findings_of("sql-retention-mismatch").next().unwrap();
    assert!(f.message.contains("the longest, 90 days"), "{}", f.message);
    assert!(!f.message.contains("smallest"), "{}", f.message);
    let math = b
        .math
        .iter()
        .find(|m| m.field == "database_raw_bytes")
        .unwrap();
    assert!(math.substituted.contains("90 days"), "{}", math.substituted);
}

/// Host traffic uses each instance's own event size and rate.
#[test]
fn host_traffic_uses_each_instances_overrides() {
    let mut plan = clean_plan();
    plan.sql_hosts[0].placement = Placement::Remote;
    plan.sql_hosts[0].link_mbps = Some(1_000.0);
    let mut b = second_instance();
    b.overrides.set(Key::EventSizeBytes, Some(2_000.0));
    b.overrides.set(Key::EventsPerClientPerDay, Some(10.0));
    plan.instances.push(b);
    let report = analyze(&plan);
    let host = report.host("s1").unwrap();
    let a = report.instance("a").unwrap();
    let b = report.instance("b").unwrap();
    let writes =
        a.write_iops_with_burst.unwrap() * 200.0 + b.write_iops_with_burst.unwrap() * 2_000.0;
    let expected = (writes + host.reporting_iops.unwrap() * 8_192.0) * 8.0 / 1_000_000.0;
    assert!((host.traffic_mbps.unwrap() - expected).abs() < 1e-12);
    // b's reports read a's 200-byte and b's 2,000-byte events.
    let pages = ((1_000.0_f64 * 20.0 * 200.0 + 1_000.0 * 10.0 * 2_000.0) * 7.0 / 8_192.0).ceil();
    assert_eq!(b.reads_per_report, Some(pages));
}

/// R1: the sized database comes from the unrounded raw figure.
#[test]
fn sizes_are_rounded_once() {
    let mut plan = clean_plan();
    let inst = &mut plan.instances[0];
    inst.active_clients = 3_333.0;
    plan.assumptions.events_per_client_per_day = 17.5;
    plan.assumptions.event_size_bytes = 213.0;
    plan.assumptions.retention_days = 45.0;
    plan.assumptions.error_burst_allowance_pct = 12.5;
    plan.assumptions.table_overhead_pct = 33.3;
    let report = analyze(&plan);
    let a = report.instance("a").unwrap();
    // 3,333 × 17.5 × 213 × 45 = 559,069,087.5 B; × 1.125 × 1.333 = 838,393,980.34 B.
    assert_eq!(a.database_raw_bytes, Some(559_069_088.0));
    assert_eq!(a.database_bytes, Some(838_393_980.0));
    assert_eq!(
        report.host("s1").unwrap().database_bytes,
        Some(838_393_980.0)
    );
}

/// A duplicate id is an error, and never lets one instance's figures or form
/// factor reach the other's.
#[test]
fn duplicate_ids_do_not_bleed() {
    let mut plan = clean_plan();
    // Instance "a" runs a co-located SQL Server; a second "a" keeps its own database.
    plan.sql_hosts[0].placement = Placement::CoLocated;
    plan.sql_hosts[0].co_located_with = Some("a".into());
    let mut twin = second_instance();
    twin.id = "a".into();
    twin.sql_host = None;
    twin.active_clients = 200.0;
    twin.server.cores = 8.0;
    twin.server.ram_gb = 16.0;
    plan.instances.push(twin);
    let report = analyze(&plan);
    assert!(report.findings_of("id-duplicate").next().is_some());
    let (first, second) = (&report.instances[0], &report.instances[1]);
    assert_eq!(first.active_clients, Some(1_000.0));
    assert_eq!(second.active_clients, Some(200.0));
    // The co-located host s1 runs on the first "a" only.
    assert_eq!(first.server_form_factor.sql_databases_served, 1);
    assert_eq!(
        second.server_form_factor.sql_databases_served, 1,
        "its own database"
    );
    assert_eq!(
        second.server_form_factor.sql_database_bytes, second.database_bytes,
        "the twin's server holds its own database, not s1's"
    );
    // Two distinct implicit hosts would be needed; here one, with its own id.
    let ids: Vec<_> = report.sql_hosts.iter().map(|h| h.id.as_str()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
    assert_eq!(second.sql_host.as_deref(), Some("a.local"));
}

#[test]
fn duplicate_ids_with_implicit_hosts_get_distinct_hosts() {
    let mut plan = clean_plan();
    plan.instances[0].sql_host = None;
    let mut twin = second_instance();
    twin.id = "a".into();
    twin.sql_host = None;
    twin.active_clients = 10.0;
    plan.instances.push(twin);
    let report = analyze(&plan);
    let (first, second) = (&report.instances[0], &report.instances[1]);
    assert_ne!(first.sql_host, second.sql_host);
    assert_eq!(
        second.server_form_factor.sql_database_bytes,
        second.database_bytes
    );
    assert_eq!(
        first.server_form_factor.sql_database_bytes,
        first.database_bytes
    );
}

/// The CLI's reader (with field paths) and the web build's refuse a key given twice alike.
#[test]
fn a_duplicate_key_is_refused() {
    let text = r#"{"format":"medv-plan","version":1,"name":"a","name":"b"}"#;
    let err = parse_plan(text).unwrap_err();
    assert!(err.message.contains("duplicate field"), "{err}");
    let nested = r#"{"format":"medv-plan","version":1,"instances":[{"id":"a","active_clients":1,"active_clients":2}]}"#;
    assert!(parse_plan(nested).is_err());
}
