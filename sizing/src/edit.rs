//! Edits the editor makes to a plan as a whole row at a time: a fresh id, a
//! copy of an instance that never collides with the rows it copies, and moving
//! an instance. Pure, so the rules they keep are tested natively.

use crate::plan::{Console, Instance, Plan};
use crate::store::distinct_name;

/// A fresh id `prefix1`, `prefix2`… used by no instance and no SQL Server host.
pub fn fresh_id(plan: &Plan, prefix: &str) -> String {
    (1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| {
            !plan.instances.iter().any(|i| &i.id == id)
                && !plan.sql_hosts.iter().any(|h| &h.id == id)
        })
        .unwrap_or_else(|| prefix.to_string())
}

/// How the duplicate rules compare names: trimmed, case folded.
fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Inserts a copy of instance `i` right after it and returns its index. The
/// copy gets a fresh id, and its name, workspace names and console names are
/// made distinct ("Office 2003 (2)") from every name of the plan, so a copy
/// never trips `workspace-duplicate`, `console-duplicate` or `id-duplicate`.
pub fn duplicate_instance(plan: &mut Plan, i: usize) -> Option<usize> {
    let mut copy = plan.instances.get(i)?.clone();
    copy.id = fresh_id(plan, "i");
    let mut instance_names: Vec<String> = plan
        .instances
        .iter()
        .map(|x| key(x.display_name()))
        .collect();
    let mut workspace_names: Vec<String> = plan
        .instances
        .iter()
        .flat_map(|x| x.workspaces.iter().map(|w| key(&w.name)))
        .collect();
    let mut console_names: Vec<String> = plan
        .instances
        .iter()
        .flat_map(|x| x.consoles.iter().map(|c| key(&c.name)))
        .collect();
    let apart = |name: &str, taken: &mut Vec<String>| {
        if name.trim().is_empty() {
            return name.to_string();
        }
        let unique = distinct_name(name, |n| taken.contains(&key(n)));
        taken.push(key(&unique));
        unique
    };
    copy.name = apart(copy.display_name(), &mut instance_names);
    for w in &mut copy.workspaces {
        w.name = apart(&w.name, &mut workspace_names);
    }
    for c in &mut copy.consoles {
        c.name = apart(&c.name, &mut console_names);
    }
    plan.instances.insert(i + 1, copy);
    Some(i + 1)
}

/// Moves instance `from` to index `to` (clamped); the others keep their order.
pub fn move_instance(plan: &mut Plan, from: usize, to: usize) -> Option<usize> {
    if from >= plan.instances.len() {
        return None;
    }
    let row = plan.instances.remove(from);
    let to = to.min(plan.instances.len());
    plan.instances.insert(to, row);
    Some(to)
}

/// A new instance, named after its place, with the organization's standard
/// server RAM (F-RAM; when above F-SRV's 2 GB), one workspace and one console
/// like the organization's typical client (F-CON: the console should resemble
/// a typical client).
pub fn new_instance(plan: &Plan) -> Instance {
    let mut inst = Instance::new(fresh_id(plan, "i"), 1_000.0);
    inst.name = format!("Instance {}", plan.instances.len() + 1);
    // The organization's standard server, when it is larger than F-SRV's.
    if plan.standard_server_ram_gb.is_finite() && plan.standard_server_ram_gb >= inst.server.ram_gb
    {
        inst.server.ram_gb = plan.standard_server_ram_gb;
    }
    inst.workspaces.push(crate::plan::Workspace {
        name: format!("{} workspace", inst.name),
        ..Default::default()
    });
    let typical = &plan.typical_client;
    inst.consoles.push(Console {
        name: format!("{} console", inst.name),
        os: typical.os,
        ram_gb: typical.ram_gb,
        cpu_ghz: typical.cpu_ghz,
        ..Console::default()
    });
    inst
}

/// What "create the instances these sites need" did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SiteInstances {
    /// The new instances' names, in the order they were added.
    pub created: Vec<String>,
    /// Sites whose users were not given, so their need is unknown.
    pub without_users: Vec<String>,
    /// Sites without an id: no instance can name them as its site.
    pub without_id: Vec<String>,
    /// Instances not created because the plan reached its limit.
    pub over_limit: usize,
}

/// Adds, for every site with users, the instances it still needs: ⌈users /
/// 5,000⌉ (N1) less those whose clients are already at the site. The site's
/// users not yet served are shared evenly over them, rounded up. Each new
/// instance is named after its site ("London", or "London A", "London B" when
/// it needs several), has its clients, server and console at the site, the
/// organization's standard server RAM, and the plan's SQL Server host when the
/// plan has exactly one.
pub fn create_site_instances(plan: &mut Plan) -> SiteInstances {
    let mut done = SiteInstances::default();
    let only_host = match plan.sql_hosts.as_slice() {
        [h] => Some(h.id.clone()),
        _ => None,
    };
    let sites = plan.sites.clone();
    for site in &sites {
        if site.id.trim().is_empty() {
            done.without_id.push(site.display_name().to_string());
            continue;
        }
        let Some(users) = site.users.filter(|u| u.is_finite() && *u > 0.0) else {
            done.without_users.push(site.display_name().to_string());
            continue;
        };
        let (here, served) = plan
            .instances
            .iter()
            .filter(|x| x.clients_site == site.id)
            .fold((0usize, 0.0), |(n, c), x| {
                (n + 1, c + x.active_clients.max(0.0))
            });
        let needed = (users / crate::formulas::MAX_CLIENTS_PER_INSTANCE).ceil() as usize;
        let missing = needed.saturating_sub(here);
        let left = users - served;
        if missing == 0 || left <= 0.0 {
            continue;
        }
        let room = crate::limits::INSTANCES
            .max
            .saturating_sub(plan.instances.len());
        let adding = missing.min(room);
        done.over_limit += missing - adding;
        let each = (left / missing as f64).ceil();
        let lettered = needed > 1;
        for k in 0..adding {
            let base = if lettered {
                format!("{} {}", site.display_name(), letter(here + k))
            } else {
                site.display_name().to_string()
            };
            let taken: Vec<String> = plan
                .instances
                .iter()
                .map(|x| key(x.display_name()))
                .collect();
            let mut inst = new_instance(plan);
            let name = distinct_name(&base, |n| taken.contains(&key(n)));
            rename(&mut inst, &name);
            inst.active_clients = each.min(left - each * k as f64).max(1.0);
            inst.clients_site = site.id.clone();
            inst.server.site = site.id.clone();
            for c in &mut inst.consoles {
                c.site = site.id.clone();
            }
            if plan.standard_server_ram_gb.is_finite()
                && plan.standard_server_ram_gb >= inst.server.ram_gb
            {
                inst.server.ram_gb = plan.standard_server_ram_gb;
            }
            inst.sql_host = only_host.clone();
            done.created.push(name);
            plan.instances.push(inst);
        }
    }
    done
}

/// "A", "B", … "Z", "AA", "AB" …
fn letter(n: usize) -> String {
    let mut n = n + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Names an instance and the workspace and console `new_instance` gave it.
fn rename(inst: &mut Instance, name: &str) {
    inst.name = name.to_string();
    for w in &mut inst.workspaces {
        w.name = format!("{name} workspace");
    }
    for c in &mut inst.consoles {
        c.name = format!("{name} console");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;

    fn errors(plan: &Plan) -> Vec<&'static str> {
        analyze(plan)
            .findings
            .iter()
            .filter(|f| f.severity == crate::rules::Severity::Error)
            .map(|f| f.rule)
            .collect()
    }

    #[test]
    fn duplicating_never_creates_an_error() {
        let mut plan = crate::worked_example();
        assert_eq!(errors(&plan), Vec::<&str>::new());
        // Twice from the same source, and once from a copy.
        assert_eq!(duplicate_instance(&mut plan, 0), Some(1));
        assert_eq!(duplicate_instance(&mut plan, 0), Some(1));
        assert_eq!(duplicate_instance(&mut plan, 1), Some(2));
        assert_eq!(errors(&plan), Vec::<&str>::new());
        let names: Vec<&str> = plan.instances.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names[..4], ["HQ", "HQ (3)", "HQ (4)", "HQ (2)"]);
        assert_eq!(plan.instances[1].workspaces[0].name, "Office 2003 (3)");
        assert_eq!(plan.instances[3].consoles[0].name, "HQ console (2)");
        assert_eq!(duplicate_instance(&mut plan, 99), None);
    }

    #[test]
    fn names_are_compared_as_the_duplicate_rules_compare_them() {
        let mut plan = crate::worked_example();
        plan.instances[1].workspaces[0].name = " office 2003 (2) ".into();
        duplicate_instance(&mut plan, 0);
        assert_eq!(plan.instances[1].workspaces[0].name, "Office 2003 (3)");
        assert_eq!(errors(&plan), Vec::<&str>::new());
    }

    #[test]
    fn moving_keeps_every_other_row_in_order() {
        let mut plan = crate::worked_example();
        assert_eq!(move_instance(&mut plan, 0, 2), Some(2));
        let ids: Vec<&str> = plan.instances.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["branch", "lab", "hq"]);
        assert_eq!(move_instance(&mut plan, 2, 0), Some(0));
        assert_eq!(move_instance(&mut plan, 0, 99), Some(2));
        assert_eq!(move_instance(&mut plan, 7, 0), None);
    }

    #[test]
    fn a_new_instance_has_a_console_like_the_typical_client() {
        let mut plan = crate::worked_example();
        let inst = new_instance(&plan);
        assert_eq!(inst.id, "i1");
        assert_eq!(inst.consoles.len(), 1);
        assert_eq!(inst.consoles[0].ram_gb, plan.typical_client.ram_gb);
        plan.instances.push(inst);
        let report = analyze(&plan);
        assert!(!report
            .findings
            .iter()
            .any(|f| f.rule == "console-none" && f.subject == "i1"));
    }

    fn three_sites() -> Plan {
        let mut plan = Plan::default();
        for (id, name, users) in [
            ("london", "London", 6_000.0),
            ("paris", "Paris", 4_000.0),
            ("lisbon", "Lisbon", 2_000.0),
        ] {
            let mut s = crate::plan::Site::new(id);
            s.name = name.into();
            s.users = Some(users);
            plan.sites.push(s);
        }
        plan.sql_hosts.push(crate::plan::SqlHost::new("sql1"));
        plan
    }

    #[test]
    fn sites_get_the_instances_they_need() {
        let mut plan = three_sites();
        let done = create_site_instances(&mut plan);
        assert_eq!(done.created, ["London A", "London B", "Paris", "Lisbon"]);
        let rows: Vec<(&str, f64, &str, &str)> = plan
            .instances
            .iter()
            .map(|x| {
                (
                    x.name.as_str(),
                    x.active_clients,
                    x.clients_site.as_str(),
                    x.server.site.as_str(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("London A", 3_000.0, "london", "london"),
                ("London B", 3_000.0, "london", "london"),
                ("Paris", 4_000.0, "paris", "paris"),
                ("Lisbon", 2_000.0, "lisbon", "lisbon"),
            ]
        );
        assert!(plan
            .instances
            .iter()
            .all(|x| x.sql_host.as_deref() == Some("sql1")));
        assert!(plan
            .instances
            .iter()
            .all(|x| x.consoles[0].site == x.clients_site));
        let report = analyze(&plan);
        assert_eq!(errors(&plan), Vec::<&str>::new(), "{:?}", report.findings);
        assert!(report
            .sites
            .iter()
            .all(|s| s.instances_needed == Some(s.instances_planned as f64)));
        // Run again: every site has what it needs, nothing is added.
        assert_eq!(
            create_site_instances(&mut plan).created,
            Vec::<String>::new()
        );
        assert_eq!(plan.instances.len(), 4);
    }

    #[test]
    fn only_the_missing_instances_and_users_are_added() {
        let mut plan = three_sites();
        plan.sites[0].users = Some(12_500.0);
        plan.sites[2].users = None;
        let mut first = Instance::new("mine", 4_000.0);
        first.name = "London A".into();
        first.clients_site = "london".into();
        plan.instances.push(first);
        let done = create_site_instances(&mut plan);
        // London needs 3 and has 1: 8,500 users left over 2 instances.
        assert_eq!(done.created, ["London B", "London C", "Paris"]);
        assert_eq!(done.without_users, ["Lisbon"]);
        assert_eq!(plan.instances[1].active_clients, 4_250.0);
        assert_eq!(plan.instances[2].active_clients, 4_250.0);
        // A site without an id cannot be named by an instance: it gets none, ever.
        let mut nameless = three_sites();
        nameless.sites[1].id = String::new();
        let done = create_site_instances(&mut nameless);
        assert_eq!(done.without_id, ["Paris"]);
        assert_eq!(done.created, ["London A", "London B", "Lisbon"]);
        assert_eq!(
            create_site_instances(&mut nameless).created,
            Vec::<String>::new()
        );
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
    }
}
