// minhbach: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  // Copy buttons of "cite this" blocks: shown only where the clipboard can be used.
  if (navigator.clipboard) {
    document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source) return;
        navigator.clipboard.writeText(source.textContent).then(function () {
          var status = button.parentNode.querySelector("[data-copied]");
          if (status) status.textContent = status.getAttribute("data-copied");
        });
      });
    });
  }
})();
// Search: finds units, editions, models, news and pages in the index written at build time.
(function () {
  "use strict";
  var form = document.querySelector("form.search-form[data-index]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var out = document.getElementById("results");
  var entries = null;
  form.hidden = false;
  // As the index folds: no tones, d for đ, lower case, punctuation as spaces.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase()
      .replace(/[^0-9a-z\u00c0-\uffff]+/g, " ").trim();
  }
  // "thành phố huế", "tp hcm", "tỉnh lào cai": the query also without its administrative prefix.
  var prefixes = ["thanh pho ", "tp ", "tinh ", "thu do "];
  function forms(q) {
    var out = [q];
    prefixes.forEach(function (p) { if (q.indexOf(p) === 0 && q.length > p.length) out.push(q.slice(p.length)); });
    return out;
  }
  function score1(e, q, words) {
    var a = e.a || [];
    var tight = q.replace(/ /g, "");
    if (e.f === q) return 0;
    if (a.indexOf(q) >= 0 || a.indexOf(tight) >= 0) return 1;
    if (e.f.indexOf(q) === 0) return 2;
    for (var i = 0; i < a.length; i++) if (a[i].indexOf(q) === 0 || (tight.length > 2 && a[i].indexOf(tight) === 0)) return 3;
    if ((" " + e.f).indexOf(" " + q) >= 0) return 4;
    if (e.f.indexOf(q) >= 0) return 5;
    for (i = 0; i < a.length; i++) if ((" " + a[i]).indexOf(" " + q) >= 0) return 6;
    if (e.x.indexOf(q) >= 0) return 7;
    var all = e.f + " " + e.x + " " + a.join(" ");
    for (i = 0; i < words.length; i++) if (all.indexOf(words[i]) < 0) return -1;
    return 8;
  }
  function score(e, qs) {
    var best = -1;
    qs.forEach(function (q) {
      var s = score1(e, q, q.split(" "));
      if (s >= 0 && (best < 0 || s < best)) best = s;
    });
    return best;
  }
  function show() {
    var q = fold(input.value);
    out.textContent = "";
    if (!q || !entries) return;
    var qs = forms(q);
    var found = [];
    entries.forEach(function (e, i) {
      var s = score(e, qs);
      if (s >= 0) found.push([s, i, e]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var p = document.createElement("p");
    p.textContent = found.length === 0 ? form.getAttribute("data-none")
      : found.length === 1 ? form.getAttribute("data-one") : form.getAttribute("data-count").replace("{n}", found.length);
    out.appendChild(p);
    var ol = document.createElement("ol");
    var root = form.getAttribute("data-root");
    found.slice(0, 50).forEach(function (f) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + f[2].u;
      a.textContent = f[2].t;
      li.appendChild(a);
      var k = document.createElement("span");
      k.className = "small";
      k.textContent = " — " + f[2].k;
      li.appendChild(k);
      ol.appendChild(li);
    });
    out.appendChild(ol);
  }
  fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (data) {
    entries = data;
    show();
  });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); show(); });
  input.addEventListener("input", show);
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) input.value = initial;
})();
