//! The orchestrator: the build as a list of steps, in the order the data flows
//! (load -> link -> Markdown -> validate -> render -> assemble), then the one write. Watch takes
//! the steps one after the other through its memo (`watched`); a one-off build takes the
//! Markdown and page steps document by document (streamed.rs), drawing phase packets as it goes
//! (packets.rs); both draw with draw.rs.

mod draw;
mod files;
mod languages;
pub(crate) mod memo;
mod packets;
mod streamed;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::content::{self, documents, Doc, LoadOptions, Site};
use crate::data::Data;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fsutil::IoError;
use crate::i18n;
use crate::markdown;
use crate::markdown::{LinkIndex, Rendered};
use crate::output::{self, Outputs, Sink};
use crate::render::interactive::Interactive;
use crate::render::print::PrintExtra;
use crate::render::theme::ThemeFiles;
use crate::render::{self, Renderer};
use crate::validate;
use draw::{add_pages, print_and_search, Drawer};
use memo::Memo;
use packets::Packets;

/// What the command line can change about a build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub(crate) drafts: bool,
    pub(crate) base_url: Option<String>,
    /// `--output`, which overrides site.toml's output_dir.
    pub(crate) output: Option<PathBuf>,
    /// `--strict`: warnings fail the build, and nothing is written.
    pub(crate) strict: bool,
}

/// Whether the diagnostics stop the build: errors always, warnings under --strict.
pub(crate) fn fails(diags: &Diagnostics, opts: &BuildOptions) -> bool {
    diags.has_errors() || (opts.strict && !diags.is_empty())
}

/// Counts for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Stats {
    /// Guidance pages plus section pages (the home page counts as a section page).
    pub(crate) pages: usize,
    pub(crate) checklists: usize,
    pub(crate) worksheets: usize,
    /// The toolkit is too long for one whole print page: print/ lists the phase packets.
    pub(crate) print_split: bool,
}

/// A successful build or check.
#[derive(Debug)]
pub struct Report {
    pub(crate) stats: Stats,
    pub(crate) elapsed: Duration,
    /// Where the site was written (None for `check`).
    pub(crate) output: Option<PathBuf>,
    pub(crate) warnings: Diagnostics,
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
pub(crate) struct RenderedSite {
    pub(crate) site: Site,
    pub(crate) outputs: Outputs,
    pub(crate) stats: Stats,
}

/// `trellis build`: render everything, writing each file into a staging folder as soon as it
/// is made, then swap the folder in.
pub(crate) fn build(root: &Path, opts: &BuildOptions) -> Result<Report, Failure> {
    let start = Instant::now();
    // The output folder is opened once site.toml is read (it may name the folder), before any
    // page is rendered; a folder that cannot be used is reported after the toolkit's mistakes.
    let mut folder: Option<Result<PathBuf, Failure>> = None;
    let mut unopened = None;
    let (rendered, diags) = render_site_to(root, opts, &mut Memo::off(), &mut |site| {
        let out = output_dir(root, site, opts);
        let staging = match &out {
            Ok(dir) => output::Staging::open(dir)
                .map_err(|e| unopened = Some(e))
                .ok(),
            Err(_) => None,
        };
        folder = Some(out);
        staging.map_or(Sink::Memory, Sink::Staging)
    });
    let Some(rendered) = rendered.filter(|_| !fails(&diags, opts)) else {
        return Err(Failure::Toolkit(diags));
    };
    if let Some(e) = unopened {
        return Err(Failure::Io(e, diags));
    }
    let out = match folder {
        Some(out) => out?,
        None => output_dir(root, &rendered.site, opts)?,
    };
    if let Err(e) = rendered.outputs.write(&out) {
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
    // Only `check` reads the translations' ages (and lists what is left to translate).
    if let Some(r) = &rendered {
        let mut more = Diagnostics::default();
        validate::translations::check(&r.site, &mut more);
        languages::add_new(&mut diags, more.items);
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
pub(crate) fn output_dir(
    root: &Path,
    site: &Site,
    opts: &BuildOptions,
) -> Result<PathBuf, Failure> {
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
pub(crate) fn render_site(root: &Path, opts: &BuildOptions) -> (Option<RenderedSite>, Diagnostics) {
    render_site_with(root, opts, &mut Memo::off())
}

/// The build, step by step, into memory. `memo` keeps each step's result for the next render
/// while that step's inputs are unchanged (watch); see memo.rs for what each step depends on.
pub(crate) fn render_site_with(
    root: &Path,
    opts: &BuildOptions,
    memo: &mut Memo,
) -> (Option<RenderedSite>, Diagnostics) {
    render_site_to(root, opts, memo, &mut |_| Sink::Memory)
}

/// Opens where the files go once the site is loaded (see `Sink`).
pub(crate) type OpenOutput<'a> = dyn FnMut(&Site) -> Sink + 'a;

/// The build, step by step: load, open the output, render every language, the sitemap.
pub(crate) fn render_site_to(
    root: &Path,
    opts: &BuildOptions,
    memo: &mut Memo,
    open: &mut OpenOutput,
) -> (Option<RenderedSite>, Diagnostics) {
    let mut diags = Diagnostics::default();
    // Load: settings and content first, because everything after needs to know every page.
    let Some(site) = diags.take(load_site(root, opts, memo)) else {
        return (None, diags);
    };
    let sink = open(&site);
    let (site, translated) = content::localize::localize_all(site, &mut diags);
    let data = diags.take(Data::load(&site));
    diags.extend(validate::refs::check(&site, &data));
    let Some(theme) = diags.take_ok(render::theme::find(&site)) else {
        return (None, diags);
    };
    let mut rendered = render(&site, data, theme, opts, memo, sink, &mut diags);
    // Each added language: the same steps again, published under <code>/; then one sitemap.
    if let Some((outputs, _)) = &mut rendered {
        languages::render_all(&translated, opts, outputs, &mut diags);
        languages::sitemap(&site, outputs);
    }
    // One template mistake fails every page drawn with it: say so once.
    diags.items = render::template_error::merge_template_repeats(std::mem::take(&mut diags.items));
    let rendered = rendered.map(|(outputs, stats)| RenderedSite {
        site,
        outputs,
        stats,
    });
    (rendered, diags)
}

/// What the render steps share, made once the Markdown is rendered and checked.
struct Ready<'a> {
    site: &'a Site,
    data: &'a Data,
    docs: &'a [Doc<'a>],
    renderer: &'a Renderer,
    interactive: &'a Interactive<'a>,
    /// The checklists and worksheets drawn for paper.
    extras: &'a [PrintExtra],
    /// Everything a page depends on besides its own text: the memo's key for most steps.
    skeleton: u64,
    opts: &'a BuildOptions,
}

/// What every render step reads, made once the site is loaded and linked.
struct Inputs<'a> {
    site: &'a Site,
    data: &'a Data,
    docs: &'a [Doc<'a>],
    links: &'a LinkIndex,
    labels: markdown::Labels<'a>,
    skeleton: u64,
    opts: &'a BuildOptions,
}

/// Parses the templates and draws the navigation once, for every page.
type MakeRenderer<'a> = dyn FnOnce() -> Result<Arc<Renderer>, Diagnostics> + Send + 'a;

/// Link -> Markdown -> validate -> render -> assemble, over a loaded site.
fn render(
    site: &Site,
    mut data: Data,
    theme: ThemeFiles,
    opts: &BuildOptions,
    memo: &mut Memo,
    sink: Sink,
    diags: &mut Diagnostics,
) -> Option<(Outputs, Stats)> {
    // Link: every link target is known before any Markdown is rendered, so links resolve in
    // one pass; the data's own links resolve against the same index.
    let links = content::links::index(site);
    let resource_anchors = diags.take(data.resolve_links(&links));
    let data = Arc::new(data);
    // The interface strings, once: the renderer's, and the words a screen reader hears on task
    // lists and heading anchors in the Markdown.
    let strings = i18n::Strings::build(
        site.config.language.get_ref(),
        &theme.strings,
        &site.config.strings,
    );
    let docs = documents(site);
    let inputs = Inputs {
        site,
        data: &data,
        docs: &docs,
        links: &links,
        labels: markdown::Labels {
            task_done: strings.get("task_done"),
            task_todo: strings.get("task_todo"),
            anchor: strings.get("heading_anchor"),
        },
        skeleton: memo::skeleton(site, &theme, opts),
        opts,
    };
    // Templates parsed and navigation drawn once, for every page, while the Markdown is
    // rendered in parallel (compiling the templates keeps one core busy). A template failure is
    // reported after the Markdown's problems, so one run names every mistake.
    let print_parts = memo.is_on();
    let make_renderer = Box::new(|| {
        let theme = theme.parse()?;
        Renderer::new(
            site,
            theme,
            strings.clone(),
            &links,
            data.clone(),
            print_parts,
        )
        .map(Arc::new)
        .map_err(Diagnostics::from)
    });
    let mut outputs = Outputs::to(sink);
    // Watch keeps each step's result for the next rebuild; a one-off build keeps nothing, and
    // draws each page as soon as its Markdown is rendered (streamed.rs).
    if memo.is_on() {
        watched(
            &inputs,
            memo,
            make_renderer,
            resource_anchors,
            &mut outputs,
            diags,
        )?;
    } else {
        streamed::render(
            &inputs,
            make_renderer,
            resource_anchors,
            &mut outputs,
            diags,
        )?;
    }
    let stats = Stats {
        pages: site.pages.len() + site.sections.len() + 1,
        checklists: data.checklists.len(),
        worksheets: data.worksheets.len(),
        print_split: render::print::print_split(docs.len()),
    };
    Some((outputs, stats))
}

/// Each step over the whole site in turn, each through the memo: the Markdown (beside the
/// templates), validation, the pages, the print pages and search index, the files.
fn watched(
    inputs: &Inputs,
    memo: &mut Memo,
    make_renderer: Box<MakeRenderer>,
    resource_anchors: Vec<markdown::AnchorCheck>,
    outputs: &mut Outputs,
    diags: &mut Diagnostics,
) -> Option<()> {
    let Inputs {
        site,
        data,
        docs,
        links,
        labels,
        skeleton,
        opts,
    } = *inputs;
    let (renderer, mut rendered) =
        memo.renderer_and_markdown(skeleton, make_renderer, (docs, links, labels), |_, d| {
            d.render_markdown(links, labels)
        });
    check_markdown(inputs, &rendered, resource_anchors, diags);
    let renderer = diags.take_ok(renderer)?;
    let interactive = Interactive::new(&renderer, site, data, links);
    let (extras, print_problems) = render::print::extras(&interactive);
    let ready = Ready {
        site,
        data,
        docs,
        renderer: &renderer,
        interactive: &interactive,
        extras: &extras,
        skeleton,
        opts,
    };
    let drawer = Drawer::new(&ready, outputs);
    let pages = memo.pages(skeleton, docs, &mut rendered, |i, doc, md| {
        drawer.draw(i, doc, md)
    });
    let contents = add_pages(&ready, pages, memo, outputs, diags);
    diags.extend(print_problems);
    print_and_search(
        &ready,
        &rendered,
        (memo, None),
        (&contents, None),
        outputs,
        diags,
    );
    assemble(&ready, outputs, diags);
    Some(())
}

/// Each document's own problems, at their place in its file, then what needs every page at
/// once (links between pages, anchors, references to the data). Both build paths check the
/// rendered Markdown here, in this order, so their messages come in the same order.
fn check_markdown(
    inputs: &Inputs,
    rendered: &[Arc<Rendered>],
    resource_anchors: Vec<markdown::AnchorCheck>,
    diags: &mut Diagnostics,
) {
    let Inputs {
        site,
        data,
        docs,
        links,
        ..
    } = *inputs;
    for (doc, r) in docs.iter().zip(rendered) {
        diags.extend(r.problems.iter().map(|p| doc.diagnostic(p)));
    }
    diags.extend(validate::whole_site(
        site,
        data,
        docs,
        rendered,
        links,
        resource_anchors,
    ));
}

/// Assemble: files copied as they are come last, so one at the address of a page made above
/// is left out with a warning, never silently put in the page's place (the sitemap of every
/// language is made after the last language).
fn assemble(ready: &Ready, outputs: &mut Outputs, diags: &mut Diagnostics) {
    // An added language links to the default language's copies (build::languages).
    if !ready.site.lang.prefix.is_empty() {
        return;
    }
    diags.extend(files::add_files(
        ready.site,
        ready.renderer,
        ready.docs,
        outputs,
    ));
}

/// Reads site.toml and content/ (only the files that changed, when the memo keeps sources);
/// --base-url replaces site.toml's.
fn load_site(root: &Path, opts: &BuildOptions, memo: &mut Memo) -> (Option<Site>, Diagnostics) {
    let load = LoadOptions {
        drafts: opts.drafts,
    };
    let (mut site, diags) = Site::load_with(root, &load, &mut memo.sources);
    if let (Some(site), Some(url)) = (&mut site, &opts.base_url) {
        site.config.base_url = Some(toml::Spanned::new(0..0, url.clone()));
    }
    (site, diags)
}
