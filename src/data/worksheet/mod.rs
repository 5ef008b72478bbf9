//! `content/worksheets/<id>.toml`: a worksheet or self-assessment, parsed and checked (FORMAT.md
//! "worksheets/<id>.toml" and "Worksheets").

mod prompt;
mod rules;
#[cfg(test)]
mod tests;

use serde::Deserialize;
use toml::Spanned;

use super::fields::{self, Markdown, Refs};
use super::scoring::Scoring;
use crate::config::Name;
use crate::content::Source;
use crate::diagnostic::Diagnostic;
use crate::names::{is_valid_slug, slugify};
use crate::tomlinput::TomlSource;
use prompt::{RawPrompt, RawScale, ScaleFrom};
use rules::RawScoring;

#[derive(Debug, Clone)]
pub(crate) struct Worksheet {
    pub(crate) id: String,
    pub(crate) source: Source,
    pub(crate) title: String,
    /// Its place in lists of worksheets: lower first; worksheets without one come last.
    pub(crate) weight: Option<i64>,
    /// A phase it is listed on.
    pub(crate) phase: Option<String>,
    pub(crate) audience: Vec<String>,
    pub(crate) intro: Option<Markdown>,
    pub(crate) duration: Option<String>,
    pub(crate) group_size: Option<String>,
    pub(crate) materials: Vec<String>,
    pub(crate) sections: Vec<WorksheetSection>,
    pub(crate) scoring: Option<Scoring>,
}

#[derive(Debug, Clone)]
pub(crate) struct WorksheetSection {
    pub(crate) title: Option<String>,
    pub(crate) intro: Option<Markdown>,
    pub(crate) audience: Vec<String>,
    pub(crate) prompts: Vec<Prompt>,
}

#[derive(Debug, Clone)]
pub(crate) struct Prompt {
    pub(crate) id: String,
    /// Inline Markdown.
    pub(crate) label: Markdown,
    pub(crate) kind: Kind,
}

/// What a prompt asks for, with what each kind needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Lines { lines: u32 },
    Text,
    Choice { options: Vec<String> },
    Checkbox { options: Vec<String> },
    Scale(ScalePrompt),
    Date,
    Signature,
    Table { columns: Vec<String>, rows: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScalePrompt {
    pub(crate) scale: Scale,
    pub(crate) factor: Option<String>,
    pub(crate) category: Option<String>,
    pub(crate) reverse: bool,
    pub(crate) allow_na: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scale {
    pub(crate) min: i64,
    pub(crate) max: i64,
    pub(crate) low: Option<String>,
    pub(crate) high: Option<String>,
}

impl Kind {
    /// The name authors write in `kind = "..."`.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Kind::Lines { .. } => "lines",
            Kind::Text => "text",
            Kind::Choice { .. } => "choice",
            Kind::Checkbox { .. } => "checkbox",
            Kind::Scale(_) => "scale",
            Kind::Date => "date",
            Kind::Signature => "signature",
            Kind::Table { .. } => "table",
        }
    }
}

impl Worksheet {
    pub(crate) fn prompts(&self) -> impl Iterator<Item = &Prompt> {
        self.sections.iter().flat_map(|s| s.prompts.iter())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWorksheet {
    title: Spanned<String>,
    weight: Option<i64>,
    phase: Option<Spanned<String>>,
    #[serde(default)]
    audience: Vec<Spanned<String>>,
    intro: Option<Spanned<String>>,
    duration: Option<String>,
    group_size: Option<String>,
    #[serde(default)]
    materials: Vec<String>,
    scale: Option<Spanned<RawScale>>,
    scoring: Option<Spanned<RawScoring>>,
    #[serde(default)]
    section: Vec<Spanned<RawSection>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    title: Option<String>,
    intro: Option<Spanned<String>>,
    #[serde(default)]
    audience: Vec<Spanned<String>>,
    scale: Option<Spanned<RawScale>>,
    #[serde(default)]
    prompt: Vec<Spanned<RawPrompt>>,
}

/// A question asked twice in one section gets `-2`, `-3` ... (like repeated headings), and a
/// warning, since it is most likely a slip.
fn number_repeat(
    id: &mut String,
    ids: &[(String, std::ops::Range<usize>)],
    at: &std::ops::Range<usize>,
    input: &TomlSource,
) -> Diagnostic {
    let first = ids
        .iter()
        .find(|(x, _)| x == id)
        .map_or(0, |(_, s)| s.start);
    let base = id.clone();
    let mut n = 2;
    while ids.iter().any(|(x, _)| *x == format!("{base}-{n}")) {
        n += 1;
    }
    *id = format!("{base}-{n}");
    Diagnostic::warning(format!(
        "this question is asked twice in one section (first at {}), so its answers are kept as `{id}`",
        fields::position(input, first)
    ))
    .at_span(input.path, input.file, at.clone())
    .hint("remove one of them, or give this one its own id = \"...\"")
}

/// A section's name in derived ids: the slug of its title, or `section-<n>`.
fn section_slug(title: Option<&str>, index: usize) -> String {
    let slug = slugify(title.unwrap_or(""));
    if slug.is_empty() {
        format!("section-{}", index + 1)
    } else {
        slug
    }
}

/// Reads the file section by section and prompt by prompt, each field on its own, so one run
/// reports every mistake. Returns what could be read and the mistakes; Err when not even the
/// worksheet's own settings could be read.
fn read(input: &TomlSource) -> Result<(RawWorksheet, Vec<Diagnostic>), Vec<Diagnostic>> {
    const WHAT: &str = "the worksheet";
    let mut doc = input.document(WHAT).map_err(|d| vec![d])?;
    let sections = input
        .take_entries(&mut doc, "section", WHAT)
        .map_err(|d| vec![d])?;
    let (head, mut mistakes) = input.read::<RawWorksheet>(doc, WHAT, &["section"]);
    let Some(mut worksheet) = head else {
        return Err(mistakes);
    };
    for mut s in sections {
        let at = s.span();
        let prompts = match input.take_entries(&mut s, "prompt", WHAT) {
            Ok(p) => p,
            Err(d) => {
                mistakes.push(d);
                continue;
            }
        };
        let (section, found) = input.read::<RawSection>(s, WHAT, &["prompt"]);
        mistakes.extend(found);
        let Some(mut section) = section else {
            continue;
        };
        for p in prompts {
            let at = p.span();
            let (prompt, found) = input.read::<RawPrompt>(p, WHAT, &[]);
            mistakes.extend(found);
            section.prompt.extend(prompt.map(|p| Spanned::new(at, p)));
        }
        worksheet.section.push(Spanned::new(at, section));
    }
    Ok((worksheet, mistakes))
}

/// Parses the worksheet `id` (its file name) from its file. Pure: every problem comes back as a
/// diagnostic.
/// On success, the worksheet and its warnings; otherwise every problem found.
pub(crate) fn parse(
    source: &Source,
    id: &str,
    refs: &mut Refs,
) -> Result<(Worksheet, Vec<Diagnostic>), Vec<Diagnostic>> {
    let input = TomlSource::whole(&source.path, &source.text);
    if !is_valid_slug(id) {
        return Err(vec![input
            .error_at(0..0, format!("the worksheet's file name `{id}` becomes its web address and id, and may only use a-z, 0-9 and -"))
            .hint(format!("rename the file to {}.toml", slugify(id)))]);
    }
    let (raw, mut errors) = read(&input)?;
    // Prompts or fields left out for their own mistakes: checks of the whole are partial.
    let partial = !errors.is_empty();
    let mut warnings = Vec::new();
    if raw.title.get_ref().trim().is_empty() {
        errors.push(
            input
                .error_at(raw.title.span(), "the worksheet's title is empty")
                .hint("write the title between the quotes"),
        );
    }
    if let Some(p) = &raw.phase {
        refs.note(Name::Phase, p, &input);
    }
    let audience = fields::audiences(raw.audience, &input, refs);
    let top_scale = ScaleFrom::inherit(raw.scale.as_ref(), ScaleFrom::None, &input, &mut errors);
    let mut sections = Vec::new();
    let mut ids = Vec::new();
    let mut scored = Vec::new();
    for (i, s) in raw.section.into_iter().enumerate() {
        let s = s.into_inner();
        let scale = ScaleFrom::inherit(s.scale.as_ref(), top_scale.clone(), &input, &mut errors);
        let earlier = ids.len();
        let mut prompts = Vec::new();
        for p in s.prompt {
            let p = p.into_inner();
            let explicit = p.has_id();
            let Some((mut prompt, id_span)) = prompt::parse(p, &scale, &input, &mut errors) else {
                continue;
            };
            // The same question asked in two sections (one per audience, say) is normal: the later
            // one's derived id takes its section's name, so each keeps its own saved answer.
            let seen = |list: &[(String, std::ops::Range<usize>)], id: &str| {
                list.iter().any(|(x, _)| x == id)
            };
            if !explicit && seen(&ids[..earlier], &prompt.id) && !seen(&ids[earlier..], &prompt.id)
            {
                prompt.id = format!("{}-{}", section_slug(s.title.as_deref(), i), prompt.id);
            }
            if !explicit && seen(&ids, &prompt.id) {
                warnings.push(number_repeat(&mut prompt.id, &ids, &id_span, &input));
            }
            ids.push((prompt.id.clone(), id_span.clone()));
            if let Kind::Scale(sp) = &prompt.kind {
                scored.push(rules::ScaleUse {
                    id: prompt.id.clone(),
                    at: id_span,
                    prompt: sp.clone(),
                });
            }
            prompts.push(prompt);
        }
        sections.push(WorksheetSection {
            title: s.title.filter(|t| !t.trim().is_empty()),
            intro: s.intro.map(Markdown::new),
            audience: fields::audiences(s.audience, &input, refs),
            prompts,
        });
    }
    errors.extend(fields::duplicates(&ids, "prompt", &input));
    if ids.is_empty() && errors.is_empty() {
        errors.push(input.error_at(raw.title.span(), "this worksheet has no prompts to fill in")
            .hint("add a [[section]] with at least one [[section.prompt]] that has a label = \"...\""));
    }
    let scoring = raw
        .scoring
        .filter(|_| !(partial && scored.is_empty()))
        .and_then(|s| rules::check(s, &scored, &input, &mut errors));
    if !errors.is_empty() {
        errors.extend(warnings);
        return Err(errors);
    }
    let worksheet = Worksheet {
        id: id.to_string(),
        source: source.clone(),
        title: raw.title.into_inner(),
        weight: raw.weight,
        phase: raw.phase.map(Spanned::into_inner),
        audience,
        intro: raw.intro.map(Markdown::new),
        duration: raw.duration,
        group_size: raw.group_size,
        materials: raw.materials,
        sections,
        scoring,
    };
    Ok((worksheet, warnings))
}
