//! Results of a large plan as one sortable table per kind (instances, SQL
//! Server hosts) instead of stacked cards: the figures that decide a design in
//! columns, each with its `data-testid` and exact `data-value`; a filter for
//! the rows with findings; a row expands into its other figures and the math.

use leptos::prelude::*;
use medv_sizing::figures::{self, Format};
use medv_sizing::report::SubjectKind;
use medv_sizing::rules::Severity;
use medv_sizing::Report;

use crate::state::{use_ctx, Fanout};

/// Above this many instances (or hosts), results are a table.
pub const TABLE_ABOVE: usize = 6;

/// The instance figures shown as columns.
pub const INSTANCE_COLUMNS: &[&str] = &[
    "active_clients",
    "database_bytes",
    "total_iops",
    "tolerated_outage_worst_case_hours",
    "recovery_hours",
    "server_form_factor.cores",
    "server_form_factor.ram_gb",
];

/// The host figures shown as columns.
pub const HOST_COLUMNS: &[&str] = &[
    "database_bytes",
    "total_iops",
    "retention_days",
    "recovery_hours",
    "outage.events_total",
];

/// Which results a table lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Instances,
    Hosts,
}

impl Kind {
    fn columns(self) -> &'static [&'static str] {
        match self {
            Kind::Instances => INSTANCE_COLUMNS,
            Kind::Hosts => HOST_COLUMNS,
        }
    }

    fn column(self, key: &str) -> (&'static str, Format) {
        let found = match self {
            Kind::Instances => figures::instance(key).map(|f| (f.label, f.format)),
            Kind::Hosts => figures::host(key).map(|f| (f.label, f.format)),
        };
        found.unwrap_or(("", Format::Count))
    }

    /// `instance` or `host`: the prefix of figure test ids.
    fn prefix(self) -> &'static str {
        match self {
            Kind::Instances => "instance",
            Kind::Hosts => "host",
        }
    }

    fn subject(self) -> SubjectKind {
        match self {
            Kind::Instances => SubjectKind::Instance,
            Kind::Hosts => SubjectKind::SqlHost,
        }
    }
}

/// One row: its place in the report, id, name, column values, findings.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    at: usize,
    id: String,
    name: String,
    values: Vec<Option<f64>>,
    errors: usize,
    warnings: usize,
}

fn rows(r: &Report, kind: Kind) -> Vec<Row> {
    let mut counts: std::collections::HashMap<&str, (usize, usize)> = Default::default();
    for f in &r.findings {
        if f.subject_kind == kind.subject() {
            let c = counts.entry(f.subject.as_str()).or_default();
            match f.severity {
                Severity::Error => c.0 += 1,
                Severity::Warning => c.1 += 1,
                Severity::Info => {}
            }
        }
    }
    let row = |at: usize, id: &str, name: &str, values: Vec<Option<f64>>| {
        let (errors, warnings) = counts.get(id).copied().unwrap_or_default();
        Row {
            at,
            id: id.to_string(),
            name: name.to_string(),
            values,
            errors,
            warnings,
        }
    };
    match kind {
        Kind::Instances => (r.instances.iter().enumerate())
            .map(|(at, x)| {
                row(
                    at,
                    &x.id,
                    &x.name,
                    values(figures::INSTANCE, INSTANCE_COLUMNS, x),
                )
            })
            .collect(),
        Kind::Hosts => (r.sql_hosts.iter().enumerate())
            .map(|(at, x)| row(at, &x.id, &x.name, values(figures::HOST, HOST_COLUMNS, x)))
            .collect(),
    }
}

/// The values of `columns` for one row, read through the figure catalog.
fn values<R>(table: &[figures::Figure<R>], columns: &[&str], x: &R) -> Vec<Option<f64>> {
    columns
        .iter()
        .map(|k| table.iter().find(|f| f.key == *k).and_then(|f| (f.get)(x)))
        .collect()
}

/// How the table is sorted: `None` for the plan's order, else a column
/// (`usize::MAX` is the findings column) and whether it descends.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Sort {
    column: Option<usize>,
    descending: bool,
}

const FINDINGS: usize = usize::MAX;

fn sorted(mut rows: Vec<Row>, sort: Sort, only_findings: bool) -> Vec<Row> {
    if only_findings {
        rows.retain(|r| r.errors + r.warnings > 0);
    }
    if let Some(c) = sort.column {
        let value = |r: &Row| -> Option<f64> {
            if c == FINDINGS {
                Some((r.errors * 1_000_000 + r.warnings) as f64)
            } else {
                r.values.get(c).copied().flatten()
            }
        };
        // Rows without a value go last either way.
        rows.sort_by(|a, b| match (value(a), value(b)) {
            (Some(x), Some(y)) => {
                let o = x.total_cmp(&y);
                if sort.descending {
                    o.reverse()
                } else {
                    o
                }
            }
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    rows
}

/// One row, keyed by its id: its cells read the row's current figures, so an
/// edit updates the text of the cells it changes and rebuilds nothing.
fn table_row(
    kind: Kind,
    id: String,
    all: Fanout<Row>,
    expanded: RwSignal<Vec<String>>,
) -> impl IntoView {
    let columns = kind.columns();
    let span = columns.len() + 3;
    let row = all.get(&id);
    let name = move || row.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default());
    let is_open = {
        let id = id.clone();
        Memo::new(move |_| expanded.with(|e| e.contains(&id)))
    };
    let toggle = {
        let id = id.clone();
        move |_| {
            expanded.update(|e| {
                if let Some(at) = e.iter().position(|x| x == &id) {
                    e.remove(at);
                } else {
                    e.push(id.clone());
                }
            })
        }
    };
    let at = Memo::new(move |_| row.with(|r| r.as_ref().map_or(usize::MAX, |r| r.at)));
    let button_id = match kind {
        Kind::Instances => format!("show-figures-{id}"),
        Kind::Hosts => format!("show-host-figures-{id}"),
    };
    let cells = columns
        .iter()
        .enumerate()
        .map(|(c, key)| {
            let (_, format) = kind.column(key);
            // Read from the row: a row an edit leaves alone is not read again, and
            // a cell whose value stays is not written again.
            let value = Memo::new(move |_| row.with(|r| r.as_ref().and_then(|r| r.values.get(c).copied().flatten())));
            view! {
                <td class="num">
                    <span class="value" data-testid=format!("{}-{id}-{}", kind.prefix(), key.replace('.', "-"))
                        data-value=move || value.get().map(|v| v.to_string()).unwrap_or_default()
                        title=move || value.get().map(|v| format.write_exact(v))>
                        {move || value.get().map(|v| format.write(v)).unwrap_or_else(|| "—".into())}
                    </span>
                </td>
            }
        })
        .collect_view();
    let counts =
        Memo::new(move |_| row.with(|r| r.as_ref().map_or((0, 0), |r| (r.errors, r.warnings))));
    // The row's worst finding, which colours the row and its findings cell.
    let worst = move || match counts.get() {
        (e, _) if e > 0 => Some("error"),
        (_, w) if w > 0 => Some("warning"),
        _ => None,
    };
    view! {
        <tbody>
            <tr data-testid=format!("{}-results-{id}", kind.prefix())
                class=move || worst().map_or(String::new(), |w| format!("has-{w}s"))>
                <th scope="row">{name}</th>
                {cells}
                <td class=move || worst().map_or("num".to_string(), |w| format!("num line-{w}"))>
                    {move || { let (e, w) = counts.get(); format!("{e} · {w}") }}
                </td>
                <td>
                    <button type="button" class="quiet" data-testid=button_id aria-expanded=move || is_open.get().to_string() on:click=toggle
                        aria-label=move || format!("{} the other figures of {}", if is_open.get() { "Hide" } else { "Show" }, name())>
                        {move || if is_open.get() { "Less" } else { "More" }}
                    </button>
                </td>
            </tr>
            <Show when=move || is_open.get()>
                <tr class="expanded">
                    <td colspan=span>
                        {match kind {
                            Kind::Instances => view! { <crate::ui::results::cards::InstanceCard i=at skip=INSTANCE_COLUMNS /> }.into_any(),
                            Kind::Hosts => view! { <crate::ui::results::cards::HostCard h=at skip=HOST_COLUMNS /> }.into_any(),
                        }}
                    </td>
                </tr>
            </Show>
        </tbody>
    }
}

/// The results of one kind as a sortable, filterable table.
#[component]
pub fn ResultsTable(kind: Kind) -> impl IntoView {
    let ctx = use_ctx();
    let all = Memo::new(move |_| ctx.report.with(|r| rows(r, kind)));
    // Each row by id (the first row with an id, if two share it): an edit
    // reaches the rows it changed, not every row.
    let by_id = Fanout::new(move || {
        all.with(|rows| {
            rows.iter()
                .rev()
                .map(|r| (r.id.clone(), r.clone()))
                .collect()
        })
    });
    let sort = RwSignal::new(Sort::default());
    let only_findings = RwSignal::new(false);
    let expanded = RwSignal::new(Vec::<String>::new());
    let shown = Memo::new(move |_| sorted(all.get(), sort.get(), only_findings.get()));
    let columns = kind.columns();
    let header = move |c: usize, label: &'static str| {
        let aria = move || match sort.get() {
            Sort {
                column: Some(x),
                descending,
            } if x == c => {
                if descending {
                    "descending"
                } else {
                    "ascending"
                }
            }
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort" data-testid=format!("sort-{}-{}", kind.prefix(), if c == FINDINGS { "findings".to_string() } else { columns[c].replace('.', "-") })
                    on:click=move |_| sort.update(|s| {
                        *s = match *s {
                            Sort { column: Some(x), descending: false } if x == c => Sort { column: Some(c), descending: true },
                            Sort { column: Some(x), descending: true } if x == c => Sort::default(),
                            _ => Sort { column: Some(c), descending: c == FINDINGS },
                        }
                    })>
                    {label}
                    <span aria-hidden="true">{move || match aria() { "ascending" => " ▲", "descending" => " ▼", _ => "" }}</span>
                </button>
            </th>
        }
    };
    view! {
        <div class="results-table" data-testid=format!("results-table-{}", kind.prefix())>
            <label class="filter">
                <input type="checkbox" data-testid=format!("only-findings-{}", kind.prefix()) prop:checked=move || only_findings.get() on:change=move |ev| only_findings.set(event_target_checked(&ev)) />
                {match kind { Kind::Instances => " Only instances with errors or warnings", Kind::Hosts => " Only hosts with errors or warnings" }}
            </label>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{match kind { Kind::Instances => "Instance", Kind::Hosts => "SQL Server host" }}</th>
                            {columns.iter().enumerate().map(|(c, key)| header(c, kind.column(key).0)).collect_view()}
                            {header(FINDINGS, "Errors · warnings")}
                            <th scope="col"><span class="visually-hidden">"Details"</span></th>
                        </tr>
                    </thead>
                    <For
                        each=move || shown.with(|rows| rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>())
                        key=|id| id.clone()
                        children=move |id| table_row(kind, id, by_id, expanded)
                    />
                </table>
            </div>
            <p class="hint">{move || {
                let (n, of) = (shown.with(Vec::len), all.with(Vec::len));
                if n == of { format!("{n} rows. Select a column to sort by it.") } else { format!("{n} of {of} rows: those with errors or warnings.") }
            }}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_puts_missing_values_last_and_filters_rows_with_findings() {
        let row = |id: &str, v: Option<f64>, warnings: usize| Row {
            at: 0,
            id: id.into(),
            name: id.into(),
            values: vec![v],
            errors: 0,
            warnings,
        };
        let rows = vec![
            row("a", Some(2.0), 0),
            row("b", None, 1),
            row("c", Some(5.0), 2),
        ];
        let ids = |rs: Vec<Row>| rs.into_iter().map(|r| r.id).collect::<Vec<_>>();
        let up = Sort {
            column: Some(0),
            descending: false,
        };
        let down = Sort {
            column: Some(0),
            descending: true,
        };
        assert_eq!(ids(sorted(rows.clone(), up, false)), ["a", "c", "b"]);
        assert_eq!(ids(sorted(rows.clone(), down, false)), ["c", "a", "b"]);
        assert_eq!(ids(sorted(rows.clone(), Sort::default(), true)), ["b", "c"]);
        let by_findings = Sort {
            column: Some(FINDINGS),
            descending: true,
        };
        assert_eq!(ids(sorted(rows, by_findings, false)), ["c", "b", "a"]);
    }
}
