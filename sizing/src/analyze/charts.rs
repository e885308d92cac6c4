//! Chart series: database size against retention per host, client backlog
//! against outage length per instance. They use the same formulas as the
//! figures: a shared database at the marked retention is the host's figure.

use crate::assumptions::Key;
use crate::formulas as f;
use crate::report::{
    BacklogPoint, BacklogSeries, HostReport, InstanceReport, RetentionPoint, RetentionSeries,
};

use super::host::Slot;
use super::validate::ValidPlan;

const CHART_POINTS: usize = 24;

pub fn retention(
    vp: &ValidPlan,
    slot: &Slot,
    h: &HostReport,
    instances: &[InstanceReport],
) -> Option<RetentionSeries> {
    if slot.members.is_empty() {
        return None;
    }
    struct Member {
        c: f64,
        r: f64,
        s: f64,
        e: f64,
        o: f64,
    }
    let members: Vec<Member> = slot
        .members
        .iter()
        .map(|&i| {
            let vi = &vp.instances[i];
            Some(Member {
                c: instances[i].active_clients?,
                r: vi.value(Key::EventsPerClientPerDay)?,
                s: vi.value(Key::EventSizeBytes)?,
                e: vi.value(Key::ErrorBurstAllowancePct)?,
                o: vi.value(Key::TableOverheadPct)?,
            })
        })
        .collect::<Option<_>>()?;
    let retention = h.retention_days?;
    let existing = h.existing_database_bytes.unwrap_or(0.0);
    let max_days = (retention * 2.0)
        .max(30.0)
        .min(Key::RetentionDays.info().max);
    let sized = |rate: fn(&Member) -> f64, days: f64| {
        let exact: f64 = members
            .iter()
            .map(|m| {
                f::database_bytes(
                    f::database_raw_bytes(f::records_per_day(m.c, rate(m)), m.s, days),
                    m.e,
                    m.o,
                )
            })
            .sum();
        exact.round() + existing
    };
    let points = (0..=CHART_POINTS)
        .map(|k| {
            let days = (max_days * k as f64 / CHART_POINTS as f64).round();
            RetentionPoint {
                days,
                bytes: sized(|m| m.r, days),
                low_bytes: sized(|_| 15.0, days),
                high_bytes: sized(|_| 20.0, days),
            }
        })
        .collect::<Vec<_>>();
    points
        .iter()
        .all(|p| p.bytes.is_finite() && p.low_bytes.is_finite() && p.high_bytes.is_finite())
        .then(|| RetentionSeries {
            host_id: h.id.clone(),
            retention_days: retention,
            points,
        })
}

pub fn backlog(vp: &ValidPlan, i: usize, r: &InstanceReport) -> Option<BacklogSeries> {
    let vi = &vp.instances[i];
    let clients = r.active_clients?;
    let rate = vi.value(Key::EventsPerClientPerDay)?;
    let size = vi.value(Key::EventSizeBytes)?;
    let chosen = vi.value(Key::OutageHours)?;
    let tolerated = r.tolerated_outage_hours.filter(|t| *t > 0.0).unwrap_or(0.0);
    let max_hours = (chosen * 2.0)
        .max(tolerated * 1.5)
        .max(24.0)
        .min(Key::OutageHours.info().max);
    let points: Vec<BacklogPoint> = (0..=CHART_POINTS)
        .map(|k| {
            let hours = max_hours * k as f64 / CHART_POINTS as f64;
            let events = clients * f::backlog_events_per_client(rate, hours);
            BacklogPoint {
                hours,
                events,
                bytes: (events * size).round(),
            }
        })
        .collect();
    points
        .iter()
        .all(|p| p.events.is_finite() && p.bytes.is_finite())
        .then(|| BacklogSeries {
            instance_id: r.id.clone(),
            chosen_outage_hours: chosen,
            tolerated_outage_hours: r.tolerated_outage_hours,
            tolerated_outage_worst_case_hours: r.tolerated_outage_worst_case_hours,
            points,
        })
}
