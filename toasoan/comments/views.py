"""The reader side of comments, under ``/binh-luan/`` (never stored by the page cache or the front:
``caching.conf.EXCLUDED_PREFIXES``; every answer is ``private, no-store``).

* ``/binh-luan/<story id>.json`` — the story's approved comments for the page's script (static/…/comments.js),
  with a CSRF token for its posts and the status of the reader's own comments (``?cua-toi=<ids>``).
* ``/binh-luan/<story id>/`` — the same as a page, with the form: for readers without JavaScript. Its POST
  takes the form from either (the script asks for JSON with ``Accept``), and redirects after a plain post.
* ``/binh-luan/<story id>/moi-nhat.json`` — the approved comments alone (what every reader gets), public, with an
  ETag that changes with them: the page of a running live story polls it, and the front keeps it
  ``LATEST_MAX_AGE`` seconds, so however many readers poll, the app answers it a few times a minute.
* ``/binh-luan/y-kien/<comment id>/thich/`` and ``…/bao-cao/`` — like and report (POST).

The story page itself stays the same for every reader; nothing personal is ever in it. A signed-in reader account
(toasoan/readers: its cookie reaches ``/binh-luan/`` only) is known here alone: the feed then tells the script
the account's name and its own comments on the story, and the form takes the account's name and address.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from toasoan.caching.middleware import OWN_LIFETIME_ATTR
from toasoan.comments import conf, phone, ratelimit, selectors, services
from toasoan.comments.forms import CommentForm
from toasoan.comments.models import Comment, Mode, Status
from toasoan.news.models import ArticlePage
from toasoan.readers import conf as reader_conf
from toasoan.readers import services as reader_services
from toasoan.readers import sessions as reader_sessions

REFUSED_STATUS = {"rate": 429, "banned": 403, "closed": 403}
LATEST_MAX_AGE = 10


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    response["Cache-Control"] = "private, no-store"
    response["X-Accel-Expires"] = "0"
    return response


def _article(pk: int) -> ArticlePage:
    if not conf.enabled():
        raise Http404
    return get_object_or_404(ArticlePage.objects.live(), pk=pk)


def _client(request: HttpRequest) -> services.Client:
    return services.Client(ip=request.META.get("REMOTE_ADDR", ""), user_agent=request.headers.get("User-Agent", ""))


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def comment_data(comment: Comment) -> dict:
    local = timezone.localtime(comment.created_at)
    return {
        "id": comment.pk,
        "anchor": comment.anchor,
        "name": comment.name,
        "body": comment.body,
        "time": local.strftime("%H:%M %d/%m/%Y"),
        "iso": local.isoformat(),
        "likes": comment.like_count,
        "edited": comment.edited_by_moderator,
        "replies": [comment_data(reply) for reply in getattr(comment, "shown_replies", [])],
    }


def _ids(value: str) -> list[int]:
    return [int(part) for part in value.split(",")[:50] if part.strip().isdigit()]


def _listing(article_id: int, before_id: int | None) -> dict:
    def build() -> dict:
        comments, more = selectors.visible(article_id=article_id, before_id=before_id)
        return {"count": selectors.approved_count(article_id=article_id),
                "comments": [comment_data(c) for c in comments], "more": more}

    return selectors.listing(article_id=article_id, before_id=before_id, build=build)


@require_safe
def comments_latest(request: HttpRequest, pk: int) -> HttpResponse:
    """The story's shown comments for every reader alike: nothing personal, no token, no cookie."""
    if not conf.enabled():
        raise Http404
    etag = f'"c{pk}-{selectors.version(article_id=pk)}"'
    if request.headers.get("If-None-Match") == etag:  # answered from the cache alone: no query
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = JsonResponse(_listing(_article(pk).pk, None), json_dumps_params={"ensure_ascii": False})
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={LATEST_MAX_AGE}"
    response["X-Accel-Expires"] = str(LATEST_MAX_AGE)
    setattr(response, OWN_LIFETIME_ATTR, True)
    return response


def _account_data(request: HttpRequest, article: ArticlePage) -> dict | None:
    """For the signed-in reader only: the account's name, its comments on the story still waiting (shown to it
    alone) and the ids of its shown ones (marked as its own)."""
    reader = reader_sessions.current(request)
    if reader is None:
        return None
    own = selectors.of_reader(reader_id=reader.pk, article_id=article.pk)
    return {
        "name": reader.display_name,
        "phone": phone.masked(reader.verified_phone()) if phone.verifier() is not None else "",
        "pending": [{**comment_data(c), "parent": c.parent_id} for c in own if c.status == Status.PENDING],
        "own": [c.pk for c in own if c.status == Status.APPROVED],
    }


@require_safe
def comments_feed(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(pk)
    before = request.GET.get("truoc", "")
    before_id = int(before) if before.isdigit() else None

    mode = selectors.mode_for(article=article)
    data = {
        "article": article.pk,
        "open": mode != Mode.CLOSED,
        "premoderated": mode == Mode.PRE,
        **_listing(article.pk, before_id),
        "csrf": get_token(request),
        "mine": {str(k): v for k, v in selectors.statuses(article_id=article.pk,
                                                          ids=_ids(request.GET.get("cua-toi", ""))).items()},
        "phone": phone.verifier() is not None,
        "account": _account_data(request, article),
    }
    return _private(JsonResponse(data, json_dumps_params={"ensure_ascii": False}))


def _page(request: HttpRequest, article: ArticlePage, form: CommentForm, *, status: int = 200,
          notice: str = "", error: str = "") -> HttpResponse:
    comments, more = selectors.visible(article_id=article.pk)
    mode = selectors.mode_for(article=article)
    reader = reader_sessions.current(request)
    own = selectors.of_reader(reader_id=reader.pk, article_id=article.pk) if reader else []
    response = TemplateResponse(request, "comments/page.html", {
        "reader": reader, "accounts": reader_conf.enabled(),
        "own_ids": {c.pk for c in own if c.status == Status.APPROVED},
        "own_pending": [c for c in own if c.status == Status.PENDING],
        "article": article, "comments": comments, "more": more, "form": form, "open": mode != Mode.CLOSED,
        "premoderated": mode == Mode.PRE, "notice": notice, "error": error,
        "count": selectors.approved_count(article_id=article.pk), "page_title": _("Bình luận: %(title)s")
        % {"title": article.title},
    }, status=status)
    return _private(response)


def _refused(request: HttpRequest, article, form: CommentForm, error: ValidationError) -> HttpResponse:
    code = getattr(error, "code", "") or ""
    status = REFUSED_STATUS.get(code, 400)
    message = " ".join(error.messages)
    if code == "consent":
        form.add_error("consent", message)
    if _wants_json(request):
        return _private(JsonResponse({"ok": False, "message": message, "errors": form.errors.get_json_data()},
                                     status=status, json_dumps_params={"ensure_ascii": False}))
    return _page(request, article, form, status=status, error=message)


def _posted_message(status: str) -> str:
    if status == Status.APPROVED:
        return _("Bình luận của bạn đã được đăng.")
    return _("Cảm ơn bạn! Bình luận đang chờ duyệt và sẽ hiện sau khi được biên tập viên duyệt.")


@require_http_methods(["GET", "HEAD", "POST"])
def comments_page(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(pk)
    if request.method != "POST":
        sent = request.GET.get("da-gui", "")
        notice = ""
        if sent.isdigit():
            status = selectors.statuses(article_id=article.pk, ids=[int(sent)]).get(int(sent))
            notice = _posted_message(status) if status else ""
        parent = request.GET.get("tra-loi", "")
        form = CommentForm(initial={"parent": int(parent)} if parent.isdigit() else None,
                           reader=reader_sessions.current(request))
        return _page(request, article, form, notice=notice)
    form = CommentForm(request.POST, reader=reader_sessions.current(request))
    if "send_code" in request.POST and form.phone_required:
        return _send_code(request, article, form)
    if not form.is_valid() or not form.check_phone_code():
        errors = [str(e) for field in form.errors.values() for e in field]
        message = _("Chưa gửi được bình luận: %(errors)s") % {"errors": " ".join(errors)}
        if _wants_json(request):
            return _private(JsonResponse({"ok": False, "message": message, "errors": form.errors.get_json_data()},
                                         status=400, json_dumps_params={"ensure_ascii": False}))
        return _page(request, article, form, status=400, error=message)
    data = form.cleaned_data
    if form.reader is not None and form.phone_required:  # the account verified its number: kept for next time
        reader_services.verify_phone(reader=form.reader, phone=form.phone_number)
    try:
        comment = services.post_comment(
            article=article, client=_client(request), name=data.get("name", ""), email=data.get("email", ""),
            body=data["body"], consent=data.get("consent", False), parent_id=data.get("parent"),
            phone=form.phone_number, phone_verified=form.phone_on, reader=form.reader,
        )
    except ValidationError as error:
        return _refused(request, article, form, error)
    if _wants_json(request):
        return _private(JsonResponse({
            "ok": True, "status": comment.status, "message": _posted_message(comment.status),
            "comment": {**comment_data(comment), "parent": comment.parent_id},
            "phone": phone.masked(form.phone_number) if form.reader is not None and form.phone_on else "",
        }, status=201, json_dumps_params={"ensure_ascii": False}))
    url = reverse("comments:page", kwargs={"pk": article.pk})
    return _private(redirect(f"{url}?da-gui={comment.pk}#gui-binh-luan"))


def _send_code(request: HttpRequest, article, form: CommentForm) -> HttpResponse:
    number = phone.normalise(request.POST.get("phone", ""))
    sent = False
    if number is None:
        message = _("Số điện thoại di động không hợp lệ (ví dụ 0912 345 678).")
    elif ratelimit.hit(key=f"pc:{_client(request).client_hash}", rate=conf.phone_code_rate()):
        message = _("Bạn đã yêu cầu nhiều mã xác thực quá. Vui lòng thử lại sau.")
    elif ratelimit.hit(key=f"p:{conf.keyed_hash('phone', number)}", rate=conf.Rate(3, 3600)):
        message = _("Đã gửi mã nhiều lần cho số này. Vui lòng thử lại sau.")
    else:
        try:
            phone.send_code(phone=number, owner=form.code_owner)
        except phone.SmsError:
            message = _("Chưa gửi được tin nhắn chứa mã xác thực. Vui lòng thử lại sau ít phút.")
        else:
            sent = True
            message = _("Đã gửi mã xác thực đến số %(phone)s.") % {"phone": number}
    form = CommentForm(initial={k: v for k, v in request.POST.items() if k in form.fields},  # kept, not judged yet
                       reader=form.reader)
    if _wants_json(request):
        return _private(JsonResponse({"ok": sent, "message": message},
                                     json_dumps_params={"ensure_ascii": False}))
    return _page(request, article, form, notice=message)


def _reader_action(request: HttpRequest, pk: int, action) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    try:
        done = action(comment)
        message = ""
    except ValidationError as error:
        done, message = False, " ".join(error.messages)
    if _wants_json(request):
        return _private(JsonResponse({"ok": done, "likes": comment.like_count, "message": message},
                                     status=200 if not message else 409, json_dumps_params={"ensure_ascii": False}))
    url = reverse("comments:page", kwargs={"pk": comment.article_id})
    return _private(redirect(f"{url}#{comment.anchor}"))


@require_POST
def like(request: HttpRequest, pk: int) -> HttpResponse:
    return _reader_action(request, pk, lambda c: services.like(comment=c, client=_client(request)))


@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    return _reader_action(request, pk, lambda c: services.report(comment=c, client=_client(request),
                                                                 reason=request.POST.get("reason", "")))
