//! Items as Stream Enrich reads them: `id` (String, the hash key) and `json` (String, the whole
//! self-describing JSON), plus `file`, the name of the file the item came from, so that
//! `store export` can give files back their names. Stream Enrich ignores `file`.

/// The hash key attribute.
pub const ID: &str = "id";
/// The attribute holding the self-describing JSON.
pub const JSON: &str = "json";
/// The attribute holding the source file name.
pub const FILE: &str = "file";

/// DynamoDB's limit on the size of one item.
pub const MAX_ITEM_BYTES: u64 = 400 * 1024;

/// An item to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewItem {
    /// The key.
    pub id: String,
    /// The minified self-describing JSON.
    pub json: String,
    /// The source file name (no directory).
    pub file: Option<String>,
}

impl NewItem {
    /// The item's size as DynamoDB counts it: the UTF-8 lengths of attribute names and values.
    pub fn size(&self) -> u64 {
        let mut size = ID.len() + self.id.len() + JSON.len() + self.json.len();
        if let Some(file) = &self.file {
            size += FILE.len() + file.len();
        }
        size as u64
    }
}

/// The `json` attribute of a stored item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonAttribute {
    /// A String, as Stream Enrich expects.
    String(String),
    /// No `json` attribute.
    Missing,
    /// An attribute of another DynamoDB type (`M`, `N`, …), which Stream Enrich cannot use.
    OtherType(&'static str),
}

/// An item read from the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredItem {
    /// The key.
    pub id: String,
    /// The `json` attribute.
    pub json: JsonAttribute,
    /// The `file` attribute, when it is a String.
    pub file: Option<String>,
    /// Size in bytes as DynamoDB counts it (approximate for non-String attributes).
    pub size: u64,
}

impl StoredItem {
    /// The JSON text, when `json` is a String.
    pub fn json_text(&self) -> Option<&str> {
        match &self.json {
            JsonAttribute::String(text) => Some(text),
            _ => None,
        }
    }

    /// Whether the item holds exactly `item` (same JSON text and file name).
    pub fn holds(&self, item: &NewItem) -> bool {
        self.id == item.id && self.json_text() == Some(item.json.as_str()) && self.file == item.file
    }

    /// The Iglu URI in the item's `schema`, when its `json` is a self-describing JSON.
    pub fn schema(&self) -> Option<String> {
        let value: serde_json::Value = serde_json::from_str(self.json_text()?).ok()?;
        value.get("schema")?.as_str().map(str::to_owned)
    }
}

/// One write in a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteOp {
    /// Create or replace an item.
    Put(NewItem),
    /// Delete the item with this id.
    Delete(String),
}

impl WriteOp {
    /// The id written or deleted.
    pub fn id(&self) -> &str {
        match self {
            WriteOp::Put(item) => &item.id,
            WriteOp::Delete(id) => id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_count_names_and_values() {
        let item = NewItem { id: "enrich_anon_ip".into(), json: "{}".into(), file: Some("anon_ip.json".into()) };
        assert_eq!(item.size(), (2 + 14 + 4 + 2 + 4 + 12) as u64);
        let stored = StoredItem {
            id: item.id.clone(),
            json: JsonAttribute::String("{}".into()),
            file: item.file.clone(),
            size: 0,
        };
        assert!(stored.holds(&item));
        assert!(!StoredItem { file: None, ..stored }.holds(&item));
    }
}
