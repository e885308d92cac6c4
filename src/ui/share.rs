//! The share panel: makes a link that carries the plan, with or without names.

use leptos::prelude::*;
use medv_sizing::link::{self, LinkOptions};

use crate::edge::address::base_address;
use crate::state::use_ctx;

/// Links longer than this break in Outlook and Teams.
pub const LINK_BUDGET: usize = 1_800;

#[component]
pub fn SharePanel(open: RwSignal<bool>) -> impl IntoView {
    let ctx = use_ctx();
    let private = RwSignal::new(false);
    let copied = RwSignal::new(None::<String>);
    let url = Memo::new(move |_| {
        let options = LinkOptions {
            without_names: private.get(),
        };
        ctx.plan.with(|p| link::link(&base_address(), p, options))
    });
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let copy = move |_| {
        let text = url.get_untracked();
        if let Some(t) = textarea.get() {
            t.select();
        }
        let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
        match clipboard {
            Some(c) if web_sys::window().is_some_and(|w| w.is_secure_context()) => {
                let promise = c.write_text(&text);
                leptos::task::spawn_local(async move {
                    let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                    copied.set(Some(if ok {
                        "Copied.".into()
                    } else {
                        "The browser did not allow copying: the link is selected, press Ctrl+C."
                            .into()
                    }));
                });
            }
            _ => copied.set(Some(
                "The link is selected: press Ctrl+C to copy it.".into(),
            )),
        }
    };
    view! {
        <Show when=move || open.get()>
            <section class="card share" role="region" aria-labelledby="share-h" data-testid="share-panel">
                <h2 id="share-h">"Share this plan"</h2>
                <p class="hint">
                    "The link contains the plan itself (after the #, which browsers never send to the web server). Anyone who has the link can read the plan. Opening it shows a copy; it never replaces anyone's saved plans."
                </p>
                <div class="field field-check">
                    <input id="share-private" type="checkbox" data-testid="share-private" prop:checked=move || private.get() on:change=move |ev| private.set(event_target_checked(&ev)) />
                    <label for="share-private">"Share without names and notes (numbers and choices only)"</label>
                </div>
                <label for="share-link">"Link"</label>
                <textarea id="share-link" node_ref=textarea data-testid="share-link" readonly rows="4" prop:value=move || url.get()></textarea>
                <p class="hint" data-testid="share-length">
                    {move || {
                        let n = url.with(String::len);
                        if n > LINK_BUDGET {
                            format!("{n} characters: mail and chat tools often break links over about {LINK_BUDGET}. Share without names, or export the plan as a file instead.")
                        } else {
                            format!("{n} characters.")
                        }
                    }}
                </p>
                <div class="actions">
                    <button type="button" data-testid="share-copy" on:click=copy>"Copy link"</button>
                    <button type="button" on:click=move |_| open.set(false)>"Close"</button>
                </div>
                <p role="status" class="hint">{move || copied.get()}</p>
            </section>
        </Show>
    }
}
