"""Applications: the form with its budget lines, the status page, withdrawal, the report
and attachments.

Saving a draft is an ordinary edit (allowed only in the editable states, under the row
lock); submitting, withdrawing and submitting the report are transitions through
``casework.service.perform_transition(..., source="portal")`` and nothing else. A refused
submit keeps the saved draft and shows the guard's field messages (the ones the admin
shows: both come from ``Application.transition_errors``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST
from django_fsm import ConcurrentTransition

from kopiena.casework import audit
from kopiena.casework.service import available_actions, check_transition, perform_transition
from kopiena.casework.workflow import GuardFailed, TransitionInput, TransitionRefused
from kopiena.grants.models import Application, ApplicationStatus, Report
from kopiena.grants.money import format_percent
from kopiena.grants.officers import contacts_of
from kopiena.grants.reports import save_report

from .. import access, services
from ..conversation import AnswerFilesForm, MessageForm
from ..files import SizeLimitUploadHandler, too_large_message
from ..forms import (
    ApplicationForm,
    AttachmentForm,
    ReportForm,
    RequiredDocumentsForm,
    WithdrawForm,
    budget_formset,
)
from ..models import APPLICATION_KINDS, REPORT_KINDS, AttachmentKind
from .common import add_validation_error, portal_login_required, refusal_items
from .conversation import submit_with_answer, timeline_messages

S = ApplicationStatus
LINES_PREFIX = "lines"

#: Where each field of the submit guard's messages is shown (the id the summary links to).
SUBMIT_ANCHORS = {
    "title": "id_title",
    "summary": "id_summary",
    "municipality": "id_municipality",
    "planned_start": "id_planned_start",
    "planned_end": "id_planned_end",
    "budget_lines": "budget-lines",
    "requested_amount": "totals",
    "call": "call-rules",
    "organisation": "organisation-facts",
    "comment": "id_submit_comment",
}
REPORT_ANCHORS = {
    "narrative": "id_narrative",
    "results": "id_results",
    "participants_reached": "id_participants_reached",
    "report_lines": "report-lines",
    "report": "report-lines",
}


@portal_login_required
def application_list(request):
    applications = access.applications(request.user).for_listing().order_by("-created_at", "-pk")
    page = Paginator(applications, 50).get_page(request.GET.get("page"))
    return render(request, "kopiena_portal/applications/list.html", {"page": page})


def _documents_form(request, call, application=None):
    """The files of the kinds the call requires, sent with the application's form."""
    attached = application.attachments.all() if application is not None and application.pk else ()
    data = request.POST if request.method == "POST" else None
    return RequiredDocumentsForm(
        data,
        request.FILES if data is not None else None,
        kinds=call.required_document_kinds or [],
        attached=attached,
        prefix="docs",
    )


def _attach_documents(application, documents, user) -> None:
    for kind, upload in documents.uploads():
        services.add_attachment(application, upload=upload, kind=kind, user=user)


def _save(form, formset, *, call=None, user=None) -> Application:
    application = form.save(commit=False)
    if call is not None:
        application.call = call
        application.created_by = user
    form.save_m2m()  # ParentalManyToManyField: kept in memory, committed by save()
    application.save()
    formset.instance = application
    formset.save()
    return application


def _try_submit(application, user, comment) -> GuardFailed | None:
    try:
        perform_transition(
            application, "submit", user, TransitionInput(comment=comment), source="portal"
        )
    except GuardFailed as refusal:
        return refusal
    return None


def _form_context(request, *, call, application, form, formset, documents, refusal=None):
    errors = []
    if refusal is not None:
        anchors = {**SUBMIT_ANCHORS, **{name: f"id_docs-{name}" for name in documents.fields}}
        errors += refusal_items(refusal.errors, anchors)
        documents.refusal = refusal.errors
    if form.is_bound:
        errors = form.error_list() + formset.error_list() + documents.error_list() + errors
    return {
        "call": call,
        "application": application,
        "organisation": application.organisation if application else None,
        "form": form,
        "formset": formset,
        "documents": documents,
        "guard": refusal.errors if refusal is not None else {},
        "refusal": refusal,
        "error_items": errors,
        "can_submit": application is None
        or any(a.name == "submit" for a in available_actions(application, request.user)),
        "show_submit_comment": application is not None
        and application.status == S.CHANGES_REQUESTED,
    }


@portal_login_required
@require_http_methods(["GET", "POST"])
def application_create(request, pk):
    """A new application to an open call: saved as a draft, or submitted at once."""
    call = access.get_open_call(pk)
    organisations = access.organisations(request.user)
    if not organisations.exists():
        messages.info(request, _("Register your organisation before you apply."))
        return redirect("portal:organisation_create")
    application = Application(call=call)
    form = ApplicationForm(request.POST or None, instance=application, organisations=organisations)
    formset = budget_formset(request.POST or None, instance=application, prefix=LINES_PREFIX)
    documents = _documents_form(request, call)
    valid = request.method == "POST" and form.is_valid() and formset.is_valid()
    if valid and documents.is_valid():
        with transaction.atomic():
            application = _save(form, formset, call=call, user=request.user)
            _attach_documents(application, documents, request.user)
            refusal = (
                _try_submit(application, request.user, "") if "submit" in request.POST else None
            )
        return _after_save(request, application, refusal)
    context = _form_context(
        request, call=call, application=None, form=form, formset=formset, documents=documents
    )
    return render(request, "kopiena_portal/applications/form.html", context)


def _after_save(request, application, refusal):
    if refusal is not None:
        messages.error(request, _("The draft is saved, but it cannot be submitted yet."))
        return redirect(reverse("portal:application_edit", args=[application.pk]) + "?check=submit")
    if application.status == S.DRAFT:
        messages.success(request, _("The draft is saved. You can come back to it any time."))
        return redirect("portal:application_edit", application.pk)
    messages.success(request, _("The application is submitted."))
    return redirect("portal:application_detail", application.pk)


@portal_login_required
@require_http_methods(["GET", "POST"])
def application_edit(request, pk):
    """Edit in the draft and changes-requested states; "Save and submit" submits."""
    application = access.get_application(request.user, pk)
    if not application.budget_editable:
        messages.info(request, _("The application cannot be changed in its present state."))
        return redirect("portal:application_detail", application.pk)
    organisations = access.organisations(request.user)
    answering = application.status == S.CHANGES_REQUESTED
    if request.method == "POST":
        form = ApplicationForm(request.POST, instance=application, organisations=organisations)
        formset = budget_formset(request.POST, instance=application, prefix=LINES_PREFIX)
        documents = _documents_form(request, application.call, application)
        answer = AnswerFilesForm(request.POST, request.FILES) if answering else None
        answer_ok = answer is None or answer.is_valid()
        if form.is_valid() and formset.is_valid() and documents.is_valid() and answer_ok:
            comment = request.POST.get("submit_comment", "")[:4000]
            try:
                with transaction.atomic():
                    locked = access.get_application(request.user, pk, lock=True)
                    if not locked.budget_editable:
                        raise ConcurrentTransition("state changed")
                    application = _save(form, formset)
                    _attach_documents(application, documents, request.user)
                    if "submit" not in request.POST:
                        refusal = None
                    elif answer is not None:
                        refusal = submit_with_answer(application, request.user, comment, answer)
                    else:
                        refusal = _try_submit(application, request.user, comment)
            except ConcurrentTransition:
                messages.error(request, _("The application changed meanwhile; nothing was saved."))
                return redirect("portal:application_detail", pk)
            return _after_save(request, application, refusal)
    else:
        form = ApplicationForm(instance=application, organisations=organisations)
        formset = budget_formset(instance=application, prefix=LINES_PREFIX)
        documents = _documents_form(request, application.call, application)
        answer = AnswerFilesForm() if answering else None
    refusal = None
    if request.method == "GET" and request.GET.get("check") == "submit":
        try:
            check_transition(application, "submit", request.user, TransitionInput())
        except GuardFailed as exc:
            refusal = exc
        except TransitionRefused:
            pass
    context = _form_context(
        request,
        call=application.call,
        application=application,
        form=form,
        formset=formset,
        documents=documents,
        refusal=refusal,
    )
    context["answer_form"] = answer
    if answer is not None and answer.is_bound:
        context["error_items"] = answer.error_list() + context["error_items"]
    return render(request, "kopiena_portal/applications/form.html", context)


def _timeline(application):
    """The applicant's view of the audit trail: when, what, the state reached and the
    comment meant for them. Staff are named as the call's administration."""
    labels = {}
    field = Application._meta.get_field("status")
    for transition in field.get_all_transitions(Application):
        labels[transition.name] = str(transition.custom.get("label", transition.name))
    member_ids = set(application.organisation.memberships.values_list("user_id", flat=True))
    rows = []
    entries = audit.entries_for(application, audience="applicant")
    carried = timeline_messages(entries)
    for entry in entries:
        data = entry.data
        by_member = entry.user_id in member_ids
        message = carried.get(data.get("message"))
        is_message = data.get("event") == "message"
        if is_message:
            action = (
                _("Message from your organisation")
                if data.get("side") == "applicant"
                else _("Message from the call's administration")
            )
        else:
            action = labels.get(data.get("action"), data.get("action_label", "")) or data.get(
                "text", ""
            )
        rows.append(
            {
                "message": message,
                "files": list(message.attachments.all()) if message else [],
                "timestamp": entry.timestamp,
                "is_message": is_message,
                "action": action,
                "to": Application.state_label(data.get("to", "")),
                "to_value": data.get("to", ""),
                "comment": data.get("text", "") if is_message else data.get("comment", ""),
                "by": _person(entry.user) if by_member and entry.user else "",
                "by_member": by_member,
                "action_name": data.get("action", ""),
            }
        )
    return rows


def _person(user) -> str:
    return user.get_full_name() or user.email or user.get_username()


def _next_step(application, timeline, report) -> dict:
    """What the organisation has to do now, with the comment that asks for it (the last
    change of state's, not a message written since)."""
    steps = [row for row in timeline if row["action_name"]]
    last = steps[-1] if steps else None
    status = application.status
    if status == S.DRAFT:
        return {"key": "complete"}
    if status == S.CHANGES_REQUESTED:
        return {"key": "answer", "comment": last["comment"] if last else ""}
    if status == S.APPROVED:
        returned = last is not None and last["action_name"] == "return_report"
        return {
            "key": "report_again" if returned else "report",
            "comment": last["comment"] if returned else "",
            "started": report is not None,
        }
    waiting = (S.SUBMITTED, S.IN_REVIEW, S.RECOMMENDED, S.REPORT_SUBMITTED)
    return {"key": "wait" if status in waiting else "none"}


def _report_of(application):
    try:
        return application.report
    except Report.DoesNotExist:
        return None


@portal_login_required
def application_detail(request, pk):
    application = access.get_application(request.user, pk)
    timeline = _timeline(application)
    report = _report_of(application)
    actions = {a.name: a for a in available_actions(application, request.user)}
    attachments = list(application.attachments.select_related("uploaded_by"))
    return render(
        request,
        "kopiena_portal/applications/detail.html",
        {
            "application": application,
            "timeline": timeline,
            "next_step": _next_step(application, timeline, report),
            "report": report,
            "actions": actions,
            "lines": application.budget_lines.all(),
            "target_groups": application.target_groups.all(),
            "application_attachments": [a for a in attachments if a.kind in APPLICATION_KINDS],
            "attachment_form": AttachmentForm() if application.budget_editable else None,
            "message_form": MessageForm() if application.conversation_open() else None,
            # The officers the call names for it: first and last name only.
            "contacts": contacts_of(application).only("first_name", "last_name"),
        },
    )


@portal_login_required
@require_http_methods(["GET", "POST"])
def application_withdraw(request, pk):
    application = access.get_application(request.user, pk)
    form = WithdrawForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            perform_transition(
                application,
                "withdraw",
                request.user,
                TransitionInput(comment=form.cleaned_data["comment"]),
                source="portal",
            )
        except TransitionRefused as exc:
            refusal = exc
        else:
            messages.success(request, _("The application is withdrawn."))
            return redirect("portal:application_detail", application.pk)
    possible = any(a.name == "withdraw" for a in available_actions(application, request.user))
    if not possible and refusal is None:
        messages.info(request, _("This application can no longer be withdrawn."))
        return redirect("portal:application_detail", application.pk)
    return render(
        request,
        "kopiena_portal/applications/withdraw.html",
        {"application": application, "form": form, "refusal": refusal},
    )


# --- report -------------------------------------------------------------------------------

REPORT_STATES = (S.APPROVED, S.REPORT_SUBMITTED, S.COMPLETED)


@portal_login_required
@require_http_methods(["GET", "POST"])
def report(request, pk):
    """The final report: a form while approved (also after a return), read-only once
    submitted or accepted."""
    application = access.get_application(request.user, pk)
    if application.status not in REPORT_STATES:
        messages.info(request, _("The report is written once the budget is approved."))
        return redirect("portal:application_detail", application.pk)
    existing = _report_of(application)
    lines = list(application.budget_lines.all())
    editable = application.status == S.APPROVED
    initial = {}
    if existing is not None:
        initial = {
            "narrative": existing.narrative,
            "results": existing.results,
            "participants_reached": existing.participants_reached,
        }
        for row in existing.lines.all():
            initial[f"actual_{row.budget_line_id}"] = row.actual_amount
            initial[f"note_{row.budget_line_id}"] = row.comment
    data = request.POST if request.method == "POST" and editable else None
    files = request.FILES if data is not None else None
    form = ReportForm(data, files, initial=initial, lines=lines)
    refusal = None
    if data is not None and form.is_valid():
        try:
            with transaction.atomic():
                save_report(
                    application,
                    request.user,
                    narrative=form.cleaned_data["narrative"],
                    results=form.cleaned_data["results"],
                    participants_reached=form.cleaned_data["participants_reached"],
                    actuals=form.actuals(),
                )
                evidence = form.cleaned_data.get("evidence")
                if evidence:
                    services.add_attachment(
                        application,
                        upload=evidence,
                        kind=AttachmentKind.REPORT_EVIDENCE,
                        user=request.user,
                    )
                if "submit" in request.POST:
                    try:
                        perform_transition(
                            application, "submit_report", request.user, source="portal"
                        )
                    except GuardFailed as exc:
                        refusal = exc
        except ValidationError as exc:
            add_validation_error(form, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            if refusal is None:
                if "submit" in request.POST:
                    messages.success(request, _("The report is submitted."))
                    return redirect("portal:application_detail", application.pk)
                messages.success(request, _("The report is saved; submit it when it is complete."))
                report_now = Report.objects.filter(application=application).first()
                for row in report_now.lines_needing_justification() if report_now else []:
                    messages.warning(
                        request,
                        _(
                            "“%(line)s” is more than %(tolerance)s over the approved amount; "
                            "explain it before you submit."
                        )
                        % {
                            "line": row.budget_line.description,
                            "tolerance": format_percent(application.call.overspend_tolerance),
                        },
                    )
                return redirect("portal:report", application.pk)
    error_items = form.error_list() if form.is_bound else []
    if refusal is not None:
        error_items += refusal_items(refusal.errors, REPORT_ANCHORS)
    attachments = [a for a in application.attachments.all() if a.kind in REPORT_KINDS]
    report_rows = existing.line_rows() if existing is not None and not editable else None
    return render(
        request,
        "kopiena_portal/applications/report.html",
        {
            "application": application,
            "report": existing,
            "report_rows": report_rows,
            "form": form,
            "editable": editable,
            "refusal": refusal,
            "guard": refusal.errors if refusal is not None else {},
            "error_items": error_items,
            "attachments": attachments,
            "attachment_form": AttachmentForm(for_report=True) if editable else None,
            "planned_total": sum((line.amount for line in lines), 0),
            "tolerance": format_percent(application.call.overspend_tolerance),
        },
    )


# --- attachments --------------------------------------------------------------------------


@csrf_exempt  # so the size limit is in place before the body is read; checked below
@portal_login_required
@require_POST
def attachment_upload(request, pk):
    """Add a file: application documents while the application is editable, report
    evidence while the report is being written. An upload over the limit stops being read
    at 10 MB."""
    limit = SizeLimitUploadHandler(request)
    request.upload_handlers.insert(0, limit)
    return _attachment_upload(request, pk, limit)


@csrf_protect
def _attachment_upload(request, pk, limit):
    application = access.get_application(request.user, pk)
    for_report = request.POST.get("for") == "report"
    allowed = application.status == S.APPROVED if for_report else application.budget_editable
    back = (
        reverse("portal:report", args=[pk])
        if for_report
        else reverse("portal:application_detail", args=[pk])
    )
    if not allowed:
        messages.error(request, _("Files cannot be added in the application's present state."))
        return redirect(back)
    form = AttachmentForm(request.POST, request.FILES, for_report=for_report)
    if limit.too_large:
        form.is_valid()
        form.errors.pop("file", None)
        form.add_error("file", too_large_message())
    elif form.is_valid():
        services.add_attachment(
            application,
            upload=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            user=request.user,
        )
        messages.success(request, _("The file is attached."))
        return redirect(back + "#attachments")
    return render(
        request,
        "kopiena_portal/applications/attachment_error.html",
        {"application": application, "form": form, "back": back, "error_items": form.error_list()},
        status=400,
    )


@portal_login_required
def attachment_download(request, pk):
    """Members of the organisation and grant staff; anyone else gets 404."""
    attachment = access.get_attachment(request.user, pk)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@portal_login_required
@require_POST
def attachment_delete(request, pk):
    attachment = access.get_own_attachment(request.user, pk)
    application = attachment.application
    for_report = attachment.kind in REPORT_KINDS
    allowed = application.status == S.APPROVED if for_report else application.budget_editable
    back = (
        reverse("portal:report", args=[application.pk])
        if for_report
        else reverse("portal:application_detail", args=[application.pk])
    )
    if allowed:
        services.delete_attachment(attachment)
        messages.success(request, _("The file is removed."))
    else:
        messages.error(request, _("Files cannot be removed in the application's present state."))
    return redirect(back + "#attachments")
