//! Share links: round trips, budgets, the forms links arrive in, damage, and
//! the golden corpus every later version must keep opening.

mod common;

use medv_sizing::link::{
    decode, encode, find_payload, link, LinkError, LinkOptions, MAX_DECODED_BYTES,
};
use medv_sizing::plan::*;
use medv_sizing::{parse_plan, worked_example};
use proptest::prelude::*;

const BASE: &str = "https://intranet.example/tools/medv-planner/";

fn golden(name: &str) -> Plan {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    parse_plan(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// What a version-1 link made without names carried: every free text emptied,
/// the sites of servers and consoles (free text in format v1) too.
fn without_names_v1(mut p: Plan) -> Plan {
    p = without_names(p);
    p.sites.clear();
    for i in &mut p.instances {
        i.server.site.clear();
        for c in &mut i.consoles {
            c.site.clear();
        }
    }
    p
}

/// What a link made without names carries: every free text emptied; ids,
/// site references among them, stay.
fn without_names(mut p: Plan) -> Plan {
    let site_ids = !p.sites.is_empty();
    p.name.clear();
    p.notes.clear();
    for s in &mut p.sites {
        s.name.clear();
    }
    for i in &mut p.instances {
        if !site_ids {
            i.server.site.clear();
            for c in &mut i.consoles {
                c.site.clear();
            }
        }
        for v in &mut i.vms {
            v.name.clear();
        }
    }
    for h in &mut p.sql_hosts {
        h.name.clear();
    }
    for i in &mut p.instances {
        i.name.clear();
        for w in &mut i.workspaces {
            w.name.clear();
        }
        for c in &mut i.consoles {
            c.name.clear();
        }
    }
    p
}

#[test]
fn golden_links_still_open_to_the_same_plans() {
    let corpus = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/links-v1.tsv"
    ))
    .unwrap();
    let mut n = 0;
    for line in corpus
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let [file, mode, url] = cols[..] else {
            panic!("bad corpus line {line}")
        };
        let expected = match mode {
            "names" => golden(file),
            "without-names" => without_names_v1(golden(file)),
            other => panic!("unknown mode {other}"),
        };
        assert_eq!(
            decode(url).unwrap_or_else(|e| panic!("{file} {mode}: {e}")),
            expected,
            "{file} {mode}"
        );
        n += 1;
    }
    assert!(n >= 8);
}

#[test]
fn plans_round_trip_through_links() {
    for plan in [
        worked_example(),
        golden("regional-rollout.json"),
        golden("kitchen-sink.json"),
        common::clean_plan(),
        Plan::default(),
    ] {
        assert_eq!(
            decode(&link(BASE, &plan, LinkOptions::default())).unwrap(),
            plan
        );
        let private = decode(&link(
            BASE,
            &plan,
            LinkOptions {
                without_names: true,
            },
        ))
        .unwrap();
        assert_eq!(private, without_names(plan.clone()));
    }
}

#[test]
fn links_fit_their_budgets() {
    let fragment = format!("#p={}", encode(&worked_example(), LinkOptions::default()));
    assert!(
        fragment.len() <= 400,
        "worked example fragment is {} characters",
        fragment.len()
    );
    let full = link(
        BASE,
        &golden("twenty-five-sites.json"),
        LinkOptions::default(),
    );
    assert_eq!(golden("twenty-five-sites.json").instances.len(), 25);
    assert!(
        full.len() <= 1_800,
        "25-instance link is {} characters",
        full.len()
    );
}

#[test]
fn every_form_a_link_arrives_in_opens() {
    let plan = worked_example();
    let value = encode(&plan, LinkOptions::default());
    for text in [
        format!("{BASE}#p={value}"),
        format!("{BASE}%23p={value}"),
        format!("{BASE}?p={value}"),
        format!("{BASE}?utm=x&p={value}"),
        format!("#p={value}"),
        format!("p={value}"),
        value.clone(),
        format!("  {BASE}#p={value}  "),
    ] {
        assert_eq!(decode(&text).unwrap(), plan, "{text}");
    }
    assert_eq!(find_payload("https://x/#p=1.abc&other=2"), Some("1.abc"));
    assert_eq!(decode(BASE), Err(LinkError::NoPlan));
    assert_eq!(decode("https://x/#q=1"), Err(LinkError::NoPlan));
}

#[test]
fn damaged_links_say_so_and_never_open_another_plan() {
    let plan = worked_example();
    let full = link(BASE, &plan, LinkOptions::default());
    // Every truncation fails loudly (the checksum sits at the end).
    let start = full.find("#p=").unwrap() + 3;
    for cut in start..full.len() - 1 {
        match decode(&full[..cut]) {
            Err(LinkError::Damaged(_)) | Err(LinkError::NoPlan) => {}
            other => panic!("truncated at {cut}: {other:?}"),
        }
    }
    let err = decode(&full[..full.len() - 10]).unwrap_err();
    assert!(err.to_string().contains("incomplete or damaged"), "{err}");
    assert!(matches!(
        decode("#p=3.abc"),
        Err(LinkError::NewerVersion(3))
    ));
    assert!(decode("#p=3.abc")
        .unwrap_err()
        .to_string()
        .contains("newer"));
    assert!(matches!(decode("#p=0.abc"), Err(LinkError::Damaged(_))));
    assert!(matches!(decode("#p=x.abc"), Err(LinkError::Damaged(_))));
    assert!(matches!(decode("#p=1."), Err(LinkError::Damaged(_))));
    assert!(matches!(decode("#p=1.!!!"), Err(LinkError::Damaged(_))));
}

#[test]
fn a_small_link_cannot_unpack_into_a_huge_plan() {
    use base64::Engine as _;
    let bomb = format!("[\"{}\"]", " ".repeat(MAX_DECODED_BYTES * 4));
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(bomb.as_bytes(), 10);
    let text = format!(
        "#p=1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    );
    assert!(
        text.len() < 10_000,
        "the bomb link is small: {}",
        text.len()
    );
    assert_eq!(decode(&text), Err(LinkError::TooLarge));
    assert_eq!(decode(&"a".repeat(300_000)), Err(LinkError::TooLarge));
}

#[test]
fn a_valid_payload_with_a_wrong_shape_is_refused() {
    use base64::Engine as _;
    for json in [
        "{}",
        "[1]",
        "[\"n\",\"d\",1,2,3,4,5,6,7,8]",
        "[null,null,null,null,null,null,null,null,[[\"i\"]]]",
        "[null,null,null,null,null,null,{\"nope\":1}]",
    ] {
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 6);
        let text = format!(
            "#p=1.{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
        );
        assert!(
            matches!(decode(&text), Err(LinkError::Damaged(_))),
            "{json}"
        );
    }
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-1e6..1e6f64),
        (0u32..100_000).prop_map(f64::from),
        Just(0.0),
        Just(5_000.0),
        Just(1e300)
    ]
}

prop_compose! {
    fn plan()(name in ".{0,20}", clients in prop::collection::vec(finite(), 0..6), cpu in finite(), ws in 0usize..3, host in any::<bool>(), names in ".{0,8}", opt in prop::option::of(finite())) -> Plan {
        let mut p = Plan { name, total_users: opt, ..Plan::default() };
        if host {
            let mut h = SqlHost::new("h");
            h.link_mbps = opt;
            h.name = names.clone();
            p.sql_hosts.push(h);
        }
        for (k, c) in clients.iter().enumerate() {
            let mut i = Instance::new(format!("i{k}"), *c);
            i.name = names.clone();
            i.server.cpu_ghz = cpu;
            i.standby.recovery_hours = opt;
            i.overrides.retention_days = opt;
            i.sql_host = host.then(|| "h".to_string());
            for w in 0..ws {
                i.workspaces.push(Workspace { name: format!("{names}{w}"), count: *c, ..Workspace::default() });
            }
            i.consoles.push(Console { ram_gb: cpu, ..Console::default() });
            p.instances.push(i);
        }
        p
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn any_plan_round_trips(p in plan()) {
        prop_assert_eq!(decode(&link(BASE, &p, LinkOptions::default())).unwrap(), p);
    }

    #[test]
    fn any_text_decodes_or_is_refused(text in ".{0,300}") {
        let _ = decode(&text);
    }
}

/// A deterministic generator for the fuzz test (no extra dependency).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What a link's payload unpacks to, read independently of the decoder's
/// guards: the text after `p=` with the mail client's line breaks removed,
/// base64url-decoded, inflated as raw deflate without looking at the zlib
/// header or checksum. `None` when that cannot be read at all.
fn unpacked(text: &str) -> Option<(String, Vec<u8>)> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    let joined = medv_sizing::link::join_wrapped_lines(text);
    let (version, data) = find_payload(&joined)?.split_once('.')?;
    let packed = URL_SAFE_NO_PAD.decode(data).ok()?;
    let raw = miniz_oxide::inflate::decompress_to_vec(packed.get(2..)?).ok()?;
    Some((version.to_string(), raw))
}

/// One million corrupted links: none panics, none opens as a plan other than
/// the one it was made from, and a link opens only when it unpacks to exactly
/// the original's text (the checksum leaves nothing else through; a changed
/// byte that unpacks to the same text, such as an unused Huffman code, is
/// harmless). A link wrapped by a mail client (line breaks,
/// with blanks and quote marks around them, raw or percent-encoded) always
/// opens. Run by scripts/test.sh in release mode:
/// `cargo test --release -p medv-sizing --test links -- --ignored`.
#[test]
#[ignore]
fn a_million_corrupted_links() {
    const ALPHABET: &[u8] =
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=.%#?&p \t\r\n>";
    const WRAPS: &[&str] = &[
        "\n", "\r\n", " \r\n", "\n  ", "\n> ", "%0A", "%0D%0A", "\t\n\t",
    ];
    let plans = [
        worked_example(),
        golden("kitchen-sink.json"),
        golden("twenty-five-sites.json"),
    ];
    let originals: Vec<String> = plans
        .iter()
        .map(|p| link(BASE, p, LinkOptions::default()))
        .collect();
    let original_bytes: Vec<_> = originals.iter().map(|l| unpacked(l).unwrap()).collect();
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let (mut refused, mut opened, mut wrapped) = (0u64, 0u64, 0u64);
    for case in 0..1_000_000u64 {
        let which = (case % 3) as usize;
        let mut bytes = originals[which].clone().into_bytes();
        let start = BASE.len() + 5;
        let mut wraps_only = false;
        match rng.below(6) {
            0 => bytes.truncate(start + rng.below(bytes.len() - start)),
            1 => {
                let at = start + rng.below(bytes.len() - start);
                bytes[at] = ALPHABET[rng.below(ALPHABET.len())];
            }
            2 => {
                let at = start + rng.below(bytes.len() - start);
                bytes.remove(at);
            }
            3 => {
                let at = start + rng.below(bytes.len() - start);
                bytes.insert(at, ALPHABET[rng.below(ALPHABET.len())]);
            }
            4 => {
                // Wrapped by a mail client, once or more.
                // Wrapped by a mail client, once or more: between characters
                // of the link, never inside an earlier wrap.
                wraps_only = true;
                let mut cuts: Vec<usize> = (0..1 + rng.below(6))
                    .map(|_| start + rng.below(bytes.len() - start))
                    .collect();
                cuts.sort_unstable_by(|a, b| b.cmp(a));
                for at in cuts {
                    let wrap = WRAPS[rng.below(WRAPS.len())].as_bytes();
                    bytes.splice(at..at, wrap.iter().copied());
                }
            }
            _ => {
                for _ in 0..1 + rng.below(8) {
                    let at = start + rng.below(bytes.len() - start);
                    bytes[at] = ALPHABET[rng.below(ALPHABET.len())];
                }
            }
        }
        let text = String::from_utf8(bytes).unwrap();
        match decode(&text) {
            Ok(p) => {
                assert_eq!(p, plans[which], "case {case} opened another plan: {text:?}");
                assert_eq!(
                    unpacked(&text).as_ref(),
                    Some(&original_bytes[which]),
                    "case {case} opened from a text other than the original's: {text:?}"
                );
                opened += 1;
            }
            Err(_) => {
                assert!(
                    !wraps_only,
                    "case {case}: a wrapped link did not open: {text:?}"
                );
                refused += 1;
            }
        }
        wrapped += u64::from(wraps_only);
    }
    println!("1,000,000 corrupted links: {refused} refused, {opened} opened to their own plan from their own text ({wrapped} of them wrapped over lines)");
    assert!(
        wrapped > 100_000 && opened >= wrapped,
        "{wrapped} wrapped, {opened} opened"
    );
}

/// Any change to the checksum at the end of the stream makes the link damaged.
#[test]
fn a_wrong_checksum_is_damage() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    let value = encode(&worked_example(), LinkOptions::default());
    let (version, payload) = value.split_once('.').unwrap();
    let bytes = URL_SAFE_NO_PAD.decode(payload).unwrap();
    for back in 1..=4 {
        for flip in [1u8, 0x80] {
            let mut bad = bytes.clone();
            let at = bad.len() - back;
            bad[at] ^= flip;
            let text = format!("#p={version}.{}", URL_SAFE_NO_PAD.encode(&bad));
            match decode(&text) {
                Err(LinkError::Damaged(why)) => assert!(why.contains("checksum"), "{why}"),
                other => panic!("checksum byte -{back} ^ {flip}: {other:?}"),
            }
        }
    }
}

/// A link a mail client wrapped opens; a space alone still ends a link.
#[test]
fn a_link_wrapped_over_lines_opens() {
    let plan = worked_example();
    let full = link(BASE, &plan, LinkOptions::default());
    let cut = full.len() - 40;
    for wrap in ["\n", "\r\n", " \r\n ", "\n> ", "%0A", "%0d%0a"] {
        let wrapped = format!("{}{wrap}{}", &full[..cut], &full[cut..]);
        assert_eq!(decode(&wrapped).as_ref(), Ok(&plan), "{wrap:?}");
    }
    let spaced = format!("{} {}", &full[..cut], &full[cut..]);
    assert!(matches!(decode(&spaced), Err(LinkError::Damaged(_))));
    assert_eq!(decode(&format!("{full} thanks")).as_ref(), Ok(&plan));
}

/// A link whose plan is over the format's limits is refused, naming the limit.
#[test]
fn a_link_over_the_limits_is_refused_naming_the_limit() {
    let mut plan = Plan::default();
    for k in 0..=medv_sizing::limits::INSTANCES.max {
        plan.instances.push(Instance::new(format!("i{k}"), 10.0));
    }
    let text = link(BASE, &plan, LinkOptions::default());
    match decode(&text) {
        Err(LinkError::OverLimit(why)) => {
            assert!(
                why.contains("501 MED-V instances") && why.contains("at most 500"),
                "{why}"
            )
        }
        other => panic!("{other:?}"),
    }
    plan.instances.pop();
    assert_eq!(decode(&link(BASE, &plan, LinkOptions::default())), Ok(plan));
}

/// Bytes after the end of the zlib stream make a link damaged, not ignored.
#[test]
fn data_after_the_compressed_plan_is_damage() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    let value = encode(&worked_example(), LinkOptions::default());
    let (version, payload) = value.split_once('.').unwrap();
    let mut bytes = URL_SAFE_NO_PAD.decode(payload).unwrap();
    assert!(decode(&format!("#p={value}")).is_ok());
    bytes.extend_from_slice(b"trailing");
    let tampered = format!("#p={version}.{}", URL_SAFE_NO_PAD.encode(&bytes));
    match decode(&tampered) {
        Err(LinkError::Damaged(why)) => assert!(why.contains("after the end"), "{why}"),
        other => panic!("{other:?}"),
    }
}

/// A record longer than its format defines is refused, not read in part.
#[test]
fn a_record_with_more_fields_than_its_format_is_damage() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    let pack = |json: &str, version: u32| {
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 6);
        format!("#p={version}.{}", URL_SAFE_NO_PAD.encode(packed))
    };
    // A version-2 plan record has 12 fields; a version-1 record 9.
    let twelve = "[\"a\",null,null,null,null,null,null,null,null,null,null,null]";
    assert!(decode(&pack(twelve, 2)).is_ok());
    let thirteen = "[\"a\",null,null,null,null,null,null,null,null,null,null,null,null]";
    assert!(matches!(
        decode(&pack(thirteen, 2)),
        Err(LinkError::Damaged(_))
    ));
    let ten = "[\"a\",null,null,null,null,null,null,null,null,null]";
    assert!(matches!(decode(&pack(ten, 1)), Err(LinkError::Damaged(_))));
    // An instance record: 12 fields in version 2, 10 in version 1.
    let instance = |n: usize| {
        let mut fields = vec!["\"i\"".to_string(), "1".to_string()];
        fields.resize(n, "null".to_string());
        format!(
            "[null,null,null,null,null,null,null,null,[[{}]]]",
            fields.join(",")
        )
    };
    assert!(decode(&pack(&instance(12), 2)).is_ok());
    assert!(matches!(
        decode(&pack(&instance(13), 2)),
        Err(LinkError::Damaged(_))
    ));
    assert!(matches!(
        decode(&pack(&instance(11), 1)),
        Err(LinkError::Damaged(_))
    ));
}
