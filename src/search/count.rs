//! Counting every word of every entry, the bulk of the index's cost. Each thread counts the
//! entries it is given with a vocabulary of its own (a `Counter`, taken from a pool while the
//! thread counts one entry): a word is copied once per counter, not once per entry, stop words
//! are recognised once per counter, and an entry's counts are a plain array indexed by word
//! number. The vocabularies are joined afterwards, a word at a time.

use std::collections::HashMap;

use super::words::{for_each_word, Word};
use super::{Entry, Fast, HEADING, MAX_WEIGHT, SUMMARY, TEXT, TITLE};

/// The words of the entries one counter counted, and each entry's counts.
pub(super) struct Counted {
    /// Each word this counter met (folded, not stemmed), by its number here.
    pub(super) words: Vec<String>,
    /// Whether each word is a stop word (met, but never counted).
    pub(super) stop: Vec<bool>,
    /// (entry number, [word number and weight, `pack`ed]) for each entry counted, words in the
    /// order met.
    pub(super) entries: Vec<(usize, Vec<u32>)>,
}

/// Bits of a packed count that hold its weight (at most `MAX_WEIGHT`); the other 26 hold the
/// word's (or stem's) number, room for 67 million distinct words. Every word of a big toolkit
/// is counted and kept until the end: one number a word, not two.
pub(super) const WEIGHT_BITS: u32 = 6;
const _: () = assert!(MAX_WEIGHT < 1 << WEIGHT_BITS);

/// A number and a weight as one: the weight is capped at `MAX_WEIGHT`, which changes nothing,
/// since the index caps every sum of weights there too and weights are never negative.
pub(super) fn pack(number: u32, weight: u32) -> u32 {
    (number << WEIGHT_BITS) | weight.min(MAX_WEIGHT)
}

/// The number and weight of a packed count.
pub(super) fn unpack(count: u32) -> (u32, u32) {
    (count >> WEIGHT_BITS, count & ((1 << WEIGHT_BITS) - 1))
}

/// The weight slot of a stop word, never counted.
const STOP: u32 = u32::MAX;

pub(super) struct Counter<'s> {
    stop_words: &'s [&'s str],
    /// Word numbers of words of up to 8 bytes (most words), by their bytes as one integer: no
    /// string to compare.
    short: HashMap<u64, u32, Fast>,
    /// Word numbers of longer words.
    number: HashMap<String, u32, Fast>,
    pub(super) counted: Counted,
    /// The weight of each word in the entry being counted (zero for the words it lacks, `STOP`
    /// for a stop word: one look-up tells both).
    weights: Vec<u32>,
    /// The words of the entry being counted, in the order met: the first `met_len`, in room
    /// for every word of the vocabulary.
    met: Vec<u32>,
    met_len: usize,
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
            met_len: 0,
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
        let counts = self.met[..self.met_len]
            .iter()
            .map(|&w| pack(w, std::mem::take(&mut weights[w as usize])))
            .collect();
        self.met_len = 0;
        self.counted.entries.push((n, counts));
    }

    fn add(&mut self, text: &str, weight: u32) {
        // Called for every word of the toolkit: worth a place inside the splitter's loop.
        for_each_word(
            text,
            #[inline(always)]
            |w| {
                let known = match w {
                    Word::Packed(key) => self.short.get(&key),
                    Word::Text(word) => self.number.get(word),
                };
                // Most words were met before: the rest is kept out of the way of the loop.
                let id = match known {
                    Some(&id) => id,
                    None => self.first_met(w),
                };
                let Some(slot) = self.weights.get_mut(id as usize) else {
                    return;
                };
                // Without a branch: whether a word is a stop word, or new to the entry, cannot
                // be foreseen, and a guess missed costs more than the arithmetic.
                let was = *slot;
                *slot = was.saturating_add(weight * u32::from(was != STOP));
                if let Some(last) = self.met.get_mut(self.met_len) {
                    *last = id;
                }
                self.met_len += usize::from(was == 0);
            },
        );
    }

    /// Numbers a word this counter meets for the first time.
    #[cold]
    #[inline(never)]
    fn first_met(&mut self, w: Word) -> u32 {
        let id = self.counted.words.len() as u32;
        let word = w.to_text();
        let stop = self.stop_words.contains(&word.as_str());
        match w {
            Word::Packed(key) => self.short.insert(key, id),
            Word::Text(_) => self.number.insert(word.clone(), id),
        };
        self.counted.stop.push(stop);
        self.counted.words.push(word);
        self.weights.push(if stop { STOP } else { 0 });
        self.met.push(0);
        id
    }
}
