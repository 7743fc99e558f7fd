#![cfg(not(target_arch = "wasm32"))]
//! The stylesheets and the components agree: every class a stylesheet defines is used somewhere in
//! `src/`, and every class a component sets is defined in one stylesheet, the one named after its block
//! (`record-row__meta` lives in `style/record-row.css`). Custom properties are defined in
//! `style/tokens.css` only, and every one used is defined.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn files(dir: &str, ext: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().and_then(|e| e.to_str()) == Some(ext) {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                out.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out
}

fn is_class_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
}

/// Classes a component sets that no stylesheet styles, on purpose: they name a part for scripts and
/// tests (`app-header__settings` gets focus back from the dialog; `campaign-page__count` is read by the
/// end-to-end tests and the benchmark) or mark structure a reader of the DOM is helped by.
const HOOKS: [&str; 12] = [
    "app-header__settings",
    "campaign-page__count",
    "campaign-card__created",
    "end-reason-details__description",
    "error-panel__detail",
    "load-progress--stopped",
    "load-progress__skipped",
    "record-row__duration",
    "record-row__when",
    "search-bar__search",
    "search-bar__sort",
    "breakdown__fill",
];

/// The classes of a selector's subject (its last compound selector): what the rule styles.
fn subject_classes(selector: &str) -> Vec<String> {
    let last = selector
        .rsplit([' ', '>', '+', '~'])
        .find(|part| !part.trim().is_empty())
        .unwrap_or("");
    classes_in(last)
}

fn classes_in(text: &str) -> Vec<String> {
    text.match_indices('.')
        .filter(|(at, _)| text[at + 1..].starts_with(|c: char| c.is_ascii_lowercase()))
        .map(|(at, _)| {
            text[at + 1..]
                .chars()
                .take_while(|&c| is_class_char(c))
                .collect()
        })
        .collect()
}

/// Selectors of a stylesheet's rules (comments, at-rule preludes and declarations skipped).
fn selectors(css: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let mut out = Vec::new();
    for (i, _) in text.match_indices('{') {
        let before = &text[..i];
        let from = before.rfind(['}', ';', '{']).map_or(0, |p| p + 1);
        let selector = before[from..].trim();
        if selector.starts_with('@') || selector.is_empty() {
            continue;
        }
        out.extend(selector.split(',').map(|s| s.trim().to_owned()));
    }
    out
}

/// Class names in a stylesheet's selectors (comments and declarations skipped).
fn css_classes(css: &str) -> BTreeSet<String> {
    selectors(css)
        .iter()
        .flat_map(|selector| classes_in(selector))
        .collect()
}

/// Class names the code sets: `class="a b"`, `attr:class="a"`, `class:a=`, and in `format!`ed class
/// strings a prefix ending in `--` stands for every modifier (`status-pill--{}`).
fn code_classes(sources: &[(String, String)]) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut used = BTreeSet::new();
    let mut prefixes = BTreeSet::new();
    for (_, code) in sources {
        for marker in [
            "class=\"",
            "attr:class=\"",
            "class: \"",
            "\"button ",
            "format!(\"",
        ] {
            for (i, _) in code.match_indices(marker) {
                let rest = &code[i + marker.len()..];
                let Some(end) = rest.find('"') else { continue };
                let value = &rest[..end];
                if marker == "format!(\"" && !value.contains("--{") {
                    continue;
                }
                for word in value.split_whitespace() {
                    if let Some(prefix) = word.split("{").next().filter(|_| word.contains("--{")) {
                        prefixes.insert(prefix.to_owned());
                    } else if word.chars().all(is_class_char) {
                        used.insert(word.to_owned());
                    }
                }
                if marker == "\"button " {
                    used.insert("button".to_owned());
                }
            }
        }
        for (i, _) in code.match_indices("class:") {
            let name: String = code[i + 6..]
                .chars()
                .take_while(|&c| is_class_char(c))
                .collect();
            if !name.is_empty() {
                used.insert(name);
            }
        }
    }
    (used, prefixes)
}

/// The block a class belongs to: `record-row__meta--x` → `record-row`.
fn block_of(class: &str) -> &str {
    let end = [class.find("__"), class.find("--")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(class.len());
    &class[..end]
}

#[test]
fn every_class_is_defined_once_in_its_blocks_stylesheet_and_used() {
    let styles = files("style", "css");
    let sources = files("src", "rs");
    let (used, prefixes) = code_classes(&sources);
    let mut defined: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for (file, css) in &styles {
        for class in css_classes(css) {
            defined.entry(class).or_default().insert(file.clone());
        }
        // A stylesheet styles its own block only: other blocks may appear as context (`.a .b`), never
        // as the subject of a rule.
        for selector in selectors(css) {
            for class in subject_classes(&selector) {
                let home = format!("{}.css", block_of(&class));
                if *file != home {
                    problems.push(format!(
                        "{file} styles `.{class}` (in `{selector}`), which belongs in {home}"
                    ));
                }
            }
        }
    }
    // Every string literal of the code that reads as a class name counts as a use (classes are also
    // chosen in `if`s and `match`es, not only in `class="..."`).
    let literals: BTreeSet<String> = sources
        .iter()
        .flat_map(|(_, code)| code.split('"').skip(1).step_by(2).map(str::to_owned))
        .flat_map(|literal| {
            literal
                .split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let prefixes: BTreeSet<String> = prefixes
        .into_iter()
        .chain(
            literals
                .iter()
                .filter(|word| word.contains("--{"))
                .filter_map(|word| word.split('{').next().map(str::to_owned)),
        )
        .collect();
    for (class, in_files) in &defined {
        let is_used = used.contains(class)
            || literals.contains(class)
            || prefixes.iter().any(|p| class.starts_with(p.as_str()));
        if !is_used {
            problems.push(format!(
                "`.{class}` is defined in {in_files:?} and used nowhere in src/"
            ));
        }
    }
    for class in &used {
        if !defined.contains_key(class) && !HOOKS.contains(&class.as_str()) {
            problems.push(format!(
                "`{class}` is set in src/ and defined in no stylesheet"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn custom_properties_are_defined_in_the_tokens_only_and_every_one_used_exists() {
    let styles = files("style", "css");
    let mut defined = BTreeSet::new();
    let mut problems = Vec::new();
    for (file, css) in &styles {
        for (i, _) in css.match_indices("--") {
            let before = css[..i].chars().last();
            let name: String = css[i..].chars().take_while(|&c| is_class_char(c)).collect();
            let after = css[i + name.len()..].trim_start();
            if before.is_some_and(|c| c == '(' || c.is_whitespace() || c == '{' || c == ';')
                && after.starts_with(':')
            {
                if file != "tokens.css" {
                    problems.push(format!("{name} is defined in {file}, not in tokens.css"));
                }
                defined.insert(name);
            }
        }
    }
    for (file, css) in &styles {
        for (i, _) in css.match_indices("var(") {
            let name: String = css[i + 4..]
                .chars()
                .take_while(|&c| is_class_char(c))
                .collect();
            if !defined.contains(&name) {
                problems.push(format!("{file} uses {name}, which no stylesheet defines"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
