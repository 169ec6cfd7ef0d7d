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

// Colours chosen by users (the interview codes) cannot be in a static stylesheet, and the Content
// Security Policy refuses style="" attributes. Elements carry them as data-colour and data-tint;
// this sets them as the custom properties --colour and --tint that the stylesheets use (changes
// through the CSSOM are allowed by the policy). htmx:load also covers fragments swapped in later.
function applyDataColours(root) {
  const selector = "[data-colour], [data-tint]";
  const elements = Array.from(root.querySelectorAll(selector));
  if (root.matches && root.matches(selector)) elements.push(root);
  for (const element of elements) {
    if (element.dataset.colour) element.style.setProperty("--colour", element.dataset.colour);
    if (element.dataset.tint) element.style.setProperty("--tint", element.dataset.tint);
  }
}
document.addEventListener("DOMContentLoaded", () => applyDataColours(document));
document.addEventListener("htmx:load", (event) => applyDataColours(event.detail.elt));
