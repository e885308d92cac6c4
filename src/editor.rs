//! The editing side, in the guide's order: the plan and its worksheet, the
//! assumptions, then each MED-V instance (server, fault tolerance, database,
//! consoles), then the SQL Server hosts.

use leptos::prelude::*;
use medv_sizing::assumptions::Key;
use medv_sizing::plan::*;
use medv_sizing::units::count;

use crate::fields::{options, CheckField, NumberField, SelectField, TextField};
use crate::state::{enum_name, fresh_id, use_ctx, ChoiceLens, FieldScope, NumLens, TextLens};
use crate::{inst_enum, inst_num, inst_opt_num, inst_text, row_bool, row_enum, row_num, row_text};

/// The last plan before a removal, so one click can bring it back.
#[derive(Clone, Copy)]
pub struct Undo(pub RwSignal<Option<(String, Plan)>>);

impl Undo {
    /// Keeps the plan as it is now, before a removal described by `what`.
    pub fn remember(self, ctx: crate::state::Ctx, what: String) {
        self.0.set(Some((what, ctx.plan.get_untracked())));
    }
}

#[component]
pub fn UndoBar() -> impl IntoView {
    let ctx = use_ctx();
    let Undo(undo) = expect_context::<Undo>();
    move || {
        undo.get().map(|(what, before)| {
            let before = StoredValue::new(before);
            view! {
                <div class="undo-bar" role="status" data-testid="undo-bar">
                    <span>{what}</span>
                    <button
                        type="button"
                        data-testid="undo"
                        on:click=move |_| {
                            ctx.replace_plan(before.get_value());
                            undo.set(None);
                        }
                    >
                        "Undo"
                    </button>
                    <button type="button" class="quiet" on:click=move |_| undo.set(None) aria-label="Dismiss">"✕"</button>
                </div>
            }
        })
    }
}

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
            <TextField label="Plan name" path="name" lens=TextLens::new(|p| Some(p.name.clone()), |p, v| p.name = v) placeholder="Untitled plan" />
            <TextField label="Notes" path="notes" multiline=true max_chars=20_000 lens=TextLens::new(|p| Some(p.notes.clone()), |p, v| p.notes = v) />
            <fieldset>
                <legend>"How many instances? (step 2 of the MED-V design process)"</legend>
                <div class="grid">
                    <NumberField label="Total users" path="total_users" optional=true lens=NumLens::new(|p| p.total_users, |p, v| p.total_users = v) placeholder="not given" />
                    <NumberField
                        label="Separate-instance reasons"
                        path="separate_instance_reasons"
                        lens=NumLens::new(|p| Some(p.separate_instance_reasons), |p, v| if let Some(v) = v { p.separate_instance_reasons = v })
                    />
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
                <legend>"Organization standards"</legend>
                <div class="grid">
                    <NumberField
                        label="Standard server RAM"
                        unit="GB"
                        path="standard_server_ram_gb"
                        lens=NumLens::new(|p| Some(p.standard_server_ram_gb), |p, v| if let Some(v) = v { p.standard_server_ram_gb = v })
                    />
                    <SelectField
                        label="Typical client OS"
                        path="typical_client.os"
                        lens=ChoiceLens::of_enum(|p| Some(p.typical_client.os), |p, v| p.typical_client.os = v)
                        options=options(&ClientOs::ALL, ClientOs::label)
                    />
                    <NumberField
                        label="Typical client RAM"
                        unit="GB"
                        path="typical_client.ram_gb"
                        lens=NumLens::new(|p| Some(p.typical_client.ram_gb), |p, v| if let Some(v) = v { p.typical_client.ram_gb = v })
                    />
                    <NumberField
                        label="Typical client CPU"
                        unit="GHz"
                        path="typical_client.cpu_ghz"
                        lens=NumLens::new(|p| Some(p.typical_client.cpu_ghz), |p, v| if let Some(v) = v { p.typical_client.cpu_ghz = v })
                    />
                </div>
            </fieldset>
        </section>
    }
}

#[component]
pub fn AssumptionsSection() -> impl IntoView {
    let ctx = use_ctx();
    let rows = Key::ALL
        .iter()
        .map(|&k| {
            let info = k.info();
            let path = format!("assumptions.{}", info.name);
                        let at_default = Memo::new(move |_| ctx.plan.with(|p| p.assumptions.get(k) == info.default));
            view! {
                <div class="assumption" data-testid=format!("assumption-{}", info.name)>
                    <NumberField
                        label=info.label
                        unit=info.unit
                        path=path
                        lens=NumLens::new(move |p| Some(p.assumptions.get(k)), move |p, v| if let Some(v) = v { p.assumptions.set(k, v) })
                    />
                    <p class="provenance">
                        {if info.documented {
                            view! { <span class="badge badge-doc">"Documented"</span> }.into_any()
                        } else {
                            view! { <span class="badge badge-ours">"[our assumption]"</span> }.into_any()
                        }}
                        " Default "{count(info.default)}" "{info.unit}". "{info.source}"."
                        {(!info.per_instance).then_some(" Plan-wide.")}
                    </p>
                    <button
                        type="button"
                        class="quiet"
                        disabled=move || at_default.get()
                        aria-label=format!("Reset to default: {}", info.label)
                        on:click=move |_| {
                            ctx.rows_shifted();
                            ctx.edit(|p| p.assumptions.set(k, info.default));
                        }
                    >
                        "Reset to default"
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

/// Instance editors show all their fields while a plan has at most this many
/// instances; beyond, each opens on request, so a large plan stays short and fast.
pub const AUTO_OPEN: usize = 6;

/// Which instance editors show their fields: `None` follows [`AUTO_OPEN`], `Some`
/// lists the open ones by id once the user has opened or closed one.
#[derive(Clone, Copy)]
pub struct OpenEditors {
    open: RwSignal<Option<std::collections::HashSet<String>>>,
    count: Memo<usize>,
}

impl OpenEditors {
    pub fn new(ctx: crate::state::Ctx) -> Self {
        let open = RwSignal::new(None);
        // A different plan starts from the automatic choice again.
        Effect::new(move |first: Option<()>| {
            ctx.generation.track();
            if first.is_some() {
                open.set(None);
            }
        });
        Self {
            open,
            count: Memo::new(move |_| ctx.plan.with(|p| p.instances.len())),
        }
    }

    pub fn is_open(self, id: &str) -> bool {
        self.open.with(|s| match s {
            Some(set) => set.contains(id),
            None => self.count.get() <= AUTO_OPEN,
        })
    }

    pub fn set(self, ctx: crate::state::Ctx, id: &str, open: bool) {
        let auto = self.count.get_untracked() <= AUTO_OPEN;
        self.open.update(|s| {
            let set = s.get_or_insert_with(|| {
                if auto {
                    ctx.plan
                        .with_untracked(|p| p.instances.iter().map(|i| i.id.clone()).collect())
                } else {
                    Default::default()
                }
            });
            if open {
                set.insert(id.to_string());
            } else {
                set.remove(id);
            }
        });
    }
}

#[component]
pub fn InstancesSection() -> impl IntoView {
    let ctx = use_ctx();
    let open = expect_context::<OpenEditors>();
    let len = Memo::new(move |_| ctx.plan.with(|p| p.instances.len()));
    let add = move |_| {
        let id = ctx.plan.with_untracked(|p| fresh_id(p, "i"));
        open.set(ctx, &id, true);
        ctx.edit(|p| {
            let mut inst = Instance::new(id, 1_000.0);
            inst.name = format!("Instance {}", p.instances.len() + 1);
            inst.workspaces.push(Workspace {
                name: format!("{} workspace", inst.name),
                ..Workspace::default()
            });
            p.instances.push(inst);
        });
    };
    view! {
        <section class="card" aria-labelledby="instances-h" id="f-instances" tabindex="-1">
            <h2 id="instances-h">"MED-V instances"</h2>
            <Show when=move || { len.get() > AUTO_OPEN }>
                <p class="hint">"This plan has many instances: open one to edit its fields."</p>
            </Show>
            <For each=move || 0..len.get() key=|i| *i children=move |i| view! { <InstanceEditor i=i /> } />
            <button type="button" class="add" data-testid="add-instance" on:click=add>"Add an instance"</button>
        </section>
    }
}

#[component]
fn InstanceEditor(i: usize) -> impl IntoView {
    let ctx = use_ctx();
    let undo = expect_context::<Undo>();
    let open = expect_context::<OpenEditors>();
    // This instance's part of the plan: its fields re-render when it changes.
    let slice = Memo::new(move |_| ctx.plan.with(|p| p.instances.get(i).cloned()));
    provide_context(FieldScope::new(
        ctx,
        Signal::derive(move || slice.track()),
        Some(format!("instances[{i}].")),
    ));
    let assumptions = Memo::new(move |_| ctx.plan.with(|p| p.assumptions.clone()));
    let title = Memo::new(move |_| {
        slice.with(|x| {
            x.as_ref()
                .map(|x| (x.display_name().to_string(), x.id.clone()))
                .unwrap_or_default()
        })
    });
    let is_open = Memo::new(move |_| open.is_open(&title.get().1));
    let summary = Memo::new(move |_| {
        slice.with(|x| {
            x.as_ref()
                .map(|x| {
                    let ws: f64 = x.workspaces.iter().map(|w| w.count).sum();
                    format!(
                        "{} active clients · {} workspace(s) · {} console(s) · database on {}",
                        count(x.active_clients),
                        count(ws),
                        x.consoles.len(),
                        x.sql_host
                            .clone()
                            .unwrap_or_else(|| "its own server".into())
                    )
                })
                .unwrap_or_default()
        })
    });
    let id_attr = medv_sizing::input::field_dom_id(&format!("instances[{i}]"));
    let p = move |rest: &str| format!("instances[{i}].{rest}");
    let duplicate = move |_| {
        ctx.edit(|p| {
            if let Some(src) = p.instances.get(i).cloned() {
                let mut copy = src;
                copy.id = fresh_id(p, "i");
                copy.name = format!("{} (copy)", copy.display_name());
                for w in &mut copy.workspaces {
                    w.name = format!("{} (copy)", w.name);
                }
                for c in &mut copy.consoles {
                    c.name = format!("{} (copy)", c.name);
                }
                p.instances.insert(i + 1, copy);
            }
        });
        ctx.rows_shifted();
    };
    let remove = move |_| {
        undo.remember(
            ctx,
            format!("Removed instance {}.", title.get_untracked().0),
        );
        ctx.edit(|p| {
            if i < p.instances.len() {
                p.instances.remove(i);
            }
        });
        ctx.rows_shifted();
    };
    let host_options = Memo::new(move |_| {
        ctx.plan.with(|p| {
            let mut o = vec![(
                String::new(),
                "On this MED-V server (co-located, default)".to_string(),
            )];
            o.extend(p.sql_hosts.iter().map(|h| {
                (
                    h.id.clone(),
                    format!("{} ({})", h.display_name(), h.placement.label()),
                )
            }));
            o
        })
    });
    let ws_len = Memo::new(move |_| slice.with(|x| x.as_ref().map_or(0, |x| x.workspaces.len())));
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
            let info = k.info();
            let placeholder = Signal::derive(move || format!("plan: {}", count(assumptions.with(|a| a.get(k)))));
            view! {
                <NumberField
                    label=info.label
                    unit=info.unit
                    optional=true
                    placeholder=placeholder
                    path=p(&format!("overrides.{}", info.name))
                    lens=NumLens::new(
                        move |p| p.instances.get(i).and_then(|x| x.overrides.get(k)),
                        move |p, v| if let Some(x) = p.instances.get_mut(i) { x.overrides.set(k, v) },
                    )
                />
            }
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
                    <button type="button" on:click=duplicate aria-label=move || format!("Duplicate instance {}", title.get().0)>"Duplicate"</button>
                    <button type="button" class="danger" on:click=remove aria-label=move || format!("Remove instance {}", title.get().0)>"Remove"</button>
                </div>
            </header>
            <p class="hint">{move || summary.get()}</p>
            <Show when=move || is_open.get()>
            <div class="grid">
                <TextField label="Instance name" path=p("name") lens=inst_text!(i, name) />
                <NumberField label="Active clients" path=p("active_clients") lens=inst_num!(i, active_clients) />
            </div>
            <fieldset>
                <legend>"MED-V server"</legend>
                <div class="grid">
                    <SelectField
                        label="Form factor"
                        path=p("server.form")
                        lens=inst_enum!(i, server.form)
                        options=vec![(enum_name(&ServerForm::Physical), "Physical server".to_string()), (enum_name(&ServerForm::HyperVVm), "Hyper-V virtual machine".to_string())]
                    />
                    <NumberField label="CPU" unit="GHz" path=p("server.cpu_ghz") lens=inst_num!(i, server.cpu_ghz) />
                    <NumberField label="Cores" path=p("server.cores") lens=inst_num!(i, server.cores) />
                    <NumberField label="RAM" unit="GB" path=p("server.ram_gb") lens=inst_num!(i, server.ram_gb) />
                    <SelectField label="Operating system" path=p("server.os") lens=inst_enum!(i, server.os) options=options(&ServerOs::ALL, ServerOs::label) />
                    <TextField label="Site" path=p("server.site") lens=inst_text!(i, server.site) placeholder="nearest its clients" />
                    <NumberField label="Active servers" path=p("server.active_servers") lens=inst_num!(i, server.active_servers) />
                </div>
            </fieldset>
            <fieldset>
                <legend>"Fault tolerance"</legend>
                <h4>"Workspaces and their offline policy"</h4>
                <div class="rows" data-testid="workspaces" tabindex="-1" id=medv_sizing::input::field_dom_id(&p("workspaces"))>
                    <For each=move || 0..ws_len.get() key=|j| *j children=move |j| view! { <WorkspaceRow i=i j=j /> } />
                </div>
                <button
                    type="button"
                    class="add"
                    data-testid="add-workspace"
                    on:click=move |_| ctx.edit(|p| if let Some(x) = p.instances.get_mut(i) { let n = x.workspaces.len() + 1; x.workspaces.push(Workspace { name: format!("{} workspace {n}", x.display_name()), ..Workspace::default() }) })
                >
                    "Add a workspace"
                </button>
                <div class="grid">
                    <SelectField
                        label="Standby"
                        path=p("standby.mode")
                        lens=inst_enum!(i, standby.mode)
                        options=options(&[StandbyMode::None, StandbyMode::ColdRestore, StandbyMode::PassiveSharedStore], StandbyMode::label)
                    />
                    <NumberField label="Expected recovery time" unit="h" optional=true placeholder=recovery_placeholder path=p("standby.recovery_hours") lens=inst_opt_num!(i, standby.recovery_hours) />
                </div>
            </fieldset>
            <fieldset>
                <legend>"Database"</legend>
                <div class="grid">
                    <SelectField
                        label="SQL Server holding the database"
                        path=p("sql_host")
                        lens=ChoiceLens::new(move |p| p.instances.get(i).map(|x| x.sql_host.clone().unwrap_or_default()), move |p, v| if let Some(x) = p.instances.get_mut(i) { x.sql_host = (!v.is_empty()).then_some(v) })
                        options=host_options
                    />
                    <NumberField label="Reporting buffer, typed" unit="IOPS" optional=true placeholder="modelled from consoles" path=p("reporting_buffer_iops") lens=inst_opt_num!(i, reporting_buffer_iops) />
                </div>
                <details class="overrides">
                    <summary>"Assumptions for this instance only"</summary>
                    <p class="hint">"Empty fields use the plan's value."</p>
                    <div class="grid">{overrides()}</div>
                </details>
            </fieldset>
            <fieldset>
                <legend>"Management consoles"</legend>
                <div class="rows" data-testid="consoles" tabindex="-1" id=medv_sizing::input::field_dom_id(&p("consoles"))>
                    <For each=move || 0..con_len.get() key=|j| *j children=move |j| view! { <ConsoleRow i=i j=j /> } />
                </div>
                <button
                    type="button"
                    class="add"
                    data-testid="add-console"
                    on:click=move |_| ctx.edit(|p| {
                        let typical = p.typical_client.clone();
                        if let Some(x) = p.instances.get_mut(i) {
                            let n = x.consoles.len() + 1;
                            x.consoles.push(Console { name: format!("{} console {n}", x.display_name()), os: typical.os, ram_gb: typical.ram_gb, cpu_ghz: typical.cpu_ghz, ..Console::default() })
                        }
                    })
                >
                    "Add a console"
                </button>
            </fieldset>
            </Show>
        </article>
    }
}

#[component]
fn WorkspaceRow(i: usize, j: usize) -> impl IntoView {
    let ctx = use_ctx();
    let undo = expect_context::<Undo>();
    let p = move |rest: &str| format!("instances[{i}].workspaces[{j}].{rest}");
    let restricted = Memo::new(move |_| {
        ctx.plan.with(|p| {
            p.instances
                .get(i)
                .and_then(|x| x.workspaces.get(j))
                .is_some_and(|w| w.offline == OfflinePolicy::Restricted)
        })
    });
    let remove = move |_| {
        undo.remember(ctx, "Removed a workspace.".into());
        ctx.edit(|p| {
            if let Some(x) = p.instances.get_mut(i) {
                if j < x.workspaces.len() {
                    x.workspaces.remove(j);
                }
            }
        });
        ctx.rows_shifted();
    };
    view! {
        <div class="row" data-testid="workspace-row">
            <TextField label="Workspace" path=p("name") lens=row_text!(i, workspaces, j, name) />
            <NumberField label="Count" path=p("count") lens=row_num!(i, workspaces, j, count) />
            <SelectField
                label="Offline work"
                path=p("offline")
                lens=row_enum!(i, workspaces, j, offline)
                options=vec![
                    (enum_name(&OfflinePolicy::NotPermitted), "Not permitted".to_string()),
                    (enum_name(&OfflinePolicy::Restricted), "Restricted to a limit".to_string()),
                    (enum_name(&OfflinePolicy::Unrestricted), "Unrestricted".to_string()),
                ]
            />
            <Show when=move || restricted.get()>
                <NumberField label="Offline limit" unit="h" path=p("offline_limit_hours") lens=row_num!(i, workspaces, j, offline_limit_hours) />
                <CheckField label="Delete when offline too long" path=p("delete_when_offline_too_long") lens=row_bool!(i, workspaces, j, delete_when_offline_too_long) />
            </Show>
            <button type="button" class="danger quiet" on:click=remove aria-label=format!("Remove workspace {}", j + 1)>"Remove"</button>
        </div>
    }
}

#[component]
fn ConsoleRow(i: usize, j: usize) -> impl IntoView {
    let ctx = use_ctx();
    let undo = expect_context::<Undo>();
    let p = move |rest: &str| format!("instances[{i}].consoles[{j}].{rest}");
    let remove = move |_| {
        undo.remember(ctx, "Removed a console.".into());
        ctx.edit(|p| {
            if let Some(x) = p.instances.get_mut(i) {
                if j < x.consoles.len() {
                    x.consoles.remove(j);
                }
            }
        });
        ctx.rows_shifted();
    };
    view! {
        <div class="row" data-testid="console-row">
            <TextField label="Console" path=p("name") lens=row_text!(i, consoles, j, name) />
            <TextField label="Site" path=p("site") lens=row_text!(i, consoles, j, site) />
            <SelectField label="Operating system" path=p("os") lens=row_enum!(i, consoles, j, os) options=options(&ClientOs::ALL, ClientOs::label) />
            <NumberField label="RAM" unit="GB" path=p("ram_gb") lens=row_num!(i, consoles, j, ram_gb) />
            <NumberField label="CPU" unit="GHz" path=p("cpu_ghz") lens=row_num!(i, consoles, j, cpu_ghz) />
            <CheckField label="Virtual PC 2007 SP1 + KB 974918 confirmed" path=p("virtual_pc_confirmed") lens=row_bool!(i, consoles, j, virtual_pc_confirmed) />
            <button type="button" class="danger quiet" on:click=remove aria-label=format!("Remove console {}", j + 1)>"Remove"</button>
        </div>
    }
}

#[component]
pub fn HostsSection() -> impl IntoView {
    let ctx = use_ctx();
    let len = Memo::new(move |_| ctx.plan.with(|p| p.sql_hosts.len()));
    let add = move |_| {
        ctx.edit(|p| {
            let mut h = SqlHost::new(fresh_id(p, "sql"));
            h.name = format!("SQL Server {}", p.sql_hosts.len() + 1);
            p.sql_hosts.push(h);
        })
    };
    view! {
        <section class="card" aria-labelledby="hosts-h">
            <h2 id="hosts-h">"SQL Server hosts"</h2>
            <p class="hint">"An instance without a host keeps its database on its own MED-V server. Several instances may share a host: their reports then include each other's events."</p>
            <For each=move || 0..len.get() key=|h| *h children=move |h| view! { <HostEditor h=h /> } />
            <button type="button" class="add" data-testid="add-host" on:click=add>"Add a SQL Server host"</button>
        </section>
    }
}

#[component]
fn HostEditor(h: usize) -> impl IntoView {
    let ctx = use_ctx();
    let undo = expect_context::<Undo>();
    provide_context(FieldScope::host(ctx, h));
    let p = move |rest: &str| format!("sql_hosts[{h}].{rest}");
    let title = Memo::new(move |_| {
        ctx.plan.with(|p| {
            p.sql_hosts
                .get(h)
                .map(|x| (x.display_name().to_string(), x.id.clone()))
                .unwrap_or_default()
        })
    });
    let placement = Memo::new(move |_| ctx.plan.with(|p| p.sql_hosts.get(h).map(|x| x.placement)));
    let instance_options = Memo::new(move |_| {
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
        undo.remember(
            ctx,
            format!("Removed SQL Server host {}.", title.get_untracked().0),
        );
        ctx.edit(|p| {
            if h < p.sql_hosts.len() {
                let gone = p.sql_hosts.remove(h).id;
                // Their databases go back to their own servers rather than dangle.
                for x in &mut p.instances {
                    if x.sql_host.as_deref() == Some(gone.as_str()) {
                        x.sql_host = None;
                    }
                }
            }
        });
        ctx.rows_shifted();
    };
    view! {
        <article class="host" id=medv_sizing::input::field_dom_id(&format!("sql_hosts[{h}]")) tabindex="-1" data-testid=move || format!("host-editor-{}", title.get().1)>
            <header class="row-head">
                <h3>{move || title.get().0}<span class="id">" · id "{move || title.get().1}</span></h3>
                <div class="actions">
                    <button type="button" class="danger" on:click=remove aria-label=move || format!("Remove SQL Server host {}", title.get().0)>"Remove"</button>
                </div>
            </header>
            <div class="grid">
                <TextField label="Host name" path=p("name") lens=TextLens::new(move |p| p.sql_hosts.get(h).map(|x| x.name.clone()), move |p, v| if let Some(x) = p.sql_hosts.get_mut(h) { x.name = v }) />
                <SelectField
                    label="Placement"
                    path=p("placement")
                    lens=crate::host_enum!(h, placement)
                    options=options(&[Placement::CoLocated, Placement::Separate, Placement::Remote], Placement::label)
                />
                <Show when=move || placement.get() == Some(Placement::CoLocated)>
                    <SelectField
                        label="On the MED-V server of"
                        path=p("co_located_with")
                        lens=ChoiceLens::new(move |p| p.sql_hosts.get(h).map(|x| x.co_located_with.clone().unwrap_or_default()), move |p, v| if let Some(x) = p.sql_hosts.get_mut(h) { x.co_located_with = (!v.is_empty()).then_some(v) })
                        options=instance_options
                    />
                </Show>
                <SelectField label="Version" path=p("version") lens=crate::host_enum!(h, version) options=options(&SqlVersion::ALL, SqlVersion::label) />
                <SelectField
                    label="Edition"
                    path=p("edition")
                    lens=crate::host_enum!(h, edition)
                    options=options(&[SqlEdition::Express, SqlEdition::Standard, SqlEdition::Enterprise], SqlEdition::label)
                />
                <Show when=move || placement.get() == Some(Placement::Remote)>
                    <NumberField
                        label="Link bandwidth available"
                        unit="Mbit/s"
                        optional=true
                        placeholder="not given"
                        path=p("link_mbps")
                        lens=NumLens::new(move |p| p.sql_hosts.get(h).and_then(|x| x.link_mbps), move |p, v| if let Some(x) = p.sql_hosts.get_mut(h) { x.link_mbps = v })
                    />
                </Show>
                <SelectField
                    label="Fault tolerance"
                    path=p("fault_tolerance")
                    lens=crate::host_enum!(h, fault_tolerance)
                    options=vec![(enum_name(&SqlFaultTolerance::None), "None".to_string()), (enum_name(&SqlFaultTolerance::LogShipping), "Log shipping (warm standby)".to_string())]
                />
                <CheckField
                    label="In an existing SQL Server instance"
                    path=p("existing_instance")
                    lens=crate::state::BoolLens::new(move |p| p.sql_hosts.get(h).map(|x| x.existing_instance), move |p, v| if let Some(x) = p.sql_hosts.get_mut(h) { x.existing_instance = v })
                />
            </div>
        </article>
    }
}
