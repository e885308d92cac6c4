//! One formula, one function. Ids (W1, D1, …) are those of
//! `medv-domain.md` §3; each says whether its numbers are documented or ours.
//! Inputs are validated before they get here. Results are exact: figures are
//! rounded once, where they are reported (R1); pages are whole by nature.

/// Seconds in a day (P1).
pub const SECONDS_PER_DAY: f64 = 86_400.0;
/// Bytes in a SQL Server page, the unit of one read (P3).
pub const SQL_PAGE_BYTES: f64 = 8_192.0;
/// Concurrently active clients one instance supports (F-MAX, documented).
pub const MAX_CLIENTS_PER_INSTANCE: f64 = 5_000.0;
/// Share of [`MAX_CLIENTS_PER_INSTANCE`] from which an instance has no headroom (our rule).
pub const NEAR_LIMIT_FRACTION: f64 = 0.9;
/// The recommended MED-V server (F-SRV, documented).
pub const RECOMMENDED_CPU_GHZ: f64 = 2.8;
pub const RECOMMENDED_CORES: f64 = 2.0;
pub const RECOMMENDED_RAM_GB: f64 = 2.0;
/// SQL Server Express database size cap, 2005/2008 (F-EXP, secondary source).
pub const EXPRESS_DATABASE_CAP_BYTES: f64 = 4.0 * 1024.0 * 1024.0 * 1024.0;

/// W1 (DSI, documented): workspace XML storage on the server, n × x × 1,024 bytes.
pub fn workspace_storage_bytes(workspaces: f64, xml_kb: f64) -> f64 {
    (workspaces * xml_kb * 1024.0).round()
}

/// D1 (DSI, documented): records written per day, c × r.
pub fn records_per_day(clients: f64, events_per_day: f64) -> f64 {
    clients * events_per_day
}

/// D2 (DSI, documented): raw event bytes kept, c × r × s × d, unrounded.
pub fn database_raw_bytes(records_per_day: f64, event_bytes: f64, retention_days: f64) -> f64 {
    records_per_day * event_bytes * retention_days
}

/// D3 (DSI names the factors; the values and their product are our assumption):
/// D2 × (1 + e) × (1 + o), from the unrounded D2 (R1). Multiplied in percent
/// before dividing so that whole inputs stay exact.
pub fn database_bytes(raw_bytes: f64, burst_pct: f64, overhead_pct: f64) -> f64 {
    raw_bytes * (100.0 + burst_pct) * (100.0 + overhead_pct) / 10_000.0
}

/// P1 (DSI, documented) with P5: average write IOPS, c × r / 86,400 × IOs per
/// write (1 when "a write operation can be equated with a single IO").
pub fn write_iops(records_per_day: f64, ios_per_write: f64) -> f64 {
    records_per_day / SECONDS_PER_DAY * ios_per_write
}

/// P2 (our assumption): write IOPS with the error-burst allowance, P1 × (1 + e).
pub fn write_iops_with_burst(write_iops: f64, burst_pct: f64) -> f64 {
    write_iops * (100.0 + burst_pct) / 100.0
}

/// P3, reads one report makes (our model): every event of the report window in
/// the database it runs against, ⌈Σ (c × r × s) × w / 8,192⌉ pages, the sum over
/// every instance whose events that database stores.
pub fn reads_per_report(bytes_per_day_in_database: f64, window_days: f64) -> f64 {
    (bytes_per_day_in_database * window_days / SQL_PAGE_BYTES).ceil()
}

/// P3, reporting buffer (our model): consoles × reports per console per hour ×
/// reads per report / 3,600.
pub fn reporting_iops(consoles: f64, reports_per_hour: f64, reads_per_report: f64) -> f64 {
    consoles * reports_per_hour * reads_per_report / 3_600.0
}

/// B1 (arithmetic ours): events one client queues during an outage, r × H / 24.
pub fn backlog_events_per_client(events_per_day: f64, outage_hours: f64) -> f64 {
    events_per_day * outage_hours / 24.0
}

/// B2 (our assumption, a worst case): writes per second if every client flushes its
/// backlog within one send interval, c × (r × H / 24) / interval.
pub fn catch_up_writes_per_second(clients: f64, backlog_per_client: f64, interval_s: f64) -> f64 {
    clients * backlog_per_client / interval_s
}

/// T1, worst case (DSI + F-OFF, F-POL): the tolerated outage less one policy
/// refresh interval, never below zero.
pub fn worst_case_tolerated_hours(limit_hours: f64, policy_refresh_minutes: f64) -> f64 {
    (limit_hours - policy_refresh_minutes / 60.0).max(0.0)
}

/// N1 (documented): instances needed for `users`, ⌈U / 5,000⌉ plus one per reason
/// for a separate instance.
pub fn instances_needed(users: f64, separate_reasons: f64) -> f64 {
    (users / MAX_CLIENTS_PER_INSTANCE).ceil() + separate_reasons
}

/// Estimated traffic between MED-V and a remote SQL Server, in Mbit/s (our model):
/// burst writes of one event each (bytes written per second, summed over the
/// instances with their own event sizes) plus reporting reads of one page each.
pub fn database_traffic_mbps(write_bytes_per_second: f64, reporting_iops: f64) -> f64 {
    (write_bytes_per_second + reporting_iops * SQL_PAGE_BYTES) * 8.0 / 1_000_000.0
}

/// The bandwidth that carries one report's reads within the report staleness
/// the organization accepts (our model, §6): pages × 8 KB × 8 bits over the
/// minutes allowed, in Mbit/s.
pub fn report_within_mbps(pages_per_report: f64, staleness_minutes: f64) -> f64 {
    pages_per_report * SQL_PAGE_BYTES * 8.0 / (staleness_minutes * 60.0) / 1_000_000.0
}
