//! Rules on each instance's MED-V server: the recommended form factor (F-SRV),
//! the organization's standard (F-RAM), what a co-located SQL Server adds,
//! one active server (F-ACT), supported OS (F-OS), virtual machines (F-VM),
//! placement.

use crate::fields::{InstanceField, PlanField};
use crate::formulas as f;
use crate::plan::{Choice, ServerForm};
use crate::rules::define_rules;
use crate::units::{bytes, count, iops_read as iops};

use super::super::math::opt_text;
use super::super::Cx;
use super::{plural, Facts, Inst};

define_rules! {
    SERVER_RULES;
    SERVER_CPU_SLOW = "server-cpu-slow", Warning, "Server CPU below the recommended 2.8 GHz", "F-SRV: DSI, Form Factor";
    SERVER_TOO_FEW_CORES = "server-too-few-cores", Warning, "Server with fewer than 2 cores", "F-SRV: DSI, Form Factor";
    SERVER_RAM_LOW = "server-ram-low", Warning, "Server RAM below the recommended 2 GB", "F-SRV: DSI, Form Factor";
    SERVER_RAM_BELOW_STANDARD = "server-ram-below-standard", Warning, "Server RAM below the organization's standard form factor", "F-RAM: DSI, Form Factor";
    SERVER_UNDERSIZED = "server-undersized", Warning, "The server as entered is below the form factor the plan needs with the SQL Server it runs", "DSI: Form Factor, \"add resources for the SQL Server load\"";
    SERVER_MULTIPLE_ACTIVE = "server-multiple-active", Error, "More than one active MED-V server in an instance", "F-ACT: DSI, Fault Tolerance";
    SERVER_OS_UNSUPPORTED = "server-os-unsupported", Warning, "Server OS not in MED-V 1.0 SP1's supported configurations", "F-OS: med-v-10-sp1-supported-configurations";
    SERVER_VIRTUAL_MACHINE = "server-virtual-machine", Info, "A Hyper-V VM needs CPU and memory equivalent to a physical server", "F-VM: DSI, Form Factor";
    SERVER_CO_LOCATED_SQL = "server-co-located-sql", Info, "SQL Server runs on this MED-V server: add its load to the form factor", "DSI: Design and Place the SQL Server Database, Form Factor";
    SERVER_PLACEMENT = "server-placement", Info, "No site given for the server: place it where clients have the most bandwidth", "DSI: Design and Place the Server";
    SERVER_AWAY_FROM_CLIENTS = "server-away-from-clients", Warning, "The MED-V server stands at another site than its clients", "DSI: Design and Place the Server, \"the most available bandwidth and the most robust links to its clients\"";
}

pub(super) fn check(facts: &Facts, x: &Inst, cx: &mut Cx) {
    recommendation(x, cx);
    below_standard(facts, x, cx);
    undersized(x, cx);
    one_active(x, cx);
    os(x, cx);
    virtual_machine(x, cx);
    co_located_sql(x, cx);
    placement(x, cx);
    away_from_clients(facts, x, cx);
}

/// F-SRV: one 2.8 GHz dual-core CPU, 2 GB RAM.
fn recommendation(x: &Inst, cx: &mut Cx) {
    let name = x.name;
    if let Some(ghz) = x
        .valid
        .num(InstanceField::ServerCpuGhz)
        .filter(|g| *g < f::RECOMMENDED_CPU_GHZ)
    {
        cx.push(
            SERVER_CPU_SLOW,
            &x.who,
            x.path(InstanceField::ServerCpuGhz),
            format!(
                "{name}'s server CPU is {} GHz; MED-V recommends 2.8 GHz.",
                count(ghz)
            ),
        );
    }
    if let Some(cores) = x
        .valid
        .num(InstanceField::ServerCores)
        .filter(|c| *c < f::RECOMMENDED_CORES)
    {
        cx.push(
            SERVER_TOO_FEW_CORES,
            &x.who,
            x.path(InstanceField::ServerCores),
            format!(
                "{name}'s server has {}; MED-V recommends a dual-core CPU.",
                plural(cores, "core", "cores")
            ),
        );
    }
    if let Some(ram) = x
        .valid
        .num(InstanceField::ServerRamGb)
        .filter(|r| *r < f::RECOMMENDED_RAM_GB)
    {
        cx.push(
            SERVER_RAM_LOW,
            &x.who,
            x.path(InstanceField::ServerRamGb),
            format!(
                "{name}'s server has {} GB of RAM; MED-V recommends 2 GB.",
                count(ram)
            ),
        );
    }
}

/// F-RAM: match the organization's standard form factor.
fn below_standard(facts: &Facts, x: &Inst, cx: &mut Cx) {
    let (Some(ram), Some(standard)) = (
        x.valid.num(InstanceField::ServerRamGb),
        facts.vp.num(PlanField::StandardServerRamGb),
    ) else {
        return;
    };
    if ram < standard && ram >= f::RECOMMENDED_RAM_GB {
        cx.push(SERVER_RAM_BELOW_STANDARD, &x.who, x.path(InstanceField::ServerRamGb), format!("{}'s server has {} GB of RAM, below the organization's standard of {} GB (Standard server RAM): match the standard form factor.", x.name, count(ram), count(standard)));
    }
}

/// The server as entered against the form factor the plan needs, when a
/// co-located SQL Server makes that more than the plain recommendation (the
/// recommendation itself is checked by the rules above).
fn undersized(x: &Inst, cx: &mut Cx) {
    let ff = &x.report.server_form_factor;
    if !ff.hosts_sql_server {
        return;
    }
    let mut short = Vec::new();
    let mut field = None;
    if let (Some(have), Some(need)) = (x.valid.num(InstanceField::ServerCores), ff.cores) {
        if have < need {
            short.push(format!(
                "{} where it needs {}",
                plural(have, "core", "cores"),
                count(need)
            ));
            field = field.or(x.path(InstanceField::ServerCores));
        }
    }
    if let (Some(have), Some(need)) = (x.valid.num(InstanceField::ServerRamGb), ff.ram_gb) {
        if have < need {
            short.push(format!(
                "{} GB of RAM where it needs {} GB",
                count(have),
                count(need)
            ));
            field = field.or(x.path(InstanceField::ServerRamGb));
        }
    }
    if short.is_empty() {
        return;
    }
    cx.push(
        SERVER_UNDERSIZED,
        &x.who,
        field,
        format!(
            "{}'s server is entered with {}: it also runs SQL Server for {}, whose resources add to the MED-V recommendation. Scale it up to the planned form factor.",
            x.name,
            short.join(" and "),
            plural(ff.sql_databases_served as f64, "database", "databases"),
        ),
    );
}

fn one_active(x: &Inst, cx: &mut Cx) {
    if let Some(n) = x
        .valid
        .num(InstanceField::ServerActiveServers)
        .filter(|n| *n > 1.0)
    {
        cx.push(SERVER_MULTIPLE_ACTIVE, &x.who, x.path(InstanceField::ServerActiveServers), format!("{} has {} active MED-V servers; an instance has exactly one (MSCS is not supported). Use a passive backup instead.", x.name, count(n)));
    }
}

fn os(x: &Inst, cx: &mut Cx) {
    let os = x.src.server.os;
    if !os.supported() {
        cx.push(SERVER_OS_UNSUPPORTED, &x.who, x.path(InstanceField::ServerOs), format!("{}'s server runs {}, which MED-V 1.0 SP1 does not list (Windows Server 2008 SP1/SP2 or 2008 R2, Standard or Enterprise).", x.name, os.label()));
    }
}

fn virtual_machine(x: &Inst, cx: &mut Cx) {
    if x.src.server.form == ServerForm::HyperVVm {
        let ff = &x.report.server_form_factor;
        cx.push(SERVER_VIRTUAL_MACHINE, &x.who, x.path(InstanceField::ServerForm), format!("{}'s server is a Hyper-V VM: reserve CPU and memory equivalent to the planned physical server ({} GHz, {}, {} GB).", x.name, count(ff.cpu_ghz), opt_text(ff.cores, |c| plural(c, "core", "cores")), opt_text(ff.ram_gb, count)));
    }
}

fn co_located_sql(x: &Inst, cx: &mut Cx) {
    let ff = &x.report.server_form_factor;
    if ff.hosts_sql_server {
        cx.push(
            SERVER_CO_LOCATED_SQL,
            &x.who,
            x.path(InstanceField::SqlHost),
            format!(
                "{}'s MED-V server also runs SQL Server for {}: add its load — {} of database, {} IOPS — to the form factor (planned: {}, {} GB RAM, {} of disk).",
                x.name,
                plural(ff.sql_databases_served as f64, "database", "databases"),
                opt_text(ff.sql_database_bytes, bytes),
                opt_text(ff.sql_total_iops, iops),
                opt_text(ff.cores, |c| plural(c, "core", "cores")),
                opt_text(ff.ram_gb, count),
                opt_text(ff.disk_bytes, bytes)
            ),
        );
    }
}

fn placement(x: &Inst, cx: &mut Cx) {
    if x.src.server.site.trim().is_empty() {
        cx.push(SERVER_PLACEMENT, &x.who, x.path(InstanceField::ServerSite), format!("No site is given for {}'s server: place it where its clients have the most available bandwidth and the most robust links.", x.name));
    }
}

/// The server belongs where its clients are: name the link they cross.
fn away_from_clients(facts: &Facts, x: &Inst, cx: &mut Cx) {
    let sites = facts.sites;
    let (Some(server), Some(clients)) = (sites.server_site(x.i), sites.clients_site(x.i)) else {
        return;
    };
    if server == clients {
        return;
    }
    let link = sites.link(server, clients);
    let bandwidth = link
        .and_then(|k| facts.vp.link(k, crate::fields::SiteLinkField::Mbps))
        .map_or("bandwidth not given".to_string(), |m| {
            format!("{} Mbit/s", count(m))
        });
    let field = match link {
        Some(k) => Some(crate::path::FieldPath::SiteLink(
            k,
            crate::fields::SiteLinkField::Mbps,
        )),
        None => x.path(InstanceField::ServerSite),
    };
    cx.push(SERVER_AWAY_FROM_CLIENTS, &x.who, field, format!("{}'s clients are at {} but its MED-V server is at {}: every client crosses the {} link ({bandwidth}). Place the server where its clients have the most bandwidth, or give the link.", x.name, sites.name(clients), sites.name(server), sites.link_name(clients, server)));
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::plan::*;

    /// A bend of the clean plan that triggers each rule of this area.
    const TRIGGER: &[Case] = &[
        ("server-cpu-slow", |p| inst(p).server.cpu_ghz = 2.0),
        ("server-too-few-cores", |p| inst(p).server.cores = 1.0),
        ("server-ram-low", |p| inst(p).server.ram_gb = 1.0),
        ("server-ram-below-standard", |p| {
            p.standard_server_ram_gb = 4.0
        }),
        ("server-undersized", |p| {
            p.sql_hosts[0].placement = Placement::CoLocated;
            p.sql_hosts[0].co_located_with = Some("a".into());
        }),
        ("server-multiple-active", |p| {
            inst(p).server.active_servers = 2.0
        }),
        ("server-os-unsupported", |p| {
            inst(p).server.os = ServerOs::WindowsServer2012OrLater
        }),
        ("server-virtual-machine", |p| {
            inst(p).server.form = ServerForm::HyperVVm
        }),
        ("server-co-located-sql", |p| inst(p).sql_host = None),
        ("server-placement", |p| inst(p).server.site = "  ".into()),
        ("server-away-from-clients", |p| {
            p.sites.push(Site::new("dc1"));
            p.sites.push(Site::new("paris"));
            inst(p).server.site = "dc1".into();
            inst(p).clients_site = "paris".into();
        }),
    ];

    /// A near miss for each rule: the edge of its threshold, or the same
    /// situation with the one thing that makes it safe.
    const SILENT: &[Case] = &[
        ("server-cpu-slow", |p| inst(p).server.cpu_ghz = 2.8),
        ("server-too-few-cores", |p| inst(p).server.cores = 2.0),
        ("server-ram-low", |p| inst(p).server.ram_gb = 2.0),
        ("server-ram-below-standard", |p| {
            p.standard_server_ram_gb = 4.0;
            inst(p).server.ram_gb = 4.0;
        }),
        ("server-undersized", |p| {
            p.sql_hosts[0].placement = Placement::CoLocated;
            p.sql_hosts[0].co_located_with = Some("a".into());
            inst(p).server.cores = 4.0;
            inst(p).server.ram_gb = 4.0;
        }),
        ("server-multiple-active", |p| {
            inst(p).server.active_servers = 1.0
        }),
        ("server-os-unsupported", |p| {
            inst(p).server.os = ServerOs::WindowsServer2008X86
        }),
        ("server-virtual-machine", |p| {
            inst(p).server.form = ServerForm::Physical
        }),
        ("server-co-located-sql", |p| {
            p.sql_hosts[0].placement = Placement::Remote;
            p.sql_hosts[0].link_mbps = Some(100.0);
        }),
        ("server-placement", |p| inst(p).server.site = "Paris".into()),
        ("server-away-from-clients", |p| {
            p.sites.push(Site::new("dc1"));
            inst(p).server.site = "dc1".into();
            inst(p).clients_site = "dc1".into();
        }),
    ];

    #[test]
    fn each_rule_triggers_and_has_a_silent_near_miss() {
        check_area(super::SERVER_RULES, TRIGGER, SILENT);
    }
}
