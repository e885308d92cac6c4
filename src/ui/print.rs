//! What only the printed design document shows: the inputs and the assumptions
//! ledger. Results, findings and charts print from the page itself.

use leptos::prelude::*;
use medv_sizing::assumptions::Key;
use medv_sizing::plan::Choice;
use medv_sizing::units::count;

use crate::state::use_ctx;

/// True from the browser's `beforeprint` to its `afterprint`: what only paper
/// shows is built then, not on every edit.
pub fn printing() -> ReadSignal<bool> {
    let (printing, set) = signal(false);
    let before = window_event_listener(leptos::ev::beforeprint, move |_| set.set(true));
    let after = window_event_listener(leptos::ev::afterprint, move |_| set.set(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    printing
}

#[component]
pub fn PrintInputs() -> impl IntoView {
    let printing = printing();
    view! { <Show when=move || printing.get()><PrintedInputs /></Show> }
}

#[component]
fn PrintedInputs() -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <section class="print-only" aria-hidden="true">
            <h2>"Inputs"</h2>
            <p class="print-notes">{move || ctx.plan.with(|p| p.notes.clone())}</p>
            <table>
                <thead><tr><th>"Instance"</th><th>"Clients"</th><th>"Workspaces"</th><th>"Server"</th><th>"Standby"</th><th>"Database"</th><th>"Consoles"</th></tr></thead>
                <tbody>
                    {move || ctx.plan.with(|p| p.instances.iter().map(|i| {
                        let ws: f64 = i.workspaces.iter().map(|w| w.count).sum();
                        view! {
                            <tr>
                                <td>{i.display_name().to_string()}</td>
                                <td>{count(i.active_clients)}</td>
                                <td>{count(ws)}</td>
                                <td>{format!("{} GHz × {}, {} GB, {}", count(i.server.cpu_ghz), count(i.server.cores), count(i.server.ram_gb), i.server.os.label())}</td>
                                <td>{i.standby.mode.label()}</td>
                                <td>{i.sql_host.clone().unwrap_or_else(|| "own server".into())}</td>
                                <td>{i.consoles.len()}</td>
                            </tr>
                        }
                    }).collect_view())}
                </tbody>
            </table>
            <h2>"Assumptions ledger"</h2>
            <table>
                <thead><tr><th>"Assumption"</th><th>"Value"</th><th>"Default"</th><th>"Basis and source"</th></tr></thead>
                <tbody>
                    {Key::ALL.iter().map(|&k| {
                        let info = k.info();
                        view! {
                            <tr>
                                <td>{info.label}</td>
                                <td>{move || format!("{} {}", count(ctx.plan.with(|p| p.assumptions.get(k))), info.unit)}</td>
                                <td>{format!("{} {}", count(info.default), info.unit)}</td>
                                <td>{if info.documented { "Documented: " } else { "[our assumption] " }}{info.source}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
