//! Plan format v2: sites, service levels and the verdict (§6). The three-site
//! design of `examples/three-sites.json`, the report's summary, migration of
//! version-1 plans.

mod common;

use medv_sizing::plan::*;
use medv_sizing::report::{LineStatus, Status};
use medv_sizing::{analyze, parse_plan, worked_example};

fn three_sites() -> Plan {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/three-sites.json"
    ))
    .unwrap();
    parse_plan(&text).unwrap()
}

#[test]
fn three_sites_need_four_instances_two_in_london() {
    let report = analyze(&three_sites());
    assert_eq!(report.instance_count.needed, Some(4.0));
    assert_eq!(report.instance_count.total_users, Some(12_000.0));
    let london = report.sites.iter().find(|s| s.id == "london").unwrap();
    assert_eq!(london.instances_needed, Some(2.0));
    assert_eq!(london.instances_planned, 2);
    assert!(report.findings_of("instances-too-few").next().is_none());

    // With one London instance, London and the plan are both short.
    let mut plan = three_sites();
    plan.instances.retain(|i| i.id != "london-b");
    let report = analyze(&plan);
    let short: Vec<_> = report.findings_of("instances-too-few").collect();
    let at_london = short
        .iter()
        .find(|f| f.subject == "London")
        .expect("London is flagged");
    assert!(
        at_london.message.contains("6,000")
            && at_london.message.contains("2 instances")
            && at_london.message.contains("the plan has 1"),
        "{}",
        at_london.message
    );
    assert!(short.iter().any(|f| f.subject == "plan"), "{short:?}");
}

#[test]
fn the_london_host_is_local_to_london_and_remote_to_paris_and_lisbon() {
    let report = analyze(&three_sites());
    for id in ["london-a", "london-b"] {
        assert_eq!(report.instance(id).unwrap().remote_link, None, "{id}");
    }
    for (id, site, mbps) in [("paris", "paris", 100.0), ("lisbon", "lisbon", 20.0)] {
        let link = report.instance(id).unwrap().remote_link.clone().expect(id);
        assert_eq!(link.from_site, site);
        assert_eq!(link.to_site, "london");
        assert_eq!(link.mbps, Some(mbps));
        assert!(link.needed_mbps.unwrap() >= 10.0);
    }
    // A slow Lisbon link is flagged for Lisbon alone.
    let mut plan = three_sites();
    plan.site_links[1].mbps = Some(1.0);
    let report = analyze(&plan);
    let slow: Vec<_> = report.findings_of("site-link-slow").collect();
    assert_eq!(slow.len(), 1, "{slow:?}");
    assert_eq!(slow[0].subject, "lisbon");
    assert!(
        slow[0].message.contains("Lisbon–London"),
        "{}",
        slow[0].message
    );
}

#[test]
fn the_report_staleness_service_level_sets_the_bandwidth_a_link_needs() {
    let mut plan = three_sites();
    plan.service_levels.report_staleness_minutes = Some(1.0);
    let report = analyze(&plan);
    let lisbon = report.instance("lisbon").unwrap();
    let pages = lisbon.reads_per_report.unwrap();
    let expected = pages * 8_192.0 * 8.0 / 60.0 / 1_000_000.0;
    assert!(expected > 20.0, "{expected}");
    assert_eq!(
        lisbon.remote_link.as_ref().unwrap().needed_mbps,
        Some(expected)
    );
    assert!(report
        .findings_of("site-link-slow")
        .any(|f| f.subject == "lisbon"));
}

#[test]
fn the_bill_of_materials_lists_every_machine_by_site() {
    let report = analyze(&three_sites());
    let s = &report.summary;
    assert_eq!(s.status, Status::Ok, "{:?}", report.findings);
    let london = s
        .sites
        .iter()
        .find(|b| b.site.as_deref() == Some("london"))
        .unwrap();
    assert_eq!(london.medv_servers.len(), 2);
    assert_eq!(london.sql_hosts.len(), 1);
    assert_eq!(london.consoles.iter().map(|c| c.count).sum::<usize>(), 2);
    let paris = s
        .sites
        .iter()
        .find(|b| b.site.as_deref() == Some("paris"))
        .unwrap();
    assert_eq!(
        (
            paris.subtotal.medv_servers,
            paris.subtotal.sql_hosts,
            paris.subtotal.consoles
        ),
        (1, 0, 1)
    );
    assert_eq!(s.totals.medv_servers, 4);
    assert_eq!(s.totals.sql_hosts, 1);
    assert_eq!(s.totals.consoles, 4);
    assert_eq!(
        s.totals.database_bytes,
        report.host("lon-sql").unwrap().database_bytes
    );
    assert_eq!(
        s.totals.total_iops,
        report.host("lon-sql").unwrap().total_iops
    );
}

#[test]
fn an_empty_plan_is_incomplete_never_ok() {
    let report = analyze(&Plan::default());
    assert_eq!(report.summary.status, Status::Incomplete);
    assert!(!report.summary.incomplete.is_empty());
    let mut plan = common::clean_plan();
    plan.instances[0].active_clients = 0.0;
    assert_eq!(analyze(&plan).summary.status, Status::Incomplete);
    assert_eq!(analyze(&common::clean_plan()).summary.status, Status::Ok);
}

#[test]
fn the_worked_example_is_a_warning_with_three_servers_two_hosts_three_consoles() {
    let report = analyze(&worked_example());
    let s = &report.summary;
    assert_eq!(s.status, Status::Warning);
    assert_eq!(s.totals.medv_servers, 3);
    assert_eq!(s.totals.sql_hosts, 2);
    assert_eq!(
        s.totals.sql_machines, 1,
        "host B runs on Lab's MED-V server"
    );
    assert_eq!(s.totals.consoles, 3);
    let host_b = s
        .sites
        .iter()
        .flat_map(|b| &b.sql_hosts)
        .find(|h| h.id == "B")
        .unwrap();
    assert_eq!(host_b.on_medv_server.as_deref(), Some("lab"));
    let lab = s
        .sites
        .iter()
        .flat_map(|b| &b.medv_servers)
        .find(|m| m.instance == "lab")
        .unwrap();
    assert_eq!(
        lab.status,
        LineStatus::Warning,
        "Lab's server is undersized"
    );
    assert_eq!(lab.needed.cores, Some(4.0));
    assert_eq!(lab.entered_cores, Some(2.0));
}

#[test]
fn outage_verdicts_say_who_is_locked_out_and_when() {
    let mut plan = worked_example();
    plan.service_levels.max_medv_outage_hours = Some(2.0);
    plan.service_levels.max_sql_outage_hours = Some(48.0);
    let report = analyze(&plan);
    let hq = report
        .summary
        .outages
        .iter()
        .find(|o| o.instance == "hq")
        .unwrap();
    assert_eq!(
        hq.locked_out,
        Some(true),
        "72 h outage > 23.75 h worst-case tolerance"
    );
    assert_eq!(hq.locked_out_after_hours, Some(23.75));
    assert_eq!(
        hq.recovery_within_service_level,
        Some(false),
        "cold restore 4 h > 2 h"
    );
    assert_eq!(hq.sql_host.as_deref(), Some("A"));
    assert_eq!(hq.sql_recovery_within_service_level, Some(true));
    let lab = report
        .summary
        .outages
        .iter()
        .find(|o| o.instance == "lab")
        .unwrap();
    assert_eq!(
        lab.locked_out,
        Some(false),
        "Lab's workspaces are unrestricted"
    );
    assert_eq!(lab.locked_out_after_hours, None);
    assert!(report
        .findings_of("recovery-exceeds-service-level")
        .any(|f| f.subject == "hq"));
}

#[test]
fn a_sql_server_outage_backs_up_events_for_every_instance_it_serves() {
    let report = analyze(&worked_example());
    let a = report.host("A").unwrap();
    assert_eq!(a.outage.len(), 2);
    let hq = a.outage.iter().find(|o| o.instance == "hq").unwrap();
    // 8 h (the default): 20 × 8 / 24 events per client, across 5,000 clients.
    assert_eq!(hq.hours, Some(8.0));
    assert_eq!(hq.events_per_client, Some(20.0 * 8.0 / 24.0));
    assert_eq!(hq.events_total, Some(20.0 * 8.0 / 24.0 * 5_000.0));
    assert_eq!(
        hq.catch_up_writes_per_second,
        Some(5_000.0 * (20.0 * 8.0 / 24.0) / 60.0)
    );
    assert_eq!(
        a.recovery_hours,
        Some(24.0),
        "no log shipping: a restore from backup"
    );
}

#[test]
fn log_shipping_advice_follows_the_data_loss_service_level() {
    let mut plan = worked_example();
    assert!(
        analyze(&plan)
            .findings_of("sql-no-log-shipping")
            .next()
            .is_none(),
        "not stated: no advice"
    );
    plan.service_levels.sql_data_loss = DataLoss::NotAcceptable;
    let report = analyze(&plan);
    let advice: Vec<_> = report.findings_of("sql-no-log-shipping").collect();
    assert_eq!(advice.len(), 2, "{advice:?}");
    let b = advice.iter().find(|f| f.subject == "B").unwrap();
    assert!(
        b.message.contains("Express") && b.message.contains("Standard or Enterprise"),
        "{}",
        b.message
    );
    plan.service_levels.sql_data_loss = DataLoss::Acceptable;
    assert!(analyze(&plan)
        .findings_of("sql-no-log-shipping")
        .next()
        .is_none());
}

#[test]
fn the_workspace_count_helper_sums_distinct_policies_per_vm() {
    let mut plan = common::clean_plan();
    plan.instances[0].vms = vec![
        Vm {
            name: "Office 2003".into(),
            policies: 3.0,
        },
        Vm {
            name: "IE6".into(),
            policies: 2.0,
        },
    ];
    let report = analyze(&plan);
    let a = report.instance("a").unwrap();
    assert_eq!(a.workspaces, Some(5.0));
    assert_eq!(a.workspace_storage_bytes, Some(5.0 * 30.0 * 1_024.0));
}

#[test]
fn version_1_plans_migrate_their_free_text_sites() {
    let plan = worked_example();
    assert_eq!(plan.version, 2);
    let names: Vec<_> = plan
        .sites
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    assert_eq!(
        names,
        vec![("hq", "HQ"), ("branch", "Branch"), ("lab", "Lab")]
    );
    assert_eq!(plan.instances[0].server.site, "hq");
    // A v1 document may not use what v2 added.
    let err = parse_plan(r#"{"format":"medv-plan","version":1,"sites":[{"id":"x"}]}"#).unwrap_err();
    assert!(
        err.message.contains("new in plan format version 2"),
        "{err}"
    );
    // Odd texts get ids of their own, distinct.
    let text = r#"{"format":"medv-plan","version":1,"instances":[
        {"id":"a","active_clients":1,"server":{"site":"Zürich Ost"}},
        {"id":"b","active_clients":1,"server":{"site":"zürich-ost"}},
        {"id":"c","active_clients":1,"server":{"site":"東京"}}]}"#;
    let plan = parse_plan(text).unwrap();
    let ids: Vec<_> = plan.sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, vec!["z-rich-ost", "z-rich-ost-2", "site"]);
    assert!(plan
        .sites
        .iter()
        .all(|s| medv_sizing::fields::valid_id(&s.id)));
}

#[test]
fn an_unknown_site_is_an_error_only_in_a_plan_with_sites() {
    let mut plan = common::clean_plan();
    plan.instances[0].server.site = "nowhere".into();
    assert!(analyze(&plan).findings_of("site-unknown").next().is_none());
    plan.sites.push(Site::new("dc1"));
    assert!(analyze(&plan).findings_of("site-unknown").next().is_some());
}
