/* Trellis: comparing partners' answers to one worksheet (worksheets/<id>/compare/).

   A facilitator loads the answer files partners saved from the worksheet ("Save my answers to a file"),
   or a comparison saved from this page. Everything happens in this browser: the files are read
   here, nothing is uploaded and nothing is stored.

   Files read:
     answers      {"trellis": 1, "worksheet": "<id>", "name": "<optional>", "answers": {...}}
     comparison   {"trellis": 1, "worksheet": "<id>", "partners": [{"name": ..., "answers": {...}}]}

   Scores are those of Trellis.score (trellis.js), so reversed items and "Not applicable" count
   exactly as on the worksheet itself. The part above the DOM code runs in node for the tests. */
(function () {
  "use strict";

  var inNode = typeof module === "object" && module.exports;
  var T = inNode ? require("./trellis.js") : window.Trellis;

  /* ---------- Reading files ---------- */

  function prompts(config) {
    var out = [];
    config.sections.forEach(function (s) { s.prompts.forEach(function (p) { out.push(p); }); });
    return out;
  }

  function isText(v) {
    return typeof v === "string";
  }

  /** An answer in the shape its prompt's kind gives, or undefined for anything else. */
  function clean(p, v) {
    if (p.kind === "scale") {
      if (v === "na") return p.allow_na ? "na" : undefined;
      return typeof v === "number" && v % 1 === 0 && v >= p.min && v <= p.max ? v : undefined;
    }
    if (p.kind === "choice") return isText(v) && p.options.indexOf(v) >= 0 ? v : undefined;
    if (p.kind === "checkbox") {
      var ok = Array.isArray(v) && v.every(function (o) { return p.options.indexOf(o) >= 0; });
      return ok && v.length ? v.slice() : undefined;
    }
    if (p.kind === "table") {
      var rows = Array.isArray(v) && v.every(function (r) { return Array.isArray(r) && r.every(isText); });
      return rows && v.length ? v.map(function (r) { return r.slice(0, p.columns.length); }) : undefined;
    }
    return isText(v) && v !== "" ? v : undefined;
  }

  /** One answer set from a file: kept answers by prompt id, or the ids this worksheet lacks. */
  function entry(config, raw) {
    var byId = {};
    prompts(config).forEach(function (p) { byId[p.id] = p; });
    var answers = {}, unknown = [];
    Object.keys(raw.answers).forEach(function (id) {
      if (!byId[id]) { unknown.push(id); return; }
      var v = clean(byId[id], raw.answers[id]);
      if (v !== undefined) answers[id] = v;
    });
    return { name: isText(raw.name) ? raw.name.trim() : "", answers: answers, unknown: unknown };
  }

  function isAnswers(x) {
    return x !== null && typeof x === "object" && x.answers !== null &&
      typeof x.answers === "object" && !Array.isArray(x.answers);
  }

  /** Reads one file's text. Returns {entries: [{name, answers}]} or {problem: {kind, ...}}, the
      kinds being "not-trellis", "other-worksheet" (with `other`) and "other-version" (with the
      prompt `ids` this worksheet does not have). */
  function parse(config, text) {
    var data = null;
    try { data = JSON.parse(text); } catch (e) { data = null; }
    if (data === null || typeof data !== "object" || data.trellis !== 1 || !isText(data.worksheet)) {
      return { problem: { kind: "not-trellis" } };
    }
    if (data.worksheet !== config.id) return { problem: { kind: "other-worksheet", other: data.worksheet } };
    var raws = Array.isArray(data.partners) ? data.partners : [data];
    if (!raws.length || !raws.every(isAnswers)) return { problem: { kind: "not-trellis" } };
    var entries = raws.map(function (r) { return entry(config, r); });
    var unknown = [];
    entries.forEach(function (e) {
      e.unknown.forEach(function (id) { if (unknown.indexOf(id) < 0) unknown.push(id); });
      delete e.unknown;
    });
    if (unknown.length) return { problem: { kind: "other-version", ids: unknown } };
    return { entries: entries };
  }

  /** The answers as one string, keys sorted, for noticing the same file loaded twice. */
  function fingerprint(e) {
    var keys = Object.keys(e.answers).sort();
    return JSON.stringify([e.name, keys.map(function (k) { return [k, e.answers[k]]; })]);
  }

  /** Adds entries to `partners` (a list of {name, label, answers}): a copy of a partner already
      there is left out and reported as {duplicate: entry, of: label}. Unnamed partners are
      labelled "Partner n" (the lowest n free); a name used twice gets " (2)". */
  function add(partners, entries, partnerWord) {
    var added = [], duplicates = [];
    entries.forEach(function (e) {
      var same = partners.filter(function (p) { return fingerprint(p) === fingerprint(e); })[0];
      if (same) { duplicates.push({ entry: e, of: same.label }); return; }
      var taken = partners.map(function (p) { return p.label; });
      var label = e.name, n = 1;
      if (!label) {
        while (taken.indexOf(fill(partnerWord, { n: n })) >= 0) n += 1;
        label = fill(partnerWord, { n: n });
      } else {
        for (n = 2; taken.indexOf(label) >= 0; n += 1) label = e.name + " (" + n + ")";
      }
      var p = { name: e.name, label: label, answers: e.answers };
      partners.push(p);
      added.push(p);
    });
    return { added: added, duplicates: duplicates };
  }

  /* ---------- Aggregation ---------- */

  /** Points apart that make an item worth discussing: 2 on a 5-point scale, the same share of
      the range on others (2 * difference >= max - min). */
  function gap(p) {
    return Math.ceil((p.max - p.min) / 2);
  }

  function scaleItem(p, partners) {
    var answers = partners.map(function (x) { return p.id in x.answers ? x.answers[p.id] : null; });
    var values = answers.filter(function (a) { return typeof a === "number"; });
    var low = values.length ? Math.min.apply(null, values) : null;
    var high = values.length ? Math.max.apply(null, values) : null;
    var difference = values.length ? high - low : null;
    return {
      id: p.id, label: p.label, min: p.min, max: p.max, reverse: Boolean(p.reverse),
      factor: p.factor || null, answers: answers, low: low, high: high, difference: difference,
      gap: gap(p), discuss: values.length > 1 && 2 * difference >= p.max - p.min
    };
  }

  /** The group's score of each factor and category: the mean of every partner's answered
      items together (Trellis.score on all partners' answers as one set, so reversed items and
      N/A count as they do for one person), with the lowest and highest partner's own score. */
  function groupScores(scoring, partners, own) {
    var items = [], answers = {};
    partners.forEach(function (x, k) {
      scoring.items.forEach(function (item) {
        var id = k + "/" + item.id;
        items.push({ id: id, factor: item.factor, category: item.category, min: item.min, max: item.max, reverse: item.reverse });
        if (item.id in x.answers) answers[id] = x.answers[item.id];
      });
    });
    var pooled = T.score({ method: "average-by-factor", bands: scoring.bands, items: items }, answers);
    var withSpread = function (kind) {
      return pooled[kind].map(function (g, i) {
        var mine = own.map(function (r) { return r[kind][i].tenths; }).filter(function (t) { return t !== null; });
        return {
          name: g.name, tenths: g.tenths, band: g.band, range: g.range,
          low: mine.length ? Math.min.apply(null, mine) : null,
          high: mine.length ? Math.max.apply(null, mine) : null,
          partners: mine.length
        };
      });
    };
    return { factors: withSpread("factors"), categories: withSpread("categories") };
  }

  /** A sum-scored worksheet: each partner's total and the mean of the totals. */
  function totals(scoring, own) {
    var list = own.map(function (r) { return r.total.tenths; });
    var answered = list.filter(function (t) { return t !== null; });
    var sum = answered.reduce(function (a, b) { return a + b; }, 0) / 10;
    var mean = answered.length ? T.averageTenths(sum, answered.length) : null;
    var band = mean === null ? null : T.bandFor(scoring.bands, mean);
    return {
      partners: list.map(function (t) {
        var b = t === null ? null : T.bandFor(scoring.bands, t);
        return { tenths: t, band: b ? b.label : null };
      }),
      tenths: mean, band: band ? band.label : null,
      low: answered.length ? Math.min.apply(null, answered) : null,
      high: answered.length ? Math.max.apply(null, answered) : null
    };
  }

  /** Everything the page shows about the partners' answers. */
  function aggregate(config, partners) {
    var items = prompts(config).filter(function (p) { return p.kind === "scale"; })
      .map(function (p) { return scaleItem(p, partners); });
    var discuss = items.filter(function (i) { return i.discuss; }).sort(function (a, b) {
      return (b.difference / (b.max - b.min)) - (a.difference / (a.max - a.min)) || items.indexOf(a) - items.indexOf(b);
    });
    var report = { items: items, discuss: discuss, scores: null, totals: null, own: [] };
    var scoring = config.scoring;
    if (scoring && partners.length) {
      report.own = partners.map(function (x) { return T.score(scoring, x.answers); });
      if (scoring.method === "sum") report.totals = totals(scoring, report.own);
      else report.scores = groupScores(scoring, partners, report.own);
    }
    return report;
  }

  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  var api = { parse: parse, add: add, aggregate: aggregate, gap: gap };
  if (inNode) module.exports = api;
  if (typeof document === "undefined") return;
  window.TrellisCompare = api;

  /* ---------- The page ---------- */

  var SVG = "http://www.w3.org/2000/svg";

  /** An element with attributes and children (strings become text). */
  function h(tag, attrs, children) {
    var el = tag.indexOf("svg:") === 0 ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) el.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return el;
  }

  function init(el) {
    var config = JSON.parse(el.getAttribute("data-config"));
    var t = JSON.parse(el.getAttribute("data-strings") || "{}");
    var decimal = el.getAttribute("data-decimal") || ".";
    var partners = [];
    var status = el.querySelector("[data-tr-compare-status]");
    var list = el.querySelector("[data-tr-partners]");
    var results = el.querySelector("[data-tr-results]");
    var files = el.querySelector("[data-tr-files]");
    var paste = el.querySelector("[data-tr-paste]");
    var drop = el.querySelector("[data-tr-drop]");

    function tenths(x, sum) {
      if (x === null || x === undefined) return "–";
      return sum && x % 10 === 0 ? String(x / 10) : T.formatTenths(x, decimal);
    }

    function report(lines) {
      status.textContent = "";
      lines.forEach(function (l) { status.appendChild(h("li", { "class": l.problem ? "compare-problem" : null }, [l.text])); });
    }

    /** Reads texts (with the names of their files) and adds what they hold. */
    function take(sources) {
      var lines = [];
      var added = [];
      sources.forEach(function (src) {
        var got = parse(config, src.text);
        var p = got.problem;
        if (p) {
          var key = p.kind === "other-worksheet" ? t.compare_other_worksheet
            : p.kind === "other-version" ? t.compare_other_version : t.compare_not_trellis;
          lines.push({ problem: true, text: fill(key, { file: src.file, other: p.other, ids: (p.ids || []).join(", ") }) });
          return;
        }
        var r = add(partners, got.entries, t.compare_partner);
        r.duplicates.forEach(function (d) {
          lines.push({ problem: true, text: fill(t.compare_duplicate, { file: src.file, name: d.of }) });
        });
        added = added.concat(r.added);
      });
      if (added.length) {
        lines.unshift({ text: fill(t.compare_added, { names: added.map(function (p) { return p.label; }).join(", ") }) });
      }
      report(lines);
      draw();
    }

    function readFiles(fileList) {
      var chosen = Array.prototype.slice.call(fileList || []);
      if (!chosen.length) return;
      Promise.all(chosen.map(function (f) {
        return new Promise(function (resolve) {
          var reader = new FileReader();
          reader.onload = function () { resolve({ file: f.name, text: String(reader.result) }); };
          reader.onerror = function () { resolve({ file: f.name, text: "" }); };
          reader.readAsText(f);
        });
      })).then(take);
    }

    files.addEventListener("change", function () {
      readFiles(files.files);
      files.value = "";
    });
    ["dragenter", "dragover"].forEach(function (type) {
      drop.addEventListener(type, function (e) {
        e.preventDefault();
        drop.classList.add("is-over");
      });
    });
    drop.addEventListener("dragleave", function () { drop.classList.remove("is-over"); });
    // Files dropped anywhere on the page load too: a browser would otherwise open the file in
    // place of the page and lose the comparison.
    document.addEventListener("dragover", function (e) { e.preventDefault(); });
    document.addEventListener("drop", function (e) {
      e.preventDefault();
      drop.classList.remove("is-over");
      readFiles(e.dataTransfer && e.dataTransfer.files);
    });
    el.querySelector("[data-tr-paste-add]").addEventListener("click", function () {
      if (paste.value.trim() === "") return;
      take([{ file: t.compare_pasted, text: paste.value }]);
      paste.value = "";
    });
    el.querySelector("[data-tr-compare-save]").addEventListener("click", function () {
      var data = {
        trellis: 1, worksheet: config.id,
        // Names as the files gave them: loaded again, unnamed partners get the same labels, and
        // a file already loaded is noticed as the same.
        partners: partners.map(function (p) { return { name: p.name, answers: p.answers }; })
      };
      var a = h("a", { href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" })), download: config.id + "-comparison.json" });
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    });
    el.querySelector("[data-tr-compare-print]").addEventListener("click", function () { window.print(); });
    el.querySelector("[data-tr-compare-clear]").addEventListener("click", function () {
      partners = [];
      report([]);
      draw();
      files.focus();
    });

    function drawPartners() {
      list.textContent = "";
      partners.forEach(function (p, i) {
        var remove = h("button", { type: "button", "class": "button button-secondary button-small" },
          [t.compare_remove, h("span", { "class": "visually-hidden" }, [t.colon + p.label])]);
        remove.addEventListener("click", function () {
          partners.splice(i, 1);
          report([{ text: fill(t.compare_removed, { name: p.label }) }]);
          draw();
          files.focus();
        });
        list.appendChild(h("li", {}, [h("span", { "class": "cmp-num", "aria-hidden": "true" }, [String(i + 1)]), " ", p.label, " ", remove]));
      });
      all("[data-tr-compare-save], [data-tr-compare-print], [data-tr-compare-clear]").forEach(function (b) {
        b.disabled = partners.length === 0;
      });
    }

    function all(selector) {
      return Array.prototype.slice.call(el.querySelectorAll(selector));
    }

    function draw() {
      drawPartners();
      results.textContent = "";
      if (!partners.length) {
        results.appendChild(h("p", { "class": "compare-empty" }, [t.compare_empty]));
        return;
      }
      var agg = aggregate(config, partners);
      results.appendChild(summary(agg));
      results.appendChild(details(agg));
    }

    function who(i) {
      return [h("span", { "class": "cmp-num", "aria-hidden": "true" }, [String(i + 1)]), " " + partners[i].label];
    }

    function answerText(a) {
      if (a === null) return h("span", { "class": "cmp-none" }, [t.worksheet_no_answer]);
      if (a === "na") return h("span", { "class": "cmp-na" }, [t.worksheet_not_applicable]);
      return String(a);
    }

    function summary(agg) {
      var names = partners.map(function (p) { return p.label; }).join(", ");
      var box = h("section", { "class": "cmp-summary", "aria-labelledby": "cmp-summary-h" }, [
        h("h2", { id: "cmp-summary-h" }, [t.compare_summary]),
        h("p", { "class": "cmp-count" }, [fill(partners.length === 1 ? t.compare_count_one : t.compare_count, { n: partners.length, names: names })])
      ]);
      if (agg.items.length) {
        box.appendChild(h("h3", { id: "cmp-discuss-h" }, [t.compare_discuss]));
        var g = agg.items[0].gap;
        if (!agg.discuss.length) {
          box.appendChild(h("p", {}, [fill(t.compare_discuss_none, { gap: g })]));
        } else {
          box.appendChild(h("p", {}, [fill(t.compare_discuss_intro, { gap: g })]));
          box.appendChild(h("ol", { "class": "cmp-discuss", "data-tr-discuss": "" }, agg.discuss.map(function (item) {
            var answers = item.answers.map(function (a, i) {
              return partners[i].label + t.colon + (a === null ? t.worksheet_no_answer : a === "na" ? t.worksheet_not_applicable : a);
            }).join(" · ");
            return h("li", { "data-item": item.id }, [
              h("span", { "class": "cmp-statement" }, [item.label]),
              item.reverse ? " (" + t.worksheet_reverse + ")" : null,
              h("br"),
              h("span", { "class": "cmp-discuss-answers" }, [answers + " · " + t.compare_difference + t.colon + item.difference])
            ]);
          })));
        }
      }
      if (agg.scores) box.appendChild(scoresTable(agg.scores));
      if (agg.totals) box.appendChild(totalsTable(agg.totals));
      return box;
    }

    function scoresTable(s) {
      var rows = [];
      var row = function (kind, g, nested) {
        rows.push(h("tr", { "class": "score-row score-" + kind + (nested ? " nested" : ""), "data-group": kind + ":" + g.name }, [
          h("th", { scope: "row" }, [g.name]),
          h("td", { "class": "cmp-mean" }, [tenths(g.tenths)]),
          h("td", { "class": "cmp-low" }, [tenths(g.low)]),
          h("td", { "class": "cmp-high" }, [tenths(g.high)]),
          h("td", { "class": "cmp-band" }, [g.band || ""]),
          h("td", { "class": "cmp-partners" }, [g.partners + " / " + partners.length])
        ]));
      };
      var categoryOf = {};
      config.scoring.items.forEach(function (i) { if (i.factor) categoryOf[i.factor] = i.category || null; });
      s.categories.forEach(function (c) {
        row("category", c, false);
        s.factors.filter(function (f) { return categoryOf[f.name] === c.name; }).forEach(function (f) { row("factor", f, true); });
      });
      s.factors.filter(function (f) { return !categoryOf[f.name]; }).forEach(function (f) { row("factor", f, false); });
      return h("div", { "class": "cmp-block" }, [
        h("h3", { id: "cmp-scores-h" }, [t.compare_group_scores]),
        scroll("cmp-scores-h", h("table", { "class": "score-table cmp-scores", "aria-labelledby": "cmp-scores-h", "data-tr-group-scores": "" }, [
          h("thead", {}, [h("tr", {}, [t.scores_factor, t.compare_group_mean, t.compare_lowest, t.compare_highest, t.scores_band, t.compare_partners_answered]
            .map(function (c) { return h("th", { scope: "col" }, [c]); }))]),
          h("tbody", {}, rows)
        ]))
      ]);
    }

    function totalsTable(s) {
      var rows = s.partners.map(function (p, i) {
        return h("tr", { "data-partner": String(i + 1) }, [
          h("th", { scope: "row" }, who(i)), h("td", {}, [tenths(p.tenths, true)]), h("td", {}, [p.band || ""])
        ]);
      });
      rows.push(h("tr", { "class": "score-category", "data-group": "total" }, [
        h("th", { scope: "row" }, [t.compare_group_mean]),
        h("td", { "class": "cmp-mean" }, [tenths(s.tenths)]),
        h("td", { "class": "cmp-band" }, [s.band || ""])
      ]));
      return h("div", { "class": "cmp-block" }, [
        h("h3", { id: "cmp-totals-h" }, [t.compare_totals]),
        scroll("cmp-totals-h", h("table", { "class": "score-table cmp-totals", "aria-labelledby": "cmp-totals-h", "data-tr-totals": "" }, [
          h("thead", {}, [h("tr", {}, [t.compare_partner_column, t.scores_total, t.scores_band]
            .map(function (c) { return h("th", { scope: "col" }, [c]); }))]),
          h("tbody", {}, rows)
        ]))
      ]);
    }

    /** A wide table in a box that scrolls sideways on a phone (and takes the keyboard's focus,
        so it can be scrolled without a mouse), named by the heading `labelledBy`. */
    function scroll(labelledBy, table) {
      return h("div", { "class": "cmp-scroll", role: "region", tabindex: "0", "aria-labelledby": labelledBy }, [table]);
    }

    function details(agg) {
      var box = h("section", { "class": "cmp-details", "aria-labelledby": "cmp-details-h" }, [
        h("h2", { id: "cmp-details-h" }, [t.compare_details])
      ]);
      var byId = {};
      agg.items.forEach(function (i) { byId[i.id] = i; });
      config.sections.forEach(function (section, s) {
        var level = section.title ? 4 : 3;
        if (section.title) box.appendChild(h("h3", {}, [section.title]));
        var scales = section.prompts.filter(function (p) { return p.kind === "scale"; });
        if (scales.length) box.appendChild(itemsTable(scales.map(function (p) { return byId[p.id]; }), "cmp-s" + (s + 1), section.title));
        section.prompts.filter(function (p) { return p.kind !== "scale"; }).forEach(function (p) {
          box.appendChild(p.kind === "table" ? mergedTable(p, level) : sideBySide(p, level));
        });
      });
      return box;
    }

    /** A section's scale items: each partner's answer, the difference, and a dot plot. */
    function itemsTable(items, id, title) {
      var head = [h("th", { scope: "col", "class": "cmp-col-statement" }, [t.compare_statement])]
        .concat(partners.map(function (p, i) { return h("th", { scope: "col", "class": "cmp-col-partner" }, who(i)); }))
        .concat([h("th", { scope: "col", "class": "cmp-col-diff" }, [t.compare_difference]),
          h("th", { scope: "col", "class": "cmp-col-plot" }, [t.compare_answers])]);
      // Wide enough for the statement beside every partner's column; a phone scrolls it.
      var wide = "min-width: " + (32 + 5.5 * partners.length) + "rem";
      var table = h("table", { "class": "cmp-items", style: wide, "data-tr-items": "" }, [
        title ? h("caption", { "class": "visually-hidden" }, [title]) : null,
        h("thead", {}, [h("tr", {}, head)]),
        h("tbody", {}, items.map(function (item) {
          return h("tr", { "data-item": item.id, "class": item.discuss ? "is-discuss" : null }, [
            h("th", { scope: "row" }, [
              item.label, item.reverse ? h("span", { "class": "cmp-reverse" }, [" (" + t.worksheet_reverse + ")"]) : null,
              item.discuss ? h("span", { "class": "cmp-flag" }, [t.compare_discuss]) : null
            ]),
          ].concat(item.answers.map(function (a) { return h("td", { "class": "cmp-answer" }, [answerText(a)]); }))
            .concat([h("td", { "class": "cmp-diff" }, [item.difference === null ? "–" : String(item.difference)]),
              h("td", { "class": "cmp-plot" }, [dotPlot(item)])]));
        }))
      ]);
      return h("div", {}, [
        h("p", { "class": "visually-hidden", id: id }, [(title ? title + t.colon : "") + t.compare_answers]),
        scroll(id, table)
      ]);
    }

    /** One dot per partner on the item's scale; the same answer stacks upwards. Drawn for the
        eye only: the table row holds the same numbers. */
    function dotPlot(item) {
      var width = 180, pad = 12, r = 8;
      var count = {};
      var dots = [];
      item.answers.forEach(function (a, i) {
        if (typeof a !== "number") return;
        var k = count[a] = (count[a] || 0) + 1;
        dots.push({ value: a, stack: k - 1, n: i + 1 });
      });
      var tall = Math.max.apply(null, [1].concat(dots.map(function (d) { return d.stack + 1; })));
      var height = tall * 2 * r + 22;
      var x = function (v) { return pad + (v - item.min) * (width - 2 * pad) / Math.max(1, item.max - item.min); };
      var base = height - 16;
      var parts = [h("svg:line", { x1: pad, y1: base, x2: width - pad, y2: base, "class": "cmp-axis" })];
      for (var v = item.min; v <= item.max; v += 1) {
        parts.push(h("svg:line", { x1: x(v), y1: base - 3, x2: x(v), y2: base + 3, "class": "cmp-axis" }));
        parts.push(h("svg:text", { x: x(v), y: height - 2, "class": "cmp-tick", "text-anchor": "middle" }, [String(v)]));
      }
      dots.forEach(function (d) {
        var cy = base - r - 1 - d.stack * 2 * r;
        parts.push(h("svg:circle", { cx: x(d.value), cy: cy, r: r, "class": "cmp-dot" }));
        parts.push(h("svg:text", { x: x(d.value), y: cy + 4, "class": "cmp-dot-n", "text-anchor": "middle" }, [String(d.n)]));
      });
      return h("svg:svg", { "class": "cmp-dots", viewBox: "0 0 " + width + " " + height, width: width, height: height, "aria-hidden": "true", focusable: "false" }, parts);
    }

    /** A prompt answered in words: every partner's answer, side by side. */
    function sideBySide(p, level) {
      return h("div", { "class": "cmp-prompt", "data-prompt": p.id }, [
        h("h" + level, { "class": "cmp-prompt-label" }, [p.label]),
        h("ul", { "class": "cmp-side" }, partners.map(function (x, i) {
          var a = p.id in x.answers ? x.answers[p.id] : null;
          var text = a === null ? answerText(null) : Array.isArray(a) ? a.join(", ") : String(a);
          return h("li", { "class": "cmp-card" }, [
            h("span", { "class": "cmp-who" }, who(i)),
            h("span", { "class": "cmp-text" }, [text])
          ]);
        }))
      ]);
    }

    /** A table prompt: every partner's rows in one table, with the partner's name first. */
    function mergedTable(p, level) {
      var rows = [];
      partners.forEach(function (x, i) {
        (x.answers[p.id] || []).forEach(function (r) {
          rows.push(h("tr", {}, [h("th", { scope: "row" }, who(i))].concat(p.columns.map(function (c, k) {
            return h("td", {}, [r[k] || ""]);
          }))));
        });
      });
      var id = "cmp-t-" + p.id;
      return h("div", { "class": "cmp-prompt", "data-prompt": p.id }, [
        h("h" + level, { "class": "cmp-prompt-label", id: id }, [p.label]),
        rows.length ? scroll(id, h("table", { "class": "cmp-merged", "aria-labelledby": id }, [
          h("thead", {}, [h("tr", {}, [t.compare_partner_column].concat(p.columns).map(function (c) { return h("th", { scope: "col" }, [c]); }))]),
          h("tbody", {}, rows)
        ])) : h("p", { "class": "cmp-none" }, [t.worksheet_no_answer])
      ]);
    }

    el.querySelector("[data-tr-needs-js]").hidden = true;
    el.querySelector("[data-tr-compare-tools]").hidden = false;
    draw();
  }

  function start() {
    Array.prototype.slice.call(document.querySelectorAll("[data-tr-compare]")).forEach(init);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
