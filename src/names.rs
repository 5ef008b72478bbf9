//! Slugs and ids: the one rule (FORMAT.md "Names") for everything derived from text.

/// Lower-cases, folds accents to ASCII, and turns every other run of characters into one `-`.
/// `"Défining rôles & goals"` becomes `"defining-roles-goals"`.
pub(crate) fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Whether an explicit slug or id is made of `[a-z0-9-]` only (and is not empty).
pub(crate) fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_joins_runs() {
        assert_eq!(slugify("Défining rôles & goals"), "defining-roles-goals");
        assert_eq!(slugify("  What's a check-in?  "), "what-s-a-check-in");
        assert_eq!(slugify("Étape 2 : l'accord"), "etape-2-l-accord");
        assert_eq!(slugify("???"), "");
    }

    #[test]
    fn validates_explicit_slugs() {
        assert!(is_valid_slug("goals-2"));
        assert!(!is_valid_slug("Goals"));
        assert!(!is_valid_slug("a/b"));
        assert!(!is_valid_slug(""));
    }
}
