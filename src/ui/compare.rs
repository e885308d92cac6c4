//! Comparing the open plan with another — a saved plan, the worked example, a
//! plan file or a share link — side by side, from the core's
//! [`medv_sizing::compare`]: the verdicts, what to deploy with the differences
//! marked, every figure with both values, the findings only one plan has, the
//! inputs that differ, and the size and IOPS charts of both. The other plan is
//! a copy taken when it is chosen; comparing writes into neither plan.

use leptos::prelude::*;
use medv_sizing::compare::{self, percent_text, Change, Comparison};
use medv_sizing::render::file_stem;
use medv_sizing::render_summary::plural;
use medv_sizing::report::SubjectKind;
use medv_sizing::{analyze, Plan};
use wasm_bindgen::JsCast;

use crate::edge::files::{download, take_chosen};
use crate::edge::persist::{display_name, read_saved, Library};
use crate::state::use_ctx;
use crate::ui::charts::ChartKind;
use crate::ui::results::chart_tabs::ChartCanvas;

/// The plan the open one is compared with.
#[derive(Debug, Clone, PartialEq)]
pub struct Other {
    pub plan: Plan,
    /// Where it came from, for people: "saved plan", "file “x.json”".
    pub from: String,
    /// The open plan is A (else B).
    pub open_is_a: bool,
}

/// Whether a comparison is shown, and with what.
#[derive(Clone, Copy)]
pub struct Comparing {
    pub other: RwSignal<Option<Other>>,
    /// The panel offers its choices (another plan, a file, a link).
    pub choosing: RwSignal<bool>,
}

impl Comparing {
    pub fn new() -> Self {
        Comparing {
            other: RwSignal::new(None),
            choosing: RwSignal::new(false),
        }
    }

    /// Opens the panel on its choices and moves the focus there.
    pub fn choose(self) {
        self.choosing.set(true);
        focus_panel();
    }

    /// Compares the open plan with `plan`.
    pub fn with(self, plan: Plan, from: String, open_is_a: bool) {
        self.other.set(Some(Other {
            plan,
            from,
            open_is_a,
        }));
        self.choosing.set(false);
        focus_panel();
    }

    fn close(self) {
        self.other.set(None);
        self.choosing.set(false);
    }
}

impl Default for Comparing {
    fn default() -> Self {
        Self::new()
    }
}

fn focus_panel() {
    request_animation_frame(|| {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("compare-h"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

fn change_class(c: Change) -> &'static str {
    match c {
        Change::Same => "chg-same",
        Change::Changed => "chg-changed",
        Change::Added => "chg-added",
        Change::Removed => "chg-removed",
    }
}

/// The comparison, or the choice of a plan to compare with.
#[component]
pub fn ComparePanel() -> impl IntoView {
    let comparing = expect_context::<Comparing>();
    view! {
        <Show when=move || comparing.choosing.get() || comparing.other.with(Option::is_some)>
            <section class="card compare" aria-labelledby="compare-h" data-testid="compare-panel">
                <Show when=move || comparing.choosing.get() || comparing.other.with(Option::is_none) fallback=|| view! { <ComparisonView /> }>
                    <Chooser />
                </Show>
            </section>
        </Show>
    }
}

/// Another saved plan, the worked example, a plan file or a share link.
#[component]
fn Chooser() -> impl IntoView {
    let ctx = use_ctx();
    let comparing = expect_context::<Comparing>();
    let lib = expect_context::<Library>();
    let org = expect_context::<crate::edge::defaults::OrgDefaults>();
    lib.refresh();
    let problem = RwSignal::new(None::<String>);
    let link = RwSignal::new(String::new());
    let file_input = NodeRef::<leptos::html::Input>::new();
    let pick_saved = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if id.is_empty() {
            return;
        }
        if id == "example" {
            comparing.with(
                crate::state::first_plan(),
                "the worked example".into(),
                true,
            );
            return;
        }
        match read_saved(&id) {
            Some(Ok(saved)) => comparing.with(saved.plan, "saved plan".into(), true),
            Some(Err(e)) => problem.set(Some(format!("That saved plan cannot be read: {e}."))),
            None => problem.set(Some(
                "That plan is no longer in this browser's storage.".into(),
            )),
        }
    };
    let open_link = move || match medv_sizing::link::decode(&link.get_untracked()) {
        Ok(plan) => comparing.with(plan, "link".into(), true),
        Err(e) => problem.set(Some(format!("That link does not hold a plan: {e}."))),
    };
    let on_file = move |_| {
        let Some(input) = file_input.get() else {
            return;
        };
        take_chosen(input.unchecked_into(), move |read| match read {
            Err(e) => problem.set(Some(format!("The file was not read: {e}."))),
            Ok((file, text)) => match org.parse_plan(&text) {
                Ok(plan) => comparing.with(plan, format!("file “{file}”"), true),
                Err(e) => problem.set(Some(format!("“{file}” is not a plan: {e}."))),
            },
        });
    };
    let current = lib.current.get_untracked();
    let saved = lib.entries.with_untracked(|list| {
        list.iter()
            .filter(|e| e.problem.is_none() && Some(&e.id) != current.as_ref())
            .map(|e| (e.id.clone(), e.name.clone()))
            .collect::<Vec<_>>()
    });
    view! {
        <h2 id="compare-h" tabindex="-1">"Compare “" {move || ctx.plan.with(display_name)} "” with…"</h2>
        <p class="hint">"The open plan is A; the plan you choose is B, a copy taken now. Comparing changes neither plan."</p>
        <div class="compare-choices">
            <label>
                "A saved plan or the worked example "
                <select data-testid="compare-saved" on:change=pick_saved>
                    <option value="">"Choose a plan…"</option>
                    {saved.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    <option value="example">"The worked example"</option>
                </select>
            </label>
            <label class="button-like">
                "A plan file…"
                <input type="file" accept=".json,application/json" class="visually-hidden" data-testid="compare-file" node_ref=file_input on:change=on_file />
            </label>
            <form class="compare-link" on:submit=move |ev| { ev.prevent_default(); open_link() }>
                <label>"A share link " <input type="url" data-testid="compare-link" placeholder="https://…#p=1.…" prop:value=move || link.get() on:input=move |ev| link.set(event_target_value(&ev)) /></label>
                <button type="submit" data-testid="compare-link-go">"Compare"</button>
            </form>
        </div>
        {move || problem.get().map(|p| view! { <p class="msg msg-error" role="alert" data-testid="compare-problem">{p}</p> })}
        <div class="actions">
            <button type="button" class="quiet" data-testid="compare-cancel" on:click=move |_| comparing.close()>"Cancel"</button>
        </div>
    }
}

/// The two plans side by side.
#[component]
fn ComparisonView() -> impl IntoView {
    let ctx = use_ctx();
    let comparing = expect_context::<Comparing>();
    let lib = expect_context::<Library>();
    let other_plan = Memo::new(move |_| {
        comparing
            .other
            .with(|o| o.as_ref().map(|o| o.plan.clone()))
            .unwrap_or_default()
    });
    let other_report = Memo::new(move |_| other_plan.with(analyze));
    let open_is_a = Memo::new(move |_| {
        comparing
            .other
            .with(|o| o.as_ref().is_none_or(|o| o.open_is_a))
    });
    // A and B, whichever side the open plan is on.
    let cmp = Memo::new(move |_| {
        ctx.plan.with(|p| {
            ctx.report.with(|r| {
                other_plan.with(|q| {
                    other_report.with(|rq| {
                        if open_is_a.get() {
                            compare::compare(p, r, q, rq)
                        } else {
                            compare::compare(q, rq, p, r)
                        }
                    })
                })
            })
        })
    });
    let chart_report = Memo::new(move |_| {
        ctx.report.with(|r| {
            other_report.with(|rq| {
                if open_is_a.get() {
                    compare::side_by_side(r, rq)
                } else {
                    compare::side_by_side(rq, r)
                }
            })
        })
    });
    let all_figures = RwSignal::new(false);
    let swap = move |_| {
        comparing.other.update(|o| {
            if let Some(o) = o {
                o.open_is_a = !o.open_is_a
            }
        })
    };
    let download_md = move |_| {
        let (name, text) = cmp.with_untracked(|c| {
            (
                format!(
                    "comparison-{}-{}.md",
                    file_stem(&c.a.plan_name),
                    file_stem(&c.b.plan_name)
                ),
                compare::markdown(c),
            )
        });
        lib.report_file(download(&name, "text/markdown", &text));
    };
    let side_label = move |is_a: bool| {
        let open = open_is_a.get() == is_a;
        if open {
            "the open plan".to_string()
        } else {
            comparing
                .other
                .with(|o| o.as_ref().map(|o| o.from.clone()).unwrap_or_default())
        }
    };
    let verdict = move |is_a: bool| {
        let (letter, s) = if is_a {
            ("A", cmp.with(|c| c.a.clone()))
        } else {
            ("B", cmp.with(|c| c.b.clone()))
        };
        view! {
            <div class="compare-side" data-testid=format!("compare-verdict-{}", letter.to_lowercase()) data-status=s.status.label()>
                <h3>{letter} ": " {s.plan_name.clone()} <span class="hint">" (" {side_label(is_a)} ")"</span></h3>
                <p>
                    <span class=format!("status-chip status-{}", s.status.label())>{s.status.word()}</span>
                    " " {format!("{} · {} · {}", plural(s.errors, "error", "errors"), plural(s.warnings, "warning", "warnings"), plural(s.infos, "note", "notes"))}
                </p>
                <p class="deploy">"Deploy: " {s.deployment.clone()}</p>
            </div>
        }
    };
    view! {
        <div class="compare-head">
            <h2 id="compare-h" tabindex="-1">"Comparison"</h2>
            <div class="actions wrap">
                <button type="button" data-testid="compare-swap" on:click=swap>"Swap A and B"</button>
                <button type="button" data-testid="compare-download" on:click=download_md>"Comparison (.md)"</button>
                <button type="button" data-testid="compare-another" on:click=move |_| comparing.choose()>"Compare with another…"</button>
                <button type="button" class="quiet" data-testid="compare-close" on:click=move |_| comparing.close()>"Close the comparison"</button>
            </div>
        </div>
        <p class="hint">"Edits to the open plan show here at once; the other plan is the copy taken when it was chosen. Comparing changes neither plan."</p>
        <div class="compare-sides">
            {move || verdict(true)}
            {move || verdict(false)}
        </div>
        <BomDiff cmp=cmp />
        <FigureDiff cmp=cmp all=all_figures />
        <FindingsDiff cmp=cmp />
        <InputsDiff cmp=cmp />
        <div class="compare-charts">
            <figure>
                <figcaption>{ChartKind::DatabaseByRetention.title()} ", A and B: each host of A beside its match in B (the figures table gives the same sizes)."</figcaption>
                <ChartCanvas kind=ChartKind::DatabaseByRetention report=chart_report test_prefix="compare-chart" />
            </figure>
            <figure>
                <figcaption>{ChartKind::IopsByHost.title()} ", A and B side by side (the figures table gives the same IOPS)."</figcaption>
                <ChartCanvas kind=ChartKind::IopsByHost report=chart_report test_prefix="compare-chart" />
            </figure>
        </div>
    }
}

#[component]
fn BomDiff(cmp: Memo<Comparison>) -> impl IntoView {
    let cell = |s: &Option<compare::BomSide>| {
        match s {
        None => view! { <td class="hint">"—"</td> }.into_any(),
        Some(s) => view! { <td>{s.entered.clone()} <br /> <span class="hint">"needs "</span> {s.needed.clone()} " (" {medv_sizing::render_summary::line_word(s.status)} ")"</td> }.into_any(),
    }
    };
    view! {
        <h3>"What to deploy"</h3>
        <div class="table-scroll">
            <table class="compare-table" data-testid="compare-bom">
                <thead><tr><th scope="col">"Site"</th><th scope="col">"Machine"</th><th scope="col">"A"</th><th scope="col">"B"</th><th scope="col">"Difference"</th></tr></thead>
                <tbody>
                    {move || cmp.with(|c| c.bom.iter().map(|r| view! {
                        <tr class=change_class(r.change) data-testid=format!("cmp-bom-{}-{}", r.kind, r.id) data-change=r.change.word()>
                            <td>{r.site.clone()}</td>
                            <th scope="row">{r.machine.clone()}</th>
                            {cell(&r.a)}
                            {cell(&r.b)}
                            <td class="chg-word">{r.change.word()}</td>
                        </tr>
                    }).collect_view())}
                </tbody>
            </table>
        </div>
    }
}

/// A figure's test id: `cmp-<subject>-<key>`, the plan's subject being `plan`.
fn figure_test_id(f: &compare::FigureChange) -> String {
    let subject = if f.subject_kind == SubjectKind::Plan {
        "plan"
    } else {
        f.subject.as_str()
    };
    let kind = match f.subject_kind {
        SubjectKind::SqlHost => "host",
        SubjectKind::Instance => "instance",
        _ => "plan",
    };
    format!("cmp-{kind}-{subject}-{}", f.key.replace('.', "-"))
}

/// Rows of the figures table drawn before "Show every row" is chosen: large
/// plans compare thousands of figures.
const FIGURE_ROWS: usize = 300;

#[component]
fn FigureDiff(cmp: Memo<Comparison>, all: RwSignal<bool>) -> impl IntoView {
    let counts = Memo::new(move |_| cmp.with(|c| (c.changed_figures().count(), c.figures.len())));
    let value = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let every_row = RwSignal::new(false);
    let shown = move || {
        let (changed, total) = counts.get();
        if all.get() {
            total
        } else {
            changed
        }
    };
    view! {
        <h3>"Figures"</h3>
        <p>
            {move || { let (changed, total) = counts.get(); format!("{changed} of {total} figures differ. ") }}
            <label><input type="checkbox" data-testid="compare-all-figures" prop:checked=move || all.get() on:change=move |ev| all.set(event_target_checked(&ev)) /> " Show the figures that are the same too"</label>
        </p>
        <div class="table-scroll">
            <table class="compare-table" data-testid="compare-figures">
                <thead><tr><th scope="col">"Of"</th><th scope="col">"Figure"</th><th scope="col">"A"</th><th scope="col">"B"</th><th scope="col">"Difference"</th><th scope="col">"%"</th></tr></thead>
                <tbody>
                    {move || {
                        let every = all.get();
                        let cap = if every_row.get() { usize::MAX } else { FIGURE_ROWS };
                        cmp.with(|c| c.figures.iter().filter(|f| every || f.change != Change::Same).take(cap).map(|f| view! {
                            <tr class=change_class(f.change) data-testid=figure_test_id(f) data-change=f.change.word()
                                data-a=value(f.a) data-b=value(f.b) data-delta=value(f.delta)>
                                <td>{f.subject_name.clone()}</td>
                                <th scope="row">{f.label}</th>
                                <td>{if f.a_text.is_empty() { "—".to_string() } else { f.a_text.clone() }}</td>
                                <td>{if f.b_text.is_empty() { "—".to_string() } else { f.b_text.clone() }}</td>
                                <td class="chg-word">{if f.delta_text.is_empty() { f.change.word().to_string() } else { f.delta_text.clone() }}</td>
                                <td>{percent_text(f.percent)}</td>
                            </tr>
                        }).collect_view())
                    }}
                </tbody>
            </table>
        </div>
        {move || (!every_row.get() && shown() > FIGURE_ROWS).then(|| view! {
            <p>
                {format!("The first {FIGURE_ROWS} of {} rows are shown. ", shown())}
                <button type="button" data-testid="compare-every-row" on:click=move |_| every_row.set(true)>"Show every row"</button>
            </p>
        })}
    }
}

#[component]
fn FindingsDiff(cmp: Memo<Comparison>) -> impl IntoView {
    let list = move |b: bool| {
        cmp.with(|c| {
            let notes = if b { &c.findings_only_in_b } else { &c.findings_only_in_a };
            if notes.is_empty() {
                return view! { <p class="hint">"None."</p> }.into_any();
            }
            view! {
                <ul class="compare-findings">
                    {notes.iter().map(|f| view! {
                        <li class=format!("finding sev-{}", f.severity.label()) data-rule=f.rule data-subject=f.subject.clone()>
                            <span class="sev-label">{crate::ui::nav::severity_word(f.severity)} " "</span>
                            <strong>{f.title}</strong> " — " {f.subject_name.clone()} ": " {f.message.clone()}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        })
    };
    view! {
        <div class="compare-sides">
            <div data-testid="compare-only-a"><h3>"Findings only in A"</h3>{move || list(false)}</div>
            <div data-testid="compare-only-b"><h3>"Findings only in B"</h3>{move || list(true)}</div>
        </div>
    }
}

#[component]
fn InputsDiff(cmp: Memo<Comparison>) -> impl IntoView {
    view! {
        <h3>"Inputs that differ"</h3>
        {move || cmp.with(|c| {
            if c.inputs.is_empty() {
                return view! { <p class="hint" data-testid="compare-inputs">"The inputs are the same."</p> }.into_any();
            }
            view! {
                <ul class="compare-inputs" data-testid="compare-inputs">
                    {c.inputs.iter().map(|i| view! {
                        <li class=change_class(i.change) data-kind=format!("{:?}", i.kind) data-change=i.change.word() data-id=i.id.clone().unwrap_or_default()>
                            {i.kind.word()} " " <strong>{i.name.clone()}</strong>
                            {i.within.clone().map(|w| format!(" of {w}"))}
                            ": " <span class="chg-word">{i.change.word()}</span>
                            {(!i.fields.is_empty()).then(|| view! {
                                <ul>{i.fields.iter().map(|f| view! { <li data-field=f.field.clone()>{f.label} ": " {f.a.clone()} " → " {f.b.clone()}</li> }).collect_view()}</ul>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        })}
    }
}
