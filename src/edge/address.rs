//! The address bar edge: the page's address, and tidying it when a plan
//! arrives in a link (see `persist::boot`) or is saved.

use medv_sizing::link;
use wasm_bindgen::JsValue;

/// The page's address without query or fragment.
pub fn base_address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split(['#', '?'])
        .next()
        .unwrap_or_default()
        .to_string()
}

fn replace_address(url: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// A link that arrived as `%23p=…` (Outlook Safe Links) or `?p=…` is shown as
/// the canonical `#p=…`, which the web server never sees.
pub fn rewrite_address(href: &str) {
    if let Some(payload) = link::find_payload(href) {
        let canonical = format!("{}#p={payload}", base_address());
        if canonical != href {
            replace_address(&canonical);
        }
    }
}

/// Drops a plan from the address once it is saved, so a reload opens the saved plan.
pub fn clear_address() {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    if link::find_payload(&href).is_some() {
        replace_address(&base_address());
    }
}
