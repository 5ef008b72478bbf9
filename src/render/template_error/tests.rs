//! Tests of render/template_error.

use super::*;

#[test]
fn finds_a_variable_inside_tags_only() {
    let text = "page.titel in text\n<p>{{ page.titel | upper }}</p>{{ page.titles }}";
    let span = find_in_tags(text, &Needle::Variable("page.titel".into())).unwrap();
    assert_eq!(&text[span.clone()], "page.titel");
    assert_eq!(span.start, 25);
    assert!(find_in_tags("{{ page.titles }}", &Needle::Variable("page.titel".into())).is_none());
    assert!(find_in_tags(
        "{{ subpage.title }}",
        &Needle::Variable("page.title".into())
    )
    .is_none());
}

#[test]
fn finds_filters_functions_and_names() {
    let text = "{{ title | upperr }}{% include \"nav.html\" %}{{ nofn(a=1) }}";
    let at = |n: Needle| find_in_tags(text, &n).map(|s| &text[s]);
    assert_eq!(at(Needle::Filter("upperr".into())), Some("upperr"));
    assert_eq!(at(Needle::Quoted("nav.html".into())), Some("nav.html"));
    assert_eq!(at(Needle::Function("nofn".into())), Some("nofn"));
    assert_eq!(at(Needle::Function("title".into())), None);
}

#[test]
fn explains_tera_messages_in_plain_words() {
    let cx = serde_json::json!({ "site": { "title": "T", "language": "en" }, "title": "A" });
    let c = explain("Failed to render 'page.html'\nVariable `site.titel` not found in context while rendering 'base.html'", Some(&cx));
    assert_eq!(c.message, "`site.titel` is not defined");
    assert_eq!(c.hint.as_deref(), Some("did you mean `site.title`?"));
    assert_eq!(innermost_template("Failed to render 'page.html'\nVariable `x` not found in context while rendering 'base.html'"), "base.html");
    let c = explain(
        "Failed to render 'page.html'\nVariable `zzz` not found",
        Some(&cx),
    );
    assert!(c.hint.unwrap().contains("site, title"));
    let c = explain(
        "Failed to render 'p.html'\nFilter 'nofilter' not found",
        None,
    );
    assert_eq!(c.message, "there is no filter called `nofilter`");
    let c = explain("Failed to render 'p.html'\nFilter call 'round' failed\nFilter `round` was called on an incorrect value: got `\"A\"` but expected a f64", None);
    assert_eq!(
        c.message,
        "the filter `round` failed: got `\"A\"` but expected a number"
    );
}

#[test]
fn follows_extends_and_includes() {
    let t = |text: &str| TemplateSource {
        shown: "t".into(),
        text: text.into(),
    };
    let mut all = HashMap::new();
    all.insert(
        "page.html".to_string(),
        t("{% extends \"base.html\" %}{% block main %}{{ title }}{% endblock main %}"),
    );
    all.insert(
        "base.html".to_string(),
        t("<html>{% include \"part.html\" %}{% block main %}{% endblock main %}"),
    );
    all.insert("part.html".to_string(), t("<p>\n{{ site.titel }}</p>"));
    let (found, span) = locate(&Needle::Variable("site.titel".into()), "page.html", &all).unwrap();
    assert_eq!(&found.text[span], "site.titel");
}
