//! The app's layers, checked from its sources: `state` uses no other module;
//! `edge` uses only `state` and itself; `ui` never uses `app`; and no two
//! modules use each other, directly or through others.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of `src/` (`ui::results::table`) and the text of its file.
fn modules() -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).expect("src is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(root)
                    .expect("under src")
                    .with_extension("");
                let mut name = rel.to_string_lossy().replace(['/', '\\'], "::");
                if let Some(parent) = name.strip_suffix("::mod") {
                    name = parent.to_string();
                }
                if name != "lib" && name != "main" {
                    let text = std::fs::read_to_string(&path).expect("a readable file");
                    // Unit tests may reach anywhere.
                    let text = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
                    out.insert(name, text);
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walk(&src, &src, &mut out);
    out
}

/// The modules each module uses through `crate::…` paths (its own children
/// and ancestors left out: nesting is not use).
fn uses(mods: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph = BTreeMap::new();
    for (name, text) in mods {
        let mut used = BTreeSet::new();
        for (at, _) in text.match_indices("crate::") {
            let path: String = text[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_' || *c == ':')
                .collect();
            let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
            let found = (1..=parts.len())
                .rev()
                .map(|k| parts[..k].join("::"))
                .find(|m| mods.contains_key(m));
            if let Some(m) = found {
                let nested =
                    name.starts_with(&format!("{m}::")) || m.starts_with(&format!("{name}::"));
                if &m != name && !nested {
                    used.insert(m);
                }
            }
        }
        graph.insert(name.clone(), used);
    }
    graph
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let mods = modules();
    assert!(mods.contains_key("ui::results::table") && mods.contains_key("edge::storage"));
    for (name, used) in uses(&mods) {
        for u in &used {
            let allowed = match name.split("::").next() {
                Some("state") => false,
                Some("edge") => u == "state" || u.starts_with("edge"),
                Some("ui") => u != "app",
                _ => true,
            };
            assert!(allowed, "{name} uses {u}");
        }
    }
}

#[test]
fn no_two_modules_use_each_other() {
    let graph = uses(&modules());
    // A module that reaches itself by following uses is in a cycle.
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = graph[start].iter().collect();
        while let Some(m) = todo.pop() {
            assert_ne!(m, start, "{start} uses itself through other modules");
            if seen.insert(m.clone()) {
                todo.extend(graph.get(m).into_iter().flatten());
            }
        }
    }
}

#[test]
fn only_the_storage_edge_touches_local_storage() {
    for (name, text) in modules() {
        if name != "edge::storage" {
            for api in [
                "local_storage(",
                "LocalStorage",
                "set_item(",
                "remove_item(",
            ] {
                assert!(!text.contains(api), "{name} calls {api} itself");
            }
        }
    }
}
