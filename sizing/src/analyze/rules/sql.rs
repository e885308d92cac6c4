//! Rules on SQL Server hosts: placement and references (F-DBP), supported
//! versions (F-OS), Express's limits (F-EXP), remote links, shared databases
//! (H1), log shipping (F-LS), an existing instance's load (§6).

use crate::assumptions::Key;
use crate::fields::{HostField, InstanceField};
use crate::formulas as f;
use crate::path::FieldPath;
use crate::plan::{Choice, DataLoss, Placement, SqlEdition, SqlFaultTolerance};
use crate::report::HostReport;
use crate::rules::define_rules;
use crate::units::{bytes, count, grouped, iops_read as iops};

use super::super::host::Slot;
use super::super::math::opt_text;
use super::super::validate::ValidHost;
use super::super::{Cx, Subject};
use super::{plural, Facts};

define_rules! {
    SQL_RULES;
    SQL_HOST_UNKNOWN = "sql-host-unknown", Error, "An instance names a SQL Server host that is not in the plan", "Plan format (docs/plan-format.md)";
    SQL_CO_LOCATED_TARGET = "sql-co-located-target", Error, "A co-located SQL Server host does not name a known instance", "F-DBP: DSI";
    SQL_HOST_UNUSED = "sql-host-unused", Info, "A SQL Server host holds no instance's database", "F-DBP: DSI";
    SQL_VERSION_UNSUPPORTED = "sql-version-unsupported", Warning, "SQL Server version not listed as supported (2005 SP2 and 2008 are)", "F-OS: med-v-10-sp1-supported-configurations";
    SQL_EXPRESS_SIZE = "sql-express-size", Warning, "SQL Server Express with a database over its 4 GB cap", "F-EXP: SQL Server editions (ms143685)";
    SQL_EXPRESS_LOG_SHIPPING = "sql-express-log-shipping", Error, "Log shipping chosen on SQL Server Express, which has no SQL Server Agent", "F-EXP, F-LS";
    SQL_REMOTE_LINK = "sql-remote-link", Warning, "Remote SQL Server over a link slower than the threshold or the estimated traffic, or of unknown speed", "DSI: Design and Place the SQL Server Database";
    SQL_SHARED_DATABASE = "sql-shared-database", Info, "A SQL Server host holds several instances' databases", "F-DBP: DSI, Form Factor (SQL Server 2008 IPD guide)";
    SQL_RETENTION_MISMATCH = "sql-retention-mismatch", Warning, "Instances sharing a SQL Server host keep events for different numbers of days", "F-DBP, F-RET; H1";
    SQL_CO_LOCATED_SHARED = "sql-co-located-shared", Warning, "A SQL Server on one MED-V server also holds other instances' databases: scale that server up", "DSI: Design and Place the SQL Server Database, Form Factor (SQL Server 2008 IPD guide)";
    SQL_NO_LOG_SHIPPING = "sql-no-log-shipping", Warning, "No log shipping where losing SQL Server data is not acceptable", "F-LS: DSI, Fault Tolerance; Define the Project Scope";
    SQL_OUTAGE_EXCEEDS_SERVICE_LEVEL = "sql-outage-exceeds-service-level", Warning, "Expected SQL Server recovery takes longer than the outage the organization accepts", "F-LS: DSI, Fault Tolerance; Define the Project Scope";
    SITE_LINK_SLOW = "site-link-slow", Warning, "An instance's database is at another site, over a link slower than it needs or of unknown speed", "DSI: Design and Place the SQL Server Database; §6";
    SQL_EXISTING_LOAD_UNKNOWN = "sql-existing-load-unknown", Info, "An existing SQL Server instance whose current size or IOPS is not given", "DSI: install into an existing SQL Server instance; §6";
}

/// One plan host as the rules see it.
struct Host<'a> {
    valid: &'a ValidHost<'a>,
    h: usize,
    slot: &'a Slot<'a>,
    report: &'a HostReport,
    who: Subject,
}

impl Host<'_> {
    fn path(&self, f: HostField) -> Option<FieldPath> {
        Some(FieldPath::Host(self.h, f))
    }
    fn name(&self) -> &str {
        &self.report.name
    }
}

pub(super) fn check(facts: &Facts, cx: &mut Cx) {
    unknown_hosts(facts, cx);
    site_links(facts, cx);
    for (slot, report) in facts.layout.slots.iter().zip(facts.hosts) {
        // Implicit hosts have no fields to change: only plan hosts get advice.
        let Some((h, valid)) = slot.plan else {
            continue;
        };
        let host = Host {
            valid,
            h,
            slot,
            report,
            who: Subject::host(&report.id, &report.name),
        };
        unused(&host, cx);
        co_located_target(&host, cx);
        version(&host, cx);
        express(&host, cx);
        remote_link(facts, &host, cx);
        shared(facts, &host, cx);
        retention(facts, &host, cx);
        co_located_shared(facts, &host, cx);
        no_log_shipping(facts, &host, cx);
        sql_service_level(facts, &host, cx);
        existing_load(&host, cx);
    }
}

fn unknown_hosts(facts: &Facts, cx: &mut Cx) {
    for x in facts.each_instance() {
        if x.src.sql_host.is_some() && facts.layout.slot_of[x.i].is_none() {
            cx.push(
                SQL_HOST_UNKNOWN,
                &x.who,
                x.path(InstanceField::SqlHost),
                format!(
                    "{} keeps its database on SQL Server host \"{}\", which is not in the plan.",
                    x.name,
                    x.src.sql_host.as_deref().unwrap_or_default()
                ),
            );
        }
    }
}

fn unused(host: &Host, cx: &mut Cx) {
    if host.slot.members.is_empty() {
        cx.push(
            SQL_HOST_UNUSED,
            &host.who,
            host.path(HostField::Id),
            format!(
                "SQL Server host {} holds no instance's database.",
                host.name()
            ),
        );
    }
}

fn co_located_target(host: &Host, cx: &mut Cx) {
    let src = host.valid.src;
    if src.placement != Placement::CoLocated || host.slot.on_server.is_some() {
        return;
    }
    let name = host.name();
    cx.push(SQL_CO_LOCATED_TARGET, &host.who, host.path(HostField::CoLocatedWith), match &src.co_located_with {
        None => format!("SQL Server host {name} is placed on a MED-V server but does not say which instance's."),
        Some(id) => format!("SQL Server host {name} is placed on the MED-V server of instance \"{id}\", which is not in the plan."),
    });
}

fn version(host: &Host, cx: &mut Cx) {
    let v = host.valid.src.version;
    if !v.supported() {
        cx.push(SQL_VERSION_UNSUPPORTED, &host.who, host.path(HostField::Version), format!("SQL Server host {} runs {}; MED-V 1.0 SP1 lists SQL Server 2005 SP2 and 2008 (Express, Standard, Enterprise).", host.name(), v.label()));
    }
}

fn express(host: &Host, cx: &mut Cx) {
    let src = host.valid.src;
    if src.edition != SqlEdition::Express {
        return;
    }
    if let Some(db) = host
        .report
        .database_bytes
        .filter(|b| *b > f::EXPRESS_DATABASE_CAP_BYTES)
    {
        cx.push(SQL_EXPRESS_SIZE, &host.who, host.path(HostField::Edition), format!("SQL Server host {} is Express, capped at 4 GB per database (and 1 GB of memory), but its MED-V database is sized at {}: use Standard or Enterprise.", host.name(), bytes(db)));
    }
    if src.fault_tolerance == SqlFaultTolerance::LogShipping {
        cx.push(SQL_EXPRESS_LOG_SHIPPING, &host.who, host.path(HostField::FaultTolerance), format!("SQL Server host {} is Express, which has no SQL Server Agent, so it cannot ship logs: choose Standard or Enterprise for log shipping, or no log shipping.", host.name()));
    }
}

fn remote_link(facts: &Facts, host: &Host, cx: &mut Cx) {
    // A host with a site is judged per instance, across the links between sites.
    if host.valid.src.placement != Placement::Remote || host.report.site.is_some() {
        return;
    }
    let name = host.name();
    let threshold = facts.vp.base.get(Key::MinRemoteLinkMbps);
    let traffic = host.report.traffic_mbps;
    let need = match (threshold, traffic) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let field = host.path(HostField::LinkMbps);
    match (host.valid.src.link_mbps, host.valid.num(HostField::LinkMbps), need) {
        (None, _, _) => cx.push(SQL_REMOTE_LINK, &host.who, field, format!("SQL Server host {name} is remote but the link's available bandwidth is not given: reports may be slow and stale over a slow link (estimated database traffic {} Mbit/s).", opt_text(traffic, |t| grouped(t, 3)))),
        (Some(_), Some(link), Some(need)) if link < need => cx.push(SQL_REMOTE_LINK, &host.who, field, format!("SQL Server host {name} is remote over a {} Mbit/s link, below the {} Mbit/s planned minimum (threshold {} Mbit/s, estimated database traffic {} Mbit/s): reports may be slow to load and miss the latest client data.", count(link), grouped(need, 3), opt_text(threshold, count), opt_text(traffic, |t| grouped(t, 3)))),
        _ => {}
    }
}

fn shared(facts: &Facts, host: &Host, cx: &mut Cx) {
    let members = &host.slot.members;
    if members.len() > 1 {
        cx.push(SQL_SHARED_DATABASE, &host.who, host.path(HostField::Id), format!("SQL Server host {} holds the databases of {} instances ({}): reports include all of their events, and the server must be scaled up per the SQL Server 2008 guidance — {} of data, {} IOPS to plan for.", host.name(), members.len(), facts.names(members), opt_text(host.report.database_bytes, bytes), opt_text(host.report.total_iops, iops)));
    }
}

/// H1: one database keeps every event for the longest retention asked.
fn retention(facts: &Facts, host: &Host, cx: &mut Cx) {
    let members = &host.slot.members;
    let days: Vec<(usize, f64)> = members
        .iter()
        .filter_map(|&i| {
            facts.vp.instances[i]
                .value(Key::RetentionDays)
                .map(|d| (i, d))
        })
        .collect();
    if days.len() < 2 || days.iter().all(|(_, d)| *d == days[0].1) {
        return;
    }
    let listed = days
        .iter()
        .map(|&(i, d)| {
            format!(
                "{} {}",
                facts.vp.plan.instances[i].display_name(),
                plural(d, "day", "days")
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    cx.push(SQL_RETENTION_MISMATCH, &host.who, host.path(HostField::Id), format!("Instances sharing SQL Server host {} ask for different retention ({listed}): one database keeps every event for the longest, {}, and is sized for it ({}). Set one \"Clear data older than\" value on every instance that shares it.", host.name(), opt_text(host.report.retention_days, |d| plural(d, "day", "days")), opt_text(host.report.database_bytes, bytes)));
}

fn co_located_shared(facts: &Facts, host: &Host, cx: &mut Cx) {
    let members = &host.slot.members;
    let Some(server) = host.slot.on_server else {
        return;
    };
    let others = members.iter().filter(|&&i| i != server).count();
    if others == 0 {
        return;
    }
    let ff = &facts.instances[server].server_form_factor;
    let owner = facts.vp.plan.instances[server].display_name();
    cx.push(SQL_CO_LOCATED_SHARED, &host.who, Some(FieldPath::Instance(server, InstanceField::ServerRamGb)), format!("SQL Server host {} runs on {owner}'s MED-V server and also holds the databases of {} ({}): the guidance allows it; scale that server up for every database it serves (SQL Server 2008 IPD guide) — planned: {}, {} GB RAM.", host.name(), plural(others as f64, "other instance", "other instances"), facts.names(members), opt_text(ff.cores, |c| plural(c, "core", "cores")), opt_text(ff.ram_gb, count)));
}

/// Log shipping where the organization does not accept losing SQL Server data.
fn no_log_shipping(facts: &Facts, host: &Host, cx: &mut Cx) {
    let src = host.valid.src;
    if host.slot.members.is_empty()
        || src.fault_tolerance == SqlFaultTolerance::LogShipping
        || facts.vp.plan.service_levels.sql_data_loss != DataLoss::NotAcceptable
    {
        return;
    }
    if src.edition == SqlEdition::Express {
        cx.push(SQL_NO_LOG_SHIPPING, &host.who, host.path(HostField::Edition), format!("Losing SQL Server data is not acceptable, but SQL Server host {} is Express, which cannot ship logs: move it to SQL Server Standard or Enterprise and ship logs to a second instance.", host.name()));
    } else {
        cx.push(SQL_NO_LOG_SHIPPING, &host.who, host.path(HostField::FaultTolerance), format!("Losing SQL Server data is not acceptable, but SQL Server host {} has no log shipping: ship logs to a second SQL Server instance for a warm standby without data loss (needs SQL Server Agent, full or bulk-logged recovery, manual failover).", host.name()));
    }
}

/// The SQL Server outage the organization accepts against what the chosen
/// fault tolerance gives.
fn sql_service_level(facts: &Facts, host: &Host, cx: &mut Cx) {
    let accepted = facts.vp.num(crate::fields::PlanField::MaxSqlOutageHours);
    let (Some(recovery), Some(accepted)) = (host.report.recovery_hours, accepted) else {
        return;
    };
    if recovery > accepted && !host.slot.members.is_empty() {
        let with = match host.valid.src.fault_tolerance {
            SqlFaultTolerance::LogShipping => "with log shipping (manual failover)",
            SqlFaultTolerance::None => "without log shipping (a restore from backup)",
        };
        cx.push(SQL_OUTAGE_EXCEEDS_SERVICE_LEVEL, &host.who, host.path(HostField::FaultTolerance), format!("SQL Server host {} is expected to be back {with} after {}, longer than the {} SQL Server outage the organization accepts: meanwhile events back up on clients and reports are unavailable.", host.name(), crate::units::hours(recovery), crate::units::hours(accepted)));
    }
}

/// §6: a database at another site than its MED-V server crosses the link
/// between them; judged per instance.
fn site_links(facts: &Facts, cx: &mut Cx) {
    for x in facts.each_instance() {
        let Some(link) = &x.report.remote_link else {
            continue;
        };
        let sites = facts.sites;
        let (Some(from), Some(to)) = (sites.find(&link.from_site), sites.find(&link.to_site))
        else {
            continue;
        };
        let field = match sites.link(from, to) {
            Some(k) => Some(FieldPath::SiteLink(k, crate::fields::SiteLinkField::Mbps)),
            None => x.path(InstanceField::SqlHost),
        };
        let route = sites.link_name(from, to);
        let need = opt_text(link.needed_mbps, |t| {
            crate::units::trim_zeros(grouped(t, 3))
        });
        match (link.mbps, link.needed_mbps) {
            (None, _) => cx.push(SITE_LINK_SLOW, &x.who, field, format!("{}'s database is across the {route} link, whose bandwidth is not given: it needs at least {need} Mbit/s, or reports will be slow and stale.", x.name)),
            (Some(have), Some(needed)) if have < needed => cx.push(SITE_LINK_SLOW, &x.who, field, format!("{}'s database is across the {route} link: {} Mbit/s is below the {need} Mbit/s it needs (the threshold, its database traffic and, when given, one report within the staleness accepted); reports will be slow and miss the latest client data.", x.name, count(have))),
            _ => {}
        }
    }
}

/// §6: an existing instance's current load belongs in the host totals.
fn existing_load(host: &Host, cx: &mut Cx) {
    let src = host.valid.src;
    if !src.existing_instance {
        return;
    }
    let missing: Vec<(&str, HostField)> = [
        (
            "database size",
            HostField::ExistingDatabaseGb,
            src.existing_database_gb,
        ),
        ("IOPS", HostField::ExistingIops, src.existing_iops),
    ]
    .into_iter()
    .filter(|(_, _, v)| v.is_none())
    .map(|(what, f, _)| (what, f))
    .collect();
    if let Some(&(_, field)) = missing.first() {
        let what: Vec<&str> = missing.iter().map(|(w, _)| *w).collect();
        cx.push(SQL_EXISTING_LOAD_UNKNOWN, &host.who, host.path(field), format!("SQL Server host {} is an existing SQL Server instance, but its current {} is not given: the host totals count only MED-V's database. Enter what it already carries.", host.name(), what.join(" and ")));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::plan::*;

    /// A bend of the clean plan that triggers each rule of this area.
    const TRIGGER: &[Case] = &[
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
        ("sql-outage-exceeds-service-level", |p| {
            p.service_levels.max_sql_outage_hours = Some(0.5)
        }),
        ("site-link-slow", |p| {
            p.sites.push(Site::new("dc1"));
            p.sites.push(Site::new("paris"));
            p.site_links.push(SiteLink {
                a: "dc1".into(),
                b: "paris".into(),
                mbps: Some(2.0),
            });
            inst(p).server.site = "dc1".into();
            p.sql_hosts[0].site = "paris".into();
        }),
    ];

    /// A near miss for each rule: the edge of its threshold, or the same
    /// situation with the one thing that makes it safe.
    const SILENT: &[Case] = &[
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
            // The organization accepts losing SQL Server data.
            p.service_levels.sql_data_loss = DataLoss::Acceptable;
            p.sql_hosts[0].fault_tolerance = SqlFaultTolerance::None;
        }),
        ("sql-existing-load-unknown", |p| {
            p.sql_hosts[0].existing_instance = true;
            p.sql_hosts[0].existing_database_gb = Some(10.0);
            p.sql_hosts[0].existing_iops = Some(40.0);
        }),
        ("sql-outage-exceeds-service-level", |p| {
            p.service_levels.max_sql_outage_hours = Some(1.0)
        }),
        ("site-link-slow", |p| {
            p.sites.push(Site::new("dc1"));
            p.sites.push(Site::new("paris"));
            p.site_links.push(SiteLink {
                a: "paris".into(),
                b: "dc1".into(),
                mbps: Some(100.0),
            });
            inst(p).server.site = "dc1".into();
            p.sql_hosts[0].site = "paris".into();
        }),
    ];

    #[test]
    fn each_rule_triggers_and_has_a_silent_near_miss() {
        check_area(super::SQL_RULES, TRIGGER, SILENT);
    }
}
