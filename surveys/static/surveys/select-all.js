// "Alle auswählen" / "Keine auswählen": buttons with data-select-all="true|false" tick or untick
// every checkbox named in data-target inside their form. Without JavaScript the buttons stay
// hidden and each box is ticked by hand.
//
// A submit button with data-count-target="<name>" names how many boxes of that name are ticked,
// in the words of its data-label-none, data-label-one and data-label-many ("{n}" stands for the
// number), and is disabled while none is: the label the server wrote ("Ausgewählte
// Organisationen einladen") is right without JavaScript, this one says the number.
document.addEventListener("DOMContentLoaded", () => {
  const counters = document.querySelectorAll("[data-count-target]");

  const update = (form) => {
    counters.forEach((button) => {
      if (button.form !== form) return;
      const ticked = form.querySelectorAll(
        `input[type=checkbox][name="${button.dataset.countTarget}"]:checked`
      ).length;
      const label = ticked === 0 ? button.dataset.labelNone
        : ticked === 1 ? button.dataset.labelOne : button.dataset.labelMany;
      button.textContent = label.replace("{n}", ticked.toLocaleString(document.documentElement.lang || "de"));
      button.disabled = ticked === 0;
      const status = button.dataset.status && document.getElementById(button.dataset.status);
      if (status) status.textContent = button.textContent;
    });
  };

  document.querySelectorAll("[data-select-all]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const checked = button.dataset.selectAll === "true";
      button.form
        .querySelectorAll(`input[type=checkbox][name="${button.dataset.target}"]`)
        .forEach((box) => { box.checked = checked; });
      update(button.form);
    });
  });

  counters.forEach((button) => {
    button.form.addEventListener("change", () => update(button.form));
    // Boxes the browser restored (back button) count too.
    update(button.form);
  });
});
