//! A synthetic partnership toolkit for build benchmarks, in four layouts: Trellis, Zola, Hugo and
//! mdBook. The same pages (same words, same structure, same sizes) are written for each, so the
//! tools build the same site. Output is a pure function of (pages, phases, seed).
//!
//! The shape follows the shared Python generator (../shared/bench/gen_corpus.py) that the
//! figures of issue 13 were measured on: the same phases, the same 610-830 words a page, the
//! same mix of questions, quotes, tables, task lists and links, the same checklists, worksheets
//! and resources. The random numbers differ (this file has its own small generator), so the words
//! differ in detail but not in kind or amount.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

#[path = "layouts.rs"]
mod layouts;
#[path = "words.rs"]
mod words;

use layouts::*;
use words::*;

/// A small seeded random generator (SplitMix64), seeded from a string, so each page draws its
/// words independently of every other page.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: &str) -> Rng {
        Rng(xxhash_rust::xxh3::xxh3_64(seed.as_bytes()))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float in [0, 1).
    pub fn random(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An integer in [0, n).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// An integer in [lo, hi], both included.
    pub fn int(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn choice<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// `k` distinct items, in random order.
    pub fn sample<T: Clone>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut pool = items.to_vec();
        self.shuffle(&mut pool);
        pool.truncate(k);
        pool
    }
}

/// What was written, for the generator's one-line summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub pages: usize,
    pub phases: usize,
    pub words: usize,
    pub min_words: usize,
    pub max_words: usize,
}

/// The default number of phases: about 167 pages a phase and at least 6, so every page's
/// navigation has the same size at every N and linear cost is a fair demand.
pub fn default_phases(pages: usize) -> usize {
    ((pages as f64 / 167.0).round() as usize).max(6)
}

struct Page {
    idx: usize,
    phase: usize,
    weight: usize,
    title: String,
    slug: String,
    seed: String,
}

struct Phase {
    num: usize,
    dir: String,
    title: String,
    pages: Vec<usize>,
}

fn slugify(text: &str) -> String {
    let mut out = String::new();
    for ch in text.to_lowercase().chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn toml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn plan(n_pages: usize, n_phases: usize, seed: &str) -> (Vec<Phase>, Vec<Page>) {
    let mut phases: Vec<Phase> = (0..n_phases)
        .map(|k| {
            let (key, title) = PHASE_NAMES[k % PHASE_NAMES.len()];
            let round = k / PHASE_NAMES.len() + 1;
            let (key, title) = if k >= PHASE_NAMES.len() {
                (format!("{key}-{round}"), format!("{title} ({round})"))
            } else {
                (key.to_string(), title.to_string())
            };
            Phase {
                num: k + 1,
                dir: format!("p{:02}-{key}", k + 1),
                title: format!("Phase {}: {title}", k + 1),
                pages: Vec::new(),
            }
        })
        .collect();
    let (base, extra) = (n_pages / n_phases, n_pages % n_phases);
    let mut pages = Vec::with_capacity(n_pages);
    for (k, phase) in phases.iter_mut().enumerate() {
        let count = base + usize::from(k < extra);
        for w in 0..count {
            let idx = pages.len() + 1;
            let mut r = Rng::new(&format!("{seed}-title-{idx}"));
            let title = format!("{} {}", r.choice(GERUNDS), r.choice(OBJECTS));
            phase.pages.push(pages.len());
            pages.push(Page {
                idx,
                phase: k,
                weight: w + 1,
                slug: format!("{}-{idx:05}", slugify(&title)),
                title,
                seed: format!("{seed}-page-{idx}"),
            });
        }
    }
    (phases, pages)
}

/// Inline text: plain, emphasised, strong, or a link to a page (by index).
enum Seg {
    Text(String),
    Em(String),
    Strong(String),
    Link(String, usize),
}

impl Seg {
    fn words(&self) -> usize {
        match self {
            Seg::Text(t) | Seg::Em(t) | Seg::Strong(t) | Seg::Link(t, _) => {
                t.split_whitespace().count()
            }
        }
    }
}

enum Block {
    P(Vec<Seg>),
    H2(String),
    H3(String),
    List(Vec<String>),
    Quote(String, String),
    Table(Vec<[String; 3]>),
    Tasks(Vec<(bool, String)>),
}

fn words_of(segs: &[Seg]) -> usize {
    segs.iter().map(Seg::words).sum()
}

struct Corpus<'a> {
    phases: &'a [Phase],
    pages: &'a [Page],
}

impl Corpus<'_> {
    /// Mostly a page of the same phase, sometimes any page; never the page itself.
    fn pick_target(&self, r: &mut Rng, page: usize) -> usize {
        let own = &self.phases[self.pages[page].phase].pages;
        let all: Vec<usize>;
        let pool: &[usize] = if r.random() < 0.6 && own.len() > 1 {
            own
        } else {
            all = (0..self.pages.len()).collect();
            &all
        };
        loop {
            let t = r.choice(pool);
            if t != page || self.pages.len() == 1 {
                return t;
            }
        }
    }

    fn sentence(&self, r: &mut Rng, page: usize, segs: &mut Vec<Seg>) {
        let subj = r.choice(SUBJECTS);
        let verb = r.choice(VERBS);
        let adj = r.choice(ADJS);
        let noun = r.choice(NOUNS);
        let first = capitalize(subj);
        match r.below(6) {
            0 => {
                segs.push(Seg::Text(format!("{first} should {verb} ")));
                segs.push(Seg::Em(format!("{adj} {noun}")));
                let (c, cl) = (r.choice(CONNECTORS), r.choice(CLAUSES));
                segs.push(Seg::Text(format!(" {c} {cl}.")));
            }
            1 => {
                let (c, cl) = (r.choice(CONNECTORS), r.choice(CLAUSES));
                segs.push(Seg::Text(format!(
                    "It helps when {subj} {verb} their {adj} {noun}, {c} {cl}."
                )));
            }
            2 => {
                segs.push(Seg::Strong(format!("{} {noun}", capitalize(adj))));
                let (c, cl) = (r.choice(CONNECTORS), r.choice(CLAUSES));
                segs.push(Seg::Text(format!(" are easier to {verb} {c} {cl}.")));
            }
            3 => {
                let habit = r.choice(HABITS);
                let (v2, a2, n2) = (r.choice(VERBS), r.choice(ADJS), r.choice(NOUNS));
                segs.push(Seg::Text(format!(
                    "In practice, {subj} often {habit} {verb} {noun} and {v2} the {a2} {n2}."
                )));
            }
            4 => {
                let (c, cl) = (r.choice(CONNECTORS), r.choice(CLAUSES));
                segs.push(Seg::Text(format!(
                    "Ask whether {subj} can {verb} the {adj} {noun} {c} {cl}."
                )));
            }
            _ => {
                let article = if adj.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "An"
                } else {
                    "A"
                };
                segs.push(Seg::Text(format!(
                    "{article} {adj} approach to {noun} lets {subj} {verb} what matters most."
                )));
            }
        }
        if r.random() < 0.22 {
            let t = self.pick_target(r, page);
            segs.push(Seg::Text(" See ".into()));
            segs.push(Seg::Link(self.pages[t].title.to_lowercase(), t));
            segs.push(Seg::Text(" for more.".into()));
        }
    }

    fn paragraph(&self, r: &mut Rng, page: usize, min: usize, max: usize) -> Vec<Seg> {
        let mut segs = Vec::new();
        for i in 0..r.int(min, max) {
            if i > 0 {
                segs.push(Seg::Text(" ".into()));
            }
            self.sentence(r, page, &mut segs);
        }
        segs
    }

    /// A page's body: an introduction with a link, the four fixed ingredients (reflection
    /// questions, a quote, a roles table, a task list) in a per-page order among prose, then prose
    /// sections until the page has its 610-830 words.
    fn page_blocks(&self, page: usize) -> (Vec<Block>, usize) {
        let mut r = Rng::new(&self.pages[page].seed);
        let target = r.int(610, 830);
        let mut blocks = Vec::new();
        let mut count = 0;
        let mut add = |blocks: &mut Vec<Block>, b: Block, words: usize| {
            blocks.push(b);
            count += words;
            count
        };

        let mut intro = self.paragraph(&mut r, page, 3, 5);
        let t = self.pick_target(&mut r, page);
        intro.push(Seg::Text(" Read this alongside ".into()));
        intro.push(Seg::Link(self.pages[t].title.to_lowercase(), t));
        intro.push(Seg::Text(".".into()));
        let w = words_of(&intro);
        let mut count_now = add(&mut blocks, Block::P(intro), w);

        let mut h2s = H2S.to_vec();
        r.shuffle(&mut h2s);
        let mut h3s = H3S.to_vec();
        r.shuffle(&mut h3s);
        let mut specials = ["questions", "quote", "table", "tasks"];
        r.shuffle(&mut specials);
        let early = |count: usize| (count as f64) < target as f64 * 0.6;
        let mut sec = 0;
        for kind in specials {
            let h = h2s[sec % h2s.len()];
            sec += 1;
            count_now = add(&mut blocks, Block::H2(h.into()), h.split(' ').count());
            let n_par = r.int(1, 2);
            for _ in 0..(if early(count_now) { n_par } else { 1 }) {
                let max = if early(count_now) { 6 } else { 3 };
                let p = self.paragraph(&mut r, page, 3, max);
                let w = words_of(&p);
                count_now = add(&mut blocks, Block::P(p), w);
            }
            match kind {
                "questions" => {
                    let n = r.int(4, 6);
                    let qs: Vec<String> = (0..n)
                        .map(|_| format!("{} {}?", r.choice(QUESTION_STEMS), r.choice(OBJECTS)))
                        .collect();
                    add(&mut blocks, Block::H3("Reflection questions".into()), 2);
                    let w = qs.iter().map(|q| q.split_whitespace().count()).sum();
                    count_now = add(&mut blocks, Block::List(qs), w);
                }
                "quote" => {
                    let q = r.choice(QUOTES);
                    let (name, role) = r.choice(SPEAKERS);
                    let w = q.split_whitespace().count() + 3;
                    count_now = add(
                        &mut blocks,
                        Block::Quote(q.into(), format!("{name}, {role}")),
                        w,
                    );
                }
                "table" => {
                    let n = r.int(3, 5);
                    let rows: Vec<[String; 3]> = r
                        .sample(ROLES, n)
                        .into_iter()
                        .map(|role| {
                            let duty =
                                format!("{} {}", capitalize(r.choice(VERBS)), r.choice(NOUNS));
                            [role.to_string(), duty, r.choice(WHEN).to_string()]
                        })
                        .collect();
                    let w = 3 + 5 * rows.len();
                    count_now = add(&mut blocks, Block::Table(rows), w);
                }
                _ => {
                    let n = r.int(4, 6);
                    let items: Vec<(bool, String)> = r
                        .sample(TASKS, n)
                        .into_iter()
                        .map(|t| (r.random() < 0.3, t.to_string()))
                        .collect();
                    let w = items
                        .iter()
                        .map(|(_, t)| t.split_whitespace().count())
                        .sum();
                    count_now = add(&mut blocks, Block::Tasks(items), w);
                }
            }
            if r.random() < 0.5 && count_now + 120 < target {
                let h3 = h3s[sec % h3s.len()];
                add(&mut blocks, Block::H3(h3.into()), h3.split(' ').count());
                let p = self.paragraph(&mut r, page, 3, 6);
                let w = words_of(&p);
                count_now = add(&mut blocks, Block::P(p), w);
            }
        }

        while count_now < target {
            let h = h2s[sec % h2s.len()];
            sec += 1;
            count_now = add(&mut blocks, Block::H2(h.into()), h.split(' ').count());
            for _ in 0..r.int(1, 3) {
                if count_now >= target {
                    break;
                }
                let p = self.paragraph(&mut r, page, 3, 6);
                let w = words_of(&p);
                count_now = add(&mut blocks, Block::P(p), w);
            }
            if count_now + 40 < target && r.random() < 0.4 {
                let h3 = h3s[sec % h3s.len()];
                add(&mut blocks, Block::H3(h3.into()), h3.split(' ').count());
                let p = self.paragraph(&mut r, page, 2, 4);
                let w = words_of(&p);
                count_now = add(&mut blocks, Block::P(p), w);
            }
        }
        (blocks, count_now)
    }

    /// The page's Markdown, with links written by `link` (each tool has its own link form).
    fn markdown(&self, blocks: &[Block], link: &dyn Fn(&Page) -> String) -> String {
        let mut parts: Vec<String> = Vec::with_capacity(blocks.len());
        for b in blocks {
            parts.push(match b {
                Block::P(segs) => {
                    let mut s = String::new();
                    for seg in segs {
                        match seg {
                            Seg::Text(t) => s.push_str(t),
                            Seg::Em(t) => {
                                let _ = write!(s, "*{t}*");
                            }
                            Seg::Strong(t) => {
                                let _ = write!(s, "**{t}**");
                            }
                            Seg::Link(t, p) => {
                                let _ = write!(s, "[{t}]({})", link(&self.pages[*p]));
                            }
                        }
                    }
                    s
                }
                Block::H2(h) => format!("## {h}"),
                Block::H3(h) => format!("### {h}"),
                Block::List(items) => items
                    .iter()
                    .map(|q| format!("- {q}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                Block::Quote(q, who) => format!("> {q}\n>\n> — {who}"),
                Block::Table(rows) => {
                    let mut lines = vec![
                        "| Role | Responsibility | When |".to_string(),
                        "|---|---|---|".into(),
                    ];
                    lines.extend(rows.iter().map(|r| format!("| {} |", r.join(" | "))));
                    lines.join("\n")
                }
                Block::Tasks(items) => items
                    .iter()
                    .map(|(done, t)| format!("- [{}] {t}", if *done { "x" } else { " " }))
                    .collect::<Vec<_>>()
                    .join("\n"),
            });
        }
        parts.join("\n\n") + "\n"
    }
}

fn section_intro(phase: &Phase, seed: &str) -> String {
    let mut r = Rng::new(&format!("{seed}-section-{}", phase.num));
    let sentences: Vec<String> = (0..6)
        .map(|_| {
            let subj = capitalize(r.choice(SUBJECTS));
            let (v, a, n) = (r.choice(VERBS), r.choice(ADJS), r.choice(NOUNS));
            let (c, cl) = (r.choice(CONNECTORS), r.choice(CLAUSES));
            format!("{subj} should {v} {a} {n} {c} {cl}.")
        })
        .collect();
    let name = phase
        .title
        .split_once(": ")
        .map_or("", |(_, n)| n)
        .to_lowercase();
    format!("This phase covers *{name}*. {}\n", sentences.join(" "))
}

const HOME_INTRO: &str = "This toolkit guides partners through each phase of a partnership, \
from first conversations to moving on. Each phase has its own guidance pages, reflection \
questions and checklists.\n";

fn front_matter(title: &str, weight: usize, extra: &str) -> String {
    format!(
        "+++\ntitle = {}\nweight = {weight}\n{extra}+++\n\n",
        toml_str(title)
    )
}

fn write(path: &Path, text: &str) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

/// Trellis' partnership data: a checklist per phase, a reflection worksheet per phase, a
/// self-assessment and a resource list, in the format of FORMAT.md.
fn write_trellis_data(root: &Path, phases: &[Phase], seed: &str) -> io::Result<()> {
    let mut r = Rng::new(&format!("data-{seed}"));
    for ph in phases {
        let mut items = Vec::new();
        for i in 0..8 {
            let (g, o) = (r.choice(GERUNDS), r.choice(OBJECTS));
            items.extend([
                "[[item]]".to_string(),
                format!("id = {}", toml_str(&format!("item-{}", i + 1))),
                format!(
                    "text = {}",
                    toml_str(&format!("{g} {o} with every partner"))
                ),
                format!(
                    "detail = {}",
                    toml_str(&format!(
                        "Consider who needs to be involved in {o}, and by when."
                    ))
                ),
                format!("audience = [{}]", toml_str(r.choice(AUDIENCE_IDS))),
                format!("group = {}", toml_str(&format!("Step {}", i / 3 + 1))),
                String::new(),
            ]);
        }
        let checklist = format!(
            "title = {}\n\n{}",
            toml_str(&format!("{} checklist", ph.title)),
            items.join("\n")
        );
        write(
            &root.join("content").join(&ph.dir).join("checklist.toml"),
            &checklist,
        )?;

        let mut ws = vec![
            format!(
                "title = {}",
                toml_str(&format!("Reflecting on {}", ph.title.to_lowercase()))
            ),
            format!("phase = {}", toml_str(&ph.dir)),
            "intro = \"Answer alone first, then compare.\"".into(),
            String::new(),
        ];
        for aud in AUDIENCE_IDS {
            ws.extend([
                "[[section]]".to_string(),
                format!("title = {}", toml_str(&format!("Reflections for {aud}"))),
                format!("audience = [{}]", toml_str(aud)),
                String::new(),
            ]);
            for k in 0..4 {
                ws.extend([
                    "[[section.prompt]]".to_string(),
                    format!(
                        "label = {}",
                        toml_str(&format!("How will you approach {}?", r.choice(OBJECTS)))
                    ),
                    format!("lines = {}", 3 + k % 3),
                    String::new(),
                ]);
            }
        }
        ws.extend(
            [
                "[[section]]",
                "title = \"Next steps\"",
                "",
                "[[section.prompt]]",
                "label = \"Actions\"",
                "kind = \"table\"",
                "columns = [\"Task\", \"Who\", \"By when\"]",
                "rows = 5",
                "",
            ]
            .map(String::from),
        );
        let file = format!("{}-reflection.toml", ph.dir);
        write(&root.join("content/worksheets").join(file), &ws.join("\n"))?;
    }

    let mut sa: Vec<String> = [
        "title = \"Partnership health check\"",
        "",
        "[scoring]",
        "method = \"average-by-factor\"",
        "[[scoring.band]]",
        "min = 4.0",
        "label = \"Strength\"",
        "[[scoring.band]]",
        "min = 3.0",
        "label = \"Borderline\"",
        "[[scoring.band]]",
        "min = 1.0",
        "label = \"Concern\"",
        "",
        "[[section]]",
        "title = \"How are we doing?\"",
        "scale = { min = 1, max = 5, low = \"Strongly disagree\", high = \"Strongly agree\" }",
        "",
    ]
    .map(String::from)
    .to_vec();
    for i in 0..20 {
        sa.extend([
            "[[section.prompt]]".to_string(),
            format!(
                "label = {}",
                toml_str(&format!(
                    "We are clear about {}",
                    OBJECTS[i % OBJECTS.len()]
                ))
            ),
            "kind = \"scale\"".into(),
            format!("factor = {}", toml_str(&format!("Factor {}", i % 5 + 1))),
            String::new(),
        ]);
    }
    write(
        &root.join("content/worksheets/health-check.toml"),
        &sa.join("\n"),
    )?;

    let mut res = Vec::new();
    for i in 0..20 {
        res.extend([
            "[[resource]]".to_string(),
            format!(
                "title = {}",
                toml_str(&format!("Guide to {}", OBJECTS[i % OBJECTS.len()]))
            ),
            format!(
                "url = {}",
                toml_str(&format!("https://example.org/resources/{i}"))
            ),
            format!(
                "kind = {}",
                toml_str(r.choice(&["Report", "Webinar", "Tip sheet"][..]))
            ),
            format!("phase = {}", toml_str(&phases[i % phases.len()].dir)),
            String::new(),
        ]);
    }
    write(&root.join("content/resources.toml"), &res.join("\n"))
}

/// Writes the corpus into `out/trellis`, `out/zola`, `out/hugo` and `out/mdbook`, replacing
/// those folders if they exist.
pub fn generate(n_pages: usize, n_phases: usize, seed: &str, out: &Path) -> io::Result<Summary> {
    if n_pages == 0 || n_phases == 0 {
        return Err(io::Error::other("--pages and --phases must be at least 1"));
    }
    let (phases, pages) = plan(n_pages, n_phases, seed);
    let corpus = Corpus {
        phases: &phases,
        pages: &pages,
    };
    let dir = |name: &str| out.join(name);
    let (z, h, m, n): (PathBuf, PathBuf, PathBuf, PathBuf) =
        (dir("zola"), dir("hugo"), dir("mdbook"), dir("trellis"));
    for d in [&z, &h, &m, &n] {
        if d.exists() {
            std::fs::remove_dir_all(d)?;
        }
    }

    write(&z.join("config.toml"), &zola_config("section"))?;
    write(&z.join("config.datanav.toml"), &zola_config("data"))?;
    write(&z.join("templates/base.html"), ZOLA_BASE)?;
    write(&z.join("templates/index.html"), ZOLA_INDEX)?;
    write(&z.join("templates/section.html"), ZOLA_SECTION)?;
    write(&z.join("templates/page.html"), ZOLA_PAGE)?;
    std::fs::create_dir_all(z.join("static"))?;

    write(&h.join("hugo.toml"), &hugo_config())?;
    write(&h.join("layouts/_default/baseof.html"), HUGO_BASEOF)?;
    write(&h.join("layouts/_default/list.html"), HUGO_LIST)?;
    write(&h.join("layouts/_default/single.html"), HUGO_SINGLE)?;

    write(&m.join("book.toml"), &mdbook_toml("src", true, true))?;
    write(
        &m.join("nosearch/book.toml"),
        &mdbook_toml("../src", false, true),
    )?;
    write(
        &m.join("bare/book.toml"),
        &mdbook_toml("../src", false, false),
    )?;

    let phase_list: Vec<String> = phases.iter().map(|p| toml_str(&p.dir)).collect();
    let site_toml = [
        format!("title = {}", toml_str(SITE_TITLE)),
        format!("base_url = {}", toml_str(BASE_URL)),
        "description = \"Synthetic partnership toolkit used for build benchmarks\"".into(),
        String::new(),
        "[toolkit]".into(),
        format!("phases = [{}]", phase_list.join(", ")),
        String::new(),
        "[audiences]".into(),
        "students = \"Students\"".into(),
        "faculty = \"Faculty\"".into(),
        "staff = \"Staff\"".into(),
        String::new(),
    ];
    write(&n.join("site.toml"), &site_toml.join("\n"))?;
    write_trellis_data(&n, &phases, seed)?;

    let home = front_matter(SITE_TITLE, 0, "") + HOME_INTRO;
    write(
        &z.join("content/_index.md"),
        &(front_matter(SITE_TITLE, 0, "sort_by = \"weight\"\n") + HOME_INTRO),
    )?;
    write(&h.join("content/_index.md"), &home)?;
    write(&n.join("content/_index.md"), &home)?;
    write(
        &m.join("src/README.md"),
        &format!("# {SITE_TITLE}\n\n{HOME_INTRO}"),
    )?;

    let link_zola = |t: &Page| format!("@/{}/{}.md", phases[t.phase].dir, t.slug);
    let link_hugo = |t: &Page| format!("/{}/{}/", phases[t.phase].dir, t.slug);
    let link_rel = |t: &Page| format!("../{}/{}.md", phases[t.phase].dir, t.slug);

    let mut summary = vec![
        "# Summary".to_string(),
        String::new(),
        "[Introduction](README.md)".into(),
        String::new(),
    ];
    let mut stats = Summary {
        pages: pages.len(),
        phases: phases.len(),
        words: 0,
        min_words: usize::MAX,
        max_words: 0,
    };
    for ph in &phases {
        let intro = section_intro(ph, seed);
        let content = |root: &Path| root.join("content").join(&ph.dir);
        let index = front_matter(&ph.title, ph.num, "") + &intro;
        write(
            &content(&z).join("_index.md"),
            &(front_matter(&ph.title, ph.num, "sort_by = \"weight\"\n") + &intro),
        )?;
        write(&content(&h).join("_index.md"), &index)?;
        write(&content(&n).join("_index.md"), &index)?;
        write(
            &m.join("src").join(&ph.dir).join("index.md"),
            &format!("# {}\n\n{intro}", ph.title),
        )?;
        summary.push(format!("- [{}]({}/index.md)", ph.title, ph.dir));

        let mut nav = vec![
            format!("title = {}", toml_str(&ph.title)),
            format!("path = {}", toml_str(&format!("/{}/", ph.dir))),
            String::new(),
        ];
        for &p in &ph.pages {
            let page = &pages[p];
            nav.extend([
                "[[pages]]".to_string(),
                format!("title = {}", toml_str(&page.title)),
                format!(
                    "path = {}",
                    toml_str(&format!("/{}/{}/", ph.dir, page.slug))
                ),
                String::new(),
            ]);
        }
        write(
            &z.join("data/nav").join(format!("{}.toml", ph.dir)),
            &nav.join("\n"),
        )?;

        for &p in &ph.pages {
            let page = &pages[p];
            let (blocks, words) = corpus.page_blocks(p);
            stats.words += words;
            stats.min_words = stats.min_words.min(words);
            stats.max_words = stats.max_words.max(words);
            let front = front_matter(&page.title, page.weight, "");
            let file = format!("{}.md", page.slug);
            write(
                &content(&z).join(&file),
                &(front.clone() + &corpus.markdown(&blocks, &link_zola)),
            )?;
            write(
                &content(&h).join(&file),
                &(front.clone() + &corpus.markdown(&blocks, &link_hugo)),
            )?;
            let body = corpus.markdown(&blocks, &link_rel);
            write(&content(&n).join(&file), &(front + &body))?;
            write(
                &m.join("src").join(&ph.dir).join(&file),
                &format!("# {}\n\n{body}", page.title),
            )?;
            summary.push(format!("  - [{}]({}/{file})", page.title, ph.dir));
        }
    }
    write(&m.join("src/SUMMARY.md"), &(summary.join("\n") + "\n"))?;
    Ok(stats)
}
