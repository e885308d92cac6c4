//! The editing side, in the guide's order: the plan and its worksheet, the
//! assumptions, then each MED-V instance (server, fault tolerance, database,
//! consoles), then the SQL Server hosts.

pub mod instance_table;

use leptos::prelude::*;
use medv_sizing::assumptions::Key;
use medv_sizing::fields::{
    ConsoleField, HostField, InstanceField, PlanField, SiteField, SiteLinkField, VmField,
    WorkspaceField,
};
use medv_sizing::limits::{self, Limit};
use medv_sizing::path::FieldPath;
use medv_sizing::plan::*;
use medv_sizing::render_summary::plural;
use medv_sizing::units::count;

use crate::state::{
    fresh_id, settled, use_ctx, FieldScope, HostKeys, HostSlices, InstanceKeys, InstanceSlices,
};
use crate::ui::choices::{site_options, HostChoices};
use crate::ui::fields::{Field, FieldIfApplies, NumberField};
use crate::ui::nav::{focus_id, OpenEditors, AUTO_OPEN};

#[component]
pub fn PlanSection() -> impl IntoView {
    let ctx = use_ctx();
    let needed = Memo::new(move |_| {
        ctx.report
            .with(|r| (r.instance_count.needed, r.instance_count.planned))
    });
    view! {
        <section class="card" aria-labelledby="plan-h">
            <h2 id="plan-h">"Plan"</h2>
            <Field path=FieldPath::Plan(PlanField::Name) placeholder="Untitled plan" />
            <Field path=FieldPath::Plan(PlanField::Notes) multiline=true />
            <fieldset>
                <legend>"How many instances? (step 2 of the MED-V design process)"</legend>
                <div class="grid">
                    <Field path=FieldPath::Plan(PlanField::TotalUsers) placeholder="not given" />
                    <Field path=FieldPath::Plan(PlanField::SeparateInstanceReasons) />
                </div>
                <p class="hint">"One instance supports at most 5,000 active clients; add one for each untrusted domain, isolated network, organizational or legal reason."</p>
                <p class="helper" data-testid="instances-needed">
                    {move || match needed.get() {
                        (Some(n), planned) => format!("Instances needed: {} (⌈users / 5,000⌉ + reasons). This plan has {planned}.", count(n)),
                        (None, planned) => format!("Enter total users to see how many instances they need. This plan has {planned}."),
                    }}
                </p>
            </fieldset>
            <fieldset>
                <legend>"Service levels (from the project scope)"</legend>
                <div class="grid">
                    {[PlanField::MaxMedvOutageHours, PlanField::MaxSqlOutageHours, PlanField::ReportStalenessMinutes]
                        .map(|f| view! { <Field path=FieldPath::Plan(f) placeholder="not stated" /> })
                        .collect_view()}
                    <Field path=FieldPath::Plan(PlanField::SqlDataLoss) />
                </div>
                <p class="hint">"They decide the standby, where the database goes and whether to ship logs."</p>
            </fieldset>
            <fieldset>
                <legend>"Organization standards"</legend>
                <div class="grid">
                    {[PlanField::StandardServerRamGb, PlanField::TypicalClientOs, PlanField::TypicalClientRamGb, PlanField::TypicalClientCpuGhz]
                        .map(|f| view! { <Field path=FieldPath::Plan(f) /> })
                        .collect_view()}
                </div>
            </fieldset>
        </section>
    }
}

#[component]
pub fn AssumptionsSection() -> impl IntoView {
    let ctx = use_ctx();
    let org = expect_context::<crate::edge::defaults::OrgDefaults>();
    let rows = Key::ALL
        .iter()
        .map(|&k| {
            let info = k.info();
            // The organization's value, when its site-defaults.json sets one: the default then.
            let org_value = Memo::new(move |_| org.defaults.with(|d| d.as_ref().and_then(|d| d.assumption(k))));
            let default = move || org_value.get().unwrap_or(info.default);
            let at_default = Memo::new(move |_| ctx.plan.with(|p| p.assumptions.get(k) == default()));
            view! {
                <div class="assumption" data-testid=format!("assumption-{}", info.name)>
                    <NumberField path=FieldPath::Assumption(k) />
                    <p class="provenance">
                        {move || org_value.get().map(|v| view! {
                            <span class="badge badge-org" data-testid=format!("org-default-{}", info.name)>"Organization default"</span>
                            " " {count(v)} " " {info.unit} ". Built in: "
                        })}
                        {if info.documented {
                            view! { <span class="badge badge-doc">"Documented"</span> }.into_any()
                        } else {
                            view! { <span class="badge badge-ours">"[our assumption]"</span> }.into_any()
                        }}
                        " " {count(info.default)}" "{info.unit}". "{info.source}"."
                        {(!info.per_instance).then_some(" Plan-wide.")}
                    </p>
                    <button
                        type="button"
                        class="quiet"
                        disabled=move || at_default.get()
                        aria-label=move || format!("Reset to {}: {}", if org_value.get().is_some() { "the organization default" } else { "default" }, info.label)
                        data-testid=format!("reset-assumption-{}", info.name)
                        on:click=move |_| ctx.edit(|p| p.assumptions.set(k, default()))
                    >
                        {move || if org_value.get().is_some() { "Reset to the organization default" } else { "Reset to default" }}
                    </button>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="assumptions-h">
            <h2 id="assumptions-h">"Assumptions"</h2>
            <p class="hint">"The guidance gives these as approximate or leaves them open. " <strong>"[our assumption]"</strong> " marks a value this tool chose; change any of them to match your organization. Instances can override most of them."</p>
            <details class="assumptions">
                <summary>"Show and edit the " {Key::ALL.len()} " assumptions"</summary>
                {rows}
            </details>
        </section>
    }
}

#[component]
pub fn InstancesSection() -> impl IntoView {
    let ctx = use_ctx();
    let open = expect_context::<OpenEditors>();
    provide_context(HostChoices::new(ctx));
    let len = settled(move || ctx.plan.with(|p| p.instances.len()));
    let InstanceKeys(keys) = expect_context::<InstanceKeys>();
    let InstanceSlices(slices) = expect_context::<InstanceSlices>();
    let add = move |_| {
        let id = ctx.plan.with_untracked(|p| fresh_id(p, "i"));
        open.set(ctx, &id, true);
        let mut at = 0;
        ctx.edit(|p| {
            let inst = medv_sizing::edit::new_instance(p);
            at = p.instances.len();
            p.instances.push(inst);
        });
        // Focus moves to the new instance's first field once it is drawn.
        let first = FieldPath::Instance(at, InstanceField::Name);
        request_animation_frame(move || crate::ui::nav::go_to_field(first));
    };
    view! {
        <section class="card" aria-labelledby="instances-h" id="f-instances" tabindex="-1">
            <h2 id="instances-h">"MED-V instances"</h2>
            <p class="hint">"One row per instance; its name shows every field. Values typed in the table and in the fields below are the same."</p>
            <crate::ui::editor::instance_table::InstanceTable />
            <Show when=move || { len.get() > AUTO_OPEN }>
                <p class="hint">"This plan has many instances: choose a name in the table to edit all its fields here."</p>
            </Show>
            // Keyed by the instance: an editor moves with its row, keeping what was
            // typed into it, when rows before it are removed or moved.
            <For each=move || keys.0.get() key=|k| k.clone() children=move |key| {
                let i = keys.index_of(key.clone());
                // Above a handful of instances the table is the list: only the
                // instances opened from it show their fields.
                let slice = slices.get(&key);
                let id = Memo::new(move |_| slice.with(|x| x.as_ref().map(|x| x.id.clone()).unwrap_or_default()));
                view! {
                    <Show when=move || len.get() <= AUTO_OPEN || open.is_open(&id.get())>
                        <InstanceEditor i=i row_key=key.clone() />
                    </Show>
                }
            } />
            <button type="button" class="add" id="add-instance" data-testid="add-instance" on:click=add disabled=move || full(limits::INSTANCES, len.get())>"Add an instance"</button>
            <AtLimit limit=limits::INSTANCES len=len />
        </section>
    }
}

#[component]
fn InstanceEditor(i: Signal<usize>, row_key: String) -> impl IntoView {
    let ctx = use_ctx();
    let HostChoices {
        names: host_names,
        options: host_options,
    } = expect_context::<HostChoices>();
    let open = expect_context::<OpenEditors>();
    // This instance's part of the plan: its fields re-render when it changes.
    let InstanceSlices(slices) = expect_context::<InstanceSlices>();
    let slice = slices.get(&row_key);
    provide_context(FieldScope::instance(&row_key, slice));
    let assumptions = settled(move || ctx.plan.with(|p| p.assumptions.clone()));
    let title = Memo::new(move |_| {
        slice.with(|x| {
            x.as_ref()
                .map(|x| (x.display_name().to_string(), x.id.clone()))
                .unwrap_or_default()
        })
    });
    let is_open = Memo::new(move |_| open.is_open(&title.get().1));
    let summary = Memo::new(move |_| {
        let host_names = host_names.get();
        slice.with(|x| {
            x.as_ref()
                .map(|x| {
                    let ws: f64 = x.workspaces.iter().map(|w| w.count).sum();
                    let host = match &x.sql_host {
                        None => "its own server".to_string(),
                        Some(id) => host_names
                            .iter()
                            .find(|(h, _)| h == id)
                            .map_or_else(|| id.clone(), |(_, name)| name.clone()),
                    };
                    format!(
                        "{} {} · {} {} · {} · database on {host}",
                        count(x.active_clients),
                        if x.active_clients == 1.0 {
                            "active client"
                        } else {
                            "active clients"
                        },
                        count(ws),
                        if ws == 1.0 { "workspace" } else { "workspaces" },
                        plural(x.consoles.len(), "console", "consoles"),
                    )
                })
                .unwrap_or_default()
        })
    });
    let id_attr = move || format!("f-instances-{}", i.get());
    let at = move |f: InstanceField| Signal::derive(move || FieldPath::Instance(i.get(), f));
    let duplicate = move |_| {
        let mut copy = None;
        ctx.edit(|p| copy = medv_sizing::edit::duplicate_instance(p, i.get_untracked()));
        // The copy opens, with the focus on its name.
        if let Some(at) = copy {
            if let Some(id) = ctx
                .plan
                .with_untracked(|p| p.instances.get(at).map(|x| x.id.clone()))
            {
                open.set(ctx, &id, true);
            }
            let name = FieldPath::Instance(at, InstanceField::Name);
            request_animation_frame(move || crate::ui::nav::go_to_field(name));
        }
    };
    // Moving keeps the focus on the same button of the moved instance.
    let move_to = move |to: usize, button: &'static str| {
        let mut moved = None;
        ctx.edit(|p| moved = medv_sizing::edit::move_instance(p, i.get_untracked(), to));
        if let Some(at) = moved {
            request_animation_frame(move || focus_id(&format!("{button}-{at}")));
        }
    };
    let last = settled(move || ctx.plan.with(|p| p.instances.len().saturating_sub(1)));
    let remove = move |_| {
        let i = i.get_untracked();
        let mut left = 0;
        ctx.remove(
            format!("Removed instance {}.", title.get_untracked().0),
            |p| {
                if i < p.instances.len() {
                    p.instances.remove(i);
                }
                left = p.instances.len();
            },
        );
        // Focus moves to the instance that took its place, else the one before,
        // else the "Add an instance" button.
        let target = if i < left {
            format!("f-instances-{i}")
        } else if left > 0 {
            format!("f-instances-{}", left - 1)
        } else {
            "add-instance".to_string()
        };
        request_animation_frame(move || focus_id(&target));
    };
    let ws_len = Memo::new(move |_| slice.with(|x| x.as_ref().map_or(0, |x| x.workspaces.len())));
    let vm_len = Memo::new(move |_| slice.with(|x| x.as_ref().map_or(0, |x| x.vms.len())));
    let con_len = Memo::new(move |_| slice.with(|x| x.as_ref().map_or(0, |x| x.consoles.len())));
    let recovery_placeholder = Signal::derive(move || {
        let key = match slice.with(|x| x.as_ref().map(|x| x.standby.mode).unwrap_or_default()) {
            StandbyMode::None => Key::RecoveryHoursNone,
            StandbyMode::ColdRestore => Key::RecoveryHoursColdRestore,
            StandbyMode::PassiveSharedStore => Key::RecoveryHoursPassive,
        };
        format!("default {} h", count(assumptions.with(|a| a.get(key))))
    });
    let overrides = move || {
        Key::ALL
            .iter()
            .filter(|k| k.info().per_instance)
            .map(|&k| {
                let placeholder = Signal::derive(move || {
                    format!("plan: {}", count(assumptions.with(|a| a.get(k))))
                });
                view! { <NumberField path=Signal::derive(move || FieldPath::Override(i.get(), k)) placeholder=placeholder /> }
            })
            .collect_view()
    };
    view! {
        <article class="instance" id=id_attr tabindex="-1" data-testid=move || format!("instance-editor-{}", title.get().1)>
            <header class="row-head">
                <h3>{move || title.get().0}<span class="id">" · id "{move || title.get().1}</span></h3>
                <div class="actions">
                    <button
                        type="button"
                        data-testid=move || format!("toggle-{}", title.get().1)
                        aria-expanded=move || is_open.get().to_string()
                        aria-label=move || format!("{} instance {}", if is_open.get() { "Hide the fields of" } else { "Show the fields of" }, title.get().0)
                        on:click=move |_| open.set(ctx, &title.get_untracked().1, !is_open.get_untracked())
                    >
                        {move || if is_open.get() { "Hide the fields" } else { "Show the fields" }}
                    </button>
                    <button type="button" id=move || format!("move-up-{}", i.get()) on:click=move |_| move_to(i.get_untracked().saturating_sub(1), "move-up") disabled=move || i.get() == 0 aria-label=move || format!("Move instance {} up", title.get().0)>"↑"</button>
                    <button type="button" id=move || format!("move-down-{}", i.get()) on:click=move |_| move_to(i.get_untracked() + 1, "move-down") disabled=move || { i.get() >= last.get() } aria-label=move || format!("Move instance {} down", title.get().0)>"↓"</button>
                    <button type="button" on:click=duplicate disabled=move || full(limits::INSTANCES, ctx.plan.with(|p| p.instances.len())) aria-label=move || format!("Duplicate instance {}", title.get().0)>"Duplicate"</button>
                    <button type="button" class="danger" on:click=remove aria-label=move || format!("Remove instance {}", title.get().0)>"Remove"</button>
                </div>
            </header>
            <p class="hint">{move || summary.get()}</p>
            <Show when=move || is_open.get()>
            <div class="grid">
                <Field path=at(InstanceField::Name) />
                <Field path=at(InstanceField::ActiveClients) />
                <Field path=at(InstanceField::Id) />
            </div>
            <fieldset>
                <legend>"MED-V server"</legend>
                <div class="grid">
                    {[
                        InstanceField::ServerForm,
                        InstanceField::ServerCpuGhz,
                        InstanceField::ServerCores,
                        InstanceField::ServerRamGb,
                        InstanceField::ServerOs,
                    ]
                    .map(|f| view! { <Field path=at(f) /> })
                    .collect_view()}
                    <Field path=at(InstanceField::ServerSite) options=site_options() />
                    <Field path=at(InstanceField::ClientsSite) options=site_options() />
                    <Field path=at(InstanceField::ServerActiveServers) />
                </div>
            </fieldset>
            <fieldset>
                <legend>"Fault tolerance"</legend>
                <h4>"Workspaces and their offline policy"</h4>
                <div class="rows" data-testid="workspaces" tabindex="-1" id=move || at(InstanceField::Workspaces).get().dom_id()>
                    <For each=move || 0..ws_len.get() key=|j| *j children=move |j| view! { <WorkspaceRow i=i j=j /> } />
                </div>
                <button
                    type="button"
                    class="add"
                    data-testid="add-workspace"
                    disabled=move || full(limits::WORKSPACES, ws_len.get())
                    on:click=move |_| ctx.edit(|p| if let Some(x) = p.instances.get_mut(i.get_untracked()) { let n = x.workspaces.len() + 1; x.workspaces.push(Workspace { name: format!("{} workspace {n}", x.display_name()), ..Workspace::default() }) })
                >
                    "Add a workspace"
                </button>
                <AtLimit limit=limits::WORKSPACES len=ws_len />
                <details class="vms" open=move || vm_len.get() > 0>
                    <summary>"Count workspaces from VMs and policies"</summary>
                    <p class="hint">"A workspace is one VM and one policy: list each VM with the number of distinct policies its users need, and the workspaces stored are their sum (instead of the counts above)."</p>
                    <div class="rows" data-testid="vms" tabindex="-1" id=move || at(InstanceField::Vms).get().dom_id()>
                        <For each=move || 0..vm_len.get() key=|j| *j children=move |j| view! { <VmRow i=i j=j /> } />
                    </div>
                    <button
                        type="button"
                        class="add"
                        data-testid="add-vm"
                        disabled=move || full(limits::VMS, vm_len.get())
                        on:click=move |_| ctx.edit(|p| if let Some(x) = p.instances.get_mut(i.get_untracked()) { let n = x.vms.len() + 1; x.vms.push(Vm { name: format!("VM {n}"), ..Vm::default() }) })
                    >
                        "Add a VM"
                    </button>
                    <AtLimit limit=limits::VMS len=vm_len />
                </details>
                <div class="grid">
                    <Field path=at(InstanceField::StandbyMode) />
                    <Field path=at(InstanceField::StandbyRecoveryHours) placeholder=recovery_placeholder />
                </div>
            </fieldset>
            <fieldset>
                <legend>"Database"</legend>
                <div class="grid">
                    <Field path=at(InstanceField::SqlHost) options=host_options />
                    <Field path=at(InstanceField::ReportingBufferIops) placeholder="modelled from consoles" />
                </div>
                <details class="overrides">
                    <summary>"Assumptions for this instance only"</summary>
                    <p class="hint">"Empty fields use the plan's value."</p>
                    <div class="grid">{overrides()}</div>
                </details>
            </fieldset>
            <fieldset>
                <legend>"Management consoles"</legend>
                <div class="rows" data-testid="consoles" tabindex="-1" id=move || at(InstanceField::Consoles).get().dom_id()>
                    <For each=move || 0..con_len.get() key=|j| *j children=move |j| view! { <ConsoleRow i=i j=j /> } />
                </div>
                <button
                    type="button"
                    class="add"
                    data-testid="add-console"
                    disabled=move || full(limits::CONSOLES, con_len.get())
                    on:click=move |_| ctx.edit(|p| {
                        let typical = p.typical_client.clone();
                        if let Some(x) = p.instances.get_mut(i.get_untracked()) {
                            let n = x.consoles.len() + 1;
                            x.consoles.push(Console { name: format!("{} console {n}", x.display_name()), os: typical.os, ram_gb: typical.ram_gb, cpu_ghz: typical.cpu_ghz, ..Console::default() })
                        }
                    })
                >
                    "Add a console"
                </button>
                <AtLimit limit=limits::CONSOLES len=con_len />
            </fieldset>
            </Show>
        </article>
    }
}

#[component]
fn WorkspaceRow(i: Signal<usize>, j: usize) -> impl IntoView {
    let ctx = use_ctx();
    let remove = move |_| {
        ctx.remove("Removed a workspace.".into(), |p| {
            if let Some(x) = p.instances.get_mut(i.get_untracked()) {
                if j < x.workspaces.len() {
                    x.workspaces.remove(j);
                }
            }
        });
    };
    view! {
        <div class="row" data-testid="workspace-row">
            {WorkspaceField::ALL
                .iter()
                .map(|&f| view! { <FieldIfApplies path=Signal::derive(move || FieldPath::Workspace(i.get(), j, f)) /> })
                .collect_view()}
            <button type="button" class="danger quiet" on:click=remove aria-label=format!("Remove workspace {}", j + 1)>"Remove"</button>
        </div>
    }
}

#[component]
fn VmRow(i: Signal<usize>, j: usize) -> impl IntoView {
    let ctx = use_ctx();
    let remove = move |_| {
        ctx.remove("Removed a VM.".into(), |p| {
            if let Some(x) = p.instances.get_mut(i.get_untracked()) {
                if j < x.vms.len() {
                    x.vms.remove(j);
                }
            }
        });
    };
    view! {
        <div class="row" data-testid="vm-row">
            {VmField::ALL
                .iter()
                .map(|&f| view! { <Field path=Signal::derive(move || FieldPath::Vm(i.get(), j, f)) /> })
                .collect_view()}
            <button type="button" class="danger quiet" on:click=remove aria-label=format!("Remove VM {}", j + 1)>"Remove"</button>
        </div>
    }
}

#[component]
fn ConsoleRow(i: Signal<usize>, j: usize) -> impl IntoView {
    let ctx = use_ctx();
    let remove = move |_| {
        ctx.remove("Removed a console.".into(), |p| {
            if let Some(x) = p.instances.get_mut(i.get_untracked()) {
                if j < x.consoles.len() {
                    x.consoles.remove(j);
                }
            }
        });
    };
    view! {
        <div class="row" data-testid="console-row">
            {ConsoleField::ALL
                .iter()
                .map(|&f| match f {
                    ConsoleField::Site => view! { <Field path=Signal::derive(move || FieldPath::Console(i.get(), j, f)) options=site_options() /> }.into_any(),
                    _ => view! { <Field path=Signal::derive(move || FieldPath::Console(i.get(), j, f)) /> }.into_any(),
                })
                .collect_view()}
            <button type="button" class="danger quiet" on:click=remove aria-label=format!("Remove console {}", j + 1)>"Remove"</button>
        </div>
    }
}

/// Where MED-V users, servers and consoles are, and the links between sites.
#[component]
pub fn SitesSection() -> impl IntoView {
    let ctx = use_ctx();
    let sites = Memo::new(move |_| ctx.plan.with(|p| p.sites.len()));
    let links = Memo::new(move |_| ctx.plan.with(|p| p.site_links.len()));
    // Instances needed and planned per site, beside its row.
    let needs = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.sites
                .iter()
                .map(|s| (s.instances_needed, s.instances_planned))
                .collect::<Vec<_>>()
        })
    });
    provide_context(SiteNeeds(needs));
    let library = expect_context::<crate::edge::persist::Library>();
    let create = move |_| {
        let mut done = medv_sizing::edit::SiteInstances::default();
        let before = ctx.plan.with_untracked(|p| p.instances.len());
        ctx.edit(|p| done = medv_sizing::edit::create_site_instances(p));
        let mut text = if done.created.is_empty() {
            "Every site with users has the instances it needs: nothing was added.".to_string()
        } else {
            format!(
                "Added {}: {}. Each has its clients, server and console at its site{}.",
                plural(done.created.len(), "instance", "instances"),
                done.created.join(", "),
                if ctx.plan.with_untracked(|p| p.sql_hosts.len() == 1) {
                    " and its database on the plan's SQL Server host"
                } else {
                    ""
                }
            )
        };
        if !done.without_users.is_empty() {
            text.push_str(&format!(
                " Give the users of {} to count the instances it needs.",
                done.without_users.join(", ")
            ));
        }
        if !done.without_id.is_empty() {
            text.push_str(&format!(
                " {} no id, so no instance can be placed there.",
                if done.without_id.len() == 1 {
                    format!("{} has", done.without_id[0])
                } else {
                    format!("{} have", done.without_id.join(", "))
                }
            ));
        }
        if done.over_limit > 0 {
            text.push_str(&format!(
                " {} not added: a plan holds at most {} instances.",
                plural(done.over_limit, "instance was", "instances were"),
                count(limits::INSTANCES.max as f64)
            ));
        }
        library
            .notice
            .set(Some(crate::edge::persist::Notice::Info(text)));
        if !done.created.is_empty() {
            let first = FieldPath::Instance(before, InstanceField::Name);
            crate::ui::nav::reveal_and_focus(ctx, expect_context::<OpenEditors>(), first);
        }
    };
    let add_site = move |_| {
        ctx.edit(|p| {
            let n = p.sites.len() + 1;
            let id = (n..)
                .map(|k| format!("site{k}"))
                .find(|id| !p.sites.iter().any(|s| &s.id == id))
                .unwrap_or_default();
            let mut site = Site::new(id);
            site.name = format!("Site {n}");
            p.sites.push(site);
        })
    };
    let add_link = move |_| {
        ctx.edit(|p| {
            let a = p.sites.first().map(|s| s.id.clone()).unwrap_or_default();
            let b = p.sites.get(1).map(|s| s.id.clone()).unwrap_or_default();
            p.site_links.push(SiteLink { a, b, mbps: None });
        })
    };
    view! {
        <section class="card" aria-labelledby="sites-h">
            <h2 id="sites-h">"Sites"</h2>
            <p class="hint">"Where MED-V users are, and the bandwidth between sites. With sites, instances are counted per site (⌈users / 5,000⌉ each) and a database at another site than its MED-V server is judged across the link between them. Without sites, site fields stay free text."</p>
            <table class="edit-table sites-table" id="f-sites" tabindex="-1" data-testid="sites">
                <thead><tr><th scope="col">"Site"</th><th scope="col">"MED-V users"</th><th scope="col">"Instances needed"</th><th scope="col">"Planned"</th><th scope="col">"Id"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>
                    <For each=move || 0..sites.get() key=|k| *k children=move |k| view! { <SiteRow k=k /> } />
                </tbody>
            </table>
            <div class="actions">
                <button type="button" class="add" data-testid="add-site" on:click=add_site disabled=move || full(limits::SITES, sites.get())>"Add a site"</button>
                <button type="button" data-testid="create-site-instances" on:click=create disabled=move || sites.get() == 0>"Create the instances these sites need"</button>
            </div>
            <AtLimit limit=limits::SITES len=sites />
            <h3>"Links between sites"</h3>
            <div class="rows" id="f-site_links" tabindex="-1" data-testid="site-links">
                <For each=move || 0..links.get() key=|k| *k children=move |k| view! { <SiteLinkRow k=k /> } />
            </div>
            <button type="button" class="add" data-testid="add-site-link" on:click=add_link disabled=move || full(limits::SITE_LINKS, links.get())>"Add a link"</button>
            <AtLimit limit=limits::SITE_LINKS len=links />
        </section>
    }
}

/// Instances needed and planned per site, in the plan's site order.
#[derive(Clone, Copy)]
struct SiteNeeds(Memo<Vec<(Option<f64>, usize)>>);

#[component]
fn SiteRow(k: usize) -> impl IntoView {
    let ctx = use_ctx();
    let SiteNeeds(needs) = expect_context();
    let need = Memo::new(move |_| needs.with(|n| n.get(k).copied()));
    let name = Memo::new(move |_| {
        ctx.plan
            .with(|p| p.sites.get(k).map(|s| s.display_name().to_string()))
            .unwrap_or_default()
    });
    let remove = move |_| {
        ctx.remove("Removed a site.".into(), |p| {
            if k < p.sites.len() {
                p.sites.remove(k);
            }
        });
    };
    view! {
        <tr data-testid="site-row">
            <td><Field path=FieldPath::Site(k, SiteField::Name) placeholder="not given" /></td>
            <td><Field path=FieldPath::Site(k, SiteField::Users) placeholder="not given" /></td>
            <td class="num" data-testid="site-needed">{move || match need.get() {
                Some((Some(n), _)) => count(n),
                _ => "give its users".to_string(),
            }}</td>
            <td class="num" data-testid="site-planned">{move || need.get().map(|(_, p)| p.to_string()).unwrap_or_default()}</td>
            <td class="site-id"><Field path=FieldPath::Site(k, SiteField::Id) /></td>
            <td><button type="button" class="danger quiet" on:click=remove aria-label=move || format!("Remove site {}", name.get())>"Remove"</button></td>
        </tr>
    }
}

#[component]
fn SiteLinkRow(k: usize) -> impl IntoView {
    let ctx = use_ctx();
    let remove = move |_| {
        ctx.remove("Removed a link.".into(), |p| {
            if k < p.site_links.len() {
                p.site_links.remove(k);
            }
        });
    };
    view! {
        <div class="row" data-testid="site-link-row">
            <Field path=FieldPath::SiteLink(k, SiteLinkField::A) options=site_options() />
            <Field path=FieldPath::SiteLink(k, SiteLinkField::B) options=site_options() />
            <Field path=FieldPath::SiteLink(k, SiteLinkField::Mbps) placeholder="not given" />
            <button type="button" class="danger quiet" on:click=remove aria-label=format!("Remove link {}", k + 1)>"Remove"</button>
        </div>
    }
}

#[component]
pub fn HostsSection() -> impl IntoView {
    let ctx = use_ctx();
    let len = settled(move || ctx.plan.with(|p| p.sql_hosts.len()));
    let HostKeys(keys) = expect_context::<HostKeys>();
    let org = expect_context::<crate::edge::defaults::OrgDefaults>();
    let add = move |_| {
        ctx.edit(|p| {
            let mut h = org.new_host(&fresh_id(p, "sql"));
            h.name = format!("SQL Server {}", p.sql_hosts.len() + 1);
            p.sql_hosts.push(h);
        })
    };
    view! {
        <section class="card" aria-labelledby="hosts-h">
            <h2 id="hosts-h">"SQL Server hosts"</h2>
            <p class="hint">"An instance without a host keeps its database on its own MED-V server. Several instances may share a host: their reports then include each other's events."</p>
            <For each=move || keys.0.get() key=|k| k.clone() children=move |key| view! { <HostEditor h=keys.index_of(key.clone()) row_key=key /> } />
            <button type="button" class="add" data-testid="add-host" on:click=add disabled=move || full(limits::SQL_HOSTS, len.get())>"Add a SQL Server host"</button>
            <AtLimit limit=limits::SQL_HOSTS len=len />
        </section>
    }
}

#[component]
fn HostEditor(h: Signal<usize>, row_key: String) -> impl IntoView {
    let ctx = use_ctx();
    let HostSlices(hosts) = expect_context::<HostSlices>();
    let slice = hosts.get(&row_key);
    provide_context(FieldScope::host(&row_key, slice));
    let title = Memo::new(move |_| {
        slice.with(|x| {
            x.as_ref()
                .map(|x| (x.display_name().to_string(), x.id.clone()))
                .unwrap_or_default()
        })
    });
    let instance_options = settled(move || {
        ctx.plan.with(|p| {
            let mut o = vec![(String::new(), "(choose an instance)".to_string())];
            o.extend(
                p.instances
                    .iter()
                    .map(|x| (x.id.clone(), x.display_name().to_string())),
            );
            o
        })
    });
    let remove = move |_| {
        ctx.remove(
            format!("Removed SQL Server host {}.", title.get_untracked().0),
            |p| {
                let h = h.get_untracked();
                if h < p.sql_hosts.len() {
                    let gone = p.sql_hosts.remove(h).id;
                    // Their databases go back to their own servers rather than dangle.
                    for x in &mut p.instances {
                        if x.sql_host.as_deref() == Some(gone.as_str()) {
                            x.sql_host = None;
                        }
                    }
                }
            },
        );
    };
    view! {
        <article class="host" id=move || format!("f-sql_hosts-{}", h.get()) tabindex="-1" data-testid=move || format!("host-editor-{}", title.get().1)>
            <header class="row-head">
                <h3>{move || title.get().0}<span class="id">" · id "{move || title.get().1}</span></h3>
                <div class="actions">
                    <button type="button" class="danger" on:click=remove aria-label=move || format!("Remove SQL Server host {}", title.get().0)>"Remove"</button>
                </div>
            </header>
            <div class="grid">
                {HostField::ALL
                    .iter()
                    .map(|&f| (f, Signal::derive(move || FieldPath::Host(h.get(), f))))
                    .map(|(f, at)| match f {
                        HostField::CoLocatedWith => view! { <FieldIfApplies path=at options=instance_options /> }.into_any(),
                        HostField::Site => view! { <FieldIfApplies path=at options=site_options() /> }.into_any(),
                        HostField::LinkMbps | HostField::ExistingDatabaseGb | HostField::ExistingIops => {
                            view! { <FieldIfApplies path=at placeholder="not given" /> }.into_any()
                        }
                        _ => view! { <FieldIfApplies path=at /> }.into_any(),
                    })
                    .collect_view()}
            </div>
        </article>
    }
}

/// Whether `len` rows already fill the plan format's `limit`.
fn full(limit: Limit, len: usize) -> bool {
    !limits::room_for_one(&limit, len)
}

/// Says that a list is at the plan format's limit, once it is.
#[component]
fn AtLimit(limit: Limit, #[prop(into)] len: Signal<usize>) -> impl IntoView {
    move || {
        full(limit, len.get()).then(|| {
            view! {
                <p class="hint" data-testid="at-limit">
                    {format!("This is the plan format's limit: at most {} {}.", count(limit.max as f64), limit.what)}
                </p>
            }
        })
    }
}
