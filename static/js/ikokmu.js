// Behaviour every page of the base layout shares (templates/base.html).

// After a failed save, screen reader and keyboard users start at the error summary, which lists
// and links the fields to correct (id="error-summary", templates/includes/error_summary.html).
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (summary) {
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
});

// Esc closes the menu opened on a small screen and returns to its button, as it closes a
// dropdown. Bootstrap's dropdowns handle their own Esc first and mark the event as handled.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || event.defaultPrevented) return;
  const menu = document.getElementById("main-nav");
  if (!menu || !menu.classList.contains("show") || !window.bootstrap) return;
  window.bootstrap.Collapse.getOrCreateInstance(menu, { toggle: false }).hide();
  document.querySelector('[data-bs-target="#main-nav"]')?.focus();
});
