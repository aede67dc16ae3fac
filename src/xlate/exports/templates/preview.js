// xlate preview: the English-only toggle, tooltips kept on screen, Escape to hide them, sortable tables.
// The pages work without it: the toggle and the sort buttons only appear when it runs.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  // English only, as it would be published (also reached with #english in the address).
  var toggle = document.getElementById("en-only");
  function englishOnly(on) {
    document.body.classList.toggle("en-only", on);
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    // Terms are plain text in the published view: take them out of the tab order.
    document.querySelectorAll(".term").forEach(function (term) { term.tabIndex = on ? -1 : 0; });
  }
  if (toggle) {
    toggle.addEventListener("click", function () {
      englishOnly(toggle.getAttribute("aria-pressed") !== "true");
    });
    if (window.location.hash === "#english") { englishOnly(true); }
  }

  // A term's tooltip opens below it; pull it back when it would leave the window.
  function place(term) {
    var tip = term.querySelector(".tip");
    if (!tip) { return; }
    tip.style.left = "0px";
    var box = tip.getBoundingClientRect();
    var over = box.right - (document.documentElement.clientWidth - 8);
    if (over > 0) { tip.style.left = (-Math.min(over, box.left - 8)) + "px"; }
  }
  function termOf(event) {
    return event.target && event.target.closest ? event.target.closest(".term") : null;
  }
  document.addEventListener("mouseover", function (event) {
    var term = termOf(event);
    if (term) { document.body.classList.remove("quiet"); place(term); }
  });
  document.addEventListener("focusin", function (event) {
    var term = termOf(event);
    if (term) { document.body.classList.remove("quiet"); place(term); }
  });
  // Escape hides an open tooltip without moving the pointer or the focus (WCAG 1.4.13).
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { document.body.classList.add("quiet"); }
  });

  // Sortable tables: the headings with data-sort become buttons; rows carry the values as data-*.
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var body = table.tBodies[0];
    var heads = table.querySelectorAll("th[data-sort]");
    heads.forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var key = th.getAttribute("data-sort");
        var numeric = th.getAttribute("data-type") === "number";
        var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.getAttribute("data-" + key), y = b.getAttribute("data-" + key);
          var c = numeric ? parseFloat(x) - parseFloat(y) : (x < y ? -1 : x > y ? 1 : 0);
          if (c === 0) { c = parseFloat(a.getAttribute("data-rank")) - parseFloat(b.getAttribute("data-rank")); }
          return c * dir;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      });
    });
  });
}());
