//! Tests of markdown/shortcodes.

use super::*;

fn kinds(name: &str) -> BodyKind {
    match name {
        "quote" => BodyKind::Required,
        "checklist" => BodyKind::Never,
        _ => BodyKind::Optional,
    }
}

#[test]
fn parses_zola_arguments() {
    let (name, args) = parse_call(r#"quote(by="A \"B\"", n=3, x=-1.5, flag=true)"#).unwrap();
    assert_eq!(name, "quote");
    assert_eq!(args["by"], "A \"B\"");
    assert_eq!(args["n"], 3);
    assert_eq!(args["x"], -1.5);
    assert_eq!(args["flag"], true);
    assert!(parse_call("phases()").unwrap().1.is_empty());
}

#[test]
fn reports_argument_errors_with_columns() {
    assert_eq!(parse_call("quote(by=Ann)").unwrap_err().0, 9);
    assert!(parse_call("quote(by=\"Ann)")
        .unwrap_err()
        .1
        .contains("closing double quote"));
    assert!(parse_call("quote").unwrap_err().1.contains("parentheses"));
    assert!(parse_call("x(a=1 b=2)").unwrap_err().1.contains("`,`"));
}

#[test]
fn keeps_line_count_and_skips_code_blocks() {
    let text = "Intro\n{{ checklist() }}\n```\n{{ checklist() }}\n```\n{{ quote(by=\"A\") }}\nHi\n{{ end }}\n";
    let p = prepare(text, &kinds);
    assert_eq!(p.text.lines().count(), text.lines().count());
    assert_eq!(p.calls.len(), 2);
    assert!(p.calls[1].has_body);
    assert!(p.text.contains("{{ checklist() }}"), "code block untouched");
    assert!(p.problems.is_empty());
}

#[test]
fn unclosed_body_and_stray_end_are_errors() {
    let p = prepare("{{ quote(by=\"A\") }}\ntext\n", &kinds);
    assert!(p.problems[0].message.contains("never closed"));
    let p = prepare("text\n{{ end }}\n", &kinds);
    assert!(p.problems[0].message.contains("does not close"));
}

#[test]
fn an_indented_shortcode_is_an_error_since_it_would_show_as_text() {
    for text in ["- item\n  {{ checklist() }}\n", "\t{{ checklist() }}\n"] {
        let p = prepare(text, &kinds);
        assert!(p.calls.is_empty());
        assert!(!p.problems[0].warning, "{text:?}");
    }
}

#[test]
fn expands_nested_bodies_innermost_first() {
    let p = prepare(
        "{{ box() }}\n{{ quote(by=\"A\") }}\nHi\n{{ end }}\n{{ end }}\n",
        &kinds,
    );
    let html = p.text.replace("Hi", "<p>Hi</p>");
    let out = expand(&html, &p.calls, |_, call, body| {
        format!("[{}:{}]", call.name, body.unwrap_or(""))
    });
    assert_eq!(out.trim(), "[box:[quote:<p>Hi</p>]]");
}
