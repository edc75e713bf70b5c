//! Compiles the schemas in `iglu-cache/schemas` into the binary as a sorted table.

use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, root, out);
        } else if !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            let rel = path.strip_prefix(root).expect("inside root");
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>();
            // Only vendor/name/format/version files are schemas.
            if rel.len() == 4 {
                out.push((rel.join("/"), fs::canonicalize(&path).expect("canonical path")));
            }
        }
    }
}

fn main() {
    // Read at run time, not with `env!`: the compiled build script may be shared by several
    // checkouts of the crate (one target directory), and each must bundle its own schemas.
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let root = manifest_dir.join("iglu-cache").join("schemas");
    println!("cargo:rerun-if-changed=iglu-cache");
    let mut schemas = Vec::new();
    collect(&root, &root, &mut schemas);
    schemas.sort();
    let mut code = String::from(
        "/// Bundled schemas: (`vendor/name/format/version`, text), sorted by path.\n\
         static BUNDLED_SCHEMAS: &[(&str, &str)] = &[\n",
    );
    for (key, path) in &schemas {
        code.push_str(&format!("    ({key:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("bundled_schemas.rs");
    fs::write(out, code).expect("write bundled_schemas.rs");
}
