/* Tòa Soạn — full-screen photo viewer (Tin ảnh) and infographic zoom.
 * Progressive: without this script the photos and infographics are ordinary images in the page.
 * Every photo in a photo story becomes a button; the viewer is a native <dialog> (focus stays inside,
 * Esc closes, focus returns to the photo). ← → (and Home/End) move between photos; on infographics
 * the viewer opens the image at full resolution, scrollable and pinch-zoomable, with a zoom toggle. */
(function () {
  "use strict";
  var doc = document;
  function largest(img) {
    var best = img.currentSrc || img.src, bestWidth = 0;
    (img.getAttribute("srcset") || "").split(",").forEach(function (part) {
      var bits = part.trim().split(/\s+/), w = parseInt(bits[1], 10);
      if (bits[0] && w > bestWidth) { best = bits[0]; bestWidth = w; }
    });
    return best;
  }
  function el(tag, cls, text) {
    var node = doc.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }
  function build() {
    var dialog = el("dialog", "viewer");
    dialog.setAttribute("aria-label", "Xem ảnh toàn màn hình");
    var bar = el("div", "viewer__bar");
    var counter = el("p", "viewer__count");
    counter.setAttribute("aria-live", "polite");
    var zoom = el("button", "viewer__btn viewer__zoom", "Phóng to");
    zoom.type = "button";
    var close = el("button", "viewer__btn viewer__close", "Đóng ✕");
    close.type = "button";
    bar.append(counter, zoom, close);
    var stage = el("div", "viewer__stage");
    var image = el("img", "viewer__img");
    image.alt = "";
    stage.append(image);
    var prev = el("button", "viewer__btn viewer__prev", "‹ Ảnh trước");
    prev.type = "button";
    var next = el("button", "viewer__btn viewer__next", "Ảnh sau ›");
    next.type = "button";
    var caption = el("p", "viewer__caption");
    var nav = el("div", "viewer__nav");
    nav.append(prev, next);
    dialog.append(bar, stage, caption, nav);
    doc.body.append(dialog);
    return { dialog: dialog, counter: counter, image: image, caption: caption, prev: prev, next: next, close: close, zoom: zoom, stage: stage };
  }
  var ui = null, items = [], index = 0, opener = null;
  function show(i) {
    index = (i + items.length) % items.length;
    var item = items[index];
    ui.image.src = largest(item.img);
    ui.image.alt = item.img.alt || "";
    ui.caption.textContent = item.caption;
    ui.counter.textContent = items.length > 1 ? "Ảnh " + (index + 1) + "/" + items.length : (item.zoomable ? "Infographic" : "");
    ui.prev.hidden = ui.next.hidden = items.length < 2;
    ui.zoom.hidden = !item.zoomable;
    ui.dialog.classList.toggle("viewer--zoomable", item.zoomable);
    setZoom(false);
  }
  function setZoom(on) {
    ui.dialog.classList.toggle("viewer--zoomed", on);
    ui.zoom.textContent = on ? "Vừa màn hình" : "Phóng to";
    ui.zoom.setAttribute("aria-pressed", on ? "true" : "false");
  }
  function open(list, i, from) {
    if (!ui) {
      ui = build();
      ui.close.addEventListener("click", function () { ui.dialog.close(); });
      ui.prev.addEventListener("click", function () { show(index - 1); });
      ui.next.addEventListener("click", function () { show(index + 1); });
      ui.zoom.addEventListener("click", function () { setZoom(!ui.dialog.classList.contains("viewer--zoomed")); });
      ui.dialog.addEventListener("keydown", function (e) {
        if (items.length < 2) return;
        if (e.key === "ArrowLeft") { show(index - 1); e.preventDefault(); }
        else if (e.key === "ArrowRight") { show(index + 1); e.preventDefault(); }
        else if (e.key === "Home") { show(0); e.preventDefault(); }
        else if (e.key === "End") { show(items.length - 1); e.preventDefault(); }
      });
      ui.dialog.addEventListener("close", function () {
        doc.documentElement.classList.remove("viewer-open");
        if (opener) opener.focus();
      });
    }
    items = list;
    opener = from;
    show(i);
    doc.documentElement.classList.add("viewer-open");
    ui.dialog.showModal();
    ui.close.focus();
  }
  function wrap(img, label) {
    var target = img.closest("picture") || img;
    var button = el("button", "viewer-open");
    button.type = "button";
    button.setAttribute("aria-label", label);
    target.parentNode.insertBefore(button, target);
    button.append(target);
    return button;
  }
  function captionOf(img) {
    var figure = img.closest("figure");
    var text = figure && figure.querySelector("figcaption");
    return text ? text.textContent.trim() : "";
  }
  function init() {
    if (typeof HTMLDialogElement !== "function") return;
    var photos = [];
    doc.querySelectorAll(".article--photo .article__body .figure__img").forEach(function (img) {
      var item = { img: img, caption: captionOf(img), zoomable: false };
      var position = photos.length;
      photos.push(item);
      var button = wrap(img, "Xem ảnh toàn màn hình" + (item.caption ? ": " + item.caption : ""));
      button.addEventListener("click", function () { open(photos, position, button); });
    });
    doc.querySelectorAll(".infographic__img").forEach(function (img) {
      var item = { img: img, caption: captionOf(img), zoomable: true };
      var button = wrap(img, "Phóng to infographic" + (item.caption ? ": " + item.caption : ""));
      button.addEventListener("click", function () { open([item], 0, button); });
    });
  }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init); else init();
})();
