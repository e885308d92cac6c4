//! The plan format's limits: how many rows a plan may hold and how long its
//! texts may be. Every entry point (a plan file, a share link, a stored plan,
//! a backup, the CLI) refuses a plan over them with a message that names the
//! limit, before the plan is analysed.
//!
//! They sit far above any real MED-V design (500 instances serve 2.5 million
//! clients) and low enough that the page stays responsive on the largest plan
//! it accepts. The field texts' limits come from the field catalog
//! ([`crate::fields`]), the same numbers the editor applies as it is typed in.

use crate::fields::{
    Access, ConsoleField, FieldDef, HostField, InstanceField, PlanField, SiteField, SiteLinkField,
    VmField, WorkspaceField, NAME_CHARS,
};
use crate::plan::{Plan, PlanError};
use crate::units::count;

/// One limit of the plan format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// What is counted, as people say it ("MED-V instances").
    pub what: &'static str,
    /// Where it is counted in a plan document.
    pub path: &'static str,
    pub max: usize,
}

pub const INSTANCES: Limit = Limit {
    what: "MED-V instances",
    path: "instances",
    max: 500,
};
pub const SQL_HOSTS: Limit = Limit {
    what: "SQL Server hosts",
    path: "sql_hosts",
    max: 500,
};
pub const SITES: Limit = Limit {
    what: "sites",
    path: "sites",
    max: 500,
};
pub const SITE_LINKS: Limit = Limit {
    what: "site links",
    path: "site_links",
    max: 2_000,
};
pub const WORKSPACES: Limit = Limit {
    what: "workspaces in one instance",
    path: "instances[i].workspaces",
    max: 100,
};
pub const CONSOLES: Limit = Limit {
    what: "consoles in one instance",
    path: "instances[i].consoles",
    max: 100,
};
pub const VMS: Limit = Limit {
    what: "VMs in one instance",
    path: "instances[i].vms",
    max: 100,
};

/// Every row limit, in the documentation's order.
pub const ROWS: &[Limit] = &[
    INSTANCES, SQL_HOSTS, SITES, SITE_LINKS, WORKSPACES, CONSOLES, VMS,
];

/// The longest id or reference (a site, a SQL Server host) a plan may hold.
pub const ID_CHARS: u32 = NAME_CHARS;

/// Why a plan is over a limit, as one sentence.
fn over(limit: &Limit, n: usize, at: String) -> PlanError {
    PlanError {
        path: at,
        line: 0,
        column: 0,
        message: format!(
            "this plan has {} {}; the plan format allows at most {}, so it was not opened",
            count(n as f64),
            limit.what,
            count(limit.max as f64),
        ),
    }
}

fn rows(limit: &Limit, n: usize, at: impl FnOnce() -> String) -> Result<(), PlanError> {
    if n > limit.max {
        return Err(over(limit, n, at()));
    }
    Ok(())
}

/// The first text of `row` longer than its field allows.
fn texts<T: 'static>(
    row: &T,
    defs: impl Iterator<Item = &'static FieldDef<T>>,
    at: impl Fn(&str) -> String,
) -> Result<(), PlanError> {
    for def in defs {
        let (text, max) = match &def.access {
            Access::Text { get, max_chars, .. } => (get(row), *max_chars),
            Access::Id { get } => (get(row), ID_CHARS),
            Access::Reference { get, .. } => (get(row).unwrap_or_default(), ID_CHARS),
            _ => continue,
        };
        // Bytes bound characters from above: most texts are checked without counting.
        if text.len() <= max as usize {
            continue;
        }
        let n = text.chars().count();
        if n > max as usize {
            return Err(PlanError {
                path: at(def.name),
                line: 0,
                column: 0,
                message: format!(
                    "“{}” is {} characters long; the plan format allows at most {}, so the plan was not opened",
                    def.label,
                    count(n as f64),
                    count(f64::from(max))
                ),
            });
        }
    }
    Ok(())
}

/// Refuses a plan over any limit of the format, naming the limit.
pub fn check(plan: &Plan) -> Result<(), PlanError> {
    rows(&INSTANCES, plan.instances.len(), || "instances".into())?;
    rows(&SQL_HOSTS, plan.sql_hosts.len(), || "sql_hosts".into())?;
    rows(&SITES, plan.sites.len(), || "sites".into())?;
    rows(&SITE_LINKS, plan.site_links.len(), || "site_links".into())?;
    texts(plan, PlanField::ALL.iter().map(|f| f.def()), |n| n.into())?;
    for (i, x) in plan.instances.iter().enumerate() {
        rows(&WORKSPACES, x.workspaces.len(), || {
            format!("instances[{i}].workspaces")
        })?;
        rows(&CONSOLES, x.consoles.len(), || {
            format!("instances[{i}].consoles")
        })?;
        rows(&VMS, x.vms.len(), || format!("instances[{i}].vms"))?;
        texts(x, InstanceField::ALL.iter().map(|f| f.def()), |n| {
            format!("instances[{i}].{n}")
        })?;
        for (j, w) in x.workspaces.iter().enumerate() {
            texts(w, WorkspaceField::ALL.iter().map(|f| f.def()), |n| {
                format!("instances[{i}].workspaces[{j}].{n}")
            })?;
        }
        for (j, c) in x.consoles.iter().enumerate() {
            texts(c, ConsoleField::ALL.iter().map(|f| f.def()), |n| {
                format!("instances[{i}].consoles[{j}].{n}")
            })?;
        }
        for (j, v) in x.vms.iter().enumerate() {
            texts(v, VmField::ALL.iter().map(|f| f.def()), |n| {
                format!("instances[{i}].vms[{j}].{n}")
            })?;
        }
    }
    for (h, x) in plan.sql_hosts.iter().enumerate() {
        texts(x, HostField::ALL.iter().map(|f| f.def()), |n| {
            format!("sql_hosts[{h}].{n}")
        })?;
    }
    for (k, x) in plan.sites.iter().enumerate() {
        texts(x, SiteField::ALL.iter().map(|f| f.def()), |n| {
            format!("sites[{k}].{n}")
        })?;
    }
    for (k, x) in plan.site_links.iter().enumerate() {
        texts(x, SiteLinkField::ALL.iter().map(|f| f.def()), |n| {
            format!("site_links[{k}].{n}")
        })?;
    }
    Ok(())
}

/// Whether one more row may be added where `limit` counts `len` rows (the
/// editor's "Add" buttons).
pub fn room_for_one(limit: &Limit, len: usize) -> bool {
    len < limit.max
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Instance, Workspace};

    #[test]
    fn a_plan_at_every_limit_is_accepted_and_one_more_is_refused() {
        let mut plan = Plan::default();
        for k in 0..INSTANCES.max {
            plan.instances.push(Instance::new(format!("i{k}"), 10.0));
        }
        plan.instances[0].workspaces = vec![Workspace::default(); WORKSPACES.max];
        plan.name = "n".repeat(NAME_CHARS as usize);
        assert_eq!(check(&plan), Ok(()));

        let mut more = plan.clone();
        more.instances.push(Instance::new("extra", 10.0));
        let e = check(&more).unwrap_err();
        assert_eq!(e.path, "instances");
        assert!(e.message.contains("501 MED-V instances"), "{e}");
        assert!(e.message.contains("at most 500"), "{e}");

        let mut more = plan.clone();
        more.instances[0].workspaces.push(Workspace::default());
        let e = check(&more).unwrap_err();
        assert_eq!(e.path, "instances[0].workspaces");
        assert!(e.message.contains("at most 100"), "{e}");

        let mut more = plan;
        more.instances[3].workspaces = vec![Workspace {
            name: "é".repeat(NAME_CHARS as usize + 1),
            ..Workspace::default()
        }];
        let e = check(&more).unwrap_err();
        assert_eq!(e.path, "instances[3].workspaces[0].name");
        assert!(e.message.contains("201 characters"), "{e}");
    }

    #[test]
    fn characters_are_counted_not_bytes() {
        let plan = Plan {
            name: "é".repeat(NAME_CHARS as usize),
            ..Plan::default()
        };
        assert_eq!(check(&plan), Ok(()));
    }

    #[test]
    fn ids_and_references_are_bounded_too() {
        let mut plan = Plan::default();
        let mut i = Instance::new("i".repeat(ID_CHARS as usize + 1), 10.0);
        i.sql_host = Some("h".into());
        plan.instances.push(i);
        assert_eq!(check(&plan).unwrap_err().path, "instances[0].id");
        plan.instances[0].id = "i1".into();
        plan.instances[0].sql_host = Some("h".repeat(10_000));
        assert_eq!(check(&plan).unwrap_err().path, "instances[0].sql_host");
    }
}
