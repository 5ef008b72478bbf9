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

/// What a byte is to the word splitter: one look-up per byte instead of several tests.
const SEPARATOR: u8 = 0;
/// A lower-case ASCII letter or a digit.
const LOWER: u8 = 1;
const UPPER: u8 = 2;
/// Part of a character beyond ASCII.
const BEYOND: u8 = 4;
const BYTE_CLASS: [u8; 256] = {
    let mut table = [SEPARATOR; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'0'..=b'9' => LOWER,
            b'A'..=b'Z' => UPPER,
            0x80..=0xff => BEYOND,
            _ => SEPARATOR,
        };
        b += 1;
    }
    table
};

/// Calls `f` with each word of `text`, folded: runs of letters and digits, at least `MIN_WORD`
/// long. This runs over the whole toolkit, so a word of ASCII letters that are already lower
/// case (most words) is handed over as it lies in the text, without a copy.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut word = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if BYTE_CLASS[usize::from(bytes[i])] == SEPARATOR {
            i += 1;
            continue;
        }
        let start = i;
        let mut classes = 0;
        while i < bytes.len() {
            let class = BYTE_CLASS[usize::from(bytes[i])];
            if class & (LOWER | UPPER) == 0 {
                break;
            }
            classes |= class;
            i += 1;
        }
        if i == bytes.len() || BYTE_CLASS[usize::from(bytes[i])] == SEPARATOR {
            if i - start >= MIN_WORD {
                if classes & UPPER != 0 {
                    word.clear();
                    word.push_str(&text[start..i]);
                    word.make_ascii_lowercase();
                    f(&word);
                } else {
                    f(&text[start..i]);
                }
            }
            continue;
        }
        // A letter beyond ASCII: the word is folded character by character.
        word.clear();
        word.push_str(&text[start..i]);
        word.make_ascii_lowercase();
        let mut chars = i - start;
        for c in text[i..].chars() {
            if !c.is_alphanumeric() {
                if chars == 0 {
                    // Not a word after all (a dash, a quote): step over it.
                    i += c.len_utf8();
                }
                break;
            }
            i += c.len_utf8();
            fold_char(c, &mut word);
            chars += 1;
        }
        if chars >= MIN_WORD {
            f(&word);
        }
    }
}

/// The words of `text`, as `for_each_word` sees them.
#[cfg(test)]
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
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
