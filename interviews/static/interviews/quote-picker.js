// The quote picker of a best-practice example: only the passages of the chosen company are
// offered, and the chosen passage is copied into the quote field, where it can be shortened.
// Without JavaScript the server narrows the list after saving and fills an empty quote itself.
(function () {
  "use strict";
  function init() {
    var picker = document.querySelector("select.quote-picker");
    if (!picker) return;
    var form = picker.form;
    var company = form.querySelector("select[name=company]");
    var quote = form.querySelector("textarea[name=quote]");
    var copied = null; // the text last copied in, so the coder's own edits are never overwritten

    function narrow() {
      var chosen = company ? company.value : "";
      Array.prototype.forEach.call(picker.options, function (option) {
        var other = chosen && option.dataset.company && option.dataset.company !== chosen;
        option.hidden = !!other;
        option.disabled = !!other;
      });
      var selected = picker.options[picker.selectedIndex];
      if (selected && selected.disabled) picker.value = "";
    }

    picker.addEventListener("change", function () {
      var option = picker.options[picker.selectedIndex];
      if (!quote || !option || !option.dataset.text) return;
      if (quote.value.trim() === "" || quote.value === copied) {
        quote.value = option.dataset.text;
        copied = quote.value;
      }
    });
    if (company) company.addEventListener("change", narrow);
    narrow();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
