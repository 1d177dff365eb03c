"use strict";
// Sorting and filtering of the caseload table. The page carries no other
// script, loads nothing, and works (unsorted, unfiltered) without this.
(function () {
  var table = document.getElementById("cases");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var shown = document.getElementById("shown");
  var filters = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));

  function value(row, key) {
    return row.getAttribute("data-" + key) || "";
  }

  function compare(x, y, numeric) {
    if (numeric) { return (parseFloat(x) || 0) - (parseFloat(y) || 0); }
    if (x === y) { return 0; }
    return x < y ? -1 : 1;
  }

  function sortBy(button) {
    var key = button.getAttribute("data-key");
    var numeric = button.hasAttribute("data-numeric");
    var header = button.parentNode;
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = value(a, key), y = value(b, key);
      if ((x === "") !== (y === "")) { return x === "" ? 1 : -1; }  // rows without a value stay last
      var order = compare(x, y, numeric);
      if (order !== 0) { return ascending ? order : -order; }
      return parseInt(value(a, "rank"), 10) - parseInt(value(b, "rank"), 10);
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function applyFilters() {
    var count = 0;
    rows.forEach(function (row) {
      var keep = filters.every(function (select) {
        return select.value === "" || value(row, select.getAttribute("data-filter")) === select.value;
      });
      row.hidden = !keep;
      if (keep) { count += 1; }
    });
    shown.textContent = String(count);
  }

  Array.prototype.forEach.call(table.querySelectorAll("th button[data-key]"), function (button) {
    button.addEventListener("click", function () { sortBy(button); });
  });
  filters.forEach(function (select) { select.addEventListener("change", applyFilters); });
  document.getElementById("controls").hidden = false;
})();
