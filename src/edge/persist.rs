//! Saved plans: the local-storage edge and the state around it.
//!
//! Each plan is one entry (`medv-planner.plan.<id>`, a versioned envelope, see
//! `medv_sizing::store`). The open plan autosaves, debounced. Storage may be
//! missing, full, shared with other tabs, or hold an entry that no longer
//! decodes: each case is shown to the user and nothing already saved is
//! overwritten or lost.

use std::time::Duration;

use leptos::prelude::*;
use medv_sizing::render_summary::plural;
use medv_sizing::store::{self, decode_entry, encode_entry, key_for, Saved, KEY_PREFIX};
use medv_sizing::units::count;
use medv_sizing::Plan;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::edge::files::now_iso;
use crate::edge::storage;
use crate::state::{Ctx, Undoable};

/// The id of the plan open last, so a reload opens it again.
const OPEN_KEY: &str = "medv-planner.open";
/// When all plans were last exported.
pub const BACKUP_KEY: &str = "medv-planner.last-backup";
const AUTOSAVE_DELAY: Duration = Duration::from_millis(400);

/// One saved plan as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub saved_at: String,
    /// Why it cannot be opened, with its raw text kept aside untouched.
    pub problem: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    Saved(String),
    Pending,
    /// The open plan is not in storage (opened from a link or a file, or deleted).
    NotSaved,
    Failed(String),
    /// Storage cannot be used at all.
    Off,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Info(String),
    Error(String),
}

#[derive(Clone, Copy)]
pub struct Library {
    pub available: bool,
    pub entries: RwSignal<Vec<Entry>>,
    /// The id the open plan is saved under; `None` for an unsaved copy.
    pub current: RwSignal<Option<String>>,
    /// What the last save, open or failure said about the open plan…
    status: RwSignal<SaveStatus>,
    /// …and the plan it said it of: once the plan differs, a save is pending.
    settled: RwSignal<Option<Plan>>,
    /// `saved_at` of the version of the open plan this tab last wrote or read.
    known_saved_at: RwSignal<Option<String>>,
    /// Another tab saved the open plan at this time: autosave waits for a choice.
    pub conflict: RwSignal<Option<String>>,
    pub notice: RwSignal<Option<Notice>>,
    pub last_backup: RwSignal<Option<String>>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

/// Every saved plan in storage, newest first.
pub fn list_entries() -> Vec<Entry> {
    let mut out: Vec<Entry> = stored_entries()
        .into_iter()
        .map(|(id, raw, decoded)| match decoded {
            Ok(saved) => Entry {
                id,
                name: display_name(&saved.plan),
                saved_at: saved.saved_at,
                problem: None,
            },
            Err(e) => Entry {
                name: format!("Saved plan {id}"),
                id,
                saved_at: String::new(),
                problem: Some((e.to_string(), raw)),
            },
        })
        .collect();
    out.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then(a.name.cmp(&b.name)));
    out
}

/// Every stored plan entry, in storage order: its id, its raw text and what
/// it decodes to.
fn stored_entries() -> Vec<(String, String, Result<Saved, store::StoreError>)> {
    storage::keys()
        .into_iter()
        .filter_map(|key| {
            let id = key.strip_prefix(KEY_PREFIX)?.to_string();
            let raw = storage::read(&key).unwrap_or_default();
            let decoded = decode_entry(&id, &raw);
            Some((id, raw, decoded))
        })
        .collect()
}

pub use store::display_name;

/// A saved plan as stored now: `None` when no entry has that id.
pub fn read_saved(id: &str) -> Option<Result<Saved, store::StoreError>> {
    read(id)
}

fn read(id: &str) -> Option<Result<Saved, store::StoreError>> {
    let raw = storage::read(&key_for(id))?;
    Some(decode_entry(id, &raw))
}

pub fn fresh_id() -> String {
    store::new_id(
        js_sys::Date::now(),
        (js_sys::Math::random() * 4_294_967_295.0) as u32,
    )
}

/// What the page opens with.
pub struct Boot {
    pub plan: Plan,
    pub current: Option<String>,
    pub known_saved_at: Option<String>,
    pub notice: Option<Notice>,
}

/// Decides what to open: a plan in the address, else the plan open last, else
/// the newest saved plan, else the worked example (first visit). The example is
/// made only when it is the one opened: parsing it first runs (and so has the
/// browser compile) the plan reader, a few milliseconds of start-up.
pub fn boot(example: impl FnOnce() -> Plan) -> Boot {
    let location = web_sys::window().map(|w| w.location());
    let href = location
        .as_ref()
        .and_then(|l| l.href().ok())
        .unwrap_or_default();
    if medv_sizing::link::find_payload(&href).is_some() && (href.contains("p=")) {
        return match medv_sizing::link::decode(&href) {
            Ok(plan) => {
                crate::edge::address::rewrite_address(&href);
                Boot {
                    plan,
                    current: None,
                    known_saved_at: None,
                    notice: Some(Notice::Info("Opened from a link. This is a copy: nothing is saved until you choose “Save to my plans”; your saved plans are untouched.".into())),
                }
            }
            Err(e) => Boot {
                plan: Plan { name: String::new(), ..Plan::default() },
                current: None,
                known_saved_at: None,
                notice: Some(Notice::Error(format!("The plan in this address did not open: {e}. No other plan is shown in its place."))),
            },
        };
    }
    if storage::available() {
        let open = storage::read(OPEN_KEY);
        let candidates = open.into_iter().chain(
            list_entries()
                .into_iter()
                .filter(|e| e.problem.is_none())
                .map(|e| e.id),
        );
        for id in candidates {
            if let Some(Ok(saved)) = read(&id) {
                let notice = saved.rules_changed().then(|| Notice::Info("This plan was saved by an earlier version: its figures are recomputed with the current rules.".into()));
                return Boot {
                    plan: saved.plan,
                    current: Some(id),
                    known_saved_at: Some(saved.saved_at),
                    notice,
                };
            }
        }
        return Boot {
            plan: example(),
            current: Some(fresh_id()),
            known_saved_at: None,
            notice: None,
        };
    }
    Boot {
        plan: example(),
        current: None,
        known_saved_at: None,
        notice: None,
    }
}

impl Library {
    /// Says so when a file offered for download was not created.
    pub fn report_file(self, result: Result<(), String>) {
        if let Err(e) = result {
            self.notice.set(Some(Notice::Error(format!(
                "The file was not created: {e}."
            ))));
        }
    }

    pub fn new(boot: &Boot) -> Self {
        let available = storage::available();
        let lib = Library {
            available,
            entries: RwSignal::new(list_entries()),
            current: RwSignal::new(boot.current.clone()),
            status: RwSignal::new(match (&boot.current, &boot.known_saved_at, available) {
                (_, _, false) => SaveStatus::Off,
                (Some(_), Some(at), _) => SaveStatus::Saved(at.clone()),
                _ => SaveStatus::NotSaved,
            }),
            settled: RwSignal::new(Some(boot.plan.clone())),
            known_saved_at: RwSignal::new(boot.known_saved_at.clone()),
            conflict: RwSignal::new(None),
            notice: RwSignal::new(boot.notice.clone()),
            last_backup: RwSignal::new(storage::read(BACKUP_KEY)),
            timer: StoredValue::new(None),
        };
        if let Some(id) = &boot.current {
            if boot.known_saved_at.is_some() {
                remember_open(id);
            }
        }
        lib
    }

    pub fn refresh(&self) {
        self.entries.set(list_entries());
    }

    /// The save state to show, derived: storage off, an unsaved copy, a save
    /// pending while the plan differs from the one the last save (or open, or
    /// failure) was about, or what that said.
    pub fn shown_status(self, ctx: Ctx) -> SaveStatus {
        if !self.available {
            return SaveStatus::Off;
        }
        if self.current.with(Option::is_none) {
            return SaveStatus::NotSaved;
        }
        let settled = self
            .settled
            .with(|s| ctx.plan.with(|p| s.as_ref() == Some(p)));
        if settled {
            self.status.get()
        } else {
            SaveStatus::Pending
        }
    }

    /// Records what happened to the open plan as it is now.
    fn settle(self, ctx: Ctx, status: SaveStatus) {
        self.settled.set(Some(ctx.plan.get_untracked()));
        self.status.set(status);
    }

    /// Autosaves the open plan whenever it changes (debounced). The effect
    /// only arms the timer: the save state shown is derived (`shown_status`).
    pub fn watch(self, ctx: Ctx) {
        Effect::new(move |first: Option<()>| {
            ctx.plan.track();
            if first.is_none() || !self.available || self.current.with_untracked(Option::is_none) {
                return;
            }
            if let Some(h) = self.timer.get_value() {
                h.clear();
            }
            let handle = set_timeout_with_handle(move || self.save_now(ctx), AUTOSAVE_DELAY).ok();
            self.timer.set_value(handle);
        });
        // Another tab saved, renamed or deleted a plan.
        let listener =
            Closure::<dyn FnMut(web_sys::StorageEvent)>::new(move |e: web_sys::StorageEvent| {
                self.on_storage_event(ctx, e)
            });
        if let Some(w) = web_sys::window() {
            let _ =
                w.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
        }
        listener.forget();
    }

    fn on_storage_event(self, ctx: Ctx, e: web_sys::StorageEvent) {
        let Some(key) = e.key() else {
            self.refresh();
            return;
        };
        if !key.starts_with(KEY_PREFIX) {
            return;
        }
        self.refresh();
        let Some(id) = self.current.get_untracked() else {
            return;
        };
        if key != key_for(&id) {
            return;
        }
        match e.new_value() {
            None => {
                self.current.set(None);
                self.known_saved_at.set(None);
                self.settle(ctx, SaveStatus::NotSaved);
                self.notice.set(Some(Notice::Info("This plan was deleted in another tab. It is still here, unsaved: choose “Save to my plans” to keep it.".into())));
            }
            Some(raw) => {
                if let Ok(saved) = decode_entry(&id, &raw) {
                    if Some(&saved.saved_at) != self.known_saved_at.get_untracked().as_ref()
                        && saved.plan != ctx.plan.get_untracked()
                    {
                        self.conflict.set(Some(saved.saved_at));
                    } else {
                        self.known_saved_at.set(Some(saved.saved_at));
                    }
                }
            }
        }
    }

    /// Writes the open plan now, unless another tab saved a newer version.
    pub fn save_now(self, ctx: Ctx) {
        if let Some(h) = self.timer.get_value() {
            h.clear();
            self.timer.set_value(None);
        }
        let Some(id) = self.current.get_untracked() else {
            return;
        };
        if !storage::available() {
            self.settle(ctx, SaveStatus::Off);
            return;
        }
        if self.conflict.get_untracked().is_some() {
            return;
        }
        // Never silently overwrite a save made elsewhere since we last looked, and
        // never rewrite what is already stored.
        if let Some(Ok(stored)) = read(&id) {
            if Some(&stored.saved_at) == self.known_saved_at.get_untracked().as_ref()
                && ctx.plan.with_untracked(|p| *p == stored.plan)
            {
                self.settle(ctx, SaveStatus::Saved(stored.saved_at));
                return;
            }
            if Some(&stored.saved_at) != self.known_saved_at.get_untracked().as_ref() {
                if stored.plan == ctx.plan.get_untracked() {
                    self.known_saved_at.set(Some(stored.saved_at.clone()));
                    self.settle(ctx, SaveStatus::Saved(stored.saved_at));
                } else {
                    self.conflict.set(Some(stored.saved_at));
                }
                return;
            }
        }
        let at = now_iso();
        let text = ctx.plan.with_untracked(|p| encode_entry(&id, &at, p));
        match storage::store(&key_for(&id), &text) {
            Ok(()) => {
                self.known_saved_at.set(Some(at.clone()));
                self.settle(ctx, SaveStatus::Saved(at));
                remember_open(&id);
                self.refresh();
            }
            Err(refused) => {
                self.settle(ctx, SaveStatus::Failed(if refused == storage::Refused::Full {
                    "the browser's storage for this site is full. Your plan is still here: export it, or delete plans you no longer need.".into()
                } else {
                    "the browser refused to store it. Your plan is still here: export it to keep a copy.".into()
                }));
            }
        }
    }

    /// Keeps the version in this tab: the next save replaces the other tab's.
    pub fn keep_mine(self, ctx: Ctx) {
        if let Some(at) = self.conflict.get_untracked() {
            self.known_saved_at.set(Some(at));
        }
        self.conflict.set(None);
        self.save_now(ctx);
    }

    /// Loads the version another tab saved.
    pub fn load_theirs(self, ctx: Ctx) {
        self.conflict.set(None);
        if let Some(id) = self.current.get_untracked() {
            if let Some(Ok(saved)) = read(&id) {
                self.known_saved_at.set(Some(saved.saved_at.clone()));
                ctx.replace_plan(saved.plan);
                self.settle(ctx, SaveStatus::Saved(saved.saved_at));
            }
        }
    }

    /// Opens a saved plan (saving the open one first).
    pub fn open(self, ctx: Ctx, id: &str) {
        self.save_now(ctx);
        match read(id) {
            Some(Ok(saved)) => {
                self.current.set(Some(id.to_string()));
                self.known_saved_at.set(Some(saved.saved_at.clone()));
                self.conflict.set(None);
                ctx.replace_plan(saved.plan);
                self.settle(ctx, SaveStatus::Saved(saved.saved_at));
                remember_open(id);
                crate::edge::address::clear_address();
            }
            Some(Err(e)) => self.notice.set(Some(Notice::Error(format!(
                "That plan did not open: {e}. It is kept as it is; you can download its text."
            )))),
            None => self.notice.set(Some(Notice::Error(
                "That plan is no longer in this browser's storage.".into(),
            ))),
        }
    }

    /// Whether a saved plan other than `except` is listed as `name`.
    fn name_taken(self, name: &str, except: Option<&str>) -> bool {
        self.entries.with_untracked(|list| {
            list.iter()
                .any(|e| e.problem.is_none() && e.name == name && Some(e.id.as_str()) != except)
        })
    }

    /// `name`, or "name (2)"… when a saved plan other than `except` has it.
    fn distinct(self, name: &str, except: Option<&str>) -> String {
        store::distinct_name(name, |n| self.name_taken(n, except))
    }

    /// `name` made distinct from every saved plan but `except`; says so when
    /// it had to change.
    fn name_apart(self, name: &str, except: Option<&str>) -> String {
        let unique = self.distinct(name, except);
        if unique != name {
            self.notice.set(Some(Notice::Info(format!(
                "A plan named “{name}” is already saved: this one is “{unique}”."
            ))));
        }
        unique
    }

    /// `plan` renamed, if need be, so that no saved plan other than `except`
    /// shares its name; says so when it was.
    fn named_apart(self, mut plan: Plan, except: Option<&str>) -> Plan {
        let name = display_name(&plan);
        let unique = self.name_apart(&name, except);
        if unique != name {
            plan.name = unique;
        }
        plan
    }

    /// Saves `plan` as a new saved plan, named apart from the others, and
    /// opens it. Returns its id.
    pub fn save_as_new(self, ctx: Ctx, plan: Plan) -> String {
        self.refresh();
        let plan = self.named_apart(plan, None);
        let id = fresh_id();
        self.current.set(Some(id.clone()));
        self.known_saved_at.set(None);
        self.conflict.set(None);
        ctx.replace_plan(plan);
        self.save_now(ctx);
        crate::edge::address::clear_address();
        id
    }

    /// Saves the open (unsaved) plan into my plans.
    pub fn save_copy(self, ctx: Ctx) {
        self.notice.set(None);
        let plan = ctx.plan.get_untracked();
        self.save_as_new(ctx, plan);
    }

    /// Runs `act`, an action that replaces the open plan, and offers to undo
    /// it: undoing reopens the plan open before, into its own entry, and
    /// removes the entry `act` created (returned by it), still untouched.
    pub fn switch(self, ctx: Ctx, what: String, act: impl FnOnce() -> Option<String>) {
        self.save_now(ctx);
        let before = ctx.plan.get_untracked();
        let before_id = self.current.get_untracked();
        let created = act();
        let changed =
            self.current.get_untracked() != before_id || ctx.plan.with_untracked(|p| *p != before);
        if changed {
            ctx.undo.set(Some(Undoable::Switch {
                what,
                before,
                before_id,
                created,
            }));
        }
    }

    /// Starts `empty`, a new plan (the built-in or the organization's
    /// defaults), saved when storage can keep it.
    pub fn start_new(self, ctx: Ctx, empty: Plan) {
        self.switch(ctx, "Started a new empty plan.".into(), || {
            if self.available {
                Some(self.save_as_new(ctx, empty))
            } else {
                ctx.replace_plan(empty);
                None
            }
        });
    }

    /// The open plan is no saved plan's from now on: "Save to my plans" keeps it.
    fn as_unsaved_copy(self) {
        self.current.set(None);
        self.known_saved_at.set(None);
        self.conflict.set(None);
        self.status.set(if self.available {
            SaveStatus::NotSaved
        } else {
            SaveStatus::Off
        });
    }

    /// Opens `plan` as an unsaved copy (a file, the worked example).
    pub fn open_copy(self, ctx: Ctx, what: String, plan: Plan) {
        self.switch(ctx, what, || {
            self.as_unsaved_copy();
            ctx.replace_plan(plan);
            None
        });
    }

    /// Starts a variant of the open plan: a copy named "… (variant)", saved
    /// when storage can keep it and opened in its place (undo reopens the
    /// original, itself saved first if it was an unsaved copy). Returns the
    /// original, to compare the variant with.
    pub fn start_variant(self, ctx: Ctx) -> Plan {
        if self.available && self.current.get_untracked().is_none() {
            // A copy (a link, a file) is kept too: the variant is compared with
            // a plan that stays.
            let plan = ctx.plan.get_untracked();
            self.save_as_new(ctx, plan);
        }
        let original = ctx.plan.get_untracked();
        let mut variant = original.clone();
        variant.name = format!("{} (variant)", display_name(&original));
        self.switch(ctx, "Started a variant of the plan.".into(), || {
            if self.available {
                Some(self.save_as_new(ctx, variant))
            } else {
                self.as_unsaved_copy();
                ctx.replace_plan(variant);
                None
            }
        });
        original
    }

    /// Takes back the last action, if it is still the last one.
    pub fn undo(self, ctx: Ctx) {
        let Some(offer) = ctx.undo.get_untracked() else {
            return;
        };
        ctx.undo.set(None);
        match offer {
            Undoable::Edit { before, .. } => ctx.replace_plan(before),
            Undoable::Switch {
                before,
                before_id,
                created,
                ..
            } => {
                if let Some(id) = created {
                    storage::remove(&key_for(&id));
                }
                match before_id {
                    Some(id) => self.reopen(ctx, &id, before),
                    None => {
                        self.as_unsaved_copy();
                        ctx.replace_plan(before);
                    }
                }
                self.notice.set(None);
                self.refresh();
            }
            Undoable::Deleted { key, raw, .. } => self.undo_delete(ctx, &key, &raw),
        }
    }

    /// Opens `plan` as saved plan `id` again, writing it into that entry only.
    fn reopen(self, ctx: Ctx, id: &str, plan: Plan) {
        self.current.set(Some(id.to_string()));
        self.known_saved_at
            .set(read(id).and_then(Result::ok).map(|s| s.saved_at));
        self.conflict.set(None);
        ctx.replace_plan(plan);
        self.save_now(ctx);
        remember_open(id);
        crate::edge::address::clear_address();
    }

    pub fn rename(self, ctx: Ctx, id: &str, name: String) {
        ctx.withdraw_undo();
        self.refresh();
        let name = self.name_apart(&name, Some(id));
        if self.current.get_untracked().as_deref() == Some(id) {
            ctx.edit(|p| p.name = name);
            self.save_now(ctx);
            return;
        }
        if let Some(Ok(mut saved)) = read(id) {
            saved.plan.name = name;
            let _ = storage::store(&key_for(id), &encode_entry(id, &now_iso(), &saved.plan));
            self.refresh();
        }
    }

    pub fn duplicate(self, ctx: Ctx, id: &str) {
        ctx.withdraw_undo();
        self.refresh();
        if let Some(Ok(saved)) = read(id) {
            let name = display_name(&saved.plan);
            let mut plan = saved.plan;
            plan.name = self.distinct(&name, None);
            let new = fresh_id();
            if storage::store(&key_for(&new), &encode_entry(&new, &now_iso(), &plan)).is_err() {
                self.notice.set(Some(Notice::Error(
                    "The copy was not saved: the browser's storage is full.".into(),
                )));
            }
            self.refresh();
        }
    }

    /// Deletes an entry, offering to undo it. The open plan stays on the page
    /// as an unsaved copy.
    pub fn delete(self, ctx: Ctx, id: &str) {
        if !storage::available() {
            return;
        }
        let key = key_for(id);
        let raw = storage::read(&key).unwrap_or_default();
        let name = self
            .entries
            .get_untracked()
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.name.clone())
            .unwrap_or_default();
        storage::remove(&key);
        if self.current.get_untracked().as_deref() == Some(id) {
            self.as_unsaved_copy();
        }
        ctx.undo.set(Some(Undoable::Deleted { key, raw, name }));
        self.refresh();
    }

    fn undo_delete(self, ctx: Ctx, key: &str, raw: &str) {
        if storage::store(key, raw).is_ok() {
            let id = key.trim_start_matches(KEY_PREFIX).to_string();
            if self.current.get_untracked().is_none() {
                if let Ok(saved) = decode_entry(&id, raw) {
                    if saved.plan == ctx.plan.get_untracked() {
                        self.current.set(Some(id));
                        self.known_saved_at.set(Some(saved.saved_at.clone()));
                        self.settle(ctx, SaveStatus::Saved(saved.saved_at));
                    }
                }
            }
        }
        self.refresh();
    }

    /// Every readable saved plan, for a backup.
    pub fn all_saved(&self) -> Vec<Saved> {
        list_entries()
            .into_iter()
            .filter(|e| e.problem.is_none())
            .filter_map(|e| read(&e.id).and_then(Result::ok))
            .collect()
    }

    pub fn note_backup(self) {
        let at = now_iso();
        let _ = storage::store(BACKUP_KEY, &at);
        self.last_backup.set(Some(at));
    }

    /// Adds the plans of a backup, all or nothing: never replacing a stored
    /// entry, never leaving two plans with one id or one name, and, when the
    /// browser's storage cannot hold them all, taking back what it wrote and
    /// saying how much room they needed. Returns the message for the user.
    pub fn restore(self, ctx: Ctx, file: &str, plans: Vec<Saved>, unreadable: usize) -> Notice {
        ctx.withdraw_undo();
        if !storage::available() {
            return Notice::Error(format!(
                "“{file}” was not restored: this browser does not let the page keep plans."
            ));
        }
        // Each entry decoded once; one that does not decode keeps its id taken.
        let stored: Vec<(String, Option<Plan>)> = stored_entries()
            .into_iter()
            .map(|(id, _, decoded)| (id, decoded.ok().map(|s| s.plan)))
            .collect();
        let total = plans.len();
        let plan = store::plan_restore(plans, &stored, fresh_id);
        let entries: Vec<(String, String)> = plan
            .add
            .iter()
            .map(|saved| {
                let at = if saved.saved_at.is_empty() {
                    now_iso()
                } else {
                    saved.saved_at.clone()
                };
                (
                    key_for(&saved.id),
                    encode_entry(&saved.id, &at, &saved.plan),
                )
            })
            .collect();
        let mut written = 0;
        for (key, text) in &entries {
            if storage::store(key, text).is_err() {
                break;
            }
            written += 1;
        }
        if written < entries.len() {
            let in_use = storage::chars_in_use();
            for (key, _) in &entries[..written] {
                storage::remove(key);
            }
            self.refresh();
            let need: usize = entries
                .iter()
                .map(|(k, t)| k.encode_utf16().count() + t.encode_utf16().count())
                .sum();
            return Notice::Error(format!(
                "“{file}” was not restored: its {} need {} characters of this browser's storage for this site; the storage was full after {} of them, holding {} characters in all. Nothing was changed. Delete plans you no longer need, or restore this backup in a browser profile with fewer plans.",
                plural(entries.len(), "plan", "plans"),
                count(need as f64),
                count(written as f64),
                count(in_use as f64),
            ));
        }
        self.refresh();
        Notice::Info(restore_message(file, total, &plan, unreadable))
    }
}

/// What a restore did, in full: nothing is renamed or re-keyed silently.
pub fn restore_message(file: &str, total: usize, r: &store::Restore, unreadable: usize) -> String {
    let mut msg = format!(
        "Restored “{file}”: {} added, {} already here.",
        plural(r.add.len(), "plan", "plans"),
        count(r.same as f64)
    );
    if r.duplicate_ids > 0 {
        msg.push_str(&format!(
            " {} shared an id with an earlier plan of the backup: both are kept, the later under a new id.",
            plural(r.duplicate_ids, "plan", "plans")
        ));
    }
    if r.without_id > 0 {
        msg.push_str(&format!(
            " {} had no usable id and {} given one.",
            plural(r.without_id, "plan", "plans"),
            if r.without_id == 1 { "was" } else { "were" }
        ));
    }
    if r.id_taken > 0 {
        msg.push_str(&format!(
            " {} differed from the saved plan with the same id: added beside it, which is unchanged.",
            plural(r.id_taken, "plan", "plans")
        ));
    }
    if !r.renamed.is_empty() {
        let shown: Vec<String> = r
            .renamed
            .iter()
            .take(3)
            .map(|(a, b)| format!("“{a}” → “{b}”"))
            .collect();
        let more = r.renamed.len().saturating_sub(3);
        msg.push_str(&format!(
            " Renamed so no two plans share a name: {}{}.",
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    if unreadable > 0 {
        msg.push_str(&format!(
            " {} of the {} in the file could not be read and {} skipped.",
            count(unreadable as f64),
            count((total + unreadable) as f64),
            if unreadable == 1 { "was" } else { "were" }
        ));
    }
    msg
}

fn remember_open(id: &str) {
    let _ = storage::store(OPEN_KEY, id);
}
