//! Words as search sees them: folded (lower case, accents off), split, stemmed by the site's
//! language. trellis-search.js folds a query the same way, so both sides must agree: see
//! `fold_char` and `fold` in the script.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

/// A word shorter than this is not indexed (and not looked up): single letters are mostly
/// elisions (`l'équipe`) and list markers.
pub(crate) const MIN_WORD: usize = 2;

/// Lower case, with the accents of Latin letters folded (`É` -> `e`, `œ` -> `oe`). Other
/// scripts are only lower-cased, so a word in Greek or Japanese still finds itself.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Latin-1 Supplement, Latin Extended-A and -B, Latin Extended Additional.
    let latin = matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF);
    if latin && c.is_alphabetic() {
        if let Some(ascii) = deunicode::deunicode_char(c) {
            if ascii.chars().all(|a| a.is_ascii_alphabetic()) {
                out.extend(ascii.chars().map(|a| a.to_ascii_lowercase()));
                return;
            }
        }
    }
    out.extend(c.to_lowercase());
}

/// A folded word as the counter looks it up. One of up to 8 bytes (most words) is those bytes
/// in one integer, first byte lowest: no string to hash or compare, and no two words share one,
/// since a word holds no zero byte. A longer word is its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word<'a> {
    Packed(u64),
    Text(&'a str),
}

impl<'a> Word<'a> {
    /// A word already folded.
    pub(crate) fn of(folded: &'a str) -> Word<'a> {
        let bytes = folded.as_bytes();
        if bytes.len() > 8 {
            return Word::Text(folded);
        }
        let mut key = [0u8; 8];
        key[..bytes.len()].copy_from_slice(bytes);
        Word::Packed(u64::from_le_bytes(key))
    }

    /// The folded word as text.
    pub(crate) fn to_text(self) -> String {
        match self {
            Word::Text(text) => text.to_string(),
            Word::Packed(key) => {
                let bytes = key.to_le_bytes();
                let len = bytes.iter().position(|&b| b == 0).unwrap_or(8);
                String::from_utf8_lossy(&bytes[..len]).into_owned()
            }
        }
    }
}

/// The splitter reads text 64 bytes at a time, and each 8 of them as the lanes of one integer.
const BLOCK: usize = 64;
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
/// The bit that makes an ASCII letter lower case, in every lane.
const CASE: u64 = 0x2020_2020_2020_2020;

/// Which of 8 bytes (the first lowest) are word bytes: ASCII letters and digits, and bytes of
/// characters beyond ASCII (looked at one by one later). Each byte is compared as a lane of the
/// integer, its top bit set by an addition that overflows exactly at the bound.
fn word_bytes8(x: u64) -> u64 {
    let seven = x & !HIGH;
    let at_least = |lanes: u64, bound: u8| (lanes + ONES * u64::from(0x80 - bound)) & HIGH;
    let folded = seven | CASE;
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(seven, b'0') & !at_least(seven, b'9' + 1);
    let word = (x & HIGH) | letter | digit;
    // Each lane's top bit, brought down to one bit per byte.
    ((word >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Which bytes of a block are word bytes, one bit each, the first lowest.
fn word_bytes(block: &[u8; BLOCK]) -> u64 {
    let mut bits = 0;
    for (k, lanes) in block.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(lanes.try_into().unwrap_or_default());
        bits |= word_bytes8(x) << (8 * k);
    }
    bits
}

/// Calls `f` with each word of `text`, folded: runs of letters and digits, at least `MIN_WORD`
/// long. This runs over every word of the toolkit, so the text is read a block at a time: the
/// word bytes of a block are found at once, and its words are taken from where a run of them
/// starts to where it ends. A word of ASCII letters and digits is folded without a copy.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(Word)) {
    let bytes = text.as_bytes();
    let mut folded = String::new();
    let blocks = bytes.chunks_exact(BLOCK);
    let mut last = [0u8; BLOCK];
    last[..blocks.remainder().len()].copy_from_slice(blocks.remainder());
    let last = (!blocks.remainder().is_empty()).then_some(&last);
    let blocks = blocks.map(|b| b.try_into().unwrap_or(&[0; BLOCK]));
    // Where a word that runs on from the block before starts.
    let mut open: Option<usize> = None;
    // Whether the block before ended inside a word.
    let mut carry = 0;
    for (n, block) in blocks.chain(last).enumerate() {
        let base = n * BLOCK;
        let bits = word_bytes(block);
        let after_word = (bits << 1) | carry;
        carry = bits >> (BLOCK - 1);
        let mut starts = bits & !after_word;
        let mut ends = !bits & after_word;
        if let Some(start) = open {
            if ends == 0 {
                continue;
            }
            word(
                text,
                start,
                base + ends.trailing_zeros() as usize,
                &mut folded,
                &mut f,
            );
            ends &= ends - 1;
            open = None;
        }
        while ends != 0 {
            let start = base + starts.trailing_zeros() as usize;
            let end = base + ends.trailing_zeros() as usize;
            word(text, start, end, &mut folded, &mut f);
            starts &= starts - 1;
            ends &= ends - 1;
        }
        if starts != 0 {
            open = Some(base + starts.trailing_zeros() as usize);
        }
    }
    if let Some(start) = open {
        word(text, start, bytes.len(), &mut folded, &mut f);
    }
}

/// The run of word bytes `text[start..end]`, as one word or (beyond ASCII) several.
#[inline(always)]
fn word(text: &str, start: usize, end: usize, folded: &mut String, f: &mut impl FnMut(Word)) {
    let bytes = text.as_bytes();
    let len = end - start;
    if len <= 8 {
        // ASCII letters and digits are folded by setting the case bit of every lane (a digit
        // has it already).
        let lanes = u64::MAX >> (64 - 8 * len);
        let key = first_eight(bytes, start) & lanes;
        if key & HIGH == 0 {
            if len >= MIN_WORD {
                f(Word::Packed(key | (CASE & lanes)));
            }
            return;
        }
    } else if bytes[start..end]
        .iter()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        f(Word::Text(&text[start..end]));
        return;
    }
    fold_words(&text[start..end], folded, f);
}

/// Up to 8 bytes from `at`, the first lowest, zeros past the end.
fn first_eight(bytes: &[u8], at: usize) -> u64 {
    let mut eight = [0u8; 8];
    match bytes.get(at..at + 8) {
        Some(b) => eight.copy_from_slice(b),
        None => {
            let rest = &bytes[at.min(bytes.len())..];
            eight[..rest.len()].copy_from_slice(rest);
        }
    }
    u64::from_le_bytes(eight)
}

/// A run of word bytes with capitals in a long word, or characters beyond ASCII: folded a
/// character at a time, and split where a character is not a letter or digit (a dash, a
/// no-break space).
#[cold]
#[inline(never)]
fn fold_words(run: &str, word: &mut String, f: &mut impl FnMut(Word)) {
    word.clear();
    if run.is_ascii() {
        if run.len() >= MIN_WORD {
            word.push_str(run);
            word.make_ascii_lowercase();
            f(Word::of(word));
        }
        return;
    }
    let mut chars = 0;
    for c in run.chars() {
        if c.is_alphanumeric() {
            fold_char(c, word);
            chars += 1;
        } else {
            if chars >= MIN_WORD {
                f(Word::of(word));
            }
            word.clear();
            chars = 0;
        }
    }
    if chars >= MIN_WORD {
        f(Word::of(word));
    }
}

/// The words of `text`, as `for_each_word` sees them.
#[cfg(test)]
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| {
        let folded = w.to_text();
        // A word comes packed exactly when it is short, whichever way it was folded.
        assert_eq!(w, Word::of(&folded));
        out.push(folded);
    });
    out
}

/// Words too common to tell pages apart, per language. They are left out of the index, and the
/// script drops them from queries (the index carries the list).
pub(crate) fn stop_words(language: &str) -> &'static [&'static str] {
    match language {
        "en" => &[
            "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "if", "in", "into",
            "is", "it", "its", "of", "on", "or", "so", "that", "the", "their", "them", "then",
            "there", "these", "they", "this", "to", "was", "were", "will", "with",
        ],
        "fr" => &[
            "au", "aux", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "est", "et", "il",
            "ils", "la", "le", "les", "leur", "leurs", "ou", "par", "pour", "qu", "que", "qui",
            "sa", "se", "ses", "son", "sur", "un", "une",
        ],
        _ => &[],
    }
}

/// Stems folded words in the site's language, remembering each word's stem.
pub(crate) struct Stems {
    stemmer: Option<Stemmer>,
    memo: HashMap<String, String>,
}

impl Stems {
    /// English and French have Snowball stemmers; other languages are matched by prefix only.
    pub(crate) fn new(language: &str) -> Stems {
        let algorithm = match language {
            "en" => Some(Algorithm::English),
            "fr" => Some(Algorithm::French),
            _ => None,
        };
        Stems {
            stemmer: algorithm.map(Stemmer::create),
            memo: HashMap::new(),
        }
    }

    /// The stem of a folded word, cut back where Snowball rewrote an ending (`community` gives
    /// `communiti`, kept as `communit`), so that a stem is always the start of its words: the
    /// script relies on that to find the stem of a query word it cannot stem itself.
    pub(crate) fn stem(&mut self, word: &str) -> &str {
        if !self.memo.contains_key(word) {
            let stem = match &self.stemmer {
                Some(s) => common_prefix(word, &fold(&s.stem(word))).to_string(),
                None => word.to_string(),
            };
            let stem = if stem.is_empty() {
                word.to_string()
            } else {
                stem
            };
            self.memo.insert(word.to_string(), stem);
        }
        &self.memo[word]
    }
}

/// The longest common start of `a` and `b`, on a character boundary.
fn common_prefix<'a>(a: &'a str, b: &str) -> &'a str {
    let end = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or_else(|| a.len().min(b.len()), |((i, _), _)| i);
    &a[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_lowers_case_and_drops_accents() {
        assert_eq!(fold("Rôle de l’Équipe"), "role de l’equipe");
        assert_eq!(fold("Œuvre, façade, Straße"), "oeuvre, facade, strasse");
        assert_eq!(fold("Ωμέγα"), "ωμέγα");
    }

    #[test]
    fn words_split_on_punctuation_and_skip_single_letters() {
        let w = words("L'équipe — co-design, 2026: a plan!");
        assert_eq!(w, ["equipe", "co", "design", "2026", "plan"]);
    }

    /// Words as `for_each_word` finds them, one character at a time: the plain definition.
    fn words_char_by_char(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let (mut word, mut chars) = (String::new(), 0);
        for c in text.chars().chain([' ']) {
            if c.is_alphanumeric() {
                fold_char(c, &mut word);
                chars += 1;
            } else {
                if chars >= MIN_WORD {
                    out.push(std::mem::take(&mut word));
                }
                word.clear();
                chars = 0;
            }
        }
        out
    }

    #[test]
    fn each_lane_is_told_a_word_byte_or_not() {
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        // Among word bytes and among separators: one lane's answer must not leak into another's.
        for around in [*b"aZ9\xc3aZ9a", *b" .-/@[`{"] {
            for lane in 0..8 {
                for b in 0..=255u8 {
                    let mut bytes = around;
                    bytes[lane] = b;
                    let expected =
                        (0..8).fold(0, |bits, i| bits | u64::from(is_word(bytes[i])) << i);
                    assert_eq!(
                        word_bytes8(u64::from_le_bytes(bytes)),
                        expected,
                        "{bytes:?}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_split_finds_the_words_of_the_plain_one(
            text in "([a-zA-Z0-9]{0,6}|[a-zA-Z0-9]{7,20}|[ ,.'’—-]|[@\\[`{\u{7f}/:]|[éÉœßΩ日\u{a0}]|[A-Za-zé]{1,3}){0,30}"
        ) {
            proptest::prop_assert_eq!(words(&text), words_char_by_char(&text));
        }
    }

    #[test]
    fn english_stems_join_inflections() {
        let mut s = Stems::new("en");
        assert_eq!(s.stem("partnering"), "partner");
        assert_eq!(s.stem("partners"), "partner");
        assert!(s.stem("partnership").starts_with("partner"));
        assert_eq!(s.stem("community"), "communit");
        assert!("communities".starts_with(s.stem("communities")));
    }

    #[test]
    fn french_stems_join_inflections() {
        let mut s = Stems::new("fr");
        let partenaire = s.stem("partenaire").to_string();
        assert_eq!(s.stem("partenaires"), partenaire);
        let equipe = s.stem("equipe").to_string();
        assert_eq!(s.stem("equipes"), equipe);
        assert_eq!(s.stem("ententes"), "entent");
    }

    #[test]
    fn other_languages_keep_the_word() {
        let mut s = Stems::new("de");
        assert_eq!(s.stem("partnerschaften"), "partnerschaften");
    }
}
