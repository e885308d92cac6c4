//! Rules on what a MED-V server failure does: offline policy against the
//! standby (DSI Fault Tolerance, F-OFF, F-POL), the shared store of a passive
//! server (F-CLU), the deletion option, and a standby with no database.

use crate::assumptions::Key;
use crate::fields::{InstanceField, WorkspaceField};
use crate::formulas as f;
use crate::path::FieldPath;
use crate::plan::{Choice, OfflinePolicy, StandbyMode};
use crate::rules::define_rules;
use crate::units::hours;

use super::super::Cx;
use super::{quoted, Facts, Inst};

define_rules! {
    FAULT_TOLERANCE_RULES;
    OFFLINE_NOT_PERMITTED_NO_STANDBY = "offline-not-permitted-no-standby", Warning, "A workspace permits no offline work and the instance has no standby", "DSI: Fault Tolerance; F-OFF";
    RECOVERY_EXCEEDS_TOLERATED_OUTAGE = "recovery-exceeds-tolerated-outage", Warning, "Expected recovery takes longer than the worst-case tolerated outage", "DSI: Fault Tolerance; F-OFF, F-POL";
    RECOVERY_EXCEEDS_SERVICE_LEVEL = "recovery-exceeds-service-level", Warning, "Expected MED-V server recovery takes longer than the outage the organization accepts", "DSI: Fault Tolerance; Define the Project Scope";
    STANDBY_SHARED_STORE = "standby-shared-store", Info, "Passive server on a shared store: the share is a single point of failure", "F-CLU: configuring-med-v-server-for-cluster-mode";
    STANDBY_DATABASE_ON_SERVER = "standby-database-on-server", Warning, "A standby server while the database lives on the active MED-V server", "DSI: Fault Tolerance; F-DBP, F-BAK";
    WORKSPACE_DELETION_RISK = "workspace-deletion-risk", Warning, "\"Delete when offline too long\" is on and an outage can outlast the offline limit", "F-OFF: how-to-set-med-v-workspace-deletion-options";
}

pub(super) fn check(facts: &Facts, x: &Inst, cx: &mut Cx) {
    no_offline_no_standby(x, cx);
    recovery(x, cx);
    service_level(facts, x, cx);
    shared_store(x, cx);
    database_on_server(facts, x, cx);
    deletion(x, cx);
}

fn no_offline_no_standby(x: &Inst, cx: &mut Cx) {
    if x.src.standby.mode != StandbyMode::None || x.has_no_clients() {
        return;
    }
    let not_permitted: Vec<(usize, &str)> = x
        .src
        .workspaces
        .iter()
        .enumerate()
        .filter(|(_, w)| w.offline == OfflinePolicy::NotPermitted)
        .map(|(j, w)| (j, w.name.as_str()))
        .collect();
    if let Some(&(j, _)) = not_permitted.first() {
        let names: Vec<&str> = not_permitted.iter().map(|(_, n)| *n).collect();
        cx.push(
            OFFLINE_NOT_PERMITTED_NO_STANDBY,
            &x.who,
            Some(FieldPath::Workspace(x.i, j, WorkspaceField::Offline)),
            format!(
                "{}: {} {} no offline work and there is no standby server — {} users stop working as soon as the MED-V server fails.",
                x.name,
                if names.len() == 1 { "workspace" } else { "workspaces" },
                quoted(&names) + if names.len() == 1 { " permits" } else { " permit" },
                if names.len() == 1 { "its" } else { "their" },
            ),
        );
    }
}

fn recovery(x: &Inst, cx: &mut Cx) {
    let r = x.report;
    if x.has_no_clients() {
        return;
    }
    if let (Some(recovery), Some(worst)) = (r.recovery_hours, r.tolerated_outage_worst_case_hours) {
        if recovery > worst {
            cx.push(RECOVERY_EXCEEDS_TOLERATED_OUTAGE, &x.who, x.path(InstanceField::StandbyMode), format!("{}: recovery with \"{}\" is expected to take {}, longer than the worst-case tolerated outage of {} — users will be locked out before the server is back.", x.name, x.src.standby.mode.label(), hours(recovery), hours(worst)));
        }
    }
}

/// The standby against the MED-V server outage the organization accepts.
fn service_level(facts: &Facts, x: &Inst, cx: &mut Cx) {
    let accepted = facts.vp.num(crate::fields::PlanField::MaxMedvOutageHours);
    if let (Some(recovery), Some(accepted)) = (x.report.recovery_hours, accepted) {
        if recovery > accepted {
            cx.push(RECOVERY_EXCEEDS_SERVICE_LEVEL, &x.who, x.path(InstanceField::StandbyMode), format!("{}: recovery with \"{}\" is expected to take {}, longer than the {} MED-V server outage the organization accepts: choose a faster standby (a passive server on a shared store recovers in about {}).", x.name, x.src.standby.mode.label(), hours(recovery), hours(accepted), crate::units::hours(facts.vp.base.get(Key::RecoveryHoursPassive).unwrap_or(f64::NAN))));
        }
    }
}

fn shared_store(x: &Inst, cx: &mut Cx) {
    if x.src.standby.mode == StandbyMode::PassiveSharedStore {
        cx.push(STANDBY_SHARED_STORE, &x.who, x.path(InstanceField::StandbyMode), format!("{}'s passive server shares one network folder of configuration files (and KeyPair.xml) with the active one: that share is a single point of failure, and failover is manual.", x.name));
    }
}

/// A standby brings the MED-V server back, but not a database that lived on
/// the failed server.
fn database_on_server(facts: &Facts, x: &Inst, cx: &mut Cx) {
    if x.src.standby.mode == StandbyMode::None {
        return;
    }
    let on_own_server =
        facts.layout.slot_of[x.i].is_some_and(|s| facts.layout.slots[s].on_server == Some(x.i));
    if on_own_server {
        cx.push(STANDBY_DATABASE_ON_SERVER, &x.who, x.path(InstanceField::SqlHost), format!("{} has a standby (\"{}\") but its database lives on the active MED-V server: when that server fails, the standby has no database, so events back up on clients and reports are unavailable until it is restored. Keep the database on a separate SQL Server.", x.name, x.src.standby.mode.label()));
    }
}

fn deletion(x: &Inst, cx: &mut Cx) {
    let r = x.report;
    let (Some(refresh), Some(outage)) = (
        x.valid.value(Key::PolicyRefreshMinutes),
        x.valid.value(Key::OutageHours),
    ) else {
        return;
    };
    let longest = r.recovery_hours.map_or(outage, |h| h.max(outage));
    for (j, w) in x.src.workspaces.iter().enumerate() {
        if w.offline != OfflinePolicy::Restricted || !w.delete_when_offline_too_long {
            continue;
        }
        let Some(limit) = x.valid.workspace(j, WorkspaceField::OfflineLimitHours) else {
            continue;
        };
        let worst = f::worst_case_tolerated_hours(limit, refresh);
        if longest > worst {
            cx.push(WORKSPACE_DELETION_RISK, &x.who, Some(FieldPath::Workspace(x.i, j, WorkspaceField::DeleteWhenOfflineTooLong)), format!("{}: workspace \"{}\" is deleted from clients offline longer than {} (worst case {}); an outage of {} (the longer of the expected recovery and the planned outage) would delete it and make every client download its image again.", x.name, w.name, hours(limit), hours(worst), hours(longest)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::plan::*;

    /// A bend of the clean plan that triggers each rule of this area.
    const TRIGGER: &[Case] = &[
        ("offline-not-permitted-no-standby", |p| {
            inst(p).workspaces[0].offline = OfflinePolicy::NotPermitted;
            inst(p).standby.mode = StandbyMode::None;
        }),
        ("recovery-exceeds-tolerated-outage", |p| {
            inst(p).standby.recovery_hours = Some(80.0)
        }),
        ("standby-database-on-server", |p| inst(p).sql_host = None),
        ("standby-shared-store", |p| {
            inst(p).standby.mode = StandbyMode::PassiveSharedStore
        }),
        ("workspace-deletion-risk", |p| {
            inst(p).workspaces[0].delete_when_offline_too_long = true;
            inst(p).workspaces[0].offline_limit_hours = 24.0;
        }),
        ("recovery-exceeds-service-level", |p| {
            p.service_levels.max_medv_outage_hours = Some(2.0)
        }),
    ];

    /// A near miss for each rule: the edge of its threshold, or the same
    /// situation with the one thing that makes it safe.
    const SILENT: &[Case] = &[
        ("offline-not-permitted-no-standby", |p| {
            inst(p).workspaces[0].offline = OfflinePolicy::NotPermitted;
            inst(p).standby.mode = StandbyMode::PassiveSharedStore;
        }),
        ("recovery-exceeds-tolerated-outage", |p| {
            inst(p).standby.recovery_hours = Some(71.75)
        }),
        ("standby-shared-store", |p| {
            inst(p).standby.mode = StandbyMode::ColdRestore
        }),
        ("standby-database-on-server", |p| {
            inst(p).sql_host = None;
            inst(p).standby.mode = StandbyMode::None;
        }),
        ("workspace-deletion-risk", |p| {
            inst(p).workspaces[0].delete_when_offline_too_long = true;
            inst(p).workspaces[0].offline_limit_hours = 168.0;
        }),
        ("recovery-exceeds-service-level", |p| {
            p.service_levels.max_medv_outage_hours = Some(4.0)
        }),
    ];

    #[test]
    fn each_rule_triggers_and_has_a_silent_near_miss() {
        check_area(super::FAULT_TOLERANCE_RULES, TRIGGER, SILENT);
    }
}
