//! Diagrams drawn at build time as inline SVG: the phase diagram (a sequence or a cycle) and
//! models (ordered levels). Pure: text in, markup out; sizes come from an estimate of text width,
//! since a static site cannot measure text.
//!
//! The phase diagram comes in two drawings, a wide one and a narrow (vertical) one; CSS shows the
//! one that fits its container, so titles stay readable on a phone and on a desktop. The hidden
//! one is `display: none`, which also hides it from screen readers and the keyboard.

use std::fmt::Write;

use crate::config::Layout;
use crate::markdown::escape_html as esc;

/// Font size and line height, in SVG units; the CSS keeps the font size at 1em = 16 units.
const FONT: f64 = 16.0;
const LINE: f64 = 20.0;
/// The width of an average character of a wide sans-serif font at weight 600 (DejaVu Sans is
/// among the widest), as a fraction of the font size: generous, so titles never overflow.
const CHAR: f64 = 0.64;
const PAD: f64 = 8.0;

/// One phase of the diagram.
#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    pub(crate) number: usize,
    pub(crate) title: &'a str,
    pub(crate) href: &'a str,
    /// The reader is on this phase (or one of its pages).
    pub(crate) current: bool,
}

/// The words around the drawing, in the site's language.
#[derive(Debug, Clone)]
pub(crate) struct Words<'a> {
    pub(crate) title: &'a str,
    pub(crate) desc: &'a str,
}

/// Splits `text` into lines of at most `max` characters, at spaces; a longer word stands alone.
pub(crate) fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// How many characters fit in `width` units.
fn fits(width: f64) -> usize {
    ((width / (FONT * CHAR)).floor() as usize).max(6)
}

/// A number without needless decimals, for compact, stable markup.
fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The phase diagram: a wide and a narrow drawing in one wrapper. `id` makes the ids of this
/// diagram unique on its page.
pub(crate) fn phases(nodes: &[Node], layout: Layout, id: &str, words: &Words) -> String {
    let wide = match layout {
        Layout::Sequence => sequence_wide(nodes),
        Layout::Cycle => cycle_wide(nodes),
    };
    let narrow = vertical(nodes, layout == Layout::Cycle);
    let class = match layout {
        Layout::Sequence => "sequence",
        Layout::Cycle => "cycle",
    };
    // The wide drawing shows when the container is at least this wide (in CSS pixels), so its
    // text is never scaled below ~80%.
    let min_width = [560, 720, 880, 1040]
        .into_iter()
        .find(|w| *w as f64 >= wide.width * 0.8);
    let breakpoint = min_width.map_or("pd-narrow-only".to_string(), |w| format!("pd-wide-{w}"));
    let mut out = format!("<div class=\"phase-diagram phase-diagram-{class} {breakpoint}\">\n");
    out.push_str(&svg(
        &wide,
        &format!("{id}-wide"),
        "pd-svg pd-wide",
        words,
        nodes,
    ));
    out.push_str(&svg(
        &narrow,
        &format!("{id}-narrow"),
        "pd-svg pd-narrow",
        words,
        nodes,
    ));
    out.push_str("</div>\n");
    out
}

/// A drawing before it becomes markup: its size and the shapes in it.
struct Drawing {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
    boxes: Vec<Box>,
    /// Markup drawn behind the boxes (arrows, the ring).
    behind: String,
}

/// One phase's box, with its title already wrapped.
struct Box {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    lines: Vec<String>,
}

fn svg(d: &Drawing, id: &str, class: &str, words: &Words, nodes: &[Node]) -> String {
    let mut s = String::with_capacity(2048);
    let _ = write!(
        s,
        "<svg class=\"{class}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\" font-size=\"{}\" role=\"group\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n<g class=\"pd-arrows\" aria-hidden=\"true\">{}</g>\n",
        n(d.x), n(d.y), n(d.width), n(d.height), n(d.width), n(d.height), n(FONT), esc(words.title), esc(words.desc), d.behind
    );
    for (b, node) in d.boxes.iter().zip(nodes) {
        s.push_str(&node_markup(b, node));
    }
    s.push_str("</svg>\n");
    s
}

/// One phase: a link whose name is its visible text ("2 Throughout the partnership"), as WCAG's
/// "label in name" asks; the drawing's description says these are the phases.
fn node_markup(b: &Box, node: &Node) -> String {
    let cy = b.y + b.h / 2.0;
    let current = if node.current { " pd-current" } else { "" };
    let aria_current = if node.current {
        " aria-current=\"location\""
    } else {
        ""
    };
    let mut s = format!(
        "<a class=\"pd-node{current}\" href=\"{}\"{aria_current}>\n<rect class=\"pd-box\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\"/>\n<circle class=\"pd-num-bg\" cx=\"{}\" cy=\"{}\" r=\"15\"/>\n<text class=\"pd-num\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" dominant-baseline=\"central\">{} </text>\n<text class=\"pd-label\" dominant-baseline=\"central\">",
        esc(node.href), n(b.x), n(b.y), n(b.w), n(b.h), n(b.x + 26.0), n(cy), n(b.x + 26.0), n(cy), node.number
    );
    let first = cy - (b.lines.len() as f64 - 1.0) * LINE / 2.0;
    for (i, line) in b.lines.iter().enumerate() {
        // A space ends every line but the last, or "Throughout the" and "partnership" run
        // together when the name is read out.
        let gap = if i + 1 < b.lines.len() { " " } else { "" };
        let _ = write!(
            s,
            "<tspan x=\"{}\" y=\"{}\">{}{gap}</tspan>",
            n(b.x + 50.0),
            n(first + i as f64 * LINE),
            esc(line)
        );
    }
    s.push_str("</text>\n</a>\n");
    s
}

/// The boxes' common height for titles wrapped at `chars`.
fn wrapped(nodes: &[Node], chars: usize) -> (Vec<Vec<String>>, f64) {
    let lines: Vec<Vec<String>> = nodes.iter().map(|n| wrap(n.title, chars)).collect();
    let most = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    (lines, (most as f64 * LINE + 28.0).max(64.0))
}

const WIDE_BOX: f64 = 200.0;
const GAP: f64 = 40.0;

fn sequence_wide(nodes: &[Node]) -> Drawing {
    let (lines, h) = wrapped(nodes, fits(WIDE_BOX - 60.0));
    let mut boxes = Vec::new();
    let mut behind = String::new();
    for (i, l) in lines.into_iter().enumerate() {
        let x = PAD + i as f64 * (WIDE_BOX + GAP);
        if i > 0 {
            behind.push_str(&arrow_right(x - GAP + 6.0, x - 6.0, PAD + h / 2.0));
        }
        boxes.push(Box {
            x,
            y: PAD,
            w: WIDE_BOX,
            h,
            lines: l,
        });
    }
    let count = nodes.len().max(1) as f64;
    let width = 2.0 * PAD + count * WIDE_BOX + (count - 1.0) * GAP;
    Drawing {
        x: 0.0,
        y: 0.0,
        width,
        height: h + 2.0 * PAD,
        boxes,
        behind,
    }
}

fn arrow_right(x1: f64, x2: f64, y: f64) -> String {
    format!(
        "<line class=\"pd-line\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/><polygon class=\"pd-head\" points=\"{},{} {},{} {},{}\"/>",
        n(x1), n(y), n(x2 - 8.0), n(y), n(x2), n(y), n(x2 - 10.0), n(y - 7.0), n(x2 - 10.0), n(y + 7.0)
    )
}

fn arrow_down(x: f64, y1: f64, y2: f64) -> String {
    format!(
        "<line class=\"pd-line\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/><polygon class=\"pd-head\" points=\"{},{} {},{} {},{}\"/>",
        n(x), n(y1), n(x), n(y2 - 8.0), n(x), n(y2), n(x - 7.0), n(y2 - 10.0), n(x + 7.0), n(y2 - 10.0)
    )
}

/// The narrow drawing: boxes one under the other; a cycle adds a path from the last box back up
/// to the first on the right.
fn vertical(nodes: &[Node], cycle: bool) -> Drawing {
    let width = 320.0;
    let box_w = if cycle {
        width - 2.0 * PAD - 44.0
    } else {
        width - 2.0 * PAD
    };
    let chars = fits(box_w - 60.0);
    let mut boxes: Vec<Box> = Vec::new();
    let mut behind = String::new();
    let mut y = PAD;
    for node in nodes {
        let lines = wrap(node.title, chars);
        let h = (lines.len().max(1) as f64 * LINE + 24.0).max(56.0);
        if !boxes.is_empty() {
            behind.push_str(&arrow_down(PAD + 26.0, y - 30.0 + 4.0, y - 4.0));
        }
        boxes.push(Box {
            x: PAD,
            y,
            w: box_w,
            h,
            lines,
        });
        y += h + 30.0;
    }
    if let (true, Some(first), Some(last)) = (cycle && nodes.len() > 1, boxes.first(), boxes.last())
    {
        behind.push_str(&return_path(
            PAD + box_w,
            first.y + first.h / 2.0,
            last.y + last.h / 2.0,
            width - PAD - 14.0,
        ));
    }
    Drawing {
        x: 0.0,
        y: 0.0,
        width,
        height: y - 30.0 + PAD,
        boxes,
        behind,
    }
}

/// From the last box's right edge out to `rail`, up, and back into the first box, arrowhead last.
fn return_path(edge: f64, top: f64, bottom: f64, rail: f64) -> String {
    format!(
        "<path class=\"pd-line\" fill=\"none\" d=\"M{} {} H{} Q{} {} {} {} V{} Q{} {} {} {} H{}\"/><polygon class=\"pd-head\" points=\"{},{} {},{} {},{}\"/>",
        n(edge + 4.0), n(bottom), n(rail - 10.0), n(rail), n(bottom), n(rail), n(bottom - 10.0),
        n(top + 10.0), n(rail), n(top), n(rail - 10.0), n(top), n(edge + 12.0),
        n(edge + 3.0), n(top), n(edge + 13.0), n(top - 7.0), n(edge + 13.0), n(top + 7.0)
    )
}

/// Where the cycle's boxes sit: centres on a circle of radius `radius`, starting at the top and
/// going clockwise.
#[derive(Debug, Clone)]
pub(crate) struct CycleGeometry {
    pub(crate) radius: f64,
    pub(crate) centres: Vec<(f64, f64)>,
    /// Arrowheads halfway between consecutive boxes: position and the angle on the circle.
    pub(crate) heads: Vec<(f64, f64, f64)>,
}

/// The smallest radius (in steps of 10) at which no two boxes of `w` x `h` overlap and every
/// arrowhead between them is clear of every box.
pub(crate) fn cycle_geometry(count: usize, w: f64, h: f64) -> CycleGeometry {
    let step = std::f64::consts::TAU / count.max(1) as f64;
    let angle = |i: f64| -std::f64::consts::FRAC_PI_2 + i * step;
    let at = |r: f64, a: f64| (r * a.cos(), r * a.sin());
    let mut radius = 110.0;
    loop {
        let centres: Vec<(f64, f64)> = (0..count).map(|i| at(radius, angle(i as f64))).collect();
        let heads: Vec<(f64, f64, f64)> = (0..count)
            .map(|i| {
                let a = angle(i as f64 + 0.5);
                let (x, y) = at(radius, a);
                (x, y, a)
            })
            .collect();
        let clear = |(x, y): (f64, f64), margin: f64| {
            centres.iter().all(|(cx, cy)| {
                (x - cx).abs() > w / 2.0 + margin || (y - cy).abs() > h / 2.0 + margin
            })
        };
        let boxes_apart = centres.iter().enumerate().all(|(i, a)| {
            centres[i + 1..]
                .iter()
                .all(|b| (a.0 - b.0).abs() > w + 16.0 || (a.1 - b.1).abs() > h + 16.0)
        });
        let heads_clear = count < 2 || heads.iter().all(|(x, y, _)| clear((*x, *y), 12.0));
        if (boxes_apart && heads_clear) || radius > 2000.0 {
            return CycleGeometry {
                radius,
                centres,
                heads,
            };
        }
        radius += 10.0;
    }
}

fn cycle_wide(nodes: &[Node]) -> Drawing {
    let (lines, h) = wrapped(nodes, fits(WIDE_BOX - 60.0));
    let g = cycle_geometry(nodes.len(), WIDE_BOX, h);
    let mut behind = format!(
        "<circle class=\"pd-ring\" cx=\"0\" cy=\"0\" r=\"{}\" fill=\"none\"/>",
        n(g.radius)
    );
    if nodes.len() > 1 {
        for (x, y, a) in &g.heads {
            behind.push_str(&head_along_circle(*x, *y, *a));
        }
    }
    let boxes: Vec<Box> = g
        .centres
        .iter()
        .zip(lines)
        .map(|((cx, cy), l)| Box {
            x: cx - WIDE_BOX / 2.0,
            y: cy - h / 2.0,
            w: WIDE_BOX,
            h,
            lines: l,
        })
        .collect();
    let min_x = boxes.iter().map(|b| b.x).fold(-g.radius, f64::min) - PAD;
    let max_x = boxes.iter().map(|b| b.x + b.w).fold(g.radius, f64::max) + PAD;
    let min_y = boxes.iter().map(|b| b.y).fold(-g.radius, f64::min) - PAD;
    let max_y = boxes.iter().map(|b| b.y + b.h).fold(g.radius, f64::max) + PAD;
    Drawing {
        x: min_x,
        y: min_y,
        width: max_x - min_x,
        height: max_y - min_y,
        boxes,
        behind,
    }
}

/// An arrowhead on the circle at angle `a`, pointing clockwise.
fn head_along_circle(x: f64, y: f64, a: f64) -> String {
    let (tx, ty) = (-a.sin(), a.cos());
    let (nx, ny) = (a.cos(), a.sin());
    let tip = (x + tx * 9.0, y + ty * 9.0);
    let left = (x - tx * 7.0 + nx * 8.0, y - ty * 7.0 + ny * 8.0);
    let right = (x - tx * 7.0 - nx * 8.0, y - ty * 7.0 - ny * 8.0);
    format!(
        "<polygon class=\"pd-head\" points=\"{},{} {},{} {},{}\"/>",
        n(tip.0),
        n(tip.1),
        n(left.0),
        n(left.1),
        n(right.0),
        n(right.1)
    )
}

/// A model's ordered levels as bars that grow from the first level to the last, each numbered.
/// The caller puts the text equivalent (an ordered list) beside it.
pub(crate) fn model(levels: &[&str], id: &str, title: &str, desc: &str) -> String {
    // Narrow enough to keep its text at full size on a phone.
    let width = 340.0;
    let left = 44.0;
    let room = width - left - PAD;
    let count = levels.len().max(1);
    let mut body = String::new();
    let mut y = PAD;
    for (i, level) in levels.iter().enumerate() {
        let share = if count > 1 {
            i as f64 / (count - 1) as f64
        } else {
            1.0
        };
        let w = room * (0.45 + 0.55 * share);
        let lines = wrap(level, fits(w - 24.0));
        let h = (lines.len().max(1) as f64 * LINE + 16.0).max(40.0);
        let cy = y + h / 2.0;
        let _ = write!(
            body,
            "<g class=\"md-level\">\n<circle class=\"md-num-bg\" cx=\"{}\" cy=\"{}\" r=\"14\"/>\n<text class=\"md-num\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" dominant-baseline=\"central\">{}</text>\n<rect class=\"md-bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\"/>\n<text class=\"md-label\" dominant-baseline=\"central\">",
            n(left / 2.0), n(cy), n(left / 2.0), n(cy), i + 1, n(left), n(y), n(w), n(h)
        );
        let first = cy - (lines.len() as f64 - 1.0) * LINE / 2.0;
        for (j, line) in lines.iter().enumerate() {
            let _ = write!(
                body,
                "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
                n(left + 12.0),
                n(first + j as f64 * LINE),
                esc(line)
            );
        }
        body.push_str("</text>\n</g>\n");
        y += h + 8.0;
    }
    let height = y - 8.0 + PAD;
    format!(
        "<svg class=\"md-svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" font-size=\"{}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n{body}</svg>\n",
        n(width), n(height), n(width), n(height), n(FONT), esc(title), esc(desc)
    )
}

#[cfg(test)]
mod tests;
