// "Alle auswählen" / "Keine auswählen": buttons with data-select-all="true|false" tick or untick
// every checkbox named in data-target inside their form. Without JavaScript the buttons stay
// hidden and each box is ticked by hand.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-select-all]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const checked = button.dataset.selectAll === "true";
      button.form
        .querySelectorAll(`input[type=checkbox][name="${button.dataset.target}"]`)
        .forEach((box) => { box.checked = checked; });
    });
  });
});
