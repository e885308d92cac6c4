//! Component tests in a real headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use medv_planner::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh container and waits for it to render.
async fn mount() -> HtmlElement {
    let window = web_sys::window().unwrap();
    // Each test starts as a first visit: no saved plans, no plan in the address.
    window.local_storage().unwrap().unwrap().clear().unwrap();
    let doc = window.document().unwrap();
    let container: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), App).forget();
    settle().await;
    // The inputs are built once the first figures have painted.
    for _ in 0..100 {
        if container
            .query_selector("[data-testid='inputs-loading']")
            .unwrap()
            .is_none()
        {
            break;
        }
        sleep_ms(20).await;
    }
    settle().await;
    container
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

fn find(root: &HtmlElement, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn value_of(root: &HtmlElement, testid: &str) -> String {
    find(root, &format!("[data-testid='{testid}']"))
        .get_attribute("data-value")
        .unwrap_or_default()
}

fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

fn rules(root: &HtmlElement) -> Vec<String> {
    let list = root.query_selector_all("[data-testid='finding']").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.unchecked_into::<Element>().get_attribute("data-rule"))
        .collect()
}

#[wasm_bindgen_test]
async fn first_visit_shows_the_worked_example() {
    let root = mount().await;
    assert_eq!(value_of(&root, "instance-hq-database_bytes"), "2925000000");
    assert_eq!(
        value_of(&root, "instance-hq-workspace_storage_bytes"),
        "368640"
    );
    assert_eq!(value_of(&root, "host-A-database_bytes"), "3627000000");
    assert_eq!(
        format!(
            "{:.4}",
            value_of(&root, "host-A-write_iops_with_burst")
                .parse::<f64>()
                .unwrap()
        ),
        "1.7940"
    );
    assert!(find(&root, "[data-testid='no-errors']")
        .text_content()
        .unwrap()
        .contains("No errors"));
    root.remove();
}

#[wasm_bindgen_test]
async fn garbage_is_kept_as_typed_and_explained() {
    let root = mount().await;
    let input: HtmlInputElement = find(&root, "#f-instances-0-active_clients").unchecked_into();
    type_into(&input, "lots");
    settle().await;
    assert_eq!(input.value(), "lots", "the text stays as typed");
    let msgs = find(&root, "#f-instances-0-active_clients-msg")
        .text_content()
        .unwrap();
    assert!(msgs.contains("Not a number"), "{msgs}");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    // The plan kept its last number: figures are unchanged.
    assert_eq!(value_of(&root, "instance-hq-active_clients"), "5000");
    type_into(&input, "12.");
    settle().await;
    assert_eq!(input.value(), "12.");
    assert!(find(&root, "#f-instances-0-active_clients-msg")
        .text_content()
        .unwrap()
        .contains("incomplete"));
    root.remove();
}

#[wasm_bindgen_test]
async fn over_the_client_limit_is_an_error_until_fixed() {
    let root = mount().await;
    let input: HtmlInputElement = find(&root, "#f-instances-0-active_clients").unchecked_into();
    type_into(&input, "5,001");
    settle().await;
    assert_eq!(value_of(&root, "instance-hq-active_clients"), "5001");
    assert!(rules(&root).contains(&"clients-over-limit".to_string()));
    assert_eq!(value_of(&root, "count-errors"), "1");
    let msgs = find(&root, "#f-instances-0-active_clients-msg")
        .text_content()
        .unwrap();
    assert!(msgs.contains("at most 5,000"), "{msgs}");
    type_into(&input, " 4000 ");
    settle().await;
    assert!(!rules(&root).contains(&"clients-over-limit".to_string()));
    assert_eq!(value_of(&root, "count-errors"), "0");
    root.remove();
}

#[wasm_bindgen_test]
async fn adding_an_instance_and_a_console_updates_results() {
    let root = mount().await;
    find(&root, "[data-testid='add-instance']")
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    assert_eq!(value_of(&root, "instance-i1-active_clients"), "1000");
    // A new instance comes with one console like the typical client.
    assert!(!rules(&root).contains(&"console-none".to_string()));
    let editor = find(&root, "[data-testid='instance-editor-i1']");
    let count = |editor: &Element| {
        editor
            .query_selector_all("[data-testid='console-row']")
            .unwrap()
            .length()
    };
    assert_eq!(count(&editor), 1);
    editor
        .query_selector("[data-testid='add-console']")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    assert_eq!(count(&editor), 2);
    let still_none = root
        .query_selector("[data-testid='finding'][data-rule='console-none'][data-subject='i1']")
        .unwrap();
    assert!(still_none.is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn a_finding_moves_focus_to_its_field() {
    let root = mount().await;
    let input: HtmlInputElement = find(&root, "#f-instances-0-server-cpu_ghz").unchecked_into();
    type_into(&input, "2");
    settle().await;
    let button: HtmlElement = find(
        &root,
        "[data-testid='finding'][data-rule='server-cpu-slow'] button",
    )
    .unchecked_into();
    button.click();
    settle().await;
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(active.id(), "f-instances-0-server-cpu_ghz");
    root.remove();
}

/// Every field a finding can name has a control in the editor with the id the
/// finding's path gives: a plan bent to trip rules in every area, opened from a
/// link, shows each finding's field.
#[wasm_bindgen_test]
async fn every_field_a_finding_names_has_a_control() {
    use medv_sizing::assumptions::Key;
    use medv_sizing::path::FieldPath;
    use medv_sizing::plan::*;

    let mut plan = medv_sizing::worked_example();
    plan.total_users = Some(40_000.0);
    plan.standard_server_ram_gb = 0.0;
    plan.assumptions.retention_days = 0.5;
    let hq = &mut plan.instances[0];
    hq.server.cores = 1.5;
    hq.server.cpu_ghz = 2.0;
    hq.server.site.clear();
    hq.standby.mode = StandbyMode::None;
    hq.workspaces[0].offline = OfflinePolicy::NotPermitted;
    hq.workspaces[1].delete_when_offline_too_long = true;
    hq.overrides.set(Key::EventSizeBytes, Some(-1.0));
    let branch = &mut plan.instances[1];
    branch.consoles[0].os = ClientOs::WindowsServer;
    branch.consoles.push(Console::default());
    branch.standby.recovery_hours = Some(500.0);
    branch.server.active_servers = 2.0;
    plan.instances[2].workspaces.clear();
    plan.instances[2].active_clients = 0.0;
    plan.sql_hosts[0].placement = Placement::Remote;
    plan.sql_hosts[0].existing_instance = true;
    plan.sql_hosts[1].fault_tolerance = SqlFaultTolerance::LogShipping;
    plan.sql_hosts.push(SqlHost::new("spare"));

    let window = web_sys::window().unwrap();
    let history = window.history().unwrap();
    let before = window.location().href().unwrap();
    let link = medv_sizing::link::link(&before, &plan, Default::default());
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&link))
        .unwrap();
    let root = mount().await;
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&before))
        .unwrap();

    let list = root.query_selector_all("[data-testid='finding']").unwrap();
    let doc = window.document().unwrap();
    let mut checked = 0;
    for k in 0..list.length() {
        let el: Element = list.item(k).unwrap().unchecked_into();
        let field = el.get_attribute("data-field").unwrap_or_default();
        if field.is_empty() {
            continue;
        }
        let path =
            FieldPath::parse(&field).unwrap_or_else(|| panic!("{field} is not a field path"));
        assert!(
            doc.get_element_by_id(&path.dom_id()).is_some(),
            "no control {} for {field} ({})",
            path.dom_id(),
            el.get_attribute("data-rule").unwrap_or_default()
        );
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} findings named a field");
    root.remove();
}

/// A text drawn rotated, then one drawn level in the same font: the second is
/// drawn in that font, not in the one the rotation's save and restore left.
#[wasm_bindgen_test]
fn a_rotated_text_leaves_the_font_it_was_drawn_in() {
    use medv_planner::ui::charts::canvas::MeasuredCanvas;
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let doc = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas").unwrap().unchecked_into();
    canvas.set_width(400);
    canvas.set_height(200);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let root = MeasuredCanvas::new(canvas).unwrap().into_drawing_area();
    let small = ("sans-serif", 11.0).into_font().color(&BLACK);
    let large = ("sans-serif", 24.0).into_font().color(&BLACK);
    let anchor = Pos::new(HPos::Left, VPos::Top);
    root.draw(&Text::new("tick", (10, 10), small.pos(anchor)))
        .unwrap();
    root.draw(&Text::new(
        "up",
        (50, 150),
        large.transform(FontTransform::Rotate270).pos(anchor),
    ))
    .unwrap();
    root.draw(&Text::new("across", (100, 100), large.pos(anchor)))
        .unwrap();
    assert!(context.font().contains("24px"), "{}", context.font());
}
