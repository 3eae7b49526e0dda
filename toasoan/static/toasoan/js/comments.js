/* Readers' comments (bình luận) under a story. The story page is the same for every reader (it is cached); this
   script fetches the comments after the page has loaded from /binh-luan/<id>.json (never cached), with the token
   the form needs, and posts the form, likes and reports with fetch. Everything a reader wrote is written into the
   page as text (textContent), never as HTML. The reader's own comments that wait for approval are remembered in
   this browser (localStorage) and shown to them alone, marked "Đang chờ duyệt". Without JavaScript, the section's
   link leads to /binh-luan/<id>/, where the same comments and form work with plain posts.
   A reader signed in to a reader account (its cookie reaches /binh-luan/ only) is told so by the feed: the form
   then shows the account's name, drops the address and consent boxes, and the account's own comments (waiting ones
   included, on any device) are marked as theirs.
   On a running live story (data-comments-poll), newly shown comments arrive without reloading: the script asks
   /binh-luan/<id>/moi-nhat.json (public, the same for everyone, kept by the front a few seconds) every so often
   while the tab is visible, and adds only what is new (so a screen reader announces just that). */
(function () {
  "use strict";

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

  function store(key) {
    try {
      return {
        read: function () { return JSON.parse(window.localStorage.getItem(key) || "{}"); },
        write: function (value) { window.localStorage.setItem(key, JSON.stringify(value)); }
      };
    } catch (e) {
      return { read: function () { return {}; }, write: function () {} };
    }
  }

  function start(section) {
    var feedUrl = section.getAttribute("data-comments-feed");
    var app = section.querySelector("[data-comments-app]");
    var list = section.querySelector("[data-comments-list]");
    var form = section.querySelector("[data-comment-form]");
    var more = section.querySelector("[data-comments-more]");
    var count = section.querySelector("[data-comments-count]");
    var text = function (name) { return section.getAttribute("data-text-" + name) || ""; };
    var article = feedUrl.replace(/\D+/g, "");
    var mine = store("toasoan:binh-luan:" + article);
    var marks = store("toasoan:binh-luan:da-bam");
    var box = section.querySelector("[data-account-box]");
    var csrf = "";
    var oldest = null;
    var account = null;
    var latestUrl = section.getAttribute("data-comments-latest");
    var pollMs = 1000 * parseInt(section.getAttribute("data-comments-poll") || "0", 10);
    var latestTag = null;

    function post(url, body) {
      return fetch(url, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": csrf }
      }).then(function (response) {
        return response.json().then(function (data) { data.httpStatus = response.status; return data; });
      });
    }

    function actionUrl(kind, id) {
      return section.getAttribute("data-" + kind + "-url").replace(/\/0\//, "/" + id + "/");
    }

    function isMine(comment) {
      return Boolean(account && account.own.indexOf(comment.id) >= 0);
    }

    function render(comment, options) {
      var mine = options.mine || isMine(comment);
      var li = el("li", "comment" + (options.pending ? " comment--pending" : "") + (mine ? " comment--mine" : ""));
      li.id = comment.anchor || ("binh-luan-" + comment.id);
      var meta = el("p", "comment__meta");
      meta.appendChild(el("strong", "comment__name", comment.name));
      meta.appendChild(document.createTextNode(" "));
      var time = el("time", "comment__time", comment.time);
      if (comment.iso) { time.setAttribute("datetime", comment.iso); }
      meta.appendChild(time);
      if (mine) { meta.appendChild(document.createTextNode(" ")); meta.appendChild(el("span", "comment__badge comment__badge--mine", text("mine"))); }
      if (comment.edited) { meta.appendChild(document.createTextNode(" ")); meta.appendChild(el("span", "comment__edited", text("edited"))); }
      if (options.pending) { meta.appendChild(document.createTextNode(" ")); meta.appendChild(el("span", "comment__badge", text("pending"))); }
      li.appendChild(meta);
      var body = el("p", "comment__body");
      textWithBreaks(body, comment.body);
      li.appendChild(body);
      if (!options.pending) {
        var actions = el("div", "comment__actions");
        var liked = marks.read()["l" + comment.id];
        var like = el("button", "comment__action", (liked ? text("liked") : text("like")) + " ");
        like.type = "button";
        like.setAttribute("aria-pressed", liked ? "true" : "false");
        var likes = el("span", "comment__likes", String(comment.likes || 0));
        like.appendChild(likes);
        like.addEventListener("click", function () {
          if (like.getAttribute("aria-pressed") === "true") { return; }
          post(actionUrl("like", comment.id), new FormData()).then(function (data) {
            if (typeof data.likes === "number") { likes.textContent = String(data.likes); }
            like.firstChild.textContent = text("liked") + " ";
            like.setAttribute("aria-pressed", "true");
            var seen = marks.read(); seen["l" + comment.id] = 1; marks.write(seen);
          });
        });
        actions.appendChild(like);
        if (!options.reply) {
          var reply = el("button", "comment__action", text("reply"));
          reply.type = "button";
          reply.addEventListener("click", function () { replyTo(comment); });
          actions.appendChild(reply);
        }
        var report = el("button", "comment__action comment__action--report", text("report"));
        report.type = "button";
        if (marks.read()["r" + comment.id]) { report.disabled = true; report.textContent = text("reported"); }
        report.addEventListener("click", function () {
          post(actionUrl("report", comment.id), new FormData()).then(function () {
            report.textContent = text("reported");
            report.disabled = true;
            var seen = marks.read(); seen["r" + comment.id] = 1; marks.write(seen);
          });
        });
        actions.appendChild(report);
        li.appendChild(actions);
      }
      if (comment.replies && comment.replies.length) {
        var replies = el("ol", "comments__replies");
        comment.replies.forEach(function (child) { replies.appendChild(render(child, { reply: true })); });
        li.appendChild(replies);
      }
      return li;
    }

    function replyTo(comment) {
      form.elements.parent.value = String(comment.id);
      var box = form.querySelector("[data-replying]");
      box.querySelector("[data-replying-text]").textContent = text("replying").replace("__NAME__", comment.name);
      box.querySelector("[data-cancel-reply]").hidden = false;
      box.hidden = false;
      form.elements.body.focus();
    }

    function cancelReply() {
      form.elements.parent.value = "";
      form.querySelector("[data-replying]").hidden = true;
    }

    function applyAccount(data) {
      account = data || null;
      if (!box) { return; }
      box.hidden = false;
      Array.prototype.forEach.call(box.querySelectorAll("[data-account-in]"), function (node) { node.hidden = !account; });
      Array.prototype.forEach.call(box.querySelectorAll("[data-account-out]"), function (node) { node.hidden = Boolean(account); });
      box.querySelector("[data-account-sign-out]").elements.csrfmiddlewaretoken.value = csrf;
      ["email", "consent"].forEach(function (name) {
        var field = form.elements[name];
        if (!field) { return; }
        field.disabled = Boolean(account);  // the account's address and consent stand for them
        field.closest(".comment-form__field").hidden = Boolean(account);
      });
      var phoneOk = Boolean(account && account.phone);  // the account's verified number stands for a code
      ["phone", "code"].forEach(function (name) {
        var field = form.elements[name];
        if (!field) { return; }
        field.disabled = phoneOk;
        field.closest(".comment-form__field").hidden = phoneOk;
      });
      var sendCode = form.querySelector("[data-send-code]");
      if (sendCode) { sendCode.disabled = phoneOk; sendCode.closest(".comment-form__field").hidden = phoneOk; }
      var phoneNote = form.querySelector("[data-phone-ok]");
      if (phoneNote) {
        phoneNote.hidden = !phoneOk;
        phoneNote.querySelector("[data-phone-number]").textContent = phoneOk ? account.phone : "";
      }
      form.elements.name.readOnly = Boolean(account);
      if (account) {
        form.elements.name.value = account.name;
        box.querySelector("[data-account-name]").textContent = account.name;
      }
    }

    function showPending(statuses) {
      var kept = mine.read();
      var own = {};
      ((account && account.pending) || []).forEach(function (comment) {
        own[comment.id] = true;
        list.insertBefore(render(comment, { pending: true, mine: true }), list.firstChild);
      });
      Object.keys(kept).forEach(function (id) {
        var status = statuses[id];
        if (status !== "pending" || own[id]) { delete kept[id]; return; }  // shown to everyone now, or not at all
        list.insertBefore(render(kept[id], { pending: true }), list.firstChild);
      });
      mine.write(kept);
    }

    function fill(data, append) {
      if (!append) {
        list.textContent = "";
        count.textContent = data.count ? text("count").replace("__N__", String(data.count)) : "";
      }
      data.comments.forEach(function (comment) { list.appendChild(render(comment, {})); oldest = comment.id; });
      if (!append) { showPending(data.mine || {}); }
      if (!list.children.length) { list.appendChild(el("li", "comments__empty", text("empty"))); }
      more.hidden = !data.more;
    }

    function place(thread, node) {
      var replies = thread.querySelector(".comments__replies") || thread.appendChild(el("ol", "comments__replies"));
      replies.appendChild(node);
    }

    function merge(data) {
      count.textContent = data.count ? text("count").replace("__N__", String(data.count)) : "";
      data.comments.slice().reverse().forEach(function (comment) {  // oldest first: each new one goes on top
        var existing = document.getElementById(comment.anchor);
        if (!existing || existing.classList.contains("comment--pending")) {
          var wasMine = Boolean(existing && existing.classList.contains("comment--mine"));
          if (wasMine && account) { account.own.push(comment.id); }
          if (existing) { existing.remove(); }
          list.insertBefore(render(comment, { mine: wasMine }), list.querySelector(":scope > .comment:not(.comment--pending)"));
          return;
        }
        (comment.replies || []).forEach(function (reply) {
          var node = document.getElementById(reply.anchor);
          if (node && !node.classList.contains("comment--pending")) { return; }
          var mineReply = Boolean(node && node.classList.contains("comment--mine"));
          if (node) { node.remove(); }
          place(existing, render(reply, { reply: true, mine: mineReply }));
        });
      });
      var empty = list.querySelector(".comments__empty");
      if (empty && list.children.length > 1) { empty.remove(); }
    }

    function poll() {
      if (document.hidden) { window.setTimeout(poll, pollMs); return; }
      fetch(latestUrl, { cache: "no-cache", credentials: "omit", headers: { "Accept": "application/json" } })
        .then(function (response) {
          var tag = response.headers.get("ETag");
          if (!response.ok || (tag && tag === latestTag)) { return null; }
          latestTag = tag;
          return response.json();
        })
        .then(function (data) { if (data) { merge(data); } })
        .catch(function () { /* try again at the next turn */ })
        .then(function () { window.setTimeout(poll, pollMs); });
    }

    function load(append) {
      var ids = Object.keys(mine.read()).join(",");
      var url = feedUrl + "?" + (append && oldest ? "truoc=" + oldest + "&" : "") + "cua-toi=" + encodeURIComponent(ids);
      return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
        .then(function (data) {
          csrf = data.csrf;
          form.elements.csrfmiddlewaretoken.value = csrf;
          if (!append) {
            applyAccount(data.account);
            app.hidden = false;
            section.querySelector("[data-comments-fallback]").hidden = true;
            section.querySelector("[data-comments-closed]").hidden = data.open;
            section.querySelector("[data-comments-form-box]").hidden = !data.open;
          }
          fill(data, append);
        });
    }

    function clearErrors() {
      Array.prototype.forEach.call(form.querySelectorAll("[data-error-for]"), function (node) {
        node.textContent = "";
        var field = form.elements[node.getAttribute("data-error-for")];
        if (field && field.removeAttribute) { field.removeAttribute("aria-invalid"); }
      });
    }

    function showErrors(data) {
      var first = null;
      Object.keys(data.errors || {}).forEach(function (name) {
        var node = form.querySelector('[data-error-for="' + name + '"]');
        var messages = data.errors[name].map(function (e) { return e.message; }).join(" ");
        if (node) { node.textContent = messages; }
        var field = form.elements[name];
        if (field && field.setAttribute) { field.setAttribute("aria-invalid", "true"); first = first || field; }
      });
      form.querySelector("[data-form-summary]").textContent = data.message || text("fix");
      if (first) { first.focus(); }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var status = form.querySelector("[data-form-status]");
      var summary = form.querySelector("[data-form-summary]");
      var button = event.submitter || null;
      var body = new FormData(form);
      if (button && button.name) { body.append(button.name, button.value); }
      clearErrors();
      summary.textContent = "";
      status.textContent = text("sending");
      post(form.action, body).then(function (data) {
        status.textContent = "";
        if (!data.ok) { showErrors(data); return; }
        status.textContent = data.message;
        if (!data.comment) { return; }  // a verification code was sent
        form.elements.body.value = "";
        if (form.elements.code) { form.elements.code.value = ""; }  // a code is spent by its use
        if (account && data.phone) { account.phone = data.phone; applyAccount(account); }
        var parent = data.comment.parent;
        cancelReply();
        var empty = list.querySelector(".comments__empty");
        if (empty) { empty.remove(); }
        if (account && data.status !== "pending") { account.own.push(data.comment.id); }
        var node = render(data.comment, { pending: data.status === "pending", reply: Boolean(parent), mine: Boolean(account) });
        if (data.status === "pending" && !account) {  // an account's waiting comments come with the feed
          var kept = mine.read();
          kept[data.comment.id] = data.comment;
          mine.write(kept);
        }
        var thread = parent && document.getElementById("binh-luan-" + parent);
        if (thread) {
          place(thread, node);
        } else {
          list.insertBefore(node, list.firstChild);
        }
      }).catch(function () {
        status.textContent = "";
        summary.textContent = text("offline");
      });
    });
    form.querySelector("[data-cancel-reply]").addEventListener("click", cancelReply);
    more.querySelector("button").addEventListener("click", function () { load(true); });
    load(false).then(function () {
      if (latestUrl && pollMs > 0) { window.setTimeout(poll, pollMs); }
    }).catch(function () { /* the link to the comments page stays */ });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-comments-feed]"), start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
