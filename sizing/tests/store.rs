//! The storage envelope, its migrations and the backup file.

use medv_sizing::store::*;
use medv_sizing::{plan_to_json, worked_example};

#[test]
fn entries_round_trip() {
    let plan = worked_example();
    let text = encode_entry("p-1", "2026-11-26T05:55:00.000Z", &plan);
    let saved = decode_entry("p-1", &text).unwrap();
    assert_eq!(saved.plan, plan);
    assert_eq!(saved.id, "p-1");
    assert_eq!(saved.saved_at, "2026-11-26T05:55:00.000Z");
    assert_eq!(saved.stored_schema, STORE_SCHEMA);
    assert!(!saved.rules_changed());
    assert!(
        text.contains("\"format\":\"medv-planner-saved-plan\"") && text.contains("\"schema\":1")
    );
}

#[test]
fn schema_0_a_bare_plan_is_migrated() {
    let plan = worked_example();
    let saved = decode_entry("old", &plan_to_json(&plan)).unwrap();
    assert_eq!(saved.plan, plan);
    assert_eq!(saved.stored_schema, 0);
    assert!(
        saved.rules_changed(),
        "no rules version was stored: say the figures are recomputed"
    );
    // Written back, it is schema 1.
    let again = decode_entry("old", &encode_entry("old", "t", &saved.plan)).unwrap();
    assert_eq!(again.stored_schema, 1);
}

#[test]
fn schema_1_written_by_an_earlier_build_still_reads() {
    // Frozen text of a schema-1 entry: it must keep decoding in every later version.
    let text = r#"{"format":"medv-planner-saved-plan","schema":1,"rules_version":1,"id":"p-18f","saved_at":"2026-11-26T05:55:00.000Z","plan":{"format":"medv-plan","version":1,"name":"Frozen","instances":[{"id":"a","active_clients":100}]}}"#;
    let saved = decode_entry("p-18f", text).unwrap();
    assert_eq!(saved.plan.name, "Frozen");
    assert_eq!(saved.plan.instances[0].active_clients, 100.0);
}

#[test]
fn damaged_and_newer_entries_are_reported_not_reset() {
    assert!(matches!(
        decode_entry("x", "{not json"),
        Err(StoreError::Damaged(_))
    ));
    assert!(matches!(
        decode_entry("x", "\"hello\""),
        Err(StoreError::Damaged(_))
    ));
    assert!(matches!(
        decode_entry("x", r#"{"format":"medv-planner-saved-plan","schema":9}"#),
        Err(StoreError::NewerSchema(9))
    ));
    let text = encode_entry("p", "t", &worked_example())
        .replace("\"active_clients\":5000.0", "\"active_clients\":\"lots\"");
    let err = decode_entry("p", &text).unwrap_err();
    assert!(err.to_string().contains("cannot be read"), "{err}");
}

#[test]
fn backups_restore_what_they_can() {
    let a = decode_entry("p-a", &encode_entry("p-a", "t1", &worked_example())).unwrap();
    let mut other = worked_example();
    other.name = "Second".into();
    let b = decode_entry("p-b", &encode_entry("p-b", "t2", &other)).unwrap();
    let text = encode_backup("2026-11-26T06:00:00.000Z", &[a.clone(), b.clone()]);
    let (plans, problems) = decode_backup(&text).unwrap();
    assert_eq!(plans, vec![a.clone(), b]);
    assert!(problems.is_empty());
    // One damaged entry does not lose the others.
    let damaged = text.replacen("\"medv-plan\"", "\"something\"", 1);
    let (plans, problems) = decode_backup(&damaged).unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(problems.len(), 1);
    assert!(decode_backup("[]").is_err());
    assert!(matches!(
        decode_backup(r#"{"format":"medv-planner-backup","schema":5,"plans":[]}"#),
        Err(StoreError::NewerSchema(5))
    ));
}

/// A schema number past 2^32 is reported as it is, not truncated to a small one.
#[test]
fn a_huge_schema_number_is_reported_whole() {
    let huge = 4_294_967_297u64;
    let text = format!(
        "{{\"format\":\"medv-planner-saved-plan\",\"schema\":{huge},\"id\":\"x\",\"saved_at\":\"\",\"rules_version\":1,\"plan\":{{}}}}"
    );
    assert_eq!(decode_entry("x", &text), Err(StoreError::NewerSchema(huge)));
}

/// The storage key names the entry, whatever id its envelope carries.
#[test]
fn the_key_names_the_entry() {
    let text = encode_entry("p-1", "2026-01-01T00:00:00Z", &worked_example());
    let moved = text.replace("\"p-1\"", "\"p-other\"");
    assert_ne!(moved, text);
    assert_eq!(decode_entry("p-1", &moved).unwrap().id, "p-1");
}

fn saved(id: &str, name: &str) -> Saved {
    let mut plan = worked_example();
    plan.name = name.into();
    Saved {
        id: id.into(),
        saved_at: "2026-11-26T06:00:00.000Z".into(),
        rules_version: 2,
        stored_schema: 1,
        plan,
    }
}

fn counter() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("p-new-{n}")
    }
}

/// Two plans of one backup with the same id are both kept, the later under a
/// new id, and the restore says so.
#[test]
fn duplicate_ids_in_a_backup_keep_both_plans() {
    let r = plan_restore(
        vec![saved("p-1", "Europe"), saved("p-1", "Asia")],
        &[],
        counter(),
    );
    assert_eq!(r.add.len(), 2);
    assert_eq!(r.add[0].id, "p-1");
    assert_eq!(r.add[1].id, "p-new-1");
    assert_eq!(r.duplicate_ids, 1);
    assert_eq!((r.same, r.without_id, r.id_taken), (0, 0, 0));
    // The very same plan twice is one plan.
    let r = plan_restore(
        vec![saved("p-1", "Europe"), saved("p-1", "Europe")],
        &[],
        counter(),
    );
    assert_eq!((r.add.len(), r.same, r.duplicate_ids), (1, 1, 0));
}

/// A bare plan in a backup (no id) is given a real one.
#[test]
fn a_bare_plan_in_a_backup_gets_a_real_id() {
    let bare = plan_to_json(&worked_example());
    let text =
        format!("{{\"format\":\"medv-planner-backup\",\"schema\":1,\"plans\":[{bare}, {bare}]}}");
    let (plans, problems) = decode_backup(&text).unwrap();
    assert!(problems.is_empty());
    assert_eq!(plans[0].id, "", "the backup gave none");
    let r = plan_restore(plans, &[], counter());
    assert_eq!(r.without_id, 1);
    assert_eq!(r.same, 1, "the second is the same plan");
    assert_eq!(r.add.len(), 1);
    assert!(valid_plan_id(&r.add[0].id), "{:?}", r.add[0].id);
}

/// Restoring never replaces a stored plan and never leaves two plans with one
/// name: a changed plan under a stored id is added beside it, renamed.
#[test]
fn restoring_keeps_every_stored_plan_and_every_name_distinct() {
    let stored = vec![
        ("p-1".to_string(), Some(saved("p-1", "Europe").plan)),
        ("p-2".to_string(), Some(saved("p-2", "Asia").plan)),
        ("p-damaged".to_string(), None),
    ];
    let mut changed = saved("p-1", "Europe");
    changed.plan.notes = "edited elsewhere".into();
    let r = plan_restore(
        vec![
            saved("p-2", "Asia"),
            changed,
            saved("p-3", "Europe"),
            saved("bad id!", ""),
            saved("p-damaged", "Kept aside"),
        ],
        &stored,
        counter(),
    );
    assert_eq!(r.same, 1);
    assert_eq!(r.id_taken, 2, "a damaged entry's id stays taken");
    assert_eq!(r.without_id, 1);
    let added: Vec<(&str, String)> = r
        .add
        .iter()
        .map(|s| (s.id.as_str(), display_name(&s.plan)))
        .collect();
    assert_eq!(
        added,
        [
            ("p-new-1", "Europe (2)".to_string()),
            ("p-3", "Europe (3)".to_string()),
            ("p-new-2", "Untitled plan".to_string()),
            ("p-new-3", "Kept aside".to_string())
        ]
    );
    assert_eq!(r.renamed.len(), 2);
}

#[test]
fn distinct_names_count_up() {
    let taken = ["Europe", "Europe (2)", "Untitled plan"];
    let is = |n: &str| taken.contains(&n);
    assert_eq!(distinct_name("Asia", is), "Asia");
    assert_eq!(distinct_name("Europe", is), "Europe (3)");
    assert_eq!(distinct_name("Europe (2)", is), "Europe (3)");
    assert_eq!(distinct_name("Untitled plan", is), "Untitled plan (2)");
    assert_eq!(
        distinct_name("Plan (x)", |n| n == "Plan (x)"),
        "Plan (x) (2)"
    );
}

/// A stored plan over the format's limits is reported, naming the limit, and
/// kept aside like any entry that does not open.
#[test]
fn a_stored_plan_over_the_limits_is_reported() {
    let mut plan = medv_sizing::Plan::default();
    for k in 0..=medv_sizing::limits::INSTANCES.max {
        plan.instances
            .push(medv_sizing::plan::Instance::new(format!("i{k}"), 1.0));
    }
    let err = decode_entry("p", &encode_entry("p", "t", &plan)).unwrap_err();
    assert!(err.to_string().contains("at most 500"), "{err}");
}
