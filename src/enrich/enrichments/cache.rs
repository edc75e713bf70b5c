//! A small bounded cache for per-worker (thread-local) enrichment results.

use std::collections::HashMap;

/// A bounded cache approximating LRU with two generations: a hit in the old generation moves
/// to the current one; when the current one is full it becomes the old one (dropping the
/// previous old one). Memory stays under two generations; no per-entry bookkeeping.
///
/// The last key asked for and its value are also kept aside: the events of one request share
/// their user agent and address, and comparing with the last key is cheaper than hashing it.
///
/// `owner` names the enrichment instance whose results it holds, so a thread-local cache never
/// serves one instance's results to another (tests build several).
#[derive(Debug)]
pub struct GenerationalCache<V> {
    owner: u64,
    capacity: usize,
    current: HashMap<Box<str>, V>,
    old: HashMap<Box<str>, V>,
    last: Option<(Box<str>, V)>,
}

impl<V: Clone> GenerationalCache<V> {
    /// An empty cache of `capacity` entries per generation.
    pub fn new(capacity: usize) -> Self {
        GenerationalCache { owner: 0, capacity, current: HashMap::new(), old: HashMap::new(), last: None }
    }

    /// Empties the cache when `owner` differs from the instance it last served.
    pub fn claim(&mut self, owner: u64) {
        if self.owner != owner {
            self.owner = owner;
            self.current.clear();
            self.old.clear();
            self.last = None;
        }
    }

    /// The cached value for `key`, or `compute()` stored for next time.
    pub fn get_or_insert(&mut self, key: &str, compute: impl FnOnce() -> V) -> V {
        if let Some((last, value)) = &self.last
            && **last == *key
        {
            return value.clone();
        }
        let value = self.lookup(key, compute);
        self.last = Some((key.into(), value.clone()));
        value
    }

    fn lookup(&mut self, key: &str, compute: impl FnOnce() -> V) -> V {
        if let Some(hit) = self.current.get(key) {
            return hit.clone();
        }
        let value = self.old.remove(key).unwrap_or_else(compute);
        if self.current.len() >= self.capacity {
            self.old = std::mem::take(&mut self.current);
        }
        self.current.insert(key.into(), value.clone());
        value
    }

    /// How many entries are held (both generations).
    pub fn len(&self) -> usize {
        self.current.len() + self.old.len()
    }

    /// Whether the cache is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_bounded_and_keeps_recent_entries() {
        let mut cache = GenerationalCache::new(4);
        let mut computed = 0;
        for i in 0..20 {
            cache.get_or_insert(&i.to_string(), || {
                computed += 1;
                i
            });
        }
        assert!(cache.len() <= 8);
        assert_eq!(computed, 20);
        assert_eq!(cache.get_or_insert("19", || unreachable!()), 19);
        // An old-generation hit is promoted, not recomputed.
        assert_eq!(cache.get_or_insert("16", || unreachable!()), 16);
    }

    #[test]
    fn the_last_key_is_answered_like_any_other() {
        let mut cache = GenerationalCache::new(2);
        let mut computed = Vec::new();
        for key in ["a", "a", "b", "a", "c", "d", "e", "a", "a", "ab", "a"] {
            let value = cache.get_or_insert(key, || {
                computed.push(key);
                key.len()
            });
            assert_eq!(value, key.len());
        }
        // "a" was dropped with its generation once, and recomputed then only.
        assert_eq!(computed, ["a", "b", "c", "d", "e", "a", "ab"]);
        cache.claim(7);
        assert_eq!(cache.get_or_insert("a", || 9), 9, "a new owner does not see the last value");
    }

    #[test]
    fn a_new_owner_starts_empty() {
        let mut cache = GenerationalCache::new(4);
        cache.claim(1);
        cache.get_or_insert("a", || 1);
        cache.claim(1);
        assert_eq!(cache.len(), 1);
        cache.claim(2);
        assert!(cache.is_empty());
        assert_eq!(cache.get_or_insert("a", || 2), 2);
    }
}
