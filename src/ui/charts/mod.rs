//! The three charts, drawn with plotters. Each `draw_*` function is generic over
//! the plotters backend: the app draws on a canvas, the tests into SVG. Every
//! chart also has a table equivalent (in `results.rs`), and no series is told
//! apart by colour alone (markers differ, and the legend names each).

pub mod canvas;

use plotters::coord::Shift;
use plotters::prelude::*;

use medv_sizing::report::{Charts, HostReport, Report};

/// Colours for one theme.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub background: RGBColor,
    pub foreground: RGBColor,
    pub grid: RGBColor,
    pub series: [RGBColor; 6],
}

pub const LIGHT: Palette = Palette {
    background: RGBColor(255, 255, 255),
    foreground: RGBColor(31, 35, 40),
    grid: RGBColor(225, 228, 232),
    series: [
        RGBColor(9, 105, 218),
        RGBColor(188, 76, 0),
        RGBColor(26, 127, 55),
        RGBColor(130, 80, 223),
        RGBColor(207, 34, 46),
        RGBColor(10, 126, 140),
    ],
};

pub const DARK: Palette = Palette {
    background: RGBColor(22, 27, 34),
    foreground: RGBColor(230, 237, 243),
    grid: RGBColor(48, 54, 61),
    series: [
        RGBColor(88, 166, 255),
        RGBColor(255, 166, 87),
        RGBColor(86, 211, 100),
        RGBColor(188, 140, 255),
        RGBColor(255, 123, 114),
        RGBColor(57, 197, 207),
    ],
};

/// Which chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    DatabaseByRetention,
    IopsByHost,
    BacklogByOutage,
}

impl ChartKind {
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::DatabaseByRetention => "Database size by retention, per SQL Server host",
            ChartKind::IopsByHost => "IOPS per SQL Server host",
            ChartKind::BacklogByOutage => "Client backlog by outage length, per instance",
        }
    }
}

type DrawResult = Result<(), String>;

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

/// Picks a binary unit for values up to `max_bytes`.
pub fn byte_unit(max_bytes: f64) -> (f64, &'static str) {
    const K: f64 = 1024.0;
    if max_bytes >= K * K * K {
        (K * K * K, "GB")
    } else if max_bytes >= K * K {
        (K * K, "MB")
    } else if max_bytes >= K {
        (K, "KB")
    } else {
        (1.0, "B")
    }
}

/// Draws a chart (what `Drawn::of` took from the report) on `root`. `px` is
/// the device-pixel ratio: sizes scale with it so the chart is sharp and legible on HiDPI screens.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    drawn: &Drawn,
    pal: &Palette,
    px: f64,
) -> DrawResult {
    root.fill(&pal.background).map_err(err)?;
    match drawn.kind {
        ChartKind::DatabaseByRetention => retention(root, drawn, pal, px),
        ChartKind::IopsByHost => iops(root, drawn, pal, px),
        ChartKind::BacklogByOutage => backlog(root, drawn, pal, px),
    }?;
    root.present().map_err(err)
}

/// What a chart draws, taken from the report, and nothing else: the page draws
/// a chart again only when this changes, so an edit to a name or a figure the
/// chart does not show leaves it as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    kind: ChartKind,
    /// Each series' name, in their order: the hosts' for the retention and
    /// IOPS charts, the instances' for the backlog.
    names: Vec<String>,
    /// The retention or backlog series (the other kind's are empty).
    series: Charts,
    /// Each host's IOPS in stacked parts (`iops_parts`), for the IOPS chart.
    iops: Vec<[f64; 4]>,
}

impl Drawn {
    /// Each series' name, in their order (the chart's legend; its data table's first column).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The retention or backlog series drawn (the other kind's are empty).
    pub fn series(&self) -> &Charts {
        &self.series
    }

    pub fn of(kind: ChartKind, report: &Report) -> Self {
        // A series' name: its host's or instance's, else its id.
        let named = |name: Option<&String>, id: &String| name.unwrap_or(id).clone();
        let mut series = Charts::default();
        let (names, iops) = match kind {
            ChartKind::DatabaseByRetention => {
                series.database_by_retention = report.charts.database_by_retention.clone();
                let names = series.database_by_retention.iter();
                let names =
                    names.map(|s| named(report.host(&s.host_id).map(|h| &h.name), &s.host_id));
                (names.collect(), Vec::new())
            }
            ChartKind::IopsByHost => iops_by_host(report).unzip(),
            ChartKind::BacklogByOutage => {
                series.backlog_by_outage = report.charts.backlog_by_outage.clone();
                let names = series.backlog_by_outage.iter();
                let names = names.map(|s| {
                    named(
                        report.instance(&s.instance_id).map(|i| &i.name),
                        &s.instance_id,
                    )
                });
                (names.collect(), Vec::new())
            }
        };
        Drawn {
            kind,
            names,
            series,
            iops,
        }
    }
}

/// The plotting area and axes every chart shares: margins, label areas, grid and
/// label styles. `bars` hides the x grid and labels (the bars are labelled instead).
#[allow(clippy::too_many_arguments)]
fn frame<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
    x_desc: impl Into<String>,
    y_desc: impl Into<String>,
    bars: bool,
    pal: &Palette,
    px: f64,
) -> Result<
    ChartContext<
        'a,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    String,
> {
    let mut chart = ChartBuilder::on(root)
        .margin((12.0 * px) as i32)
        .x_label_area_size((40.0 * px) as i32)
        .y_label_area_size((60.0 * px) as i32)
        .build_cartesian_2d(x, y)
        .map_err(err)?;
    // The plot's width in CSS pixels, within the margins and the y labels.
    let plot = f64::from(chart.plotting_area().dim_in_pixel().0) / px;
    let mut mesh = chart.configure_mesh();
    if bars {
        mesh.disable_x_mesh().x_labels(0);
    } else {
        // As many x labels as fit side by side: one per 50 CSS pixels of plot, 3 to 10.
        mesh.x_labels(((plot / 50.0).floor().max(0.0) as usize).clamp(3, 10));
    }
    mesh.x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .label_style(font(px, 11.0, pal))
        .axis_desc_style(font(px, 12.0, pal))
        .bold_line_style(pal.grid)
        .light_line_style(pal.background)
        .axis_style(pal.foreground)
        .draw()
        .map_err(err)?;
    Ok(chart)
}

/// A tick's label, as short as its value allows ("20", "2.5", "0.002", not
/// "20.0"), rounded to a millionth so that sums such as 0.1 + 0.2 print as
/// written.
fn tick(v: &f64) -> String {
    let r = (v * 1e6).round() / 1e6;
    if r == 0.0 {
        "0".to_string()
    } else {
        format!("{r}")
    }
}

fn font(px: f64, size: f64, pal: &Palette) -> TextStyle<'static> {
    ("sans-serif", size * px).into_font().color(&pal.foreground)
}

fn empty<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    message: &str,
    pal: &Palette,
    px: f64,
) -> DrawResult {
    root.draw(&Text::new(
        message.to_string(),
        ((16.0 * px) as i32, (24.0 * px) as i32),
        font(px, 14.0, pal),
    ))
    .map_err(err)
}

/// A marker shape for series `k`, so series differ by shape as well as colour.
fn marker<DB: DrawingBackend>(
    k: usize,
    at: (f64, f64),
    color: RGBColor,
    px: f64,
) -> DynElement<'static, DB, (f64, f64)> {
    let size = (4.0 * px) as i32;
    let style = color.filled();
    match k % 4 {
        0 => Circle::new(at, size, style).into_dyn(),
        1 => TriangleMarker::new(at, size + 1, style).into_dyn(),
        2 => Cross::new(at, size, color.stroke_width((2.0 * px) as u32)).into_dyn(),
        _ => Rectangle::new(
            [(at.0, at.1), (at.0, at.1)],
            color.stroke_width((6.0 * px) as u32),
        )
        .into_dyn(),
    }
}

fn retention<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    drawn: &Drawn,
    pal: &Palette,
    px: f64,
) -> DrawResult {
    let series = &drawn.series.database_by_retention;
    if series.is_empty() {
        return empty(
            root,
            "No SQL Server host has figures to chart yet.",
            pal,
            px,
        );
    }
    let max_days = series
        .iter()
        .filter_map(|s| s.points.last())
        .map(|p| p.days)
        .fold(1.0, f64::max);
    let max_bytes = series
        .iter()
        .flat_map(|s| &s.points)
        .map(|p| p.bytes.max(p.high_bytes))
        .fold(0.0, f64::max);
    let (div, unit) = byte_unit(max_bytes);
    let max_y = (max_bytes / div * 1.1).max(1.0);
    let (top, plot) = legend_split(root, &drawn.names, px);
    let mut chart = frame(
        &plot,
        0.0..max_days,
        0.0..max_y,
        "Retention (days)",
        format!("Sized database ({unit})"),
        false,
        pal,
        px,
    )?;
    let mut items = Vec::new();
    for (k, s) in series.iter().enumerate() {
        let color = pal.series[k % pal.series.len()];
        // The documented 15–20 events per client per day, as a band.
        let mut band: Vec<(f64, f64)> = s
            .points
            .iter()
            .map(|p| (p.days, p.high_bytes / div))
            .collect();
        band.extend(s.points.iter().rev().map(|p| (p.days, p.low_bytes / div)));
        chart
            .draw_series(std::iter::once(Polygon::new(
                band,
                color.mix(0.15).filled(),
            )))
            .map_err(err)?;
        items.push((drawn.names[k].clone(), color, Swatch::Marker(k)));
        chart
            .draw_series(LineSeries::new(
                s.points.iter().map(|p| (p.days, p.bytes / div)),
                color.stroke_width((2.0 * px) as u32),
            ))
            .map_err(err)?;
        chart
            .draw_series(
                s.points
                    .iter()
                    .step_by(4)
                    .map(|p| marker::<DB>(k, (p.days, p.bytes / div), color, px)),
            )
            .map_err(err)?;
        // The chosen retention.
        chart
            .draw_series(DashedLineSeries::new(
                vec![(s.retention_days, 0.0), (s.retention_days, max_y)],
                6.0 * px,
                4.0 * px,
                color.stroke_width(px.max(1.0) as u32),
            ))
            .map_err(err)?;
    }
    legend(&top, &items, pal, px)
}

/// How a legend entry shows its series.
#[derive(Debug, Clone, Copy)]
enum Swatch {
    /// A line with the series' marker shape.
    Marker(usize),
    /// A filled block (stacked bars).
    Block,
}

/// Where the legend's entries go: a strip above the plot, entries flowing in
/// columns, so the legend never covers data or the marked lines. At most
/// [`LEGEND_ROWS`] rows; further entries are summed up ("and 12 more").
struct LegendLayout {
    columns: usize,
    rows: usize,
    column_width: i32,
    line: i32,
    height: u32,
}

const LEGEND_ROWS: usize = 4;

fn legend_layout(labels: usize, longest: usize, width: u32, px: f64) -> LegendLayout {
    let line = (18.0 * px) as i32;
    let column_width = ((longest.min(40) as f64 * 6.5 + 44.0) * px) as i32;
    let usable = (width as i32 - (2.0 * 12.0 * px) as i32).max(column_width);
    let columns = (usable / column_width.max(1)).max(1) as usize;
    let rows = labels.div_ceil(columns).min(LEGEND_ROWS);
    LegendLayout {
        columns,
        rows,
        column_width,
        line,
        height: (line * rows as i32 + (12.0 * px) as i32).max(0) as u32,
    }
}

/// Splits `root` into the legend's strip and the plot below it.
fn legend_split<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: &[String],
    px: f64,
) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>) {
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let layout = legend_layout(labels.len(), longest, root.dim_in_pixel().0, px);
    root.split_vertically(layout.height)
}

/// Draws the legend in its strip above the plot. Drawn by hand rather than with
/// plotters' series labels, which measure text through a DOM element with an
/// inline style that a strict Content-Security-Policy blocks.
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: &[(String, RGBColor, Swatch)],
    pal: &Palette,
    px: f64,
) -> DrawResult {
    let longest = items
        .iter()
        .map(|(t, _, _)| t.chars().count())
        .max()
        .unwrap_or(0);
    let layout = legend_layout(items.len(), longest, area.dim_in_pixel().0, px);
    let room = layout.columns * layout.rows;
    // When every entry does not fit, the last place says how many more there are.
    let shown = if items.len() > room {
        room.saturating_sub(1)
    } else {
        items.len()
    };
    let place = |k: usize| {
        let (row, col) = (k / layout.columns, k % layout.columns);
        (
            (12.0 * px) as i32 + col as i32 * layout.column_width,
            (14.0 * px) as i32 + row as i32 * layout.line,
        )
    };
    for (k, (text, color, swatch)) in items.iter().take(shown).enumerate() {
        let (x0, y) = place(k);
        match swatch {
            Swatch::Block => area
                .draw(&Rectangle::new(
                    [
                        (x0, y - (6.0 * px) as i32),
                        (x0 + (18.0 * px) as i32, y + (6.0 * px) as i32),
                    ],
                    color.filled(),
                ))
                .map_err(err)?,
            Swatch::Marker(m) => {
                area.draw(&PathElement::new(
                    vec![(x0, y), (x0 + (18.0 * px) as i32, y)],
                    color.stroke_width((2.0 * px) as u32),
                ))
                .map_err(err)?;
                let size = (4.0 * px) as i32;
                let at = (x0 + (9.0 * px) as i32, y);
                match m % 4 {
                    0 => area.draw(&Circle::new(at, size, color.filled())),
                    1 => area.draw(&TriangleMarker::new(at, size + 1, color.filled())),
                    2 => area.draw(&Cross::new(at, size, color.stroke_width((2.0 * px) as u32))),
                    _ => area.draw(&Rectangle::new(
                        [(at.0 - size, at.1 - size), (at.0 + size, at.1 + size)],
                        color.filled(),
                    )),
                }
                .map_err(err)?;
            }
        }
        area.draw(&Text::new(
            truncate(text, 40),
            (x0 + (26.0 * px) as i32, y - (6.0 * px) as i32),
            font(px, 11.0, pal),
        ))
        .map_err(err)?;
    }
    if shown < items.len() {
        let (x0, y) = place(shown);
        area.draw(&Text::new(
            format!("and {} more: see the table", items.len() - shown),
            (x0, y - (6.0 * px) as i32),
            font(px, 11.0, pal),
        ))
        .map_err(err)?;
    }
    Ok(())
}

/// The three stacked parts of a host's IOPS: average writes, burst allowance, reporting.
/// A host's IOPS to plan for, in stacked parts: average writes, the burst
/// allowance, reporting, and what an existing SQL Server instance already serves.
pub fn iops_parts(h: &HostReport) -> Option<[f64; 4]> {
    let w = h.write_iops?;
    let b = h.write_iops_with_burst?;
    let r = h.reporting_iops?;
    Some([w, (b - w).max(0.0), r, h.existing_iops.unwrap_or(0.0)])
}

/// Each SQL Server host that serves instances and has IOPS figures: its name
/// and its IOPS in stacked parts (the IOPS chart and its data table).
pub fn iops_by_host(report: &Report) -> impl Iterator<Item = (String, [f64; 4])> + '_ {
    report
        .sql_hosts
        .iter()
        .filter(|h| !h.instances.is_empty())
        .filter_map(|h| iops_parts(h).map(|p| (h.name.clone(), p)))
}

fn iops<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    drawn: &Drawn,
    pal: &Palette,
    px: f64,
) -> DrawResult {
    let hosts: Vec<(&String, &[f64; 4])> = drawn.names.iter().zip(&drawn.iops).collect();
    if hosts.is_empty() {
        return empty(root, "No SQL Server host has IOPS to chart yet.", pal, px);
    }
    let max = hosts
        .iter()
        .map(|(_, p)| p.iter().sum::<f64>())
        .fold(0.0, f64::max);
    // Headroom above the tallest bar for its total.
    let max_y = if max > 0.0 { max * 1.15 } else { 1.0 };
    let n = hosts.len() as f64;
    let existing = hosts.iter().any(|(_, p)| p[3] > 0.0);
    let parts = if existing { 4 } else { 3 };
    let names = [
        "Average writes",
        "Burst allowance",
        "Reporting",
        "Existing load",
    ];
    let labels: Vec<String> = names
        .iter()
        .take(parts)
        .enumerate()
        .map(|(k, name)| format!("{name} (part {} from the bottom)", k + 1))
        .collect();
    let (top, plot) = legend_split(root, &labels, px);
    let mut chart = frame(
        &plot,
        0.0..n,
        0.0..max_y,
        // The legend says which part of a bar is which: a longer description would
        // run off a phone's narrow chart.
        "SQL Server host",
        "IOPS",
        true,
        pal,
        px,
    )?;
    let mut items = Vec::new();
    // The existing-load part is drawn and listed only when a host has one.
    for (part, label) in labels.iter().enumerate() {
        let color = pal.series[part];
        items.push((label.clone(), color, Swatch::Block));
        chart
            .draw_series(hosts.iter().enumerate().map(|(k, (_, p))| {
                let base: f64 = p[..part].iter().sum();
                let x = k as f64;
                Rectangle::new([(x + 0.2, base), (x + 0.8, base + p[part])], color.filled())
            }))
            .map_err(err)?;
    }
    for (k, (name, p)) in hosts.iter().enumerate() {
        let total: f64 = p.iter().sum();
        // The host's name under its bar, its total above it.
        let (x, y) = chart.backend_coord(&(k as f64 + 0.2, 0.0));
        root.draw(&Text::new(
            truncate(name, 28),
            (x, y + (6.0 * px) as i32),
            font(px, 11.0, pal),
        ))
        .map_err(err)?;
        let (x, y) = chart.backend_coord(&(k as f64 + 0.2, total));
        root.draw(&Text::new(
            format!("{total:.2}"),
            (x, y - (16.0 * px) as i32),
            font(px, 11.0, pal),
        ))
        .map_err(err)?;
    }
    legend(&top, &items, pal, px)
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

fn backlog<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    drawn: &Drawn,
    pal: &Palette,
    px: f64,
) -> DrawResult {
    let series = &drawn.series.backlog_by_outage;
    if series.is_empty() {
        return empty(root, "No instance has figures to chart yet.", pal, px);
    }
    let max_h = series
        .iter()
        .filter_map(|s| s.points.last())
        .map(|p| p.hours)
        .fold(1.0, f64::max);
    let max_bytes = series
        .iter()
        .flat_map(|s| &s.points)
        .map(|p| p.bytes)
        .fold(0.0, f64::max);
    let (div, unit) = byte_unit(max_bytes);
    let max_y = (max_bytes / div * 1.1).max(1.0);
    let (top, plot) = legend_split(root, &drawn.names, px);
    let mut chart = frame(
        &plot,
        0.0..max_h,
        0.0..max_y,
        "MED-V server outage (hours)",
        format!("Events queued on clients ({unit})"),
        false,
        pal,
        px,
    )?;
    let mut items = Vec::new();
    for (k, s) in series.iter().enumerate() {
        let color = pal.series[k % pal.series.len()];
        items.push((drawn.names[k].clone(), color, Swatch::Marker(k)));
        chart
            .draw_series(LineSeries::new(
                s.points.iter().map(|p| (p.hours, p.bytes / div)),
                color.stroke_width((2.0 * px) as u32),
            ))
            .map_err(err)?;
        chart
            .draw_series(
                s.points
                    .iter()
                    .step_by(4)
                    .map(|p| marker::<DB>(k, (p.hours, p.bytes / div), color, px)),
            )
            .map_err(err)?;
        // The tolerated outage: users of a restricted workspace are locked out beyond it.
        if let Some(t) = s.tolerated_outage_worst_case_hours.filter(|t| *t <= max_h) {
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(t, 0.0), (t, max_y)],
                    6.0 * px,
                    4.0 * px,
                    color.stroke_width((2.0 * px) as u32),
                ))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(marker::<DB>(
                    k,
                    (t, max_y * 0.95),
                    color,
                    px,
                )))
                .map_err(err)?;
        }
    }
    legend(&top, &items, pal, px)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use medv_sizing::{analyze, worked_example, Plan};
    use plotters_svg::SVGBackend;

    fn svg(kind: ChartKind, report: &Report) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (800, 400)).into_drawing_area();
            draw(&root, &Drawn::of(kind, report), &LIGHT, 1.0).unwrap();
        }
        out
    }

    /// A chart is drawn again only when what it shows changes: a name it does
    /// not show leaves it equal; a name it shows and a figure change it.
    #[test]
    fn a_chart_changes_only_with_what_it_shows() {
        let base = worked_example();
        let of = |kind, plan: &Plan| Drawn::of(kind, &analyze(plan));
        let mut instance_renamed = base.clone();
        instance_renamed.instances[0].name = "Headquarters East".into();
        let mut host_renamed = base.clone();
        host_renamed.sql_hosts[0].name = "SQL host A (primary)".into();
        let mut more_clients = base.clone();
        more_clients.instances[0].active_clients = 4000.0;
        let retention = ChartKind::DatabaseByRetention;
        let iops = ChartKind::IopsByHost;
        let backlog = ChartKind::BacklogByOutage;
        assert_eq!(of(retention, &instance_renamed), of(retention, &base));
        assert_eq!(of(iops, &instance_renamed), of(iops, &base));
        assert_ne!(of(backlog, &instance_renamed), of(backlog, &base));
        assert_ne!(of(retention, &host_renamed), of(retention, &base));
        assert_ne!(of(iops, &host_renamed), of(iops, &base));
        assert_eq!(of(backlog, &host_renamed), of(backlog, &base));
        for kind in [retention, iops, backlog] {
            assert_ne!(of(kind, &more_clients), of(kind, &base), "{kind:?}");
        }
        // What the chart shows of a name: the renamed host is in its legend.
        assert!(svg(retention, &analyze(&host_renamed)).contains("SQL host A (primary)"));
    }

    #[test]
    fn retention_chart_names_each_host_and_marks_the_band() {
        let report = analyze(&worked_example());
        let out = svg(ChartKind::DatabaseByRetention, &report);
        assert!(out.starts_with("<svg"));
        assert!(
            out.contains("SQL host A") && out.contains("SQL host B"),
            "legend names the hosts"
        );
        assert!(out.contains("Retention (days)"));
        assert!(out.contains("Sized database (GB)"));
        assert!(out.contains("<polygon"), "the 15–20 events/day band");
    }

    /// The x of each dashed vertical line, by stroke colour: a run of short
    /// vertical segments at one x (a grid line is one long segment).
    fn dashed_verticals(svg: &str) -> Vec<(String, i64)> {
        let mut runs: std::collections::BTreeMap<(String, i64), usize> = Default::default();
        for el in svg.split("<polyline").skip(1) {
            let attr = |name: &str| {
                el.split(&format!("{name}=\""))
                    .nth(1)?
                    .split('"')
                    .next()
                    .map(str::to_string)
            };
            let (Some(stroke), Some(points)) = (attr("stroke"), attr("points")) else {
                continue;
            };
            let xy: Vec<(i64, i64)> = points
                .split_whitespace()
                .filter_map(|p| {
                    let (x, y) = p.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect();
            if let [(x1, y1), (x2, y2)] = xy[..] {
                if x1 == x2 && y1 != y2 && (y1 - y2).abs() < 20 {
                    *runs.entry((stroke, x1)).or_default() += 1;
                }
            }
        }
        runs.into_iter()
            .filter(|(_, n)| *n >= 5)
            .map(|(k, _)| k)
            .collect()
    }

    /// Each host's chosen retention is a dashed vertical line at that retention.
    #[test]
    fn retention_chart_marks_each_hosts_retention() {
        let at_90 = dashed_verticals(&svg(
            ChartKind::DatabaseByRetention,
            &analyze(&worked_example()),
        ));
        assert_eq!(at_90.len(), 2, "one marker per host: {at_90:?}");
        assert_eq!(at_90[0].1, at_90[1].1, "both hosts keep 90 days");
        let mut plan = worked_example();
        let lab = plan.instances.iter_mut().find(|i| i.id == "lab").unwrap();
        lab.overrides
            .set(medv_sizing::Key::RetentionDays, Some(30.0));
        let moved = dashed_verticals(&svg(ChartKind::DatabaseByRetention, &analyze(&plan)));
        assert_eq!(moved.len(), 2, "{moved:?}");
        let xs: Vec<i64> = moved.iter().map(|(_, x)| *x).collect();
        assert!(
            xs.contains(&at_90[0].1) && xs.iter().any(|&x| x < at_90[0].1),
            "host B's marker moves left to 30 days: {moved:?} vs {at_90:?}"
        );
    }

    #[test]
    fn iops_chart_stacks_three_parts_per_host() {
        let report = analyze(&worked_example());
        let out = svg(ChartKind::IopsByHost, &report);
        for label in [
            "Average writes",
            "Burst allowance",
            "Reporting",
            "SQL host A",
        ] {
            assert!(out.contains(label), "{label}");
        }
        // The axis says what a bar is; the legend, which part is which.
        assert!(out.contains("SQL Server host") && !out.contains("bottom to top"));
        // 2 hosts × 3 parts, plus legend swatches and the background.
        assert!(out.matches("<rect").count() >= 6 + 3);
        let a = report.host("A").unwrap();
        let parts = iops_parts(a).unwrap();
        assert!((parts.iter().sum::<f64>() - a.total_iops.unwrap()).abs() < 1e-9);
    }

    #[test]
    fn backlog_chart_names_instances() {
        let report = analyze(&worked_example());
        let out = svg(ChartKind::BacklogByOutage, &report);
        for name in [
            "HQ",
            "Branch",
            "Lab",
            "MED-V server outage (hours)",
            "Events queued on clients (MB)",
        ] {
            assert!(out.contains(name), "{name}");
        }
    }

    #[test]
    fn empty_and_hostile_plans_draw_without_error() {
        let empty = analyze(&Plan::default());
        for kind in [
            ChartKind::DatabaseByRetention,
            ChartKind::IopsByHost,
            ChartKind::BacklogByOutage,
        ] {
            assert!(svg(kind, &empty).contains("yet"));
        }
        let mut plan = worked_example();
        plan.instances[0].name = "<script>alert(1)</script>".into();
        plan.instances[1].active_clients = 0.0;
        let report = analyze(&plan);
        for kind in [
            ChartKind::DatabaseByRetention,
            ChartKind::IopsByHost,
            ChartKind::BacklogByOutage,
        ] {
            let out = svg(kind, &report);
            assert!(!out.contains("<script>"), "SVG text is escaped");
        }
    }

    /// The numeric texts that share one `attr` ("y": the x ticks' baseline; "x":
    /// the y ticks' column), the largest such group.
    fn ticks(svg: &str, attr: &str) -> Vec<String> {
        let mut by: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for el in svg.split("<text").skip(1) {
            let at = el
                .split(&format!(" {attr}=\""))
                .nth(1)
                .and_then(|r| r.split('"').next());
            let text = el.split('>').nth(1).and_then(|r| r.split('<').next());
            if let (Some(at), Some(text)) = (at, text) {
                if text.trim().parse::<f64>().is_ok() {
                    by.entry(at.to_string())
                        .or_default()
                        .push(text.trim().to_string());
                }
            }
        }
        by.into_values().max_by_key(Vec::len).unwrap_or_default()
    }

    /// A chart of tiny values (one client per instance: a hundredth of an IOPS)
    /// labels each y tick apart.
    #[test]
    fn small_values_keep_their_digits() {
        let mut plan = worked_example();
        for i in &mut plan.instances {
            i.active_clients = 1.0;
        }
        let out = svg(ChartKind::IopsByHost, &analyze(&plan));
        let y = ticks(&out, "x");
        assert!(y.len() >= 3, "{y:?}");
        let distinct: std::collections::BTreeSet<_> = y.iter().collect();
        assert_eq!(distinct.len(), y.len(), "{y:?}");
    }

    /// A narrow chart (a phone) labels fewer x ticks than a wide one, so that they
    /// do not run into each other, and no label ends in ".0".
    #[test]
    fn x_labels_fit_the_width() {
        let report = analyze(&worked_example());
        let drawn = Drawn::of(ChartKind::DatabaseByRetention, &report);
        let at = |w: u32, h: u32, px: f64| {
            let mut out = String::new();
            {
                let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
                draw(&root, &drawn, &LIGHT, px).unwrap();
            }
            ticks(&out, "y")
        };
        let wide = at(800, 400, 1.0);
        let phone = at(604, 480, 2.0); // 302 CSS pixels at twice the density
        assert!(wide.len() > 5, "{wide:?}");
        assert!((3..=5).contains(&phone.len()), "{phone:?}");
        for label in wide.iter().chain(&phone) {
            assert!(!label.ends_with(".0"), "{label}");
        }
        assert_eq!(tick(&20.0), "20");
        assert_eq!(tick(&2.5), "2.5");
        assert_eq!(tick(&0.6000000000000001), "0.6");
        assert_eq!(tick(&0.002), "0.002", "a small range keeps its digits");
        assert_eq!(tick(&-0.0000001), "0");
        assert_eq!(tick(&1_500_000.0), "1500000");
    }

    #[test]
    fn units_follow_the_size() {
        assert_eq!(byte_unit(500.0).1, "B");
        assert_eq!(byte_unit(2048.0).1, "KB");
        assert_eq!(byte_unit(5.0 * 1024.0 * 1024.0).1, "MB");
        assert_eq!(byte_unit(3.0 * 1024.0 * 1024.0 * 1024.0).1, "GB");
    }
}
