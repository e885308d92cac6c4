//! Light and dark themes: follow the system unless the user picks one; the
//! choice is kept in local storage when it is available.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::edge::storage;

const KEY: &str = "medv-planner.theme";

#[derive(Clone, Copy)]
pub struct Theme {
    /// "system", "light" or "dark".
    pub choice: RwSignal<String>,
    system_dark: RwSignal<bool>,
}

impl Theme {
    pub fn new() -> Self {
        let stored = storage::read(KEY)
            .filter(|v| v == "light" || v == "dark")
            .unwrap_or_else(|| "system".into());
        let query = web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
        let theme = Theme {
            choice: RwSignal::new(stored),
            system_dark: RwSignal::new(query.as_ref().is_some_and(|q| q.matches())),
        };
        if let Some(q) = query {
            let system_dark = theme.system_dark;
            let on_change = Closure::<dyn FnMut(web_sys::MediaQueryListEvent)>::new(
                move |e: web_sys::MediaQueryListEvent| system_dark.set(e.matches()),
            );
            let _ =
                q.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
            // Lives as long as the page.
            on_change.forget();
        }
        let choice = theme.choice;
        Effect::new(move |_| {
            let c = choice.get();
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = if c == "system" {
                    root.remove_attribute("data-theme")
                } else {
                    root.set_attribute("data-theme", &c)
                };
            }
            storage::write(KEY, &c);
        });
        theme
    }

    /// Whether the page is dark, without subscribing; `None` once the page is gone.
    pub fn try_is_dark_untracked(&self) -> Option<bool> {
        let choice = self.choice.try_get_untracked()?;
        dark(&choice, || self.system_dark.try_get_untracked())
    }

    pub fn is_dark(&self) -> bool {
        dark(&self.choice.get(), || Some(self.system_dark.get())).unwrap_or(false)
    }
}

/// Whether `choice` ("dark", "light", "system") makes the page dark; the
/// system's preference is read only when the choice defers to it.
fn dark(choice: &str, system: impl FnOnce() -> Option<bool>) -> Option<bool> {
    match choice {
        "dark" => Some(true),
        "light" => Some(false),
        _ => system(),
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let theme = expect_context::<Theme>();
    view! {
        <label class="theme-switch">
            "Theme "
            <select data-testid="theme" on:change=move |ev| theme.choice.set(event_target_value(&ev)) prop:value=move || theme.choice.get()>
                <option value="system">"System"</option>
                <option value="light">"Light"</option>
                <option value="dark">"Dark"</option>
            </select>
        </label>
    }
}
