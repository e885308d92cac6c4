//! Form controls bound to the plan through lenses. Every control has a label,
//! an id derived from its plan path (so a finding can move focus to it), and
//! shows beside it the findings that name that path.

use leptos::prelude::*;
use medv_sizing::input::{field_dom_id, format_number, parse_number};
use medv_sizing::rules::Severity;

use crate::state::{scoped, use_ctx, use_scope, BoolLens, ChoiceLens, Lens, NumLens, TextLens};

/// Messages for the field at `path`: its parse problem, then its findings.
#[component]
fn FieldMessages(
    #[prop(into)] path: String,
    #[prop(into)] parse_error: Signal<Option<String>>,
) -> impl IntoView {
    let scope = use_scope();
    let msg_id = format!("{}-msg", field_dom_id(&path));
    let findings = Memo::new(move |_| {
        scope.notes.with(|n| {
            n.iter()
                .filter(|f| f.field == path)
                .map(|f| (f.severity, f.rule, f.message.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="field-msgs" id=msg_id aria-live="polite">
            {move || parse_error.get().map(|m| view! { <p class="msg msg-error" data-testid="parse-error"><span class="sev">"Not a number: "</span>{m}</p> })}
            {move || {
                findings
                    .get()
                    .into_iter()
                    .map(|(sev, rule, message)| {
                        let class = match sev {
                            Severity::Error => "msg msg-error",
                            Severity::Warning => "msg msg-warning",
                            Severity::Info => "msg msg-info",
                        };
                        view! {
                            <p class=class data-rule=rule>
                                <span class="sev">{crate::results::severity_word(sev)}": "</span>
                                {message}
                            </p>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// A number field: accepts "5,000", "5000", " 5000 "; keeps any text as typed and
/// explains what is wrong with it; writes the plan only when the text is a number.
#[component]
pub fn NumberField(
    #[prop(into)] label: String,
    #[prop(into)] path: String,
    lens: NumLens,
    #[prop(optional)] unit: &'static str,
    /// Empty text clears the value (for optional fields and overrides).
    #[prop(optional)]
    optional: bool,
    #[prop(optional, into)] placeholder: Signal<String>,
) -> impl IntoView {
    let ctx = use_ctx();
    let scope = use_scope();
    let id = field_dom_id(&path);
    let msg_id = format!("{id}-msg");
    let get = lens.get.clone();
    let set = lens.set.clone();
    // The text as typed while it differs from the plan (being typed, or not a number).
    let draft = RwSignal::new(None::<String>);
    Effect::new(move |first: Option<()>| {
        ctx.generation.track();
        if first.is_some() {
            draft.set(None);
        }
    });
    let text = Memo::new(move |_| match draft.get() {
        Some(d) => d,
        None => scoped(ctx, scope, |p| get(p))
            .map(format_number)
            .unwrap_or_default(),
    });
    let parse_error = Signal::derive(move || {
        draft.with(|d| match d.as_deref().map(parse_number) {
            Some(Err(e)) => Some(e.0),
            Some(Ok(None)) if !optional => Some("Enter a number.".to_string()),
            _ => None,
        })
    });
    let on_input = move |ev| {
        let typed = event_target_value(&ev);
        let parsed = parse_number(&typed);
        draft.set(Some(typed));
        match parsed {
            Ok(Some(v)) => ctx.edit(|p| set(p, Some(v))),
            Ok(None) if optional => ctx.edit(|p| set(p, None)),
            _ => {}
        }
    };
    // Leaving the field tidies a number ("5000" → "5,000"); anything else stays as typed.
    let on_change = move |_| {
        let valid = draft.with_untracked(|d| match d.as_deref().map(parse_number) {
            Some(Ok(Some(_))) => true,
            Some(Ok(None)) => optional,
            _ => false,
        });
        if valid {
            draft.set(None);
        }
    };
    let key = path.clone();
    let invalid = Memo::new(move |_| {
        parse_error.get().is_some()
            || scope.notes.with(|n| {
                n.iter()
                    .any(|f| f.severity == Severity::Error && f.field == key)
            })
    });
    view! {
        <div class="field field-number" class:invalid=move || invalid.get()>
            <label for=id.clone()>
                {label}
                {(!unit.is_empty()).then(|| view! { <span class="unit">" ("{unit}")"</span> })}
            </label>
            <input
                id=id
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                placeholder=move || placeholder.get()
                aria-invalid=move || if invalid.get() { "true" } else { "false" }
                aria-describedby=msg_id
                prop:value=move || text.get()
                on:input=on_input
                on:change=on_change
            />
            <FieldMessages path=path parse_error=parse_error />
        </div>
    }
}
/// The lens's value, re-read when the field's part of the plan changes.
fn watch<T: Clone + PartialEq + Send + Sync + 'static>(lens: &Lens<T>) -> Memo<T> {
    let ctx = use_ctx();
    let scope = use_scope();
    let get = lens.get.clone();
    Memo::new(move |_| scoped(ctx, scope, |p| get(p)))
}

/// A free-text field (names, sites).
#[component]
pub fn TextField(
    #[prop(into)] label: String,
    #[prop(into)] path: String,
    lens: TextLens,
    #[prop(optional)] multiline: bool,
    #[prop(optional, into)] placeholder: String,
    #[prop(default = 200)] max_chars: u32,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = field_dom_id(&path);
    let set = lens.set.clone();
    let value = watch(&lens);
    let on_input = move |ev| {
        let typed = event_target_value(&ev);
        ctx.edit(|p| set(p, typed));
    };
    let control = if multiline {
        view! {
            <textarea id=id.clone() rows="3" maxlength=max_chars placeholder=placeholder prop:value=move || value.get() on:input=on_input></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type="text" autocomplete="off" maxlength=max_chars placeholder=placeholder prop:value=move || value.get() on:input=on_input />
        }
        .into_any()
    };
    view! {
        <div class="field field-text">
            <label for=id>{label}</label>
            {control}
            <FieldMessages path=path parse_error=Signal::derive(|| None::<String>) />
        </div>
    }
}

/// A choice among fixed options: (value, label).
#[component]
pub fn SelectField(
    #[prop(into)] label: String,
    #[prop(into)] path: String,
    lens: ChoiceLens,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = field_dom_id(&path);
    let set = lens.set.clone();
    let value = watch(&lens);
    view! {
        <div class="field field-select">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    ctx.edit(|p| set(p, chosen));
                }
            >
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <FieldMessages path=path parse_error=Signal::derive(|| None::<String>) />
        </div>
    }
}

/// A yes/no field.
#[component]
pub fn CheckField(
    #[prop(into)] label: String,
    #[prop(into)] path: String,
    lens: BoolLens,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = field_dom_id(&path);
    let set = lens.set.clone();
    let value = watch(&lens);
    view! {
        <div class="field field-check">
            <input
                id=id.clone()
                type="checkbox"
                prop:checked=move || value.get()
                on:change=move |ev| {
                    let checked = event_target_checked(&ev);
                    ctx.edit(|p| set(p, checked));
                }
            />
            <label for=id>{label}</label>
            <FieldMessages path=path parse_error=Signal::derive(|| None::<String>) />
        </div>
    }
}

/// `(serde name, label)` options for an enum.
pub fn options<T: serde::Serialize + Copy>(
    all: &[T],
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (crate::state::enum_name(v), label(*v).to_string()))
        .collect()
}
