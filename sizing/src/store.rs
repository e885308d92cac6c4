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

/// Reads a backup file: the plans that decode, and what went wrong with the rest.
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

/// A new plan id, from a time stamp and a random-ish number the caller supplies.
pub fn new_id(millis: f64, salt: u32) -> String {
    format!("p-{:x}-{:x}", millis.max(0.0) as u64, salt)
}
