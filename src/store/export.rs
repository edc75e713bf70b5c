//! `store export`: items back into files, so that storing the exported directory again
//! changes nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::item::{JsonAttribute, StoredItem};
use super::json_text;
use super::scan::{StoreWarning, quoted_list};

/// One file written (or already up to date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportedFile {
    /// The item's key.
    pub id: String,
    /// The file name inside the export directory.
    pub file: String,
    /// Whether the file already held exactly this content.
    pub unchanged: bool,
}

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Exported {
    /// Files written, by name.
    pub files: Vec<ExportedFile>,
    /// Items that could not be exported, and things to know about the others.
    pub warnings: Vec<StoreWarning>,
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Files that exist with different content (and `--force` was not given).
    #[error("{} already exist with different content: {}; pass --force to overwrite them", if .0.len() == 1 { "a file" } else { "files" }, .0.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    WouldOverwrite(Vec<PathBuf>),
    /// Two items would be written to the same file.
    #[error("items {} would all be exported as `{file}`", quoted_list(&ids.iter().map(String::as_str).collect::<Vec<_>>()))]
    SameFile {
        /// The file name.
        file: String,
        /// The items.
        ids: Vec<String>,
    },
    /// A file or the directory could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

/// Whether a stored `file` attribute can safely be used as a file name: a plain `*.json` name,
/// no directories, not hidden, no control characters.
fn safe_file_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.len() <= 255
        && lower.ends_with(".json")
        && lower.len() > ".json".len()
        && !name.starts_with('.')
        && !name.chars().any(|c| matches!(c, '/' | '\\' | ':') || c.is_control())
}

/// The file name for an item: its stored `file` when that is safe, otherwise its id without
/// `prefix`, reduced to `[A-Za-z0-9._-]`, plus `.json`.
pub fn file_name(item: &StoredItem, prefix: &str) -> String {
    if let Some(file) = item.file.as_deref().filter(|f| safe_file_name(f)) {
        return file.to_owned();
    }
    let stem: String = item
        .id
        .strip_prefix(prefix)
        .unwrap_or(&item.id)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '_' })
        .collect();
    let stem = stem.trim_start_matches('.');
    format!("{}.json", if stem.is_empty() { "item" } else { stem })
}

/// Writes one file per item into `dir` (created if needed): the JSON pretty-printed with two
/// spaces, or the stored text as it is when it is not JSON. Items without a String `json` are
/// skipped with a warning. Refuses to overwrite files with different content unless `force`.
pub fn export(items: &[StoredItem], prefix: &str, dir: &Path, force: bool) -> Result<Exported, ExportError> {
    let mut exported = Exported::default();
    let mut by_file: BTreeMap<String, Vec<(&StoredItem, String)>> = BTreeMap::new();
    for item in items {
        let content = match &item.json {
            JsonAttribute::String(text) if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() => {
                format!("{}\n", json_text::pretty(text))
            }
            JsonAttribute::String(text) => {
                exported.warnings.push(StoreWarning::new(
                    "not-json",
                    format!("item `{}` holds text that is not JSON; it is exported as it is", item.id),
                ));
                text.clone()
            }
            JsonAttribute::Missing => {
                exported.warnings.push(StoreWarning::new(
                    "not-exported",
                    format!("item `{}` has no `json` attribute and was not exported", item.id),
                ));
                continue;
            }
            JsonAttribute::OtherType(kind) => {
                exported.warnings.push(StoreWarning::new(
                    "not-exported",
                    format!(
                        "item `{}` has a `json` attribute of type {kind}, not a String, and was not exported",
                        item.id
                    ),
                ));
                continue;
            }
        };
        by_file.entry(file_name(item, prefix)).or_default().push((item, content));
    }
    if let Some((file, owners)) = by_file.iter().find(|(_, owners)| owners.len() > 1) {
        return Err(ExportError::SameFile {
            file: file.clone(),
            ids: owners.iter().map(|(item, _)| item.id.clone()).collect(),
        });
    }
    let mut conflicts = Vec::new();
    let mut planned = Vec::new();
    for (file, owners) in by_file {
        let (item, content) = owners.into_iter().next().expect("one owner per file");
        let path = dir.join(&file);
        let unchanged = match std::fs::read(&path) {
            Ok(existing) if existing == content.as_bytes() => true,
            Ok(_) if !force => {
                conflicts.push(path.clone());
                false
            }
            _ => false,
        };
        planned.push((ExportedFile { id: item.id.clone(), file, unchanged }, path, content));
    }
    if !conflicts.is_empty() {
        return Err(ExportError::WouldOverwrite(conflicts));
    }
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io { path: dir.to_owned(), source })?;
    for (entry, path, content) in planned {
        if !entry.unchanged {
            std::fs::write(&path, content).map_err(|source| ExportError::Io { path: path.clone(), source })?;
        }
        exported.files.push(entry);
    }
    Ok(exported)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, file: Option<&str>, json: &str) -> StoredItem {
        StoredItem { id: id.into(), json: JsonAttribute::String(json.into()), file: file.map(Into::into), size: 0 }
    }

    #[test]
    fn file_names_come_from_the_item_unless_unsafe() {
        assert_eq!(file_name(&item("enrich_anon_ip", Some("anon_ip.json"), "{}"), "enrich_"), "anon_ip.json");
        assert_eq!(file_name(&item("enrich_anon_ip", None, "{}"), "enrich_"), "anon_ip.json");
        for unsafe_name in ["../../etc/passwd.json", ".hidden.json", "a/b.json", "x.txt", ".json", "c:\\x.json"] {
            assert_eq!(file_name(&item("e_x/y", Some(unsafe_name), "{}"), "e_"), "x_y.json", "{unsafe_name}");
        }
        assert_eq!(file_name(&item("e_", None, "{}"), "e_"), "item.json");
        assert_eq!(file_name(&item("..", None, "{}"), ""), "item.json");
    }

    #[test]
    fn exports_pretty_json_and_refuses_to_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let items = vec![
            item("e_a", Some("a.json"), r#"{"schema":"s","data":{"x":[1,2]}}"#),
            item("e_b", None, "not json {"),
            StoredItem { json: JsonAttribute::Missing, ..item("e_c", None, "") },
        ];
        let exported = export(&items, "e_", dir.path(), false).unwrap();
        assert_eq!(exported.files.len(), 2);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.json")).unwrap(),
            "{\n  \"schema\": \"s\",\n  \"data\": {\n    \"x\": [\n      1,\n      2\n    ]\n  }\n}\n"
        );
        assert_eq!(std::fs::read_to_string(dir.path().join("b.json")).unwrap(), "not json {");
        let codes: Vec<&str> = exported.warnings.iter().map(|w| w.code).collect();
        assert_eq!(codes, ["not-json", "not-exported"]);

        // Exporting again is a no-op; a different item for the same file needs --force.
        assert!(export(&items, "e_", dir.path(), false).unwrap().files.iter().all(|f| f.unchanged));
        let edited = vec![item("e_a", Some("a.json"), r#"{"schema":"s","data":{}}"#)];
        assert!(matches!(export(&edited, "e_", dir.path(), false), Err(ExportError::WouldOverwrite(_))));
        assert!(!export(&edited, "e_", dir.path(), true).unwrap().files[0].unchanged);

        let clash = vec![item("e_a", Some("x.json"), "{}"), item("e_b", Some("x.json"), "{}")];
        assert!(matches!(export(&clash, "e_", dir.path(), true), Err(ExportError::SameFile { .. })));
    }
}
