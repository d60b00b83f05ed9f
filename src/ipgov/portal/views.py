"""The public portal's pages (anonymous visitors) and its small staff pages (editing, moderation).

Views parse input and call `ipgov.portal.services`; they never write records themselves. Public pages
read only published articles and public cube cells; staff pages need a login and the editor's scope.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ipgov.core.actor import require_actor
from ipgov.core.scope import OutOfScope, scope_of
from ipgov.indicators.opendata import per_cube_run
from ipgov.portal import cells, downloads, kept, opendata, sanitize, services, throttle
from ipgov.portal.choices import Column, CommentStatus, RequestKind
from ipgov.portal.forms import (
    ArticleForm,
    AssistanceForm,
    CommentForm,
    PolicyAttachmentForm,
    PolicyForm,
    PolicyStepForm,
    RegistrationForm,
    RejectForm,
    ReportForm,
    StatusForm,
)
from ipgov.portal.models import (
    Article,
    ArticleAttachment,
    ArticleImage,
    Comment,
    PolicyAttachment,
    PolicyDocument,
)
from ipgov.portal.services import policies, requests


def _is_editor(request) -> bool:
    try:
        services.check_editor()
    except OutOfScope:
        return False
    return True


def index(request):
    columns = [(c, services.published_articles(c.value)[:6]) for c in Column]
    return render(request, "portal/index.html", {"columns": columns})


def column(request, column):
    if column not in Column.values:
        raise Http404(_("no such column"))
    context = {"column": Column(column), "articles": services.published_articles(column)[:50]}
    if column == Column.POLICY:  # 政策法规: issued texts and open consultations beside the articles
        context["policies"] = policies.public_policies()
    return render(request, "portal/column.html", context)


def _comment_post(request, kind: str, submit, target_url: str):
    """The one comment/opinion post: rate limit, captcha, honeypot, then the service (held for moderation)."""
    form = CommentForm(request.POST)
    if not throttle.allow(kind, require_actor().remote_addr):
        messages.error(request, _("Too many comments from your address: please try again later."))
        return redirect(target_url), form
    if form.is_valid():
        if not form.cleaned_data["website"]:  # filled honeypot: a bot; store nothing, tell it nothing
            try:
                submit(nickname=form.cleaned_data["nickname"], body=form.cleaned_data["body"])
            except services.PortalError as exc:
                form.add_error(None, str(exc))
                return None, form
        messages.success(request, _("Thank you: your comment is held for moderation."))
        return redirect(target_url), form
    return None, form


def _captcha_refused() -> str:
    return _("Too many verification codes from your address: please try again in a few minutes.")


def _captcha_now(request) -> bool:
    """The visitor asked for the captcha with the page (`?captcha=1`: the link in the form, for browsers
    without script). A plain GET shows none, so it writes no captcha row (issue 19). Counted like
    `captcha_new`: over the limit the page comes without one, and says why."""
    if request.GET.get("captcha") != "1":
        return False
    if not throttle.captcha_allowed(require_actor().remote_addr):
        messages.error(request, _captcha_refused())
        return False
    return True


def _captcha_later(form, request) -> bool:
    """Takes the captcha out of an unbound form unless the visitor asked for it: the form then shows a slot
    (`portal/captcha_slot.html`) that `portal.js` fills from `captcha_new` when the visitor starts filling
    it in. A bound form (a POST with errors) keeps its captcha: that request writes anyway."""
    if form.is_bound or _captcha_now(request):
        return False
    del form.fields["captcha"]
    return True


def _form_html(form, request) -> str | None:
    """An unbound comment form's fields without the captcha, as HTML. They are the same for every visitor, so
    they are rendered once (`per_cube_run`, per host and language): Django's widget templates cost more than
    the rest of the article page. None when the form shows its captcha (a bound form, or `?captcha=1`)."""
    if not _captcha_later(form, request):
        return None
    from django.template.loader import render_to_string

    # a new name: entries of the older "portal-comment-form" (fields with a captcha) are never read back
    html = per_cube_run("portal-comment-fields", lambda: render_to_string("portal/comment_fields.html",
                                                                          {"form": form}),
                        reverse("portal:index"), get_language())
    return mark_safe(html)  # noqa: S308 -- rendered from the template, values escaped


@never_cache
def captcha_new(request):
    """A new captcha (image, hidden key, answer box, another-code button) for the form the visitor started:
    the only portal GET that writes a captcha row (with `?captcha=1`). Every public form names its field
    `captcha`. Rate-limited per address like the posts (`throttle.captcha_allowed`): over it, 429 with a
    message that `portal.js` shows in the form."""
    if not throttle.captcha_allowed(require_actor().remote_addr):
        response = HttpResponse(format_html('<p class="msg error" role="alert">{}</p>', _captcha_refused()),
                                status=429)
        response["Retry-After"] = str(throttle.retry_after())
        return response
    return render(request, "portal/captcha_fields.html", {"field": CommentForm()["captcha"]})


def policy(request, pk):
    doc = get_object_or_404(policies.public_policies(), pk=pk)
    form = CommentForm()
    url = reverse("portal:policy", args=[pk]) + "#opinions"
    if request.method == "POST":
        done, form = _comment_post(request, "opinion", lambda **kw: services.submit_opinion(doc, **kw), url)
        if done is not None:
            return done
    opinions = doc.opinions.filter(status=CommentStatus.PUBLISHED)
    is_open = doc.consultation_open()
    return render(request, "portal/policy.html", {"doc": doc, "version": doc.latest, "opinions": opinions,
                                                  "form": form,
                                                  "form_html": _form_html(form, request) if is_open else None,
                                                  "open": is_open})


def _rendered(article: Article) -> str:
    """The body with its live figures, kept until the article or the cube changes (per host and language:
    the links and labels differ)."""
    html = per_cube_run("portal-article", lambda: cells.render_references(sanitize.clean(article.body)),
                        article.pk, article.updated.isoformat(), reverse("portal:data"), get_language())
    return mark_safe(html)  # noqa: S308 -- sanitised, values escaped


def _article_content(article: Article) -> str:
    """The article as every visitor sees it (title, photos, body with live figures, attachments, tags),
    rendered once per version of the article and cube run (`per_cube_run`), per host and language; adding
    a photo or an attachment is a new version (`services.add_image`, `add_attachment` touch `updated`)."""
    from django.template.loader import render_to_string

    html = per_cube_run("portal-article-page", lambda: render_to_string("portal/article_content.html", {
        "article": article, "body": _rendered(article)}), article.pk, article.updated.isoformat(),
        reverse("portal:index"), get_language())
    return mark_safe(html)  # noqa: S308 -- rendered from the template, values escaped


def article(request, pk):
    """The article with its comments and the comment form. An anonymous visitor's plain GET is answered from
    the page kept whole (`portal.kept`: rendered once per cube run, article state, host and language)."""
    return kept.page(request, "article", {"pk": pk}, lambda token: _article_page(request, pk, token=token))


def _article_page(request, pk, token: str | None = None):
    art = get_object_or_404(services.published_articles().prefetch_related(None), pk=pk)
    form = CommentForm()
    if request.method == "POST":
        url = reverse("portal:article", args=[pk])
        done, form = _comment_post(request, "comment", lambda **kw: services.submit_comment(art, **kw), url)
        if done is not None:
            return done
    comments = list(art.comments.filter(status=CommentStatus.PUBLISHED))
    context = {"article": art, "content": _article_content(art), "comments": comments, "count": len(comments),
               "form": form, "form_html": _form_html(form, request),
               "summary": sanitize.text_of(cells.REFERENCE.sub("", art.body))[:120], **kept.token_context(token)}
    return render(request, "portal/article.html", context)


def _file(request, relative: str, article: Article | None, name: str | None = None, public: bool | None = None):
    """A stored file of a published article (or of a public policy document: `public`), or for an editor."""
    if public is None:
        public = services.published_articles().filter(pk=article.pk).exists()
    if not (public or _is_editor(request)):
        raise Http404(_("no such file"))
    path = Path(settings.IPGOV_HOME) / relative
    if not path.is_file():
        raise Http404(_("no such file"))
    response = FileResponse(path.open("rb"), as_attachment=name is not None, filename=name or path.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def image(request, pk, size):
    img = get_object_or_404(ArticleImage.objects.select_related("article"), pk=pk)
    if size not in ("full", "thumb"):
        raise Http404(_("no such file"))
    return _file(request, img.path if size == "full" else img.thumbnail, img.article)


def attachment(request, pk):
    att = get_object_or_404(ArticleAttachment.objects.select_related("article"), pk=pk)
    return _file(request, att.path, att.article, name=att.name)


def policy_attachment(request, pk):
    att = get_object_or_404(PolicyAttachment.objects.select_related("document"), pk=pk)
    public = policies.public_policies().filter(pk=att.document_id).exists()
    return _file(request, att.path, None, name=att.name, public=public)


def search_page(request):
    from ipgov.portal.search import search, terms

    query = request.GET.get("q", "")
    return render(request, "portal/search.html", {"q": query, "terms": terms(query), "hits": search(query)})


def data_catalogue(request):
    """The public indicators; kept whole for anonymous visitors (`portal.kept`, per catalogue and language)."""
    return kept.page(request, "data", {}, lambda token: render(request, "portal/data_catalogue.html", {
        "indicators": opendata.public_indicators(), **kept.token_context(token)}))


def indicator(request, indicator):
    """An indicator's open-data page: definition, region × period table, trend, map, downloads. An anonymous
    visitor's GET is answered from the page kept whole (`portal.kept`: per cube run, catalogue, latest
    release, host and language; `?kind=` and `?region=` per value when the value is one the page knows).
    Its content is rendered once per cube run (`per_cube_run`) for each kind, selected region, language,
    host and latest release — the same for every visitor, also for those who get the page rendered."""
    from ipgov.core.choices import PeriodKind

    kind, selected = request.GET.get("kind") or None, request.GET.get("region", "")
    table = downloads.table_or_404(indicator, kind)  # the scope check, every rendering; the table is kept
    bounded = kind in (None, *PeriodKind.values) and selected in ("", *(code for code, _n in table.regions))
    return kept.page(request, "indicator", {"indicator": indicator},
                     lambda token: _indicator_page(request, table, kind, selected, token), bounded=bounded)


def _indicator_page(request, table, kind, selected, token):
    from django.template.loader import render_to_string

    from ipgov.indicators import releases

    def build():
        latest = table.periods[-1] if table.periods else None
        chart = {
            "trend": {"periods": table.periods,
                      "values": [table.values.get((opendata.PROVINCE, p)) for p in table.periods]},
            "map": [{"code": code, "name": name, "value": table.values.get((code, latest))}
                    for code, name in table.regions if code != opendata.PROVINCE],
            "period": latest, "unit": table.indicator.unit,
        }
        return render_to_string("portal/indicator_content.html", {
            "indicator": table.indicator, "periods": table.periods, "table": table.rows(), "chart": chart,
            "selected": selected, "kind": kind or "", "release": downloads.latest_release(table.indicator)})

    content = per_cube_run("portal-indicator", build, table.indicator.id, kind, selected, reverse("portal:data"),
                           get_language(), (releases.release_ids() or [None])[0], kept.catalogue_state())
    return render(request, "portal/indicator.html", {"indicator": table.indicator, **kept.token_context(token),
                                                     "content": mark_safe(content)})  # noqa: S308 -- rendered


def region(request, code):
    """A city-level unit's page: the latest published figure of every public indicator; kept whole for
    anonymous visitors (`portal.kept`, per cube run, catalogue and language)."""
    names = dict(opendata.regions())
    if code not in names:
        raise Http404(_("no such region"))
    return kept.page(request, "region", {"code": code}, lambda token: _region_page(request, code, names[code], token))


def _region_page(request, code, name, token):
    rows = []
    for ind in opendata.public_indicators():
        table = opendata.table(ind.id)
        if table.periods:
            latest = table.periods[-1]
            rows.append((ind, latest, table.values.get((code, latest))))
    return render(request, "portal/region.html", {"code": code, "name": name, "rows": rows,
                                                  **kept.token_context(token)})


# ------------------------------------------------------------------ staff pages
def _editor(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not _is_editor(request):
        raise PermissionDenied(scope_of().refusal or _("editing the portal is province work"))
    return None


def staff_articles(request):
    if (refused := _editor(request)) is not None:
        return refused
    return render(request, "portal/staff_articles.html", {"articles": Article.objects.all()[:200],
                                                          "scheduled": Article.objects.scheduled()})


def staff_edit(request, pk=None):
    if (refused := _editor(request)) is not None:
        return refused
    art = get_object_or_404(Article, pk=pk) if pk else None
    initial = {}
    if art:
        initial = {"title": art.title, "column": art.column, "date": art.date, "byline": art.byline,
                   "body": art.body, "tags": ", ".join(t.name for t in art.tags.all())}
    form = ArticleForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # a refused image or attachment leaves the article as it was
                saved = services.save_article(art, title=data["title"], column=data["column"], date=data["date"],
                                              byline=data["byline"], body=data["body"],
                                              tags=data["tags"].split(","))
                if data["image"]:
                    services.add_image(saved, data["image"].name, data["image"].read(), data["caption"])
                if data["attachment"]:
                    services.add_attachment(saved, data["attachment"].name, data["attachment"].read())
            art = saved
        except services.PortalError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("portal:staff-edit", pk=art.pk)
    context = {"form": form, "article": art, "transitions": []}
    if art:
        context.update(preview=_rendered(art), warnings=cells.check_figures(art.body),
                       transitions=[(k, v[2]) for k, v in services.TRANSITIONS.items() if art.status in v[0]])
    return render(request, "portal/staff_edit.html", context)


@require_POST
def staff_move(request, pk, transition):
    if (refused := _editor(request)) is not None:
        return refused
    art = get_object_or_404(Article, pk=pk)
    try:
        services.move_article(art, transition, reason=request.POST.get("reason", ""))
    except services.PortalError as exc:
        messages.error(request, str(exc))
    return redirect("portal:staff-edit", pk=pk)


def staff_policies(request):
    if (refused := _editor(request)) is not None:
        return refused
    return render(request, "portal/staff_policies.html", {"documents": PolicyDocument.objects.all()})


def staff_policy(request, pk=None):
    if (refused := _editor(request)) is not None:
        return refused
    doc = get_object_or_404(PolicyDocument, pk=pk) if pk else None
    latest = doc.latest if doc else None
    initial = {"title": doc.title, "issuer": doc.issuer, "text": latest.text if latest else ""} if doc else {}
    form = PolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            doc = policies.save_policy(doc, **form.cleaned_data)
        except services.PortalError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("portal:staff-policy", pk=doc.pk)
    steps = [(k, v[2]) for k, v in policies.STEPS.items() if doc and doc.stage in v[0]]
    return render(request, "portal/staff_policy.html", {"doc": doc, "form": form, "steps": steps,
                                                        "step_form": PolicyStepForm(),
                                                        "attachment_form": PolicyAttachmentForm()})


@require_POST
def staff_policy_attachment(request, pk):
    """Add a file to a policy document, or take one off (`remove`: its id)."""
    if (refused := _editor(request)) is not None:
        return refused
    doc = get_object_or_404(PolicyDocument, pk=pk)
    try:
        if request.POST.get("remove"):
            att = get_object_or_404(PolicyAttachment, pk=request.POST["remove"], document=doc)
            policies.remove_attachment(att)
            messages.success(request, _("Attachment %(name)s removed.") % {"name": att.name})
        else:
            form = PolicyAttachmentForm(request.POST, request.FILES)
            if not form.is_valid():
                messages.error(request, _("Please choose a file to attach."))
                return redirect("portal:staff-policy", pk=pk)
            upload = form.cleaned_data["file"]
            att = policies.add_attachment(doc, upload.name, upload.read())
            messages.success(request, _("Attachment %(name)s added.") % {"name": att.name})
    except services.PortalError as exc:
        messages.error(request, str(exc))
    return redirect("portal:staff-policy", pk=pk)


@require_POST
def staff_policy_step(request, pk, step):
    if (refused := _editor(request)) is not None:
        return refused
    doc = get_object_or_404(PolicyDocument, pk=pk)
    form = PolicyStepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please check the dates and numbers given."))
        return redirect("portal:staff-policy", pk=pk)
    data = dict(form.cleaned_data)
    replaced = data.pop("replaced_by")
    data["replaced_by"] = PolicyDocument.objects.filter(pk=replaced).first() if replaced else None
    try:
        policies.move_policy(doc, step, **data)
    except services.PortalError as exc:
        messages.error(request, str(exc))
    return redirect("portal:staff-policy", pk=pk)


def moderation(request):
    if (refused := _editor(request)) is not None:
        return refused
    return render(request, "portal/moderation.html", {"held": services.held_comments(), "form": RejectForm()})


def moderate(request, pk, decision):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if (refused := _editor(request)) is not None:
        return refused
    comment = get_object_or_404(Comment, pk=pk)
    if decision not in ("approve", "reject"):
        raise Http404(_("no such decision"))
    try:
        services.moderate_comment(comment, approve=decision == "approve", reason=request.POST.get("reason", ""))
    except services.PortalError as exc:
        messages.error(request, str(exc))
    return redirect("portal:moderation")




# ------------------------------------------------------------------ public service forms
SERVICE_FORMS = {
    RequestKind.ASSISTANCE: (AssistanceForm, "file_assistance"),
    RequestKind.REPORT: (ReportForm, "file_report"),
    RequestKind.PREEXAM_REGISTRATION: (RegistrationForm, "register_for_preexam"),
}


def service_index(request):
    return render(request, "portal/services.html", {"kinds": RequestKind})


def service_form(request, kind):
    if kind not in SERVICE_FORMS:
        raise Http404(_("no such service"))
    form_class, function = SERVICE_FORMS[kind]
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not throttle.allow("service", require_actor().remote_addr):
            messages.error(request, _("Too many requests from your address: please try again later."))
            return redirect("portal:service", kind=kind)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("website", "captcha", "document")}
            if form.cleaned_data["website"]:
                raise PermissionDenied(_("this form was filled in by a program"))
            upload = form.cleaned_data.get("document")
            if upload:
                data["documents"] = [requests.Document(upload.name, upload.read())]
            try:
                filed = getattr(requests, function)(**data)
            except requests.RequestRefused as exc:
                form.add_error(None, str(exc))
            else:
                return render(request, "portal/filed.html", {"filed": filed})
    return render(request, "portal/service_form.html", {"form": form, "kind": RequestKind(kind),
                                                        "captcha_later": _captcha_later(form, request)})


def status(request):
    form = StatusForm(request.POST or None)
    found = None
    if request.method == "POST":
        if not throttle.allow("status", require_actor().remote_addr):
            messages.error(request, _("Too many requests from your address: please try again later."))
            return redirect("portal:status")
        if form.is_valid():
            found = requests.request_status(form.cleaned_data["number"], form.cleaned_data["phone"])
            if found is None:
                form.add_error(None, _("No filing matches this number and phone: check both and try again."))
    return render(request, "portal/status.html", {"form": form, "found": found})
