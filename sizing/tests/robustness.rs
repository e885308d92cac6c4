//! Hostile plans: nothing panics, every figure is finite or `None`.
#![allow(clippy::field_reassign_with_default)]

use medv_sizing::fields::{
    Access, ConsoleField, FieldDef, HostField, InstanceField, PlanField, SiteField, SiteLinkField,
    VmField, WorkspaceField,
};
use medv_sizing::plan::*;
use medv_sizing::report::Report;
use medv_sizing::{analyze, figures, parse_plan, render, Key};
use proptest::prelude::*;

fn hostile_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        Just(1e300),
        Just(5_000.0),
        Just(5_001.0),
        -10.0..100.0f64,
        0.0..20_000.0f64,
        (0u32..10_000).prop_map(f64::from),
    ]
}

/// Draws from pools of hostile numbers, names and choices.
struct Draw<'a> {
    nums: &'a [f64],
    picks: &'a [u8],
    n: usize,
    p: usize,
}

impl Draw<'_> {
    fn num(&mut self) -> f64 {
        self.n += 1;
        self.nums[self.n % self.nums.len()]
    }
    fn pick(&mut self, k: usize) -> usize {
        self.p += 1;
        self.picks[self.p % self.picks.len()] as usize % k
    }
    fn maybe(&mut self) -> Option<f64> {
        (self.pick(3) == 0).then(|| self.num())
    }
    fn id(&mut self) -> String {
        ["a", "b", "c", "", "a b", "x.local", "<b>", "a"][self.pick(8)].to_string()
    }
    fn name(&mut self) -> String {
        [
            "",
            "HQ",
            "hq",
            "<script>alert(1)</script>",
            "=cmd|' /C calc'!A0",
            "a\u{202E}b",
            "[x](javascript:alert(1))",
            "Ünïcødé 🚀",
            "**bold** `code` | a | b |",
            "# heading\n- item",
            "see http://evil.example, www.evil.example or me@evil.example",
        ][self.pick(11)]
        .to_string()
    }
}

/// Fills every field of `row` from the catalog: numbers hostile, choices and
/// flags drawn, texts from the hostile names.
fn fill<T: 'static>(d: &mut Draw, row: &mut T, defs: impl Iterator<Item = &'static FieldDef<T>>) {
    for def in defs {
        match &def.access {
            Access::Number { set, optional, .. } => {
                let v = if *optional { d.maybe() } else { Some(d.num()) };
                set(row, v);
            }
            Access::Choice { set, options, .. } => {
                let all = options();
                let pick = d.pick(all.len());
                set(row, &all[pick].0);
            }
            Access::Text { set, .. } => set(row, d.name()),
            Access::Flag { set, .. } => set(row, d.pick(2) == 0),
            Access::Reference { set, .. } => {
                let id = (d.pick(3) > 0).then(|| d.id());
                set(row, id)
            }
            Access::Id { .. } | Access::List => {}
        }
    }
}

fn build(nums: &[f64], picks: &[u8]) -> Plan {
    let mut d = Draw {
        nums,
        picks,
        n: 0,
        p: 0,
    };
    let mut plan = Plan::default();
    fill(&mut d, &mut plan, PlanField::ALL.iter().map(|f| f.def()));
    for &k in Key::ALL {
        if d.pick(2) == 0 {
            plan.assumptions.set(k, d.num());
        }
    }
    for _ in 0..d.pick(3) {
        let mut site = Site::new(d.id());
        fill(&mut d, &mut site, SiteField::ALL.iter().map(|f| f.def()));
        plan.sites.push(site);
    }
    for _ in 0..d.pick(3) {
        let mut link = SiteLink::default();
        fill(
            &mut d,
            &mut link,
            SiteLinkField::ALL.iter().map(|f| f.def()),
        );
        plan.site_links.push(link);
    }
    for _ in 0..d.pick(4) {
        let mut h = SqlHost::new(d.id());
        fill(&mut d, &mut h, HostField::ALL.iter().map(|f| f.def()));
        plan.sql_hosts.push(h);
    }
    for _ in 0..d.pick(5) {
        let mut i = Instance::new(d.id(), d.num());
        fill(&mut d, &mut i, InstanceField::ALL.iter().map(|f| f.def()));
        for _ in 0..d.pick(4) {
            let mut w = Workspace::default();
            fill(&mut d, &mut w, WorkspaceField::ALL.iter().map(|f| f.def()));
            i.workspaces.push(w);
        }
        for _ in 0..d.pick(2) {
            let mut v = Vm::default();
            fill(&mut d, &mut v, VmField::ALL.iter().map(|f| f.def()));
            i.vms.push(v);
        }
        for _ in 0..d.pick(3) {
            let mut c = Console::default();
            fill(&mut d, &mut c, ConsoleField::ALL.iter().map(|f| f.def()));
            i.consoles.push(c);
        }
        for &k in Key::ALL {
            if d.pick(4) == 0 {
                i.overrides.set(k, Some(d.num()));
            }
        }
        plan.instances.push(i);
    }
    plan
}

/// The records of a CSV text, each a list of unquoted cells (quoted cells may
/// hold commas, quotes and line breaks).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => record.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            ('\r', false) => {}
            (c, _) => cell.push(c),
        }
    }
    if !cell.is_empty() || !record.is_empty() {
        record.push(cell);
        records.push(record);
    }
    records
}

fn assert_finite(report: &Report) {
    let ok = |v: Option<f64>| v.is_none_or(f64::is_finite);
    for i in &report.instances {
        for f in figures::INSTANCE {
            let v = (f.get)(i);
            assert!(ok(v), "non-finite {} in {}: {v:?}", f.key, i.id);
        }
        let ff = &i.server_form_factor;
        for v in [i.reads_per_report, ff.sql_database_bytes, ff.sql_total_iops] {
            assert!(ok(v), "non-finite figure in {}: {v:?}", i.id);
        }
    }
    for h in &report.sql_hosts {
        for f in figures::HOST {
            let v = (f.get)(h);
            assert!(ok(v), "non-finite {} in host {}: {v:?}", f.key, h.id);
        }
    }
    for s in &report.charts.database_by_retention {
        assert!(s.points.iter().all(|p| p.days.is_finite()
            && p.bytes.is_finite()
            && p.low_bytes.is_finite()
            && p.high_bytes.is_finite()));
    }
    for s in &report.charts.backlog_by_outage {
        assert!(s
            .points
            .iter()
            .all(|p| p.hours.is_finite() && p.events.is_finite() && p.bytes.is_finite()));
    }
    assert!(ok(report.instance_count.needed));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4_000, ..ProptestConfig::default() })]

    #[test]
    fn analyze_and_render_never_panic(nums in prop::collection::vec(hostile_number(), 1..64), picks in prop::collection::vec(any::<u8>(), 1..64)) {
        let plan = build(&nums, &picks);
        let report = analyze(&plan);
        assert_finite(&report);
        let md = render::markdown(&plan, &report);
        // Plan text is text in the document: no HTML, link, emphasis, code,
        // table cell, heading or invisible character comes through as written.
        for raw in ["<script", "[x](javascript", "**bold**", "`code`", "`code` | a | b |", "\n# heading", "\u{202E}", "http://evil", "www.evil", "me@evil"] {
            prop_assert!(!md.contains(raw), "{raw:?} reached the document: {:?}", md.lines().find(|l| l.contains(raw)));
        }
        let csv = render::csv(&report);
        for record in csv_records(&csv).iter().skip(1) {
            // The id and name cells never start a formula.
            for cell in record.iter().skip(1).take(2) {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@']), "{record:?}");
            }
        }
        prop_assert!(serde_json::to_string(&report).is_ok());
        // The report is the same every time: analyze is a pure function.
        prop_assert_eq!(analyze(&plan), report.clone());
        // The figures that offer "show the math" are the listed ones.
        prop_assert_eq!(figures::math_as_listed(&report), Ok(()));
        // The quoted names set aside and put back: the same report. Two names
        // typed that are each unique leave the same masked plan.
        let masked = medv_sizing::names::mask(plan.clone());
        let mut back = analyze(&masked.plan);
        masked.names.unmask(&mut back);
        prop_assert_eq!(&back, &report);
        if !plan.instances.is_empty() {
            let renamed = |name: &str| {
                let mut p = plan.clone();
                p.instances[0].name = name.into();
                // NaN is not equal to itself: compare as written out.
                format!("{:?}", medv_sizing::names::mask(p).plan)
            };
            prop_assert_eq!(renamed("Zq first name"), renamed("Zq second name"));
        }
        // Without the math, everything else is the same.
        let mut without = report;
        without.instances.iter_mut().for_each(|x| x.math.clear());
        without.sql_hosts.iter_mut().for_each(|h| h.math.clear());
        prop_assert_eq!(medv_sizing::analyze_figures(&plan), without);
    }

    #[test]
    fn any_two_plans_compare_without_panic_or_markup(nums in prop::collection::vec(hostile_number(), 2..64), picks in prop::collection::vec(any::<u8>(), 2..64)) {
        let (na, nb) = nums.split_at(nums.len() / 2);
        let (pa, pb) = picks.split_at(picks.len() / 2);
        let (a, b) = (build(na, pa), build(nb, pb));
        let (ra, rb) = (analyze(&a), analyze(&b));
        let c = medv_sizing::compare::compare(&a, &ra, &b, &rb);
        for f in &c.figures {
            prop_assert!(f.delta.is_none_or(f64::is_finite) && f.percent.is_none_or(f64::is_finite), "{f:?}");
        }
        let md = medv_sizing::compare::markdown(&c);
        for raw in ["<script", "[x](javascript", "**bold**", "`code`", "`code` | a | b |", "\n# heading", "\u{202E}", "http://evil"] {
            prop_assert!(!md.contains(raw), "{raw:?} reached the comparison: {:?}", md.lines().find(|l| l.contains(raw)));
        }
        prop_assert!(serde_json::to_string(&c).is_ok());
        let same = medv_sizing::compare::compare(&a, &ra, &a, &ra);
        prop_assert!(same.inputs.is_empty(), "{:?}", same.inputs);
        prop_assert!(same.changed_figures().count() == 0, "{:?}", same.changed_figures().collect::<Vec<_>>());
    }

    #[test]
    fn any_text_is_parsed_or_refused_without_panic(text in ".{0,400}") {
        let _ = parse_plan(&text);
    }

    #[test]
    fn mangled_plans_are_refused_or_analyzed(cut in 0usize..2_000, byte in any::<u8>()) {
        let mut text = medv_sizing::WORKED_EXAMPLE_JSON.as_bytes().to_vec();
        let at = cut % text.len();
        text[at] = byte;
        if let Ok(text) = String::from_utf8(text) {
            if let Ok(plan) = parse_plan(&text) {
                assert_finite(&analyze(&plan));
            }
        }
    }
}

#[test]
fn a_thousand_instances_is_fine() {
    let mut plan = Plan::default();
    for k in 0..1_000 {
        let mut i = Instance::new(format!("i{k}"), 4_000.0);
        i.sql_host = Some("shared".into());
        plan.instances.push(i);
    }
    plan.sql_hosts.push(SqlHost::new("shared"));
    let report = analyze(&plan);
    assert_eq!(report.host("shared").unwrap().instances.len(), 1_000);
    assert_finite(&report);
}
