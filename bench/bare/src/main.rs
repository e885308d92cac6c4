//! The benchmark's floor: what any Leptos + plotters-canvas + gloo-storage page costs.
//! One input, one derived value, two charts, the input kept in local storage.

use gloo_storage::{LocalStorage, Storage};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

const KEY: &str = "medv-bench-bare";

fn draw(canvas: web_sys::HtmlCanvasElement, points: Vec<(f64, f64)>, color: RGBColor) {
    let Some(backend) = CanvasBackend::with_canvas_object(canvas) else {
        return;
    };
    let root = backend.into_drawing_area();
    let _ = root.fill(&WHITE);
    let top = points.iter().map(|p| p.1).fold(1.0, f64::max);
    let Ok(mut chart) = ChartBuilder::on(&root)
        .margin(10)
        .build_cartesian_2d(0.0..10.0, 0.0..top)
    else {
        return;
    };
    let _ = chart.draw_series(LineSeries::new(points, &color));
    let _ = root.present();
}

#[component]
fn Chart(series: Memo<Vec<(f64, f64)>>, color: RGBColor, testid: &'static str) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let points = series.get();
        if let Some(el) = canvas.get() {
            draw(el, points, color);
        }
    });
    view! { <canvas node_ref=canvas width="480" height="240" data-testid=testid></canvas> }
}

#[component]
fn App() -> impl IntoView {
    let users = RwSignal::new(LocalStorage::get::<f64>(KEY).unwrap_or(3000.0));
    let servers = Memo::new(move |_| (users.get() / 5000.0).ceil());
    let linear = Memo::new(move |_| {
        (0..=10)
            .map(|x| (x as f64, users.get() * x as f64 / 10.0))
            .collect()
    });
    let square = Memo::new(move |_| {
        (0..=10)
            .map(|x| (x as f64, users.get() * (x * x) as f64 / 100.0))
            .collect()
    });
    Effect::new(move |_| {
        let _ = LocalStorage::set(KEY, users.get());
    });
    view! {
        <main>
            <label>"Users " <input type="number" prop:value=move || users.get().to_string()
                on:input=move |ev| if let Ok(v) = event_target_value(&ev).parse() { users.set(v) } /></label>
            <p>"Servers: " <output data-testid="bare-figure">{move || servers.get().to_string()}</output></p>
            <Chart series=linear color=BLUE testid="bare-chart-a" />
            <Chart series=square color=RED testid="bare-chart-b" />
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(App);
}
