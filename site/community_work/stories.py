"""From case to story: a closed initiative becomes a *draft* pilot story for editors.

:func:`prepare_pilot_story` fills a ``kopiena_pages.PilotStoryPage`` from the initiative's
assessment, approaches, plan, partners, logs and evaluation, puts it under the story index
of the default locale and saves it as a draft revision; it never publishes (editors finish
the text, choose images with consent and publish through their own workflow). The admin's
"Prepare pilot story" button (``views.PrepareStoryView``) calls it; nothing else does.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from kopiena.community_work.roles import Role, has_role

from .models import Initiative, InitiativeStatus, PracticeApproach
from .permissions import is_owner

#: Audit action written when a story draft is prepared (registered in ``wagtail_hooks``).
STORY_PREPARED = "kopiena.story_prepared"


class StoryRefused(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


def may_prepare_story(initiative, user) -> bool:
    """The initiative's social worker, a social service head or a superuser."""
    if not getattr(user, "is_active", False):
        return False
    return user.is_superuser or is_owner(initiative, user) or has_role(user, Role.SERVICE_HEADS)


def prepare_pilot_story(initiative: Initiative, *, user):
    """Create the draft ``PilotStoryPage`` for a closed initiative and return it.

    Refuses (:class:`StoryRefused`, nothing written) when the initiative is not closed,
    already has a story, the user may not, or the site has no story index page.
    """
    from kopiena.pages.models import PilotStoryPage, StoryIndexPage

    if not may_prepare_story(initiative, user):
        raise StoryRefused(_("You may not prepare a pilot story from this initiative."))
    with transaction.atomic():
        locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if locked.status != InitiativeStatus.CLOSED:
            raise StoryRefused(
                _("A pilot story is prepared from a closed initiative; this one is “%(state)s”.")
                % {"state": locked.get_state_display_label()}
            )
        if locked.story_id and PilotStoryPage.objects.filter(pk=locked.story_id).exists():
            raise StoryRefused(_("A pilot story has already been prepared from this initiative."))
        index = _story_index(StoryIndexPage)
        if index is None:
            raise StoryRefused(_("The site has no story index page to put the story under."))

        page = PilotStoryPage(
            title=locked.title,
            slug=_free_slug(index, locked.title),
            live=False,
            has_unpublished_changes=True,
            owner=user,
            locale_id=index.locale_id,
            **story_fields(locked),
        )
        index.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        Initiative.objects.filter(pk=locked.pk).update(story=page)
        log(locked, STORY_PREPARED, user=user, data={"page_id": page.pk, "title": page.title})
        transaction.on_commit(lambda: notify_editors(page.pk, locked.pk, user.pk))
    initiative.refresh_from_db()
    return page


def notify_editors(page_id: int, initiative_id: int, by_id: int) -> int:
    """E-mail every active editor that a pilot story draft waits for them, with a link to
    the page editor on the site's own address; returns how many were sent."""
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils import translation

    from kopiena import conf
    from kopiena.pages.roles import Role as PageRole

    users = get_user_model().objects
    editors = users.filter(is_active=True, groups__name=PageRole.EDITORS).exclude(email="")
    by = users.filter(pk=by_id).first()
    initiative = Initiative.objects.filter(pk=initiative_id).first()
    url = conf.base_url() + reverse("wagtailadmin_pages:edit", args=[page_id])
    sent = 0
    for editor in editors.distinct():
        with translation.override(conf.default_language()):
            subject = _("Pilot story draft to finish: %(title)s") % {
                "title": initiative.title if initiative else ""
            }
            body = _(
                "%(person)s prepared a draft pilot story from the closed initiative "
                "“%(title)s”. Finish the text, choose images with consent and publish it:\n"
                "%(url)s"
            ) % {
                "person": (by.get_full_name() or by.get_username()) if by else "",
                "title": initiative.title if initiative else "",
                "url": url,
            }
        sent += send_mail(subject, body, None, [editor.email], fail_silently=True)
    return sent


def _story_index(StoryIndexPage):
    from wagtail.models import Locale

    indexes = StoryIndexPage.objects.order_by("path")
    try:
        default = Locale.get_default()
    except Locale.DoesNotExist:
        default = None
    return (default and indexes.filter(locale=default).first()) or indexes.first()


def _free_slug(parent, title) -> str:
    base = slugify(title, allow_unicode=True)[:200] or "stasts"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


# --- content --------------------------------------------------------------------------------


def _paragraphs(text) -> str:
    """Plain text as rich-text paragraphs (escaped; each line its own paragraph)."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return format_html_join("", "<p>{}</p>", ((line,) for line in lines))


def _labelled(label, text) -> str:
    if not (text or "").strip():
        return mark_safe("")
    return format_html("<p><b>{}</b></p>", label) + _paragraphs(text)


def _one(initiative, name):
    try:
        return getattr(initiative, name)
    except ObjectDoesNotExist:
        return None


def _date(value) -> str:
    return date_format(value, "d.m.Y") if value else ""


def story_fields(initiative: Initiative) -> dict:
    """The story page's field values, built from what the initiative holds."""
    assessment = _one(initiative, "assessment")
    evaluation = _one(initiative, "evaluation")
    approaches = list(initiative.approaches.all())
    tasks = list(initiative.tasks.all())
    corrections = list(initiative.plan_corrections.all())
    partners = list(initiative.partners.all())
    logs = list(initiative.logs.all())
    main = next((a for a in approaches if a.is_main), None)
    other = next((a for a in approaches if a.approach == PracticeApproach.OTHER), None)

    fields = {
        "municipality": initiative.municipality,
        "community": str(initiative.community),
        "centre": str(initiative.centre) if initiative.centre_id else "",
        "intro": initiative.goal.strip(),
        "pilot_start": logs[0].period_start if logs else None,
        "pilot_end": max(log.period_end for log in logs) if logs else None,
        "practice_approaches": [a.approach for a in approaches],
        "main_approach": main.approach if main else "",
        "other_approach": other.other_description if other else "",
        "current_situation": _paragraphs(initiative.community.description),
    }

    if assessment is not None:
        for stage in assessment.stages():
            fields[stage["key"]] = _paragraphs(stage["findings"]) + _labelled(
                _("Methods"), stage["methods"]
            )

    if approaches:
        fields["intervention"] = format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}{}</li>",
                ((str(a), _(" (main approach)") if a.is_main else "") for a in approaches),
            ),
        )

    plan = _labelled(_("Goal"), initiative.goal)
    if tasks:
        plan += format_html("<h3>{}</h3>", _("Tasks")) + format_html(
            "<ol>{}</ol>",
            format_html_join("", "<li>{}</li>", ((_task_line(task),) for task in tasks)),
        )
    if corrections:
        plan += format_html("<h3>{}</h3>", _("Corrections to the plan")) + format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {} ({})</li>",
                (
                    (_date(c.date), c.change, _("reason: %(reason)s") % {"reason": c.reason})
                    for c in corrections
                ),
            ),
        )
    fields["action_plan"] = plan

    if partners:
        fields["partners"] = format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}</li>",
                ((f"{p.name} — {p.role}" if p.role else p.name,) for p in partners),
            ),
        )

    participation = mark_safe("")
    if logs:
        activities = sum(len(log.activities.all()) for log in logs)
        participation += format_html(
            "<p>{}</p>",
            _(
                "%(logs)s weekly logs from %(start)s to %(end)s record %(activities)s "
                "activities with the community."
            )
            % {
                "logs": len(logs),
                "start": _date(fields["pilot_start"]),
                "end": _date(fields["pilot_end"]),
                "activities": activities,
            },
        )
    if evaluation is not None and evaluation.participants is not None:
        participation += format_html(
            "<p>{}</p>",
            _("Participants: %(count)s.") % {"count": evaluation.participants},
        )
    fields["community_participation"] = participation

    if evaluation is not None:
        change = (
            _labelled(_("Methods"), evaluation.methods)
            + _labelled(_("Results"), evaluation.results)
            + _labelled(_("What helped"), evaluation.helping_factors)
            + _labelled(_("What hindered"), evaluation.hindering_factors)
        )
        if evaluation.satisfaction is not None:
            change += format_html(
                "<p>{}</p>",
                _("Participants' satisfaction: %(score)s of 10.")
                % {"score": evaluation.satisfaction},
            )
        fields["change_evaluation"] = change
        fields["recommendations"] = _paragraphs(evaluation.recommendations)
    return fields


def _task_line(task) -> str:
    parts = [task.title]
    if task.responsible:
        parts.append(_("responsible: %(who)s") % {"who": task.responsible})
    if task.due_date:
        parts.append(_("due %(date)s") % {"date": _date(task.due_date)})
    if task.done:
        parts.append(_("done"))
    return " — ".join(parts)
