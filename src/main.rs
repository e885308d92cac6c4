fn main() {
    console_error_panic_hook::set_once();
    // The page's first paint is the header and "Opening the planner…" from
    // index.html; the app takes its place in the same task, with no paint between.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(medv_planner::App);
}
