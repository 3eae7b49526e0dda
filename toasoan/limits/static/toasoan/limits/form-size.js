/* Before an admin form is sent: is it within the server's limits (toasoan/limits)? If not, it is not sent,
   the page stays as it is with everything typed, and a Vietnamese message says which fields are too large.
   Limits and wording come from the data attributes of this script's tag (wagtail_hooks.py). */
(function () {
  "use strict";
  var tag = document.currentScript;
  if (!tag || !window.FormData || !window.TextEncoder) { return; }
  var data = tag.dataset;
  var maxForm = parseInt(data.maxFormBytes, 10);
  var maxFields = parseInt(data.maxFields, 10);
  var maxRequest = parseInt(data.maxRequestBytes, 10);
  var encoder = new TextEncoder();

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_all, key) { return values[key]; });
  }

  function size(bytes) {
    if (bytes < 1024 * 1024) { return Math.max(1, Math.round(bytes / 1024)).toLocaleString("vi-VN") + " KB"; }
    return (bytes / (1024 * 1024)).toLocaleString("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + " MB";
  }

  function labelFor(form, name) {
    var field = form.elements.namedItem(name);
    if (field && field.length !== undefined && !field.tagName) { field = field[0]; }
    var label = field && field.id ? form.querySelector('label[for="' + field.id + '"]') : null;
    var text = label ? label.textContent.replace(/\*/g, "").trim() : "";
    return text || name;
  }

  function formData(form, submitter) {
    try { return new FormData(form, submitter || undefined); } catch (_error) { return new FormData(form); }
  }

  function measure(form, entries) {
    var urlencoded = (form.enctype || "").indexOf("multipart") === -1;
    var result = { form: 0, files: 0, fields: 0, perField: {} };
    entries.forEach(function (value, name) {
      if (typeof value !== "string") { result.files += value.size; return; }
      var bytes = urlencoded ? encodeURIComponent(name).length + encodeURIComponent(value).length + 2
        : encoder.encode(value).length;
      result.form += bytes;
      result.fields += 1;
      result.perField[name] = (result.perField[name] || 0) + bytes;
    });
    return result;
  }

  function message(form, measured) {
    var lines = [];
    if (measured.form > maxForm) {
      lines.push(fill(data.msgForm, { sent: size(measured.form), limit: size(maxForm) }));
    }
    if (measured.fields > maxFields) {
      lines.push(fill(data.msgFields, { count: measured.fields.toLocaleString("vi-VN"),
                                        limit: maxFields.toLocaleString("vi-VN") }));
    }
    if (measured.form + measured.files > maxRequest) {
      lines.push(fill(data.msgRequest, { sent: size(measured.form + measured.files), limit: size(maxRequest) }));
    }
    if (!lines.length) { return null; }
    var box = document.createElement("div");
    box.className = "toasoan-form-too-large";
    box.setAttribute("role", "alert");
    box.setAttribute("tabindex", "-1");
    var title = document.createElement("strong");
    title.textContent = data.msgTitle;
    box.appendChild(title);
    lines.forEach(function (line) {
      var p = document.createElement("p");
      p.textContent = line;
      box.appendChild(p);
    });
    var biggest = Object.keys(measured.perField).sort(function (a, b) {
      return measured.perField[b] - measured.perField[a];
    }).slice(0, 3).filter(function (name) { return measured.perField[name] > 64 * 1024; });
    if (biggest.length) {
      var intro = document.createElement("p");
      intro.textContent = data.msgBiggest;
      box.appendChild(intro);
      var list = document.createElement("ul");
      biggest.forEach(function (name) {
        var item = document.createElement("li");
        item.textContent = fill(data.msgField, { label: labelFor(form, name), size: size(measured.perField[name]) });
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    return box;
  }

  function release(form) {
    // Wagtail's "Saving…" buttons turn busy on click: give them back.
    form.querySelectorAll('[data-w-progress-loading-value="true"]').forEach(function (button) {
      button.setAttribute("data-w-progress-loading-value", "false");
    });
  }

  function show(form, box) {
    var previous = document.querySelector(".toasoan-form-too-large");
    if (previous) { previous.remove(); }
    if (!box) { return; }
    var anchor = document.querySelector("main") || form;
    anchor.insertBefore(box, anchor.firstChild);
  }

  window.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || "").toLowerCase() !== "post") { return; }
    var box = message(form, measure(form, formData(form, event.submitter)));
    show(form, box);
    if (!box) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    box.focus();
    box.scrollIntoView({ block: "start" });
    release(form);
    window.setTimeout(function () { release(form); }, 0);
  }, true);

  // Wagtail's autosave sends the form by itself a moment after each change (w-autosave:save, cancellable,
  // with the FormData it is about to send). Too large: it is not sent, the same message is shown without
  // taking the focus from the field being typed in, and autosave's indicator says it is paused.
  document.addEventListener("w-autosave:save", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !event.detail || !event.detail.formData) { return; }
    var box = message(form, measure(form, event.detail.formData));
    show(form, box);
    if (!box) { return; }
    event.preventDefault();
    form.dispatchEvent(new CustomEvent("w-autosave:error", {
      bubbles: true,
      detail: { text: data.msgAutosave, type: "form_too_large", trigger: event.detail.trigger },
    }));
  }, true);
})();
