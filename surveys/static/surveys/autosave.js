// Saves what the respondent entered when they leave or close the page without pressing
// "Weiter" or "Zurück", so nothing typed is lost. The server stores it like "Zurück" does:
// valid answers are kept, nothing is required yet.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    const form = document.querySelector("form.survey-page[data-autosave]");
    if (!form || !navigator.sendBeacon) return;
    let changed = false;
    let submitting = false;
    form.addEventListener("input", function () { changed = true; });
    form.addEventListener("change", function () { changed = true; });
    form.addEventListener("submit", function () { submitting = true; });

    function saveDraft() {
      if (!changed || submitting) return;
      const data = new FormData(form);
      data.set("action", "draft");
      if (navigator.sendBeacon(window.location.pathname, data)) changed = false;
    }

    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") saveDraft();
    });
    window.addEventListener("pagehide", saveDraft);
  });
})();
