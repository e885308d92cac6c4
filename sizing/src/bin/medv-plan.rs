//! `medv-plan`: the sizing core on the command line.
//!
//! ```text
//! medv-plan analyze PLAN.json [--format json|markdown|csv|summary] [--deny error|warning] [--defaults FILE]
//! medv-plan link PLAN.json [--base URL] [--without-notes]
//! medv-plan decode LINK
//! medv-plan sql PLAN.json --host ID [--database NAME]
//! medv-plan diff A B [--format json|markdown]
//! ```
//! PLAN may be `-` for standard input. Exit codes: 0 done (whatever the
//! findings), 1 a finding at or above `--deny`, 2 bad usage, not a plan, or a
//! link that does not open.

use std::io::{Read, Write};
use std::process::ExitCode;

use medv_sizing::rules::Severity;
use medv_sizing::{analyze, link, parse_plan, render, sql_script};

const USAGE: &str =
    "usage: medv-plan analyze PLAN.json [--format json|markdown|csv|summary] [--deny error|warning] [--defaults FILE]
       medv-plan link PLAN.json [--base URL] [--without-notes]
       medv-plan decode LINK
       medv-plan sql PLAN.json --host ID [--database NAME]
       medv-plan diff A B [--format json|markdown]
  PLAN.json may be - for standard input; LINK may be - too.
  --defaults reads organization defaults (site-defaults.json): fields the plan leaves out
  take their values, and the design document's assumptions ledger names them.
  diff compares plan A with plan B (each a plan file, - for standard input, or a share
  link): verdicts, what to deploy, every figure, findings and the inputs that differ.
  sql writes the T-SQL script that creates the database on SQL Server host ID (an
  instance's own server is ID.local), sized from the plan; --database defaults to MEDV.
  --without-notes leaves the plan's name and notes and every instance, host,
  workspace, console and site name out of the link.
  exit 0: done; 1: a finding at or above --deny exists; 2: bad usage, not a plan, a damaged
  link, or no script for that host (unknown, or its size not computable)";

/// Appended to a usage error: the usage itself is printed by --help.
const HELP: &str = " (medv-plan --help shows the usage)";

/// Where links point when no --base is given.
const DEFAULT_BASE: &str = "https://intranet.example/tools/medv-planner/";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            // One line, whatever a plan or an argument contained.
            eprintln!("medv-plan: {}", medv_sizing::units::one_line(&message, 400));
            ExitCode::from(2)
        }
    }
}

enum Format {
    Json,
    Markdown,
    Csv,
    Summary,
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some((command, rest)) = args.split_first() else {
        return Err(format!("no command given{HELP}"));
    };
    match command.as_str() {
        "analyze" => analyze_command(rest),
        "link" => link_command(rest),
        "decode" => decode_command(rest),
        "sql" => sql_command(rest),
        "diff" => diff_command(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command \"{other}\"{HELP}")),
    }
}

fn analyze_command(args: &[String]) -> Result<ExitCode, String> {
    let mut path = None;
    let mut format = Format::Json;
    let mut deny = None;
    let mut defaults = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--format" => {
                format = match it.next().map(String::as_str) {
                    Some("json") => Format::Json,
                    Some("markdown" | "md") => Format::Markdown,
                    Some("csv") => Format::Csv,
                    Some("summary") => Format::Summary,
                    other => {
                        return Err(format!(
                            "--format takes json, markdown, csv or summary, not {}",
                            other.unwrap_or("nothing")
                        ))
                    }
                }
            }
            "--deny" => {
                deny = match it.next().map(String::as_str) {
                    Some("error") => Some(Severity::Error),
                    Some("warning") => Some(Severity::Warning),
                    other => {
                        return Err(format!(
                            "--deny takes error or warning, not {}",
                            other.unwrap_or("nothing")
                        ))
                    }
                }
            }
            "--defaults" => {
                let file = it
                    .next()
                    .ok_or("--defaults takes a site-defaults.json file")?;
                let d = medv_sizing::site_defaults::parse_site_defaults(&read_input(file)?)
                    .map_err(|e| format!("{}: {e}", display_path(file)))?;
                defaults = Some(d);
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}{HELP}")),
            p if path.is_none() => path = Some(p.to_string()),
            extra => return Err(format!("unexpected argument \"{extra}\"{HELP}")),
        }
    }
    let path = path.ok_or_else(|| format!("no plan file given{HELP}"))?;
    let text = read_input(&path)?;
    let plan = match &defaults {
        None => parse_plan(&text),
        Some(d) => d.parse_plan(&text),
    }
    .map_err(|e| format!("{}: {e}", display_path(&path)))?;
    let report = analyze(&plan);
    let output = match format {
        Format::Json => medv_sizing::plan::to_pretty_json(&report) + "\n",
        Format::Markdown => render::markdown_with(&plan, &report, defaults.as_ref()),
        Format::Csv => render::csv(&report),
        Format::Summary => medv_sizing::render_summary::text(&report),
    };
    print(&output);
    let denied = deny.is_some_and(|level| report.findings.iter().any(|f| f.severity <= level));
    Ok(if denied {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn link_command(args: &[String]) -> Result<ExitCode, String> {
    let mut path = None;
    let mut base = DEFAULT_BASE.to_string();
    let mut options = link::LinkOptions::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--base" => base = it.next().ok_or("--base takes a URL")?.clone(),
            "--without-notes" | "--without-names" => options.without_names = true,
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}{HELP}")),
            p if path.is_none() => path = Some(p.to_string()),
            extra => return Err(format!("unexpected argument \"{extra}\"{HELP}")),
        }
    }
    let path = path.ok_or_else(|| format!("no plan file given{HELP}"))?;
    let plan =
        parse_plan(&read_input(&path)?).map_err(|e| format!("{}: {e}", display_path(&path)))?;
    let made = link::link(&base, &plan, options);
    // Never hand out a link that opening it would refuse.
    if let Err(e) = link::decode(&made) {
        return Err(format!(
            "{}: the plan is too large for a link ({} characters; {e}): share it as a file",
            display_path(&path),
            made.len()
        ));
    }
    print(&(made + "\n"));
    Ok(ExitCode::SUCCESS)
}

fn decode_command(args: &[String]) -> Result<ExitCode, String> {
    let [text] = args else {
        return Err(format!("decode takes one link{HELP}"));
    };
    let text = if text == "-" {
        read_input("-")?
    } else {
        text.clone()
    };
    let plan = link::decode(&text).map_err(|e| e.to_string())?;
    print(&(medv_sizing::plan_to_json(&plan) + "\n"));
    Ok(ExitCode::SUCCESS)
}

fn sql_command(args: &[String]) -> Result<ExitCode, String> {
    let mut path = None;
    let mut host = None;
    let mut database = String::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--host" => {
                host = Some(
                    it.next()
                        .ok_or("--host takes a SQL Server host's id")?
                        .clone(),
                )
            }
            "--database" => database = it.next().ok_or("--database takes a name")?.clone(),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}{HELP}")),
            p if path.is_none() => path = Some(p.to_string()),
            extra => return Err(format!("unexpected argument \"{extra}\"{HELP}")),
        }
    }
    let path = path.ok_or_else(|| format!("no plan file given{HELP}"))?;
    let host = host.ok_or_else(|| format!("no --host given{HELP}"))?;
    let plan =
        parse_plan(&read_input(&path)?).map_err(|e| format!("{}: {e}", display_path(&path)))?;
    let report = analyze(&plan);
    let today = today_utc();
    let input = sql_script::ScriptInput {
        host: &host,
        database: &database,
        generated: &today,
    };
    let script = sql_script::host_script(&plan, &report, &input)
        .map_err(|e| format!("{}: {e}", display_path(&path)))?;
    print(&script);
    Ok(ExitCode::SUCCESS)
}

fn diff_command(args: &[String]) -> Result<ExitCode, String> {
    let mut paths = Vec::new();
    let mut markdown = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--format" => {
                markdown = match it.next().map(String::as_str) {
                    Some("json") => false,
                    Some("markdown" | "md") => true,
                    other => {
                        return Err(format!(
                            "--format takes json or markdown, not {}",
                            other.unwrap_or("nothing")
                        ))
                    }
                }
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}{HELP}")),
            p if paths.len() < 2 => paths.push(p.to_string()),
            extra => return Err(format!("unexpected argument \"{extra}\"{HELP}")),
        }
    }
    let [a, b] = paths.as_slice() else {
        return Err(format!("diff takes two plans{HELP}"));
    };
    if a == "-" && b == "-" {
        return Err("only one of the two plans can come from standard input".into());
    }
    let (pa, pb) = (plan_or_link(a)?, plan_or_link(b)?);
    let (ra, rb) = (analyze(&pa), analyze(&pb));
    let c = medv_sizing::compare::compare(&pa, &ra, &pb, &rb);
    print(&if markdown {
        medv_sizing::compare::markdown(&c)
    } else {
        medv_sizing::plan::to_pretty_json(&c) + "\n"
    });
    Ok(ExitCode::SUCCESS)
}

/// A plan from a file (or standard input), or from a share link.
fn plan_or_link(arg: &str) -> Result<medv_sizing::Plan, String> {
    if arg.contains("#p=") && !std::path::Path::new(arg).exists() {
        return link::decode(arg).map_err(|e| format!("the link is not a plan: {e}"));
    }
    parse_plan(&read_input(arg)?).map_err(|e| format!("{}: {e}", display_path(arg)))
}

/// Today's date in UTC, `YYYY-MM-DD` (days since 1970 to the civil calendar).
fn today_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Writes to standard output; a closed pipe (`| head`) is not worth a message.
fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

fn display_path(path: &str) -> &str {
    if path == "-" {
        "<stdin>"
    } else {
        path
    }
}

fn read_input(path: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("<stdin>: cannot read: {e}"))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not UTF-8 text (byte {})",
            display_path(path),
            e.utf8_error().valid_up_to()
        )
    })
}
