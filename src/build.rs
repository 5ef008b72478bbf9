//! The orchestrator: one function per step, in the order the data flows.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tera::Context;

use crate::cache::{skeleton, PageOutput, RenderCache};
use crate::check;
use crate::content::{DataKind, LoadOptions, Site, Source};
use crate::data::library::Library;
use crate::data::{self, Data};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fsutil::IoError;
use crate::markdown::links::file_url;
use crate::markdown::{self, LinkIndex, Problem, Rendered, Target};
use crate::output::{self, Content, Outputs};
use crate::render::interactive::Interactive;
use crate::render::print::PrintDoc;
use crate::render::theme::ThemeFiles;
use crate::render::views::{CardView, PageView};
use crate::render::{self, Place, Renderer, Theme};
use crate::search;

/// What the command line can change about a build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub drafts: bool,
    pub base_url: Option<String>,
    /// `--output`, which overrides site.toml's output_dir.
    pub output: Option<PathBuf>,
    /// `--strict`: warnings fail the build, and nothing is written.
    pub strict: bool,
}

/// Whether the diagnostics stop the build: errors always, warnings under --strict.
pub fn fails(diags: &Diagnostics, opts: &BuildOptions) -> bool {
    diags.has_errors() || (opts.strict && !diags.is_empty())
}

/// Counts for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Guidance pages plus section pages (the home page counts as a section page).
    pub pages: usize,
    pub checklists: usize,
    pub worksheets: usize,
}

/// A successful build or check.
#[derive(Debug)]
pub struct Report {
    pub stats: Stats,
    pub elapsed: Duration,
    /// Where the site was written (None for `check`).
    pub output: Option<PathBuf>,
    pub warnings: Diagnostics,
}

/// Why a build did not produce output. Only `main` turns this into an exit code.
#[derive(Debug)]
pub enum Failure {
    /// Mistakes in the toolkit (exit 1).
    Toolkit(Diagnostics),
    /// A bad command line, such as an unsafe --output (exit 2).
    Usage(Diagnostic),
    /// The file system failed (exit 2).
    Io(IoError, Diagnostics),
}

/// A rendered site held in memory, ready to write.
pub struct RenderedSite {
    pub site: Site,
    pub outputs: Outputs,
    pub stats: Stats,
}

/// `trellis build`: render everything, then write it atomically.
pub fn build(root: &Path, opts: &BuildOptions) -> Result<Report, Failure> {
    let start = Instant::now();
    let (rendered, diags) = render_site(root, opts);
    let Some(rendered) = rendered.filter(|_| !fails(&diags, opts)) else {
        return Err(Failure::Toolkit(diags));
    };
    let out = output_dir(root, &rendered.site, opts)?;
    if let Err(e) = output::write_atomically(&out, &rendered.outputs) {
        return Err(Failure::Io(e, diags));
    }
    Ok(Report {
        stats: rendered.stats,
        elapsed: start.elapsed(),
        output: Some(out),
        warnings: diags,
    })
}

/// `trellis check`: everything `build` checks, nothing written.
pub fn check(root: &Path, opts: &BuildOptions) -> Result<Report, Failure> {
    let start = Instant::now();
    let (rendered, mut diags) = render_site(root, opts);
    // Translations are checked, not yet built: only `check` reads their files' ages.
    if let Some(r) = &rendered {
        crate::translations::check(&r.site, &mut diags);
    }
    let Some(rendered) = rendered.filter(|_| !fails(&diags, opts)) else {
        return Err(Failure::Toolkit(diags));
    };
    output_dir(root, &rendered.site, opts)?;
    Ok(Report {
        stats: rendered.stats,
        elapsed: start.elapsed(),
        output: None,
        warnings: diags,
    })
}

/// The output folder: --output (a usage error when unsafe), else site.toml's output_dir (a
/// toolkit error at its line), else public/.
pub fn output_dir(root: &Path, site: &Site, opts: &BuildOptions) -> Result<PathBuf, Failure> {
    if let Some(cli) = &opts.output {
        return output::check_output_dir(root, cli).map_err(|r| {
            Failure::Usage(Diagnostic::error(format!("--output: {}", r.message)).hint(r.hint))
        });
    }
    match &site.config.output_dir {
        Some(dir) => output::check_output_dir(root, Path::new(dir.get_ref())).map_err(|r| {
            let mut d = Diagnostics::default();
            d.push(
                site.config
                    .error_at(dir, format!("output_dir: {}", r.message))
                    .hint(r.hint),
            );
            Failure::Toolkit(d)
        }),
        None => output::check_output_dir(root, Path::new("public"))
            .map_err(|r| Failure::Usage(Diagnostic::error(r.message).hint(r.hint))),
    }
}

/// Loads and renders the whole site into memory. Returns every diagnostic found on the way.
pub fn render_site(root: &Path, opts: &BuildOptions) -> (Option<RenderedSite>, Diagnostics) {
    render_site_with(root, opts, &mut RenderCache::off())
}

/// `render_site`, reusing what `cache` kept from the previous render whose inputs are unchanged
/// (see cache.rs for what each result depends on).
pub fn render_site_with(
    root: &Path,
    opts: &BuildOptions,
    cache: &mut RenderCache,
) -> (Option<RenderedSite>, Diagnostics) {
    // 1. Settings and content: everything later steps need to know about every page.
    let (site, mut diags) = Site::load_with(
        root,
        &LoadOptions {
            drafts: opts.drafts,
        },
        &mut cache.sources,
    );
    let Some(mut site) = site else {
        return (None, diags);
    };
    if let Some(url) = &opts.base_url {
        site.config.base_url = Some(toml::Spanned::new(0..0, url.clone()));
    }
    // 1b. Resources and models: the shortcodes and generated pages draw on them.
    let (mut library, data_diags) = Library::load(&site);
    diags.extend(data_diags);
    // 2. Templates, parsed once (or not at all when watch kept the renderer made from them).
    let theme_files = match load_theme(&site) {
        Ok(t) => t,
        Err(d) => {
            diags.extend(d);
            return (None, diags);
        }
    };
    let skeleton = skeleton(&site, &theme_files, opts);
    let kept_renderer = cache.take_renderer(skeleton);
    let theme = match kept_renderer.is_none().then(|| theme_files.parse()) {
        Some(Err(d)) => {
            diags.extend(d);
            return (None, diags);
        }
        parsed => parsed.and_then(Result::ok),
    };
    // 2b. Partnership data (checklists, worksheets), checked against the site's phases and audiences.
    let data = Data::load(&site, &mut diags);
    // 3. Every link target is known before any Markdown is rendered, so links resolve in one pass.
    let links = link_index(&site);
    cache.begin(&links, skeleton);
    let (data_diags, data_anchors) = library.resolve_links(&links);
    diags.extend(data_diags);
    // 4. Markdown, in parallel; anchors are checked once every page's headings are known.
    let docs = documents(&site);
    let rendered: Vec<Rendered> = docs
        .par_iter()
        .zip(cache.take_markdown(&docs))
        .map(|(d, kept)| kept.unwrap_or_else(|| render_markdown(d, &links)))
        .collect();
    for (doc, r) in docs.iter().zip(&rendered) {
        diags.extend(r.problems.iter().map(|p| doc.diagnostic(p)));
    }
    // 5. What needs every page at once: anchors on other pages, and lint over the whole site.
    check::site(&site, &data, &docs, &rendered, &links, &mut diags);
    // 5b. Links written in the data's Markdown, against the same targets and headings.
    let checked = data::links::check(&data, &links);
    diags.extend(checked.diagnostics);
    let mut anchor_checks = checked.anchors;
    anchor_checks.extend(resource_anchors(&library, data_anchors));
    let anchors = anchors_by_url(&docs, &rendered);
    diags.extend(data::links::check_anchors(&anchor_checks, |u| {
        anchors.get(u).copied()
    }));
    // 6. Navigation is rendered once per section here, then reused by every page.
    let mut renderer = match (kept_renderer, theme) {
        (Some(kept), _) => kept,
        (None, Some(theme)) => match Renderer::new(&site, theme, &links) {
            Ok(r) => r,
            Err(d) => {
                diags.extend(d);
                return (None, diags);
            }
        },
        (None, None) => return (None, diags),
    };
    renderer.library = library;
    if cache.is_on() && renderer.print_memo.is_none() {
        renderer.print_memo = Some(Default::default());
    }
    let interactive = Interactive::new(&renderer, &site, &data, &links);
    // 7. Pages through their templates, in parallel.
    let pages: Vec<Result<PageOutput, Vec<Diagnostic>>> = docs
        .par_iter()
        .zip(&rendered)
        .map(|(doc, r)| match cache.page(doc) {
            Some(page) => Ok(page),
            None => render_doc(&renderer, &interactive, &site, doc, r)
                .map(|(p, html, content)| (p, Arc::new(html), Arc::new(content))),
        })
        .collect();
    cache.keep_pages(&docs, &pages);
    let mut outputs = Outputs::default();
    // Each document's HTML with its shortcodes expanded, kept for the print pages.
    let mut contents = Vec::with_capacity(docs.len());
    let mut failures = Vec::new();
    for result in pages {
        match result {
            Ok((path, html, content)) => {
                outputs.add(path, Content::Shared(html));
                contents.push(content);
            }
            Err(d) => {
                failures.extend(d);
                contents.push(Arc::default());
            }
        }
    }
    diags.extend(failures);
    // 8. The pages made from the whole site.
    // Checklist and worksheet pages come from the data and front matter alone: watch reuses
    // them (and their messages) while the skeleton is unchanged.
    let (data_pages, data_problems) = match cache.data_pages(skeleton) {
        Some(kept) => kept,
        None => {
            let mut made = Outputs::default();
            let problems = interactive.pages(&mut made);
            (made, problems)
        }
    };
    cache.keep_data_pages(skeleton, &data_pages, &data_problems);
    outputs.files.extend(data_pages.files);
    diags.extend(data_problems);
    // The print pages reuse each document's content; checklists and worksheets are drawn again
    // for them, each once.
    let print_docs: Vec<PrintDoc> = docs
        .iter()
        .zip(&contents)
        .zip(&rendered)
        .map(|((d, c), r)| PrintDoc {
            place: d.place,
            url: &d.url,
            content: c.as_str(),
            calls: &r.calls,
        })
        .collect();
    let (extras, extra_diags) = render::print::extras(&interactive);
    diags.extend(extra_diags);
    // The search index is made from the rendered Markdown and the data, alongside the print
    // pages (which spend much of their time on one core).
    // Watch reuses the index while the skeleton and every document's rendered Markdown are
    // unchanged (a template or stylesheet edit, a rebuild that changed nothing).
    let index_key = cache.is_on().then(|| search_key(skeleton, &rendered));
    let kept_index = index_key.and_then(|key| cache.search_index(key));
    let (print, index) = rayon::join(
        || renderer.print_pages(&site, &print_docs, &extras),
        || {
            kept_index.unwrap_or_else(|| {
                search_index(&site, &data, &interactive, &docs, &rendered)
                    .into_iter()
                    .map(|(path, script)| (path, Arc::new(script)))
                    .collect()
            })
        },
    );
    drop(print_docs);
    if let Some(key) = index_key {
        cache.keep_search_index(key, &index);
    }
    for (path, script) in index {
        outputs.add(path, Content::Shared(script));
    }
    drop(contents);
    // The resources and audience pages are made from the skeleton alone (front matter and
    // data), so watch reuses them while it is unchanged.
    let generated = match cache.generated(skeleton) {
        Some(kept) => kept,
        None => renderer
            .generated_pages(&site, &data)
            .into_iter()
            .map(|(path, page)| (path, page.map(Arc::new)))
            .collect(),
    };
    cache.keep_generated(skeleton, &generated);
    for (path, page) in generated {
        match page {
            Ok(html) => outputs.add(path, Content::Shared(html)),
            Err(d) => diags.push(d),
        }
    }
    for (path, page) in print {
        match page {
            Ok(html) => outputs.add(path, Content::Text(html)),
            Err(d) => diags.push(d),
        }
    }
    match not_found_page(&site, &renderer) {
        Ok(html) => outputs.add("404.html", Content::Text(html)),
        Err(d) => diags.push(d),
    }
    // 9. Files copied as they are, last: one at the address of a page made above is left out
    // with a warning, never silently put in the page's place.
    add_files(&site, &renderer, &docs, &mut outputs, &mut diags);
    if let Some(xml) = sitemap(&outputs, &renderer) {
        outputs.add("sitemap.xml", Content::Text(xml));
    }
    // Last, so every step above could use them: the Markdown and the renderer move into the
    // cache.
    cache.keep_markdown(&docs, rendered);
    cache.keep_renderer(skeleton, renderer);
    let stats = Stats {
        pages: site.pages.len() + site.sections.len() + 1,
        checklists: data.checklists.len(),
        worksheets: data.worksheets.len(),
    };
    // One template mistake fails every page drawn with it: say so once.
    diags.items = merge_template_repeats(std::mem::take(&mut diags.items));
    (
        Some(RenderedSite {
            site,
            outputs,
            stats,
        }),
        diags,
    )
}

fn load_theme(site: &Site) -> Result<ThemeFiles, Diagnostics> {
    let name = site.config.theme.name.get_ref();
    if !render::theme::is_plain_name(name) {
        let mut d = Diagnostics::default();
        d.push(site.config.error_at(&site.config.theme.name, format!("`{name}` is not a theme name"))
            .hint("a theme is a folder under themes/ named by its folder name alone, such as theme = \"campus\" for themes/campus/"));
        return Err(d);
    }
    if !render::theme::exists(&site.root, name) {
        let mut d = Diagnostics::default();
        d.push(site.config.error_at(&site.config.theme.name, format!("there is no theme `{name}`"))
            .hint(format!("create themes/{name}/templates/, or remove the theme line to use the built-in default theme")));
        return Err(d);
    }
    Theme::read(&site.root, name)
}

/// Every source path a link may name, with the output URL it becomes.
pub fn link_index(site: &Site) -> LinkIndex {
    let mut ix = LinkIndex::default();
    let page = |url: &str| Target {
        url: url.to_string(),
        has_anchors: true,
    };
    ix.insert("content/_index.md".into(), page(""));
    for s in &site.sections {
        ix.insert(
            Path::new("content").join(&s.name).join("_index.md"),
            page(&s.url),
        );
    }
    for p in &site.pages {
        ix.insert(p.source.path.clone(), page(&p.url));
        if let Some(b) = &p.bundle {
            for a in &b.assets {
                let url = format!("{}{}", p.url, a.to_string_lossy().replace('\\', "/"));
                ix.insert(
                    b.dir.join(a),
                    Target {
                        url,
                        has_anchors: false,
                    },
                );
            }
        }
    }
    for f in &site.static_files {
        let url = f.to_string_lossy().replace('\\', "/");
        ix.insert(
            Path::new("static").join(f),
            Target {
                url,
                has_anchors: false,
            },
        );
    }
    data::register_links(site, &mut ix);
    if site.data.iter().any(|d| d.kind == DataKind::Resources) {
        ix.insert(
            crate::data::resources::SOURCE.into(),
            Target {
                url: crate::data::resources::URL.into(),
                has_anchors: false,
            },
        );
    }
    for u in &site.unloaded {
        ix.insert(
            u.clone(),
            Target {
                url: String::new(),
                has_anchors: false,
            },
        );
    }
    for d in &site.drafts {
        ix.insert_draft(d.clone());
    }
    ix
}

/// A Markdown text that becomes an output page.
pub struct Doc<'a> {
    pub place: Place,
    pub source: Option<&'a Source>,
    pub body_offset: usize,
    pub url: String,
    pub title: String,
}

impl Doc<'_> {
    fn body(&self) -> &str {
        self.source.map_or("", |s| &s.text[self.body_offset..])
    }

    /// A Markdown problem (offsets in the body) as a diagnostic at its true place in the file.
    pub fn diagnostic(&self, p: &Problem) -> Diagnostic {
        let d = if p.warning {
            Diagnostic::warning(&p.message)
        } else {
            Diagnostic::error(&p.message)
        };
        let d = match self.source {
            Some(s) => d.at_span(
                &s.path,
                &s.text,
                (p.span.start + self.body_offset)..(p.span.end + self.body_offset),
            ),
            None => d,
        };
        match &p.hint {
            Some(h) => d.hint(h),
            None => d,
        }
    }
}

fn documents(site: &Site) -> Vec<Doc<'_>> {
    let mut docs = Vec::with_capacity(site.pages.len() + site.sections.len() + 1);
    let (src, off) = site
        .home
        .index
        .as_ref()
        .map_or((None, 0), |(s, o)| (Some(s), *o));
    docs.push(Doc {
        place: Place::Home,
        source: src,
        body_offset: off,
        url: String::new(),
        title: site.title().to_string(),
    });
    for (i, s) in site.sections.iter().enumerate() {
        let (src, off) = s.index.as_ref().map_or((None, 0), |(s, o)| (Some(s), *o));
        docs.push(Doc {
            place: Place::Section(i),
            source: src,
            body_offset: off,
            url: s.url.clone(),
            title: s.title.clone(),
        });
    }
    for (i, p) in site.pages.iter().enumerate() {
        docs.push(Doc {
            place: Place::Page(i),
            source: Some(&p.source),
            body_offset: p.body_offset,
            url: p.url.clone(),
            title: p.title().to_string(),
        });
    }
    docs
}

fn render_markdown(doc: &Doc, links: &LinkIndex) -> Rendered {
    let Some(source) = doc.source else {
        return Rendered::default();
    };
    let cx = markdown::Context {
        links,
        source: &source.path,
        url: &doc.url,
        body_kind: &render::body_kind,
    };
    markdown::render(doc.body(), &cx)
}

/// Each rendered page's heading ids, by URL.
fn anchors_by_url<'a>(
    docs: &'a [Doc],
    rendered: &'a [Rendered],
) -> HashMap<&'a str, &'a Vec<String>> {
    docs.iter()
        .zip(rendered)
        .map(|(d, r)| (d.url.as_str(), &r.anchors))
        .collect()
}

/// Anchors named by links in resources.toml, in the form the data's own anchor checks take.
fn resource_anchors(
    library: &Library,
    checks: Vec<markdown::AnchorCheck>,
) -> Vec<data::links::DataAnchor> {
    let Some(source) = library.resources.as_ref().map(|r| &r.source) else {
        return Vec::new();
    };
    checks
        .into_iter()
        .map(|c| data::links::DataAnchor {
            url: c.url,
            anchor: c.anchor,
            path: source.path.clone(),
            text: source.text.clone(),
            span: c.span,
        })
        .collect()
}

/// Expands shortcodes and renders the page's template. Returns (output path, HTML, the content
/// with shortcodes expanded). Watch reuses the result while the document's text and the
/// skeleton are unchanged (cache.rs): what this reads from other documents must come from their
/// front matter or the data files.
fn render_doc(
    r: &Renderer,
    data: &Interactive,
    site: &Site,
    doc: &Doc,
    md: &Rendered,
) -> Result<(String, String, String), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let phase = section_of(site, doc.place);
    let content = markdown::shortcodes::expand(&md.html, &md.calls, |n, call, body| {
        data.shortcode(&md.calls, n, phase, &doc.url)
            .unwrap_or_else(|| r.shortcode(call, body, &doc.url))
            .unwrap_or_else(|(message, hint)| {
                let mut p = Problem::error(call.span.clone(), message);
                p.hint = hint;
                errors.push(doc.diagnostic(&p));
                String::new()
            })
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut common = r.common(site, doc.place, &doc.url, &doc.title, &content, &md.toc);
    let mut cx = Context::new();
    let template = match doc.place {
        Place::Home => {
            common.summary = site.home.summary.as_deref();
            common.description = site.config.description.as_deref();
            cx.insert("phases", &cards(r, data, site, true));
            cx.insert("sections", &cards(r, data, site, false));
            cx.insert("worksheets_page", &data.index_link(""));
            // The home page draws the phases unless its text already does with {{ phases() }}.
            if !r.library.phases.is_empty() && !md.calls.iter().any(|c| c.name == "phases") {
                cx.insert("phase_diagram", &r.phase_diagram("", "tr-home-phases"));
            }
            "home.html"
        }
        Place::Section(i) => {
            let s = &site.sections[i];
            common.summary = s.summary.as_deref();
            common.description = s.summary.as_deref();
            common.sidebar = Some(r.sidebar(i, "index.html", true));
            cx.insert("section", &r.section_view(site, i, &doc.url));
            data.section_context(i, &doc.url, &md.calls, &mut cx)
                .map_err(|d| vec![d])?;
            "section.html"
        }
        Place::Page(p) => {
            let page = &site.pages[p];
            common.summary = page.front.summary.as_deref();
            common.description = page.front.summary.as_deref();
            if let Some(i) = page
                .section
                .as_ref()
                .and_then(|n| site.sections.iter().position(|s| &s.name == n))
            {
                // The sidebar was rendered once for the section; only the current page is marked
                // here. Passing the section's page list to every page would make builds quadratic.
                common.sidebar = Some(r.sidebar(i, &format!("../{}/index.html", page.slug), false));
            }
            let view = PageView {
                section: page.section.clone(),
                audiences: r.audiences(page.front.audience.iter().map(|a| a.get_ref().as_str())),
                source: page.source.path.to_string_lossy().into_owned(),
            };
            cx.insert("page", &view);
            data.page_context(p, &doc.url, &mut cx);
            "page.html"
        }
    };
    let mut full = r.base_context();
    full.extend(
        Context::from_serialize(&common).map_err(|e| vec![Diagnostic::error(e.to_string())])?,
    );
    full.extend(cx);
    let html = r
        .render_full(template, &full, doc.source.map(|s| s.path.as_path()))
        .map_err(|d| vec![d])?;
    Ok((file_url(&doc.url), html, content))
}

/// One mistake in a template fails every page that uses it: report it once, at the template's
/// line, counting the other pages. Diagnostics elsewhere are left as they are.
fn merge_template_repeats(failures: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<(Diagnostic, usize)> = Vec::new();
    let mut seen: HashMap<(String, Option<String>), usize> = HashMap::new();
    for d in failures {
        let in_template = d
            .location
            .as_ref()
            .is_some_and(|l| l.path.starts_with("templates") || l.path.starts_with("themes"));
        let key = (d.position().unwrap_or_default(), d.hint.clone());
        match seen.get(&key) {
            Some(&i) if in_template => out[i].1 += 1,
            _ => {
                seen.insert(key, out.len());
                out.push((d, 0));
            }
        }
    }
    out.into_iter()
        .map(|(mut d, others)| {
            if others > 0 {
                let pages = if others == 1 { "page" } else { "pages" };
                d.message = format!("{} and {others} other {pages}", d.message);
            }
            d
        })
        .collect()
}

/// What the search index depends on: the skeleton (titles, summaries, data files, language)
/// and each document's rendered Markdown.
fn search_key(skeleton: u64, rendered: &[Rendered]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&skeleton.to_le_bytes());
    for r in rendered {
        h.update(&(r.html.len() as u64).to_le_bytes());
        h.update(r.html.as_bytes());
    }
    h.digest()
}

/// The search index's files: an entry per document (in parallel), then the data's.
fn search_index(
    site: &Site,
    data: &Data,
    interactive: &Interactive,
    docs: &[Doc],
    rendered: &[Rendered],
) -> Vec<(String, String)> {
    let mut entries: Vec<search::Entry> = docs
        .par_iter()
        .zip(rendered)
        .map(|(d, r)| {
            let (section, summary) = match d.place {
                Place::Home => (None, site.home.summary.as_deref()),
                Place::Section(i) => (None, site.sections[i].summary.as_deref()),
                Place::Page(p) => {
                    let page = &site.pages[p];
                    let section = page.section.as_ref().and_then(|n| site.section(n));
                    (
                        section.map(|s| s.title.as_str()),
                        page.front.summary.as_deref(),
                    )
                }
            };
            search::collect::page(&search::collect::PageInput {
                title: &d.title,
                url: &d.url,
                phase: phase_of(site, d.place),
                section,
                summary,
                html: &r.html,
            })
        })
        .collect();
    entries.extend(search::collect::data(data, &interactive.r.library, &|c| {
        interactive.checklist_title(c)
    }));
    let phases: Vec<(String, String)> = site
        .config
        .phases()
        .map(|p| {
            let title = site.section(p).map_or(p, |s| s.title.as_str());
            (p.to_string(), title.to_string())
        })
        .collect();
    search::files(site.config.language.get_ref(), &phases, &entries)
}

/// The phase whose pages `place` is on (search results name it).
fn phase_of(site: &Site, place: Place) -> Option<&str> {
    section_of(site, place).filter(|name| site.config.is_phase(name))
}

/// The phase or section whose pages `place` is on (for `{{ checklist() }}` without a phase).
fn section_of(site: &Site, place: Place) -> Option<&str> {
    match place {
        Place::Section(i) => Some(site.sections[i].name.as_str()),
        Place::Page(p) => site.pages[p].section.as_deref(),
        Place::Home => None,
    }
}

fn cards(r: &Renderer, data: &Interactive, site: &Site, phases: bool) -> Vec<CardView> {
    site.sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_phase == phases)
        .map(|(i, s)| {
            let view = r.section_view(site, i, "");
            CardView {
                title: s.title.clone(),
                href: view.href,
                summary: s.summary.clone(),
                number: view.number,
                page_count: s.pages.len(),
                progress: data.progress(&s.name),
            }
        })
        .collect()
}

/// Theme files, then the toolkit's static/ (which may replace a theme file), then page folders.
/// The theme's files, then the toolkit's static/ (which may replace them, and the 404 page) and
/// page folders' files. A file at the address of a generated page is left out with a warning.
fn add_files(
    site: &Site,
    r: &Renderer,
    docs: &[Doc],
    outputs: &mut Outputs,
    diags: &mut Diagnostics,
) {
    let generated: HashMap<String, Option<&Path>> = outputs
        .files
        .keys()
        .map(|k| (k.clone(), None))
        .chain(docs.iter().map(|d| {
            (
                format!("{}index.html", d.url),
                d.source.map(|s| s.path.as_path()),
            )
        }))
        .filter(|(k, _)| outputs.files.contains_key(k) && k != "404.html")
        .collect();
    for (name, asset) in &r.theme.assets {
        outputs.add(name.clone(), asset.clone().into());
    }
    let copies = site
        .static_files
        .iter()
        .map(|f| (String::new(), Path::new("static"), f))
        .chain(site.pages.iter().flat_map(|p| {
            let b = p.bundle.as_ref();
            b.into_iter().flat_map(move |b| {
                b.assets
                    .iter()
                    .map(move |a| (p.url.clone(), b.dir.as_path(), a))
            })
        }));
    for (url, dir, file) in copies {
        let name = format!("{url}{}", file.to_string_lossy().replace('\\', "/"));
        let shown = dir.join(file);
        if let Some(page) = generated.get(&name) {
            let what = page.map_or_else(
                || "a page Trellis makes".to_string(),
                |p| format!("the page made from {}", p.display()),
            );
            diags.push(
                Diagnostic::warning(format!(
                    "{} would be published at {name}, the address of {what}, so it is left out",
                    shown.display()
                ))
                .in_file(&shown)
                .hint("rename or remove the file; to change how pages look, override a template in templates/ instead"),
            );
            continue;
        }
        outputs.add(name, Content::Copy(site.root.join(&shown)));
    }
}

/// The 404 page is served at any missing path, so it inlines its CSS and links home through
/// base_url (or the host's root).
fn not_found_page(site: &Site, r: &Renderer) -> Result<String, Diagnostic> {
    let home = r
        .site()
        .base_url
        .as_ref()
        .map_or("/".to_string(), |b| format!("{}/", b.trim_end_matches('/')));
    let mut cx = Context::new();
    cx.insert("home_href", &home);
    cx.insert("root", &home);
    // The toolkit's own static/trellis.css replaces the theme's everywhere, here too.
    let own_css = site.root.join("static/trellis.css");
    let css =
        std::fs::read_to_string(own_css).unwrap_or_else(|_| r.theme.asset_text("trellis.css"));
    cx.insert("inline_css", &css);
    r.render("404.html", &cx, None)
}

/// Every HTML page of the build (checklists, worksheets, print pages included), by its pretty
/// address.
fn sitemap(outputs: &Outputs, r: &Renderer) -> Option<String> {
    r.site().base_url.as_ref()?;
    let urls = outputs
        .files
        .keys()
        .filter_map(|path| path.strip_suffix("index.html"));
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for u in urls {
        let loc = r.absolute(&u).unwrap_or_default();
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            crate::render::theme::escape_html(&loc)
        ));
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}
