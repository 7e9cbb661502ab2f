// "Add another treatment" without a round trip. Without this script the
// button sends the form back with one more row, everything typed kept.
(function () {
  "use strict";
  var button = document.querySelector(".story-form [name=add_treatment]");
  if (!button) { return; }
  var pattern = /treatments-(\d+)-/;

  function renumber(row, index) {
    row.id = "treatments-" + index;
    row.querySelector("legend").textContent = "Treatment " + (index + 1);
    row.querySelectorAll("[id], [for], [name], [aria-describedby]").forEach(function (el) {
      ["id", "for", "name", "aria-describedby"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) { el.setAttribute(attr, value.replace(pattern, "treatments-" + index + "-")); }
      });
    });
  }

  function clear(row) {
    row.querySelectorAll(".error-message").forEach(function (el) { el.remove(); });
    row.querySelectorAll(".field-error").forEach(function (el) { el.classList.remove("field-error"); });
    row.querySelectorAll("input, select").forEach(function (el) {
      el.removeAttribute("aria-invalid");
      var described = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && !/-error$/.test(id);
      });
      if (described.length) { el.setAttribute("aria-describedby", described.join(" ")); } else { el.removeAttribute("aria-describedby"); }
      if (el.tagName === "SELECT") { el.selectedIndex = 0; } else { el.value = ""; }
    });
  }

  button.addEventListener("click", function (event) {
    var rows = document.querySelectorAll(".treatment-row");
    var last = rows[rows.length - 1];
    if (!last || rows.length >= 40) { return; }
    event.preventDefault();
    var row = last.cloneNode(true);
    clear(row);
    renumber(row, rows.length);
    last.after(row);
    row.querySelector("select").focus();
  });
})();
