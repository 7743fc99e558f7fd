#![cfg(not(target_arch = "wasm32"))]
//! The architecture's invariants (docs/architecture.md), checked on the source: domain logic and wire
//! parsing import no browser or framework, and the component folders import each other one way only.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir:?}: {e}")) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

fn src(part: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(part)
}

/// Checks that each folder of `src/<part>` imports, as `crate::<part>::<folder>`, only the folders `allowed`
/// lets it, and that every folder there has a rule. Returns the folders' names.
fn check_folders(part: &str, allowed: &[(&str, &[&str])]) -> Vec<String> {
    let folders: Vec<&str> = allowed.iter().map(|(f, _)| *f).collect();
    for (folder, may) in allowed {
        for file in rust_files(&src(part).join(folder)) {
            let text = std::fs::read_to_string(&file).unwrap();
            for other in &folders {
                if other == folder || may.contains(other) {
                    continue;
                }
                let path = format!("crate::{part}::{other}");
                assert!(
                    !text.contains(&path),
                    "{} imports {path}, which `{folder}` may not",
                    file.display()
                );
            }
        }
    }
    for entry in std::fs::read_dir(src(part)).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                folders.contains(&name.as_str()),
                "{part}/{name} has no rule"
            );
        }
    }
    folders.iter().map(|f| (*f).to_owned()).collect()
}

#[test]
fn domain_and_wire_import_no_browser_and_no_framework() {
    for part in ["domain", "wire"] {
        for file in rust_files(&src(part)) {
            let text = std::fs::read_to_string(&file).unwrap();
            for banned in [
                "web_sys",
                "gloo",
                "leptos",
                "wasm_bindgen",
                "js_sys",
                "crate::state",
                "crate::api",
            ] {
                assert!(
                    !text.contains(banned),
                    "{} mentions {banned}: pure logic stays free of the browser and the layers above",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn component_folders_import_each_other_one_way() {
    // Which component folders each may import.
    let allowed: &[(&str, &[&str])] = &[
        ("common", &[]),
        ("shell", &["common"]),
        ("player", &["common", "shell"]),
        ("list", &["common"]),
        ("review", &["common"]),
        ("record", &["common", "player", "review"]),
    ];
    let folders = check_folders("components", allowed);
    // A flat `crate::components::Name` hides which folder it comes from.
    for file in rust_files(&src("components")) {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines().filter(|l| l.contains("crate::components::")) {
            let named = folders
                .iter()
                .any(|f| line.contains(&format!("crate::components::{f}::")));
            assert!(named, "{}: `{line}` names no folder", file.display());
        }
    }
}

#[test]
fn domain_folders_import_each_other_one_way() {
    let allowed: &[(&str, &[&str])] = &[
        ("text", &[]),
        ("records", &["text"]),
        ("search", &["records", "text"]),
        ("loading", &["records"]),
        ("review", &["records", "text"]),
        ("list", &["search", "loading", "records", "text", "review"]),
        ("playback", &["records", "text"]),
        ("export", &["search", "records", "text", "review"]),
    ];
    check_folders("domain", allowed);
    // The types re-exported at the domain's root are `records`' own.
    for (folder, may) in allowed {
        for file in rust_files(&src("domain").join(folder)) {
            let text = std::fs::read_to_string(&file).unwrap();
            let root =
                text.contains("crate::domain::{") || text.contains("crate::domain::Timestamp");
            assert!(
                !root || may.contains(&"records") || *folder == "records",
                "{} imports records' types through the root, which `{folder}` may not",
                file.display()
            );
        }
    }
}
