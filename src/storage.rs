//! The local-storage edge. Storage may be missing or blocked (privacy modes,
//! policies): every call here degrades to "nothing stored" instead of failing.

use gloo_storage::{LocalStorage, Storage};

/// Whether local storage can be used at all. Checked before every gloo call,
/// because gloo throws when the browser refuses access.
pub fn available() -> bool {
    // Reading is the test: a full storage still reads, and a write that fails
    // for lack of room is reported as such where it happens.
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some_and(|s| s.length().is_ok())
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
