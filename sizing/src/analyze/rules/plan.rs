//! Rules on the plan as a whole and on each instance's size: format, ids,
//! instance count (N1), clients per instance (F-MAX), workspaces (F-WS1).

use std::collections::HashMap;

use crate::fields::{self, InstanceField, PlanField, SiteField, SiteLinkField, WorkspaceField};
use crate::formulas as f;
use crate::path::FieldPath;
use crate::plan::{PLAN_FORMAT, PLAN_VERSION};
use crate::report::{InstanceCount, Math, SiteReport, SubjectKind};
use crate::rules::define_rules;
use crate::units::{count, grouped};

use super::super::validate::ValidPlan;
use super::super::{Cx, Subject};
use super::{owners, plural, same_names, Facts, Inst};

define_rules! {
    PLAN_RULES;
    PLAN_FORMAT_RULE = "plan-format", Error, "The plan's format or version is not one this tool reads", "Plan format (docs/plan-format.md)";
    INVALID_VALUE = "invalid-value", Error, "A number is missing, not finite, out of range or not whole", "Plan format (docs/plan-format.md)";
    ID_INVALID = "id-invalid", Error, "An id is empty or uses characters other than letters, digits, - and _", "Plan format (docs/plan-format.md)";
    ID_DUPLICATE = "id-duplicate", Error, "Two instances or two SQL Server hosts share an id", "Plan format (docs/plan-format.md)";
    PLAN_NO_INSTANCES = "plan-no-instances", Warning, "The plan has no MED-V instance", "DSI: design the server infrastructure for each MED-V instance";
    INSTANCES_TOO_FEW = "instances-too-few", Warning, "Fewer instances than ⌈users / 5,000⌉ (per site, when sites give users) plus separate-instance reasons", "F-MAX: identify-the-number-of-med-v-instances; §6";
    SITE_UNKNOWN = "site-unknown", Error, "A site reference names no site of the plan", "Plan format (docs/plan-format.md)";
    SERVICE_LEVELS_UNSTATED = "service-levels-unstated", Info, "No service levels are given", "Define the Project Scope: service-level expectations";
    CLIENTS_OVER_LIMIT = "clients-over-limit", Error, "More than 5,000 active clients in one instance", "F-MAX: DSI, \"The maximum is 5,000\"";
    CLIENTS_NEAR_LIMIT = "clients-near-limit", Warning, "90 % or more of the 5,000-client limit: no headroom", "F-MAX: DSI";
    INSTANCE_NO_CLIENTS = "instance-no-clients", Warning, "An instance has no active clients: nothing is sized for it", "F-MAX: DSI, number of clients in the MED-V instance";
    WORKSPACE_DUPLICATE = "workspace-duplicate", Error, "A workspace name is listed twice (a workspace belongs to one instance)", "F-WS1: DSI; identify-the-number-of-med-v-instances";
    WORKSPACES_NONE = "workspaces-none", Info, "An instance lists no workspaces", "F-WS: DSI, Form Factor";
}

/// The plan-wide rules.
pub(super) fn check(facts: &Facts, cx: &mut Cx) {
    let plan = facts.vp.plan;
    plan_format(plan, cx);
    no_instances(plan, cx);
    ids(plan, cx);
    site_references(facts, cx);
    service_levels(plan, cx);
    workspace_duplicates(plan, cx);
}

/// The per-instance rules of this area.
pub(super) fn instance(_facts: &Facts, x: &Inst, cx: &mut Cx) {
    clients(x, cx);
    workspaces_none(x, cx);
}

fn plan_format(plan: &crate::plan::Plan, cx: &mut Cx) {
    if plan.format != PLAN_FORMAT || plan.version != PLAN_VERSION {
        cx.push(
            PLAN_FORMAT_RULE,
            &Subject::plan(),
            Some(FieldPath::Plan(PlanField::Name)),
            format!(
                "This tool reads \"{PLAN_FORMAT}\" version {PLAN_VERSION}; the plan says \"{}\" version {}.",
                plan.format, plan.version
            ),
        );
    }
}

fn no_instances(plan: &crate::plan::Plan, cx: &mut Cx) {
    if plan.instances.is_empty() {
        cx.push(
            PLAN_NO_INSTANCES,
            &Subject::plan(),
            Some(FieldPath::Plan(PlanField::Instances)),
            "The plan has no MED-V instance yet: add one to see its figures.".into(),
        );
    }
}

/// N1: how many instances the users need, against how many the plan has:
/// per site when sites give users (§6: summed, with the plan's reasons added
/// once), else from the total users.
pub(in crate::analyze) fn instance_count(
    vp: &ValidPlan,
    sites: &[SiteReport],
    cx: &mut Cx,
) -> InstanceCount {
    let reasons = vp.num(PlanField::SeparateInstanceReasons);
    let planned = vp.plan.instances.len();
    let with_users: Vec<&SiteReport> = sites.iter().filter(|s| s.users.is_some()).collect();
    let (users, per_site) = if with_users.is_empty() {
        (vp.num(PlanField::TotalUsers), None)
    } else {
        let need: f64 = with_users.iter().filter_map(|s| s.instances_needed).sum();
        let users: f64 = with_users.iter().filter_map(|s| s.users).sum();
        (vp.num(PlanField::TotalUsers).or(Some(users)), Some(need))
    };
    let needed = match per_site {
        Some(need) => reasons.map(|r| need + r),
        None => users.zip(reasons).map(|(u, r)| f::instances_needed(u, r)),
    }
    .filter(|n| n.is_finite());
    let math = needed.map(|n| Math {
        field: "instances_needed",
        label: "Instances needed",
        formula: if per_site.is_some() {
            "Σ over sites of ⌈site users / 5,000⌉ + separate-instance reasons"
        } else {
            "⌈U / 5,000⌉ + separate-instance reasons"
        },
        substituted: match per_site {
            Some(_) => format!(
                "{} + {}",
                with_users
                    .iter()
                    .map(|s| format!("⌈{} / 5,000⌉", count(s.users.unwrap_or(0.0))))
                    .collect::<Vec<_>>()
                    .join(" + "),
                count(reasons.unwrap_or(0.0))
            ),
            None => format!(
                "⌈{} / 5,000⌉ + {}",
                count(users.unwrap_or(0.0)),
                count(reasons.unwrap_or(0.0))
            ),
        },
        result: count(n),
        source:
            "N1: identify-the-number-of-med-v-instances (documented); per site: §6, our assumption",
    });
    if let Some(n) = needed.filter(|n| (planned as f64) < *n) {
        let field = if per_site.is_some() {
            PlanField::Sites
        } else {
            PlanField::TotalUsers
        };
        cx.push(
            INSTANCES_TOO_FEW,
            &Subject::plan(),
            Some(FieldPath::Plan(field)),
            format!(
                "{} users need at least {} ({}⌈users / 5,000⌉ plus {}); the plan has {}.",
                count(users.unwrap_or(0.0)),
                plural(n, "instance", "instances"),
                if per_site.is_some() {
                    "each site's "
                } else {
                    ""
                },
                plural(
                    reasons.unwrap_or(0.0),
                    "separate-instance reason",
                    "separate-instance reasons"
                ),
                plural(planned as f64, "instance", "instances"),
            ),
        );
    }
    for (k, s) in sites.iter().enumerate() {
        if let Some(n) = s
            .instances_needed
            .filter(|n| (s.instances_planned as f64) < *n)
        {
            cx.push(
                INSTANCES_TOO_FEW,
                &Subject::named(&s.name, SubjectKind::Site),
                Some(FieldPath::Site(k, SiteField::Users)),
                format!(
                    "{}'s {} users need {} of their own (⌈users / 5,000⌉); the plan has {} whose clients are there.",
                    s.name,
                    count(s.users.unwrap_or(0.0)),
                    plural(n, "instance", "instances"),
                    s.instances_planned,
                ),
            );
        }
    }
    InstanceCount {
        total_users: users,
        separate_instance_reasons: reasons,
        needed,
        planned,
        math,
    }
}

/// Every site a plan with sites refers to is one of them.
fn site_references(facts: &Facts, cx: &mut Cx) {
    if !facts.sites.active() {
        return;
    }
    let plan = facts.vp.plan;
    let mut refs: Vec<(&str, FieldPath, String)> = Vec::new();
    for (i, inst) in plan.instances.iter().enumerate() {
        let name = inst.display_name();
        refs.push((
            &inst.server.site,
            FieldPath::Instance(i, InstanceField::ServerSite),
            format!("{name}'s MED-V server"),
        ));
        refs.push((
            &inst.clients_site,
            FieldPath::Instance(i, InstanceField::ClientsSite),
            format!("{name}'s clients"),
        ));
        for (j, c) in inst.consoles.iter().enumerate() {
            refs.push((
                &c.site,
                FieldPath::Console(i, j, crate::fields::ConsoleField::Site),
                format!("{name}'s console {}", j + 1),
            ));
        }
    }
    for (h, host) in plan.sql_hosts.iter().enumerate() {
        refs.push((
            &host.site,
            FieldPath::Host(h, crate::fields::HostField::Site),
            format!("SQL Server host {}", host.display_name()),
        ));
    }
    for (k, link) in plan.site_links.iter().enumerate() {
        refs.push((
            &link.a,
            FieldPath::SiteLink(k, SiteLinkField::A),
            format!("link {}", k + 1),
        ));
        refs.push((
            &link.b,
            FieldPath::SiteLink(k, SiteLinkField::B),
            format!("link {}", k + 1),
        ));
    }
    for (id, field, what) in refs {
        if !id.is_empty() && facts.sites.find(id).is_none() {
            cx.push(
                SITE_UNKNOWN,
                &Subject::plan(),
                Some(field),
                format!("{what} names the site \"{id}\", which is not among the plan's sites."),
            );
        }
    }
}

/// Service levels decide the standby and log shipping: say when none are given.
fn service_levels(plan: &crate::plan::Plan, cx: &mut Cx) {
    if plan.service_levels.is_empty() && !plan.instances.is_empty() {
        cx.push(SERVICE_LEVELS_UNSTATED, &Subject::plan(), Some(FieldPath::Plan(PlanField::MaxMedvOutageHours)), "No service levels are given: state the MED-V and SQL Server outages the organization accepts, how stale reports may be, and whether losing SQL Server data is acceptable, so that standby and log-shipping advice can be judged against them.".into());
    }
}

fn ids(plan: &crate::plan::Plan, cx: &mut Cx) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, inst) in plan.instances.iter().enumerate() {
        let field = Some(FieldPath::Instance(i, InstanceField::Id));
        let who = Subject::instance(inst);
        if !fields::valid_id(&inst.id) {
            cx.push(
                ID_INVALID,
                &who,
                field,
                format!(
                    "Instance {} has the id \"{}\": an id is 1 to 64 letters, digits, - or _.",
                    i + 1,
                    inst.id
                ),
            );
        } else if let Some(first) = seen.insert(&inst.id, i) {
            cx.push(ID_DUPLICATE, &who, field, format!("Instances {} and {} both have the id \"{}\": ids must be unique (the second one's database is kept apart until it is renamed).", first + 1, i + 1, inst.id));
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (k, site) in plan.sites.iter().enumerate() {
        let field = Some(FieldPath::Site(k, SiteField::Id));
        let who = Subject::named(site.display_name(), SubjectKind::Site);
        if !fields::valid_id(&site.id) {
            cx.push(
                ID_INVALID,
                &who,
                field,
                format!(
                    "Site {} has the id \"{}\": an id is 1 to 64 letters, digits, - or _.",
                    k + 1,
                    site.id
                ),
            );
        } else if let Some(first) = seen.insert(&site.id, k) {
            cx.push(ID_DUPLICATE, &who, field, format!("Sites {} and {} both have the id \"{}\": ids must be unique (references go to the first).", first + 1, k + 1, site.id));
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (h, host) in plan.sql_hosts.iter().enumerate() {
        let field = Some(FieldPath::Host(h, crate::fields::HostField::Id));
        let who = Subject::host(&host.id, host.display_name());
        if !fields::valid_id(&host.id) {
            cx.push(ID_INVALID, &who, field, format!("SQL Server host {} has the id \"{}\": an id is 1 to 64 letters, digits, - or _.", h + 1, host.id));
        } else if let Some(first) = seen.insert(&host.id, h) {
            cx.push(ID_DUPLICATE, &who, field, format!("SQL Server hosts {} and {} both have the id \"{}\": ids must be unique (only the first holds databases).", first + 1, h + 1, host.id));
        }
    }
}

/// Workspaces belong to one instance: the same name twice is an error.
fn workspace_duplicates(plan: &crate::plan::Plan, cx: &mut Cx) {
    for places in same_names(plan, |x| {
        x.workspaces.iter().map(|w| w.name.as_str()).collect()
    }) {
        let (i, j) = places[places.len() - 1];
        let name = &plan.instances[i].workspaces[j].name;
        cx.push(
            WORKSPACE_DUPLICATE,
            &Subject::named(name, SubjectKind::Workspace),
            Some(FieldPath::Workspace(i, j, WorkspaceField::Name)),
            format!("Workspace \"{name}\" is listed {} times (under {}): a workspace belongs to exactly one instance.", places.len(), owners(plan, &places)),
        );
    }
}

fn clients(x: &Inst, cx: &mut Cx) {
    let Some(c) = x.clients() else { return };
    let name = x.name;
    let field = x.path(InstanceField::ActiveClients);
    if c > f::MAX_CLIENTS_PER_INSTANCE {
        cx.push(CLIENTS_OVER_LIMIT, &x.who, field, format!("{name} has {} active clients; one MED-V instance supports at most 5,000. Split it into {} instances.", count(c), count((c / f::MAX_CLIENTS_PER_INSTANCE).ceil())));
    } else if c >= f::MAX_CLIENTS_PER_INSTANCE * f::NEAR_LIMIT_FRACTION {
        cx.push(
            CLIENTS_NEAR_LIMIT,
            &x.who,
            field,
            format!(
                "{name} has {} active clients, {} % of the 5,000 limit: no headroom for growth.",
                count(c),
                grouped(c / f::MAX_CLIENTS_PER_INSTANCE * 100.0, 0)
            ),
        );
    } else if c == 0.0 {
        cx.push(INSTANCE_NO_CLIENTS, &x.who, field, format!("{name} has no active clients: its database, IOPS and outage figures are zero. Enter the clients it will serve, or remove it."));
    }
}

fn workspaces_none(x: &Inst, cx: &mut Cx) {
    if x.src.workspaces.is_empty() {
        cx.push(WORKSPACES_NONE, &x.who, x.path(InstanceField::Workspaces), format!("{} lists no workspaces: its workspace storage is 0, and no offline limit bounds its tolerated outage until workspaces are added.", x.name));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::plan::*;

    /// A bend of the clean plan that triggers each rule of this area.
    const TRIGGER: &[Case] = &[
        ("plan-format", |p| p.version = 3),
        ("invalid-value", |p| inst(p).active_clients = -1.0),
        ("id-invalid", |p| inst(p).id = "a b".into()),
        ("id-duplicate", |p| {
            let mut b = second_instance();
            b.id = "a".into();
            p.instances.push(b);
        }),
        ("plan-no-instances", |p| p.instances.clear()),
        ("instances-too-few", |p| p.total_users = Some(6_000.0)),
        ("clients-over-limit", |p| inst(p).active_clients = 5_001.0),
        ("clients-near-limit", |p| inst(p).active_clients = 4_500.0),
        ("instance-no-clients", |p| inst(p).active_clients = 0.0),
        ("workspace-duplicate", |p| {
            let mut b = second_instance();
            b.workspaces[0].name = " alpha DESKTOP ".into();
            p.instances.push(b);
        }),
        ("workspaces-none", |p| inst(p).workspaces.clear()),
        ("site-unknown", |p| {
            p.sites.push(Site::new("dc1"));
            inst(p).server.site = "dc2".into();
        }),
        ("service-levels-unstated", |p| {
            p.service_levels = ServiceLevels::default()
        }),
        ("instances-too-few", |p| {
            let mut london = Site::new("dc1");
            london.users = Some(6_000.0);
            p.sites.push(london);
            inst(p).server.site = "dc1".into();
        }),
    ];

    /// A near miss for each rule: the edge of its threshold, or the same
    /// situation with the one thing that makes it safe.
    const SILENT: &[Case] = &[
        ("plan-format", |p| p.version = 2),
        ("invalid-value", |p| inst(p).active_clients = 10_000_000.0),
        ("id-invalid", |p| inst(p).id = "A-b_9".into()),
        ("id-duplicate", |p| p.instances.push(second_instance())),
        ("plan-no-instances", |p| p.instances.truncate(1)),
        ("instances-too-few", |p| p.total_users = Some(5_000.0)),
        ("clients-over-limit", |p| inst(p).active_clients = 5_000.0),
        ("clients-near-limit", |p| inst(p).active_clients = 4_499.0),
        ("instance-no-clients", |p| inst(p).active_clients = 1.0),
        ("workspace-duplicate", |p| {
            p.instances.push(second_instance())
        }),
        ("workspaces-none", |p| inst(p).workspaces.truncate(1)),
        ("site-unknown", |p| {
            p.sites.push(Site::new("dc1"));
            inst(p).server.site = "dc1".into();
        }),
        ("service-levels-unstated", |p| {
            p.service_levels = ServiceLevels::default();
            p.service_levels.sql_data_loss = DataLoss::Acceptable;
        }),
    ];

    #[test]
    fn each_rule_triggers_and_has_a_silent_near_miss() {
        check_area(super::PLAN_RULES, TRIGGER, SILENT);
    }
}
