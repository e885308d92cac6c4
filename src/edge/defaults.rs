//! The organization defaults edge: reads `site-defaults.json` from beside the
//! page, once, at start. No file is silence; a file that is not valid is a
//! problem the page shows, and the built-in defaults stay.

use std::sync::Arc;

use leptos::prelude::*;
use medv_sizing::site_defaults::{parse_site_defaults, SiteDefaults, FILE_NAME, MAX_BYTES};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The organization's defaults, when a valid file was found; why a file was
/// not used, when one was found and refused.
#[derive(Clone, Copy)]
pub struct OrgDefaults {
    pub defaults: RwSignal<Option<Arc<SiteDefaults>>>,
    pub problem: RwSignal<Option<String>>,
}

impl OrgDefaults {
    /// Starts reading the file; the signals change once it is read.
    pub fn load() -> Self {
        let org = OrgDefaults {
            defaults: RwSignal::new(None),
            problem: RwSignal::new(None),
        };
        leptos::task::spawn_local(async move {
            match fetch_text().await {
                Ok(None) => {}
                Ok(Some(text)) => match parse_site_defaults(&text) {
                    Ok(d) => org.defaults.set(Some(Arc::new(d))),
                    Err(e) => org.problem.set(Some(e.to_string())),
                },
                Err(e) => org.problem.set(Some(e)),
            }
        });
        org
    }

    /// A new plan: the organization's defaults when there are any.
    pub fn new_plan(self, name: &str) -> medv_sizing::Plan {
        self.defaults.with_untracked(|d| match d {
            Some(d) => d.new_plan(name),
            None => medv_sizing::Plan {
                name: name.to_string(),
                ..Default::default()
            },
        })
    }

    /// A plan file's text as a plan: the fields it leaves out take the
    /// organization's values when there are any.
    pub fn parse_plan(self, text: &str) -> Result<medv_sizing::Plan, medv_sizing::PlanError> {
        self.defaults.with_untracked(|d| match d {
            Some(d) => d.parse_plan(text),
            None => medv_sizing::parse_plan(text),
        })
    }

    /// A new SQL Server host with the organization's version, edition and fault tolerance.
    pub fn new_host(self, id: &str) -> medv_sizing::plan::SqlHost {
        self.defaults.with_untracked(|d| match d {
            Some(d) => d.new_host(id),
            None => medv_sizing::plan::SqlHost::new(id),
        })
    }
}

/// The file's text; `None` when there is none (404 or 204, or a server that
/// answers a missing file with the page itself).
async fn fetch_text() -> Result<Option<String>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    let answer = JsFuture::from(window.fetch_with_str_and_init(FILE_NAME, &init))
        .await
        .map_err(|_| format!("{FILE_NAME} could not be requested"))?;
    let response: web_sys::Response = answer.dyn_into().map_err(|_| "no response")?;
    let status = response.status();
    if status == 404 || status == 204 || status == 410 {
        return Ok(None);
    }
    if !response.ok() {
        return Err(format!("the server answered {status} for {FILE_NAME}"));
    }
    let html = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .is_some_and(|t| t.to_ascii_lowercase().contains("text/html"));
    if html {
        return Ok(None);
    }
    let text = JsFuture::from(response.text().map_err(|_| "no text")?)
        .await
        .map_err(|_| format!("{FILE_NAME} could not be read"))?
        .as_string()
        .unwrap_or_default();
    if text.len() > MAX_BYTES {
        return Err(format!("{FILE_NAME} is larger than {MAX_BYTES} bytes"));
    }
    Ok(Some(text))
}
