//! French typography for the text the theme formats: a no-break space (U+00A0) before `:` `;`
//! `?` `!` and inside « », and a decimal comma. English text is left exactly as it is.
//!
//! U+00A0 rather than the narrow U+202F: every font a reader's device may fall back to has it,
//! and the theme's strings already used it, so a page looks the same on an old phone.

/// The no-break space the theme puts where French typography wants one.
pub(crate) const NBSP: char = '\u{a0}';

/// Whether `language` ("fr", "fr-CA") is written with French typography.
pub(crate) fn is_french(language: &str) -> bool {
    super::primary(language).eq_ignore_ascii_case("fr")
}

/// `text` with French spacing: a space (or none) before `: ; ? !` becomes a no-break space, as
/// does the space just inside « and ». A colon or mark with no space after it and something
/// other than the end after it (`10:30`, `?q=`) is not punctuation and is left alone.
pub(crate) fn french(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|j| chars[j]);
        match c {
            ':' | ';' | '?' | '!' if ends_word(next) => {
                if out.ends_with(' ') {
                    out.pop();
                }
                if !(prev.is_none() || out.ends_with(NBSP) || out.ends_with(['?', '!'])) {
                    out.push(NBSP);
                }
                out.push(c);
            }
            ' ' if prev == Some('«') => out.push(NBSP),
            '»' => {
                if out.ends_with(' ') {
                    out.pop();
                }
                if !out.ends_with(NBSP) {
                    out.push(NBSP);
                }
                out.push(c);
            }
            '«' => {
                out.push(c);
                if next.is_some_and(|n| n != ' ' && n != NBSP) {
                    out.push(NBSP);
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// After a punctuation mark: the end, a space, or more punctuation (`?!`, `:»`) or a
/// closing bracket.
fn ends_word(next: Option<char>) -> bool {
    next.is_none_or(|n| n.is_whitespace() || matches!(n, '?' | '!' | '»' | ')' | '.' | ','))
}

/// A number with one decimal in the reader's language: "3.8", or "3,8" in French.
pub(crate) fn decimal_mark(language: &str) -> char {
    if is_french(language) {
        ','
    } else {
        '.'
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_french_colon_question_and_quotes_get_no_break_spaces() {
        assert_eq!(french("Pour :"), "Pour\u{a0}:");
        assert_eq!(french("Effacer les coches ?"), "Effacer les coches\u{a0}?");
        assert_eq!(french("Vraiment?"), "Vraiment\u{a0}?");
        assert_eq!(french("un ; deux"), "un\u{a0}; deux");
        assert_eq!(
            french("Aucun résultat pour « {query} »."),
            "Aucun résultat pour «\u{a0}{query}\u{a0}»."
        );
        assert_eq!(french("«oui»"), "«\u{a0}oui\u{a0}»");
    }

    #[test]
    fn text_already_spaced_or_not_punctuation_is_left_alone() {
        let spaced = "Public\u{a0}: {name}";
        assert_eq!(french(spaced), spaced);
        assert_eq!(french("à 10:30, voir ?q=1"), "à 10:30, voir ?q=1");
        assert_eq!(french("Quoi ?!"), "Quoi\u{a0}?!");
    }

    #[test]
    fn french_uses_a_decimal_comma_and_english_a_point() {
        assert_eq!(decimal_mark("fr-CA"), ',');
        assert_eq!(decimal_mark("fr"), ',');
        assert_eq!(decimal_mark("en"), '.');
        assert!(!is_french("frr"));
    }
}
