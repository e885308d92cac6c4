//! The file edge: downloads (export) and uploads (import), through the
//! browser's Blob and File APIs. No network is involved.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlInputElement, Url};

/// Files larger than this are refused before they are read. Derived from
/// what the app writes: browsers keep at most about 5 million characters of
/// local storage per site (Chromium 5.2 million, Firefox and Safari 5 MB), and
/// every plan file or backup the app writes comes from there; as indented
/// UTF-8 JSON (up to 3 bytes a character, plus indentation) that is under
/// 32 MB. Twice that leaves room for files written or edited by hand.
pub const MAX_IMPORT_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

fn js_err(e: JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "unknown error".into())
}

/// Offers `text` as a download named `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let bag = BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &bag).map_err(js_err)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(js_err)?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_err)?
        .dyn_into()
        .map_err(|_| "no anchor")?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor).map_err(js_err)?;
    anchor.click();
    anchor.remove();
    // Revoke later: the download starts asynchronously.
    leptos::prelude::set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// Reads the file chosen in `input`, hands `(name, text)` or why it was not
/// read to `then`, and clears the input, so the same file can be chosen again.
pub fn take_chosen(
    input: HtmlInputElement,
    then: impl FnOnce(Result<(String, String), String>) + 'static,
) {
    leptos::task::spawn_local(async move {
        then(read_chosen(&input).await);
        input.set_value("");
    });
}

/// Reads the first file chosen in `input` as text.
async fn read_chosen(input: &HtmlInputElement) -> Result<(String, String), String> {
    let file = input
        .files()
        .and_then(|f| f.get(0))
        .ok_or("no file chosen")?;
    if file.size() > MAX_IMPORT_BYTES {
        return Err(format!(
            "the file is {:.1} MB; a plan or backup this tool writes is under 32 MB (browsers keep at most about 5 million characters per site), and files over {:.0} MB are not read",
            file.size() / 1024.0 / 1024.0,
            MAX_IMPORT_BYTES / 1024.0 / 1024.0
        ));
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(js_err)?;
    Ok((file.name(), text.as_string().ok_or("the file is not text")?))
}

/// Now, as ISO 8601 (UTC).
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// An ISO time for people: "2026-11-26 06:01:23" in the browser's time zone.
pub fn local_time(iso: &str) -> String {
    if iso.is_empty() {
        return "an unknown time".into();
    }
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    )
}
