//! One instance's or SQL Server host's figures, iterated from the figure
//! catalog: label, the value as people read it, the exact value in
//! `data-value` and on hover, and "show the math". Every figure has
//! `data-testid="instance-<id>-<key>"` or `host-<id>-<key>`.

use leptos::prelude::*;
use medv_sizing::figures::{self, Group, HasMath};
use medv_sizing::plan::Choice;
use medv_sizing::report::Math;
use medv_sizing::units::hours;

use crate::state::use_ctx;

/// Where a report keeps the math of its `at`-th instance or host.
type MathOf = fn(&medv_sizing::Report, usize) -> Option<&[Math]>;

fn instance_math(r: &medv_sizing::Report, at: usize) -> Option<&[Math]> {
    r.instances.get(at).map(|x| x.math.as_slice())
}

fn host_math(r: &medv_sizing::Report, at: usize) -> Option<&[Math]> {
    r.sql_hosts.get(at).map(|x| x.math.as_slice())
}

/// The math of the figure `key` of the `at`-th instance or host, for the
/// figures the catalog says have one (`Figure::math`). It is read from the
/// analysis with the math, which runs only while an open "Show the math"
/// reads it.
fn math_of<R>(
    at: Signal<usize>,
    key: &'static str,
    part: MathOf,
    has: &HasMath<R>,
) -> Option<Signal<Option<Math>>> {
    let ctx = use_ctx();
    has.ever().then(|| {
        Signal::derive(move || {
            ctx.explained.with(|r| {
                part(r, at.get()).and_then(|m| m.iter().find(|m| m.field == key).cloned())
            })
        })
    })
}

/// For a figure whose math some rows have and others not: whether this
/// row (`this`) has it now.
fn math_when<R: Send + Sync + 'static>(
    has: &HasMath<R>,
    this: Memo<Option<R>>,
) -> Option<Signal<bool>> {
    match *has {
        HasMath::When(when) => Some(Signal::derive(move || {
            this.with(|x| x.as_ref().is_some_and(when))
        })),
        HasMath::No | HasMath::Always => None,
    }
}

/// One figure: label, readable value, exact value in `data-value`, and the math.
#[component]
pub fn Figure(
    label: &'static str,
    #[prop(into)] testid: Signal<String>,
    #[prop(into)] value: Signal<Option<f64>>,
    format: figures::Format,
    #[prop(optional, into)] missing: Option<Signal<String>>,
    math: Option<Signal<Option<Math>>>,
    /// When the figure has math only sometimes: whether it has now.
    #[prop(default = None)]
    math_when: Option<Signal<bool>>,
) -> impl IntoView {
    let missing = missing.unwrap_or_else(|| Signal::derive(|| "not computable".to_string()));
    view! {
        <div class="figure">
            <dt>{label}</dt>
            <dd>
                <span class="value" data-testid=move || testid.get() data-value=move || value.get().map(|v| v.to_string()).unwrap_or_default() title=move || value.get().map(|v| format.write_exact(v))>
                    {move || value.get().map(|v| format.write(v)).unwrap_or_else(|| missing.get())}
                </span>
                {math.map(|m| {
                // Written out when opened: a closed panel keeps no text to update on every edit.
                let open = RwSignal::new(false);
                view! {
                    <details class="math" hidden=math_when.map(|w| move || !w.get()) on:toggle=move |ev| open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))>
                        <summary>"Show the math"</summary>
                        {move || open.get().then(|| m.get()).flatten().map(|m| view! {
                            <p class="formula">{m.formula}</p>
                            <p>{m.substituted}" = "<strong>{m.result}</strong></p>
                            <p class="source">{m.source}</p>
                        })}
                    </details>
                }
            })}
            </dd>
        </div>
    }
}

/// One instance's figures; `skip` leaves out those a table row already shows.
#[component]
pub fn InstanceCard(
    #[prop(into)] i: Signal<usize>,
    #[prop(optional)] skip: &'static [&'static str],
) -> impl IntoView {
    let ctx = use_ctx();
    // This instance's part of the report: its figures update when it changes.
    let this = Memo::new(move |_| ctx.report.with(|r| r.instances.get(i.get()).cloned()));
    let head = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.instances
                .get(i.get())
                .map(|x| {
                    let host = x
                        .sql_host
                        .as_ref()
                        .map(|h| r.host(h).map_or_else(|| h.clone(), |h| h.name.clone()));
                    (x.id.clone(), x.name.clone(), host)
                })
                .unwrap_or_default()
        })
    });
    let tolerance = Signal::derive(move || {
        this.with(|x| {
            x.as_ref()
                .map(|x| medv_sizing::render::tolerance_text(x.outage_tolerance))
                .unwrap_or("not computable")
                .to_string()
        })
    });
    let figures_of = move |group: Group| {
        figures::INSTANCE
            .iter()
            .filter(|f| f.group == group && !skip.contains(&f.key))
            .map(|f| {
                let key = f.key;
                let get = f.get;
                let missing = if key.starts_with("tolerated_outage") {
                    tolerance
                } else if key.starts_with("remote_link") {
                    Signal::derive(|| "its database is at its own site".to_string())
                } else {
                    Signal::derive(|| "not computable".to_string())
                };
                view! {
                    <Figure
                        label=f.label
                        testid=Signal::derive(move || format!("instance-{}-{}", head.get().0, key.replace('.', "-")))
                        value=Signal::derive(move || this.with(|x| x.as_ref().and_then(get)))
                        format=f.format
                        missing=missing
                        math=math_of(i, key, instance_math, &f.math)
                        math_when=math_when(&f.math, this)
                    />
                }
            })
            .collect_view()
    };
    let flags = Memo::new(move |_| {
        this.with(|x| {
            x.as_ref().map(|x| {
                let ff = &x.server_form_factor;
                (
                    ff.virtual_machine,
                    ff.hosts_sql_server,
                    x.outage.users_stop,
                    x.outage.workspaces_deleted,
                    x.reporting_iops_typed,
                )
            })
        })
    });
    view! {
        <article class="result-card" data-testid=move || format!("instance-results-{}", head.get().0)>
            <h3>{move || head.get().1}<span class="id">" · database on "{move || head.get().2.unwrap_or_else(|| "an unknown host".into())}</span></h3>
            <dl class="figures">{figures_of(Group::Sizing)}</dl>
            <h4>"Recommended MED-V server"</h4>
            <dl class="figures">{figures_of(Group::Server)}</dl>
            {move || flags.get().map(|(vm, sql, _, _, _)| view! {
                <ul class="notes">
                    {vm.then_some(view! { <li>"Runs as a Hyper-V VM: reserve CPU and memory equivalent to a physical server."</li> })}
                    {sql.then_some(view! { <li>"Includes SQL Server running on this MED-V server (its resources are added once for every database it serves)."</li> })}
                </ul>
            })}
            <h4>{move || format!("If the MED-V server is down for {}", this.with(|x| x.as_ref().and_then(|x| x.outage.hours).map(hours).unwrap_or_else(|| "the planned outage".into())))}</h4>
            <dl class="figures">{figures_of(Group::Outage)}</dl>
            {move || flags.get().map(|(_, _, stop, deleted, _)| view! {
                <ul class="notes" data-testid=format!("instance-{}-outage-effects", head.get_untracked().0)>
                    <li>{match stop { Some(true) => "Users of restricted or no-offline workspaces are locked out before the outage ends.", Some(false) => "Users keep working offline through the outage; reports are unavailable until the server is back.", None => "Whether users can keep working cannot be judged (an offline limit is invalid)." }}</li>
                    {(deleted == Some(true)).then_some(view! { <li>"Workspaces with the deletion option are deleted from clients; their images must be downloaded again."</li> })}
                    <li>"Recovery, not steady state, sets the write headroom: the catch-up rate is a worst case."</li>
                </ul>
            })}
        </article>
    }
}

/// One SQL Server host's figures; `skip` leaves out those a table row already shows.
#[component]
pub fn HostCard(
    #[prop(into)] h: Signal<usize>,
    #[prop(optional)] skip: &'static [&'static str],
) -> impl IntoView {
    let ctx = use_ctx();
    let this = Memo::new(move |_| ctx.report.with(|r| r.sql_hosts.get(h.get()).cloned()));
    let head = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.sql_hosts
                .get(h.get())
                .map(|x| {
                    let names: Vec<&str> = x
                        .instances
                        .iter()
                        .map(|i| r.instance(i).map_or(i.as_str(), |i| i.name.as_str()))
                        .collect();
                    (x.id.clone(), x.name.clone(), names.join(", "), x.placement)
                })
                .unwrap_or_default()
        })
    });
    view! {
        <article class="result-card" data-testid=move || format!("host-results-{}", head.get().0)>
            <h3>{move || head.get().1}<span class="id">" · "{move || head.get().3.label()}</span></h3>
            <p class="hint">"Holds: "{move || { let s = head.get().2; if s.is_empty() { "no database".to_string() } else { s } }}</p>
            <dl class="figures">
                {figures::HOST
                    .iter()
                    .filter(|f| !skip.contains(&f.key))
                    .map(|f| {
                        let key = f.key;
                        let get = f.get;
                        let missing = if key.starts_with("existing_") { "not given" } else if key == "traffic_mbps" { "only for a remote host" } else { "not computable" };
                        view! {
                            <Figure
                                label=f.label
                                testid=Signal::derive(move || format!("host-{}-{}", head.get().0, key.replace('.', "-")))
                                value=Signal::derive(move || this.with(|x| x.as_ref().and_then(get)))
                                format=f.format
                                missing=Signal::derive(move || missing.to_string())
                                math=math_of(h, key, host_math, &f.math)
                                math_when=math_when(&f.math, this)
                            />
                        }
                    })
                    .collect_view()}
            </dl>
        </article>
    }
}
