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

/// A new instance, named after its place, with one workspace and one console
/// like the organization's typical client (F-CON: the console should resemble
/// a typical client).
pub fn new_instance(plan: &Plan) -> Instance {
    let mut inst = Instance::new(fresh_id(plan, "i"), 1_000.0);
    inst.name = format!("Instance {}", plan.instances.len() + 1);
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
}
