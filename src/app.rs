//! The page: header and plan actions, the editor beside the live results.

use leptos::prelude::*;

use crate::edge::persist::{boot, Library};
use crate::state::{
    first_plan, Ctx, FieldNotes, FieldScope, HostKeys, HostSlices, InstanceKeys, InstanceSlices,
    RowKeys,
};
use crate::ui::editor::{
    AssumptionsSection, HostsSection, InstancesSection, PlanSection, SitesSection,
};
use crate::ui::library::{Notices, UndoBar};
use crate::ui::print::PrintInputs;
use crate::ui::results::chart_tabs::Charts;
use crate::ui::results::{
    BillOfMaterials, FindingsPanel, HostResults, InstanceResults, StatusBar, Summary,
};
use crate::ui::share::SharePanel;
use crate::ui::theme::{Theme, ThemeSwitch};

/// Under the page's name; `index.html`'s start-up shell shows the same header.
pub const TAGLINE: &str = "Design the MED-V server infrastructure: server, SQL Server database and consoles for each instance.";

#[component]
pub fn App() -> impl IntoView {
    let booted = boot(first_plan);
    let library = Library::new(&booted);
    let ctx = Ctx::new(booted.plan);
    provide_context(ctx);
    let (instance_keys, host_keys) = (RowKeys::instances(ctx), RowKeys::hosts(ctx));
    provide_context(InstanceKeys(instance_keys));
    provide_context(HostKeys(host_keys));
    provide_context(InstanceSlices::new(ctx, instance_keys));
    provide_context(HostSlices::new(ctx, host_keys));
    provide_context(FieldNotes::new(ctx, instance_keys, host_keys));
    provide_context(FieldScope::plan_level(ctx));
    provide_context(library);
    library.watch(ctx);
    provide_context(crate::ui::nav::OpenEditors::new(ctx));
    provide_context(crate::ui::choices::SiteOptions::new(ctx));
    provide_context(crate::ui::compare::Comparing::new());
    let org = crate::edge::defaults::OrgDefaults::load();
    provide_context(org);
    let organization = Memo::new(move |_| {
        org.defaults.with(|d| {
            d.as_ref()
                .map(|d| d.organization.trim().to_string())
                .filter(|n| !n.is_empty())
        })
    });
    let sharing = RwSignal::new(false);
    provide_context(Theme::new());
    let title = Memo::new(move |_| ctx.plan.with(crate::edge::persist::display_name));
    Effect::new(move |_| {
        let t = title.get();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!("{t} — MED-V Planner"));
        }
    });
    // The answer first: the status, what to deploy and the results are built
    // with the page; the inputs and the charts once the browser has painted them.
    let rest = RwSignal::new(false);
    request_animation_frame(move || {
        set_timeout(move || rest.set(true), std::time::Duration::ZERO);
    });
    view! {
        <nav class="skips" aria-label="Skip links">
            <a class="skip" href="#status">"Skip to the status"</a>
            <a class="skip" href="#bom">"Skip to what to deploy"</a>
            <a class="skip" href="#findings-h">"Skip to the findings"</a>
            <a class="skip" href="#editor">"Skip to the plan's inputs"</a>
        </nav>
        <header class="app-header">
            <div class="brand">
                <h1>"MED-V Planner"</h1>
                {move || organization.get().map(|name| view! { <p class="organization" data-testid="organization">{name}</p> })}
                <p class="tagline">{TAGLINE}</p>
                <p class="print-only plan-title">{move || title.get()}</p>
            </div>
            <div class="toolbar">
                <ThemeSwitch />
            </div>
        </header>
        <StatusBar sharing=sharing />
        <div class="banners">
            <Notices />
            <UndoBar />
            <SharePanel open=sharing />
        </div>
        <crate::ui::compare::ComparePanel />
        <main id="main" class="layout" tabindex="-1" data-testid="app">
            <div class="glance-col">
                <Summary />
                <BillOfMaterials />
                <Show when=move || rest.get()>
                    <FindingsPanel />
                </Show>
            </div>
            <div class="editor-col" id="editor" tabindex="-1">
                <Show when=move || rest.get() fallback=|| view! { <p class="hint" data-testid="inputs-loading">"Loading the plan's inputs…"</p> }>
                    <PlanSection />
                    <SitesSection />
                    <AssumptionsSection />
                    <InstancesSection />
                    <HostsSection />
                </Show>
            </div>
            <div class="results-col">
                <InstanceResults />
                <Show when=move || rest.get()>
                    <HostResults />
                    <Charts />
                    <PrintInputs />
                </Show>
            </div>
        </main>
        <footer class="app-footer">
            <p>
                "Figures follow Microsoft's " <cite>"Design the MED-V Server Infrastructure"</cite>
                " and the MED-V 1.0 documentation; values marked [our assumption] are this tool's choices. Sizes: 1 KB = 1,024 bytes. "
                "Everything runs in this page: nothing you type is sent anywhere."
            </p>
        </footer>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    /// The start-up shell in `index.html`, shown until the app replaces it,
    /// says what the app's header says.
    #[test]
    fn the_start_up_shell_shows_the_apps_header() {
        let html = include_str!("../index.html");
        assert!(html.contains("<h1>MED-V Planner</h1>"));
        assert!(html.contains(&format!("<p class=\"tagline\">{}</p>", super::TAGLINE)));
    }
}
