//! Checks that need more than one file at once, each written once: links and anchors across
//! pages and data, phases without pages, pages nothing leads to, worksheets nothing uses.
//! Each file's own mistakes are found where it is parsed (content/, data/, markdown/).

mod data_links;
pub(crate) mod refs;
mod site;
pub(crate) mod translations;

use std::collections::HashMap;
use std::sync::Arc;

use crate::content::{Doc, Site};
use crate::data::Data;
use crate::diagnostic::Diagnostics;
use crate::markdown::{AnchorCheck, LinkIndex, Rendered};

pub(crate) use data_links::DataAnchor;

/// Every whole-site check, once every document's Markdown is rendered. `resource_anchors` are
/// the anchors named by links in resources.toml (from `Data::resolve_links`).
pub(crate) fn whole_site(
    site: &Site,
    data: &Data,
    docs: &[Doc],
    rendered: &[Arc<Rendered>],
    links: &LinkIndex,
    resource_anchors: Vec<AnchorCheck>,
) -> Diagnostics {
    let mut diags = Diagnostics::default();
    site::site(site, data, docs, rendered, links, &mut diags);
    // Links written in the data's Markdown, against the same targets and headings.
    let checked = data_links::check(data, links);
    diags.extend(checked.diagnostics);
    let mut anchor_checks = checked.anchors;
    anchor_checks.extend(in_resources(data, resource_anchors));
    let anchors = anchors_by_url(docs, rendered);
    diags.extend(data_links::check_anchors(&anchor_checks, |u| {
        anchors.get(u).copied()
    }));
    diags
}

/// Each rendered page's heading ids, by URL.
fn anchors_by_url<'a>(
    docs: &'a [Doc],
    rendered: &'a [Arc<Rendered>],
) -> HashMap<&'a str, &'a Vec<String>> {
    docs.iter()
        .zip(rendered)
        .map(|(d, r)| (d.url.as_str(), &r.anchors))
        .collect()
}

/// Anchors named by links in resources.toml, in the form the data's own anchor checks take.
fn in_resources(data: &Data, checks: Vec<AnchorCheck>) -> Vec<DataAnchor> {
    let Some(source) = data.resources.as_ref().map(|r| &r.source) else {
        return Vec::new();
    };
    checks
        .into_iter()
        .map(|c| DataAnchor {
            url: c.url,
            anchor: c.anchor,
            path: source.path.clone(),
            text: source.text.clone(),
            span: c.span,
        })
        .collect()
}
