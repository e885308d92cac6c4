//! The database script: sized from the host's figure, and inert whatever a plan
//! or the database name contains. Every line that is not a `--` comment is
//! lexed as T-SQL (delimited identifiers with `]]`, words, numbers, punctuation)
//! and must be one of the script's statements, its identifier decoding to the
//! database name exactly.

use medv_sizing::plan::SqlFaultTolerance;
use medv_sizing::sql_script::{self, host_script, ScriptError, ScriptInput};
use medv_sizing::{analyze, worked_example, Plan};

#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// `[...]`, with `]]` read as one `]`.
    Ident(String),
    Word(String),
    Number(u64),
    Punct(char),
}

/// Lexes one line of the subset the script writes; `Err` on anything else
/// (a quote, a comment start, an unterminated identifier).
fn lex(line: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' {
            i += 1;
        } else if c == '[' {
            let mut name = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err(format!("unterminated identifier in {line:?}")),
                    Some(']') if chars.get(i + 1) == Some(&']') => {
                        name.push(']');
                        i += 2;
                    }
                    Some(']') => {
                        i += 1;
                        break;
                    }
                    Some(&c) => {
                        name.push(c);
                        i += 1;
                    }
                }
            }
            out.push(Token::Ident(name));
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // `3459MB`: the number and its unit.
            out.push(Token::Word(word));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let n: String = chars[start..i].iter().collect();
            out.push(Token::Number(n.parse().map_err(|e| format!("{e}"))?));
        } else if "(),;=".contains(c) {
            out.push(Token::Punct(c));
            i += 1;
        } else {
            return Err(format!("unexpected {c:?} in {line:?}"));
        }
    }
    Ok(out)
}

fn w(s: &str) -> Token {
    Token::Word(s.into())
}
fn id(s: &str) -> Token {
    Token::Ident(s.into())
}
fn p(c: char) -> Token {
    Token::Punct(c)
}

/// Every statement of `script`, lexed, with the comments and blank lines left out;
/// panics (failing the test) on a line that is neither.
fn statements(script: &str) -> Vec<Vec<Token>> {
    script
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("-- ") && *l != "--")
        .map(|l| lex(l).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

/// The statements a script for `db` with these files must consist of, in order.
fn expected(db: &str, f: &sql_script::FilePlan) -> Vec<Vec<Token>> {
    let modify = |name: String, size: u64, growth: u64| {
        vec![
            w("ALTER"),
            w("DATABASE"),
            id(db),
            w("MODIFY"),
            w("FILE"),
            p('('),
            w("NAME"),
            p('='),
            Token::Ident(name),
            p(','),
            w("SIZE"),
            p('='),
            Token::Number(size),
            w("MB"),
            p(','),
            w("FILEGROWTH"),
            p('='),
            Token::Number(growth),
            w("MB"),
            p(')'),
            p(';'),
        ]
    };
    let go = vec![w("GO")];
    vec![
        vec![w("SET"), w("NOCOUNT"), w("ON"), p(';')],
        go.clone(),
        vec![w("CREATE"), w("DATABASE"), id(db), p(';')],
        go.clone(),
        modify(db.to_string(), f.data_mb, f.data_growth_mb),
        go.clone(),
        modify(format!("{db}_log"), f.log_mb, f.log_growth_mb),
        go.clone(),
        vec![
            w("ALTER"),
            w("DATABASE"),
            id(db),
            w("SET"),
            w("RECOVERY"),
            w(if f.full_recovery { "FULL" } else { "SIMPLE" }),
            p(';'),
        ],
        go,
    ]
}

fn script(plan: &Plan, host: &str, database: &str) -> Result<String, ScriptError> {
    let report = analyze(plan);
    host_script(
        plan,
        &report,
        &ScriptInput {
            host,
            database,
            generated: "2026-11-27",
        },
    )
}

#[test]
fn the_data_file_is_the_hosts_sized_database() {
    let plan = worked_example();
    let report = analyze(&plan);
    for host in &report.sql_hosts {
        let bytes = host.database_bytes.unwrap();
        let text = script(&plan, &host.id, "").unwrap();
        let files = sql_script::file_plan(bytes, SqlFaultTolerance::None);
        assert_eq!(files.data_mb, (bytes / 1_048_576.0).ceil() as u64);
        assert_eq!(statements(&text), expected("MEDV", &files), "{text}");
        assert!(text.contains(&medv_sizing::units::bytes_exact(bytes)));
        assert!(text.contains("Generated by MED-V Planner on 2026-11-27"));
    }
    // Host A holds HQ's and Branch's databases: 2,925,000,000 + 702,000,000 B.
    let a = script(&plan, "A", "").unwrap();
    assert!(a.contains("SIZE = 3459MB"), "{a}");
    assert!(a.contains("instances whose databases it holds: HQ, Branch"));
}

#[test]
fn log_shipping_needs_full_recovery_and_gets_its_checklist() {
    let mut plan = worked_example();
    plan.sql_hosts[0].fault_tolerance = SqlFaultTolerance::LogShipping;
    let text = script(&plan, "A", "").unwrap();
    assert!(text.contains("SET RECOVERY FULL;"));
    assert!(text.contains("-- Log shipping: the steps after this script"));
    let plain = script(&worked_example(), "A", "").unwrap();
    assert!(plain.contains("SET RECOVERY SIMPLE;"));
    assert!(!plain.contains("Log shipping"));
}

#[test]
fn hostile_names_stay_in_comments_and_the_database_name_stays_one_identifier() {
    let hostile = "]; DROP DATABASE x; --";
    let mut plan = worked_example();
    plan.name = "Plan\nGO\nDROP DATABASE y;\r\n-- */ '".into();
    plan.sql_hosts[0].name = hostile.into();
    plan.instances[0].name = "HQ\nGO\nSHUTDOWN;".into();
    for database in ["", hostile, "a]]b", "it's [x]", "MEDV; DROP TABLE t"] {
        let text = script(&plan, "A", database).unwrap();
        let db = if database.is_empty() {
            "MEDV"
        } else {
            database
        };
        let report = analyze(&plan);
        let files = sql_script::file_plan(
            report.host("A").unwrap().database_bytes.unwrap(),
            SqlFaultTolerance::None,
        );
        assert_eq!(statements(&text), expected(db, &files), "{text}");
        // The plan's texts appear only inside comments, each on one line.
        for line in text.lines().filter(|l| !l.starts_with("--")) {
            assert!(!line.contains("DROP") || db.contains("DROP"), "{line}");
            assert!(!line.contains("SHUTDOWN"), "{line}");
        }
        assert!(text.contains(&format!("host {hostile} (id A)")));
    }
}

#[test]
fn no_script_without_a_host_a_size_or_a_usable_name() {
    let plan = worked_example();
    assert!(matches!(
        script(&plan, "Z", ""),
        Err(ScriptError::UnknownHost(_))
    ));
    assert!(matches!(
        script(&plan, "A", "bad\nname"),
        Err(ScriptError::BadDatabaseName(_))
    ));
    let mut broken = worked_example();
    broken.instances[0].active_clients = -1.0;
    assert!(matches!(
        script(&broken, "A", ""),
        Err(ScriptError::NoSize(_))
    ));
}

#[test]
fn a_database_kept_on_its_own_server_has_a_script_too() {
    let mut plan = worked_example();
    plan.sql_hosts.retain(|h| h.id != "B");
    plan.instances[2].sql_host = None;
    let host = medv_sizing::implicit_host_id("lab");
    let text = script(&plan, &host, "").unwrap();
    let bytes = analyze(&plan).host(&host).unwrap().database_bytes.unwrap();
    let files = sql_script::file_plan(bytes, SqlFaultTolerance::None);
    assert_eq!(statements(&text), expected("MEDV", &files), "{text}");
}
