//! The local-storage edge. Storage may be missing or blocked (privacy modes,
//! policies): every call here degrades to "nothing stored" instead of failing.

use gloo_storage::{LocalStorage, Storage};

/// Whether local storage can be used at all. Checked before every gloo call,
/// because gloo throws when the browser refuses access.
pub fn available() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.local_storage() {
        Ok(Some(s)) => {
            let probe = "medv-planner.probe";
            let ok = s.set_item(probe, "1").is_ok();
            let _ = s.remove_item(probe);
            ok
        }
        _ => false,
    }
}

/// A stored string, or `None` when absent or storage is unavailable.
pub fn read(key: &str) -> Option<String> {
    if !available() {
        return None;
    }
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Stores a string as it is (not JSON-encoded); `false` when storage is
/// unavailable or full.
pub fn write(key: &str, value: &str) -> bool {
    available() && LocalStorage::raw().set_item(key, value).is_ok()
}
