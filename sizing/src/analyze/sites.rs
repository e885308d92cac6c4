//! Sites (§6): where users, MED-V servers, SQL Server hosts and consoles are,
//! and the links between them. Instances needed are counted per site (N1 per
//! site); a database at another site than its MED-V server is remote for that
//! instance, across the link between the two sites. A plan without sites is
//! judged as in format v1: sites are free text.

use std::collections::HashMap;

use crate::assumptions::Key;
use crate::fields::{SiteField, SiteLinkField};
use crate::formulas as f;
use crate::plan::Plan;
use crate::report::{InstanceReport, Math, RemoteLink, SiteReport};
use crate::units::count;

use super::host::{Layout, Slot};
use super::validate::ValidPlan;

/// The plan's sites, looked up by id (the first with an id wins).
pub struct Sites<'a> {
    plan: &'a Plan,
    index: HashMap<&'a str, usize>,
    links: HashMap<(usize, usize), usize>,
}

impl<'a> Sites<'a> {
    pub fn new(plan: &'a Plan) -> Self {
        let mut index = HashMap::new();
        for (k, s) in plan.sites.iter().enumerate() {
            index.entry(s.id.as_str()).or_insert(k);
        }
        let mut sites = Sites {
            plan,
            index,
            links: HashMap::new(),
        };
        for (k, l) in plan.site_links.iter().enumerate() {
            if let (Some(a), Some(b)) = (sites.find(&l.a), sites.find(&l.b)) {
                sites.links.entry(pair(a, b)).or_insert(k);
            }
        }
        sites
    }

    /// Whether the plan describes sites at all.
    pub fn active(&self) -> bool {
        !self.plan.sites.is_empty()
    }

    pub fn find(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn id(&self, k: usize) -> &'a str {
        &self.plan.sites[k].id
    }

    pub fn name(&self, k: usize) -> &'a str {
        self.plan.sites[k].display_name()
    }

    /// The link between two sites, if the plan gives one.
    pub fn link(&self, a: usize, b: usize) -> Option<usize> {
        self.links.get(&pair(a, b)).copied()
    }

    /// "London–Paris".
    pub fn link_name(&self, a: usize, b: usize) -> String {
        format!("{}–{}", self.name(a), self.name(b))
    }

    /// The site of instance `i`'s MED-V server.
    pub fn server_site(&self, i: usize) -> Option<usize> {
        self.find(&self.plan.instances.get(i)?.server.site)
    }

    /// The site of instance `i`'s clients: given, or its server's.
    pub fn clients_site(&self, i: usize) -> Option<usize> {
        let inst = self.plan.instances.get(i)?;
        if inst.clients_site.is_empty() {
            self.server_site(i)
        } else {
            self.find(&inst.clients_site)
        }
    }

    /// A host's site: given, or (co-located) its MED-V server's.
    pub fn host_site(&self, slot: &Slot) -> Option<usize> {
        let given = slot
            .plan
            .map(|(_, vh)| vh.src.site.as_str())
            .filter(|s| !s.is_empty());
        match given {
            Some(id) => self.find(id),
            None => slot.on_server.and_then(|i| self.server_site(i)),
        }
    }
}

fn pair(a: usize, b: usize) -> (usize, usize) {
    (a.min(b), a.max(b))
}

/// N1 per site: ⌈users / 5,000⌉ for each site with users.
pub fn reports(vp: &ValidPlan, sites: &Sites) -> Vec<SiteReport> {
    let plan = vp.plan;
    let mut planned = vec![0usize; plan.sites.len()];
    for i in 0..plan.instances.len() {
        if let Some(k) = sites.clients_site(i) {
            planned[k] += 1;
        }
    }
    plan.sites
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let users = vp.site(k, SiteField::Users);
            let needed = users.map(|u| f::instances_needed(u, 0.0));
            SiteReport {
                id: s.id.clone(),
                name: s.display_name().to_string(),
                users,
                instances_needed: needed,
                instances_planned: planned[k],
                math: users.zip(needed).map(|(u, n)| Math {
                    field: "instances_needed",
                    label: "Instances needed at this site",
                    formula: "⌈users / 5,000⌉",
                    substituted: format!("⌈{} / 5,000⌉", count(u)),
                    result: count(n),
                    source: "N1 per site (§6; applying it per site is our assumption): a site's users are not served across a WAN link",
                }),
            }
        })
        .collect()
}

/// The link instance `i`'s database traffic crosses, when its SQL Server host
/// stands at another site than its MED-V server.
pub fn remote_link(
    vp: &ValidPlan,
    sites: &Sites,
    layout: &Layout,
    i: usize,
    r: &InstanceReport,
) -> Option<RemoteLink> {
    let from = sites.server_site(i)?;
    let to = sites.host_site(&layout.slots[layout.slot_of[i]?])?;
    if from == to {
        return None;
    }
    let vi = &vp.instances[i];
    let mbps = sites
        .link(from, to)
        .and_then(|k| vp.link(k, SiteLinkField::Mbps));
    let traffic = (|| {
        Some(f::database_traffic_mbps(
            r.write_iops_with_burst? * vi.value(Key::EventSizeBytes)?,
            r.reporting_iops?,
        ))
    })();
    let staleness = vp.plan.service_levels.report_staleness_minutes;
    let fresh = staleness
        .filter(|m| *m > 0.0)
        .zip(r.reads_per_report)
        .map(|(m, pages)| f::report_within_mbps(pages, m));
    let needed = [vp.base.get(Key::MinRemoteLinkMbps), traffic, fresh]
        .into_iter()
        .flatten()
        .reduce(f64::max)
        .filter(|v| v.is_finite());
    Some(RemoteLink {
        from_site: sites.id(from).to_string(),
        to_site: sites.id(to).to_string(),
        mbps,
        needed_mbps: needed,
    })
}
