// Shows a question only while the answers on the same page meet its conditions (the server
// decides again when the page is saved; without this script every question stays visible).
(function () {
  "use strict";

  function current(form, name) {
    const inputs = form.querySelectorAll('[name="' + name + '"]');
    const values = [];
    inputs.forEach(function (input) {
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) values.push(input.value);
      } else if (input.value.trim() !== "") {
        values.push(input.value.trim());
      }
    });
    return values;
  }

  function number(text) {
    const value = parseFloat(String(text).replace(",", "."));
    return Number.isNaN(value) ? null : value;
  }

  function holds(form, condition) {
    const values = current(form, condition.source);
    if (values.length === 0) return false;
    const wanted = condition.values;
    switch (condition.operator) {
      case "equals":
        return values.length === wanted.length && wanted.every(function (v) { return values.includes(v); });
      case "one_of":
        return values.some(function (v) { return wanted.includes(v); });
      case "contains":
        if (values.length === 1 && wanted.length === 1 && !form.querySelector('[name="' + condition.source + '"][type="checkbox"]')) {
          return values[0].toLowerCase().includes(wanted[0].toLowerCase());
        }
        return wanted.every(function (v) { return values.includes(v); });
      case "greater":
      case "less": {
        const a = number(values[0]);
        const b = number(wanted[0]);
        if (a === null || b === null) return false;
        return condition.operator === "greater" ? a > b : a < b;
      }
    }
    return false;
  }

  function update(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (block) {
      const conditions = JSON.parse(block.getAttribute("data-show-if"));
      block.hidden = !conditions.every(function (c) { return holds(form, c); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.survey-page").forEach(function (form) {
      update(form);
      form.addEventListener("change", function () { update(form); });
      form.addEventListener("input", function () { update(form); });
    });
  });
})();
