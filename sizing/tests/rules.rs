//! Every rule has a case that triggers it; the clean plan triggers none; edges
//! that must not trigger are checked one by one.

mod common;

use common::{clean_plan, second_instance};
use medv_sizing::plan::*;
use medv_sizing::{analyze, rules, Plan};

type Case = (&'static str, fn(&mut Plan));

fn inst(p: &mut Plan) -> &mut Instance {
    &mut p.instances[0]
}

const CASES: &[Case] = &[
    ("plan-format", |p| p.version = 2),
    ("invalid-value", |p| inst(p).active_clients = -1.0),
    ("id-invalid", |p| inst(p).id = "a b".into()),
    ("id-duplicate", |p| {
        let mut b = second_instance();
        b.id = "a".into();
        p.instances.push(b);
    }),
    ("plan-no-instances", |p| p.instances.clear()),
    ("instances-too-few", |p| p.total_users = Some(6_000.0)),
    ("clients-over-limit", |p| inst(p).active_clients = 5_001.0),
    ("clients-near-limit", |p| inst(p).active_clients = 4_500.0),
    ("instance-no-clients", |p| inst(p).active_clients = 0.0),
    ("workspace-duplicate", |p| {
        let mut b = second_instance();
        b.workspaces[0].name = " alpha DESKTOP ".into();
        p.instances.push(b);
    }),
    ("workspaces-none", |p| inst(p).workspaces.clear()),
    ("server-cpu-slow", |p| inst(p).server.cpu_ghz = 2.0),
    ("server-too-few-cores", |p| inst(p).server.cores = 1.0),
    ("server-ram-low", |p| inst(p).server.ram_gb = 1.0),
    ("server-ram-below-standard", |p| {
        p.standard_server_ram_gb = 4.0
    }),
    ("server-undersized", |p| {
        p.sql_hosts[0].placement = Placement::CoLocated;
        p.sql_hosts[0].co_located_with = Some("a".into());
    }),
    ("server-multiple-active", |p| {
        inst(p).server.active_servers = 2.0
    }),
    ("server-os-unsupported", |p| {
        inst(p).server.os = ServerOs::WindowsServer2012OrLater
    }),
    ("server-virtual-machine", |p| {
        inst(p).server.form = ServerForm::HyperVVm
    }),
    ("server-co-located-sql", |p| inst(p).sql_host = None),
    ("server-placement", |p| inst(p).server.site = "  ".into()),
    ("offline-not-permitted-no-standby", |p| {
        inst(p).workspaces[0].offline = OfflinePolicy::NotPermitted;
        inst(p).standby.mode = StandbyMode::None;
    }),
    ("recovery-exceeds-tolerated-outage", |p| {
        inst(p).standby.recovery_hours = Some(80.0)
    }),
    ("standby-database-on-server", |p| inst(p).sql_host = None),
    ("standby-shared-store", |p| {
        inst(p).standby.mode = StandbyMode::PassiveSharedStore
    }),
    ("workspace-deletion-risk", |p| {
        inst(p).workspaces[0].delete_when_offline_too_long = true;
        inst(p).workspaces[0].offline_limit_hours = 24.0;
    }),
    ("sql-host-unknown", |p| {
        inst(p).sql_host = Some("nope".into())
    }),
    ("sql-co-located-target", |p| {
        p.sql_hosts[0].placement = Placement::CoLocated;
        p.sql_hosts[0].co_located_with = Some("ghost".into());
    }),
    ("sql-host-unused", |p| {
        p.sql_hosts.push(SqlHost::new("spare"))
    }),
    ("sql-version-unsupported", |p| {
        p.sql_hosts[0].version = SqlVersion::SqlServer2008R2
    }),
    ("sql-express-size", |p| {
        p.sql_hosts[0].edition = SqlEdition::Express;
        p.sql_hosts[0].fault_tolerance = SqlFaultTolerance::None;
        inst(p).active_clients = 4_000.0;
        inst(p).overrides.retention_days = Some(365.0);
    }),
    ("sql-express-log-shipping", |p| {
        p.sql_hosts[0].edition = SqlEdition::Express
    }),
    ("sql-remote-link", |p| {
        p.sql_hosts[0].placement = Placement::Remote
    }),
    ("sql-shared-database", |p| {
        p.instances.push(second_instance())
    }),
    ("sql-retention-mismatch", |p| {
        let mut b = second_instance();
        b.overrides.retention_days = Some(30.0);
        p.instances.push(b);
    }),
    ("sql-co-located-shared", |p| {
        p.sql_hosts[0].placement = Placement::CoLocated;
        p.sql_hosts[0].co_located_with = Some("a".into());
        p.instances.push(second_instance());
    }),
    ("sql-no-log-shipping", |p| {
        p.sql_hosts[0].fault_tolerance = SqlFaultTolerance::None
    }),
    ("sql-existing-load-unknown", |p| {
        p.sql_hosts[0].existing_instance = true;
        p.sql_hosts[0].existing_iops = Some(40.0);
    }),
    ("console-none", |p| inst(p).consoles.clear()),
    ("console-duplicate", |p| {
        let c = inst(p).consoles[0].clone();
        inst(p).consoles.push(c);
    }),
    ("console-os-unsupported", |p| {
        inst(p).consoles[0].os = ClientOs::WindowsServer
    }),
    ("console-ram-below-minimum", |p| {
        inst(p).consoles[0].ram_gb = 2.0;
        p.typical_client.ram_gb = 2.0;
    }),
    ("console-unlike-client", |p| {
        inst(p).consoles[0].ram_gb = 8.0
    }),
    ("console-virtual-pc-unconfirmed", |p| {
        inst(p).consoles[0].virtual_pc_confirmed = false
    }),
];

/// For every rule, a near miss that must not trigger it: the edge of its
/// threshold, or the same situation with the one thing that makes it safe.
const SILENT: &[Case] = &[
    ("plan-format", |p| p.version = 1),
    ("invalid-value", |p| inst(p).active_clients = 10_000_000.0),
    ("id-invalid", |p| inst(p).id = "A-b_9".into()),
    ("id-duplicate", |p| p.instances.push(second_instance())),
    ("plan-no-instances", |p| p.instances.truncate(1)),
    ("instances-too-few", |p| p.total_users = Some(5_000.0)),
    ("clients-over-limit", |p| inst(p).active_clients = 5_000.0),
    ("clients-near-limit", |p| inst(p).active_clients = 4_499.0),
    ("instance-no-clients", |p| inst(p).active_clients = 1.0),
    ("workspace-duplicate", |p| {
        p.instances.push(second_instance())
    }),
    ("workspaces-none", |p| inst(p).workspaces.truncate(1)),
    ("server-cpu-slow", |p| inst(p).server.cpu_ghz = 2.8),
    ("server-too-few-cores", |p| inst(p).server.cores = 2.0),
    ("server-ram-low", |p| inst(p).server.ram_gb = 2.0),
    ("server-ram-below-standard", |p| {
        p.standard_server_ram_gb = 4.0;
        inst(p).server.ram_gb = 4.0;
    }),
    ("server-undersized", |p| {
        p.sql_hosts[0].placement = Placement::CoLocated;
        p.sql_hosts[0].co_located_with = Some("a".into());
        inst(p).server.cores = 4.0;
        inst(p).server.ram_gb = 4.0;
    }),
    ("server-multiple-active", |p| {
        inst(p).server.active_servers = 1.0
    }),
    ("server-os-unsupported", |p| {
        inst(p).server.os = ServerOs::WindowsServer2008X86
    }),
    ("server-virtual-machine", |p| {
        inst(p).server.form = ServerForm::Physical
    }),
    ("server-co-located-sql", |p| {
        p.sql_hosts[0].placement = Placement::Remote;
        p.sql_hosts[0].link_mbps = Some(100.0);
    }),
    ("server-placement", |p| inst(p).server.site = "Paris".into()),
    ("offline-not-permitted-no-standby", |p| {
        inst(p).workspaces[0].offline = OfflinePolicy::NotPermitted;
        inst(p).standby.mode = StandbyMode::PassiveSharedStore;
    }),
    ("recovery-exceeds-tolerated-outage", |p| {
        inst(p).standby.recovery_hours = Some(71.75)
    }),
    ("standby-shared-store", |p| {
        inst(p).standby.mode = StandbyMode::ColdRestore
    }),
    ("standby-database-on-server", |p| {
        inst(p).sql_host = None;
        inst(p).standby.mode = StandbyMode::None;
    }),
    ("workspace-deletion-risk", |p| {
        inst(p).workspaces[0].delete_when_offline_too_long = true;
        inst(p).workspaces[0].offline_limit_hours = 168.0;
    }),
    ("sql-host-unknown", |p| inst(p).sql_host = None),
    ("sql-co-located-target", |p| {
        p.sql_hosts[0].placement = Placement::CoLocated;
        p.sql_hosts[0].co_located_with = Some("a".into());
    }),
    ("sql-host-unused", |p| {
        p.sql_hosts.push(SqlHost::new("spare"));
        let mut b = second_instance();
        b.sql_host = Some("spare".into());
        p.instances.push(b);
    }),
    ("sql-version-unsupported", |p| {
        p.sql_hosts[0].version = SqlVersion::SqlServer2005Sp2
    }),
    ("sql-express-size", |p| {
        p.sql_hosts[0].edition = SqlEdition::Express;
        inst(p).active_clients = 3_000.0;
    }),
    ("sql-express-log-shipping", |p| {
        p.sql_hosts[0].edition = SqlEdition::Express;
        p.sql_hosts[0].fault_tolerance = SqlFaultTolerance::None;
    }),
    ("sql-remote-link", |p| {
        p.sql_hosts[0].placement = Placement::Remote;
        p.sql_hosts[0].link_mbps = Some(100.0);
    }),
    ("sql-shared-database", |p| {
        let mut b = second_instance();
        b.sql_host = None;
        p.instances.push(b);
    }),
    ("sql-retention-mismatch", |p| {
        p.instances.push(second_instance())
    }),
    ("sql-co-located-shared", |p| {
        p.sql_hosts[0].placement = Placement::CoLocated;
        p.sql_hosts[0].co_located_with = Some("a".into());
    }),
    ("sql-no-log-shipping", |p| {
        // Express cannot ship logs: no advice it cannot follow.
        p.sql_hosts[0].edition = SqlEdition::Express;
        p.sql_hosts[0].fault_tolerance = SqlFaultTolerance::None;
    }),
    ("sql-existing-load-unknown", |p| {
        p.sql_hosts[0].existing_instance = true;
        p.sql_hosts[0].existing_database_gb = Some(10.0);
        p.sql_hosts[0].existing_iops = Some(40.0);
    }),
    ("console-none", |p| inst(p).consoles.truncate(1)),
    ("console-duplicate", |p| {
        let mut c = inst(p).consoles[0].clone();
        c.name = "Alpha console 2".into();
        inst(p).consoles.push(c);
    }),
    ("console-os-unsupported", |p| {
        inst(p).consoles[0].os = ClientOs::WindowsXpX86;
        p.typical_client.os = ClientOs::WindowsXpX86;
    }),
    ("console-ram-below-minimum", |p| {
        inst(p).consoles[0].os = ClientOs::WindowsXpX86;
        inst(p).consoles[0].ram_gb = 1.0;
    }),
    ("console-unlike-client", |p| {
        inst(p).consoles[0].ram_gb = 5.0
    }),
    ("console-virtual-pc-unconfirmed", |p| {
        inst(p).consoles[0].virtual_pc_confirmed = true
    }),
];

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

/// Every field a finding names is a place in the plan: it resolves, and its
/// text form reads back to the same path (the editor's DOM id comes from it).
#[test]
fn every_finding_names_a_field_that_resolves() {
    for (id, bend) in CASES.iter().chain(SILENT) {
        let mut plan = clean_plan();
        bend(&mut plan);
        for f in analyze(&plan).findings {
            let Some(path) = f.field else { continue };
            assert!(path.resolves(&plan), "{id}: {path} does not resolve");
            assert_eq!(
                medv_sizing::path::FieldPath::parse(&path.to_string()),
                Some(path),
                "{id}: {path}"
            );
        }
    }
}

#[test]
fn every_rule_has_a_silent_case() {
    for rule in rules::all() {
        let cases: Vec<_> = SILENT.iter().filter(|(id, _)| *id == rule.id).collect();
        assert!(!cases.is_empty(), "no silent case for {}", rule.id);
        for (id, bend) in cases {
            assert_silent(id, bend);
        }
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

#[test]
fn every_rule_has_a_triggering_case() {
    for rule in rules::all() {
        assert!(
            CASES.iter().any(|(id, _)| *id == rule.id),
            "no test case triggers {}",
            rule.id
        );
    }
    for (id, _) in CASES {
        assert!(rules::by_id(id).is_some(), "case for unknown rule {id}");
    }
}

#[test]
fn each_case_triggers_its_rule_with_its_catalog_severity_and_source() {
    for (id, bend) in CASES {
        let mut plan = clean_plan();
        bend(&mut plan);
        let report = analyze(&plan);
        let found = report.findings_of(id).next();
        let finding =
            found.unwrap_or_else(|| panic!("{id} not triggered; got {:?}", rule_ids(&plan)));
        let rule = rules::by_id(id).unwrap();
        assert_eq!(finding.severity, rule.severity, "{id}");
        assert_eq!(finding.source, rule.source, "{id}");
        assert!(!finding.message.is_empty(), "{id}");
        assert!(!finding.subject.is_empty(), "{id}");
    }
}

fn assert_silent(rule: &str, bend: &dyn Fn(&mut Plan)) {
    let mut plan = clean_plan();
    bend(&mut plan);
    let ids = rule_ids(&plan);
    assert!(!ids.contains(&rule), "{rule} triggered: {ids:?}");
}

fn assert_silent_case(rule: &str, bend: impl Fn(&mut Plan)) {
    assert_silent(rule, &bend)
}

#[test]
fn edges_that_must_not_trigger() {
    assert_silent_case("clients-over-limit", |p| inst(p).active_clients = 5_000.0);
    assert_silent_case("clients-near-limit", |p| inst(p).active_clients = 4_499.0);
    assert_silent_case("clients-near-limit", |p| inst(p).active_clients = 5_001.0);
    assert_silent_case("server-cpu-slow", |p| inst(p).server.cpu_ghz = 3.4);
    assert_silent_case("server-ram-below-standard", |p| {
        p.standard_server_ram_gb = 4.0;
        inst(p).server.ram_gb = 4.0;
    });
    // Exactly at the worst-case tolerated outage (72 h − 15 min) is not longer.
    assert_silent_case("recovery-exceeds-tolerated-outage", |p| {
        inst(p).standby.recovery_hours = Some(71.75)
    });
    assert_silent_case("recovery-exceeds-tolerated-outage", |p| {
        inst(p).workspaces[0].offline = OfflinePolicy::Unrestricted;
        inst(p).standby.recovery_hours = Some(10_000.0);
    });
    assert_silent_case("workspace-deletion-risk", |p| {
        inst(p).workspaces[0].delete_when_offline_too_long = true;
        inst(p).workspaces[0].offline_limit_hours = 168.0;
    });
    assert_silent_case("offline-not-permitted-no-standby", |p| {
        inst(p).workspaces[0].offline = OfflinePolicy::NotPermitted
    });
    assert_silent_case("sql-remote-link", |p| {
        p.sql_hosts[0].placement = Placement::Remote;
        p.sql_hosts[0].link_mbps = Some(100.0);
    });
    assert_silent_case("sql-express-size", |p| {
        p.sql_hosts[0].edition = SqlEdition::Express;
        inst(p).active_clients = 3_000.0;
    });
    assert_silent_case("sql-retention-mismatch", |p| {
        p.instances.push(second_instance())
    });
    assert_silent_case("console-unlike-client", |p| {
        inst(p).consoles[0].ram_gb = 5.0
    });
    assert_silent_case("console-ram-below-minimum", |p| {
        inst(p).consoles[0].os = ClientOs::WindowsXpX86;
        inst(p).consoles[0].ram_gb = 1.0;
    });
    assert_silent_case("workspace-duplicate", |p| {
        p.instances.push(second_instance())
    });
    assert_silent_case("instances-too-few", |p| p.total_users = Some(5_000.0));
    assert_silent_case("sql-co-located-target", |p| {
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

/// Prints one example message per rule, for docs/rules.md:
/// `cargo test -p medv-sizing --test rules -- --ignored --nocapture example_messages`.
#[test]
#[ignore]
fn example_messages() {
    for (id, bend) in CASES {
        let mut plan = clean_plan();
        bend(&mut plan);
        if let Some(f) = analyze(&plan).findings_of(id).next() {
            println!("MSG\t{id}\t{}", f.message);
        }
    }
}
