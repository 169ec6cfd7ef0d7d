// Turns a mouse selection in the transcript into start and end positions for the form.
// Positions count Unicode code points (as the server does); JavaScript strings count UTF-16
// units, so the text before each boundary is measured with Array.from.
(function () {
  "use strict";

  function codePoints(container, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return Array.from(range.toString()).length;
  }

  function update() {
    var container = document.getElementById("transcript");
    var start = document.getElementById("id_start");
    var end = document.getElementById("id_end");
    if (!container || !start || !end) return;
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return;
    var from = codePoints(container, range.startContainer, range.startOffset);
    var to = codePoints(container, range.endContainer, range.endOffset);
    if (to <= from) return;
    start.value = from;
    end.value = to;
    var phrase = document.getElementById("id_phrase");
    if (phrase) phrase.value = "";
    var preview = document.getElementById("selection-preview");
    if (preview) {
      var text = range.toString();
      preview.textContent = "Markiert (" + from + "–" + to + "): „" +
        (text.length > 120 ? text.slice(0, 120) + "…" : text) + "“";
    }
  }

  document.addEventListener("mouseup", update);
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey) update();
  });
})();
