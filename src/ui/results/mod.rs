//! The results side: summary, findings, figures per instance and per SQL Server
//! host, and the charts with their tables. Every figure carries its exact value
//! in `data-value` and a `data-testid` of the form `instance-<id>-<field>` or
//! `host-<id>-<field>`, using the report's field names.

pub mod cards;
pub mod chart_tabs;
pub mod table;

use leptos::prelude::*;
use medv_sizing::render_summary::{
    bom_rows, line_word, plural, rule_groups, subtotal, BomKind, BomRow,
};
use medv_sizing::report::{LineStatus, Status};
use medv_sizing::rules::Severity;
use medv_sizing::units::count;

use medv_sizing::render::file_stem;
use medv_sizing::sql_script;

use crate::edge::files::{download, now_iso};
use crate::edge::persist::{Library, Notice};
use crate::state::{settled, use_ctx, Fanout, InstanceKeys, RowKeys};
use crate::ui::nav::{line_icon, reveal_and_focus, severity_icon, severity_word};
use cards::{HostCard, InstanceCard};
use table::{Kind, ResultsTable, TABLE_ABOVE};

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

/// The bar that stays in view: the open plan, its status and what to deploy,
/// with Share and Print.
#[component]
pub fn StatusBar(sharing: RwSignal<bool>) -> impl IntoView {
    let ctx = use_ctx();
    let name = Memo::new(move |_| ctx.plan.with(crate::edge::persist::display_name));
    let s = verdict(ctx);
    // Drawn again when the status changes, not on every edit.
    let status = Memo::new(move |_| s.with(|v| v.status));
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
                    let status = status.get();
                    view! {
                        <span class=format!("status-chip status-{}", status.label()) data-testid="plan-status" data-status=status.label()>
                            {status.word()}
                        </span>
                    }
                }}
                <a class="status-counts" href="#findings-h" data-testid="status-counts">
                    {move || s.with(|v| format!("{} · {}", plural(v.errors, "error", "errors"), plural(v.warnings, "warning", "warnings")))}
                </a>
            </p>
            <p class="status-deploy" data-testid="status-deployment">{move || s.with(|v| v.deployment.clone())}</p>
            <div class="status-actions">
                <crate::ui::library::PlanMenu />
                <button type="button" data-testid="share" aria-expanded=move || sharing.get().to_string() on:click=move |_| sharing.update(|v| *v = !*v)>"Share…"</button>
                <button type="button" data-testid="print" on:click=print>"Print"</button>
            </div>
            <crate::ui::library::SaveStatusLine />
        </section>
    }
}

#[component]
pub fn Summary() -> impl IntoView {
    let ctx = use_ctx();
    let s = verdict(ctx);
    // The verdict is drawn again when it changes, not with every figure.
    let head =
        Memo::new(move |_| s.with(|v| (v.status, v.errors, v.warnings, v.incomplete.clone())));
    view! {
        <section class="summary card" aria-labelledby="summary-h" data-testid="summary">
            <h2 id="summary-h">"Result"</h2>
            {move || {
                let (status, errors, warnings, incomplete) = head.get();
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

/// A site's group in the bill of materials: its machines and its subtotal.
#[derive(Debug, Clone, PartialEq)]
struct SiteHead {
    rows: Vec<Machine>,
    machines: String,
    load: String,
    adds_up: bool,
}

/// Which machine a row of what to deploy is: its key (site, kind and id; ids
/// are unique per kind), its kind and its id.
#[derive(Debug, Clone, PartialEq)]
struct Machine {
    key: String,
    kind: BomKind,
    id: String,
}

impl Machine {
    fn of(site: &str, r: &BomRow) -> Self {
        Machine {
            key: format!("{site}\u{1f}{}\u{1f}{}", r.kind.key(), r.id),
            kind: r.kind,
            id: r.id.clone(),
        }
    }
}

/// What to deploy, where: one row per machine grouped by site, entered
/// against needed, with a status in words; each site's subtotal; what the
/// planned outages do.
#[component]
pub fn BillOfMaterials() -> impl IntoView {
    let ctx = use_ctx();
    // The database name the T-SQL scripts create (empty: the documented default).
    let database = RwSignal::new(String::new());
    let lib = expect_context::<Library>();
    let download_script = move |host: &str, database: RwSignal<String>| {
        let now = now_iso();
        let name = database.get_untracked();
        let made = ctx.plan.with_untracked(|p| {
            ctx.report.with_untracked(|r| {
                let input = sql_script::ScriptInput {
                    host,
                    database: &name,
                    generated: now.get(..10).unwrap_or(""),
                };
                sql_script::host_script(p, r, &input).map(|text| {
                    (
                        format!("{}-{}.sql", file_stem(&p.name), file_stem(host)),
                        text,
                    )
                })
            })
        });
        match made {
            Ok((name, text)) => lib.report_file(download(&name, "application/sql", &text)),
            Err(e) => lib
                .notice
                .set(Some(Notice::Error(format!("No T-SQL script: {e}.")))),
        }
    };
    // Sites by name, and each machine's row by its site, kind and id: an edit
    // rewrites the cells it changed; a site or a row is drawn again only when
    // it comes or goes.
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
    let groups = Fanout::new(move || {
        sites.with(|s| {
            s.iter()
                .map(|g| {
                    let head = SiteHead {
                        rows: g.rows.iter().map(|r| Machine::of(&g.name, r)).collect(),
                        machines: g.machines.clone(),
                        load: g.load.clone(),
                        adds_up: g
                            .rows
                            .iter()
                            .filter(|r| r.kind != BomKind::Consoles)
                            .count()
                            > 1,
                    };
                    (g.name.clone(), head)
                })
                .collect()
        })
    });
    let machines = Fanout::new(move || {
        sites.with(|s| {
            s.iter()
                .flat_map(|g| {
                    g.rows
                        .iter()
                        .map(|r| (Machine::of(&g.name, r).key, r.clone()))
                })
                .collect()
        })
    });
    let names = crate::state::settled(move || {
        sites.with(|s| s.iter().map(|g| g.name.clone()).collect::<Vec<_>>())
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
    let machine_row = move |Machine { key, kind, id }: Machine| {
        let row = machines.get(&key);
        let field = move |f: fn(&BomRow) -> String| {
            move || row.with(|r| r.as_ref().map(f).unwrap_or_default())
        };
        let status = move || row.with(|r| r.as_ref().map_or(LineStatus::Ok, |r| r.status));
        view! {
            <tr data-testid=format!("bom-{}-{id}", kind.key()) data-status=move || line_word(status())>
                <th scope="row" data-label="Machine">
                    {field(|r| r.machine.clone())}" "
                    {(kind == BomKind::Sql).then(|| {
                        let host = id.clone();
                        let label = move || format!("Download the T-SQL script that creates the database on {}", row.with(|r| r.as_ref().map(|r| r.machine.clone()).unwrap_or_default()));
                        view! { <button type="button" class="quiet sql-script" data-testid=format!("sql-script-{id}") aria-label=label on:click=move |_| download_script(&host, database)>"⤓ T-SQL script"</button> }
                    })}
                </th>
                <td data-label="Entered">{field(|r| r.entered.clone())}</td>
                <td data-label="Needed">{field(|r| r.needed.clone())}</td>
                <td data-label="Status" class=move || format!("line-status line-{}", line_word(status()))>{move || format!("{} {}", line_icon(status()), line_word(status()))}</td>
            </tr>
        }
    };
    view! {
        <section class="card bom" id="bom" tabindex="-1" aria-labelledby="bom-h" data-testid="bom">
            <h2 id="bom-h">"What to deploy"</h2>
            <table class="bom-table">
                <thead><tr><th scope="col">"Machine"</th><th scope="col">"Entered"</th><th scope="col">"Needed"</th><th scope="col">"Status"</th></tr></thead>
                <For
                    each=move || names.get()
                    key=|name| name.clone()
                    children=move |name| {
                        let head = groups.get(&name);
                        let keys = crate::state::settled(move || head.with(|h| h.as_ref().map(|h| h.rows.clone()).unwrap_or_default()));
                        // A subtotal only where it adds up more than one machine.
                        let adds_up = move || head.with(|h| h.as_ref().is_some_and(|h| h.adds_up));
                        let subtotal = move || head.with(|h| h.as_ref().map(|h| if h.load.is_empty() { h.machines.clone() } else { format!("{}; {}", h.machines, h.load) }).unwrap_or_default());
                        view! {
                            <tbody data-testid="bom-site">
                                <tr class="bom-site"><th scope="rowgroup" colspan="4">{name}</th></tr>
                                <For each=move || keys.get() key=|m| m.key.clone() children=machine_row />
                                <Show when=move || many.get() && adds_up()>
                                    <tr class="bom-subtotal"><td colspan="4">"Subtotal: "{subtotal}</td></tr>
                                </Show>
                            </tbody>
                        }
                    }
                />
            </table>
            <p class="sql-database">
                <label for="sql-database">"Database name in the T-SQL scripts"</label>" "
                <input id="sql-database" type="text" data-testid="sql-database" maxlength="128" autocomplete="off" spellcheck="false"
                    placeholder=sql_script::DEFAULT_DATABASE_NAME aria-describedby="sql-database-msg"
                    aria-invalid=move || database.with(|d| sql_script::database_name(d).is_err()).to_string()
                    prop:value=move || database.get() on:input=move |ev| database.set(event_target_value(&ev)) />
                <span id="sql-database-msg" class="hint" role="status">{move || database.with(|d| match sql_script::database_name(d) {
                    Ok(_) => "Each SQL Server row offers the script that creates its database, sized from this plan.".to_string(),
                    Err(e) => format!("The scripts cannot use this name: {e}."),
                })}</span>
            </p>
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
    let open = expect_context::<crate::ui::nav::OpenEditors>();
    let groups = [Severity::Error, Severity::Warning, Severity::Info].map(|sev| {
        let total = Memo::new(move |_| ctx.report.with(|r| r.findings.iter().filter(|f| f.severity == sev).count()));
        // A long group shows its first subjects and the rest on request: a plan of
        // hundreds of instances stays quick to open.
        let all = RwSignal::new(false);
        let groups = Memo::new(move |_| ctx.report.with(|r| rule_groups(r, sev)));
        // A group per rule, drawn once: a message or a name that changes
        // rewrites the group's lists, and an open "Every message" stays open.
        let rules = settled(move || groups.with(|gs| gs.iter().map(|g| g.rule).collect::<Vec<_>>()));
        let by_rule = Fanout::new(move || groups.with(|gs| gs.iter().map(|g| (g.rule.to_string(), g.clone())).collect()));
        view! {
            <Show when=move || { total.get() > 0 }>
                <h3 class=format!("sev-head sev-{}", sev.label())>{severity_icon(sev)}" "{match sev { Severity::Error => "Errors", Severity::Warning => "Warnings", Severity::Info => "Notes" }}" ("{move || count(total.get() as f64)}")"</h3>
                <ul class="findings">
                    <For
                        each=move || rules.get()
                        key=|rule| *rule
                        children=move |rule| {
                            let group = by_rule.get(rule);
                            let n = Memo::new(move |_| group.with(|g| g.as_ref().map_or(0, |g| g.items.len())));
                            let one = move || n.get() == 1;
                            let shown = move || if all.get() { n.get() } else { n.get().min(SUBJECTS_FIRST) };
                            let title = medv_sizing::rules::by_id(rule).map_or("", |r| r.title);
                            let source = move || group.with(|g| g.as_ref().map_or("", |g| g.source));
                            let subjects = settled(move || {
                                group.with(|g| {
                                    g.as_ref().map_or_else(Vec::new, |g| {
                                        g.items.iter().take(shown()).enumerate().map(|(at, (f, _))| (at, f.subject.clone(), f.field)).collect::<Vec<_>>()
                                    })
                                })
                            });
                            view! {
                                <li class=format!("finding-group sev-{}", sev.label()) data-testid="finding-group" data-rule=rule data-count=move || n.get()>
                                    <p class="group-head">
                                        <span class="sev-label">{severity_icon(sev)}" "{severity_word(sev)}</span>
                                        " "
                                        <code class="rule">{rule}</code>
                                        {move || (!one()).then(|| view! { " " <span class="group-title">{title}" ×"{n.get()}</span> })}
                                    </p>
                                    <ul class=move || if one() { "subjects single" } else { "subjects" }>
                                        // Each subject drawn once, keyed by its place, subject and
                                        // field: a message that changes rewrites its text.
                                        <For
                                            each=move || subjects.get()
                                            key=|k| k.clone()
                                            children=move |(at, subject, field)| {
                                                // What the subject shows: its message when it is the
                                                // group's only one, else its name; the message on hover.
                                                let texts = Memo::new(move |_| group.with(|g| {
                                                    g.as_ref().and_then(|g| g.items.get(at).map(|(f, name)| {
                                                        (if g.items.len() == 1 { f.message.clone() } else { name.clone() }, f.message.clone())
                                                    })).unwrap_or_default()
                                                }));
                                                let label = move || texts.with(|t| t.0.clone());
                                                let message = move || texts.with(|t| t.1.clone());
                                                view! {
                                                    <li class=format!("finding sev-{}", sev.label()) data-testid="finding" data-rule=rule data-severity=sev.label() data-subject=subject data-field=field.map(|p| p.to_string()).unwrap_or_default()>
                                                        {match field {
                                                            Some(path) => view! { <button type="button" class="finding-btn" title=message on:click=move |_| reveal_and_focus(ctx, open, path)><span class="message">{label}</span></button> }.into_any(),
                                                            None => view! { <span class="finding-btn" title=message><span class="message">{label}</span></span> }.into_any(),
                                                        }}
                                                    </li>
                                                }
                                            }
                                        />
                                    </ul>
                                    <Show when=move || !one()>
                                        <details class="group-messages">
                                            <summary>{move || format!("Every message ({})", n.get())}</summary>
                                            <ul>{move || group.with(|g| g.as_ref().map(|g| g.items.iter().take(shown()).map(|(f, _)| view! { <li>{f.message.clone()}</li> }).collect_view()))}</ul>
                                        </details>
                                    </Show>
                                    <p class="source">"Source: "{source}</p>
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
                fallback=move || {
                    let InstanceKeys(keys) = expect_context::<InstanceKeys>();
                    view! { <For each=move || keys.0.get() key=|k| k.clone() children=move |key| view! { <InstanceCard i=keys.index_of(key) /> } /> }
                }
            >
                <ResultsTable kind=Kind::Instances />
            </Show>
        </section>
    }
}

/// A group of findings shows this many subjects, the rest on request.
const SUBJECTS_FIRST: usize = 25;

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
                fallback=move || {
                    let keys = RowKeys::report_hosts(ctx);
                    view! { <For each=move || keys.0.get() key=|k| k.clone() children=move |key| view! { <HostCard h=keys.index_of(key) /> } /> }
                }
            >
                <ResultsTable kind=Kind::Hosts />
            </Show>
        </section>
    }
}
