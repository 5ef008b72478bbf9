/* Trellis search: the box in every page's header and the search/ page. No server and no
   fetch(): the index (search/search-index.js, written by the build) is a script that sets
   window.TrellisSearchIndex, so it loads from file:// too. The box loads it when first focused;
   the text for snippets (search/text-<n>.js) is loaded only for the results shown.

   Matching, per query word (folded like src/search/words.rs: lower case, accents off):
   - every stem starting with the word (results while typing);
   - the word's own stem: the longest stem the word starts with (the index's stems are always
     the start of their words), so "partnering" finds "partner"; and, for a stem of five letters
     or more, every stem starting with it ("partnership");
   - counting less, every stem sharing the word's first 60 % (five letters at least), for the
     derived words a stemmer keeps apart: "partenaires" finds "partenariat".
   Entries holding every word come first; then the sum of the weights (title > heading > text). */
(function () {
  "use strict";

  var BOX_LIMIT = 8;
  var PAGE_LIMIT = 50;
  // How much a match counts: the word's own stem, a longer stem it starts, a near stem.
  var EXACT = 1, PREFIX = 0.6, NEAR = 0.3;

  /* ---------- Words ---------- */

  var SPECIAL = { "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ð": "d",
    "þ": "th", "ı": "i", "ĳ": "ij", "ŀ": "l", "ſ": "s", "ħ": "h", "ŧ": "t", "ŋ": "ng" };

  function fold(text) {
    return text.toLowerCase().normalize("NFD")
      .replace(/([a-z])[\u0300-\u036f]+/g, "$1")
      .replace(/[œæßøłđðþıĳŀſħŧŋ]/g, function (c) { return SPECIAL[c]; })
      .normalize("NFC");
  }

  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 2; });
  }

  /* ---------- Loading scripts (works from file://) ---------- */

  function loadScript(src, done) {
    var s = document.createElement("script");
    s.src = src;
    s.async = true;
    s.onload = function () { done(true); };
    s.onerror = function () { done(false); };
    document.head.appendChild(s);
  }

  var indexWaiters = null;

  function withIndex(src, done) {
    if (window.TrellisSearchIndex) return done(window.TrellisSearchIndex);
    if (indexWaiters) return indexWaiters.push(done);
    indexWaiters = [done];
    loadScript(src, function () {
      var waiters = indexWaiters;
      indexWaiters = null;
      waiters.forEach(function (w) { w(window.TrellisSearchIndex || null); });
    });
  }

  var loadingText = {};

  /* Loads the text files holding `docs`, then calls done (also when one fails). */
  function withTexts(ix, root, docs, done) {
    window.TrellisSearchText = window.TrellisSearchText || {};
    var need = [];
    docs.forEach(function (d) {
      var n = Math.floor(d / ix.chunk);
      if (!window.TrellisSearchText[n] && need.indexOf(n) < 0) need.push(n);
    });
    var left = need.length;
    if (!left) return done();
    need.forEach(function (n) {
      if (!loadingText[n]) {
        loadingText[n] = [];
        loadScript(root + "search/text-" + n + ".js", function () {
          var waiters = loadingText[n];
          delete loadingText[n];
          waiters.forEach(function (w) { w(); });
        });
      }
      loadingText[n].push(function () { if (--left === 0) done(); });
    });
  }

  /* ---------- Matching ---------- */

  function lowerBound(terms, word) {
    var lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < word) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function startingWith(terms, prefix, each) {
    for (var i = lowerBound(terms, prefix); i < terms.length && terms[i].lastIndexOf(prefix, 0) === 0; i++) each(i);
  }

  /* The stems a query word matches: {term index: how much it counts}. */
  function lookup(ix, word) {
    var found = {};
    function add(i, q) { if (!(found[i] >= q)) found[i] = q; }
    startingWith(ix.terms, word, function (i) { add(i, ix.terms[i] === word ? EXACT : PREFIX); });
    // A word that is a stem is its own stem; another starts with its stem.
    var own = found[lowerBound(ix.terms, word)] === EXACT ? word : "";
    for (var k = word.length - 1; !own && k >= Math.max(2, word.length - 5); k--) {
      var p = word.slice(0, k), at = lowerBound(ix.terms, p);
      if (ix.terms[at] === p) { own = p; add(at, EXACT); break; }
    }
    if (own.length >= 5) startingWith(ix.terms, own, function (i) { add(i, PREFIX); });
    var near = Math.max(5, Math.ceil(word.length * 0.6));
    if (near < word.length) startingWith(ix.terms, word.slice(0, near), function (i) { add(i, NEAR); });
    return found;
  }

  /* Results for `query`, best first: {doc, score}, and the stems matched (for marking). */
  function search(ix, query) {
    var seen = {};
    var qwords = words(query).filter(function (w) {
      if (seen[w] || ix.stop.indexOf(w) >= 0) return false;
      return (seen[w] = true);
    });
    var scores = {}, counts = {}, stems = [];
    qwords.forEach(function (w) {
      var best = {};
      var found = lookup(ix, w);
      Object.keys(found).forEach(function (t) {
        stems.push(ix.terms[t]);
        var post = ix.post[t], doc = 0;
        for (var i = 0; i < post.length; i += 2) {
          doc += post[i];
          var s = post[i + 1] * found[t];
          if (!(best[doc] >= s)) best[doc] = s;
        }
      });
      Object.keys(best).forEach(function (d) {
        scores[d] = (scores[d] || 0) + best[d];
        counts[d] = (counts[d] || 0) + 1;
      });
    });
    var results = Object.keys(scores).map(function (d) {
      return { doc: +d, score: counts[d] * 1000 + scores[d] };
    });
    results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return { results: results, stems: stems, words: qwords };
  }

  /* ---------- Snippets ---------- */

  function marker(stems) {
    return function (word) {
      var f = fold(word);
      return stems.some(function (s) { return f.lastIndexOf(s, 0) === 0; });
    };
  }

  function countMatches(text, isMatch) {
    return text.split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w && isMatch(w); }).length;
  }

  /* The part of an entry to show and land on: the one whose heading, then text, matches most. */
  function bestPart(parts, isMatch) {
    var best = null, bestScore = 0;
    parts.forEach(function (p) {
      var score = countMatches(p[1], isMatch) * 5 + countMatches(p[2], isMatch);
      if (score > bestScore) { best = p; bestScore = score; }
    });
    return best;
  }

  /* About `size` words of `text` from a little before its first match (from the start when
     `whole`), matches in <mark>. */
  function snippet(text, isMatch, size, whole) {
    var tokens = text.split(/([^\p{L}\p{N}]+)/u);
    var first = -1;
    for (var i = 0; i < tokens.length; i += 2) {
      if (tokens[i] && isMatch(tokens[i])) { first = i; break; }
    }
    var start = whole ? 0 : Math.max(0, first < 0 ? 0 : first - 8);
    if (start % 2) start -= 1;
    var end = Math.min(tokens.length, start + size * 2);
    var frag = document.createDocumentFragment();
    if (start > 0) frag.appendChild(document.createTextNode("… "));
    for (var j = start; j < end; j++) {
      var t = tokens[j];
      if (j % 2 === 0 && t && isMatch(t)) {
        var m = document.createElement("mark");
        m.textContent = t;
        frag.appendChild(m);
      } else {
        frag.appendChild(document.createTextNode(t));
      }
    }
    if (end < tokens.length) frag.appendChild(document.createTextNode(" …"));
    return frag;
  }

  /* What a result shows: title, the line under it, its snippet and where it leads. */
  function describe(ix, strings, root, doc, isMatch) {
    var d = ix.docs[doc];
    var kind = [null, strings.search_kind_item, strings.search_kind_worksheet, strings.search_kind_resource][d[0]];
    var phase = d[3] >= 0 ? ix.phases[d[3]] : "";
    // A checklist's title usually names its phase already.
    var context = d[4];
    if (phase && context.indexOf(phase) >= 0) phase = "";
    var meta = [kind, phase, context].filter(Boolean).join(" · ");
    var chunk = (window.TrellisSearchText || {})[Math.floor(doc / ix.chunk)];
    var text = chunk ? chunk[doc % ix.chunk] : ["", []];
    var part = bestPart(text[1], isMatch);
    var href = root + d[2];
    if (part && part[0] && d[2].indexOf("#") < 0) href += "#" + part[0];
    // The part's heading and text; or, when only the title matched, the summary.
    var shown = part ? (part[1] ? part[1] + " — " : "") + part[2]
      : (text[0] || (text[1][0] ? text[1][0][2] : ""));
    return { title: d[1], meta: meta, href: href, snippet: snippet(shown, isMatch, 24) };
  }

  function hitContent(el, hit, isMatch) {
    var title = document.createElement("span");
    title.className = "hit-title";
    title.appendChild(snippet(hit.title, isMatch, 1000, true));
    el.appendChild(title);
    if (hit.meta) {
      var meta = document.createElement("span");
      meta.className = "hit-meta";
      meta.textContent = hit.meta;
      el.appendChild(meta);
    }
    var snip = document.createElement("span");
    snip.className = "hit-snippet";
    snip.appendChild(hit.snippet);
    el.appendChild(snip);
  }

  function countText(strings, n, query) {
    if (n === 0) return strings.search_none.replace("{query}", query);
    return n === 1 ? strings.search_one : strings.search_count.replace("{count}", n);
  }

  function readStrings(el) {
    try { return JSON.parse(el.getAttribute("data-strings")); } catch (e) { return {}; }
  }

  /* ---------- The box in the header ---------- */

  function SearchBox(el) {
    this.index = el.getAttribute("data-index");
    this.root = el.getAttribute("data-root");
    this.strings = readStrings(el);
    this.form = el.querySelector("[data-tr-search-form]");
    this.input = this.form.querySelector("input");
    this.panel = el.querySelector("[data-tr-search-results]");
    this.list = el.querySelector("[data-tr-search-list]");
    this.all = el.querySelector("[data-tr-search-all]");
    this.status = el.querySelector("[data-tr-search-status]");
    this.hits = [];
    this.active = -1;
    this.run = 0;
    el.querySelector("[data-tr-search-fallback]").hidden = true;
    this.form.hidden = false;
    var box = this;
    this.input.addEventListener("focus", function () {
      withIndex(box.index, function () { if (box.input.value) box.update(); });
    });
    this.input.addEventListener("input", function () { box.update(); });
    this.input.addEventListener("keydown", function (e) { box.key(e); });
    // A click in the list must not blur the input first.
    this.panel.addEventListener("mousedown", function (e) { e.preventDefault(); });
    document.addEventListener("click", function (e) {
      if (!el.contains(e.target)) box.close();
    });
    this.form.addEventListener("submit", function (e) {
      if (!box.input.value.trim()) e.preventDefault();
    });
  }

  SearchBox.prototype.update = function () {
    var box = this, query = this.input.value, run = ++this.run;
    if (!query.trim()) { this.close(); this.say(""); return; }
    withIndex(this.index, function (ix) {
      if (run !== box.run) return;
      if (!ix) { box.say(box.strings.search_failed); return; }
      var found = search(ix, query);
      // Only words too short or too common: nothing to look for yet.
      if (!found.words.length) { box.close(); box.say(""); return; }
      var top = found.results.slice(0, BOX_LIMIT);
      withTexts(ix, box.root, top.map(function (r) { return r.doc; }), function () {
        if (run !== box.run) return;
        box.show(ix, found, top, query);
      });
    });
  };

  SearchBox.prototype.show = function (ix, found, top, query) {
    var box = this, isMatch = marker(found.stems);
    this.list.textContent = "";
    this.hits = top.map(function (r, i) {
      var hit = describe(ix, box.strings, box.root, r.doc, isMatch);
      var a = document.createElement("a");
      a.className = "search-hit";
      a.id = "tr-search-hit-" + i;
      a.href = hit.href;
      a.tabIndex = -1;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      hitContent(a, hit, isMatch);
      box.list.appendChild(a);
      return a;
    });
    if (!this.hits.length) {
      var none = document.createElement("p");
      none.className = "search-none";
      none.textContent = countText(this.strings, 0, query);
      this.list.appendChild(none);
    }
    this.list.hidden = !this.hits.length;
    this.list.setAttribute("data-query", query);
    this.all.href = this.root + "search/index.html?q=" + encodeURIComponent(query);
    this.select(this.hits.length ? 0 : -1);
    this.panel.hidden = false;
    this.input.setAttribute("aria-expanded", this.hits.length ? "true" : "false");
    this.say(countText(this.strings, found.results.length, query));
  };

  SearchBox.prototype.select = function (i) {
    this.hits.forEach(function (a, j) { a.setAttribute("aria-selected", j === i ? "true" : "false"); });
    this.active = i;
    if (i >= 0) {
      this.input.setAttribute("aria-activedescendant", this.hits[i].id);
      this.hits[i].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  SearchBox.prototype.close = function () {
    this.panel.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  SearchBox.prototype.say = function (text) {
    this.status.textContent = text;
  };

  SearchBox.prototype.key = function (e) {
    var n = this.hits.length, open = !this.panel.hidden;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!n) return;
      e.preventDefault();
      if (!open) { this.panel.hidden = false; this.input.setAttribute("aria-expanded", "true"); this.select(0); return; }
      var step = e.key === "ArrowDown" ? 1 : -1;
      this.select((this.active + step + n) % n);
    } else if (e.key === "Enter") {
      if (open && this.active >= 0) {
        e.preventDefault();
        window.location.href = this.hits[this.active].href;
      }
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (open) this.close(); else this.input.value = "";
      this.input.focus();
    }
  };

  /* ---------- The search/ page ---------- */

  function SearchPage(form) {
    this.index = form.getAttribute("data-index");
    this.root = form.getAttribute("data-root");
    this.strings = readStrings(form);
    this.input = form.querySelector("input");
    this.list = document.querySelector("[data-tr-search-page-list]");
    this.status = document.querySelector("[data-tr-search-page-status]");
    this.run = 0;
    var page = this, timer = null;
    var q = new URLSearchParams(window.location.search).get("q") || "";
    this.input.value = q;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      page.update(true);
    });
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { page.update(true); }, 150);
    });
    this.status.textContent = q ? this.strings.search_loading : "";
    withIndex(this.index, function () { if (q) page.update(false); });
  }

  SearchPage.prototype.update = function (remember) {
    var page = this, query = this.input.value, run = ++this.run;
    if (remember) {
      // Keeps ?q= in the address, so the page can be bookmarked or shared. Some browsers refuse
      // this for file:// addresses; the search works all the same.
      try { history.replaceState(null, "", "?q=" + encodeURIComponent(query)); } catch (e) { /* file:// */ }
    }
    this.list.textContent = "";
    if (!query.trim()) { this.status.textContent = ""; return; }
    withIndex(this.index, function (ix) {
      if (run !== page.run) return;
      if (!ix) { page.status.textContent = page.strings.search_failed; return; }
      var found = search(ix, query);
      var top = found.results.slice(0, PAGE_LIMIT);
      withTexts(ix, page.root, top.map(function (r) { return r.doc; }), function () {
        if (run !== page.run) return;
        var isMatch = marker(found.stems);
        top.forEach(function (r) {
          var hit = describe(ix, page.strings, page.root, r.doc, isMatch);
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.className = "search-hit";
          a.href = hit.href;
          hitContent(a, hit, isMatch);
          li.appendChild(a);
          page.list.appendChild(li);
        });
        page.status.textContent = countText(page.strings, found.results.length, query);
        page.list.setAttribute("data-query", query);
      });
    });
  };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-tr-search]"), function (el) { new SearchBox(el); });
    var form = document.querySelector("[data-tr-search-page]");
    if (form) new SearchPage(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
