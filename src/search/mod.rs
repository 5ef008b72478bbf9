//! The search index: every page (title, summary, headings with their anchors, text), every
//! checklist item, worksheet and resource, with the address to land on and its phase. Written at
//! build time as `search/search-index.js` (the stems and entries) and `search/text-<n>.js` (the
//! entries' text, for snippets, 64 entries a file), scripts that set a global, because browsers
//! refuse fetch() of local files: a script element works from file:// too. trellis-search.js
//! loads the index when a search box is first used, does the matching, and loads only the text
//! files of the results it shows.
//!
//! The index maps each stem (folded, stemmed by the site's language, always the start of the
//! words it stands for) to the entries that hold it and a weight: title words count most, then
//! headings and prompts, then the summary, then the text. The script matches a query word to
//! every stem it starts with (typing), and to the stems the word itself starts with (its own
//! inflections, so no stemmer is needed in the browser).

pub(crate) mod collect;
mod count;
pub(crate) mod site;
pub(crate) mod words;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;

pub(crate) use crate::markdown::Part;
use crate::{locked, unlocked};
use count::{pack, unpack, Counted, Counter};
use words::{stop_words, Stems};

/// Where the index is written, from the output root.
pub(crate) const INDEX_FILE: &str = "search/search-index.js";

/// What a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Page = 0,
    ChecklistItem = 1,
    Worksheet = 2,
    Resource = 3,
}

/// One thing a search can find.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) kind: Kind,
    pub(crate) title: String,
    /// The file to open, from the output root, with `#anchor` when it lands inside a page.
    pub(crate) url: String,
    /// The phase (folder name) it belongs to.
    pub(crate) phase: Option<String>,
    /// What it is part of: a page's section, an item's checklist.
    pub(crate) context: Option<String>,
    pub(crate) summary: Option<String>,
    /// Its text, in parts that start at headings (or worksheet sections).
    pub(crate) parts: Arc<Vec<Part>>,
}

/// Hashing every word of the toolkit is a good part of the index's cost, so words are hashed
/// by a multiply-and-rotate hash (as rustc's FxHash does) rather than the default SipHash; the
/// keys are the author's own words, not an attacker's.
type Fast = BuildHasherDefault<WordHasher>;

#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn finish(&self) -> u64 {
        // A product's low bits depend only on the low bits of what was multiplied (a word's first
        // letters), and the table picks buckets by the low bits: bring the mixed middle down.
        self.0.rotate_left(26)
    }
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// How much a word counts where it appears: a title above headings above text.
const TITLE: u32 = 12;
const HEADING: u32 = 5;
const SUMMARY: u32 = 3;
const TEXT: u32 = 1;
/// Many repeats in the text should not outweigh a title.
const MAX_WEIGHT: u32 = 40;
/// Entries per text file: a query loads the files of the results it shows, not the whole text.
pub(crate) const TEXT_CHUNK: usize = 64;

/// The index as the script receives it.
#[derive(Serialize)]
struct IndexJson<'a> {
    v: u32,
    lang: &'a str,
    stop: &'a [&'a str],
    phases: Vec<&'a str>,
    /// Entries per text file (`search/text-<n>.js` holds entries n*chunk to (n+1)*chunk - 1).
    chunk: usize,
    /// Per entry: kind, title, url, phase (index in `phases`, or -1), context.
    docs: Vec<DocJson>,
    /// Stems in sorted order (the script looks prefixes up by bisection).
    terms: Vec<&'a str>,
    /// For each stem: entry numbers (each as the distance from the previous one) and weights,
    /// alternating.
    post: Vec<Vec<u32>>,
}

/// An entry as the index lists it: kind, title, url, phase (index in the phases, or -1), context.
type DocJson = (u8, String, String, i64, String);

/// The index made as its entries arrive, from any thread and in any order. Each entry's words
/// are counted and its text set aside as JSON at once, so whoever hands an entry over may let
/// its text go (a build does, right after each page's Markdown); a text file is handed to
/// `keep` (which a build writes at once) as soon as all its entries are in. `finish` makes the
/// index itself. The same entries always give the same bytes.
pub(crate) struct Builder<'a, T> {
    language: &'a str,
    stop: &'static [&'static str],
    /// (folder name, title) of each phase, in the toolkit's order.
    phases: &'a [(String, String)],
    keep: &'a (dyn Fn(&str, String) -> T + Sync),
    /// Counters not in use: at most one per thread is ever made.
    counters: Mutex<Vec<Counter<'static>>>,
    /// Each entry's line in the index, by entry number.
    docs: Mutex<Vec<(usize, DocJson)>>,
    /// Text files not yet complete: each entry's text as JSON, by its place in the file.
    waiting: Mutex<HashMap<usize, Vec<Option<String>>>>,
    /// Text files made, by number.
    texts: Mutex<Vec<(usize, T)>>,
}

impl<'a, T: Send> Builder<'a, T> {
    pub(crate) fn new(
        language: &'a str,
        phases: &'a [(String, String)],
        keep: &'a (dyn Fn(&str, String) -> T + Sync),
    ) -> Self {
        Builder {
            language,
            stop: stop_words(language),
            phases,
            keep,
            counters: Mutex::default(),
            docs: Mutex::default(),
            waiting: Mutex::default(),
            texts: Mutex::default(),
        }
    }

    /// Adds entry number `n` (numbers run from 0 with no gaps by the time of `finish`).
    pub(crate) fn add(&self, n: usize, entry: Entry) {
        let taken = locked(&self.counters).pop();
        let mut counter = taken.unwrap_or_else(|| Counter::new(self.stop));
        counter.entry(n, &entry);
        locked(&self.counters).push(counter);
        let text = text_json(&entry);
        let (file, at) = (n / TEXT_CHUNK, n % TEXT_CHUNK);
        let complete = {
            let mut waiting = locked(&self.waiting);
            let texts = waiting
                .entry(file)
                .or_insert_with(|| vec![None; TEXT_CHUNK]);
            texts[at] = Some(text);
            if texts.iter().all(Option::is_some) {
                waiting.remove(&file)
            } else {
                None
            }
        };
        if let Some(texts) = complete {
            self.text_file(file, texts);
        }
        locked(&self.docs).push((n, doc_json(entry, self.phases)));
    }

    /// The index and the text files, by path from the output root: `INDEX_FILE`, then the text
    /// files in order.
    pub(crate) fn finish(self) -> Vec<(String, T)> {
        // The last file holds fewer entries than the others.
        let mut last: Vec<_> = locked(&self.waiting).drain().collect();
        last.sort_by_key(|(file, _)| *file);
        for (file, texts) in last {
            self.text_file(file, texts);
        }
        let Builder {
            language,
            stop,
            phases,
            keep,
            counters,
            docs,
            texts,
            ..
        } = self;
        let counted = unlocked(counters).into_iter().map(|c| c.counted).collect();
        let mut docs = unlocked(docs);
        docs.sort_unstable_by_key(|(n, _)| *n);
        let (terms, post) = postings(language, counted);
        let index = IndexJson {
            v: 1,
            lang: language,
            stop,
            phases: phases.iter().map(|(_, t)| t.as_str()).collect(),
            chunk: TEXT_CHUNK,
            docs: docs.into_iter().map(|(_, d)| d).collect(),
            terms: terms.iter().map(String::as_str).collect(),
            post,
        };
        let script = global("TrellisSearchIndex", &index);
        let mut out = vec![(INDEX_FILE.to_string(), keep(INDEX_FILE, script))];
        let mut texts = unlocked(texts);
        texts.sort_unstable_by_key(|(file, _)| *file);
        out.extend(texts.into_iter().map(|(file, t)| (text_file(file), t)));
        out
    }

    /// Text file number `file`, from its entries' texts.
    fn text_file(&self, file: usize, texts: Vec<Option<String>>) {
        // Made at its final size: a text file is hundreds of KB, better not copied as it grows.
        let size: usize = texts.iter().flatten().map(|t| t.len() + 1).sum();
        let mut script = String::with_capacity(size + 80);
        script.push_str(&format!(
            "(window.TrellisSearchText = window.TrellisSearchText || {{}})[{file}] = ["
        ));
        for (i, text) in texts.iter().flatten().enumerate() {
            if i > 0 {
                script.push(',');
            }
            script.push_str(text);
        }
        script.push_str("];\n");
        let kept = (self.keep)(&text_file(file), script);
        locked(&self.texts).push((file, kept));
    }
}

/// The stems of every entry's words, sorted, and for each stem its entries and weights as
/// [gap, weight, gap, weight ...] (the gap from the previous entry number).
fn postings(language: &str, mut counted: Vec<Counted>) -> (Vec<String>, Vec<Vec<u32>>) {
    // Each distinct word is stemmed once; stems are numbered in sorted order.
    // (The vocabulary is small beside the counts: it is copied, so the counts can go.)
    let mut distinct: Vec<String> = counted
        .iter()
        .flat_map(|c| c.words.iter().zip(&c.stop))
        .filter(|(_, stop)| !**stop)
        .map(|(w, _)| w.clone())
        .collect();
    distinct.sort_unstable();
    distinct.dedup();
    let mut stems = Stems::new(language);
    let stem_of: Vec<String> = distinct.iter().map(|w| stems.stem(w).to_string()).collect();
    let mut terms = stem_of.clone();
    terms.sort_unstable();
    terms.dedup();
    let term_id: HashMap<&str, u32, Fast> = distinct
        .iter()
        .zip(&stem_of)
        .map(|(w, s)| (w.as_str(), terms.binary_search(s).unwrap_or(0) as u32))
        .collect();
    // Each entry's counts turn from word numbers into stem numbers where they are (at 10,000
    // pages these lists are tens of MB: better not copied).
    counted.par_iter_mut().for_each(|c| {
        let term: Vec<u32> = c
            .words
            .iter()
            .map(|w| term_id.get(w.as_str()).copied().unwrap_or(u32::MAX))
            .collect();
        let mut weights = vec![0; terms.len()];
        for (_, words) in &mut c.entries {
            to_stems(words, &term, &mut weights);
        }
    });
    // Each stem's list made at its final size, then filled entry by entry, in order, each
    // entry's counts dropped once added.
    let mut sizes = vec![0usize; terms.len()];
    let all = counted.iter().flat_map(|c| &c.entries);
    for &count in all.flat_map(|(_, counts)| counts) {
        sizes[unpack(count).0 as usize] += 2;
    }
    let mut post: Vec<Vec<u32>> = sizes.into_iter().map(Vec::with_capacity).collect();
    let mut order: Vec<(usize, usize, usize)> = Vec::new();
    for (c, counter) in counted.iter().enumerate() {
        order.extend(
            counter
                .entries
                .iter()
                .enumerate()
                .map(|(i, (n, _))| (*n, c, i)),
        );
    }
    order.sort_unstable();
    let mut last = vec![0u32; terms.len()];
    for (doc, c, i) in order {
        for count in std::mem::take(&mut counted[c].entries[i].1) {
            let (t, weight) = unpack(count);
            let t = t as usize;
            post[t].push(doc as u32 - last[t]);
            post[t].push(weight.min(MAX_WEIGHT));
            last[t] = doc as u32;
        }
    }
    (terms, post)
}

/// Turns an entry's word weights into weights by stem number, the words of one stem added up,
/// each stem where its first word was. `term` gives each word number's stem number; `weights`
/// (zero for every stem, and left so) is room to add them up in.
fn to_stems(counts: &mut Vec<u32>, term: &[u32], weights: &mut [u32]) {
    let mut kept = 0;
    for i in 0..counts.len() {
        let (word, weight) = unpack(counts[i]);
        let t = term[word as usize];
        // Every counted word has a stem (only stop words have none, and they are not counted).
        let Some(sum) = weights.get_mut(t as usize) else {
            continue;
        };
        if *sum == 0 {
            counts[kept] = t;
            kept += 1;
        }
        *sum += weight;
    }
    counts.truncate(kept);
    for c in counts.iter_mut() {
        *c = pack(*c, std::mem::take(&mut weights[*c as usize]));
    }
}

/// Where the text of entries n*TEXT_CHUNK.. is written.
pub(crate) fn text_file(n: usize) -> String {
    format!("search/text-{n}.js")
}

/// A script that sets `window.<name>` to `value` as JSON, written into one buffer (the index
/// of a large toolkit is megabytes, better not copied again).
fn global<T: Serialize>(name: &str, value: &T) -> String {
    let mut out = format!("window.{name} = ").into_bytes();
    if serde_json::to_writer(&mut out, value).is_err() {
        out.extend_from_slice(b"null");
    }
    out.extend_from_slice(b";\n");
    String::from_utf8(out).unwrap_or_default()
}

fn doc_json(e: Entry, phases: &[(String, String)]) -> DocJson {
    let phase = e
        .phase
        .as_ref()
        .and_then(|p| phases.iter().position(|(name, _)| name == p))
        .map_or(-1, |i| i as i64);
    (
        e.kind as u8,
        e.title,
        e.url,
        phase,
        e.context.unwrap_or_default(),
    )
}

/// One entry's text as JSON, for snippets and landing on a heading: its summary, then its parts
/// as [anchor, heading, text].
fn text_json(e: &Entry) -> String {
    let size: usize = e.parts.iter().map(|p| p.text.len() + 16).sum();
    let mut out = String::with_capacity(size + 16);
    out.push('[');
    push_json_str(&mut out, e.summary.as_deref().unwrap_or(""));
    out.push_str(",[");
    for (i, p) in e.parts.iter().enumerate() {
        out.push_str(if i == 0 { "[" } else { ",[" });
        push_json_str(&mut out, p.anchor.as_deref().unwrap_or(""));
        out.push(',');
        push_json_str(&mut out, p.heading.as_deref().unwrap_or(""));
        out.push(',');
        push_json_str(&mut out, &p.text);
        out.push(']');
    }
    out.push_str("]]");
    out
}

/// `s` as a JSON string. Most text holds nothing to escape (no quote, backslash or control
/// character): it is then copied between quotes as it is, found so by one pass that the
/// compiler makes many bytes at a time; other text is written by serde_json.
fn push_json_str(out: &mut String, s: &str) {
    let escaped = s.bytes().fold(false, |found, b| {
        found | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if escaped {
        out.push_str(&serde_json::to_string(s).unwrap_or_default());
    } else {
        out.push('"');
        out.push_str(s);
        out.push('"');
    }
}

#[cfg(test)]
mod tests;
