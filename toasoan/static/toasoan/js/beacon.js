/* The view beacon (toasoan/analytics): one POST to /_v?a=<article id>&c=<page token> when an article is read.
   The token is issued, signed, with the page (toasoan/analytics/tokens.py); the server counts a reader once
   per window by address and browser, whatever the request carries. A static file: pages need no inline
   script under the Content-Security-Policy. */
(function () {
  "use strict";
  var tag = document.currentScript;
  if (!tag) { return; }
  var article = tag.getAttribute("data-article");
  var token = tag.getAttribute("data-token");
  var path = tag.getAttribute("data-path") || "/_v";
  if (!article || !token) { return; }
  var url = path + "?" + new URLSearchParams({ a: article, c: token }).toString();
  if (navigator.sendBeacon) {
    navigator.sendBeacon(url);
  } else {
    fetch(url, { method: "POST", keepalive: true, credentials: "omit" });
  }
})();
