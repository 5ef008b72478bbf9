/* Trellis: checklist ticks, worksheet answers and self-assessment scores, kept in the reader's
   browser only (localStorage): no accounts, no server, no tracking. Every page reads and prints
   without this script; it only adds saving, progress, scores, downloads and buttons.

   Keys in localStorage:
     <site>:checklist:<phase>:<item id>   "done", or a state's value
     <site>:worksheet:<id>:<prompt id>    the answer as JSON
     <site>:worksheet:<id>:_name          the partner's name or role (prompt ids have no "_")
   where <site> is "trellis:<slug of the toolkit's title>" (data-key on each block).
   A downloaded answer file: {"trellis": 1, "worksheet": "<id>", "name": "...", "answers": {"<prompt id>": ...}},
   "name" only when one was typed (files without it still load). */
(function () {
  "use strict";

  /* ---------- Scoring: the rules of src/data/scoring.rs, in tenths (35 is 3.5) ---------- */

  function averageTenths(sum, n) {
    return Math.floor((20 * sum + n) / (2 * n));
  }

  function bandFor(bands, tenths) {
    var best = null;
    bands.forEach(function (b) {
      if (b.min <= tenths && (best === null || b.min > best.min)) best = b;
    });
    return best;
  }

  function formatTenths(tenths, decimal) {
    var t = Math.abs(tenths);
    return (tenths < 0 ? "-" : "") + Math.floor(t / 10) + (decimal || ".") + (t % 10);
  }

  function itemValue(item, answer) {
    return item.reverse ? item.max + item.min - answer : answer;
  }

  function groupsBy(items, key) {
    var out = [];
    items.forEach(function (item) {
      var name = item[key];
      if (name === null || name === undefined) return;
      var g = out.filter(function (x) { return x.name === name; })[0];
      if (!g) out.push(g = { name: name, items: [] });
      g.items.push(item);
    });
    return out;
  }

  function rangeOf(method, items) {
    var mins = items.map(function (i) { return i.min; });
    var maxs = items.map(function (i) { return i.max; });
    var add = function (a, b) { return a + b; };
    return method === "sum"
      ? [mins.reduce(add, 0) * 10, maxs.reduce(add, 0) * 10]
      : [Math.min.apply(null, mins) * 10, Math.max.apply(null, maxs) * 10];
  }

  function scoreGroup(config, name, items, answers) {
    var sum = 0, answered = 0, na = 0;
    items.forEach(function (item) {
      var a = answers[item.id];
      if (a === "na") na += 1;
      else if (typeof a === "number" && isFinite(a)) {
        sum += itemValue(item, a);
        answered += 1;
      }
    });
    var tenths = answered === 0 ? null
      : config.method === "sum" ? sum * 10 : averageTenths(sum, answered);
    var band = tenths === null ? null : bandFor(config.bands, tenths);
    return {
      name: name, tenths: tenths, band: band ? band.label : null, items: items.length,
      answered: answered, notApplicable: na, unanswered: items.length - answered - na,
      range: rangeOf(config.method, items)
    };
  }

  /** Scores a self-assessment. `config` is a worksheet's data-scoring JSON ({method, bands,
      items}); `answers` maps prompt ids to a number or "na". Returns {factors, categories,
      total, unanswered}: factors and categories for "average-by-factor", total for "sum". */
  function score(config, answers) {
    var report = { factors: [], categories: [], total: null, unanswered: 0 };
    config.items.forEach(function (item) {
      if (!(item.id in answers)) report.unanswered += 1;
    });
    if (config.method === "sum") {
      report.total = scoreGroup(config, "", config.items, answers);
    } else {
      groupsBy(config.items, "factor").forEach(function (g) {
        report.factors.push(scoreGroup(config, g.name, g.items, answers));
      });
      groupsBy(config.items, "category").forEach(function (g) {
        report.categories.push(scoreGroup(config, g.name, g.items, answers));
      });
    }
    return report;
  }

  // The compare page (trellis-compare.js) scores each partner and the group with these.
  var api = { score: score, formatTenths: formatTenths, averageTenths: averageTenths, bandFor: bandFor };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;
  window.Trellis = api;

  /* ---------- Small helpers ---------- */

  var store = {
    get: function (k) { try { return window.localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { window.localStorage.setItem(k, v); } catch (e) { /* full or blocked */ } },
    remove: function (k) { try { window.localStorage.removeItem(k); } catch (e) { /* blocked */ } }
  };

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function words(s) {
    return (s || "").split(/\s+/).filter(Boolean);
  }

  function strings(el) {
    try { return JSON.parse(el.getAttribute("data-strings") || "{}"); } catch (e) { return {}; }
  }

  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  function show(el) {
    if (el) el.hidden = false;
  }

  /* ---------- Checklists ---------- */

  /** Done and counted items of a checklist from what is saved. */
  function progress(key, ids, done, skip, fallback) {
    var count = { done: 0, total: 0 };
    ids.forEach(function (id) {
      var v = store.get(key + ":" + id) || fallback;
      if (skip.indexOf(v) >= 0) return;
      count.total += 1;
      if (done.indexOf(v) >= 0) count.done += 1;
    });
    return count;
  }

  var refreshers = [];

  /** Shows what is saved under `key` in every block that uses it, except `source` (the one being
      edited: rewriting its fields would move the caret). */
  function refreshKey(key, source) {
    refreshers.forEach(function (r) { if (r.key === key && r.el !== source) r.refresh(); });
  }

  function initChecklist(el) {
    var key = el.getAttribute("data-key");
    var done = words(el.getAttribute("data-done"));
    var skip = words(el.getAttribute("data-skip"));
    var t = strings(el);
    var fields = all(el, "[data-tr-item]");
    var ids = fields.map(function (f) { return f.getAttribute("data-tr-item"); });
    var first = fields[0] && fields[0].tagName === "SELECT" ? fields[0].options[0].value : null;
    var status = el.querySelector(".checklist-status");
    var bar = el.querySelector("progress");

    function refresh() {
      fields.forEach(function (f) {
        var v = store.get(key + ":" + f.getAttribute("data-tr-item"));
        if (f.type === "checkbox") {
          f.checked = v === "done";
        } else {
          f.value = v && all(f, "option").some(function (o) { return o.value === v; }) ? v : first;
          all(f.closest("li"), ".state-box").forEach(function (b) {
            // Paper shows a mark only for a state someone chose, so a fresh printout stays blank.
            b.classList.toggle("is-selected", v !== null && b.getAttribute("data-value") === f.value);
          });
        }
      });
      var p = progress(key, ids, done, skip, first);
      status.textContent = fill(t.checklist_progress, p);
      bar.max = Math.max(p.total, 1);
      bar.value = p.done;
    }

    fields.forEach(function (f) {
      f.addEventListener("change", function () {
        var k = key + ":" + f.getAttribute("data-tr-item");
        if (f.type === "checkbox" && !f.checked) store.remove(k);
        else store.set(k, f.type === "checkbox" ? "done" : f.value);
        refreshKey(key);
      });
    });
    var reset = el.querySelector("[data-tr-reset]");
    reset.addEventListener("click", function () {
      if (!window.confirm(t.checklist_confirm_reset)) return;
      ids.forEach(function (id) { store.remove(key + ":" + id); });
      refreshKey(key);
    });
    refreshers.push({ key: key, el: el, refresh: refresh });
    refresh();
    show(el.querySelector("[data-tr-progress]"));
    show(el.querySelector("[data-tr-tools]"));
  }

  function initCardProgress(el) {
    var p = progress(el.getAttribute("data-key"), words(el.getAttribute("data-items")),
      words(el.getAttribute("data-done")), words(el.getAttribute("data-skip")), null);
    el.textContent = fill(el.getAttribute("data-template"), p);
    show(el);
  }

  /* ---------- Worksheets ---------- */

  function kindOf(p) {
    return p.getAttribute("data-kind");
  }

  /** A prompt's answer from its fields, or null when empty. */
  function read(p) {
    var kind = kindOf(p);
    var checked = all(p, "input:checked").map(function (i) { return i.value; });
    if (kind === "choice") return checked[0] || null;
    if (kind === "checkbox") return checked.length ? checked : null;
    if (kind === "scale") return checked.length ? (checked[0] === "na" ? "na" : Number(checked[0])) : null;
    if (kind === "table") {
      var rows = all(p, "tbody tr").map(function (tr) {
        return all(tr, "input").map(function (i) { return i.value; });
      });
      while (rows.length && rows[rows.length - 1].every(function (c) { return c === ""; })) rows.pop();
      return rows.length ? rows : null;
    }
    var field = p.querySelector("input, textarea");
    return field.value === "" ? null : field.value;
  }

  /** Puts a saved (or loaded) answer into a prompt's fields; ignores values of the wrong shape. */
  function write(p, v, t) {
    var kind = kindOf(p);
    if (kind === "choice" || kind === "checkbox" || kind === "scale") {
      var chosen = Array.isArray(v) ? v.map(String) : v === null || v === undefined ? [] : [String(v)];
      all(p, "input").forEach(function (i) { i.checked = chosen.indexOf(i.value) >= 0; });
    } else if (kind === "table") {
      var rows = Array.isArray(v) ? v : [];
      while (all(p, "tbody tr").length < rows.length) addRow(p, t);
      all(p, "tbody tr").forEach(function (tr, r) {
        all(tr, "input").forEach(function (input, c) {
          var cell = rows[r] && rows[r][c];
          input.value = typeof cell === "string" ? cell : "";
        });
      });
    } else {
      p.querySelector("input, textarea").value = typeof v === "string" ? v : "";
    }
    mirror(p);
  }

  /** Copies answers into the print-only elements, so a filled worksheet prints its answers. */
  function mirror(p) {
    var v = read(p);
    p.classList.toggle("is-filled", v !== null);
    var answer = p.querySelector(":scope > .print-answer");
    if (answer) answer.textContent = v === null ? "" : String(v);
    all(p, "td").forEach(function (td) {
      var input = td.querySelector("input");
      td.querySelector(".print-answer").textContent = input.value;
    });
  }

  function addRow(p, t) {
    var table = p.querySelector("table");
    var heads = all(table, "thead th").map(function (th) { return th.textContent; });
    var n = all(table, "tbody tr").length + 1;
    var tr = document.createElement("tr");
    heads.forEach(function (h, c) {
      var td = document.createElement("td");
      var input = document.createElement("input");
      input.type = "text";
      input.id = table.id + "-r" + n + "c" + (c + 1);
      input.setAttribute("aria-label", h + ", " + (t.worksheet_row || "row").toLowerCase() + " " + n);
      var span = document.createElement("span");
      span.className = "print-answer print-only";
      td.appendChild(input);
      td.appendChild(span);
      tr.appendChild(td);
    });
    table.tBodies[0].appendChild(tr);
    return tr;
  }

  function initWorksheet(el) {
    var id = el.getAttribute("data-tr-worksheet");
    var key = el.getAttribute("data-key");
    var t = strings(el);
    var decimal = el.getAttribute("data-decimal") || ".";
    var config = null;
    try { config = JSON.parse(el.getAttribute("data-scoring") || "null"); } catch (e) { config = null; }
    var prompts = all(el, "[data-tr-prompt]");
    var status = el.querySelector("[data-tr-status]");
    var pid = function (p) { return p.getAttribute("data-tr-prompt"); };
    var nameField = el.querySelector("[data-tr-name]");
    var nameKey = key + ":_name";

    /** The partner's name or role, shown on paper too. */
    function showName(v) {
      if (!nameField) return;
      if (v !== null) nameField.value = v;
      var box = nameField.closest("[data-tr-name-field]");
      box.classList.toggle("is-filled", nameField.value !== "");
      box.querySelector(".print-answer").textContent = nameField.value;
    }

    function saveName(v) {
      if (v === "") store.remove(nameKey);
      else store.set(nameKey, v);
      showName(v);
    }

    function answers() {
      return readAll(el);
    }

    function refresh() {
      prompts.forEach(function (p) {
        var raw = store.get(key + ":" + pid(p));
        var v = null;
        try { v = raw === null ? null : JSON.parse(raw); } catch (e) { v = null; }
        write(p, v, t);
      });
      showName(store.get(nameKey) || "");
      if (config) showScores(el, config, answers(), decimal, t);
    }

    function save(p) {
      var v = read(p);
      var k = key + ":" + pid(p);
      if (v === null) store.remove(k);
      else store.set(k, JSON.stringify(v));
      mirror(p);
      if (config) showScores(el, config, answers(), decimal, t);
      refreshKey(key, el);
    }

    el.addEventListener("input", function (e) {
      if (e.target === nameField) {
        saveName(nameField.value);
        refreshKey(key, el);
        return;
      }
      var p = e.target.closest("[data-tr-prompt]");
      if (p) save(p);
    });
    el.addEventListener("change", function (e) {
      var p = e.target.closest("[data-tr-prompt]");
      if (p) save(p);
    });
    el.querySelector("[data-tr-form]").addEventListener("submit", function (e) { e.preventDefault(); });
    all(el, "[data-tr-add-row]").forEach(function (b) {
      show(b);
      b.addEventListener("click", function () {
        var tr = addRow(b.closest("[data-tr-prompt]"), t);
        tr.querySelector("input").focus();
      });
    });
    el.querySelector("[data-tr-print]").addEventListener("click", function () { window.print(); });
    all(el, "[data-tr-download]").forEach(function (b) {
      b.addEventListener("click", function () {
        if (b.getAttribute("data-tr-download") === "json") {
          var data = { trellis: 1, worksheet: id, name: nameField && nameField.value.trim() || undefined, answers: answers() };
          download(id + "-answers.json", "application/json", JSON.stringify(data, null, 2) + "\n");
        } else {
          download(id + "-answers.md", "text/markdown", markdown(el, config, decimal, t, nameField));
        }
      });
    });
    el.querySelector("[data-tr-load]").addEventListener("change", function (e) {
      var file = e.target.files && e.target.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        var data = null;
        try { data = JSON.parse(String(reader.result)); } catch (err) { data = null; }
        if (!data || data.trellis !== 1 || data.worksheet !== id || typeof data.answers !== "object" || data.answers === null) {
          status.textContent = t.worksheet_wrong_file;
          return;
        }
        prompts.forEach(function (p) {
          write(p, data.answers[pid(p)], t);
          save(p);
        });
        saveName(typeof data.name === "string" ? data.name : "");
        status.textContent = t.worksheet_loaded;
      };
      reader.readAsText(file);
      e.target.value = "";
    });
    el.querySelector("[data-tr-clear]").addEventListener("click", function () {
      if (!window.confirm(t.worksheet_confirm_clear)) return;
      prompts.forEach(function (p) { store.remove(key + ":" + pid(p)); });
      store.remove(nameKey);
      status.textContent = "";
      refreshKey(key);
    });
    refreshers.push({ key: key, el: el, refresh: refresh });
    refresh();
    show(el.querySelector("[data-tr-tools]"));
  }

  function shownScore(config, s, decimal) {
    if (s.tenths === null) return "";
    return config.method === "sum" && s.tenths % 10 === 0 ? String(s.tenths / 10) : formatTenths(s.tenths, decimal);
  }

  // Where a band sits among the worksheet's bands: "low" (the lowest of two or more), "high"
  // (the highest), "mid", or "" without a band. The stylesheet colours and patterns bars by it.
  function bandLevel(bands, label) {
    if (!label || !bands.length) return "";
    var sorted = bands.slice().sort(function (a, b) { return a.min - b.min; });
    var at = sorted.map(function (b) { return b.label; }).indexOf(label);
    if (at === sorted.length - 1) return "high";
    return at === 0 ? "low" : "mid";
  }

  function showScores(el, config, answers, decimal, t) {
    var report = score(config, answers);
    all(el, "[data-score-kind]").forEach(function (row) {
      var kind = row.getAttribute("data-score-kind");
      var name = row.getAttribute("data-score-name");
      var list = kind === "category" ? report.categories : report.factors;
      var s = kind === "total" ? report.total : list.filter(function (x) { return x.name === name; })[0];
      if (!s) return;
      row.querySelector("[data-tr-value]").textContent = shownScore(config, s, decimal);
      var span = s.range[1] - s.range[0];
      var width = s.tenths === null || span <= 0 ? 0 : Math.round(100 * (s.tenths - s.range[0]) / span);
      // The lowest score still shows a sliver, so it never looks like an unanswered row.
      if (s.tenths !== null) width = Math.max(width, 4);
      row.querySelector("[data-tr-bar]").style.width = width + "%";
      row.querySelector("[data-tr-band]").textContent = s.band || "";
      row.setAttribute("data-band-level", bandLevel(config.bands, s.band));
      row.querySelector("[data-tr-count]").textContent = s.answered + " / " + s.items;
    });
    var any = config.items.some(function (i) { return i.id in answers; });
    var line = el.querySelector("[data-tr-scores-status]");
    if (!line.hasAttribute("data-waiting")) line.setAttribute("data-waiting", line.textContent);
    line.textContent = !any ? line.getAttribute("data-waiting")
      : report.unanswered > 0 ? fill(t.scores_unanswered, { n: report.unanswered }) : "";
    el.classList.toggle("has-scores", any);
  }

  /** The answers as a Markdown document: headings for the worksheet and its sections. */
  function markdown(el, config, decimal, t, nameField) {
    var out = ["# " + el.getAttribute("data-title"), ""];
    if (nameField && nameField.value.trim()) out.push("_" + nameField.value.trim() + "_", "");
    all(el, ".ws-section").forEach(function (section) {
      var title = section.querySelector(".ws-section-title");
      if (title) out.push("## " + title.textContent.trim(), "");
      all(section, "[data-tr-prompt]").forEach(function (p) {
        out.push("**" + p.getAttribute("data-label") + "**", "");
        out.push(answerText(p, t), "");
      });
    });
    if (config) {
      var report = score(config, readAll(el));
      out.push("## " + (el.querySelector(".ws-scores-title") || {}).textContent, "");
      report.categories.concat(report.factors).concat(report.total ? [report.total] : []).forEach(function (s) {
        var value = shownScore(config, s, decimal) || "–";
        out.push("- " + (s.name || t.scores_total) + t.colon + value + (s.band ? " (" + s.band + ")" : ""));
      });
      out.push("");
    }
    return out.join("\n");
  }

  function readAll(el) {
    var out = {};
    all(el, "[data-tr-prompt]").forEach(function (p) {
      var v = read(p);
      if (v !== null) out[p.getAttribute("data-tr-prompt")] = v;
    });
    return out;
  }

  function answerText(p, t) {
    var v = read(p);
    if (v === null) return "_" + t.worksheet_no_answer + "_";
    if (v === "na") return t.worksheet_not_applicable;
    if (kindOf(p) === "table") {
      var heads = all(p, "thead th").map(function (th) { return th.textContent; });
      var cell = function (c) { return String(c).replace(/\|/g, "\\|").replace(/\n/g, " "); };
      var lines = ["| " + heads.map(cell).join(" | ") + " |", "|" + heads.map(function () { return " --- |"; }).join("")];
      v.forEach(function (row) { lines.push("| " + row.map(cell).join(" | ") + " |"); });
      return lines.join("\n");
    }
    if (Array.isArray(v)) return v.map(function (x) { return "- " + x; }).join("\n");
    return String(v);
  }

  function download(name, type, text) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  /* ---------- The header menu: folded on a phone, open from 48rem up ---------- */

  // Without this script the stylesheet already shows a wide screen the folded menu's links
  // (::details-content); opening it for real also tells assistive technology and WebDriver
  // that they are there, and folds it again when the window narrows to a phone's width.
  function initMenu(menu) {
    var wide = window.matchMedia("(min-width: 48rem)");
    function sync() { menu.open = wide.matches; }
    sync();
    wide.addEventListener("change", sync);
  }

  /* ---------- Printing: expanded details on paper ---------- */

  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = all(document, "details:not([open]):not(.site-menu)");
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  function start() {
    all(document, ".site-menu").forEach(initMenu);
    all(document, "[data-tr-checklist]").forEach(initChecklist);
    all(document, "[data-tr-card-progress]").forEach(initCardProgress);
    all(document, "[data-tr-worksheet]").forEach(initWorksheet);
    // Another tab changed something: show it here too.
    window.addEventListener("storage", function (e) {
      refreshers.forEach(function (r) { if (e.key && e.key.indexOf(r.key + ":") === 0) r.refresh(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
