//! The instances as one editable table: a row per instance with the inputs
//! people change most (its clients' site, active clients, standby, where its
//! database lives) and what decides its design at a glance (workspaces, the
//! shortest offline limit, consoles, its state). A row's name opens the
//! instance's full fields below the table.

use leptos::prelude::*;
use medv_sizing::fields::InstanceField;
use medv_sizing::path::FieldPath;
use medv_sizing::plan::{Instance, OfflinePolicy};
use medv_sizing::render_summary::{line_states, line_word};
use medv_sizing::report::{LineStatus, SubjectKind};
use medv_sizing::units::{count, hours};

use crate::state::{settled, use_ctx, Fanout, FieldScope, InstanceKeys, InstanceSlices};
use crate::ui::choices::{HostChoices, SiteOptions};
use crate::ui::fields::Field;
use crate::ui::nav::{line_icon, OpenEditors};

/// What a row shows that is not a control.
#[derive(Debug, Clone, PartialEq, Default)]
struct RowFacts {
    id: String,
    name: String,
    share: String,
    workspaces: String,
    shortest_offline: String,
    consoles: String,
}

fn facts(x: &Instance) -> RowFacts {
    let workspaces: f64 = x.workspaces.iter().map(|w| w.count).sum();
    let shortest = x
        .workspaces
        .iter()
        .filter(|w| w.count > 0.0)
        .map(|w| match w.offline {
            OfflinePolicy::NotPermitted => 0.0,
            OfflinePolicy::Restricted => w.offline_limit_hours,
            OfflinePolicy::Unrestricted => f64::INFINITY,
        })
        .fold(f64::INFINITY, f64::min);
    RowFacts {
        id: x.id.clone(),
        name: x.display_name().to_string(),
        share: if x.active_clients.is_finite() {
            format!(
                "{}% of 5,000",
                medv_sizing::units::trim_zeros(medv_sizing::units::grouped(
                    x.active_clients / 50.0,
                    1
                ))
            )
        } else {
            String::new()
        },
        workspaces: count(workspaces),
        shortest_offline: if shortest == 0.0 {
            "no offline work".into()
        } else if shortest.is_infinite() {
            "unrestricted".into()
        } else {
            hours(shortest)
        },
        consoles: x.consoles.len().to_string(),
    }
}

#[component]
pub fn InstanceTable() -> impl IntoView {
    let ctx = use_ctx();
    let len = settled(move || ctx.plan.with(|p| p.instances.len()));
    let has_sites = settled(move || ctx.plan.with(|p| !p.sites.is_empty()));
    // Each row's state by instance id.
    let worst = Fanout::new(move || {
        ctx.report.with(|r| {
            let states = line_states(r, SubjectKind::Instance);
            (r.instances.iter())
                .map(|x| (x.id.clone(), states.get(&x.id).copied().unwrap_or_default()))
                .collect()
        })
    });
    let InstanceKeys(keys) = expect_context::<InstanceKeys>();
    view! {
        <Show when=move || { len.get() > 0 }>
            <div class="table-scroll">
                <table class="edit-table instances-table" data-testid="instances-table">
                    <caption class="visually-hidden">"MED-V instances: a row each; the name opens every field"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Instance"</th>
                            <Show when=move || has_sites.get()><th scope="col">"Clients' site"</th></Show>
                            <th scope="col">"Active clients"</th>
                            <th scope="col">"Workspaces"</th>
                            <th scope="col">"Shortest offline limit"</th>
                            <th scope="col">"Standby"</th>
                            <th scope="col">"Database on"</th>
                            <th scope="col">"Consoles"</th>
                            <th scope="col">"State"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || keys.0.get() key=|k| k.clone() children=move |key| view! { <InstanceRow i=keys.index_of(key.clone()) row_key=key has_sites=has_sites worst=worst /> } />
                    </tbody>
                </table>
            </div>
        </Show>
    }
}

#[component]
fn InstanceRow(
    i: Signal<usize>,
    row_key: String,
    has_sites: Signal<bool>,
    worst: Fanout<LineStatus>,
) -> impl IntoView {
    let ctx = use_ctx();
    let open = expect_context::<OpenEditors>();
    let HostChoices { options: hosts, .. } = expect_context::<HostChoices>();
    let SiteOptions(sites) = expect_context::<SiteOptions>();
    let InstanceSlices(slices) = expect_context::<InstanceSlices>();
    let slice = slices.get(&row_key);
    provide_context(FieldScope::instance(&row_key, slice));
    let row = Memo::new(move |_| slice.with(|x| x.as_ref().map(facts).unwrap_or_default()));
    // The state of the instance with this row's id (a row whose id repeats
    // another's shows the state of that id's findings).
    let state = {
        let id = slice.with_untracked(|x| x.as_ref().map(|x| x.id.clone()).unwrap_or_default());
        let state = worst.get(&id);
        Memo::new(move |_| state.get().unwrap_or_default())
    };
    let is_open = Memo::new(move |_| open.is_open(&row.with(|r| r.id.clone())));
    let at = move |f: InstanceField| Signal::derive(move || FieldPath::Instance(i.get(), f));
    let edit = move |_| {
        let id = row.with_untracked(|r| r.id.clone());
        if is_open.get_untracked() {
            open.set(ctx, &id, false);
        } else {
            crate::ui::nav::reveal_and_focus(ctx, open, at(InstanceField::Name).get_untracked());
        }
    };
    view! {
        <tr data-testid=move || format!("instance-row-{}", row.with(|r| r.id.clone()))>
            <th scope="row">
                <button type="button" class="link-like" data-testid=move || format!("edit-{}", row.with(|r| r.id.clone())) aria-expanded=move || is_open.get().to_string()
                    aria-label=move || format!("{} the fields of instance {}", if is_open.get() { "Hide" } else { "Show" }, row.with(|r| r.name.clone()))
                    on:click=edit>
                    {move || row.with(|r| r.name.clone())}
                </button>
            </th>
            <Show when=move || has_sites.get()>
                <td><Field path=at(InstanceField::ClientsSite) options=sites in_table=true /></td>
            </Show>
            <td>
                <Field path=at(InstanceField::ActiveClients) in_table=true />
                <span class="share">{move || row.with(|r| r.share.clone())}</span>
            </td>
            <td class="num">{move || row.with(|r| r.workspaces.clone())}</td>
            <td>{move || row.with(|r| r.shortest_offline.clone())}</td>
            <td><Field path=at(InstanceField::StandbyMode) in_table=true /></td>
            <td><Field path=at(InstanceField::SqlHost) options=hosts in_table=true /></td>
            <td class="num">{move || row.with(|r| r.consoles.clone())}</td>
            <td class=move || format!("line-status line-{}", line_word(state.get()))>
                {move || format!("{} {}", line_icon(state.get()), line_word(state.get()))}
            </td>
        </tr>
    }
}
