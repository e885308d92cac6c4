//! Form controls bound to the plan by the core's typed [`FieldPath`]: the path
//! gives the control its label, unit, kind, DOM id (so a finding can move focus
//! to it) and the way it reads and writes the plan, all from the field catalog.
//! Each control shows beside it the findings that name its path.

use leptos::prelude::*;
use medv_sizing::input::{format_number, parse_field_number};
use medv_sizing::path::{Control, FieldPath, Value};
use medv_sizing::rules::Severity;

use crate::state::{scoped, use_ctx, use_scope};

/// Messages for the field at `path`: its parse problem, then its findings.
#[component]
fn FieldMessages(
    path: Signal<FieldPath>,
    /// The control's id: the messages' id is `<id>-msg`.
    id: Signal<String>,
    #[prop(into)] parse_error: Signal<Option<String>>,
) -> impl IntoView {
    let scope = use_scope();
    let msg_id = move || format!("{}-msg", id.get());
    let findings = Memo::new(move |_| {
        let path = path.get();
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
            // Findings about the value the results still use are hidden while the
            // field holds text that is not a number: they describe another value.
            {move || {
                findings
                    .get()
                    .into_iter()
                    .filter(|_| parse_error.with(Option::is_none))
                    .map(|(sev, rule, message)| {
                        let class = match sev {
                            Severity::Error => "msg msg-error",
                            Severity::Warning => "msg msg-warning",
                            Severity::Info => "msg msg-info",
                        };
                        // A value out of its range is this field's own problem: said in
                        // full. Any other finding is in the findings list; here it is
                        // marked by its rule, the message on hover and for screen readers.
                        if rule == "invalid-value" {
                            view! {
                                <p class=class data-rule=rule>
                                    <span class="sev">{crate::ui::nav::severity_word(sev)}": "</span>
                                    {message}
                                </p>
                            }
                            .into_any()
                        } else {
                            let title = medv_sizing::rules::by_id(rule).map_or(rule, |r| r.title);
                            let hover = message.clone();
                            view! {
                                <p class=format!("{class} mark") data-rule=rule title=hover>
                                    <span class="sev">{crate::ui::nav::severity_icon(sev)}" "{crate::ui::nav::severity_word(sev)}": "</span>
                                    {title}
                                    <span class="visually-hidden">". "{message}</span>
                                </p>
                            }
                            .into_any()
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// The id of the control for `path`: its DOM id (where a finding moves the
/// focus), or, for the copy of a field in a table, that id after `t-`. It
/// follows the row when rows before it are removed or moved.
pub fn control_id(path: Signal<FieldPath>, in_table: bool) -> Signal<String> {
    Signal::derive(move || {
        let id = path.get().dom_id();
        if in_table {
            format!("t-{id}")
        } else {
            id
        }
    })
}

/// The control the catalog says `path` needs. `options` lists the rows a
/// reference may name (hosts, instances); `label` overrides the catalog's;
/// `in_table` is a second control for the same field, in a table row.
#[component]
pub fn Field(
    #[prop(into)] path: Signal<FieldPath>,
    #[prop(optional, into)] options: Option<Signal<Vec<(String, String)>>>,
    #[prop(optional, into)] placeholder: Signal<String>,
    #[prop(optional)] label: Option<&'static str>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] in_table: bool,
) -> impl IntoView {
    // A row's fields change places, never kinds: label and control are fixed.
    let label = label.unwrap_or(path.get_untracked().label().0);
    match path.get_untracked().control() {
        Control::Number { .. } => {
            view! { <NumberField path=path placeholder=placeholder label=label in_table=in_table /> }.into_any()
        }
        Control::Text { max_chars } => view! {
            <TextField path=path label=label max_chars=max_chars multiline=multiline placeholder=placeholder in_table=in_table />
        }
        .into_any(),
        Control::Choice => {
            let fixed: Vec<(String, String)> = path
                .get_untracked()
                .options()
                .into_iter()
                .map(|(v, l)| (v, l.to_string()))
                .collect();
            let options = options.unwrap_or_else(|| Signal::stored(fixed));
            view! { <SelectField path=path label=label options=options in_table=in_table /> }.into_any()
        }
        Control::Reference => {
            let options = options.unwrap_or_else(|| Signal::stored(Vec::new()));
            view! { <SelectField path=path label=label options=options in_table=in_table /> }.into_any()
        }
        Control::Flag => view! { <CheckField path=path label=label in_table=in_table /> }.into_any(),
        Control::Id => view! { <IdField path=path label=label in_table=in_table /> }.into_any(),
        Control::List => ().into_any(),
    }
}

/// A row's id: shown read-only (links and references use it), and a place a
/// finding about the row as a whole can move the focus to.
#[component]
pub fn IdField(
    #[prop(into)] path: Signal<FieldPath>,
    label: &'static str,
    #[prop(optional)] in_table: bool,
) -> impl IntoView {
    let id = control_id(path, in_table);
    let id_for_msgs = id;
    let value = watch(path, FieldPath::text);
    view! {
        <div class="field field-id">
            <label for=move || id.get()>{label}</label>
            <input id=move || id.get() type="text" readonly=true prop:value=move || value.get().unwrap_or_default() />
            <FieldMessages path=path id=id_for_msgs parse_error=Signal::derive(|| None::<String>) />
        </div>
    }
}

/// A field shown only while it applies to its row (an offline limit only for
/// restricted workspaces).
#[component]
pub fn FieldIfApplies(
    #[prop(into)] path: Signal<FieldPath>,
    #[prop(optional, into)] options: Option<Signal<Vec<(String, String)>>>,
    #[prop(optional, into)] placeholder: Signal<String>,
) -> impl IntoView {
    let ctx = use_ctx();
    let scope = use_scope();
    let applies = Memo::new(move |_| scoped(ctx, scope, |p| path.get().applies(p)));
    move || {
        applies.get().then(|| match options {
            Some(o) => view! { <Field path=path options=o placeholder=placeholder /> }.into_any(),
            None => view! { <Field path=path placeholder=placeholder /> }.into_any(),
        })
    }
}

/// A number field: accepts "5,000", "5000", " 5000 "; keeps any text as typed and
/// explains what is wrong with it; writes the plan only when the text is a number.
#[component]
pub fn NumberField(
    #[prop(into)] path: Signal<FieldPath>,
    #[prop(optional, into)] placeholder: Signal<String>,
    #[prop(optional)] label: Option<&'static str>,
    #[prop(optional)] in_table: bool,
) -> impl IntoView {
    let ctx = use_ctx();
    let scope = use_scope();
    let (catalog_label, unit) = path.get_untracked().label();
    let label = label.unwrap_or(catalog_label);
    let (optional, whole) = match path.get_untracked().control() {
        Control::Number { optional, whole } => (optional, whole),
        _ => (false, false),
    };
    let parse = move |text: &str| parse_field_number(text, whole);
    let id = control_id(path, in_table);
    let id_for_msgs = id;
    let msg_id = move || format!("{}-msg", id.get());
    // The number the plan holds at this field now.
    let held = Memo::new(move |_| scoped(ctx, scope, |p| path.get().number(p)));
    // The text as typed while it differs from the plan (being typed, or not a
    // number), with the number the plan held after it was typed. Once the plan
    // holds another number there — another plan opened, rows shifted, undo —
    // the text no longer belongs here and the plan's number shows instead.
    let draft = RwSignal::new(None::<(String, Option<f64>)>);
    let typed = Memo::new(move |_| {
        draft.with(|d| match d {
            Some((text, expect)) if *expect == held.get() => Some(text.clone()),
            _ => None,
        })
    });
    let text = Memo::new(move |_| {
        typed
            .get()
            .unwrap_or_else(|| held.get().map(format_number).unwrap_or_default())
    });
    // While the text is not a number, the plan keeps the last valid value: say so.
    let parse_error = Signal::derive(move || {
        let problem = typed.with(|d| match d.as_deref().map(parse) {
            Some(Err(e)) => Some(e.0),
            Some(Ok(None)) if !optional => Some("Enter a number.".to_string()),
            _ => None,
        })?;
        let kept = match held.get() {
            Some(v) => format!("the last number entered, {}", format_number(v)),
            None => "no value".to_string(),
        };
        Some(format!("{problem} Until then, the results use {kept}."))
    });
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        let path = path.get_untracked();
        match parse(&text) {
            Ok(Some(v)) => ctx.edit(|p| path.set_number(p, Some(v))),
            Ok(None) if optional => ctx.edit(|p| path.set_number(p, None)),
            _ => {}
        }
        // The plan's number after this edit, read back: text that is not a
        // number leaves it as it was.
        let expect = ctx.plan.with_untracked(|p| path.number(p));
        draft.set(Some((text, expect)));
    };
    // Leaving the field tidies a number ("5000" → "5,000"); anything else stays as typed.
    let on_change = move |_| {
        let valid = typed.with_untracked(|d| match d.as_deref().map(parse) {
            Some(Ok(Some(_))) => true,
            Some(Ok(None)) => optional,
            _ => false,
        });
        if valid {
            draft.set(None);
        }
    };
    let invalid = Memo::new(move |_| {
        parse_error.get().is_some()
            || scope.notes.with(|n| {
                let path = path.get();
                n.iter()
                    .any(|f| f.severity == Severity::Error && f.field == path)
            })
    });
    view! {
        <div class="field field-number" class:invalid=move || invalid.get()>
            <label for=move || id.get()>
                {label}
                {(!unit.is_empty()).then(|| view! { <span class="unit">" ("{unit}")"</span> })}
            </label>
            <input
                id=move || id.get()
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
            <FieldMessages path=path id=id_for_msgs parse_error=parse_error />
            {(!in_table && medv_sizing::site_defaults::can_set(&path.get_untracked())).then(|| view! { <OrgReset path=path /> })}
        </div>
    }
}

/// Beside a field the organization's `site-defaults.json` sets: its value
/// there, and a button that puts it back, while the plan holds another.
#[component]
fn OrgReset(path: Signal<FieldPath>) -> impl IntoView {
    let ctx = use_ctx();
    let scope = use_scope();
    let org = expect_context::<crate::edge::defaults::OrgDefaults>();
    let offer = Memo::new(move |_| {
        org.defaults.with(|d| {
            let d = d.as_ref()?;
            let at = path.get();
            let shown = d.shown(&at)?;
            (!scoped(ctx, scope, |p| d.holds(p, &at))).then_some(shown)
        })
    });
    let reset = move |_| {
        let at = path.get_untracked();
        org.defaults.with_untracked(|d| {
            if let Some(d) = d {
                ctx.edit(|p| d.reset(p, &at));
            }
        });
    };
    move || {
        offer.get().map(|shown| {
            let label = path.get_untracked().label().0;
            view! {
                <p class="org-reset" data-testid=move || format!("org-reset-{}", path.get().dom_id())>
                    "Organization default: " {shown.clone()} " "
                    <button type="button" class="quiet" aria-label=format!("Use the organization default for {label}: {shown}") on:click=reset>"Use it"</button>
                </p>
            }
        })
    }
}

/// The field's value, re-read when its part of the plan changes.
fn watch<T: Clone + PartialEq + Send + Sync + 'static>(
    path: Signal<FieldPath>,
    read: fn(&FieldPath, &medv_sizing::Plan) -> Option<T>,
) -> Memo<Option<T>> {
    let ctx = use_ctx();
    let scope = use_scope();
    Memo::new(move |_| scoped(ctx, scope, |p| read(&path.get(), p)))
}

/// A free-text field (names, sites, notes).
#[component]
pub fn TextField(
    #[prop(into)] path: Signal<FieldPath>,
    label: &'static str,
    max_chars: u32,
    #[prop(optional)] multiline: bool,
    #[prop(optional, into)] placeholder: Signal<String>,
    #[prop(optional)] in_table: bool,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = control_id(path, in_table);
    let id_for_msgs = id;
    let value = watch(path, FieldPath::text);
    let on_input = move |ev| {
        let typed = event_target_value(&ev);
        let path = path.get_untracked();
        ctx.edit(|p| path.set(p, Value::Text(typed)));
    };
    let control = if multiline {
        view! {
            <textarea id=move || id.get() rows="3" maxlength=max_chars placeholder=move || placeholder.get() prop:value=move || value.get().unwrap_or_default() on:input=on_input></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=move || id.get() type="text" autocomplete="off" maxlength=max_chars placeholder=move || placeholder.get() prop:value=move || value.get().unwrap_or_default() on:input=on_input />
        }
        .into_any()
    };
    view! {
        <div class="field field-text">
            <label for=move || id.get()>{label}</label>
            {control}
            <FieldMessages path=path id=id_for_msgs parse_error=Signal::derive(|| None::<String>) />
        </div>
    }
}

/// A choice among options: (value, label). A reference's empty value means none.
#[component]
pub fn SelectField(
    #[prop(into)] path: Signal<FieldPath>,
    label: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional)] in_table: bool,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = control_id(path, in_table);
    let id_for_msgs = id;
    let value = watch(path, FieldPath::choice);
    view! {
        <div class="field field-select">
            <label for=move || id.get()>{label}</label>
            <select
                id=move || id.get()
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    let path = path.get_untracked();
                    ctx.edit(|p| path.set(p, Value::Text(chosen)));
                }
            >
                {move || {
                    let current = value.get().unwrap_or_default();
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
            <FieldMessages path=path id=id_for_msgs parse_error=Signal::derive(|| None::<String>) />
            {(!in_table && medv_sizing::site_defaults::can_set(&path.get_untracked())).then(|| view! { <OrgReset path=path /> })}
        </div>
    }
}

/// A yes/no field.
#[component]
pub fn CheckField(
    #[prop(into)] path: Signal<FieldPath>,
    label: &'static str,
    #[prop(optional)] in_table: bool,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = control_id(path, in_table);
    let id_for_msgs = id;
    let value = watch(path, FieldPath::flag);
    view! {
        <div class="field field-check">
            <input
                id=move || id.get()
                type="checkbox"
                prop:checked=move || value.get().unwrap_or_default()
                on:change=move |ev| {
                    let checked = event_target_checked(&ev);
                    let path = path.get_untracked();
                    ctx.edit(|p| path.set(p, Value::Flag(checked)));
                }
            />
            <label for=move || id.get()>{label}</label>
            <FieldMessages path=path id=id_for_msgs parse_error=Signal::derive(|| None::<String>) />
        </div>
    }
}
