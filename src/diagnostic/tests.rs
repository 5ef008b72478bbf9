//! Tests of diagnostic.

use super::*;

fn shown(text: &str, span: Range<usize>) -> String {
    let source: Arc<str> = Arc::from(text);
    Diagnostic::error("m")
        .at_span(Path::new("f.md"), &source, span)
        .render(false)
}

#[test]
fn a_span_on_a_crlf_line_end_is_shown_at_the_end_of_the_line() {
    // Found by the fuzz test: the span started on the `\r` that the shown line drops.
    let long = format!("{}\r\n", "word ".repeat(40));
    let out = shown(&long, long.len() - 2..long.len());
    assert!(out.contains("f.md:1:201"), "{out}");
}

#[test]
fn a_long_line_is_cut_around_the_problem_with_its_true_column() {
    let text = format!("{}[here](#){}\n", "é".repeat(300), "x".repeat(300));
    let out = shown(&text, 600..609);
    assert!(out.contains("f.md:1:301"), "{out}");
    assert!(
        out.contains("…éé") && out.contains("[here](#)xx") && out.contains("x…"),
        "{out}"
    );
    assert!(out.lines().all(|l| l.chars().count() < 160), "{out}");
}
