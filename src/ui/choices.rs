//! The choices a plan offers its reference fields — its sites and its SQL
//! Server hosts — computed once for every editor and table row.

use leptos::prelude::*;
use medv_sizing::plan::Choice;

/// The plan's sites as choices for every site field: ("", none) first.
#[derive(Clone, Copy)]
pub struct SiteOptions(pub Signal<Vec<(String, String)>>);

impl SiteOptions {
    pub fn new(ctx: crate::state::Ctx) -> Self {
        Self(crate::state::settled(move || {
            ctx.plan.with(|p| {
                let mut o = vec![(String::new(), "(no site)".to_string())];
                o.extend(
                    p.sites
                        .iter()
                        .map(|s| (s.id.clone(), s.display_name().to_string())),
                );
                o
            })
        }))
    }
}

pub fn site_options() -> Signal<Vec<(String, String)>> {
    let SiteOptions(options) = expect_context::<SiteOptions>();
    options
}

/// The plan's SQL Server hosts, once for every instance editor: (id, name),
/// and the choices of an instance's database field.
#[derive(Clone, Copy)]
pub struct HostChoices {
    pub names: Signal<Vec<(String, String)>>,
    pub options: Signal<Vec<(String, String)>>,
}

impl HostChoices {
    pub fn new(ctx: crate::state::Ctx) -> Self {
        let hosts = crate::state::settled(move || {
            ctx.plan.with(|p| {
                p.sql_hosts
                    .iter()
                    .map(|h| {
                        (
                            h.id.clone(),
                            h.display_name().to_string(),
                            Choice::label(h.placement),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        });
        let names = Memo::new(move |_| {
            hosts.with(|hs| {
                hs.iter()
                    .map(|(id, name, _)| (id.clone(), name.clone()))
                    .collect()
            })
        });
        let options = Memo::new(move |_| {
            let mut o = vec![(
                String::new(),
                "On this MED-V server (co-located, default)".to_string(),
            )];
            hosts.with(|hs| {
                o.extend(
                    hs.iter()
                        .map(|(id, name, placement)| (id.clone(), format!("{name} ({placement})"))),
                )
            });
            o
        });
        Self {
            names: names.into(),
            options: options.into(),
        }
    }
}
