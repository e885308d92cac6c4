//! The local-storage edge, and the only module that touches it. Storage may be
//! missing or blocked (privacy modes, policies): every call here degrades to
//! "nothing stored" instead of failing, and a write says why it was refused.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

/// Whether local storage can be used at all. Checked before every call,
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

/// Why a write was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The browser does not let the page keep anything.
    Unavailable,
    /// The site's storage is full.
    Full,
    /// Any other refusal.
    Other,
}

/// Stores a string as it is (not JSON-encoded).
pub fn store(key: &str, value: &str) -> Result<(), Refused> {
    if !available() {
        return Err(Refused::Unavailable);
    }
    LocalStorage::raw().set_item(key, value).map_err(|e| {
        let quota = e
            .dyn_ref::<web_sys::DomException>()
            .is_some_and(|d| d.name() == "QuotaExceededError" || d.code() == 22);
        if quota {
            Refused::Full
        } else {
            Refused::Other
        }
    })
}

/// Stores a string as it is; `false` when storage is unavailable or full.
pub fn write(key: &str, value: &str) -> bool {
    store(key, value).is_ok()
}

/// Removes a key (nothing happens when storage is unavailable).
pub fn remove(key: &str) {
    if available() {
        let _ = LocalStorage::raw().remove_item(key);
    }
}

/// Every key, in storage order.
pub fn keys() -> Vec<String> {
    if !available() {
        return Vec::new();
    }
    let s = LocalStorage::raw();
    (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .collect()
}

/// Characters the page's origin holds (keys and values), as browsers count
/// their quota.
pub fn chars_in_use() -> usize {
    keys()
        .into_iter()
        .map(|k| {
            let v = read(&k).unwrap_or_default();
            k.encode_utf16().count() + v.encode_utf16().count()
        })
        .sum()
}
