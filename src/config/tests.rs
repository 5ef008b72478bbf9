//! Tests of config.

use super::*;

fn parse(text: &str) -> Result<Config, Diagnostics> {
    Config::parse(text, Path::new("site.toml"))
}

#[test]
fn minimal_config_has_defaults() {
    let c = parse("title = \"T\"").unwrap();
    assert_eq!(c.language.get_ref(), "en");
    assert_eq!(c.theme.name.get_ref(), "default");
    assert_eq!(c.print.paper, Paper::Letter);
    assert_eq!(c.toolkit.layout, Layout::Sequence);
}

#[test]
fn unknown_key_names_line_and_suggests() {
    let err = parse("title = \"T\"\n\n[toolkit]\nphase = [\"a\"]\n").unwrap_err();
    let d = &err.items[0];
    assert_eq!(d.position().unwrap(), "site.toml:4:1");
    assert!(d.message.contains("unknown key `phase`"), "{}", d.message);
    assert!(d
        .hint
        .as_deref()
        .unwrap()
        .contains("did you mean `phases`?"));
}

#[test]
fn missing_title_is_an_error() {
    let err = parse("description = \"x\"").unwrap_err();
    assert!(err.items[0].message.contains("required key `title`"));
}

#[test]
fn audiences_keep_their_order() {
    let c = parse("title = \"T\"\n[audiences]\nstudents = \"Students\"\nfaculty = \"Faculty\"\n")
        .unwrap();
    let ids: Vec<String> = c.audiences().into_iter().map(|a| a.id).collect();
    assert_eq!(ids, ["students", "faculty"]);
}

#[test]
fn bad_paper_lists_allowed_values() {
    let err = parse("title = \"T\"\n[print]\npaper = \"A4\"\n").unwrap_err();
    let d = &err.items[0];
    assert_eq!(d.position().unwrap(), "site.toml:3:9");
    assert!(
        d.hint.as_deref().unwrap().contains("did you mean `a4`?"),
        "{:?}",
        d.hint
    );
}
