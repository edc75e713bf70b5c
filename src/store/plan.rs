//! What a store run changes: each item is added, changed, unchanged, removed (with `--prune`)
//! or left in place although it is not in the source ("stray").

use std::collections::BTreeMap;

use serde::Serialize;

use super::item::{NewItem, StoredItem, WriteOp};

/// What happens to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// New: written.
    Added,
    /// Stored with different content or file name: rewritten.
    Changed,
    /// Stored exactly as it is: not written.
    Unchanged,
    /// Under the prefix but not in the source, and `--prune` was given: deleted.
    Removed,
    /// Under the prefix but not in the source: left in place (Stream Enrich still loads it).
    Stray,
}

impl Action {
    /// The lowercase name shown in tables and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Added => "added",
            Action::Changed => "changed",
            Action::Unchanged => "unchanged",
            Action::Removed => "removed",
            Action::Stray => "stray",
        }
    }
}

/// One item of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanEntry {
    /// The key.
    pub id: String,
    /// The source file name (for stray and removed items, the one stored with the item).
    pub file: Option<String>,
    /// What happens to it.
    pub action: Action,
    /// Its size in bytes (the new size for writes).
    pub bytes: u64,
}

/// Counts by action.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Items added.
    pub added: usize,
    /// Items rewritten.
    pub changed: usize,
    /// Items left as they were.
    pub unchanged: usize,
    /// Items deleted.
    pub removed: usize,
    /// Items not in the source and left in place.
    pub stray: usize,
}

/// Every item a run touches or looks at, sorted by id, and the writes that carry it out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// One entry per item.
    pub entries: Vec<PlanEntry>,
    /// Puts for added and changed items, deletes for removed ones, in id order.
    pub writes: Vec<WriteOp>,
}

impl Plan {
    /// Compares the items wanted with those stored in scope (under the prefix, or at the key).
    pub fn new(wanted: &[NewItem], stored: &[StoredItem], prune: bool) -> Self {
        let stored: BTreeMap<&str, &StoredItem> = stored.iter().map(|s| (s.id.as_str(), s)).collect();
        let wanted_by_id: BTreeMap<&str, &NewItem> = wanted.iter().map(|w| (w.id.as_str(), w)).collect();
        let mut entries = Vec::new();
        let mut writes = Vec::new();
        for (id, item) in &wanted_by_id {
            let action = match stored.get(id) {
                None => Action::Added,
                Some(existing) if existing.holds(item) => Action::Unchanged,
                Some(_) => Action::Changed,
            };
            if action != Action::Unchanged {
                writes.push(WriteOp::Put((*item).clone()));
            }
            entries.push(PlanEntry { id: (*id).to_owned(), file: item.file.clone(), action, bytes: item.size() });
        }
        for (id, existing) in &stored {
            if wanted_by_id.contains_key(id) {
                continue;
            }
            let action = if prune { Action::Removed } else { Action::Stray };
            if prune {
                writes.push(WriteOp::Delete((*id).to_owned()));
            }
            entries.push(PlanEntry { id: (*id).to_owned(), file: existing.file.clone(), action, bytes: existing.size });
        }
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        writes.sort_by(|a, b| a.id().cmp(b.id()));
        Plan { entries, writes }
    }

    /// Counts by action.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for entry in &self.entries {
            match entry.action {
                Action::Added => counts.added += 1,
                Action::Changed => counts.changed += 1,
                Action::Unchanged => counts.unchanged += 1,
                Action::Removed => counts.removed += 1,
                Action::Stray => counts.stray += 1,
            }
        }
        counts
    }

    /// The entries with `action`.
    pub fn with_action(&self, action: Action) -> impl Iterator<Item = &PlanEntry> {
        self.entries.iter().filter(move |e| e.action == action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::item::JsonAttribute;

    fn new(id: &str, json: &str) -> NewItem {
        NewItem { id: id.into(), json: json.into(), file: Some(format!("{id}.json")) }
    }

    fn stored(item: &NewItem) -> StoredItem {
        StoredItem {
            id: item.id.clone(),
            json: JsonAttribute::String(item.json.clone()),
            file: item.file.clone(),
            size: 1,
        }
    }

    #[test]
    fn each_item_gets_one_action_and_only_changes_are_written() {
        let same = new("e_same", "{}");
        let edited = new("e_edited", r#"{"a":1}"#);
        let renamed = new("e_renamed", "{}");
        let added = new("e_added", "{}");
        let existing = vec![
            stored(&same),
            StoredItem { json: JsonAttribute::String("{}".into()), ..stored(&edited) },
            StoredItem { file: Some("old.json".into()), ..stored(&renamed) },
            stored(&new("e_gone", "{}")),
        ];
        let wanted = vec![same, edited.clone(), renamed.clone(), added.clone()];

        let plan = Plan::new(&wanted, &existing, false);
        let actions: Vec<(&str, Action)> = plan.entries.iter().map(|e| (e.id.as_str(), e.action)).collect();
        assert_eq!(
            actions,
            [
                ("e_added", Action::Added),
                ("e_edited", Action::Changed),
                ("e_gone", Action::Stray),
                ("e_renamed", Action::Changed),
                ("e_same", Action::Unchanged)
            ]
        );
        assert_eq!(plan.writes, [WriteOp::Put(added), WriteOp::Put(edited), WriteOp::Put(renamed)]);
        assert_eq!(plan.counts(), Counts { added: 1, changed: 2, unchanged: 1, removed: 0, stray: 1 });

        let pruned = Plan::new(&wanted, &existing, true);
        assert!(pruned.writes.contains(&WriteOp::Delete("e_gone".into())));
        assert_eq!(pruned.counts().removed, 1);
    }

    #[test]
    fn an_up_to_date_table_needs_no_writes() {
        let wanted = vec![new("a", "{}"), new("b", "[]")];
        let existing: Vec<StoredItem> = wanted.iter().map(stored).collect();
        let plan = Plan::new(&wanted, &existing, true);
        assert!(plan.writes.is_empty());
        assert_eq!(plan.counts().unchanged, 2);
    }
}
