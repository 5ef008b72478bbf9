//! The peers' site files: the same templates as the shared Python generator, so Zola, Hugo and
//! mdBook build the same pages with the light themes the issue's table was measured with.

pub const SITE_TITLE: &str = "Partnership Toolkit (benchmark corpus)";
pub const BASE_URL: &str = "https://toolkit.example.org";

/// Zola's config.toml; `nav_source` is "section" (page nav from get_section) or "data" (from
/// data/nav/<phase>.toml, which Zola caches).
pub fn zola_config(nav_source: &str) -> String {
    format!(
        r#"base_url = "{BASE_URL}"
title = "{SITE_TITLE}"
compile_sass = false
build_search_index = false
generate_feeds = false

[markdown]
# no syntax highlighting: the corpus has no code blocks

[extra]
# "section": page nav from get_section() (idiomatic; cost grows with pages x section size)
# "data":    page nav from data/nav/<phase>.toml via load_data() (cached by Zola)
nav_source = "{nav_source}"
"#
    )
}

pub const ZOLA_BASE: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock title %}</title></head>
<body>
<header><a href="{{ config.base_url | safe }}/">{{ config.title }}</a></header>
{% block body %}{% endblock body %}
</body>
</html>
"#;

pub const ZOLA_INDEX: &str = r#"{% extends "base.html" %}
{% block body %}
<main>
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<nav><ul>
{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.permalink | safe }}">{{ sub.title }}</a></li>
{% endfor %}</ul></nav>
</main>
{% endblock body %}
"#;

pub const ZOLA_SECTION: &str = r#"{% extends "base.html" %}
{% block title %}{{ section.title }} | {{ config.title }}{% endblock title %}
{% block body %}
<main>
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<nav><ul>
{% for p in section.pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a></li>
{% endfor %}</ul></nav>
</main>
{% endblock body %}
"#;

pub const ZOLA_PAGE: &str = r#"{% extends "base.html" %}
{% block title %}{{ page.title }} | {{ config.title }}{% endblock title %}
{% block body %}
{% if config.extra.nav_source == "data" %}
{% set phase = page.components | first %}{% set nav = load_data(path="data/nav/" ~ phase ~ ".toml") %}
<nav><p><a href="{{ config.base_url | safe }}{{ nav.path | safe }}">{{ nav.title }}</a></p><ul>
{% for p in nav.pages %}<li><a href="{{ config.base_url | safe }}{{ p.path | safe }}">{{ p.title }}</a></li>
{% endfor %}</ul></nav>
{% else %}
{% set section = get_section(path=page.ancestors | last) %}
<nav><p><a href="{{ section.permalink | safe }}">{{ section.title }}</a></p><ul>
{% for p in section.pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a></li>
{% endfor %}</ul></nav>
{% endif %}
<main>
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
</main>
{% endblock body %}
"#;

pub fn hugo_config() -> String {
    format!(
        r#"baseURL = "{BASE_URL}/"
title = "{SITE_TITLE}"
languageCode = "en"
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = true

[markup.goldmark.renderer]
unsafe = false
[markup.highlight]
codeFences = false
"#
    )
}

pub const HUGO_BASEOF: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ .Site.Title }}</title></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
{{ block "main" . }}{{ end }}
</body>
</html>
"#;

pub const HUGO_LIST: &str = r#"{{ define "main" }}
<main>
<h1>{{ .Title }}</h1>
{{ .Content }}
<nav><ul>
{{ if .IsHome }}{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}{{ else }}{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}{{ end }}</ul></nav>
</main>
{{ end }}
"#;

pub const HUGO_SINGLE: &str = r#"{{ define "main" }}
{{ with .CurrentSection }}
<nav><p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul></nav>
{{ end }}
<main>
<h1>{{ .Title }}</h1>
{{ .Content }}
</main>
{{ end }}
"#;

/// mdBook's book.toml: `src` is the source folder relative to the book, `search` and `print`
/// switch those outputs on or off.
pub fn mdbook_toml(src: &str, search: bool, print: bool) -> String {
    format!(
        r#"[book]
title = "{SITE_TITLE}"
authors = ["benchmark"]
language = "en"
src = "{src}"

[output.html]

[output.html.search]
enable = {search}

[output.html.print]
enable = {print}
"#
    )
}
