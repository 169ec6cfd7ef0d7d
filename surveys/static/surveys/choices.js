// Multiple choice while ticking: an exclusive answer ("keine davon") unticks the others and any
// other answer unticks it; at a question's maximum, one more tick is taken back and the field
// says why. The server checks both again when the page is saved.
(function () {
  "use strict";

  function boxes(fieldset) {
    return Array.prototype.slice.call(fieldset.querySelectorAll('input[type="checkbox"]'));
  }

  function say(fieldset, text) {
    const note = fieldset.querySelector(".survey-choice-limit");
    if (note) note.textContent = text;
  }

  function changed(event) {
    const box = event.target;
    if (box.type !== "checkbox" || !box.checked) {
      if (box.type === "checkbox") say(box.closest("fieldset"), "");
      return;
    }
    const fieldset = box.closest("fieldset");
    const all = boxes(fieldset);
    all.forEach(function (other) {
      if (other === box || !other.checked) return;
      if (box.hasAttribute("data-exclusive") || other.hasAttribute("data-exclusive")) {
        other.checked = false;
        other.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    const limit = parseInt(fieldset.getAttribute("data-max-choices") || "0", 10);
    const ticked = all.filter(function (other) { return other.checked; }).length;
    if (limit && ticked > limit) {
      box.checked = false;
      say(fieldset, fieldset.getAttribute("data-limit-message") || "");
    } else {
      say(fieldset, "");
    }
  }

  function start() {
    document.querySelectorAll("form.survey-page").forEach(function (form) {
      form.addEventListener("change", changed);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
