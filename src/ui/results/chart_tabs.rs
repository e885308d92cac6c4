//! The charts in tabs, one drawn at a time and only near the screen (every one
//! when printing), each with its data table, built when opened.

use leptos::prelude::*;
use medv_sizing::units::{bytes, count, hours, iops_read};
use wasm_bindgen::JsCast;

use crate::state::use_ctx;
use crate::ui::charts::{self, ChartKind};
use crate::ui::theme::Theme;

/// A chart of `report` on a canvas, redrawn when what it shows of the report,
/// the theme or the size changes, and only while it is near the screen (within a
/// screen's height of the viewport) or the page is printed: a change made while
/// it is scrolled away is drawn once it comes back.
/// Its test id is `<test_prefix>-<kind>`.
#[component]
pub fn ChartCanvas(
    kind: ChartKind,
    report: Memo<medv_sizing::Report>,
    #[prop(default = "chart")] test_prefix: &'static str,
    /// True while the page is printed: the chart is drawn wherever it is.
    #[prop(optional)]
    printing: Option<ReadSignal<bool>>,
) -> impl IntoView {
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
    // Drawn in the next animation frame, once however many edits came before it,
    // and only when what it shows changed.
    let drawn = Memo::new(move |_| report.with(|r| charts::Drawn::of(kind, r)));
    let pending = StoredValue::new(false);
    // Whether the canvas is within a screen's height of the viewport (set by an
    // IntersectionObserver), and whether what it shows changed since it was drawn.
    let near_screen = RwSignal::new(false);
    let printing_untracked = move || printing.is_some_and(|p| p.get_untracked());
    let printing = move || printing.is_some_and(|p| p.get());
    let stale = StoredValue::new(true);
    let paint = move || {
        // The chart may have gone (another tab, another plan) before its frame.
        if pending.try_set_value(false).is_some() {
            return;
        }
        stale.set_value(false);
        let (Some(Some(el)), Some(resizes), Some(dark)) = (
            canvas.try_get_untracked(),
            resized.try_get_untracked(),
            theme.try_is_dark_untracked(),
        ) else {
            return;
        };
        if size.get_value().is_none_or(|s| s.3 != resizes) {
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
        let Some(backend) = crate::ui::charts::canvas::MeasuredCanvas::new(el) else {
            return;
        };
        let root = plotters::prelude::IntoDrawingArea::into_drawing_area(backend);
        let palette = if dark { charts::DARK } else { charts::LIGHT };
        drawn.try_with_untracked(|d| {
            if let Err(e) = charts::draw(&root, d, &palette, ratio) {
                leptos::logging::warn!("chart not drawn: {e}");
            }
        });
    };
    // Drawn in the next frame if what it shows changed and it can be seen.
    let schedule = move || {
        let shown = near_screen.get_untracked() || printing_untracked();
        if shown && stale.get_value() && !pending.get_value() && canvas.get_untracked().is_some() {
            pending.set_value(true);
            request_animation_frame(paint);
        }
    };
    Effect::new(move |_| {
        // What the drawing depends on: what it shows of the report, the theme
        // and the size. `drawn` is read, not only tracked: a memo is computed when
        // first read, and its first value, computed by the drawing itself, would
        // run this again and draw the chart a second time.
        drawn.with(|_| ());
        resized.track();
        let _ = theme.is_dark();
        stale.set_value(true);
        schedule();
    });
    Effect::new(move |_| {
        // Coming into view, or printing, draws what changed while it could not be seen.
        near_screen.track();
        printing();
        canvas.track();
        schedule();
    });
    watch_near_screen(canvas, near_screen);
    view! { <canvas node_ref=canvas class="chart" role="img" aria-label=format!("{} (the table below gives the same data)", kind.title()) data-testid=format!("{test_prefix}-{kind:?}")></canvas> }
}

/// Keeps `near` true while the canvas is within a screen's height of the viewport,
/// from an IntersectionObserver attached once the canvas is in the page and
/// disconnected with it. Without IntersectionObserver, the canvas counts as near.
fn watch_near_screen(canvas: NodeRef<leptos::html::Canvas>, near: RwSignal<bool>) {
    use wasm_bindgen::closure::Closure;
    type Callback = Closure<dyn FnMut(js_sys::Array)>;
    let observer = StoredValue::new_local(None::<(web_sys::IntersectionObserver, Callback)>);
    canvas.on_load(move |el| {
        let callback: Callback = Closure::new(move |entries: js_sys::Array| {
            // The last entry is the newest state of the one canvas observed.
            if let Some(entry) = entries
                .iter()
                .last()
                .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
            {
                let now = entry.is_intersecting();
                if near.try_get_untracked().is_some_and(|was| was != now) {
                    let _ = near.try_set(now);
                }
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("100% 0px");
        match web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            &options,
        ) {
            Ok(o) => {
                o.observe(&el);
                observer.set_value(Some((o, callback)));
            }
            Err(_) => near.set(true),
        }
    });
    on_cleanup(move || {
        if let Some(Some((o, _))) = observer.try_update_value(|o| o.take()) {
            o.disconnect();
        }
    });
}

#[component]
pub fn Charts() -> impl IntoView {
    let ctx = use_ctx();
    // A data table is built when it is opened, not on every edit.
    let tables = [RwSignal::new(false); 3];
    // The tables name each series as the chart does (`Drawn`).
    let retention_rows = Memo::new(move |_| {
        ctx.report.with(|r| {
            let drawn = charts::Drawn::of(ChartKind::DatabaseByRetention, r);
            drawn
                .names()
                .iter()
                .zip(&drawn.series().database_by_retention)
                .flat_map(|(name, s)| {
                    s.points
                        .iter()
                        .step_by(4)
                        .map(move |p| (name.clone(), p.days, p.low_bytes, p.bytes, p.high_bytes))
                })
                .collect::<Vec<_>>()
        })
    });
    let iops_rows = Memo::new(move |_| {
        ctx.report
            .with(|r| charts::iops_by_host(r).collect::<Vec<_>>())
    });
    let backlog_rows = Memo::new(move |_| {
        ctx.report.with(|r| {
            let drawn = charts::Drawn::of(ChartKind::BacklogByOutage, r);
            drawn
                .names()
                .iter()
                .zip(&drawn.series().backlog_by_outage)
                .flat_map(|(name, s)| {
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
    let printing = crate::ui::print::printing();
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
                        <ChartCanvas kind=kind report=ctx.report printing=printing />
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
