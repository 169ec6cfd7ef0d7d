// The preview shows the questionnaire's forms as respondents see them, but nothing may be sent:
// its forms carry data-preview and go nowhere.
document.addEventListener("submit", function (event) {
  if (event.target.matches("form[data-preview]")) event.preventDefault();
});
