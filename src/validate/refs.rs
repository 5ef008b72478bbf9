//! Names written in one file that another defines: the audiences and phases the data files
//! name (site.toml defines them) and the worksheets pages list (content/worksheets/ defines
//! them). A page's own audiences are checked where its front matter is read.

use crate::content::Site;
use crate::data::Data;
use crate::diagnostic::{did_you_mean, Diagnostics};

/// Every name in the data that site.toml does not define, and every worksheet a page lists that
/// does not exist, as an error at the name.
pub(crate) fn check(site: &Site, data: &Data) -> Diagnostics {
    let mut diags = Diagnostics::default();
    diags.extend(data.references.iter().filter_map(|r| r.check(&site.config)));
    let known: Vec<&str> = data.worksheets.iter().map(|w| w.id.as_str()).collect();
    for page in &site.pages {
        for id in &page.front.worksheets {
            let id_ref = id.get_ref().as_str();
            if known.contains(&id_ref) || data.broken_worksheets.iter().any(|b| b == id_ref) {
                continue;
            }
            let hint = did_you_mean(id_ref, known.iter().copied()).unwrap_or_else(|| {
                format!("a worksheet's id is its file name in content/worksheets/ (without .toml); known: {}", known.join(", "))
            });
            diags.push(
                page.error_at(id, format!("there is no worksheet `{id_ref}`"))
                    .hint(hint),
            );
        }
    }
    diags
}
