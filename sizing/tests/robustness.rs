//! Hostile plans: nothing panics, every figure is finite or `None`.
#![allow(clippy::field_reassign_with_default)]

use medv_sizing::plan::*;
use medv_sizing::report::Report;
use medv_sizing::{analyze, parse_plan, render, Key};
use proptest::prelude::*;

fn hostile_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        Just(1e300),
        Just(5_000.0),
        Just(5_001.0),
        -10.0..100.0f64,
        0.0..20_000.0f64,
        (0u32..10_000).prop_map(f64::from),
    ]
}

/// Draws from pools of hostile numbers, names and choices.
struct Draw<'a> {
    nums: &'a [f64],
    picks: &'a [u8],
    n: usize,
    p: usize,
}

impl Draw<'_> {
    fn num(&mut self) -> f64 {
        self.n += 1;
        self.nums[self.n % self.nums.len()]
    }
    fn pick(&mut self, k: usize) -> usize {
        self.p += 1;
        self.picks[self.p % self.picks.len()] as usize % k
    }
    fn maybe(&mut self) -> Option<f64> {
        (self.pick(3) == 0).then(|| self.num())
    }
    fn id(&mut self) -> String {
        ["a", "b", "c", "", "a b", "x.local", "<b>", "a"][self.pick(8)].to_string()
    }
    fn name(&mut self) -> String {
        [
            "",
            "HQ",
            "hq",
            "<script>alert(1)</script>",
            "=cmd|' /C calc'!A0",
            "a\u{202E}b",
            "[x](javascript:alert(1))",
            "Ünïcødé 🚀",
        ][self.pick(8)]
        .to_string()
    }
}

fn build(nums: &[f64], picks: &[u8]) -> Plan {
    let mut d = Draw {
        nums,
        picks,
        n: 0,
        p: 0,
    };
    let mut plan = Plan::default();
    plan.name = d.name();
    plan.notes = d.name();
    plan.total_users = d.maybe();
    plan.separate_instance_reasons = d.num();
    plan.standard_server_ram_gb = d.num();
    plan.typical_client.ram_gb = d.num();
    plan.typical_client.cpu_ghz = d.num();
    plan.typical_client.os = ClientOs::ALL[d.pick(ClientOs::ALL.len())];
    for &k in Key::ALL {
        if d.pick(2) == 0 {
            plan.assumptions.set(k, d.num());
        }
    }
    for _ in 0..d.pick(4) {
        let mut h = SqlHost::new(d.id());
        h.name = d.name();
        h.placement = [Placement::CoLocated, Placement::Separate, Placement::Remote][d.pick(3)];
        h.co_located_with = (d.pick(2) == 0).then(|| d.id());
        h.version = SqlVersion::ALL[d.pick(SqlVersion::ALL.len())];
        h.edition = [
            SqlEdition::Express,
            SqlEdition::Standard,
            SqlEdition::Enterprise,
        ][d.pick(3)];
        h.link_mbps = d.maybe();
        h.fault_tolerance = [SqlFaultTolerance::None, SqlFaultTolerance::LogShipping][d.pick(2)];
        plan.sql_hosts.push(h);
    }
    for _ in 0..d.pick(5) {
        let mut i = Instance::new(d.id(), d.num());
        i.name = d.name();
        for _ in 0..d.pick(4) {
            i.workspaces.push(Workspace {
                name: d.name(),
                count: d.num(),
                offline: [
                    OfflinePolicy::NotPermitted,
                    OfflinePolicy::Restricted,
                    OfflinePolicy::Unrestricted,
                ][d.pick(3)],
                offline_limit_hours: d.num(),
                delete_when_offline_too_long: d.pick(2) == 0,
            });
        }
        i.server.form = [ServerForm::Physical, ServerForm::HyperVVm][d.pick(2)];
        i.server.cpu_ghz = d.num();
        i.server.cores = d.num();
        i.server.ram_gb = d.num();
        i.server.active_servers = d.num();
        i.server.os = ServerOs::ALL[d.pick(ServerOs::ALL.len())];
        i.standby.mode = [
            StandbyMode::None,
            StandbyMode::ColdRestore,
            StandbyMode::PassiveSharedStore,
        ][d.pick(3)];
        i.standby.recovery_hours = d.maybe();
        i.sql_host = (d.pick(3) > 0).then(|| d.id());
        for _ in 0..d.pick(3) {
            i.consoles.push(Console {
                name: d.name(),
                site: d.name(),
                os: ClientOs::ALL[d.pick(ClientOs::ALL.len())],
                ram_gb: d.num(),
                cpu_ghz: d.num(),
                virtual_pc_confirmed: d.pick(2) == 0,
            });
        }
        i.reporting_buffer_iops = d.maybe();
        for &k in Key::ALL {
            if d.pick(4) == 0 {
                i.overrides.set(k, Some(d.num()));
            }
        }
        plan.instances.push(i);
    }
    plan
}

fn assert_finite(report: &Report) {
    let ok = |v: Option<f64>| v.is_none_or(f64::is_finite);
    for i in &report.instances {
        let ff = &i.server_form_factor;
        for v in [
            i.active_clients,
            i.workspaces,
            i.workspace_storage_bytes,
            i.records_per_day,
            i.database_raw_bytes,
            i.database_bytes,
            i.write_iops,
            i.write_iops_with_burst,
            i.reads_per_report,
            i.reporting_iops,
            i.total_iops,
            i.tolerated_outage_hours,
            i.tolerated_outage_worst_case_hours,
            i.recovery_hours,
            i.retention_days,
            ff.cores,
            ff.ram_gb,
            ff.disk_bytes,
            ff.sql_database_bytes,
            ff.sql_total_iops,
            i.outage.hours,
            i.outage.events_per_client,
            i.outage.bytes_per_client,
            i.outage.events_total,
            i.outage.bytes_total,
            i.outage.catch_up_writes_per_second,
        ] {
            assert!(ok(v), "non-finite figure in {}: {v:?}", i.id);
        }
    }
    for h in &report.sql_hosts {
        for v in [
            h.database_raw_bytes,
            h.database_bytes,
            h.write_iops,
            h.write_iops_with_burst,
            h.reporting_iops,
            h.total_iops,
            h.retention_days,
            h.traffic_mbps,
        ] {
            assert!(ok(v), "non-finite figure in host {}: {v:?}", h.id);
        }
    }
    for s in &report.charts.database_by_retention {
        assert!(s.points.iter().all(|p| p.days.is_finite()
            && p.bytes.is_finite()
            && p.low_bytes.is_finite()
            && p.high_bytes.is_finite()));
    }
    for s in &report.charts.backlog_by_outage {
        assert!(s
            .points
            .iter()
            .all(|p| p.hours.is_finite() && p.events.is_finite() && p.bytes.is_finite()));
    }
    assert!(ok(report.instance_count.needed));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4_000, ..ProptestConfig::default() })]

    #[test]
    fn analyze_and_render_never_panic(nums in prop::collection::vec(hostile_number(), 1..64), picks in prop::collection::vec(any::<u8>(), 1..64)) {
        let plan = build(&nums, &picks);
        let report = analyze(&plan);
        assert_finite(&report);
        let md = render::markdown(&plan, &report);
        prop_assert!(!md.contains("<script"));
        let csv = render::csv(&report);
        for line in csv.lines().skip(1) {
            let cells: Vec<&str> = line.split(',').collect();
            // The id and name cells never start a formula.
            for cell in cells.iter().skip(1).take(2) {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@']), "{line}");
            }
        }
        prop_assert!(serde_json::to_string(&report).is_ok());
        // The report is the same every time: analyze is a pure function.
        prop_assert_eq!(analyze(&plan), report);
    }

    #[test]
    fn any_text_is_parsed_or_refused_without_panic(text in ".{0,400}") {
        let _ = parse_plan(&text);
    }

    #[test]
    fn mangled_plans_are_refused_or_analyzed(cut in 0usize..2_000, byte in any::<u8>()) {
        let mut text = medv_sizing::WORKED_EXAMPLE_JSON.as_bytes().to_vec();
        let at = cut % text.len();
        text[at] = byte;
        if let Ok(text) = String::from_utf8(text) {
            if let Ok(plan) = parse_plan(&text) {
                assert_finite(&analyze(&plan));
            }
        }
    }
}

#[test]
fn a_thousand_instances_is_fine() {
    let mut plan = Plan::default();
    for k in 0..1_000 {
        let mut i = Instance::new(format!("i{k}"), 4_000.0);
        i.sql_host = Some("shared".into());
        plan.instances.push(i);
    }
    plan.sql_hosts.push(SqlHost::new("shared"));
    let report = analyze(&plan);
    assert_eq!(report.host("shared").unwrap().instances.len(), 1_000);
    assert_finite(&report);
}
