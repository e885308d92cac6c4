//! The results side: summary, findings, figures per instance and per SQL Server
//! host, and the charts with their tables. Every figure carries its exact value
//! in `data-value` and a `data-testid` of the form `instance-<id>-<field>` or
//! `host-<id>-<field>`, using the report's field names.

use leptos::prelude::*;
use medv_sizing::figures::{self, Group};
use medv_sizing::path::FieldPath;
use medv_sizing::plan::Choice;
use medv_sizing::render_summary::{
    bom_rows, line_word, plural, rule_groups, subtotal, BomKind, BomRow,
};
use medv_sizing::report::{LineStatus, Math, Status};
use medv_sizing::rules::Severity;
use medv_sizing::units::{bytes, count, hours, iops_read};
use wasm_bindgen::JsCast;

use crate::charts::{self, ChartKind};
use crate::results_table::{Kind, ResultsTable, TABLE_ABOVE};
use crate::state::use_ctx;
use crate::theme::Theme;

pub fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
    }
}

pub fn severity_icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "ℹ",
    }
}

/// Moves focus to the control for `path`, or to the nearest enclosing part of
/// the form that exists (its row, its instance or host), opening any collapsed
/// section on the way.
pub fn go_to_field(path: FieldPath) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let row = match path {
        FieldPath::Instance(i, _) | FieldPath::Override(i, _) => Some(format!("f-instances-{i}")),
        FieldPath::Workspace(i, _, _) => Some(format!("f-instances-{i}-workspaces")),
        FieldPath::Console(i, _, _) => Some(format!("f-instances-{i}-consoles")),
        FieldPath::Vm(i, _, _) => Some(format!("f-instances-{i}-vms")),
        FieldPath::Host(h, _) => Some(format!("f-sql_hosts-{h}")),
        FieldPath::Site(..) => Some("f-sites".to_string()),
        FieldPath::SiteLink(..) => Some("f-site_links".to_string()),
        FieldPath::Plan(_) | FieldPath::Assumption(_) => None,
    };
    let element = std::iter::once(path.dom_id())
        .chain(row)
        .find_map(|id| doc.get_element_by_id(&id));
    let Some(element) = element else { return };
    let mut parent = element.parent_element();
    while let Some(p) = parent {
        if p.tag_name().eq_ignore_ascii_case("details") {
            let _ = p.set_attribute("open", "");
        }
        parent = p.parent_element();
    }
    if let Ok(el) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// Opens the instance editor that holds `path` if it is closed, then focuses the field.
pub fn reveal_and_focus(ctx: crate::state::Ctx, open: crate::editor::OpenEditors, path: FieldPath) {
    let id = path.instance().and_then(|i| {
        ctx.plan
            .with_untracked(|p| p.instances.get(i).map(|x| x.id.clone()))
    });
    match id {
        Some(id) if !open.is_open(&id) => {
            open.set(ctx, &id, true);
            // The fields appear once the editor has rendered.
            request_animation_frame(move || go_to_field(path));
        }
        _ => go_to_field(path),
    }
}

/// The report's verdict as the status bar and the result card show it.
#[derive(Debug, Clone, PartialEq)]
struct Verdict {
    status: Status,
    errors: usize,
    warnings: usize,
    infos: usize,
    incomplete: Vec<String>,
    deployment: String,
}

fn verdict(ctx: crate::state::Ctx) -> Memo<Verdict> {
    Memo::new(move |_| {
        ctx.report.with(|r| {
            let s = &r.summary;
            Verdict {
                status: s.status,
                errors: s.errors,
                warnings: s.warnings,
                infos: s.infos,
                incomplete: s.incomplete.clone(),
                deployment: medv_sizing::render_summary::deployment_line(&s.totals),
            }
        })
    })
}

/// The word of a status chip: colour is never the only sign.
fn status_word(status: Status) -> &'static str {
    match status {
        Status::Incomplete => "Incomplete",
        Status::Error => "Errors",
        Status::Warning => "Warnings",
        Status::Ok => "OK",
    }
}

/// The bar that stays in view: the open plan, its status and what to deploy,
/// with Share and Print.
#[component]
pub fn StatusBar(sharing: RwSignal<bool>) -> impl IntoView {
    let ctx = use_ctx();
    let name = Memo::new(move |_| ctx.plan.with(crate::persist::display_name));
    let s = verdict(ctx);
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="status-bar" id="status" tabindex="-1" aria-label="Plan status" data-testid="status-bar">
            <p class="status-main">
                <span class="status-name" data-testid="status-plan-name">{move || name.get()}</span>
                {move || {
                    let status = s.with(|v| v.status);
                    view! {
                        <span class=format!("status-chip status-{}", status.label()) data-testid="plan-status" data-status=status.label()>
                            {status_word(status)}
                        </span>
                    }
                }}
                <a class="status-counts" href="#findings-h" data-testid="status-counts">
                    {move || s.with(|v| format!("{} · {}", plural(v.errors, "error", "errors"), plural(v.warnings, "warning", "warnings")))}
                </a>
            </p>
            <p class="status-deploy" data-testid="status-deployment">{move || s.with(|v| v.deployment.clone())}</p>
            <div class="status-actions">
                <crate::library::PlanMenu />
                <button type="button" data-testid="share" aria-expanded=move || sharing.get().to_string() on:click=move |_| sharing.update(|v| *v = !*v)>"Share…"</button>
                <button type="button" data-testid="print" on:click=print>"Print"</button>
            </div>
            <crate::library::SaveStatusLine />
        </section>
    }
}

#[component]
pub fn Summary() -> impl IntoView {
    let ctx = use_ctx();
    let s = verdict(ctx);
    view! {
        <section class="summary card" aria-labelledby="summary-h" data-testid="summary">
            <h2 id="summary-h">"Result"</h2>
            {move || {
                let Verdict { status, errors, warnings, incomplete, .. } = s.get();
                match status {
                    Status::Incomplete => view! {
                        <p class="verdict incomplete" data-testid="incomplete">"Not judged yet: " {incomplete.join(" ")}</p>
                    }.into_any(),
                    Status::Error => view! { <p class="verdict bad" data-testid="has-errors">"✖ " {errors} {if errors == 1 { " error" } else { " errors" }} ": the design breaks a documented constraint. See the findings."</p> }.into_any(),
                    Status::Warning => view! { <p class="verdict warn" data-testid="no-errors">"▲ No errors, " {warnings} {if warnings == 1 { " warning" } else { " warnings" }} " to review: the design keeps every documented constraint but bends a recommendation."</p> }.into_any(),
                    Status::Ok => view! { <p class="verdict ok" data-testid="no-errors">"✔ No errors or warnings: this design keeps every documented constraint and recommendation the planner checks."</p> }.into_any(),
                }
            }}
            <p class="deploy" data-testid="deployment">"Deploy: " {move || s.with(|v| v.deployment.clone())}</p>
            <p class="counts">
                <span data-testid="count-errors" data-value=move || s.with(|v| v.errors.to_string())>{move || s.with(|v| plural(v.errors, "error", "errors"))}</span>
                " · "
                <span data-testid="count-warnings" data-value=move || s.with(|v| v.warnings.to_string())>{move || s.with(|v| plural(v.warnings, "warning", "warnings"))}</span>
                " · "
                <span data-testid="count-infos" data-value=move || s.with(|v| v.infos.to_string())>{move || s.with(|v| plural(v.infos, "note", "notes"))}</span>
            </p>
        </section>
    }
}

/// One site's part of the bill of materials, as the page shows it.
#[derive(Debug, Clone, PartialEq)]
struct SiteRows {
    name: String,
    rows: Vec<BomRow>,
    machines: String,
    load: String,
}

fn line_icon(s: LineStatus) -> &'static str {
    match s {
        LineStatus::Ok => "✔",
        LineStatus::Warning => "▲",
        LineStatus::Error => "✖",
    }
}

/// What to deploy, where: one row per machine grouped by site, entered
/// against needed, with a status in words; each site's subtotal; what the
/// planned outages do.
#[component]
pub fn BillOfMaterials() -> impl IntoView {
    let ctx = use_ctx();
    let sites = Memo::new(move |_| {
        ctx.report.with(|r| {
            let mut seen = Vec::new();
            r.summary
                .sites
                .iter()
                .map(|bill| {
                    let (machines, load) = subtotal(&bill.subtotal);
                    SiteRows {
                        name: bill.name.clone(),
                        rows: bom_rows(bill, &mut seen),
                        machines,
                        load,
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let outages = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.summary
                .outages
                .iter()
                .map(medv_sizing::render_summary::outage_sentence)
                .collect::<Vec<_>>()
        })
    });
    let many =
        Memo::new(move |_| sites.with(|s| s.iter().filter(|s| !s.rows.is_empty()).count() > 1));
    view! {
        <section class="card bom" id="bom" tabindex="-1" aria-labelledby="bom-h" data-testid="bom">
            <h2 id="bom-h">"What to deploy"</h2>
            <table class="bom-table">
                <thead><tr><th scope="col">"Machine"</th><th scope="col">"Entered"</th><th scope="col">"Needed"</th><th scope="col">"Status"</th></tr></thead>
                <For
                    each=move || sites.get()
                    key=|s| format!("{:?}", s)
                    children=move |s| {
                        let SiteRows { name, rows, machines, load } = s;
                        // A subtotal only where it adds up more than one machine.
                        let adds_up = rows.iter().filter(|r| r.kind != BomKind::Consoles).count() > 1;
                        view! {
                            <tbody data-testid="bom-site">
                                <tr class="bom-site"><th scope="rowgroup" colspan="4">{name}</th></tr>
                                {rows.into_iter().map(|r| view! {
                                    <tr data-testid=format!("bom-{}-{}", r.kind.key(), r.id) data-status=line_word(r.status)>
                                        <th scope="row" data-label="Machine">{r.machine}</th>
                                        <td data-label="Entered">{r.entered}</td>
                                        <td data-label="Needed">{r.needed}</td>
                                        <td data-label="Status" class=format!("line-status line-{}", line_word(r.status))>{line_icon(r.status)}" "{line_word(r.status)}</td>
                                    </tr>
                                }).collect_view()}
                                <Show when=move || many.get() && adds_up>
                                    <tr class="bom-subtotal"><td colspan="4">"Subtotal: "{machines.clone()}{if load.is_empty() { String::new() } else { format!("; {load}") }}</td></tr>
                                </Show>
                            </tbody>
                        }
                    }
                />
            </table>
            // Open when the page opens a plan small enough to read them at a glance.
            <details class="outages" data-testid="outages" open=outages.with_untracked(|o| o.len() <= TABLE_ABOVE)>
                <summary>"What the planned outages do"</summary>
                <ul>{move || outages.get().into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul>
            </details>
        </section>
    }
}

/// Findings grouped by rule: one line per rule with its count and subjects,
/// each subject a link to its field. A rule with one finding shows its message.
#[component]
pub fn FindingsPanel() -> impl IntoView {
    let ctx = use_ctx();
    let open = expect_context::<crate::editor::OpenEditors>();
    let groups = [Severity::Error, Severity::Warning, Severity::Info].map(|sev| {
        let total = Memo::new(move |_| ctx.report.with(|r| r.findings.iter().filter(|f| f.severity == sev).count()));
        // A long group shows its first subjects and the rest on request: a plan of
        // hundreds of instances stays quick to open.
        let all = RwSignal::new(false);
        let groups = Memo::new(move |_| ctx.report.with(|r| rule_groups(r, sev)));
        view! {
            <Show when=move || { total.get() > 0 }>
                <h3 class=format!("sev-head sev-{}", sev.label())>{severity_icon(sev)}" "{match sev { Severity::Error => "Errors", Severity::Warning => "Warnings", Severity::Info => "Notes" }}" ("{move || count(total.get() as f64)}")"</h3>
                <ul class="findings">
                    <For
                        each=move || groups.get()
                        // Its whole content: a changed message or name draws the group again.
                        key=|g| g.items.iter().fold(g.rule.to_string(), |k, (f, name)| format!("{k}|{}|{name}|{}", f.subject, f.message))
                        children=move |g| {
                            let n = g.items.len();
                            let shown = move || if all.get() { n } else { n.min(SUBJECTS_FIRST) };
                            let items = StoredValue::new(g.items.clone());
                            let one = n == 1;
                            view! {
                                <li class=format!("finding-group sev-{}", sev.label()) data-testid="finding-group" data-rule=g.rule data-count=n>
                                    <p class="group-head">
                                        <span class="sev-label">{severity_icon(sev)}" "{severity_word(sev)}</span>
                                        " "
                                        <code class="rule">{g.rule}</code>
                                        {(!one).then(|| view! { " " <span class="group-title">{g.title}" ×"{n}</span> })}
                                    </p>
                                    <ul class=if one { "subjects single" } else { "subjects" }>
                                        {move || items.with_value(|items| items.iter().take(shown()).map(|(f, name)| {
                                            let field = f.field;
                                            let label = if one { f.message.clone() } else { name.clone() };
                                            view! {
                                                <li class=format!("finding sev-{}", f.severity.label()) data-testid="finding" data-rule=f.rule data-severity=f.severity.label() data-subject=f.subject.clone() data-field=f.field.map(|p| p.to_string()).unwrap_or_default()>
                                                    {match field {
                                                        Some(path) => view! { <button type="button" class="finding-btn" title=f.message.clone() on:click=move |_| reveal_and_focus(ctx, open, path)><span class="message">{label}</span></button> }.into_any(),
                                                        None => view! { <span class="finding-btn" title=f.message.clone()><span class="message">{label}</span></span> }.into_any(),
                                                    }}
                                                </li>
                                            }
                                        }).collect_view())}
                                    </ul>
                                    {(!one).then(|| view! {
                                        <details class="group-messages">
                                            <summary>{format!("Every message ({n})")}</summary>
                                            <ul>{move || items.with_value(|items| items.iter().take(shown()).map(|(f, _)| view! { <li>{f.message.clone()}</li> }).collect_view())}</ul>
                                        </details>
                                    })}
                                    <p class="source">"Source: "{g.source}</p>
                                </li>
                            }
                        }
                    />
                </ul>
                <Show when=move || { !all.get() && groups.with(|gs| gs.iter().any(|g| g.items.len() > SUBJECTS_FIRST)) }>
                    <button type="button" class="quiet" data-testid=format!("show-all-{}", sev.label()) on:click=move |_| all.set(true)>
                        {move || format!("Show all {} {}", count(total.get() as f64), match sev { Severity::Error => "errors", Severity::Warning => "warnings", Severity::Info => "notes" })}
                    </button>
                </Show>
            </Show>
        }
    });
    view! {
        <section class="card" aria-labelledby="findings-h">
            <h2 id="findings-h">"Findings"</h2>
            <p class="hint">"Grouped by rule. Select a subject to go to the field at fault. Rule ids are stable: quote them."</p>
            {groups.into_iter().collect_view()}
        </section>
    }
}

/// The math of the figure `key`, for the figures that have one (whether a
/// figure has math does not change with the plan).
fn math_of<R>(this: Memo<Option<R>>, key: &'static str) -> Option<Signal<Option<Math>>>
where
    R: HasMath + Clone + PartialEq + Send + Sync + 'static,
{
    let has = this.with_untracked(|x| {
        x.as_ref()
            .is_some_and(|x| x.math().iter().any(|m| m.field == key))
    });
    has.then(|| {
        Signal::derive(move || {
            this.with(|x| {
                x.as_ref()
                    .and_then(|x| x.math().iter().find(|m| m.field == key).cloned())
            })
        })
    })
}

/// A report part with "show the math".
trait HasMath {
    fn math(&self) -> &[Math];
}

impl HasMath for medv_sizing::report::InstanceReport {
    fn math(&self) -> &[Math] {
        &self.math
    }
}

impl HasMath for medv_sizing::report::HostReport {
    fn math(&self) -> &[Math] {
        &self.math
    }
}

/// One figure: label, readable value, exact value in `data-value`, and the math.
#[component]
fn Figure(
    label: &'static str,
    #[prop(into)] testid: Signal<String>,
    #[prop(into)] value: Signal<Option<f64>>,
    format: figures::Format,
    #[prop(optional, into)] missing: Option<Signal<String>>,
    math: Option<Signal<Option<Math>>>,
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
                view! {
                    <details class="math">
                        <summary>"Show the math"</summary>
                        {move || m.get().map(|m| view! {
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

#[component]
pub fn InstanceResults() -> impl IntoView {
    let ctx = use_ctx();
    let len = Memo::new(move |_| ctx.report.with(|r| r.instances.len()));
    let table = Memo::new(move |_| len.get() > TABLE_ABOVE);
    view! {
        <section class="card" aria-labelledby="inst-results-h">
            <h2 id="inst-results-h">"Per instance"</h2>
            <p class="hint">"Sizes in binary units, as Windows and SQL Server show them: 1 KB = 1,024 bytes, 1 MB = 1,024 KB, 1 GB = 1,024 MB. Hover a figure for its exact value; “Show the math” gives the formula."</p>
            <Show
                when=move || table.get()
                fallback=move || view! { <For each=move || 0..len.get() key=|i| *i children=move |i| view! { <InstanceCard i=i /> } /> }
            >
                <ResultsTable kind=Kind::Instances />
            </Show>
        </section>
    }
}

/// A group of findings shows this many subjects, the rest on request.
const SUBJECTS_FIRST: usize = 25;

/// One instance's figures; `skip` leaves out those a table row already shows.
#[component]
pub fn InstanceCard(i: usize, #[prop(optional)] skip: &'static [&'static str]) -> impl IntoView {
    let ctx = use_ctx();
    // This instance's part of the report: its figures update when it changes.
    let this = Memo::new(move |_| ctx.report.with(|r| r.instances.get(i).cloned()));
    let head = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.instances
                .get(i)
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
                        math=math_of(this, key)
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

#[component]
pub fn HostResults() -> impl IntoView {
    let ctx = use_ctx();
    let len = Memo::new(move |_| ctx.report.with(|r| r.sql_hosts.len()));
    let table = Memo::new(move |_| len.get() > TABLE_ABOVE);
    view! {
        <section class="card" aria-labelledby="host-results-h">
            <h2 id="host-results-h">"Per SQL Server host"</h2>
            <p class="hint">"An instance without a SQL Server host keeps its database on its own MED-V server: it is listed here as that server's SQL Server."</p>
            <Show
                when=move || table.get()
                fallback=move || view! { <For each=move || 0..len.get() key=|h| *h children=move |h| view! { <HostCard h=h /> } /> }
            >
                <ResultsTable kind=Kind::Hosts />
            </Show>
        </section>
    }
}

/// One SQL Server host's figures; `skip` leaves out those a table row already shows.
#[component]
pub fn HostCard(h: usize, #[prop(optional)] skip: &'static [&'static str]) -> impl IntoView {
    let ctx = use_ctx();
    let this = Memo::new(move |_| ctx.report.with(|r| r.sql_hosts.get(h).cloned()));
    let head = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.sql_hosts
                .get(h)
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
                                math=math_of(this, key)
                            />
                        }
                    })
                    .collect_view()}
            </dl>
        </article>
    }
}

/// A chart on a canvas, redrawn when the report, the theme or the size changes.
#[component]
fn ChartCanvas(kind: ChartKind) -> impl IntoView {
    let ctx = use_ctx();
    let theme = expect_context::<Theme>();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        resized.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || handle.remove());
    // Measured once, then again only after a resize: measuring on every edit would
    // force the browser to lay out the whole page each time.
    let size = StoredValue::new(None::<(u32, u32, f64, u32)>);
    Effect::new(move |_| {
        let resizes = resized.get();
        let measure = size.get_value().is_none_or(|s| s.3 != resizes);
        let dark = theme.is_dark();
        let Some(el) = canvas.get() else { return };
        if measure {
            let ratio = web_sys::window()
                .map(|w| w.device_pixel_ratio())
                .unwrap_or(1.0)
                .clamp(1.0, 4.0);
            let rect = el.get_bounding_client_rect();
            let (w, h) = (rect.width().max(280.0), rect.height().max(220.0));
            size.set_value(Some((
                (w * ratio).round() as u32,
                (h * ratio).round() as u32,
                ratio,
                resizes,
            )));
        }
        let Some((width, height, ratio, _)) = size.get_value() else {
            return;
        };
        // Setting the size also clears the canvas for the new drawing.
        el.set_width(width);
        el.set_height(height);
        let Some(backend) = crate::canvas::MeasuredCanvas::new(el) else {
            return;
        };
        let root = plotters::prelude::IntoDrawingArea::into_drawing_area(backend);
        let palette = if dark { charts::DARK } else { charts::LIGHT };
        ctx.report.with(|r| {
            if let Err(e) = charts::draw(&root, kind, r, &palette, ratio) {
                leptos::logging::warn!("chart not drawn: {e}");
            }
        });
    });
    view! { <canvas node_ref=canvas class="chart" role="img" aria-label=format!("{} (the table below gives the same data)", kind.title()) data-testid=format!("chart-{kind:?}")></canvas> }
}

#[component]
pub fn Charts() -> impl IntoView {
    let ctx = use_ctx();
    // A data table is built when it is opened, not on every edit.
    let tables = [RwSignal::new(false); 3];
    let retention_rows = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.charts
                .database_by_retention
                .iter()
                .flat_map(|s| {
                    let name = r
                        .host(&s.host_id)
                        .map(|h| h.name.clone())
                        .unwrap_or_default();
                    s.points
                        .iter()
                        .step_by(4)
                        .map(move |p| (name.clone(), p.days, p.low_bytes, p.bytes, p.high_bytes))
                })
                .collect::<Vec<_>>()
        })
    });
    let iops_rows = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.sql_hosts
                .iter()
                .filter(|h| !h.instances.is_empty())
                .filter_map(|h| charts::iops_parts(h).map(|p| (h.name.clone(), p)))
                .collect::<Vec<_>>()
        })
    });
    let backlog_rows = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.charts
                .backlog_by_outage
                .iter()
                .flat_map(|s| {
                    let name = r
                        .instance(&s.instance_id)
                        .map(|i| i.name.clone())
                        .unwrap_or_default();
                    let tolerated = s.tolerated_outage_worst_case_hours;
                    s.points
                        .iter()
                        .step_by(4)
                        .map(move |p| (name.clone(), p.hours, p.events, p.bytes, tolerated))
                })
                .collect::<Vec<_>>()
        })
    });
    // One chart at a time, in tabs: only the chart on screen is drawn. Printing
    // draws them all, with their tables.
    let tab = RwSignal::new(0usize);
    let printing = RwSignal::new(false);
    let before = window_event_listener(leptos::ev::beforeprint, move |_| printing.set(true));
    let after = window_event_listener(leptos::ev::afterprint, move |_| printing.set(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    let kinds = [
        ChartKind::DatabaseByRetention,
        ChartKind::IopsByHost,
        ChartKind::BacklogByOutage,
    ];
    let tab_names = ["Database by retention", "IOPS by host", "Backlog by outage"];
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let next = match ev.key().as_str() {
            "ArrowRight" => (tab.get_untracked() + 1) % 3,
            "ArrowLeft" => (tab.get_untracked() + 2) % 3,
            "Home" => 0,
            "End" => 2,
            _ => return,
        };
        ev.prevent_default();
        tab.set(next);
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&format!("chart-tab-{next}")))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    };
    let captions = [
        view! { <figcaption>{ChartKind::DatabaseByRetention.title()}". The line uses this plan's event rate; the shaded band spans the documented 15–20 events per client per day; the dashed line marks the chosen retention."</figcaption> }.into_any(),
        view! { <figcaption>{ChartKind::IopsByHost.title()}": each bar stacks, bottom to top, average writes, the error-burst allowance, the reporting buffer and any existing instance's load."</figcaption> }.into_any(),
        view! { <figcaption>{ChartKind::BacklogByOutage.title()}". A dashed line marks each instance's worst-case tolerated outage: beyond it, users of restricted workspaces are locked out."</figcaption> }.into_any(),
    ];
    let tables_view = [
        view! {
            <details on:toggle=move |ev| tables[0].set(event_target::<web_sys::Element>(&ev).has_attribute("open"))>
                <summary>"Chart data as a table"</summary>
                <table>
                    <thead><tr><th scope="col">"Host"</th><th scope="col">"Days"</th><th scope="col">"15 events/day"</th><th scope="col">"This plan"</th><th scope="col">"20 events/day"</th></tr></thead>
                    <tbody>{move || (tables[0].get() || printing.get()).then(|| retention_rows.get().into_iter().map(|(n, d, lo, b, hi)| view! { <tr><td>{n}</td><td>{count(d)}</td><td>{bytes(lo)}</td><td>{bytes(b)}</td><td>{bytes(hi)}</td></tr> }).collect_view())}</tbody>
                </table>
            </details>
        }.into_any(),
        view! {
            <details on:toggle=move |ev| tables[1].set(event_target::<web_sys::Element>(&ev).has_attribute("open"))>
                <summary>"Chart data as a table"</summary>
                <table>
                    <thead><tr><th scope="col">"Host"</th><th scope="col">"Average writes"</th><th scope="col">"Burst allowance"</th><th scope="col">"Reporting"</th><th scope="col">"Existing load"</th><th scope="col">"Total"</th></tr></thead>
                    <tbody>{move || (tables[1].get() || printing.get()).then(|| iops_rows.get().into_iter().map(|(n, p)| view! { <tr><td>{n}</td><td>{iops_read(p[0])}</td><td>{iops_read(p[1])}</td><td>{iops_read(p[2])}</td><td>{iops_read(p[3])}</td><td>{iops_read(p.iter().sum())}</td></tr> }).collect_view())}</tbody>
                </table>
            </details>
        }.into_any(),
        view! {
            <details on:toggle=move |ev| tables[2].set(event_target::<web_sys::Element>(&ev).has_attribute("open"))>
                <summary>"Chart data as a table"</summary>
                <table>
                    <thead><tr><th scope="col">"Instance"</th><th scope="col">"Outage"</th><th scope="col">"Events queued"</th><th scope="col">"Bytes queued"</th><th scope="col">"Tolerated (worst case)"</th></tr></thead>
                    <tbody>{move || (tables[2].get() || printing.get()).then(|| backlog_rows.get().into_iter().map(|(n, h, e, b, t)| view! { <tr><td>{n}</td><td>{hours(h)}</td><td>{count(e.round())}</td><td>{bytes(b)}</td><td>{t.map(hours).unwrap_or_else(|| "unbounded".into())}</td></tr> }).collect_view())}</tbody>
                </table>
            </details>
        }.into_any(),
    ];
    let panels = kinds
        .into_iter()
        .zip(captions)
        .zip(tables_view)
        .enumerate()
        .map(|(k, ((kind, caption), table))| {
            view! {
                <figure role="tabpanel" id=format!("chart-panel-{k}") aria-labelledby=format!("chart-tab-{k}") class:hidden-panel=move || tab.get() != k data-testid=format!("chart-panel-{kind:?}")>
                    {caption}
                    <Show when=move || tab.get() == k || printing.get()>
                        <ChartCanvas kind=kind />
                    </Show>
                    {table}
                </figure>
            }
        })
        .collect_view();
    view! {
        <section class="card charts" aria-labelledby="charts-h">
            <h2 id="charts-h">"Charts"</h2>
            <div class="tabs" role="tablist" aria-labelledby="charts-h" on:keydown=on_key>
                {tab_names.into_iter().enumerate().map(|(k, name)| view! {
                    <button type="button" role="tab" id=format!("chart-tab-{k}") aria-controls=format!("chart-panel-{k}")
                        aria-selected=move || (tab.get() == k).to_string() tabindex=move || if tab.get() == k { "0" } else { "-1" }
                        data-testid=format!("chart-tab-{k}") on:click=move |_| tab.set(k)>
                        {name}
                    </button>
                }).collect_view()}
            </div>
            {panels}
        </section>
    }
}
