// Trellis filters: show only what is for one audience (phase pages) or one phase (resources),
// without reloading. Without JavaScript the filter stays hidden and everything shows.
(function () {
  "use strict";

  function tags(el, attr) {
    return (el.getAttribute("data-" + attr) || "").split(/\s+/).filter(Boolean);
  }

  function storageKey(box, attr) {
    var site = box.getAttribute("data-tr-remember");
    return site ? "trellis:" + site + ":filter:" + attr : null;
  }

  function remembered(key) {
    try { return key ? window.localStorage.getItem(key) || "" : ""; } catch (e) { return ""; }
  }

  function remember(key, value) {
    try { if (key) { window.localStorage.setItem(key, value); } } catch (e) { /* private mode */ }
  }

  function setup(box) {
    var attr = box.getAttribute("data-tr-filter");
    var scope = document.querySelector(box.getAttribute("data-tr-scope")) || document.body;
    var items = Array.prototype.slice.call(scope.querySelectorAll("[data-" + attr + "]"))
      .filter(function (el) { return !box.contains(el); });
    var groups = scope.querySelectorAll("[data-tr-group]");
    var status = box.querySelector("[data-tr-status]");
    var statusText = box.getAttribute("data-tr-status-text") || "{shown} / {total}";
    var key = storageKey(box, attr);

    function apply(value) {
      var shown = 0;
      items.forEach(function (el) {
        var visible = !value || tags(el, attr).indexOf(value) !== -1;
        el.hidden = !visible;
        if (visible) { shown += 1; }
      });
      Array.prototype.forEach.call(groups, function (g) {
        var members = g.querySelectorAll("[data-" + attr + "]");
        g.hidden = members.length > 0 && Array.prototype.every.call(members, function (m) { return m.hidden; });
      });
      if (status) {
        status.textContent = value ? statusText.replace("{shown}", shown).replace("{total}", items.length) : "";
      }
    }

    var radios = box.querySelectorAll("input[type=radio]");
    var start = remembered(key);
    Array.prototype.forEach.call(radios, function (r) {
      if (r.value === start) { r.checked = true; }
      r.addEventListener("change", function () {
        if (r.checked) { remember(key, r.value); apply(r.value); }
      });
    });
    box.hidden = false;
    var checked = box.querySelector("input[type=radio]:checked");
    apply(checked ? checked.value : "");
  }

  function setupPrint(button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  document.querySelectorAll("[data-tr-filter]").forEach(setup);
  document.querySelectorAll("[data-tr-print-page]").forEach(setupPrint);
}());
