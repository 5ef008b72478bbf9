//! Tests of render/diagram.

use super::*;

/// Checks that tags open and close in order and attribute quotes pair up: enough to catch
/// broken markup in generated SVG.
fn well_formed(svg: &str) -> Result<(), String> {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').ok_or("unclosed tag")? + start;
        let tag = &rest[start + 1..end];
        if !tag.matches('"').count().is_multiple_of(2) {
            return Err(format!("odd quotes in <{tag}>"));
        }
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().ok_or(format!("stray </{name}>"))?;
            if open != name {
                return Err(format!("<{open}> closed by </{name}>"));
            }
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap_or("").to_string());
        }
        rest = &rest[end + 1..];
    }
    stack
        .is_empty()
        .then_some(())
        .ok_or(format!("unclosed {stack:?}"))
}

fn nodes<'a>(titles: &[&'a str]) -> Vec<Node<'a>> {
    titles
        .iter()
        .enumerate()
        .map(|(i, t)| Node {
            number: i + 1,
            title: t,
            href: "x/index.html",
            current: i == 1,
        })
        .collect()
}

const WORDS: Words = Words {
    title: "Phases",
    desc: "In order: 1 A, 2 B & C.",
};

#[test]
fn wraps_at_spaces_and_keeps_long_words_whole() {
    assert_eq!(
        wrap("Celebrate, evaluate and renew", 12),
        ["Celebrate,", "evaluate and", "renew"]
    );
    assert_eq!(wrap("Getting started", 15), ["Getting started"]);
    assert_eq!(
        wrap("Interdisciplinarity now", 8),
        ["Interdisciplinarity", "now"]
    );
    assert!(wrap("   ", 8).is_empty());
}

#[test]
fn a_sequence_has_both_drawings_each_labelled_with_a_link_per_phase() {
    let svg = phases(
        &nodes(&["Getting started", "Throughout", "Wrapping <up> & renewing"]),
        Layout::Sequence,
        "d1",
        &WORDS,
    );
    well_formed(&svg).unwrap();
    assert!(
        svg.starts_with("<div class=\"phase-diagram phase-diagram-sequence pd-wide-560\">"),
        "{svg}"
    );
    for variant in ["d1-wide", "d1-narrow"] {
        assert!(svg.contains(&format!(
            "aria-labelledby=\"{variant}-title {variant}-desc\""
        )));
        assert!(svg.contains(&format!("<title id=\"{variant}-title\">Phases</title>")));
        assert!(svg.contains(&format!(
            "<desc id=\"{variant}-desc\">In order: 1 A, 2 B &amp; C.</desc>"
        )));
    }
    assert_eq!(svg.matches("<a class=\"pd-node").count(), 6);
    assert_eq!(svg.matches("aria-current=\"location\"").count(), 2);
    assert!(
        svg.contains(">Wrapping &lt;up&gt; &amp; </tspan><tspan"),
        "a space between lines: {svg}"
    );
    assert!(
        !svg.contains("aria-label="),
        "links are named by their visible text"
    );
    assert_eq!(
        svg.matches("class=\"pd-head\"").count(),
        4,
        "two arrows in each drawing"
    );
}

#[test]
fn many_phases_fall_back_to_the_narrow_drawing() {
    let titles = ["A", "B", "C", "D", "E", "F", "G"];
    let svg = phases(&nodes(&titles), Layout::Sequence, "d", &WORDS);
    assert!(svg.contains("pd-narrow-only"));
}

#[test]
fn a_cycle_places_boxes_apart_with_arrowheads_between_them() {
    for count in 1..=8 {
        let g = cycle_geometry(count, 200.0, 68.0);
        assert_eq!(g.centres.len(), count);
        for (i, a) in g.centres.iter().enumerate() {
            for b in &g.centres[i + 1..] {
                assert!(
                    (a.0 - b.0).abs() > 200.0 || (a.1 - b.1).abs() > 68.0,
                    "{count} phases overlap"
                );
            }
        }
        if count > 1 {
            for (x, y, _) in &g.heads {
                assert!(
                    g.centres
                        .iter()
                        .all(|c| (x - c.0).abs() > 100.0 || (y - c.1).abs() > 34.0),
                    "{count}: hidden arrowhead"
                );
            }
        }
    }
    let top = cycle_geometry(3, 200.0, 68.0).centres[0];
    assert!(
        top.0.abs() < 1e-9 && top.1 < 0.0,
        "the first phase is at the top"
    );
}

#[test]
fn a_cycle_draws_a_ring_and_the_narrow_drawing_loops_back() {
    let svg = phases(
        &nodes(&["Connect", "Plan", "Act", "Renew"]),
        Layout::Cycle,
        "c",
        &WORDS,
    );
    well_formed(&svg).unwrap();
    assert!(svg.contains("phase-diagram-cycle"));
    assert!(svg.contains("class=\"pd-ring\""));
    assert_eq!(
        svg.matches("<path class=\"pd-line\"").count(),
        1,
        "the return path"
    );
    assert_eq!(
        svg.matches("class=\"pd-head\"").count(),
        4 + 4,
        "four on the ring, three down and one back"
    );
}

#[test]
fn a_model_is_an_image_with_growing_numbered_bars() {
    let svg = model(
        &[
            "Networking",
            "Coordinating our calendars and events",
            "Cooperating",
            "Collaborating",
        ],
        "m",
        "Continuum",
        "Four levels",
    );
    well_formed(&svg).unwrap();
    assert!(svg.contains("role=\"img\" aria-labelledby=\"m-title m-desc\""));
    assert!(svg.contains("<title id=\"m-title\">Continuum</title>"));
    assert!(svg.contains("<desc id=\"m-desc\">Four levels</desc>"));
    let widths: Vec<f64> = svg
        .split("class=\"md-bar\"")
        .skip(1)
        .map(|s| {
            s.split("width=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(widths.len(), 4);
    assert!(widths.windows(2).all(|w| w[0] < w[1]), "{widths:?}");
    assert!(svg.contains(">4</text>"));
}
