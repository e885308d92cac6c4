//! Plan format v1: defaults, round trips, unknown fields, documentation.

mod common;

use medv_sizing::assumptions::Key;
use medv_sizing::plan::*;
use medv_sizing::{parse_plan, plan_to_json, worked_example};

#[test]
fn the_minimal_plan_is_complete() {
    let plan = parse_plan(
        r#"{"format":"medv-plan","version":1,"instances":[{"id":"a","active_clients":100}]}"#,
    )
    .unwrap();
    let a = &plan.instances[0];
    assert_eq!(a.active_clients, 100.0);
    assert_eq!(a.server, Server::default());
    assert_eq!(a.standby.mode, StandbyMode::None);
    assert_eq!(a.sql_host, None);
    assert_eq!(plan.assumptions.events_per_client_per_day, 20.0);
    assert_eq!(plan.assumptions.event_size_bytes, 200.0);
    assert_eq!(plan.assumptions.retention_days, 90.0);
    assert_eq!(plan.assumptions.error_burst_allowance_pct, 25.0);
    assert_eq!(plan.assumptions.table_overhead_pct, 30.0);
    assert_eq!(plan.assumptions.workspace_xml_kb, 30.0);
    assert_eq!(plan.standard_server_ram_gb, 2.0);
    let report = medv_sizing::analyze(&plan);
    assert_eq!(
        report.instance("a").unwrap().database_bytes,
        Some(100.0 * 20.0 * 200.0 * 90.0 * 1.625)
    );
}

#[test]
fn json_round_trips_losslessly() {
    for plan in [worked_example(), common::clean_plan(), Plan::default()] {
        let text = plan_to_json(&plan);
        let back = parse_plan(&text).unwrap();
        assert_eq!(back, plan);
        assert_eq!(plan_to_json(&back), text);
    }
    // Fractions survive too.
    let mut plan = common::clean_plan();
    plan.instances[0].server.cpu_ghz = 2.66;
    plan.instances[0].overrides.events_per_client_per_day = Some(17.5);
    plan.instances[0].standby.recovery_hours = Some(0.1 + 0.2);
    assert_eq!(parse_plan(&plan_to_json(&plan)).unwrap(), plan);
}

#[test]
fn whole_numbers_are_written_without_a_fraction() {
    let text = plan_to_json(&worked_example());
    assert!(text.contains("\"active_clients\": 5000"), "{text}");
    assert!(!text.contains("5000.0"));
}

#[test]
fn unknown_fields_are_rejected_by_name_and_path() {
    let err = parse_plan(r#"{"format":"medv-plan","version":1,"instances":[{"id":"a","active_clients":1,"servr":{}}]}"#).unwrap_err();
    assert!(err.message.contains("unknown field `servr`"), "{err}");
    assert_eq!(err.path, "instances[0].servr");
    let err =
        parse_plan(r#"{"format":"medv-plan","version":1,"assumptions":{"retention_day":30}}"#)
            .unwrap_err();
    assert!(err.to_string().contains("retention_day"), "{err}");
    assert!(err.to_string().contains("assumptions"), "{err}");
}

#[test]
fn bad_documents_are_explained() {
    let err = parse_plan("{\n  \"format\": \"medv-plan\",\n  \"version\": 1,\n  \"name\": \n}")
        .unwrap_err();
    assert_eq!(err.line, 5, "{err}");
    assert!(err.to_string().starts_with("line 5, column 1: "), "{err}");
    let err =
        parse_plan(r#"{"format":"medv-plan","version":1,"instances":[{"id":"a"}]}"#).unwrap_err();
    assert!(err.message.contains("active_clients"), "{err}");
    let err = parse_plan(
        r#"{"format":"medv-plan","version":1,"instances":[{"id":"a","active_clients":"lots"}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.path, "instances[0].active_clients");
    let err = parse_plan(r#"{"format":"something-else","version":1}"#).unwrap_err();
    assert!(err.message.contains("not a MED-V plan"), "{err}");
    let err = parse_plan(r#"{"format":"medv-plan","version":7}"#).unwrap_err();
    assert!(err.message.contains("newer"), "{err}");
    assert!(parse_plan("[]").is_err());
    assert!(parse_plan("").is_err());
}

/// The field tables of docs/plan-format.md are generated from the catalogs.
#[test]
fn the_plan_format_doc_has_the_catalogs_field_tables() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/plan-format.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let (begin, end) = ("<!-- fields:begin -->\n", "<!-- fields:end -->");
    let start = doc.find(begin).expect("begin marker") + begin.len();
    let stop = doc.find(end).expect("end marker");
    let generated = medv_sizing::render::field_reference();
    if std::env::var_os("MEDV_BLESS").is_some() {
        let updated = format!("{}{}{}", &doc[..start], generated, &doc[stop..]);
        std::fs::write(path, updated).unwrap();
        return;
    }
    assert_eq!(
        doc[start..stop],
        generated,
        "docs/plan-format.md's field tables differ from the catalogs: run MEDV_BLESS=1 cargo test -p medv-sizing --test format"
    );
}

#[test]
fn the_plan_format_doc_covers_every_field() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/plan-format.md"
    ))
    .unwrap();
    let mut names: Vec<String> = Key::ALL.iter().map(|k| k.info().name.to_string()).collect();
    // Every field name that appears in a fully populated plan.
    let mut full = worked_example();
    full.total_users = Some(1.0);
    full.instances[0].reporting_buffer_iops = Some(1.0);
    full.instances[0].standby.recovery_hours = Some(1.0);
    full.sql_hosts[0].link_mbps = Some(1.0);
    full.sql_hosts[0].existing_database_gb = Some(1.0);
    full.sql_hosts[0].existing_iops = Some(1.0);
    collect_keys(&serde_json::to_value(&full).unwrap(), &mut names);
    for name in names {
        assert!(
            doc.contains(&format!("`{name}`")) || doc.contains(&format!("`{name}.")),
            "docs/plan-format.md does not document `{name}`"
        );
    }
    // The worked example in the doc is the real one.
    assert!(
        doc.contains(medv_sizing::WORKED_EXAMPLE_JSON.trim()),
        "docs/plan-format.md must embed examples/worked-example.json verbatim"
    );
}

fn collect_keys(v: &serde_json::Value, out: &mut Vec<String>) {
    collect_under(v, "", out)
}

/// Field paths as the catalog writes them: dotted within a row (`server.cores`),
/// bare below lists and in the assumption maps.
fn collect_under(v: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                let path = format!("{prefix}{k}");
                out.push(path.clone());
                let below = if matches!(k.as_str(), "assumptions" | "overrides") || v.is_array() {
                    String::new()
                } else {
                    format!("{path}.")
                };
                collect_under(v, &below, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| collect_under(v, "", out)),
        _ => {}
    }
}

#[test]
fn the_larger_example_parses_and_has_no_error() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/regional-rollout.json"
    ))
    .unwrap();
    let plan = parse_plan(&text).unwrap();
    assert!(plan.instances.len() >= 8);
    let report = medv_sizing::analyze(&plan);
    assert_eq!(report.summary.errors, 0, "{:#?}", report.findings);
}
