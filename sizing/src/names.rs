//! The names the analysis only quotes, set aside, so that typing one need not
//! run the analysis again.
//!
//! The analysis reads the names of instances, workspaces, consoles, VMs and
//! SQL Server hosts in two ways only: it compares them for equality (ignoring
//! case and surrounding spaces, to find a name listed twice) and it quotes them
//! in its text. [`mask`] replaces each such name that no other text of the plan
//! equals by a token, and keeps the names apart ([`Names`]). The analysis of
//! the masked plan is then the analysis of the plan with tokens where the
//! names are quoted, and [`Names::unmask`] puts the names back:
//!
//! `unmask(analyze(mask(p).plan), mask(p).names) == analyze(p)` for every plan
//! (tested on thousands of hostile plans).
//!
//! A name typed that stays unique changes the names only: two plans that differ
//! only there have equal masked plans, so a page that keeps the analysis of the
//! masked plan does not run it again. A name that is blank, or the same as any
//! other text of the plan, stays as it is, so what the rules compare is
//! unchanged.

use std::collections::HashMap;

use crate::fields::{
    Access, ConsoleField, FieldDef, HostField, InstanceField, SiteField, SiteLinkField, VmField,
    WorkspaceField,
};
use crate::plan::Plan;
use crate::report::{Math, Report};

/// Opens a token: a character of Unicode's private use area, which no name
/// the plan format accepts is expected to hold (a plan holding one is not
/// masked at all).
const OPEN: char = '\u{E000}';
/// Closes a token.
const CLOSE: char = '\u{E001}';

/// A plan with its quoted names replaced by tokens, and the names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Masked {
    pub plan: Plan,
    pub names: Names,
}

/// The names a masked plan's tokens stand for, by token number.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names(Vec<String>);

/// How names are compared by the rules that find a name listed twice.
fn normal(text: &str) -> String {
    text.trim().to_lowercase()
}

/// Every text of a row, from its field catalog: names, site references, ids.
fn texts<K: Copy, T: 'static>(
    row: &T,
    keys: &[K],
    def: fn(K) -> &'static FieldDef<T>,
    seen: &mut impl FnMut(&str),
) {
    for &key in keys {
        match &def(key).access {
            Access::Text { get, .. } => seen(get(row)),
            Access::Id { get } => seen(get(row)),
            Access::Reference { get, .. } => {
                if let Some(text) = get(row) {
                    seen(text)
                }
            }
            Access::Number { .. } | Access::Choice { .. } | Access::Flag { .. } | Access::List => {}
        }
    }
}

/// Calls `seen` with every text of the plan's rows (not the plan's own name
/// and notes, which the analysis does not compare).
fn each_text(plan: &Plan, seen: &mut impl FnMut(&str)) {
    for inst in &plan.instances {
        texts(inst, InstanceField::ALL, InstanceField::def, seen);
        for w in &inst.workspaces {
            texts(w, WorkspaceField::ALL, WorkspaceField::def, seen);
        }
        for c in &inst.consoles {
            texts(c, ConsoleField::ALL, ConsoleField::def, seen);
        }
        for v in &inst.vms {
            texts(v, VmField::ALL, VmField::def, seen);
        }
    }
    for h in &plan.sql_hosts {
        texts(h, HostField::ALL, HostField::def, seen);
    }
    for s in &plan.sites {
        texts(s, SiteField::ALL, SiteField::def, seen);
    }
    for l in &plan.site_links {
        texts(l, SiteLinkField::ALL, SiteLinkField::def, seen);
    }
}

/// The plan with every quoted name that no other text of it equals replaced by
/// a token, and the names. See the module documentation.
pub fn mask(mut plan: Plan) -> Masked {
    let mut uses: HashMap<String, usize> = HashMap::new();
    let mut clean = true;
    each_text(&plan, &mut |text| {
        clean &= !text.contains([OPEN, CLOSE]);
        *uses.entry(normal(text)).or_default() += 1;
    });
    let mut names = Names::default();
    if !clean {
        return Masked { plan, names };
    }
    let mut set_aside = |name: &mut String| {
        if !name.trim().is_empty() && uses.get(&normal(name)) == Some(&1) {
            let token = format!("{OPEN}{}{CLOSE}", names.0.len());
            names.0.push(std::mem::replace(name, token));
        }
    };
    for inst in &mut plan.instances {
        set_aside(&mut inst.name);
        inst.workspaces
            .iter_mut()
            .for_each(|w| set_aside(&mut w.name));
        inst.consoles
            .iter_mut()
            .for_each(|c| set_aside(&mut c.name));
        inst.vms.iter_mut().for_each(|v| set_aside(&mut v.name));
    }
    plan.sql_hosts
        .iter_mut()
        .for_each(|h| set_aside(&mut h.name));
    Masked { plan, names }
}

impl Names {
    /// Puts the names back into a report of the masked plan.
    pub fn unmask(&self, report: &mut Report) {
        if self.0.is_empty() {
            return;
        }
        each_string(report, &mut |text| {
            if text.contains(OPEN) {
                *text = self.fill(text);
            }
        });
    }

    /// `text` with every token replaced by its name.
    fn fill(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find(OPEN) {
            out.push_str(&rest[..at]);
            let after = &rest[at + OPEN.len_utf8()..];
            let name = after.find(CLOSE).and_then(|end| {
                let name = after[..end]
                    .parse::<usize>()
                    .ok()
                    .and_then(|k| self.0.get(k))?;
                Some((name, end))
            });
            match name {
                Some((name, end)) => {
                    out.push_str(name);
                    rest = &after[end + CLOSE.len_utf8()..];
                }
                None => {
                    out.push(OPEN);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// Calls `f` with every text of a report.
fn each_string(r: &mut Report, f: &mut impl FnMut(&mut String)) {
    fn opt(text: &mut Option<String>, f: &mut impl FnMut(&mut String)) {
        if let Some(text) = text {
            f(text)
        }
    }
    fn math(m: &mut Math, f: &mut impl FnMut(&mut String)) {
        f(&mut m.substituted);
        f(&mut m.result);
    }
    f(&mut r.plan_name);
    let s = &mut r.summary;
    s.incomplete.iter_mut().for_each(&mut *f);
    for site in &mut s.sites {
        opt(&mut site.site, f);
        f(&mut site.name);
        for m in &mut site.medv_servers {
            f(&mut m.instance);
            f(&mut m.name);
        }
        for h in &mut site.sql_hosts {
            f(&mut h.id);
            f(&mut h.name);
            opt(&mut h.on_medv_server, f);
            opt(&mut h.on_medv_server_name, f);
            h.instances.iter_mut().for_each(&mut *f);
        }
        for c in &mut site.consoles {
            f(&mut c.instance);
            f(&mut c.instance_name);
            c.names.iter_mut().for_each(&mut *f);
        }
    }
    for o in &mut s.outages {
        f(&mut o.instance);
        f(&mut o.name);
        opt(&mut o.sql_host, f);
        opt(&mut o.sql_host_name, f);
    }
    if let Some(m) = &mut r.instance_count.math {
        math(m, f);
    }
    for site in &mut r.sites {
        f(&mut site.id);
        f(&mut site.name);
        if let Some(m) = &mut site.math {
            math(m, f);
        }
    }
    for x in &mut r.instances {
        f(&mut x.id);
        f(&mut x.name);
        opt(&mut x.sql_host, f);
        opt(&mut x.site, f);
        opt(&mut x.clients_site, f);
        if let Some(link) = &mut x.remote_link {
            f(&mut link.from_site);
            f(&mut link.to_site);
        }
        x.math.iter_mut().for_each(|m| math(m, f));
    }
    for h in &mut r.sql_hosts {
        f(&mut h.id);
        f(&mut h.name);
        opt(&mut h.co_located_with, f);
        h.instances.iter_mut().for_each(&mut *f);
        opt(&mut h.site, f);
        h.outage.iter_mut().for_each(|o| f(&mut o.instance));
        h.math.iter_mut().for_each(|m| math(m, f));
    }
    for finding in &mut r.findings {
        f(&mut finding.subject);
        f(&mut finding.message);
    }
    for series in &mut r.charts.database_by_retention {
        f(&mut series.host_id);
    }
    for series in &mut r.charts.backlog_by_outage {
        f(&mut series.instance_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, worked_example};

    fn analysed(plan: &Plan) -> Report {
        let m = mask(plan.clone());
        let mut r = analyze(&m.plan);
        m.names.unmask(&mut r);
        r
    }

    #[test]
    fn a_unique_name_typed_leaves_the_masked_plan_as_it_was() {
        let mut plan = worked_example();
        // "HQ" is also the name of a site: a name of its own is set aside.
        plan.instances[0].name = "Headquarters".into();
        let mut typed = plan.clone();
        typed.instances[0].name = "Headquarters East".into();
        typed.sql_hosts[0].name = "SQL host A (primary)".into();
        typed.instances[1].consoles[0].name = "Branch desk".into();
        assert_eq!(mask(typed.clone()).plan, mask(plan.clone()).plan);
        assert_ne!(mask(typed.clone()).names, mask(plan.clone()).names);
        assert_eq!(analysed(&typed), analyze(&typed));
        let report = analysed(&typed);
        assert!(report
            .findings
            .iter()
            .any(|f| f.message.contains("SQL host A (primary)")));
        assert_eq!(report.instances[0].name, "Headquarters East");
    }

    #[test]
    fn a_name_that_equals_another_text_stays_and_counts_as_a_duplicate() {
        let plan = worked_example();
        let mut twice = plan.clone();
        // The same console name under two instances, in another case: an error.
        let first = twice.instances[0].consoles[0].name.clone();
        twice.instances[1].consoles[0].name = format!("  {}  ", first.to_uppercase());
        let m = mask(twice.clone());
        assert_eq!(m.plan.instances[0].consoles[0].name, first);
        assert_ne!(m.plan, mask(plan).plan);
        let report = analysed(&twice);
        assert_eq!(report, analyze(&twice));
        assert!(report
            .findings
            .iter()
            .any(|f| f.rule == "console-duplicate"));
        // A name equal to a site or an id is not set aside either.
        let mut site = worked_example();
        site.instances[2].name = site.instances[0].server.site.clone();
        let m = mask(site.clone());
        assert_eq!(m.plan.instances[2].name, site.instances[2].name);
        assert_eq!(analysed(&site), analyze(&site));
    }

    #[test]
    fn a_plan_holding_a_token_character_is_not_masked() {
        let mut plan = worked_example();
        plan.instances[0].name = format!("HQ {OPEN}0{CLOSE}");
        let m = mask(plan.clone());
        assert_eq!(m.plan, plan);
        assert_eq!(m.names, Names::default());
        assert_eq!(analysed(&plan), analyze(&plan));
    }

    #[test]
    fn a_damaged_token_is_left_as_written() {
        let names = Names(vec!["HQ".into()]);
        assert_eq!(names.fill(&format!("a {OPEN}0{CLOSE} b")), "a HQ b");
        assert_eq!(
            names.fill(&format!("{OPEN}9{CLOSE}")),
            format!("{OPEN}9{CLOSE}")
        );
        assert_eq!(names.fill(&format!("{OPEN}0")), format!("{OPEN}0"));
        assert_eq!(
            names.fill(&format!("{OPEN}x{CLOSE}{OPEN}0{CLOSE}")),
            format!("{OPEN}x{CLOSE}HQ")
        );
    }
}
