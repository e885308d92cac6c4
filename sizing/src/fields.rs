//! Valid ranges of the plan's numeric fields that are not assumptions (those
//! carry their own in [`crate::assumptions::AssumptionInfo`]). The UI and the
//! analyzer read the same table.

/// A numeric field's valid range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub label: &'static str,
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    pub whole: bool,
}

impl Limits {
    pub const fn new(
        label: &'static str,
        unit: &'static str,
        min: f64,
        max: f64,
        whole: bool,
    ) -> Self {
        Self {
            label,
            unit,
            min,
            max,
            whole,
        }
    }

    /// Why `value` is not valid, or `None` when it is.
    pub fn problem(&self, value: f64) -> Option<String> {
        use crate::units::count;
        let range = format!(
            "{}from {} to {}{}",
            if self.whole {
                "a whole number "
            } else {
                "a number "
            },
            count(self.min),
            count(self.max),
            if self.unit.is_empty() {
                String::new()
            } else {
                format!(" {}", self.unit)
            }
        );
        if value.is_nan() {
            Some(format!(
                "{} must be {range}; it is not a number",
                self.label
            ))
        } else if value.is_infinite() {
            Some(format!("{} must be {range}; it is infinite", self.label))
        } else if value < self.min || value > self.max || (self.whole && value.fract() != 0.0) {
            Some(format!(
                "{} must be {range}; it is {}",
                self.label,
                count(value)
            ))
        } else {
            None
        }
    }
}

pub const ACTIVE_CLIENTS: Limits = Limits::new("Active clients", "", 0.0, 10_000_000.0, true);
pub const WORKSPACE_COUNT: Limits = Limits::new("Workspace count", "", 0.0, 100_000.0, true);
pub const OFFLINE_LIMIT_HOURS: Limits = Limits::new("Offline limit", "h", 0.0, 87_600.0, false);
pub const SERVER_CPU_GHZ: Limits = Limits::new("Server CPU", "GHz", 0.1, 100.0, false);
pub const SERVER_CORES: Limits = Limits::new("Server cores", "", 1.0, 4_096.0, true);
pub const SERVER_RAM_GB: Limits = Limits::new("Server RAM", "GB", 0.0625, 1_048_576.0, false);
pub const ACTIVE_SERVERS: Limits = Limits::new("Active servers", "", 1.0, 1_000.0, true);
pub const RECOVERY_HOURS: Limits = Limits::new("Expected recovery time", "h", 0.0, 87_600.0, false);
pub const REPORTING_BUFFER_IOPS: Limits =
    Limits::new("Reporting buffer", "IOPS", 0.0, 10_000_000.0, false);
pub const LINK_MBPS: Limits = Limits::new("Link bandwidth", "Mbit/s", 0.0, 10_000_000.0, false);
pub const TOTAL_USERS: Limits = Limits::new("Total users", "", 0.0, 1_000_000_000.0, true);
pub const SEPARATE_REASONS: Limits =
    Limits::new("Separate-instance reasons", "", 0.0, 10_000.0, true);
pub const STANDARD_RAM_GB: Limits =
    Limits::new("Standard server RAM", "GB", 0.0625, 1_048_576.0, false);
pub const CLIENT_RAM_GB: Limits = Limits::new("RAM", "GB", 0.0625, 1_048_576.0, false);
pub const CLIENT_CPU_GHZ: Limits = Limits::new("CPU", "GHz", 0.1, 100.0, false);

/// Whether `id` is a valid instance or host id: 1–64 letters, digits, `-` or `_`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
