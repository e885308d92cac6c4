//! `medv-plan` as a user runs it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/worked-example.json"
);

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_medv-plan"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn markdown_and_csv_formats() {
    let out = run(&["analyze", EXAMPLE, "--format", "markdown"], "");
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("# MED-V server infrastructure design"));
    let out = run(&["analyze", EXAMPLE, "--format", "csv"], "");
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("instance,hq,HQ,database_bytes,2925000000,B"));
}

#[test]
fn reads_standard_input() {
    let plan =
        r#"{"format":"medv-plan","version":1,"instances":[{"id":"a","active_clients":100}]}"#;
    let out = run(&["analyze", "-"], plan);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["instances"][0]["records_per_day"], 2000);
}

#[test]
fn a_file_that_is_not_a_plan_exits_2_with_one_clear_line() {
    let out = run(&["analyze", "-"], "{\"format\":\"medv-plan\",\n\"version\":1,\n\"instances\":[{\"id\":\"a\",\"active_clients\":1,\"servr\":{}}]}");
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("<stdin>")
            && err.contains("instances[0].servr")
            && err.contains("unknown field `servr`"),
        "{err}"
    );
    let out = run(
        &["analyze", "-"],
        "{\"format\": \"medv-plan\",\n \"version\": 1,,}",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("line 2, column"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["analyze", "/no/such/file.json"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read"));
    assert!(out.stdout.is_empty());
}

#[test]
fn deny_error_exits_1_only_when_an_error_exists() {
    assert_eq!(
        run(&["analyze", EXAMPLE, "--deny", "error"], "")
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["analyze", EXAMPLE, "--deny", "warning"], "")
            .status
            .code(),
        Some(1)
    );
    let over =
        r#"{"format":"medv-plan","version":1,"instances":[{"id":"a","active_clients":6000}]}"#;
    let out = run(&["analyze", "-", "--deny", "error"], over);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("clients-over-limit"),
        "the report is still printed"
    );
    assert_eq!(run(&["analyze", "-"], over).status.code(), Some(0));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(run(&[], "").status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], "").status.code(), Some(2));
    assert_eq!(
        run(&["analyze", EXAMPLE, "--format", "pdf"], "")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["analyze"], "").status.code(), Some(2));
}

#[test]
fn link_and_decode_round_trip() {
    let out = run(
        &[
            "link",
            EXAMPLE,
            "--base",
            "https://intranet.corp/tools/medv/",
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let link = text(&out.stdout).trim().to_string();
    assert!(
        link.starts_with("https://intranet.corp/tools/medv/#p=2."),
        "{link}"
    );
    let out = run(&["decode", &link], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let decoded = medv_sizing::parse_plan(&text(&out.stdout)).unwrap();
    assert_eq!(decoded, medv_sizing::worked_example());
    // Without notes: no names, no notes.
    let private = text(&run(&["link", EXAMPLE, "--without-notes"], "").stdout)
        .trim()
        .to_string();
    let plan = medv_sizing::parse_plan(&text(&run(&["decode", &private], "").stdout)).unwrap();
    assert!(
        plan.name.is_empty()
            && plan.notes.is_empty()
            && plan.instances.iter().all(|i| i.name.is_empty())
    );
    // Standard input works for decode too.
    let out = run(&["decode", "-"], &link);
    assert!(out.status.success());
}

#[test]
fn damaged_links_exit_2_with_a_clear_message() {
    let link = text(&run(&["link", EXAMPLE], "").stdout).trim().to_string();
    for (bad, expect) in [
        (link[..link.len() - 30].to_string(), "incomplete or damaged"),
        (link.replace("#p=2.", "#p=7."), "newer MED-V Planner"),
        (
            "https://intranet/tools/medv/".to_string(),
            "carries no plan",
        ),
    ] {
        let out = run(&["decode", &bad], "");
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(expect), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn the_summary_format_prints_the_verdict_and_the_bill_of_materials() {
    let out = run(&["analyze", EXAMPLE, "--format", "summary"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    let first = summary.lines().next().unwrap_or_default();
    assert!(first.contains("WARNING"), "{summary}");
    assert!(
        summary.contains("Deploy: 3 MED-V servers · 2 SQL Server hosts (1 machine of its own)"),
        "{summary}"
    );
    assert!(
        summary.contains("SQL Server SQL host B (on MED-V server Lab)"),
        "{summary}"
    );
    assert!(summary.contains("3 consoles"), "{summary}");
    // The design document opens with the same summary.
    let out = run(&["analyze", EXAMPLE, "--format", "markdown"], "");
    let md = text(&out.stdout);
    let summary_at = md.find("## Summary").expect("a summary section");
    assert!(summary_at < md.find("## Inputs").unwrap());
    assert!(md.contains("**Status: WARNING**"), "{md}");
}

/// Every error is one line: control characters shown escaped, long values cut.
#[test]
fn errors_are_one_line_with_nothing_a_terminal_obeys() {
    let hostile = "{\"format\":\"\\u001b]0;retitled\\u0007x\\ny\",\"version\":1}";
    let out = run(&["analyze", "-"], hostile);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("\\u{001B}"), "{err:?}");
    let huge = format!(
        "{{\"format\":\"{}\",\"version\":1}}",
        "x".repeat(10_000_000)
    );
    let out = run(&["analyze", "-"], &huge);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.chars().count() < 600,
        "{} characters",
        err.chars().count()
    );
    assert!(err.contains('…'), "{err}");
    let out = run(&["frobnicate\u{1b}[2J"], "");
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

/// A plan file saved with a UTF-8 byte-order mark opens.
#[test]
fn a_byte_order_mark_is_accepted() {
    let plan = std::fs::read_to_string(EXAMPLE).unwrap();
    let out = run(
        &["analyze", "-", "--format", "csv"],
        &format!("\u{FEFF}{plan}"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// `link` refuses to write a link that `decode` would refuse.
#[test]
fn link_refuses_a_plan_too_large_for_a_link() {
    // Random-looking names do not compress: a plan within the format's limits
    // (50 instances of 100 workspaces, each name 200 letters) is still past
    // what a link may carry once unpacked.
    let mut state = 0x2545F491u64;
    let mut name = || -> String {
        (0..200)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                char::from(b'a' + (state % 26) as u8)
            })
            .collect()
    };
    let instances: Vec<String> = (0..50)
        .map(|k| {
            let workspaces: Vec<String> = (0..100)
                .map(|_| format!("{{\"name\":\"{}\",\"count\":1}}", name()))
                .collect();
            format!(
                "{{\"id\":\"i{k}\",\"active_clients\":100,\"workspaces\":[{}]}}",
                workspaces.join(",")
            )
        })
        .collect();
    let plan = format!(
        "{{\"format\":\"medv-plan\",\"version\":2,\"instances\":[{}]}}",
        instances.join(",")
    );
    assert!(medv_sizing::parse_plan(&plan).is_ok());
    let out = run(&["link", "-"], &plan);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("too large for a link"), "{err}");
    assert!(out.stdout.is_empty());
}

/// A plan over the format's limits is refused before it is analysed, in one
/// line that names the limit.
#[test]
fn a_plan_over_the_limits_is_refused_naming_the_limit() {
    let instances: Vec<String> = (0..=medv_sizing::limits::INSTANCES.max)
        .map(|k| format!("{{\"id\":\"i{k}\",\"active_clients\":100}}"))
        .collect();
    let plan = format!(
        "{{\"format\":\"medv-plan\",\"version\":2,\"instances\":[{}]}}",
        instances.join(",")
    );
    for args in [&["analyze", "-"][..], &["link", "-"][..]] {
        let out = run(args, &plan);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("501 MED-V instances") && err.contains("at most 500"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn sql_writes_a_hosts_script_and_refuses_an_unknown_host() {
    let out = run(
        &["sql", EXAMPLE, "--host", "A", "--database", "MED-V 1"],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let script = text(&out.stdout);
    assert!(script.contains("CREATE DATABASE [MED-V 1];"));
    assert!(script.contains("SIZE = 3459MB"));
    // The date comes from the clock: a plausible ISO date.
    let date = script
        .split("Generated by MED-V Planner on ")
        .nth(1)
        .and_then(|s| s.get(..10))
        .unwrap();
    assert!(date.starts_with("20") && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-');
    for args in [
        &["sql", EXAMPLE, "--host", "nope"][..],
        &["sql", EXAMPLE][..],
        &["sql", EXAMPLE, "--host", "A", "--database", "a\nb"][..],
    ] {
        let out = run(args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            text(&out.stderr).lines().count(),
            1,
            "{}",
            text(&out.stderr)
        );
    }
}
