//! Measures `analyze` (and the renderers) on 1-, 50- and 1,000-instance plans;
//! with `-- growth`, how `analyze` grows from 1,000 to 40,000 instances for each
//! kind of database placement (far past the plan format's limit of 500, to show
//! the growth is linear). Run with `cargo bench -p medv-sizing [-- growth]`;
//! scripts/bench.sh writes both tables to docs/benchmarks.md. Not a test:
//! nothing here fails on a slow machine.

use std::hint::black_box;
use std::time::{Duration, Instant};

use medv_sizing::plan::{Instance, Plan, SqlHost, Workspace};
use medv_sizing::{analyze, render, worked_example};

fn plan_with(instances: usize) -> Plan {
    let mut plan = worked_example();
    plan.instances.clear();
    plan.sql_hosts.clear();
    for h in 0..instances.div_ceil(10) {
        plan.sql_hosts.push(SqlHost::new(format!("sql{h}")));
    }
    for k in 0..instances {
        let mut i = Instance::new(format!("i{k}"), 500.0 + (k % 40) as f64 * 100.0);
        i.name = format!("Instance {k}");
        i.workspaces = (0..3)
            .map(|w| Workspace {
                name: format!("ws {k}.{w}"),
                count: 2.0,
                ..Workspace::default()
            })
            .collect();
        i.sql_host = (k % 7 != 0).then(|| format!("sql{}", k / 10));
        i.consoles.push(Default::default());
        plan.instances.push(i);
    }
    plan
}

/// Median time per call over enough iterations to fill about `budget`.
fn median(budget: Duration, f: impl FnMut()) -> Duration {
    median_of(31, budget, f)
}

/// Median of `n` samples, each enough iterations to fill about `budget / n`.
fn median_of(n: u32, budget: Duration, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    f();
    let once = start.elapsed().max(Duration::from_nanos(100));
    let per_sample = ((budget.as_nanos() / u128::from(n) / once.as_nanos()).max(1)) as u32;
    let mut samples: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..per_sample {
                f();
            }
            t.elapsed() / per_sample
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

/// Where each instance's database is.
#[derive(Clone, Copy)]
enum Placement {
    /// On its own MED-V server (no SQL Server host).
    OwnServer,
    /// One SQL Server host for every instance.
    OneSharedHost,
    /// A SQL Server host of its own each.
    HostEach,
}

impl Placement {
    fn label(self) -> &'static str {
        match self {
            Placement::OwnServer => "on its own MED-V server",
            Placement::OneSharedHost => "all on one shared SQL Server host",
            Placement::HostEach => "a SQL Server host each",
        }
    }
}

fn placed(instances: usize, placement: Placement) -> Plan {
    let mut plan = plan_with(instances);
    plan.sql_hosts.clear();
    for (k, i) in plan.instances.iter_mut().enumerate() {
        i.sql_host = match placement {
            Placement::OwnServer => None,
            Placement::OneSharedHost => Some("shared".into()),
            Placement::HostEach => Some(format!("sql{k}")),
        };
    }
    match placement {
        Placement::OwnServer => {}
        Placement::OneSharedHost => plan.sql_hosts.push(SqlHost::new("shared")),
        Placement::HostEach => {
            plan.sql_hosts = (0..instances)
                .map(|k| SqlHost::new(format!("sql{k}")))
                .collect()
        }
    }
    plan
}

/// The growth table: analyze on 1k, 10k and 40k instances, per placement.
fn growth() {
    println!("| databases | 1,000 instances | 10,000 instances | 40,000 instances | per instance at 1k / 10k / 40k |");
    println!("|---|---:|---:|---:|---|");
    for placement in [
        Placement::OwnServer,
        Placement::OneSharedHost,
        Placement::HostEach,
    ] {
        let times: Vec<Duration> = [1_000usize, 10_000, 40_000]
            .iter()
            .map(|&n| {
                let plan = placed(n, placement);
                median_of(7, Duration::from_millis(1_500), || {
                    black_box(analyze(black_box(&plan)));
                })
            })
            .collect();
        let per: Vec<String> = times
            .iter()
            .zip([1_000.0, 10_000.0, 40_000.0])
            .map(|(t, n)| format!("{:.1} µs", t.as_secs_f64() * 1e6 / n))
            .collect();
        println!(
            "| {} | {:.0} ms | {:.0} ms | {:.0} ms | {} |",
            placement.label(),
            times[0].as_secs_f64() * 1e3,
            times[1].as_secs_f64() * 1e3,
            times[2].as_secs_f64() * 1e3,
            per.join(" / ")
        );
    }
}

fn main() {
    if std::env::args().any(|a| a == "growth") {
        growth();
        return;
    }
    println!("| plan | analyze (median) | per instance | Markdown | CSV |");
    println!("|---|---|---|---|---|");
    for n in [1usize, 50, 1_000] {
        let plan = if n == 1 {
            let mut p = worked_example();
            p.instances.truncate(1);
            p
        } else {
            plan_with(n)
        };
        let a = median(Duration::from_millis(600), || {
            black_box(analyze(black_box(&plan)));
        });
        let report = analyze(&plan);
        let md = median(Duration::from_millis(300), || {
            black_box(render::markdown(&plan, &report));
        });
        let csv = median(Duration::from_millis(300), || {
            black_box(render::csv(&report));
        });
        println!(
            "| {n} instance(s) | {:.1} µs | {:.2} µs | {:.1} µs | {:.1} µs |",
            a.as_secs_f64() * 1e6,
            a.as_secs_f64() * 1e6 / n as f64,
            md.as_secs_f64() * 1e6,
            csv.as_secs_f64() * 1e6
        );
    }
}
