/* Live coverage (tường thuật trực tiếp): the page shows the updates as rendered; this script polls the story's
   small feed (/truc-tiep/<id>.json, answered 304 when nothing changed) and puts new, changed and removed
   updates in place without a reload. A reader who has scrolled down into the story is not moved: new updates
   wait behind a "N cập nhật mới" button. Everything from the feed is written as text (textContent), never
   as HTML. Without JavaScript, a reload shows the same updates. */
(function () {
  "use strict";
  var POLL_MS = 3000;
  var MAX_POLL_MS = 60000;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function textWithBreaks(parent, text) {
    String(text).split("\n").forEach(function (line, i) {
      if (i) { parent.appendChild(document.createElement("br")); }
      parent.appendChild(document.createTextNode(line));
    });
  }

  function render(update, labels) {
    var li = el("li", "live-update live-update--" + update.kind + (update.pinned ? " live-update--pinned" : ""));
    li.id = update.anchor;
    li.setAttribute("data-id", String(update.id));
    li.setAttribute("data-version", String(update.version));
    var time = el("p", "live-update__time");
    var link = el("a");
    link.href = "#" + update.anchor;
    var t = el("time", null, update.time);
    t.setAttribute("datetime", update.iso);
    link.appendChild(t);
    time.appendChild(link);
    if (update.edited) { time.appendChild(document.createTextNode(" ")); time.appendChild(el("span", "live-update__edited", labels.edited)); }
    li.appendChild(time);
    if (update.kind === "quote") {
      var quote = el("blockquote", "live-update__quote");
      var p = el("p");
      textWithBreaks(p, update.text);
      quote.appendChild(p);
      if (update.quote_source) { quote.appendChild(el("footer", null, "— " + update.quote_source)); }
      li.appendChild(quote);
    } else {
      var body = el("p", "live-update__text");
      textWithBreaks(body, update.text);
      li.appendChild(body);
    }
    if (update.kind === "image" && update.image && /^\//.test(update.image.url)) {
      var fig = el("figure", "live-update__figure");
      var img = el("img");
      img.src = update.image.url;
      img.width = update.image.width;
      img.height = update.image.height;
      img.alt = update.image.alt || "";
      img.loading = "lazy";
      fig.appendChild(img);
      li.appendChild(fig);
    }
    if (update.kind === "embed" && /^https:\/\//.test(update.embed_url || "")) {
      var embed = el("p", "live-update__embed");
      var a = el("a", null, update.embed_url);
      a.href = update.embed_url;
      a.rel = "noopener nofollow";
      embed.appendChild(a);
      li.appendChild(embed);
    }
    return li;
  }

  function start(section) {
    var url = section.getAttribute("data-live-feed");
    var list = section.querySelector("[data-live-list]");
    var pinnedBox = section.querySelector("[data-live-pinned]");
    var notice = section.querySelector(".live__notice");
    var button = section.querySelector(".live__show-new");
    if (!url || !list) { return; }
    var labels = {
      edited: section.getAttribute("data-text-edited") || "",
      pinned: section.getAttribute("data-text-pinned") || "",
      fresh: section.getAttribute("data-text-new") || "__N__"
    };
    var etag = section.getAttribute("data-live-etag") || "";
    var waiting = [];
    var delay = POLL_MS;
    var known = {};
    Array.prototype.forEach.call(list.querySelectorAll("li[data-id]"), function (li) { known[li.getAttribute("data-id")] = li; });

    function readerIsAway() {
      // Scrolled down past the top of the updates: inserting above would move what they are reading.
      return list.getBoundingClientRect().top < -40;
    }

    function showWaiting() {
      if (!waiting.length) { notice.hidden = true; return; }
      button.textContent = labels.fresh.replace("__N__", String(waiting.length));
      notice.hidden = false;
    }

    function insertNew(items) {
      var empty = list.querySelector(".live__empty");
      if (empty) { empty.remove(); }
      for (var i = items.length - 1; i >= 0; i--) {
        var node = render(items[i], labels);
        known[String(items[i].id)] = node;
        list.insertBefore(node, list.firstChild);
      }
    }

    button.addEventListener("click", function () {
      insertNew(waiting);
      waiting = [];
      showWaiting();
      section.scrollIntoView({ block: "start" });
    });

    function apply(data) {
      var fresh = [];
      var inFeed = {};
      var oldest = Infinity;
      data.updates.forEach(function (update) {
        var id = String(update.id);
        inFeed[id] = true;
        oldest = Math.min(oldest, update.id);
        var node = known[id];
        if (!node) {
          if (!waiting.some(function (w) { return w.id === update.id; })) { fresh.push(update); }
        } else if (node.getAttribute("data-version") !== String(update.version)) {
          var replacement = render(update, labels);
          node.replaceWith(replacement);
          known[id] = replacement;
        }
      });
      // Removed by the desk: gone from the feed although newer than the feed's oldest entry.
      Object.keys(known).forEach(function (id) {
        if (!inFeed[id] && Number(id) > oldest && data.updates.length) { known[id].remove(); delete known[id]; }
      });
      waiting = waiting.filter(function (w) { return inFeed[String(w.id)]; });
      if (fresh.length) {
        if (readerIsAway()) { waiting = fresh.concat(waiting); } else { insertNew(fresh); }
      }
      showWaiting();
      if (pinnedBox) {
        pinnedBox.textContent = "";
        if (data.pinned) {
          pinnedBox.appendChild(el("p", "live__pinned-label", labels.pinned));
          var ol = el("ol", "live__list");
          var pinnedNode = render(data.pinned, labels);
          pinnedNode.id = "";
          ol.appendChild(pinnedNode);
          pinnedBox.appendChild(ol);
        }
        pinnedBox.hidden = !data.pinned;
      }
      if (!data.running) {
        section.setAttribute("data-live-running", "0");
        var title = section.querySelector(".live__title");
        if (title) { title.textContent = section.getAttribute("data-text-ended") || ""; }
      }
      return data.running;
    }

    function poll() {
      if (document.hidden) { window.setTimeout(poll, delay); return; }
      var headers = etag ? { "If-None-Match": etag } : {};
      fetch(url, { headers: headers, cache: "no-cache", credentials: "omit" })
        .then(function (response) {
          if (response.status === 304) { return null; }
          if (!response.ok) { throw new Error(String(response.status)); }
          etag = response.headers.get("ETag") || "";
          return response.json();
        })
        .then(function (data) {
          delay = POLL_MS;
          var running = data ? apply(data) : section.getAttribute("data-live-running") === "1";
          if (running) { window.setTimeout(poll, delay); }
        })
        .catch(function () {
          delay = Math.min(delay * 2, MAX_POLL_MS);  // the site is busy or the reader offline: back off
          window.setTimeout(poll, delay);
        });
    }

    if (section.getAttribute("data-live-running") === "1") { window.setTimeout(poll, POLL_MS); }
  }

  document.querySelectorAll("[data-live-feed]").forEach(start);
})();
