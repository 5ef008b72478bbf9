//! Reading TOML entry by entry and field by field: a mistake in one field is reported, the
//! field left out and the rest read again, so one run lists every independent mistake.

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{backticked, TomlSource};
use crate::diagnostic::{did_you_mean, Diagnostic};

impl<'a> TomlSource<'a> {
    /// Reads a file of a few settings (`H`) and a list of entries under `key` (`[[resource]]`),
    /// each entry on its own, and each entry field by field: a mistake hides no other. Syntax
    /// errors and mistakes in the settings stop the file. Returns the settings, the entries that
    /// could be read (an entry with a wrong field is read without it, so its other fields are
    /// still checked) and every mistake.
    pub(crate) fn parse_entries<H: DeserializeOwned, E: DeserializeOwned>(
        &self,
        what: &str,
        key: &str,
    ) -> Result<(H, Vec<E>, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut table = self.document(what).map_err(|d| vec![d])?;
        let entries = self
            .take_entries(&mut table, key, what)
            .map_err(|d| vec![d])?;
        let (head, mut mistakes) = self.read::<H>(table, what, &[key]);
        let Some(head) = head else {
            return Err(mistakes);
        };
        let mut read = Vec::new();
        for item in entries {
            let (entry, found) = self.read(item, what, &[]);
            read.extend(entry);
            mistakes.extend(found);
        }
        Ok((head, read, mistakes))
    }

    /// Reads the whole text as `T`, field by field: every field with a mistake is reported (and
    /// left out), so one run shows them all. `T` comes back when it could be read without them,
    /// for the checks that follow (an unknown audience in front matter with a misspelt key).
    pub(crate) fn parse_fields<T: DeserializeOwned>(
        &self,
        what: &str,
    ) -> (Option<T>, Vec<Diagnostic>) {
        // Most front matter has no mistake: read it in one go, and field by field only when
        // that fails (every page's front matter passes here).
        if let Ok(read) = toml::from_str(self.text()) {
            return (Some(read), Vec::new());
        }
        match self.document(what) {
            Ok(table) => self.read(table, what, &[]),
            Err(d) => (None, vec![d]),
        }
    }

    /// The text's TOML, syntax checked, as a table to read from.
    pub(crate) fn document(&self, what: &str) -> Result<Spanned<DeValue<'a>>, Diagnostic> {
        let table = DeTable::parse(self.text()).map_err(|e| self.explain(&e, what))?;
        let span = table.span();
        Ok(Spanned::new(span, DeValue::Table(table.into_inner())))
    }

    /// Takes the list of tables under `key` out of `table` (`[[section]]`), each to be read on
    /// its own.
    pub(crate) fn take_entries<'i>(
        &self,
        table: &mut Spanned<DeValue<'i>>,
        key: &str,
        what: &str,
    ) -> Result<Vec<Spanned<DeValue<'i>>>, Diagnostic> {
        let DeValue::Table(fields) = table.get_mut() else {
            return Ok(Vec::new());
        };
        let Some(entries) = fields.remove(key) else {
            return Ok(Vec::new());
        };
        let span = entries.span();
        match entries.into_inner() {
            DeValue::Array(items) => Ok(items.into_iter().collect()),
            _ => Err(self
                .error_at(
                    span,
                    format!("`{key}` in {what} must be a list of [[{key}]] tables"),
                )
                .hint(format!("start each entry with a line [[{key}]]"))),
        }
    }

    /// Reads `value` as `T`. On a mistake, the field it is in is reported and left out, and the
    /// value read again, until it reads or a required field is missing. `also` are keys that
    /// `T` leaves to the caller (taken out with `take_entries`) but are allowed here.
    pub(crate) fn read<T: DeserializeOwned>(
        &self,
        mut value: Spanned<DeValue<'_>>,
        what: &str,
        also: &[&str],
    ) -> (Option<T>, Vec<Diagnostic>) {
        use toml::de::ValueDeserializer;
        let mut mistakes = Vec::new();
        let mut removed: Vec<String> = Vec::new();
        loop {
            let err = match T::deserialize(ValueDeserializer::from(value.clone())) {
                Ok(read) => return (Some(read), mistakes),
                Err(e) => e,
            };
            let missing_field = err.message().starts_with("missing field");
            // A required field that was left out for its own mistake, or misspelt (`titel` for
            // `title`): already reported.
            let missing = backticked(err.message()).into_iter().next();
            if missing_field
                && missing.is_some_and(|m| {
                    removed.contains(&m)
                        || removed
                            .iter()
                            .any(|r| did_you_mean(r, [m.as_str()]).is_some())
                })
            {
                return (None, mistakes);
            }
            let raw = match err.message() {
                m if m.starts_with("unknown field") && !also.is_empty() => {
                    let more: Vec<String> = also.iter().map(|k| format!("`{k}`")).collect();
                    format!("{m}, {}", more.join(", "))
                }
                m => m.to_string(),
            };
            mistakes.push(self.explain_message(err.span().unwrap_or(0..0), &raw, what));
            if missing_field {
                return (None, mistakes);
            }
            let (Some(at), DeValue::Table(fields)) = (err.span(), value.get_mut()) else {
                return (None, mistakes);
            };
            let culprit = fields
                .iter()
                .find(|(k, v)| {
                    let (ks, vs) = (k.span(), v.span());
                    (ks.start <= at.start && at.start < ks.end.max(ks.start + 1))
                        || (vs.start <= at.start && at.end <= vs.end)
                })
                .map(|(k, _)| k.get_ref().to_string());
            match culprit {
                Some(k) if mistakes.len() < 20 => {
                    fields.remove(k.as_str());
                    removed.push(k);
                }
                _ => return (None, mistakes),
            }
        }
    }
}
