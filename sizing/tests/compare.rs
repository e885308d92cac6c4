//! Comparing two plans: the case (the worked example against a variant
//! whose Lab database moves to host A), in the library and on the command line.

use std::process::Command;

use medv_sizing::compare::{compare, Change, Comparison, InputKind};
use medv_sizing::report::SubjectKind;
use medv_sizing::{analyze, worked_example, Plan};

/// The worked example with Lab's database on host A and host B gone.
fn lab_on_host_a() -> Plan {
    let mut p = worked_example();
    p.name = "Variant: Lab on host A".into();
    p.sql_hosts.retain(|h| h.id != "B");
    for i in &mut p.instances {
        if i.id == "lab" {
            i.sql_host = Some("A".into());
        }
    }
    p
}

fn the_comparison() -> (Comparison, medv_sizing::Report) {
    let (a, b) = (worked_example(), lab_on_host_a());
    let ra = analyze(&a);
    let c = compare(&a, &ra, &b, &analyze(&b));
    (c, ra)
}

#[test]
fn host_a_grows_by_labs_share_and_host_b_is_gone() {
    let (c, ra) = the_comparison();
    let lab = ra.instance("lab").unwrap();
    for (key, share) in [
        ("database_bytes", lab.database_bytes.unwrap()),
        ("database_raw_bytes", lab.database_raw_bytes.unwrap()),
        ("write_iops", lab.write_iops.unwrap()),
        ("write_iops_with_burst", lab.write_iops_with_burst.unwrap()),
    ] {
        let f = c.figure("A", key).unwrap();
        assert_eq!(f.change, Change::Changed, "{key}");
        let d = f.delta.unwrap();
        assert!(
            (d - share).abs() < 1e-9 * share.max(1.0),
            "{key}: {d} vs {share}"
        );
        assert!(f.percent.unwrap() > 0.0);
    }
    // Every reporting figure on host A grows: HQ's and Branch's reports now read Lab's events.
    for key in ["reporting_iops", "guidance_total_iops", "total_iops"] {
        assert!(c.figure("A", key).unwrap().delta.unwrap() > 0.0, "{key}");
        for inst in ["hq", "branch"] {
            assert!(
                c.figure(inst, key).unwrap().delta.unwrap() > 0.0,
                "{inst} {key}"
            );
        }
    }
    let b: Vec<_> = c.figures.iter().filter(|f| f.subject == "B").collect();
    assert!(
        !b.is_empty()
            && b.iter()
                .all(|f| f.change == Change::Removed && f.b.is_none())
    );
    let row = c
        .bom
        .iter()
        .find(|r| r.kind == "sql" && r.id == "B")
        .unwrap();
    assert_eq!(row.change, Change::Removed);
    assert!(row.b.is_none());
    assert_eq!(
        c.figure("", "summary.totals.sql_hosts").unwrap().delta,
        Some(-1.0)
    );
    // Host A's row in what to deploy is marked changed; HQ's server is not.
    assert_eq!(
        c.bom
            .iter()
            .find(|r| r.kind == "sql" && r.id == "A")
            .unwrap()
            .change,
        Change::Changed
    );
    assert_eq!(
        c.bom
            .iter()
            .find(|r| r.kind == "server" && r.id == "hq")
            .unwrap()
            .change,
        Change::Same
    );
}

#[test]
fn labs_undersized_finding_is_gone_and_its_users_workspaces_and_consoles_unchanged() {
    let (c, _) = the_comparison();
    assert!(c
        .findings_only_in_a
        .iter()
        .any(|f| f.rule == "server-undersized" && f.subject == "lab"));
    assert!(!c.findings_only_in_b.iter().any(|f| f.subject == "lab"));
    // The inputs that differ: the plan's name, host B removed, Lab's database host.
    let lab: Vec<_> = c
        .inputs
        .iter()
        .filter(|i| i.within.as_deref() == Some("Lab"))
        .collect();
    assert!(
        lab.is_empty(),
        "Lab's workspaces and consoles are unchanged: {lab:?}"
    );
    let inst = c
        .inputs
        .iter()
        .find(|i| i.kind == InputKind::Instance)
        .unwrap();
    assert_eq!(inst.name, "Lab");
    assert_eq!(inst.change, Change::Changed);
    assert_eq!(inst.fields.len(), 1, "{:?}", inst.fields);
    assert_eq!(
        (
            inst.fields[0].field.as_str(),
            inst.fields[0].a.as_str(),
            inst.fields[0].b.as_str()
        ),
        ("sql_host", "B", "A")
    );
    let host = c
        .inputs
        .iter()
        .find(|i| i.kind == InputKind::SqlHost)
        .unwrap();
    assert_eq!(
        (host.id.as_deref(), host.change),
        (Some("B"), Change::Removed)
    );
    assert!(c
        .figures
        .iter()
        .filter(|f| f.subject == "lab" && f.key == "active_clients")
        .all(|f| f.change == Change::Same));
    assert!(c
        .figures
        .iter()
        .filter(|f| f.subject_kind == SubjectKind::Instance && f.key == "workspaces")
        .all(|f| f.change == Change::Same));
}

#[test]
fn rows_match_by_id_then_by_name_and_comparing_changes_neither_plan() {
    let a = worked_example();
    let mut b = worked_example();
    // Same name, new id: matched by name, its id shown as changed.
    b.instances[2].id = "lab-2".into();
    b.instances[2].workspaces[0].count = 3.0;
    let second = medv_sizing::plan::Console {
        name: "Second".into(),
        ..b.instances[0].consoles[0].clone()
    };
    b.instances[0].consoles.push(second);
    b.assumptions.retention_days = 180.0;
    b.instances[1].overrides.retention_days = Some(30.0);
    let (ca, cb) = (a.clone(), b.clone());
    let c = compare(&a, &analyze(&a), &b, &analyze(&b));
    assert_eq!((a, b), (ca, cb));
    let find = |kind, name: &str| {
        c.inputs
            .iter()
            .find(|i| i.kind == kind && i.name == name)
            .unwrap()
    };
    let lab = find(InputKind::Instance, "Lab");
    assert!(lab
        .fields
        .iter()
        .any(|f| f.field == "id" && f.a == "lab" && f.b == "lab-2"));
    assert_eq!(find(InputKind::Workspace, "Lab image").fields[0].b, "3");
    assert_eq!(find(InputKind::Console, "Second").change, Change::Added);
    assert_eq!(
        find(InputKind::Assumptions, "Assumptions").fields[0].b,
        "180 days"
    );
    let branch = find(InputKind::Instance, "Branch");
    assert!(branch
        .fields
        .iter()
        .any(|f| f.field == "overrides.retention_days"
            && f.a == "the plan's value"
            && f.b == "30 days"));
}

#[test]
fn the_cli_prints_the_comparison_and_refuses_what_is_not_a_plan() {
    let dir = std::env::temp_dir().join(format!("medv-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (pa, pb, bad) = (dir.join("a.json"), dir.join("b.json"), dir.join("bad.json"));
    std::fs::write(&pa, medv_sizing::plan_to_json(&worked_example())).unwrap();
    std::fs::write(&pb, medv_sizing::plan_to_json(&lab_on_host_a())).unwrap();
    std::fs::write(&bad, "{\"format\": \"something else\"}").unwrap();
    let run = |args: &[&std::ffi::OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_medv-plan"))
            .arg("diff")
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[pa.as_os_str(), pb.as_os_str()]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "medv-comparison");
    assert!(json["findings_only_in_a"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "server-undersized"));
    let out = run(&[
        pa.as_os_str(),
        pb.as_os_str(),
        "--format".as_ref(),
        "markdown".as_ref(),
    ]);
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("| SQL host A | Sized database | 3.38 GB | 3.54 GB | +167.37 MB | +4.8 % |"),
        "{md}"
    );
    assert!(md.contains("SQL Server host **SQL host B**: only in A"));
    // A share link is a plan too.
    let link = medv_sizing::link::link(
        "https://intranet.example/p/",
        &lab_on_host_a(),
        Default::default(),
    );
    let out = run(&[pa.as_os_str(), link.as_ref()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for args in [
        vec![pa.as_os_str(), bad.as_os_str()],
        vec![bad.as_os_str(), pa.as_os_str()],
        vec![pa.as_os_str(), "https://x/#p=1.garbage".as_ref()],
        vec![pa.as_os_str()],
        vec![
            pa.as_os_str(),
            pb.as_os_str(),
            "--format".as_ref(),
            "csv".as_ref(),
        ],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    }
    let _ = std::fs::remove_dir_all(dir);
}
