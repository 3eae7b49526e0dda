/* "Xem thêm": the link works on its own (it opens ?sau=<cursor>); with this script the next items are
   fetched as a fragment (?sau=<cursor>&fragment=1) and appended to the list in place. No framework and
   no request to anyone but this site. */
(function () {
  "use strict";

  function fragmentUrl(href) {
    var url = new URL(href, window.location.href);
    url.searchParams.set("fragment", "1");
    return url;
  }

  function listFor(link) {
    var id = link.getAttribute("data-more");
    if (id) { return document.getElementById(id); }
    var wrap = link.closest("[data-more-wrap]");
    var prev = wrap && wrap.previousElementSibling;
    return prev && (prev.tagName === "UL" || prev.tagName === "OL") ? prev : null;
  }

  function load(link) {
    var list = listFor(link);
    var wrap = link.closest("[data-more-wrap]");
    if (!list || !wrap || link.getAttribute("aria-busy") === "true") { return false; }
    var url = fragmentUrl(link.href);
    if (url.origin !== window.location.origin) { return false; }
    link.setAttribute("aria-busy", "true");
    wrap.classList.add("more--loading");
    fetch(url.toString(), { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) {
        var tpl = document.createElement("template");
        tpl.innerHTML = html;
        var items = tpl.content.querySelectorAll("li");
        var first = null;
        Array.prototype.forEach.call(items, function (item) {
          if (item.parentNode !== tpl.content) { return; }
          list.appendChild(item);
          if (!first) { first = item; }
        });
        var nextWrap = tpl.content.querySelector("[data-more-wrap]");
        if (nextWrap) {
          var nextLink = nextWrap.querySelector("[data-more]");
          if (nextLink) { nextLink.setAttribute("data-more", list.id || ""); }
          wrap.replaceWith(nextWrap);
        } else {
          wrap.remove();
        }
        // Keep the reader where they were: focus moves to the first new story's headline link.
        var target = first && (first.querySelector("h2 a, h3 a, h4 a") || first.querySelector("a"));
        if (target) { target.focus({ preventScroll: false }); }
        announce(nextWrap ? link.getAttribute("data-more-status") : link.getAttribute("data-more-end"));
      })
      .catch(function () {
        // Fall back to the plain link: open the next page.
        window.location.href = link.href;
      });
    return true;
  }

  function announce(text) {
    var region = document.getElementById("more-status");
    if (!region) {
      region = document.createElement("p");
      region.id = "more-status";
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    region.textContent = text || "";
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-more]");
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    if (!window.fetch || !("content" in document.createElement("template"))) { return; }
    if (load(link)) { event.preventDefault(); }
  });
})();
