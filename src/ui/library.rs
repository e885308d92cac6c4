//! "My plans": the saved-plans list, the save status, notices (links, imports,
//! other tabs), and the file actions (export, import, backup, restore, design
//! document, CSV).

use leptos::prelude::*;
use medv_sizing::render::{self, file_stem};
use medv_sizing::store;
use wasm_bindgen::JsCast;

use crate::edge::files::{download, local_time, now_iso, take_chosen};
use crate::edge::persist::{display_name, Library, Notice, SaveStatus};
use crate::state::use_ctx;

#[component]
pub fn Notices() -> impl IntoView {
    let ctx = use_ctx();
    let lib = expect_context::<Library>();
    let org = expect_context::<crate::edge::defaults::OrgDefaults>();
    view! {
        {move || lib.notice.get().map(|n| {
            let (class, role, text) = match n {
                Notice::Info(t) => ("notice info", "status", t),
                Notice::Error(t) => ("notice error", "alert", t),
            };
            view! {
                <div class=class role=role data-testid="notice">
                    <p>{text}</p>
                    <div class="actions">
                        <Show when=move || lib.current.get().is_none() && lib.available>
                            <button type="button" data-testid="save-copy" on:click=move |_| lib.save_copy(ctx)>"Save to my plans"</button>
                        </Show>
                        <button type="button" class="quiet" on:click=move |_| lib.notice.set(None)>"Dismiss"</button>
                    </div>
                </div>
            }
        })}
        {move || org.problem.get().map(|why| view! {
            <div class="notice error" role="alert" data-testid="defaults-problem">
                <p>"The organization defaults in " <code>"site-defaults.json"</code> " were not used: " {why} ". New plans start from the built-in defaults; the page's administrator can correct the file."</p>
                <div class="actions">
                    <button type="button" class="quiet" on:click=move |_| org.problem.set(None)>"Dismiss"</button>
                </div>
            </div>
        })}
        {move || lib.conflict.get().map(|at| view! {
            <div class="notice error" role="alert" data-testid="conflict">
                <p>"This plan was saved in another tab at " {local_time(&at)} ". Autosave is paused here so neither version is lost."</p>
                <div class="actions">
                    <button type="button" data-testid="load-theirs" on:click=move |_| lib.load_theirs(ctx)>"Load the other tab's version"</button>
                    <button type="button" data-testid="keep-mine" on:click=move |_| lib.keep_mine(ctx)>"Keep this tab's version"</button>
                </div>
            </div>
        })}
    }
}

#[component]
pub fn SaveStatusLine() -> impl IntoView {
    let ctx = use_ctx();
    let lib = expect_context::<Library>();
    let name = Memo::new(move |_| ctx.plan.with(display_name));
    view! {
        <p class="save-status" data-testid="save-status" role="status">
            // The status bar shows the name in bold just before: said once more for screen readers and tests.
            <span class="open-plan visually-hidden" data-testid="open-plan-name">"Open: “"{move || name.get()}"”. "</span>
            {move || match lib.shown_status(ctx) {
                SaveStatus::Saved(at) => view! { <span>"✔ Saved in this browser at " {local_time(&at)}</span> }.into_any(),
                SaveStatus::Pending => view! { <span>"Saving…"</span> }.into_any(),
                SaveStatus::NotSaved => view! {
                    <span>"Not saved: this plan is a copy, not one of my plans. "</span>
                    <button type="button" data-testid="save-copy-inline" on:click=move |_| lib.save_copy(ctx)>"Save to my plans"</button>
                }.into_any(),
                SaveStatus::Failed(why) => view! { <span class="bad" data-testid="save-failed">"✖ Not saved: " {why}</span> }.into_any(),
                SaveStatus::Off => view! { <span class="bad" data-testid="storage-off">"✖ This browser does not let the page keep plans (storage is blocked or in private mode). Nothing is lost while the page is open: export the plan to keep it."</span> }.into_any(),
            }}
        </p>
    }
}

#[component]
pub fn PlansPanel() -> impl IntoView {
    let ctx = use_ctx();
    let lib = expect_context::<Library>();
    let renaming = RwSignal::new(None::<(String, String)>);
    let import_input = NodeRef::<leptos::html::Input>::new();
    let restore_input = NodeRef::<leptos::html::Input>::new();
    // Choosing a plan to work on closes the menu; managing the list keeps it open.
    let menu = use_context::<MenuOpen>();
    let close_menu = move || {
        if let Some(MenuOpen(open)) = menu {
            open.set(false);
        }
    };

    let org = expect_context::<crate::edge::defaults::OrgDefaults>();
    let export_plan = move |_| {
        let (name, text) = ctx
            .plan
            .with_untracked(|p| (file_stem(&p.name), medv_sizing::plan_to_json(p)));
        lib.report_file(download(
            &format!("{name}.medv-plan.json"),
            "application/json",
            &(text + "\n"),
        ));
    };
    let export_md = move |_| {
        let (name, text) = ctx.plan.with_untracked(|p| {
            (
                file_stem(&p.name),
                ctx.explained.with_untracked(|r| {
                    org.defaults
                        .with_untracked(|d| render::markdown_with(p, r, d.as_deref()))
                }),
            )
        });
        lib.report_file(download(&format!("{name}.md"), "text/markdown", &text));
    };
    let export_csv = move |_| {
        let (name, text) = ctx
            .plan
            .with_untracked(|p| (file_stem(&p.name), ctx.report.with_untracked(render::csv)));
        lib.report_file(download(&format!("{name}.csv"), "text/csv", &text));
    };
    let export_all = move |_| {
        let plans = lib.all_saved();
        let text = store::encode_backup(&now_iso(), &plans);
        if download(
            &format!(
                "medv-planner-backup-{}.json",
                now_iso().get(..10).unwrap_or("today")
            ),
            "application/json",
            &text,
        )
        .is_ok()
        {
            lib.note_backup();
        }
    };
    let on_import = move |_| {
        let Some(input) = import_input.get() else {
            return;
        };
        take_chosen(input.unchecked_into(), move |read| match read {
            Err(e) => lib.notice.set(Some(Notice::Error(format!(
                "The file was not imported: {e}."
            )))),
            Ok((file, text)) => match org.parse_plan(&text) {
                Err(e) => lib.notice.set(Some(Notice::Error(format!(
                    "“{file}” is not a plan this tool can open: {e}. Nothing was changed."
                )))),
                Ok(plan) => {
                    close_menu();
                    lib.open_copy(ctx, format!("Opened “{file}”."), plan);
                    lib.notice.set(Some(Notice::Info(format!("Opened “{file}” as a copy. Your saved plans are untouched; choose “Save to my plans” to keep it."))));
                }
            },
        });
    };
    let on_restore = move |_| {
        let Some(input) = restore_input.get() else {
            return;
        };
        take_chosen(input.unchecked_into(), move |read| match read {
            Err(e) => lib.notice.set(Some(Notice::Error(format!(
                "The backup was not restored: {e}."
            )))),
            Ok((file, text)) => match store::decode_backup(&text) {
                Err(e) => lib.notice.set(Some(Notice::Error(format!(
                    "“{file}” is not a backup this tool can restore: {e}. Nothing was changed."
                )))),
                Ok((plans, problems)) => {
                    let notice = lib.restore(ctx, &file, plans, problems.len());
                    lib.notice.set(Some(notice));
                }
            },
        });
    };
    let new_plan = move |_| {
        close_menu();
        lib.start_new(ctx, org.new_plan("Untitled plan"))
    };
    let example = move |_| {
        close_menu();
        lib.open_copy(
            ctx,
            "Opened the worked example.".into(),
            crate::state::first_plan(),
        );
        lib.notice.set(Some(Notice::Info("The worked example is open as a copy: choose “Save to my plans” to keep your changes to it.".into())));
    };

    let comparing = expect_context::<crate::ui::compare::Comparing>();
    let compare_with = move |_| {
        close_menu();
        comparing.choose();
    };
    let variant = move |_| {
        close_menu();
        let original = lib.start_variant(ctx);
        comparing.with(original, "the original".into(), false);
    };

    let plan_list = view! {
        <For
                    each=move || lib.entries.get()
                    key=|e| (e.id.clone(), e.name.clone(), e.saved_at.clone(), e.problem.is_some())
                    children=move |e| {
                        let id = e.id.clone();
                        let is_open = { let id = id.clone(); Memo::new(move |_| lib.current.get().as_deref() == Some(id.as_str())) };
                        let (id_open, id_ren, id_dup, id_del, id_raw) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
                        let name = e.name.clone();
                        let editing = { let id = id.clone(); Memo::new(move |_| renaming.get().is_some_and(|(r, _)| r == id)) };
                        match e.problem.clone() {
                            Some((why, raw)) => view! {
                                <li class="plan damaged" data-testid="saved-plan" data-id=id.clone() data-damaged="true">
                                    <span class="sev-label">"⚠ "</span>
                                    <span>{name.clone()}": " {why}</span>
                                    <div class="actions">
                                        <button type="button" data-testid="download-raw" on:click=move |_| { let _ = download(&format!("damaged-plan-{id_raw}.txt"), "text/plain", &raw); }>"Download its text"</button>
                                        <button type="button" class="danger" on:click=move |_| lib.delete(ctx, &id_del)>"Delete"</button>
                                    </div>
                                </li>
                            }.into_any(),
                            None => view! {
                                <li class="plan" class:open=move || is_open.get() data-testid="saved-plan" data-id=id.clone()>
                                    <Show
                                        when=move || editing.get()
                                        fallback={
                                            let name = name.clone();
                                            let saved_at = e.saved_at.clone();
                                            move || view! {
                                                <button type="button" class="plan-name" data-testid="open-saved" on:click={ let id = id_open.clone(); move |_| { let id = id.clone(); close_menu(); lib.switch(ctx, "Opened another plan.".into(), move || { lib.open(ctx, &id); None }) } }>
                                                    {name.clone()}
                                                </button>
                                                <span class="hint">{if saved_at.is_empty() { String::new() } else { format!(" saved {}", local_time(&saved_at)) }}</span>
                                                {move || is_open.get().then_some(view! { <span class="badge">" open"</span> })}
                                            }
                                        }
                                    >
                                        <input type="text" aria-label=format!("New name for {name}") maxlength="200" data-testid="rename-input"
                                            prop:value=move || renaming.get().map(|(_, n)| n).unwrap_or_default()
                                            on:input=move |ev| renaming.update(|r| if let Some((_, n)) = r { *n = event_target_value(&ev) })
                                            // Enter commits, Escape cancels.
                                            on:keydown={ let id = id_ren.clone(); move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
                                                "Enter" => { ev.prevent_default(); if let Some((_, n)) = renaming.get_untracked() { lib.rename(ctx, &id, n) } renaming.set(None); }
                                                "Escape" => renaming.set(None),
                                                _ => {}
                                            } } />
                                        <button type="button" data-testid="rename-ok" on:click={ let id = id_ren.clone(); move |_| { if let Some((_, n)) = renaming.get_untracked() { lib.rename(ctx, &id, n) } renaming.set(None); } }>"OK"</button>
                                    </Show>
                                    <div class="actions">
                                        <button type="button" data-testid="rename" aria-label=format!("Rename {}", e.name) on:click={ let id = id.clone(); let name = e.name.clone(); move |_| renaming.set(Some((id.clone(), name.clone()))) }>"Rename"</button>
                                        <button type="button" data-testid="duplicate-saved" aria-label=format!("Duplicate {}", e.name) on:click=move |_| lib.duplicate(ctx, &id_dup)>"Duplicate"</button>
                                        <button type="button" class="danger" data-testid="delete-saved" aria-label=format!("Delete {}", e.name) on:click={ let id = id.clone(); move |_| lib.delete(ctx, &id) }>"Delete"</button>
                                    </div>
                                </li>
                            }.into_any(),
                        }
                    }
                />
    };
    let same_name = view! {
        {move || (lib.available && lib.entries.with(Vec::is_empty)).then_some(view! { <p class="hint">"No saved plan yet: the open plan is saved as soon as you change it."</p> })}
            {move || {
                let name = ctx.plan.with(display_name);
                let current = lib.current.get();
                let others = lib.entries.with(|list| {
                    list.iter()
                        .filter(|e| e.problem.is_none() && e.name == name && Some(&e.id) != current.as_ref())
                        .count()
                });
                (others > 0).then(|| view! {
                    <p class="hint warn" data-testid="same-name">
                        {format!("{} also named “{name}”: rename one of them to tell them apart.", if others == 1 { "Another saved plan is".to_string() } else { format!("{others} other saved plans are") })}
                    </p>
                })
            }}
    };
    view! {
        <section class="plans" aria-labelledby="plans-h" data-testid="plans-panel">
            <h2 id="plans-h" class="visually-hidden">"My plans"</h2>
            <div class="actions wrap">
                <button type="button" data-testid="new-plan" on:click=new_plan>"New empty plan"</button>
                <button type="button" data-testid="open-example" on:click=example>"Open the worked example"</button>
            </div>
            <p class="hint">
                "Plans are kept in this browser only (its local storage for this site). Clearing browsing data, a new computer or another web address starts empty: export a backup to keep them. "
                {move || match lib.last_backup.get() { Some(at) => format!("Last backup: {}.", local_time(&at)), None => "No backup exported yet.".to_string() }}
            </p>
            <h3 class="menu-head">"Compare"</h3>
            <div class="actions wrap">
                <button type="button" data-testid="compare-with" on:click=compare_with>"Compare with…"</button>
                <button type="button" data-testid="start-variant" on:click=variant>"Duplicate as a variant"</button>
            </div>
            <p class="hint">"A variant is a copy of the open plan, saved and opened in its place, and compared with the original as you change it. Both are kept in my plans."</p>
            <h3 class="menu-head">"Saved in this browser"</h3>
            <ul class="plan-list" data-testid="plan-list">
                {plan_list}
            </ul>
            {same_name}
            <h3 class="menu-head">"Files"</h3>
            <div class="actions wrap">
                <button type="button" data-testid="export-plan" on:click=export_plan>"Export plan (.json)"</button>
                <label class="button-like">
                    "Import plan…"
                    <input type="file" accept=".json,application/json" class="visually-hidden" data-testid="import-plan" node_ref=import_input on:change=on_import />
                </label>
                <button type="button" data-testid="export-all" on:click=export_all disabled=!lib.available>"Export all plans (backup)"</button>
                <label class="button-like">
                    "Restore backup…"
                    <input type="file" accept=".json,application/json" class="visually-hidden" data-testid="restore-backup" node_ref=restore_input on:change=on_restore />
                </label>
                <button type="button" data-testid="export-markdown" on:click=export_md>"Design document (.md)"</button>
                <button type="button" data-testid="export-csv" on:click=export_csv>"Figures (.csv)"</button>
            </div>
        </section>
    }
}

/// The offer to take back the last action, while it is the last one.
#[component]
pub fn UndoBar() -> impl IntoView {
    let ctx = use_ctx();
    let lib = expect_context::<Library>();
    move || {
        ctx.undo.get().map(|offer| {
            let deleted = matches!(offer, crate::state::Undoable::Deleted { .. });
            view! {
                <div class="undo-bar" role="status" data-testid=if deleted { "deleted-bar" } else { "undo-bar" }>
                    <span>{offer.what()}</span>
                    <button type="button" data-testid=if deleted { "undo-delete" } else { "undo" } on:click=move |_| lib.undo(ctx)>"Undo"</button>
                    <button type="button" class="quiet" on:click=move |_| ctx.withdraw_undo() aria-label="Dismiss">"✕"</button>
                </div>
            }
        })
    }
}

/// Whether the plan menu is open: the panel closes it when a plan is chosen.
#[derive(Clone, Copy)]
struct MenuOpen(RwSignal<bool>);

/// The plan menu in the status bar: new, the worked example, every saved plan
/// (open, rename, duplicate, delete), import, export, backup, restore and the
/// design document. Drawn when opened, so a browser holding thousands of plans
/// starts as fast as one holding none.
#[component]
pub fn PlanMenu() -> impl IntoView {
    let open = RwSignal::new(false);
    provide_context(MenuOpen(open));
    let button = NodeRef::<leptos::html::Button>::new();
    let close = move || {
        open.set(false);
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    view! {
        <div class="plan-menu" data-testid="plan-menu" on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" && open.get_untracked() { ev.prevent_default(); close(); }>
            <button type="button" node_ref=button data-testid="plan-menu-button" aria-expanded=move || open.get().to_string() aria-controls="plan-menu-panel" on:click=move |_| open.update(|o| *o = !*o)>
                "Plans ▾"
            </button>
            <Show when=move || open.get()>
                <div class="menu-panel" id="plan-menu-panel" role="region" aria-label="Plans">
                    <div class="menu-top">
                        <button type="button" class="quiet" data-testid="plan-menu-close" on:click=move |_| close() aria-label="Close the plan menu">"✕"</button>
                    </div>
                    <PlansPanel />
                </div>
            </Show>
        </div>
    }
}
