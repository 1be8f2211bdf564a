// Review mode of the document page: a selection in the text fills the "add a statement"
// form with its quote and its offsets in the document. Offsets count code points, as
// Python does; the server checks them against the stored text (and the quote) anyway.
(function () {
  "use strict";
  var article = document.getElementById("doctext");
  var form = document.getElementById("rv-add");
  if (!article || !form) { return; }

  function codePoints(text) { return Array.from(text).length; }

  function offsetOf(node, offset) {
    var el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    while (el && el !== article && !el.hasAttribute("data-start")) { el = el.parentElement; }
    if (!el || el === article) { return null; }
    var base = parseInt(el.getAttribute("data-start"), 10);
    if (node.nodeType !== Node.TEXT_NODE) { return offset === 0 ? base : base + codePoints(el.textContent); }
    return base + codePoints(node.data.slice(0, offset));
  }

  function fill() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
    var range = sel.getRangeAt(0);
    if (!article.contains(range.commonAncestorContainer)) { return; }
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) { return; }
    form.elements.start.value = String(start);
    form.elements.end.value = String(end);
    form.elements.quote.value = range.toString();
  }

  article.addEventListener("mouseup", fill);
  article.addEventListener("keyup", fill);
  // Selections made with the keyboard or by touch end without a mouseup.
  document.addEventListener("selectionchange", function () {
    var sel = window.getSelection();
    if (sel && !sel.isCollapsed && article.contains(sel.anchorNode)) { fill(); }
  });
})();
