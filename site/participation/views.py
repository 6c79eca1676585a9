"""The participatory budget's pages (``/portal/participation/``, namespace ``participation``):
anyone reads the process, its ideas and results; a signed-in resident (an account whose
e-mail is confirmed is active) proposes an idea, follows one and votes. Latvian by default,
Russian and English from the portal's language switch; every page works at 390 px.

Writes go through :mod:`.services`; refusals come back as field messages, nothing written.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopiena.casework.audit import entries_for
from kopiena.pages.models.images import is_publishable
from kopiena.portal.views.common import add_validation_error, portal_login_required

from . import counting, services
from .forms import BallotForm, IdeaChangeForm, IdeaForm
from .models import Follow, Idea, IdeaStatus, Process


def _process(slug) -> Process:
    return get_object_or_404(Process.objects.published().select_related("municipality"), slug=slug)


def process_list(request):
    processes = Process.objects.published().for_listing()[:50]
    return render(request, "kopiena_participation/process_list.html", {"processes": processes})


def process_detail(request, slug):
    process = _process(slug)
    categories = list(
        process.categories.annotate(
            ideas_count=Count("ideas", filter=Q(ideas__status__in=Idea.BALLOT_STATES))
        )
    )
    themes = list(process.themes.annotate(ideas_count=Count("ideas")))
    return render(
        request,
        "kopiena_participation/process.html",
        {
            "process": process,
            "categories": categories,
            "themes": themes,
            "money": process.money_figures(),
            "phase": process.phase(),
        },
    )


def idea_list(request, slug):
    process = _process(slug)
    ideas = Idea.objects.filter(process=process).public().for_listing()
    status = request.GET.get("status", "")
    if status in IdeaStatus.values:
        ideas = ideas.filter(status=status)
    category = request.GET.get("category", "")[:40]
    if category:
        ideas = ideas.filter(category__code=category)
    own = []
    if request.user.is_authenticated:
        own = list(
            Idea.objects.filter(process=process, author=request.user)
            .filter(status__in=[IdeaStatus.SUBMITTED, IdeaStatus.RETURNED])
            .select_related("theme", "category")
        )
    return render(
        request,
        "kopiena_participation/idea_list.html",
        {
            "process": process,
            "ideas": ideas[:500],
            "own": own,
            "status": status,
            "statuses": IdeaStatus.choices,
            "category": category,
        },
    )


def _visible_idea(request, process, number) -> Idea:
    idea = (
        Idea.objects.filter(process=process, number=number)
        .select_related(
            "theme", "category", "merged_into", "author", "process", "photo__kopiena_consent"
        )
        .first()
    )
    if idea is None:
        raise Http404
    if idea.status in (IdeaStatus.SUBMITTED, IdeaStatus.RETURNED) and not (
        request.user.is_authenticated and idea.author_id == request.user.pk
    ):
        raise Http404
    return idea


def _delivery(idea) -> dict:
    """A winner's delivery photos (only those whose consent allows showing them) and the
    live, public news pages about it, newest first."""
    if idea.status not in Idea.WINNING_STATES:
        return {"photos": [], "news": []}
    from kopiena.pages.models import NewsPage

    photos = [
        photo
        for photo in idea.delivery_photos.select_related("image__kopiena_consent")
        if is_publishable(photo.image)
    ]
    news = (
        NewsPage.objects.live()
        .public()
        .filter(pk__in=idea.delivery_news.values("page_id"))
        .order_by("-date", "-pk")
    )
    return {"photos": photos, "news": list(news)}


def idea_detail(request, slug, number):
    process = _process(slug)
    idea = _visible_idea(request, process, number)
    following = request.user.is_authenticated and idea.follows.filter(user=request.user).exists()
    history = entries_for(idea, audience="applicant")
    return render(
        request,
        "kopiena_participation/idea.html",
        {
            "process": process,
            "idea": idea,
            "following": following,
            "history": history,
            "milestones": idea.milestones.all(),
            **_delivery(idea),
            "followers": idea.follows.count(),
            "show_photo": is_publishable(idea.photo) if idea.photo_id else False,
        },
    )


@require_POST
@portal_login_required
def idea_follow(request, slug, number):
    process = _process(slug)
    idea = _visible_idea(request, process, number)
    if services.toggle_follow(idea, request.user):
        messages.success(request, _("You follow this idea."))
    else:
        messages.success(request, _("You no longer follow this idea."))
    return redirect("participation:idea", slug=process.slug, number=idea.number)


@portal_login_required
def propose(request, slug):
    process = _process(slug)
    if not process.accepts_ideas():
        return render(
            request,
            "kopiena_participation/closed.html",
            {
                "process": process,
                "message": _("This participatory budget does not accept ideas now."),
            },
            status=409,
        )
    form = IdeaForm(request.POST or None, request.FILES or None, process=process)
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.submit_idea(process, form.cleaned_data, author=request.user)
        except ValidationError as exc:
            add_validation_error(form, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(
                request,
                _("Thank you. Your idea %(ref)s was sent; the municipality will check it.")
                % {"ref": idea.case_reference()},
            )
            return redirect("participation:idea", slug=process.slug, number=idea.number)
    return render(
        request,
        "kopiena_participation/propose.html",
        {"process": process, "form": form, "categories": process.categories.all()},
    )


@portal_login_required
def idea_change(request, slug, number):
    """The author changes an idea the municipality returned for a change, and sends it
    again (another person's idea, or one not returned, is not found)."""
    process = _process(slug)
    idea = _visible_idea(request, process, number)
    if idea.author_id != request.user.pk or idea.status != IdeaStatus.RETURNED:
        raise Http404
    initial = {name: getattr(idea, name) for name in services.EDITABLE_FIELDS}
    form = IdeaChangeForm(request.POST or None, initial=initial, process=process)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_returned_idea(idea, data, request.user, note=data["note"])
        except ValidationError as exc:
            add_validation_error(form, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(
                request,
                _("Your changed idea %(ref)s was sent again; the municipality will check it.")
                % {"ref": idea.case_reference()},
            )
            return redirect("participation:idea", slug=process.slug, number=idea.number)
    request_for_change = (
        [
            e
            for e in entries_for(idea, audience="applicant")
            if e.data.get("action") == "return_to_author"
        ]
        or [None]
    )[-1]
    return render(
        request,
        "kopiena_participation/idea_change.html",
        {"process": process, "idea": idea, "form": form, "request_for_change": request_for_change},
    )


@portal_login_required
def following(request):
    """The ideas the signed-in resident follows, in every budget, with their status."""
    follows = (
        Follow.objects.filter(user=request.user)
        .select_related("idea__process", "idea__category", "idea__theme")
        .order_by("-idea__process__year", "idea__process__title", "idea__number")
    )
    rows = [f for f in follows[:500] if f.idea.process.published]
    return render(request, "kopiena_participation/following.html", {"follows": rows})


def _ballot_context(process, form, ballot, category_errors):
    ideas = list(Idea.objects.filter(process=process).on_ballot().select_related("theme"))
    chosen = set()
    if form.is_bound:
        chosen = {str(v) for v in form.data.getlist("ideas")}
    elif ballot is not None:
        chosen = {str(c.idea_id) for c in ballot.choices.all()}
    categories = []
    for category in process.categories.all():
        in_category = [i for i in ideas if i.category_id == category.pk]
        categories.append(
            {
                "category": category,
                "ideas": in_category,
                "errors": category_errors.get(f"category_{category.code}", []),
            }
        )
    return {
        "process": process,
        "form": form,
        "categories": categories,
        "chosen": chosen,
        "ballot": ballot,
    }


@portal_login_required
def vote(request, slug):
    process = _process(slug)
    if not process.voting_is_open():
        return render(
            request,
            "kopiena_participation/closed.html",
            {
                "process": process,
                "message": _("Voting is open from %(start)s to %(end)s.")
                % {
                    "start": process.voting_open.strftime("%d.%m.%Y"),
                    "end": process.voting_close.strftime("%d.%m.%Y"),
                },
            },
            status=409,
        )
    ballot = services.ballot_of(process, request.user)
    form = BallotForm(request.POST or None, process=process, first_ballot=ballot is None)
    category_errors: dict[str, list[str]] = {}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.cast_ballot(
                process,
                request.user,
                [i.pk for i in data["ideas"]],
                services.Eligibility(
                    birth_year=data["birth_year"],
                    resident=data["resident"],
                    person_code=data["person_code"],
                    verification_code=data["verification_code"],
                ),
                address=request.META.get("REMOTE_ADDR", ""),
            )
        except ValidationError as exc:
            refusal = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            for name, errors in refusal.items():
                for message in errors:
                    if name.startswith("category_"):
                        category_errors.setdefault(name, []).append(message)
                        form.add_error(None, message)
                    else:
                        form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(
                request,
                _("Your ballot is saved. You can change it until voting closes on %(end)s.")
                % {"end": process.voting_close.strftime("%d.%m.%Y")},
            )
            return redirect("participation:vote", slug=process.slug)
    context = _ballot_context(process, form, ballot, category_errors)
    return render(request, "kopiena_participation/vote.html", context)


def results(request, slug):
    process = _process(slug)
    if not process.results_public():
        return render(
            request,
            "kopiena_participation/closed.html",
            {
                "process": process,
                "message": _("The results are published on %(date)s.")
                % {"date": process.results_on.strftime("%d.%m.%Y")},
            },
            status=404,
        )
    counted = counting.count_process(process)
    ideas = {
        i.number: i
        for i in Idea.objects.filter(process=process)
        .on_ballot()
        .only("number", "title", "status", "process_id", "delivery_percent")
    }
    categories = {c.code: c for c in process.categories.all()}
    rows = []
    for result in counted:
        won = set(result.winner_numbers)
        rows.append(
            {
                "category": categories[result.code],
                "result": result,
                "projects": [
                    {"project": p, "idea": ideas.get(p.number), "won": p.number in won}
                    for p in result.ranked
                ],
            }
        )
    ballots = process.ballots.count()
    return render(
        request,
        "kopiena_participation/results.html",
        {
            "process": process,
            "rows": rows,
            "ballots": ballots,
            "total": sum((r.spent for r in counted), process.reserve * 0),
            "money": process.money_figures(),
        },
    )


class _Echo:
    def write(self, value):
        return value


def ballots_csv(request, slug):
    """The anonymised ballots, streamed: anyone may recount with
    ``manage.py recount_participation``."""
    import csv

    process = _process(slug)
    if not process.results_public():
        raise Http404
    writer = csv.writer(_Echo(), lineterminator="\n")
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in counting.ballot_rows(process)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{process.slug}-ballots.csv"'
    return response
