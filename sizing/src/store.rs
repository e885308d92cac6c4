//! How plans are kept in the browser's local storage, and the backup file.
//!
//! Each saved plan is one storage entry holding a versioned envelope, never the
//! in-memory types directly:
//!
//! ```json
//! {"format":"medv-planner-saved-plan","schema":1,"rules_version":1,
//!  "id":"p-…","saved_at":"2026-11-26T05:55:00.000Z","plan":{…plan format v1…}}
//! ```
//!
//! Schema history (every version is migrated on load, see `docs/storage.md`):
//! - 0: a bare plan document (plan format v1) stored under the key;
//! - 1: the envelope above.
//!
//! An entry that does not decode is reported with its raw text, so the app can
//! keep it aside untouched; it never turns into a default plan.

use serde::{Deserialize, Serialize};

use crate::plan::{plan_from_value, to_pretty_json, Plan, PLAN_FORMAT};
use crate::report::RULES_VERSION;

pub const ENTRY_FORMAT: &str = "medv-planner-saved-plan";
pub const BACKUP_FORMAT: &str = "medv-planner-backup";
/// The newest storage schema this crate writes.
pub const STORE_SCHEMA: u32 = 1;
/// Storage keys of saved plans start with this, followed by the plan's id.
pub const KEY_PREFIX: &str = "medv-planner.plan.";

/// A saved plan, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub id: String,
    /// ISO 8601 time of the save, as the browser wrote it.
    pub saved_at: String,
    /// The rules version the plan was last saved with.
    pub rules_version: u32,
    /// The schema it was stored in (before migration).
    pub stored_schema: u32,
    pub plan: Plan,
}

impl Saved {
    /// Saved under an older rules version: its figures are recomputed with the
    /// current rules and may differ from what its author saw.
    pub fn rules_changed(&self) -> bool {
        self.rules_version != RULES_VERSION
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// Not an entry this tool wrote, or damaged.
    Damaged(String),
    /// Written by a newer version of the tool.
    NewerSchema(u64),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Damaged(why) => write!(f, "this saved plan cannot be read ({why})"),
            StoreError::NewerSchema(v) => write!(f, "this saved plan was written by a newer MED-V Planner (storage schema {v}; this one reads up to {STORE_SCHEMA})"),
        }
    }
}

impl std::error::Error for StoreError {}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeV1 {
    format: String,
    schema: u32,
    rules_version: u32,
    id: String,
    saved_at: String,
    plan: serde_json::Value,
}

/// The storage key of plan `id`.
pub fn key_for(id: &str) -> String {
    format!("{KEY_PREFIX}{id}")
}

/// The text stored for a plan.
pub fn encode_entry(id: &str, saved_at: &str, plan: &Plan) -> String {
    let envelope = EnvelopeV1 {
        format: ENTRY_FORMAT.into(),
        schema: STORE_SCHEMA,
        rules_version: RULES_VERSION,
        id: id.into(),
        saved_at: saved_at.into(),
        plan: serde_json::to_value(plan).unwrap_or(serde_json::Value::Null),
    };
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// Reads a stored entry of any schema; `id` is the one in its key.
pub fn decode_entry(id: &str, text: &str) -> Result<Saved, StoreError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| StoreError::Damaged(format!("not JSON: {e}")))?;
    decode_value(id, value)
}

fn decode_value(id: &str, value: serde_json::Value) -> Result<Saved, StoreError> {
    let damaged = |e: String| StoreError::Damaged(e);
    let format = value
        .get("format")
        .and_then(|f| f.as_str())
        .unwrap_or_default()
        .to_string();
    if format == PLAN_FORMAT {
        // Schema 0: a bare plan document.
        let plan = plan_from_value(value).map_err(|e| damaged(e.to_string()))?;
        return Ok(Saved {
            id: id.into(),
            saved_at: String::new(),
            rules_version: 0,
            stored_schema: 0,
            plan,
        });
    }
    if format != ENTRY_FORMAT {
        return Err(damaged("not a saved MED-V plan".into()));
    }
    match value.get("schema").and_then(|s| s.as_u64()) {
        Some(1) => {}
        Some(v) if v > u64::from(STORE_SCHEMA) => return Err(StoreError::NewerSchema(v)),
        _ => return Err(damaged("unknown storage schema".into())),
    }
    let env: EnvelopeV1 = serde_json::from_value(value).map_err(|e| damaged(e.to_string()))?;
    let plan = plan_from_value(env.plan).map_err(|e| damaged(e.to_string()))?;
    Ok(Saved {
        // The key names the entry: an envelope that says otherwise does not move it.
        id: id.to_string(),
        saved_at: env.saved_at,
        rules_version: env.rules_version,
        stored_schema: 1,
        plan,
    })
}

/// One entry of a backup file that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupProblem {
    pub index: usize,
    pub error: StoreError,
}

/// A backup of every saved plan, as one JSON file.
pub fn encode_backup(exported_at: &str, plans: &[Saved]) -> String {
    let entries: Vec<serde_json::Value> = plans
        .iter()
        .filter_map(|s| serde_json::from_str(&encode_entry(&s.id, &s.saved_at, &s.plan)).ok())
        .collect();
    to_pretty_json(&serde_json::json!({
        "format": BACKUP_FORMAT,
        "schema": STORE_SCHEMA,
        "exported_at": exported_at,
        "plans": entries,
    }))
}

/// Reads a backup file: the plans that decode, and what went wrong with the
/// rest. A plan's `id` is the one the backup gives, empty when it gives none
/// (a bare plan document): [`plan_restore`] gives it a real one.
pub fn decode_backup(text: &str) -> Result<(Vec<Saved>, Vec<BackupProblem>), StoreError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| StoreError::Damaged(format!("not JSON: {e}")))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(BACKUP_FORMAT) {
        return Err(StoreError::Damaged("not a MED-V Planner backup".into()));
    }
    match value.get("schema").and_then(|s| s.as_u64()) {
        Some(1) => {}
        Some(v) if v > u64::from(STORE_SCHEMA) => return Err(StoreError::NewerSchema(v)),
        _ => return Err(StoreError::Damaged("unknown backup schema".into())),
    }
    let list = value
        .get("plans")
        .and_then(|p| p.as_array())
        .ok_or_else(|| StoreError::Damaged("no plans list".into()))?;
    let mut saved = Vec::new();
    let mut problems = Vec::new();
    for (index, entry) in list.iter().enumerate() {
        let id = entry
            .get("id")
            .and_then(|i| i.as_str())
            .unwrap_or_default()
            .to_string();
        match decode_value(&id, entry.clone()) {
            Ok(s) => saved.push(s),
            Err(error) => problems.push(BackupProblem { index, error }),
        }
    }
    Ok((saved, problems))
}

/// Whether `id` is a plan id this tool can store: 1 to 64 ASCII letters,
/// digits, `-` or `_`.
pub fn valid_plan_id(id: &str) -> bool {
    crate::fields::valid_id(id)
}

/// The name a plan is listed under ("Untitled plan" when it has none).
pub fn display_name(plan: &Plan) -> String {
    if plan.name.trim().is_empty() {
        "Untitled plan".into()
    } else {
        plan.name.clone()
    }
}

/// `name` when no plan is listed under it, else the first free "name (2)",
/// "name (3)"… ("Europe (2)" continues as "Europe (3)", not "Europe (2) (2)").
pub fn distinct_name(name: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(name) {
        return name.to_string();
    }
    let stem = name
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once(" ("))
        .filter(|(_, n)| !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit()))
        .map_or(name, |(stem, _)| stem);
    (2u64..)
        .map(|n| format!("{stem} ({n})"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| name.to_string())
}

/// What restoring a backup writes, decided before anything is written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Restore {
    /// The plans to add, each under its final id and name.
    pub add: Vec<Saved>,
    /// Plans already stored exactly as in the backup (or given twice in it).
    pub same: usize,
    /// Plans the backup gave no usable id (a bare plan, or an id this tool
    /// cannot store): added under a new id.
    pub without_id: usize,
    /// Plans whose id is already a different stored plan's: added under a new id.
    pub id_taken: usize,
    /// Plans whose id an earlier plan of the same backup has: both are kept,
    /// the later under a new id.
    pub duplicate_ids: usize,
    /// Plans renamed so that no two plans share a name: (name, new name).
    pub renamed: Vec<(String, String)>,
}

/// Decides how the plans of a backup join the stored ones, never replacing a
/// stored entry and never leaving two plans under one id or one name.
/// `stored` lists every stored entry as (id, plan), the plan `None` for an
/// entry that does not open (its id stays taken); `fresh` gives new ids.
pub fn plan_restore(
    backup: Vec<Saved>,
    stored: &[(String, Option<Plan>)],
    mut fresh: impl FnMut() -> String,
) -> Restore {
    use std::collections::{HashMap, HashSet};
    let by_id: HashMap<&str, &Plan> = stored
        .iter()
        .filter_map(|(id, p)| Some((id.as_str(), p.as_ref()?)))
        .collect();
    let mut names: HashSet<String> = by_id.values().map(|p| display_name(p)).collect();
    let mut ids: HashSet<String> = stored.iter().map(|(id, _)| id.clone()).collect();
    // What this backup has added so far, by its own id.
    let mut added: HashMap<String, Plan> = HashMap::new();
    let mut out = Restore::default();
    for mut saved in backup {
        let own = saved.id.clone();
        let already = by_id.get(own.as_str()).copied().or(added.get(&own));
        if already == Some(&saved.plan) {
            out.same += 1;
            continue;
        }
        if !valid_plan_id(&own) {
            out.without_id += 1;
        } else if added.contains_key(&own) {
            out.duplicate_ids += 1;
        } else if ids.contains(&own) {
            out.id_taken += 1;
        }
        if !valid_plan_id(&own) || ids.contains(&own) {
            saved.id = (0..1_000)
                .map(|_| fresh())
                .find(|id| valid_plan_id(id) && !ids.contains(id))
                .unwrap_or_default();
            if saved.id.is_empty() {
                continue;
            }
        }
        let name = display_name(&saved.plan);
        let unique = distinct_name(&name, |n| names.contains(n));
        if unique != name {
            saved.plan.name = unique.clone();
            out.renamed.push((name, unique.clone()));
        }
        names.insert(unique);
        ids.insert(saved.id.clone());
        added.entry(own).or_insert_with(|| saved.plan.clone());
        out.add.push(saved);
    }
    out
}

/// A new plan id, from a time stamp and a random-ish number the caller supplies.
pub fn new_id(millis: f64, salt: u32) -> String {
    format!("p-{:x}-{:x}", millis.max(0.0) as u64, salt)
}
