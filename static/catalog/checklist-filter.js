// Long checkbox lists (offers, literature, contacts, districts) get a filter box above them,
// so the project team finds an entry by typing while editing a measure. Without JavaScript the
// plain list still works.
(function () {
  "use strict";
  function setUp(container, index) {
    var boxes = container.querySelectorAll(".form-check");
    if (boxes.length < 6) { return; }
    var list = boxes[0].parentElement;
    list.classList.add("form-check-list");
    var legend = container.querySelector("legend, label.form-label");
    var name = legend ? legend.textContent.trim() : "";
    var id = "checklist-filter-" + index;
    var wrapper = document.createElement("div");
    wrapper.className = "filter-box mb-2";
    var label = document.createElement("label");
    label.className = "form-label small mb-1";
    label.htmlFor = id;
    label.textContent = (document.documentElement.lang === "en" ? "Filter list: " : "Liste filtern: ") + name;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.className = "form-control form-control-sm";
    input.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(status);
    list.parentElement.insertBefore(wrapper, list);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      boxes.forEach(function (box) {
        var text = box.textContent.toLowerCase();
        var checked = box.querySelector("input") && box.querySelector("input").checked;
        var match = checked || words.every(function (w) { return text.indexOf(w) !== -1; });
        box.hidden = !match;
        if (match) { shown += 1; }
      });
      status.textContent = shown + " / " + boxes.length;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".filterable-checklist").forEach(setUp);
  });
})();
