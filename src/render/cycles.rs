//! Templates that would never stop: an include that reaches itself, or a macro that calls itself
//! (directly or through others). Tera renders both by recursion until the stack runs out, which
//! kills the process, so they are refused after parsing, naming the loop.
//!
//! Also the functions a template may call that could hurt: `get_env` (the build machine's
//! environment, CI tokens included, must never reach a published page) and `range` (a huge range
//! would allocate until the machine runs out of memory).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use tera::ast::{Expr, ExprVal, Node};
use tera::{Tera, Value};

use super::theme::TemplateSource;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// The longest list `range` may make: more than any page needs, far less than a machine holds.
pub(crate) const RANGE_LIMIT: usize = 10_000;

/// Replaces Tera's `get_env` and `range` with safe ones.
pub(crate) fn restrict_functions(tera: &mut Tera) {
    tera.register_function(
        "get_env",
        |_: &HashMap<String, Value>| -> tera::Result<Value> {
            Err(tera::Error::msg(
                "templates cannot read the environment: `get_env` is turned off so that no \
                 secret of the machine that builds the site can reach a published page",
            ))
        },
    );
    tera.register_function("range", range);
}

fn range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let number = |key: &str, default: Option<u64>| -> tera::Result<u64> {
        match args.get(key) {
            Some(v) => v.as_u64().ok_or_else(|| {
                tera::Error::msg(format!(
                    "`range` needs a whole number of 0 or more for `{key}`, not {v}"
                ))
            }),
            None => default.ok_or_else(|| tera::Error::msg("`range` needs an `end`")),
        }
    };
    let (start, end, step) = (
        number("start", Some(0))?,
        number("end", None)?,
        number("step_by", Some(1))?.max(1),
    );
    let count = end.saturating_sub(start).div_ceil(step);
    if count > RANGE_LIMIT as u64 {
        return Err(tera::Error::msg(format!(
            "`range` would make {count} numbers; at most {RANGE_LIMIT} are allowed"
        )));
    }
    let list: Vec<Value> = (start..end)
        .step_by(usize::try_from(step).unwrap_or(1))
        .map(Value::from)
        .collect();
    Ok(Value::Array(list))
}

/// An include loop or a recursive macro in the parsed templates, as errors.
pub(crate) fn check(tera: &Tera, sources: &HashMap<String, TemplateSource>) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let mut includes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut macros: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut names: Vec<&str> = tera.get_template_names().collect();
    names.sort_unstable();
    for name in names {
        let Ok(template) = tera.get_template(name) else {
            continue;
        };
        let resolve = |namespace: &str| -> Option<String> {
            if namespace == "self" {
                return Some(name.to_string());
            }
            template
                .imported_macro_files
                .iter()
                .find(|(_, ns)| ns == namespace)
                .map(|(file, _)| file.clone())
        };
        let mut found = Found::default();
        walk(&template.ast, &mut found);
        includes.insert(name.to_string(), found.includes);
        for (macro_name, def) in &template.macros {
            let mut inner = Found::default();
            walk(&def.body, &mut inner);
            let callees = inner
                .calls
                .iter()
                .filter_map(|(ns, m)| Some(format!("{}::{m}", resolve(ns)?)))
                .collect();
            macros.insert(format!("{name}::{macro_name}"), callees);
        }
    }
    if let Some(cycle) = find_cycle(&includes) {
        let first = &cycle[0];
        let what = if cycle.len() == 2 {
            format!("{first} includes itself")
        } else {
            format!("{first} includes itself through other templates")
        };
        diags.push(
            located(
                Diagnostic::error(format!("{what}: {}", cycle.join(" -> "))),
                sources,
                first,
                &format!("\"{}\"", cycle[1]),
            )
            .hint("a template may not include itself, directly or through others: remove the include that closes the loop"),
        );
    }
    if let Some(cycle) = find_cycle(&macros) {
        let (file, name) = cycle[0].split_once("::").unwrap_or(("", &cycle[0]));
        let callee = cycle[1].rsplit("::").next().unwrap_or_default();
        diags.push(
            located(
                Diagnostic::error(format!(
                    "the macro `{name}` in {file} calls itself: {}",
                    cycle.join(" -> ")
                )),
                sources,
                file,
                &format!("::{callee}("),
            )
            .hint("Trellis does not run recursive macros (they can run until the program runs out of stack): write the repeated part out, or loop over the data instead"),
        );
    }
    diags
}

/// Points the diagnostic at the first occurrence of `needle` in the template `name`.
fn located(
    d: Diagnostic,
    sources: &HashMap<String, TemplateSource>,
    name: &str,
    needle: &str,
) -> Diagnostic {
    let Some(source) = sources.get(name) else {
        return d;
    };
    match source.text.find(needle) {
        Some(at) => d.at_span(&source.shown, &source.text, at..at + needle.len()),
        None => d.in_file(&source.shown),
    }
}

/// What a list of nodes refers to: the templates it includes and the macros it calls
/// (namespace, name).
#[derive(Default)]
struct Found {
    includes: BTreeSet<String>,
    calls: BTreeSet<(String, String)>,
}

fn walk(nodes: &[Node], found: &mut Found) {
    for node in nodes {
        match node {
            Node::Include(_, names, _) => found.includes.extend(names.iter().cloned()),
            Node::VariableBlock(_, e) => expr(e, found),
            Node::Set(_, set) => expr(&set.value, found),
            Node::FilterSection(_, section, _) => {
                args(section.filter.args.values(), found);
                walk(&section.body, found);
            }
            Node::Block(_, block, _) => walk(&block.body, found),
            Node::MacroDefinition(_, def, _) => walk(&def.body, found),
            Node::Forloop(_, l, _) => {
                expr(&l.container, found);
                walk(&l.body, found);
                if let Some(empty) = &l.empty_body {
                    walk(empty, found);
                }
            }
            Node::If(branches, _) => {
                for (_, condition, body) in &branches.conditions {
                    expr(condition, found);
                    walk(body, found);
                }
                if let Some((_, body)) = &branches.otherwise {
                    walk(body, found);
                }
            }
            _ => {}
        }
    }
}

fn args<'a>(values: impl Iterator<Item = &'a Expr>, found: &mut Found) {
    for v in values {
        expr(v, found);
    }
}

fn expr(e: &Expr, found: &mut Found) {
    for f in &e.filters {
        args(f.args.values(), found);
    }
    match &e.val {
        ExprVal::MacroCall(call) => {
            found
                .calls
                .insert((call.namespace.clone(), call.name.clone()));
            args(call.args.values(), found);
        }
        ExprVal::FunctionCall(call) => args(call.args.values(), found),
        ExprVal::Math(m) => {
            expr(&m.lhs, found);
            expr(&m.rhs, found);
        }
        ExprVal::Logic(l) => {
            expr(&l.lhs, found);
            expr(&l.rhs, found);
        }
        ExprVal::In(i) => {
            expr(&i.lhs, found);
            expr(&i.rhs, found);
        }
        ExprVal::Test(t) => args(t.args.iter(), found),
        ExprVal::Array(items) => args(items.iter(), found),
        _ => {}
    }
}

/// A loop in `graph`, as its nodes from the first back to the first ("a", "b", "a"). Iterative
/// depth-first search, so a long chain cannot exhaust the stack either.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut state: HashMap<&str, State> = graph.keys().map(|k| (k.as_str(), State::New)).collect();
    for start in graph.keys() {
        if state.get(start.as_str()) != Some(&State::New) {
            continue;
        }
        // The path from `start`, each node with the callees still to visit.
        let mut path: Vec<(&str, Vec<&str>)> = vec![(start, children(graph, start))];
        state.insert(start, State::Open);
        while let Some((node, pending)) = path.last_mut() {
            let node = *node;
            let Some(next) = pending.pop() else {
                state.insert(node, State::Done);
                path.pop();
                continue;
            };
            match state.get(next).copied() {
                Some(State::Open) => {
                    let from = path.iter().position(|(n, _)| *n == next).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        path[from..].iter().map(|(n, _)| n.to_string()).collect();
                    cycle.push(next.to_string());
                    return Some(cycle);
                }
                Some(State::New) => {
                    state.insert(next, State::Open);
                    path.push((next, children(graph, next)));
                }
                _ => {}
            }
        }
    }
    None
}

fn children<'a>(graph: &'a BTreeMap<String, BTreeSet<String>>, node: &str) -> Vec<&'a str> {
    graph
        .get(node)
        .map(|c| c.iter().rev().map(String::as_str).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn tera(templates: &[(&str, &str)]) -> (Tera, HashMap<String, TemplateSource>) {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.to_vec()).unwrap();
        let sources = templates
            .iter()
            .map(|(n, t)| {
                (
                    n.to_string(),
                    TemplateSource {
                        shown: format!("templates/{n}").into(),
                        text: Arc::from(*t),
                    },
                )
            })
            .collect();
        (tera, sources)
    }

    fn messages(templates: &[(&str, &str)]) -> Vec<String> {
        let (tera, sources) = tera(templates);
        check(&tera, &sources)
            .items
            .iter()
            .map(|d| d.render(false))
            .collect()
    }

    #[test]
    fn an_include_of_itself_is_named() {
        let found = messages(&[(
            "shortcodes/note.html",
            "<p>{% include \"shortcodes/note.html\" %}</p>",
        )]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("shortcodes/note.html includes itself: shortcodes/note.html -> shortcodes/note.html"), "{}", found[0]);
        assert!(
            found[0].contains("templates/shortcodes/note.html:1:"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn an_include_loop_through_others_is_named() {
        let found = messages(&[
            ("a.html", "{% if x %}{% include \"b.html\" %}{% endif %}"),
            (
                "b.html",
                "{% for i in x %}{% include \"c.html\" %}{% endfor %}",
            ),
            ("c.html", "{% include \"a.html\" %}"),
            ("d.html", "{% include \"c.html\" %}"),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("a.html -> b.html -> c.html -> a.html"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn recursive_macros_are_named_and_plain_ones_pass() {
        let found = messages(&[(
            "macros.html",
            "{% macro tree(n) %}{{ self::tree(n=n) }}{% endmacro %}{% macro leaf() %}x{% endmacro %}",
        )]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("the macro `tree` in macros.html calls itself"),
            "{}",
            found[0]
        );
        let mutual = messages(&[
            ("m.html", "{% macro a() %}{{ self::b() }}{% endmacro %}{% macro b() %}{% if x %}{{ self::a() | upper }}{% endif %}{% endmacro %}"),
            ("page.html", "{% import \"m.html\" as m %}{{ m::a() }}"),
        ]);
        assert_eq!(mutual.len(), 1, "{mutual:?}");
        let fine = messages(&[
            (
                "m.html",
                "{% macro a() %}{{ self::b() }}{% endmacro %}{% macro b() %}b{% endmacro %}",
            ),
            (
                "page.html",
                "{% import \"m.html\" as m %}{% include \"part.html\" %}{{ m::a() }}",
            ),
            ("part.html", "{{ m::b() }}"),
        ]);
        assert!(fine.is_empty(), "{fine:?}");
    }

    #[test]
    fn get_env_is_refused_and_range_is_bounded() {
        let mut tera = Tera::default();
        restrict_functions(&mut tera);
        let cx = tera::Context::new();
        let env = tera.render_str("{{ get_env(name=\"HOME\") }}", &cx);
        assert!(env.is_err());
        assert_eq!(
            tera.render_str(
                "{% for i in range(start=2, end=9, step_by=3) %}{{ i }},{% endfor %}",
                &cx
            )
            .unwrap(),
            "2,5,8,"
        );
        assert!(tera
            .render_str("{% for i in range(end=100000000000) %}{% endfor %}", &cx)
            .is_err());
    }
}
