/* The comment queue's keyboard shortcuts (toasoan/comments/templates/comments/admin/queue.html):
   j / k next / previous comment, a approve, r reject (type the reason, Enter), e edit out a phrase, b ban,
   Esc leaves a field. The selected comment is remembered across the reload that follows an action, so the next
   one in the queue is selected. Keys typed in a field are the field's. */
(function () {
  "use strict";
  var KEY = "toasoan:hang-cho:vi-tri";

  function init() {
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-queue-item]"));
    if (!items.length) { return; }
    var current = 0;
    try { current = Math.min(items.length - 1, parseInt(window.sessionStorage.getItem(KEY) || "0", 10) || 0); } catch (e) { current = 0; }

    function select(index) {
      if (index < 0 || index >= items.length) { return; }
      items[current].classList.remove("comment-queue__item--selected");
      items[current].removeAttribute("aria-current");
      current = index;
      items[current].classList.add("comment-queue__item--selected");
      items[current].setAttribute("aria-current", "true");
      items[current].focus();
      try { window.sessionStorage.setItem(KEY, String(current)); } catch (e) { /* private mode */ }
    }

    function form(action) { return items[current].querySelector('[data-action="' + action + '"]'); }

    items.forEach(function (item, index) {
      item.addEventListener("click", function () { if (index !== current) { select(index); } });
    });

    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable);
      if (typing) {
        if (event.key === "Escape") { target.blur(); items[current].focus(); }
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) { return; }
      var field = { r: "reject", e: "edit", b: "ban" }[event.key];
      if (event.key === "j") { select(current + 1); } else if (event.key === "k") { select(current - 1); } else if (event.key === "a") {
        form("approve").requestSubmit();
      } else if (field) {
        form(field).querySelector("input:not([type=hidden])").focus();
      } else { return; }
      event.preventDefault();
    });
    select(current);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
