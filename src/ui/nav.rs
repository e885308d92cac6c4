//! Where the focus goes: which instance editors show their fields, moving
//! the focus to a field (opening what hides it), and the words for
//! severities. Every part of the page reads these; they read only the state.

use leptos::prelude::*;
use medv_sizing::path::FieldPath;
use medv_sizing::rules::Severity;
use wasm_bindgen::JsCast;

/// Instance editors show all their fields while a plan has at most this many
/// instances; beyond, each opens on request, so a large plan stays short and fast.
pub const AUTO_OPEN: usize = 6;

/// Which instance editors show their fields: while nobody opened or closed
/// one by hand (`Ctx::opened` is `None`), those of a plan of at most
/// [`AUTO_OPEN`] instances; then the ones opened, by id. A replaced plan
/// starts from the automatic choice again (`Ctx::replace_plan`).
#[derive(Clone, Copy)]
pub struct OpenEditors {
    ctx: crate::state::Ctx,
    count: Signal<usize>,
}

impl OpenEditors {
    pub fn new(ctx: crate::state::Ctx) -> Self {
        Self {
            ctx,
            count: crate::state::settled(move || ctx.plan.with(|p| p.instances.len())),
        }
    }

    pub fn is_open(self, id: &str) -> bool {
        self.ctx.opened.with(|s| match s {
            Some(set) => set.contains(id),
            None => self.count.get() <= AUTO_OPEN,
        })
    }

    pub fn set(self, ctx: crate::state::Ctx, id: &str, open: bool) {
        let auto = self.count.get_untracked() <= AUTO_OPEN;
        ctx.opened.update(|s| {
            let set = s.get_or_insert_with(|| {
                if auto {
                    ctx.plan
                        .with_untracked(|p| p.instances.iter().map(|i| i.id.clone()).collect())
                } else {
                    Default::default()
                }
            });
            if open {
                set.insert(id.to_string());
            } else {
                set.remove(id);
            }
        });
    }
}

/// The sign of a line's state, beside its word.
pub fn line_icon(s: medv_sizing::report::LineStatus) -> &'static str {
    use medv_sizing::report::LineStatus;
    match s {
        LineStatus::Ok => "✔",
        LineStatus::Warning => "▲",
        LineStatus::Error => "✖",
    }
}

pub fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
    }
}

pub fn severity_icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "ℹ",
    }
}

/// Moves focus to the control for `path`, or to the nearest enclosing part of
/// the form that exists (its row, its instance or host), opening any collapsed
/// section on the way.
pub fn go_to_field(path: FieldPath) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let row = match path {
        FieldPath::Instance(i, _) | FieldPath::Override(i, _) => Some(format!("f-instances-{i}")),
        FieldPath::Workspace(i, _, _) => Some(format!("f-instances-{i}-workspaces")),
        FieldPath::Console(i, _, _) => Some(format!("f-instances-{i}-consoles")),
        FieldPath::Vm(i, _, _) => Some(format!("f-instances-{i}-vms")),
        FieldPath::Host(h, _) => Some(format!("f-sql_hosts-{h}")),
        FieldPath::Site(..) => Some("f-sites".to_string()),
        FieldPath::SiteLink(..) => Some("f-site_links".to_string()),
        FieldPath::Plan(_) | FieldPath::Assumption(_) => None,
    };
    let element = std::iter::once(path.dom_id())
        .chain(row)
        .find_map(|id| doc.get_element_by_id(&id));
    let Some(element) = element else { return };
    let mut parent = element.parent_element();
    while let Some(p) = parent {
        if p.tag_name().eq_ignore_ascii_case("details") {
            let _ = p.set_attribute("open", "");
        }
        parent = p.parent_element();
    }
    if let Ok(el) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// Opens the instance editor that holds `path` if it is closed, then focuses the field.
pub fn reveal_and_focus(ctx: crate::state::Ctx, open: OpenEditors, path: FieldPath) {
    let id = path.instance().and_then(|i| {
        ctx.plan
            .with_untracked(|p| p.instances.get(i).map(|x| x.id.clone()))
    });
    match id {
        Some(id) if !open.is_open(&id) => {
            open.set(ctx, &id, true);
            // The fields appear once the editor has rendered.
            request_animation_frame(move || go_to_field(path));
        }
        _ => go_to_field(path),
    }
}

/// Moves the focus to the element with DOM id `id`, if it is there.
pub fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
