//! Counting every word of every entry, the bulk of the index's cost. Each thread counts the
//! entries it is given with a vocabulary of its own (a `Counter`, taken from a pool while the
//! thread counts one entry): a word is copied once per counter, not once per entry, stop words
//! are recognised once per counter, and an entry's counts are a plain array indexed by word
//! number. The vocabularies are joined afterwards, a word at a time.

use std::collections::HashMap;

use super::words::for_each_word;
use super::{Entry, Fast, HEADING, SUMMARY, TEXT, TITLE};

/// The words of the entries one counter counted, and each entry's counts.
pub(super) struct Counted {
    /// Each word this counter met (folded, not stemmed), by its number here.
    pub(super) words: Vec<String>,
    /// Whether each word is a stop word (met, but never counted).
    pub(super) stop: Vec<bool>,
    /// (entry number, [(word number, weight)]) for each entry counted, words in the order met.
    pub(super) entries: Vec<(usize, Vec<(u32, u32)>)>,
}

pub(super) struct Counter<'s> {
    stop_words: &'s [&'s str],
    /// Word numbers of words of up to 8 bytes (most words), by their bytes as one integer: no
    /// string to compare.
    short: HashMap<u64, u32, Fast>,
    /// Word numbers of longer words.
    number: HashMap<String, u32, Fast>,
    pub(super) counted: Counted,
    /// The weight of each word in the entry being counted (zero for the words it lacks).
    weights: Vec<u32>,
    /// The words of the entry being counted, in the order met.
    met: Vec<u32>,
}

impl<'s> Counter<'s> {
    pub(super) fn new(stop_words: &'s [&'s str]) -> Self {
        Counter {
            stop_words,
            short: HashMap::with_capacity_and_hasher(4096, Fast::default()),
            number: HashMap::with_capacity_and_hasher(1024, Fast::default()),
            counted: Counted {
                words: Vec::new(),
                stop: Vec::new(),
                entries: Vec::new(),
            },
            weights: Vec::new(),
            met: Vec::new(),
        }
    }

    /// Counts one entry: a title word weighs most, then headings and prompts, the summary, text.
    pub(super) fn entry(&mut self, n: usize, e: &Entry) {
        self.add(&e.title, TITLE);
        if let Some(s) = &e.summary {
            self.add(s, SUMMARY);
        }
        for p in e.parts.iter() {
            if let Some(h) = &p.heading {
                self.add(h, HEADING);
            }
            self.add(&p.text, if p.strong { HEADING } else { TEXT });
        }
        let weights = &mut self.weights;
        let counts = self
            .met
            .drain(..)
            .map(|w| (w, std::mem::take(&mut weights[w as usize])))
            .collect();
        self.counted.entries.push((n, counts));
    }

    fn add(&mut self, text: &str, weight: u32) {
        for_each_word(text, |w| {
            let known = match packed(w) {
                Some(key) => self.short.get(&key),
                None => self.number.get(w),
            };
            // Most words were met before: the rest is kept out of the way of the loop.
            let id = match known {
                Some(&id) => id,
                None => self.first_met(w),
            };
            let i = id as usize;
            if self.counted.stop[i] {
                return;
            }
            if self.weights[i] == 0 {
                self.met.push(id);
            }
            self.weights[i] += weight;
        });
    }

    /// Numbers a word this counter meets for the first time.
    #[cold]
    #[inline(never)]
    fn first_met(&mut self, w: &str) -> u32 {
        let id = self.counted.words.len() as u32;
        self.counted.stop.push(self.stop_words.contains(&w));
        match packed(w) {
            Some(key) => self.short.insert(key, id),
            None => self.number.insert(w.to_string(), id),
        };
        self.counted.words.push(w.to_string());
        self.weights.push(0);
        id
    }
}

/// A word of up to 8 bytes as one integer, its first byte lowest (a word holds no zero byte, so
/// no two words share one). Read as two overlapping pieces, since copying a word this short
/// into an array calls `memcpy`: bytes read twice land on themselves.
fn packed(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    let n = b.len();
    let four = |i: usize| u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]));
    Some(match n {
        0 => 0,
        1..=3 => {
            u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1))
        }
        4..=8 => four(0) | four(n - 4) << (8 * (n - 4)),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::packed;

    proptest::proptest! {
        /// A short word's key is its bytes, first byte lowest; a longer word has none.
        #[test]
        fn a_word_is_packed_into_its_bytes(word in "[a-zé0-9]{0,10}") {
            let bytes = word.as_bytes();
            let expected = (bytes.len() <= 8).then(|| {
                let mut key = [0u8; 8];
                key[..bytes.len()].copy_from_slice(bytes);
                u64::from_le_bytes(key)
            });
            proptest::prop_assert_eq!(packed(&word), expected);
        }
    }
}
