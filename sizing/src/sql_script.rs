//! The T-SQL script a database administrator reviews and runs on one SQL
//! Server host: `CREATE DATABASE`, its data and log files sized from the
//! plan's figures, the recovery model the host's fault tolerance needs, and,
//! for log shipping, a checklist of the steps.
//!
//! Nothing a plan contains becomes SQL: names from the plan appear only in
//! `--` comments written on one line, the database name is quoted as a
//! delimited identifier (`]` doubled), and every other value in a statement is
//! a whole number this module computed.

use crate::plan::{Plan, SqlFaultTolerance};
use crate::report::{HostReport, Report};
use crate::units;

/// The database name when none is given (the script's `--database` input).
pub const DEFAULT_DATABASE_NAME: &str = "MEDV";

/// SQL Server's limit on an identifier (`sysname`).
pub const MAX_DATABASE_NAME_CHARS: usize = 128;

/// [our assumption] The log file starts at this share of the data file…
pub const LOG_SHARE_OF_DATA: f64 = 0.25;
/// [our assumption] …and never below this many MB; growth steps are whole
/// multiples of it too.
pub const MIN_FILE_MB: u64 = 64;
/// [our assumption] The data file grows by a tenth of its size, in whole 64 MB
/// steps between 64 MB and this.
pub const MAX_DATA_GROWTH_MB: u64 = 1024;
/// [our assumption] The log file grows by a quarter of its size, in whole 64 MB
/// steps between 64 MB and this.
pub const MAX_LOG_GROWTH_MB: u64 = 512;

/// What the script is made from, besides the plan and its report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptInput<'a> {
    /// The SQL Server host's id in the report (an implicit host `<id>.local` too).
    pub host: &'a str,
    /// The database to create; empty: [`DEFAULT_DATABASE_NAME`].
    pub database: &'a str,
    /// When the script was written (the core has no clock), e.g. `2026-11-27`.
    pub generated: &'a str,
}

/// The files and settings a script creates, each a number this module computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilePlan {
    pub data_mb: u64,
    pub data_growth_mb: u64,
    pub log_mb: u64,
    pub log_growth_mb: u64,
    /// `FULL` (log shipping needs every log record) or `SIMPLE`.
    pub full_recovery: bool,
}

/// Why no script can be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScriptError {
    /// The report has no SQL Server host with this id.
    UnknownHost(String),
    /// The host's database size is not computable (an input is invalid or missing).
    NoSize(String),
    /// The database name is empty after trimming, too long, or holds a control character.
    BadDatabaseName(String),
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScriptError::UnknownHost(id) => write!(f, "the plan has no SQL Server host \"{}\"", units::one_line(id, 80)),
            ScriptError::NoSize(id) => write!(
                f,
                "the database size of SQL Server host \"{}\" is not computable: fix the plan's findings first",
                units::one_line(id, 80)
            ),
            ScriptError::BadDatabaseName(why) => write!(f, "the database name {why}"),
        }
    }
}

impl std::error::Error for ScriptError {}

/// `name` as a T-SQL delimited identifier: `[` … `]`, each `]` doubled.
pub fn quote_identifier(name: &str) -> String {
    format!("[{}]", name.replace(']', "]]"))
}

/// The database name to use, or why `name` cannot be one.
pub fn database_name(name: &str) -> Result<&str, ScriptError> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(DEFAULT_DATABASE_NAME);
    }
    if name.chars().count() > MAX_DATABASE_NAME_CHARS {
        return Err(ScriptError::BadDatabaseName(format!(
            "is longer than SQL Server's {MAX_DATABASE_NAME_CHARS} characters"
        )));
    }
    if name
        .chars()
        .any(|c| c.is_control() || crate::render::is_invisible(c))
    {
        return Err(ScriptError::BadDatabaseName(
            "holds a control or invisible character".into(),
        ));
    }
    Ok(name)
}

/// Whole MB, rounded up, of `bytes` (1 MB = 1,024 × 1,024 bytes, as SQL Server counts).
fn mb_up(bytes: f64) -> u64 {
    (bytes / (1024.0 * 1024.0)).ceil().max(0.0) as u64
}

/// `mb` rounded up to whole [`MIN_FILE_MB`] steps, between one step and `max`.
fn growth_step(mb: u64, max: u64) -> u64 {
    (mb.div_ceil(MIN_FILE_MB) * MIN_FILE_MB).clamp(MIN_FILE_MB, max)
}

/// The files for a host whose sized database is `database_bytes`.
pub fn file_plan(database_bytes: f64, fault_tolerance: SqlFaultTolerance) -> FilePlan {
    let data_mb = mb_up(database_bytes).max(MIN_FILE_MB);
    let log_mb = ((data_mb as f64 * LOG_SHARE_OF_DATA).ceil() as u64).max(MIN_FILE_MB);
    FilePlan {
        data_mb,
        data_growth_mb: growth_step(data_mb.div_ceil(10), MAX_DATA_GROWTH_MB),
        log_mb,
        log_growth_mb: growth_step(log_mb.div_ceil(4), MAX_LOG_GROWTH_MB),
        full_recovery: fault_tolerance == SqlFaultTolerance::LogShipping,
    }
}

/// The fault tolerance the plan gives `host` (an implicit host has none).
fn fault_tolerance(plan: &Plan, host: &HostReport) -> SqlFaultTolerance {
    plan.sql_hosts
        .iter()
        .find(|h| h.id == host.id)
        .map_or(SqlFaultTolerance::None, |h| h.fault_tolerance)
}

/// The script for one host, or why there is none.
pub fn host_script(
    plan: &Plan,
    report: &Report,
    input: &ScriptInput,
) -> Result<String, ScriptError> {
    let host = report
        .host(input.host)
        .ok_or_else(|| ScriptError::UnknownHost(input.host.to_string()))?;
    let bytes = host
        .database_bytes
        .ok_or_else(|| ScriptError::NoSize(input.host.to_string()))?;
    let database = database_name(input.database)?;
    let files = file_plan(bytes, fault_tolerance(plan, host));
    let db = quote_identifier(database);
    let data_file = quote_identifier(database);
    let log_file = quote_identifier(&format!("{database}_log"));
    // Text from the plan goes into comments only, on one line each.
    let text = |s: &str| units::one_line(s, 200);
    let instances: Vec<String> = host
        .instances
        .iter()
        .map(|id| {
            report
                .instance(id)
                .map_or_else(|| text(id), |i| text(&i.name))
        })
        .collect();
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(&format!(
        "-- MED-V database for SQL Server host {} (id {})",
        text(&host.name),
        text(&host.id)
    ));
    line(&format!("-- Plan: {}", text(&plan.name)));
    line(&format!(
        "-- Generated by MED-V Planner on {} from the plan's figures:",
        text(input.generated)
    ));
    line(&format!(
        "--   instances whose databases it holds: {}",
        if instances.is_empty() {
            "none".to_string()
        } else {
            instances.join(", ")
        }
    ));
    line(&format!(
        "--   sized database (H1, with the growth allowance): {}",
        units::bytes_exact(bytes)
    ));
    if let Some(existing) = host.existing_database_bytes {
        line(&format!(
            "--   of which databases already in the existing instance: {} (the plan's host figure includes them)",
            units::bytes_exact(existing)
        ));
    }
    if let Some(iops) = host.total_iops {
        line(&format!(
            "--   total IOPS to plan for (P4): {}",
            units::iops_read(iops)
        ));
    }
    if let Some(days) = host.retention_days {
        line(&format!("--   retention: {} days", units::count(days)));
    }
    line(&format!(
        "--   fault tolerance: {}",
        if files.full_recovery {
            "log shipping (recovery model FULL)"
        } else {
            "none (recovery model SIMPLE)"
        }
    ));
    line("-- File sizes: the data file is the sized database in whole MB, at least 64 MB. [our assumption]");
    line("-- The log file starts at a quarter of the data file (at least 64 MB); the data file grows");
    line("-- by a tenth of its size and the log by a quarter, in whole 64 MB steps (at most 1,024 MB");
    line("-- and 512 MB). Review these before running: they are the planner's defaults, not the guidance's.");
    line("-- The files go to the instance's default data and log folders.");
    line("");
    line("SET NOCOUNT ON;");
    line("GO");
    line(&format!("CREATE DATABASE {db};"));
    line("GO");
    line(&format!(
        "ALTER DATABASE {db} MODIFY FILE (NAME = {data_file}, SIZE = {}MB, FILEGROWTH = {}MB);",
        files.data_mb, files.data_growth_mb
    ));
    line("GO");
    line(&format!(
        "ALTER DATABASE {db} MODIFY FILE (NAME = {log_file}, SIZE = {}MB, FILEGROWTH = {}MB);",
        files.log_mb, files.log_growth_mb
    ));
    line("GO");
    line(&format!(
        "ALTER DATABASE {db} SET RECOVERY {};",
        if files.full_recovery {
            "FULL"
        } else {
            "SIMPLE"
        }
    ));
    line("GO");
    if files.full_recovery {
        line("");
        line(
            "-- Log shipping: the steps after this script (SQL Server Management Studio, database",
        );
        line("-- Properties > Transaction Log Shipping, or the sp_add_log_shipping_* procedures):");
        line("--   1. Take a full backup of the database, then restore it on the secondary WITH NORECOVERY.");
        line("--   2. Share a backup folder that the primary writes and the secondary's agent reads.");
        line("--   3. On the primary, enable log shipping with a transaction log backup job.");
        line("--   4. On the secondary, add the copy and restore jobs; keep the restore delay within the");
        line("--      SQL Server outage the plan accepts.");
        line(
            "--   5. Optionally add a monitor server, and alert when a backup or restore is late.",
        );
        line("--   6. Document the failover: restore the last logs WITH RECOVERY on the secondary and point");
        line("--      each MED-V server's database connection at it.");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_double_every_closing_bracket() {
        assert_eq!(quote_identifier("MEDV"), "[MEDV]");
        assert_eq!(
            quote_identifier("]; DROP DATABASE x; --"),
            "[]]; DROP DATABASE x; --]"
        );
        assert_eq!(quote_identifier("a]]b"), "[a]]]]b]");
    }

    #[test]
    fn database_names_default_and_are_checked() {
        assert_eq!(database_name("  "), Ok(DEFAULT_DATABASE_NAME));
        assert_eq!(database_name(" Med V "), Ok("Med V"));
        assert!(database_name("a\nb").is_err());
        assert!(database_name(&"x".repeat(129)).is_err());
        assert_eq!(database_name(&"x".repeat(128)).map(str::len), Ok(128));
    }

    #[test]
    fn files_follow_the_rule() {
        // 2,925,000,000 B = 2,789.5 MB → 2,790 MB; log 698 MB; growth 320 MB and 192 MB.
        let f = file_plan(2_925_000_000.0, SqlFaultTolerance::LogShipping);
        assert_eq!(
            f,
            FilePlan {
                data_mb: 2790,
                data_growth_mb: 320,
                log_mb: 698,
                log_growth_mb: 192,
                full_recovery: true
            }
        );
        let tiny = file_plan(1.0, SqlFaultTolerance::None);
        assert_eq!(
            tiny,
            FilePlan {
                data_mb: 64,
                data_growth_mb: 64,
                log_mb: 64,
                log_growth_mb: 64,
                full_recovery: false
            }
        );
        let huge = file_plan(1e13, SqlFaultTolerance::None);
        assert_eq!(
            (huge.data_growth_mb, huge.log_growth_mb),
            (MAX_DATA_GROWTH_MB, MAX_LOG_GROWTH_MB)
        );
    }
}
