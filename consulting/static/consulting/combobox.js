// A select marked data-combobox (the organisation of a consulting case, about 160 entries)
// becomes a text field that searches as one types: the ARIA 1.2 combobox pattern (input with
// role=combobox and a listbox popup; arrow keys, Enter, Escape). The select stays in the form,
// hidden, and carries the value, so the server sees the same field with or without script.
// A select with data-district-of="<id>" (the "Ausgangspunkt") offers only the options of the
// district chosen in that other select. Without JavaScript both stay plain selects (the server
// checks the district).
(function () {
  "use strict";
  var english = document.documentElement.lang === "en";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setUpCombobox(select, index) {
    var options = Array.prototype.filter.call(select.options, function (o) { return o.value; });
    var input = document.createElement("input");
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var wrapper = document.createElement("div");
    var listId = select.id + "-listbox";
    var active = -1;
    var shown = [];

    input.type = "text";
    input.id = select.id + "-search";
    input.className = select.className.replace("form-select", "form-control");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.autocomplete = "off";
    if (select.getAttribute("aria-describedby")) {
      input.setAttribute("aria-describedby", select.getAttribute("aria-describedby"));
    }
    if (select.getAttribute("aria-invalid")) {
      input.setAttribute("aria-invalid", select.getAttribute("aria-invalid"));
    }
    input.placeholder = english ? "Type to search" : "Zum Suchen tippen";
    list.id = listId;
    list.className = "combobox-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    wrapper.className = "combobox";
    select.parentNode.insertBefore(wrapper, select);
    wrapper.appendChild(input);
    wrapper.appendChild(list);
    wrapper.appendChild(status);
    wrapper.appendChild(select);
    select.hidden = true;
    select.tabIndex = -1;
    var label = document.querySelector('label[for="' + select.id + '"]');
    if (label) {
      label.htmlFor = input.id;
      list.setAttribute("aria-label", label.textContent.replace("*", "").trim());
    }
    if (select.selectedIndex > 0) { input.value = select.options[select.selectedIndex].text; }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(position) {
      shown.forEach(function (item, i) { item.setAttribute("aria-selected", i === position ? "true" : "false"); });
      active = position;
      if (position >= 0) {
        input.setAttribute("aria-activedescendant", shown[position].id);
        shown[position].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(option) {
      select.value = option.value;
      input.value = option.text;
      close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function open() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      list.innerHTML = "";
      shown = [];
      options.forEach(function (option, i) {
        var text = fold(option.text);
        if (!words.every(function (w) { return text.indexOf(w) !== -1; })) { return; }
        var item = document.createElement("li");
        item.id = listId + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = option.text;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(option); });
        item.option = option;
        list.appendChild(item);
        shown.push(item);
      });
      list.hidden = shown.length === 0;
      input.setAttribute("aria-expanded", shown.length ? "true" : "false");
      status.textContent = english
        ? shown.length + (shown.length === 1 ? " match" : " matches")
        : shown.length + (shown.length === 1 ? " Treffer" : " Treffer");
      highlight(-1);
    }

    input.addEventListener("input", function () {
      select.value = "";
      select.dispatchEvent(new Event("change", { bubbles: true }));
      open();
    });
    input.addEventListener("focus", function () { if (!input.value) { open(); } });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) { open(); }
        if (shown.length) { highlight(Math.min(active + 1, shown.length - 1)); }
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (shown.length) { highlight(Math.max(active - 1, 0)); }
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          choose(shown[active].option);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () {
      // A typed name that leaves exactly one organisation counts as chosen.
      if (!select.value && shown.length === 1) { choose(shown[0].option); }
      close();
    });
  }

  function setUpDistrictFilter(select) {
    var source = document.getElementById(select.getAttribute("data-district-of"));
    if (!source) { return; }
    function update() {
      var chosen = source.options[source.selectedIndex];
      var district = chosen && chosen.value ? chosen.getAttribute("data-district") : null;
      Array.prototype.forEach.call(select.options, function (option) {
        var fits = !option.value || !district || option.getAttribute("data-district") === district;
        option.hidden = !fits;
        option.disabled = !fits;
        if (!fits && option.selected) { select.value = ""; }
      });
    }
    source.addEventListener("change", update);
    update();
  }

  document.querySelectorAll("select[data-combobox]").forEach(setUpCombobox);
  document.querySelectorAll("select[data-district-of]").forEach(setUpDistrictFilter);
})();
