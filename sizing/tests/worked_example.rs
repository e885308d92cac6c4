//! The worked example of `medv-domain.md` §5 must come out exactly, through the
//! library and through the CLI.

use std::process::Command;

use medv_sizing::{analyze, worked_example, Report};

fn iops4(v: Option<f64>) -> String {
    format!("{:.4}", v.expect("computable"))
}

fn check(report: &Report) {
    let expect = [
        (
            "hq",
            368_640.0,
            100_000.0,
            1_800_000_000.0,
            2_925_000_000.0,
            "1.1574",
            "1.4468",
        ),
        (
            "branch",
            122_880.0,
            24_000.0,
            432_000_000.0,
            702_000_000.0,
            "0.2778",
            "0.3472",
        ),
        (
            "lab",
            61_440.0,
            6_000.0,
            108_000_000.0,
            175_500_000.0,
            "0.0694",
            "0.0868",
        ),
    ];
    // P3 (second edition): a report on host A reads HQ's and Branch's events.
    for (id, reporting, total) in [
        ("hq", "11.7733", "13.2201"),
        ("branch", "11.7733", "12.1206"),
        ("lab", "0.5700", "0.6568"),
    ] {
        let i = report.instance(id).expect(id);
        assert_eq!(iops4(i.reporting_iops), reporting, "{id} reporting");
        assert_eq!(iops4(i.total_iops), total, "{id} total");
    }
    assert_eq!(
        report.instance("hq").unwrap().reads_per_report,
        Some(21_192.0)
    );
    assert_eq!(
        report.instance("lab").unwrap().reads_per_report,
        Some(1_026.0)
    );
    for (id, storage, records, raw, sized, write, burst) in expect {
        let i = report.instance(id).expect(id);
        assert_eq!(i.workspace_storage_bytes, Some(storage), "{id} storage");
        assert_eq!(i.records_per_day, Some(records), "{id} records");
        assert_eq!(i.database_raw_bytes, Some(raw), "{id} raw");
        assert_eq!(i.database_bytes, Some(sized), "{id} sized");
        assert_eq!(iops4(i.write_iops), write, "{id} write");
        assert_eq!(iops4(i.write_iops_with_burst), burst, "{id} burst");
    }
    let a = report.host("A").expect("host A");
    assert_eq!(a.instances, vec!["hq", "branch"]);
    assert_eq!(a.database_raw_bytes, Some(2_232_000_000.0));
    assert_eq!(a.database_bytes, Some(3_627_000_000.0));
    assert_eq!(iops4(a.write_iops), "1.4352");
    assert_eq!(iops4(a.write_iops_with_burst), "1.7940");
    assert_eq!(iops4(a.reporting_iops), "23.5467");
    assert_eq!(iops4(a.total_iops), "25.3406");
    let b = report.host("B").expect("host B");
    assert_eq!(b.instances, vec!["lab"]);
    assert_eq!(b.database_raw_bytes, Some(108_000_000.0));
    assert_eq!(b.database_bytes, Some(175_500_000.0));
    assert_eq!(iops4(b.write_iops), "0.0694");
    assert_eq!(iops4(b.write_iops_with_burst), "0.0868");
    assert_eq!(iops4(b.reporting_iops), "0.5700");
    assert_eq!(iops4(b.total_iops), "0.6568");

    // A 72-hour outage: 60 events (12,000 B) per client, 300,000 events
    // (60,000,000 B) across HQ, 5,000 writes/s if all flush within a minute.
    let hq = &report.instance("hq").unwrap().outage;
    assert_eq!(hq.hours, Some(72.0));
    assert_eq!(hq.events_per_client, Some(60.0));
    assert_eq!(hq.bytes_per_client, Some(12_000.0));
    assert_eq!(hq.events_total, Some(300_000.0));
    assert_eq!(hq.bytes_total, Some(60_000_000.0));
    assert_eq!(hq.catch_up_writes_per_second, Some(5_000.0));
}

#[test]
fn worked_example_through_the_library() {
    let report = analyze(&worked_example());
    check(&report);
    assert_eq!(report.summary.errors, 0);
    // Lab's server runs host B: its form factor adds the SQL Server load.
    let lab = report.instance("lab").unwrap();
    assert!(lab.server_form_factor.hosts_sql_server);
    assert_eq!(
        lab.server_form_factor.sql_database_bytes,
        Some(175_500_000.0)
    );
    assert_eq!(
        lab.server_form_factor.disk_bytes,
        Some(175_500_000.0 + 61_440.0)
    );
    assert_eq!(lab.server_form_factor.ram_gb, Some(4.0));
    assert_eq!(lab.server_form_factor.cores, Some(4.0));
    // Entered at 2.8 GHz, 2 cores, 2 GB while it also runs SQL Server.
    let undersized: Vec<_> = report.findings_of("server-undersized").collect();
    assert_eq!(undersized.len(), 1, "{undersized:?}");
    assert_eq!(undersized[0].subject, "lab");
    assert!(
        undersized[0].message.contains("2 cores where it needs 4")
            && undersized[0]
                .message
                .contains("2 GB of RAM where it needs 4 GB"),
        "{}",
        undersized[0].message
    );
    assert!(
        !report
            .instance("hq")
            .unwrap()
            .server_form_factor
            .hosts_sql_server
    );
}

#[test]
fn worked_example_through_the_cli() {
    let out = Command::new(env!("CARGO_BIN_EXE_medv-plan"))
        .args([
            "analyze",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../examples/worked-example.json"
            ),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let instance = |id: &str| {
        json["instances"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(instance("hq")["database_bytes"], 2_925_000_000u64);
    assert_eq!(instance("hq")["workspace_storage_bytes"], 368_640);
    assert_eq!(
        format!(
            "{:.4}",
            instance("branch")["write_iops_with_burst"]
                .as_f64()
                .unwrap()
        ),
        "0.3472"
    );
    let host_a = json["sql_hosts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "A")
        .unwrap()
        .clone();
    assert_eq!(host_a["database_bytes"], 3_627_000_000u64);
    assert_eq!(
        format!("{:.4}", host_a["write_iops_with_burst"].as_f64().unwrap()),
        "1.7940"
    );
    assert_eq!(
        format!("{:.4}", host_a["reporting_iops"].as_f64().unwrap()),
        "23.5467"
    );
    assert_eq!(
        format!("{:.4}", host_a["total_iops"].as_f64().unwrap()),
        "25.3406"
    );
    // And the parsed-back report agrees with the library's.
    let lib = serde_json::to_value(analyze(&worked_example())).unwrap();
    assert_eq!(
        lib["instances"][0]["database_raw_bytes"].as_f64(),
        json["instances"][0]["database_raw_bytes"].as_f64()
    );
}

#[test]
fn worked_example_math_shows_the_numbers() {
    let report = analyze(&worked_example());
    let hq = report.instance("hq").unwrap();
    let raw = hq
        .math
        .iter()
        .find(|m| m.field == "database_raw_bytes")
        .unwrap();
    assert_eq!(raw.substituted, "5,000 × 20 × 200 B × 90 days");
    assert_eq!(raw.result, "1,800,000,000 B (1.68 GB)");
    let sized = hq
        .math
        .iter()
        .find(|m| m.field == "database_bytes")
        .unwrap();
    assert_eq!(
        sized.substituted,
        "5,000 × 20 × 200 B × 90 days × (1 + 25 %) × (1 + 30 %)"
    );
    assert!(sized.source.contains("our assumption"));
}

#[test]
fn chart_series_match_the_figures() {
    let report = analyze(&worked_example());
    let a = report
        .charts
        .database_by_retention
        .iter()
        .find(|s| s.host_id == "A")
        .unwrap();
    assert_eq!(a.retention_days, 90.0);
    let at_90 = a
        .points
        .iter()
        .find(|p| p.days == 90.0)
        .expect("a point at the chosen retention");
    assert_eq!(at_90.bytes, 3_627_000_000.0);
    assert_eq!(at_90.high_bytes, 3_627_000_000.0);
    assert_eq!(at_90.low_bytes, 3_627_000_000.0 * 15.0 / 20.0);
    let hq = report
        .charts
        .backlog_by_outage
        .iter()
        .find(|s| s.instance_id == "hq")
        .unwrap();
    let at_72 = hq
        .points
        .iter()
        .find(|p| p.hours == 72.0)
        .expect("a point at the chosen outage");
    assert_eq!(at_72.bytes, 60_000_000.0);
    assert_eq!(hq.tolerated_outage_hours, Some(24.0));
    assert_eq!(hq.tolerated_outage_worst_case_hours, Some(23.75));
}

#[test]
fn the_figures_without_the_math_are_the_figures_with_it() {
    for name in [
        "worked-example",
        "three-sites",
        "regional-rollout",
        "twenty-five-sites",
    ] {
        let path = format!("{}/../examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let plan = medv_sizing::parse_plan(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut full = analyze(&plan);
        assert!(full.instances.iter().all(|x| !x.math.is_empty()), "{name}");
        // The page offers the math of the listed figures without analysing.
        assert_eq!(
            medv_sizing::figures::math_as_listed(&full),
            Ok(()),
            "{name}"
        );
        full.instances.iter_mut().for_each(|x| x.math.clear());
        full.sql_hosts.iter_mut().for_each(|h| h.math.clear());
        assert_eq!(medv_sizing::analyze_figures(&plan), full, "{name}");
    }
}
