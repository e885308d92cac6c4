//! Rules on management consoles (F-CON, F-OS, F-CRAM): at least one per
//! instance, one instance per console, a supported client OS with its minimum
//! RAM, a form factor like the typical client, Virtual PC confirmed.

use crate::assumptions::Key;
use crate::fields::{ConsoleField, InstanceField, PlanField};
use crate::path::FieldPath;
use crate::plan::{Choice, Console};
use crate::report::SubjectKind;
use crate::rules::define_rules;
use crate::units::count;

use super::super::{Cx, Subject};
use super::{owners, same_names, Facts, Inst};

define_rules! {
    CONSOLE_RULES;
    CONSOLE_NONE = "console-none", Warning, "An instance has no management console", "F-CON: DSI, Design the Management Console";
    CONSOLE_DUPLICATE = "console-duplicate", Error, "A console name is listed twice (a console works with one MED-V server)", "F-CON: DSI";
    CONSOLE_OS_UNSUPPORTED = "console-os-unsupported", Error, "Console OS is not a supported client OS", "F-CON, F-OS";
    CONSOLE_RAM_BELOW_MINIMUM = "console-ram-below-minimum", Error, "Console RAM below its OS's MED-V minimum", "F-CRAM: med-v-10-sp1-supported-configurations";
    CONSOLE_UNLIKE_CLIENT = "console-unlike-client", Warning, "Console form factor unlike the typical client", "F-CON: DSI";
    CONSOLE_VIRTUAL_PC_UNCONFIRMED = "console-virtual-pc-unconfirmed", Warning, "Virtual PC 2007 SP1 with KB 974918 not confirmed on a console", "F-CON: DSI";
}

pub(super) fn check(facts: &Facts, x: &Inst, cx: &mut Cx) {
    none(x, cx);
    for (j, con) in x.src.consoles.iter().enumerate() {
        let name = if con.name.trim().is_empty() {
            format!("{} console {}", x.name, j + 1)
        } else {
            con.name.clone()
        };
        let who = Subject::named(&name, SubjectKind::Console);
        let path = |f: ConsoleField| Some(FieldPath::Console(x.i, j, f));
        os_and_ram(x, j, con, &name, &who, cx);
        if let Some((field, how)) = unlike_typical(facts, x, j, con) {
            cx.push(CONSOLE_UNLIKE_CLIENT, &who, path(field), format!("Console \"{name}\" {how}: it tests VMs before they are packed, so it should resemble the typical client."));
        }
        if !con.virtual_pc_confirmed {
            cx.push(CONSOLE_VIRTUAL_PC_UNCONFIRMED, &who, path(ConsoleField::VirtualPcConfirmed), format!("Console \"{name}\": confirm Virtual PC 2007 SP1 with the KB 974918 hotfix is installed."));
        }
    }
}

fn none(x: &Inst, cx: &mut Cx) {
    if x.src.consoles.is_empty() {
        cx.push(
            CONSOLE_NONE,
            &x.who,
            x.path(InstanceField::Consoles),
            format!(
                "{} has no management console: plan at least one, on a typical client machine.",
                x.name
            ),
        );
    }
}

fn os_and_ram(x: &Inst, j: usize, con: &Console, name: &str, who: &Subject, cx: &mut Cx) {
    match con.os.min_ram_gb() {
        None => cx.push(CONSOLE_OS_UNSUPPORTED, who, Some(FieldPath::Console(x.i, j, ConsoleField::Os)), format!("Console \"{name}\" runs {}: the console needs a supported client OS (XP Pro SP2/SP3 x86, Vista SP1/SP2 x86, Windows 7 x86/x64) and never runs on the MED-V server.", con.os.label())),
        Some(min) => {
            if let Some(ram) = x.valid.console(j, ConsoleField::RamGb).filter(|r| *r < min) {
                cx.push(CONSOLE_RAM_BELOW_MINIMUM, who, Some(FieldPath::Console(x.i, j, ConsoleField::RamGb)), format!("Console \"{name}\" has {} GB of RAM; {} needs at least {} GB for MED-V.", count(ram), con.os.label(), count(min)));
            }
        }
    }
}

/// How a console differs from the typical client: (field, description).
fn unlike_typical(
    facts: &Facts,
    x: &Inst,
    j: usize,
    con: &Console,
) -> Option<(ConsoleField, String)> {
    let typical = &facts.vp.plan.typical_client;
    if con.os != typical.os {
        return Some((
            ConsoleField::Os,
            format!(
                "runs {}, the typical client {}",
                con.os.label(),
                typical.os.label()
            ),
        ));
    }
    let tol = x.valid.value(Key::ConsoleTolerancePct)? / 100.0;
    let off = |value: f64, typical: f64| {
        typical > 0.0 && ((value - typical).abs() / typical) > tol + 1e-12
    };
    if let (Some(ram), Some(t)) = (
        x.valid.console(j, ConsoleField::RamGb),
        facts.vp.num(PlanField::TypicalClientRamGb),
    ) {
        if off(ram, t) {
            return Some((
                ConsoleField::RamGb,
                format!(
                    "has {} GB of RAM, the typical client {} GB",
                    count(ram),
                    count(t)
                ),
            ));
        }
    }
    if let (Some(cpu), Some(t)) = (
        x.valid.console(j, ConsoleField::CpuGhz),
        facts.vp.num(PlanField::TypicalClientCpuGhz),
    ) {
        if off(cpu, t) {
            return Some((
                ConsoleField::CpuGhz,
                format!(
                    "has a {} GHz CPU, the typical client {} GHz",
                    count(cpu),
                    count(t)
                ),
            ));
        }
    }
    None
}

/// A console works with one MED-V server at a time: the same name twice is an error.
pub(super) fn duplicates(facts: &Facts, cx: &mut Cx) {
    let plan = facts.vp.plan;
    for places in same_names(plan, |x| {
        x.consoles.iter().map(|c| c.name.as_str()).collect()
    }) {
        let (i, j) = places[places.len() - 1];
        let name = &plan.instances[i].consoles[j].name;
        cx.push(CONSOLE_DUPLICATE, &Subject::named(name, SubjectKind::Console), Some(FieldPath::Console(i, j, ConsoleField::Name)), format!("Console \"{name}\" is listed {} times (under {}): a console works with one MED-V server at a time.", places.len(), owners(plan, &places)));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::plan::*;

    /// A bend of the clean plan that triggers each rule of this area.
    const TRIGGER: &[Case] = &[
        ("console-none", |p| inst(p).consoles.clear()),
        ("console-duplicate", |p| {
            let c = inst(p).consoles[0].clone();
            inst(p).consoles.push(c);
        }),
        ("console-os-unsupported", |p| {
            inst(p).consoles[0].os = ClientOs::WindowsServer
        }),
        ("console-ram-below-minimum", |p| {
            inst(p).consoles[0].ram_gb = 2.0;
            p.typical_client.ram_gb = 2.0;
        }),
        ("console-unlike-client", |p| {
            inst(p).consoles[0].ram_gb = 8.0
        }),
        ("console-virtual-pc-unconfirmed", |p| {
            inst(p).consoles[0].virtual_pc_confirmed = false
        }),
    ];

    /// A near miss for each rule: the edge of its threshold, or the same
    /// situation with the one thing that makes it safe.
    const SILENT: &[Case] = &[
        ("console-none", |p| inst(p).consoles.truncate(1)),
        ("console-duplicate", |p| {
            let mut c = inst(p).consoles[0].clone();
            c.name = "Alpha console 2".into();
            inst(p).consoles.push(c);
        }),
        ("console-os-unsupported", |p| {
            inst(p).consoles[0].os = ClientOs::WindowsXpX86;
            p.typical_client.os = ClientOs::WindowsXpX86;
        }),
        ("console-ram-below-minimum", |p| {
            inst(p).consoles[0].os = ClientOs::WindowsXpX86;
            inst(p).consoles[0].ram_gb = 1.0;
        }),
        ("console-unlike-client", |p| {
            inst(p).consoles[0].ram_gb = 5.0
        }),
        ("console-virtual-pc-unconfirmed", |p| {
            inst(p).consoles[0].virtual_pc_confirmed = true
        }),
    ];

    #[test]
    fn each_rule_triggers_and_has_a_silent_near_miss() {
        check_area(super::CONSOLE_RULES, TRIGGER, SILENT);
    }
}
