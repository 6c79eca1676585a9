"""The admin's import: upload → dry-run preview (every row new / changed / unchanged / error
with its messages) → confirm. The uploaded file waits in the ``private`` storage between
preview and confirm, known to the uploader's session only; confirm validates it again
(never trusts the preview) and writes all or nothing.

Wired in ``casework.wagtail_hooks`` (admin URLs and the "Import" menu item).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kopiena import conf
from kopiena.casework.exports import csv_bytes

from .reading import MAX_BYTES, ImportFileError, read_dataset
from .registry import detect_kind, get_resource, kinds, kinds_for
from .runner import run_import

SESSION_KEY = "kopiena_imports"
EXTENSIONS = (".csv", ".txt", ".xlsx")
#: Rows the preview lists besides those in error (every error row is always listed).
PREVIEW_ROWS = 200
#: Where uploaded files wait for their confirmation, in the ``private`` storage.
UPLOADS = "imports"
#: An upload not confirmed within this time is deleted at a later upload.
UPLOAD_KEPT_FOR = dt.timedelta(days=1)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"), required=False)
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8 or Windows-1257, separated by ; , or tabs) or XLSX, at most 20 MB. "
            "The first row holds the column headers."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds_for(user)
        self.fields["kind"].choices = [("", _("Tell from the column headers"))] + [
            (kind, resource.label()) for kind, resource in self.kinds.items()
        ]

    def _detect_kind(self, headers):
        """The kind of the file among those the person may import; a file of a kind they
        may not import is refused as such, not as unknown headers."""
        try:
            return detect_kind(headers, self.kinds)
        except ImportFileError:
            try:
                other = detect_kind(headers, kinds())
            except ImportFileError:
                raise
            raise ImportFileError(
                _(
                    "The file holds %(kind)s, which your role may not import. You may "
                    "import: %(allowed)s."
                )
                % {
                    "kind": get_resource(other).label(),
                    "allowed": ", ".join(str(r.label()) for r in self.kinds.values()),
                }
            ) from None

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        from .reading import registered_extensions

        if not upload.name.lower().endswith(EXTENSIONS + registered_extensions()):
            self.add_error("file", _("Only CSV and XLSX files can be imported."))
            return cleaned
        if upload.size > MAX_BYTES:
            self.add_error(
                "file",
                _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // (1024 * 1024)},
            )
            return cleaned
        data = upload.read()
        try:
            dataset = read_dataset(data, upload.name)
            kind = cleaned.get("kind") or self._detect_kind(dataset.headers or [])
            _matched, missing, _ignored = self.kinds[kind].match_headers(dataset.headers or [])
            if missing:
                raise ImportFileError(
                    _("The file lacks the required columns: %(columns)s.")
                    % {"columns": ", ".join(f"“{m}”" for m in missing)}
                )
        except ImportFileError as exc:
            self.add_error("file", str(exc))
            return cleaned
        cleaned.update(data=data, dataset=dataset, kind=kind, file_name=upload.name)
        return cleaned


def _require_import_access(request) -> dict:
    allowed = kinds_for(request.user)
    if not allowed:
        raise PermissionDenied
    return allowed


def _index_url(resource) -> str | None:
    try:
        return reverse(resource.index_url_name) if resource.index_url_name else None
    except NoReverseMatch:
        return None


class ImportView(WagtailAdminTemplateMixin, FormView):
    """GET: the upload form. POST: read and check the file, keep it, show the dry run."""

    template_name = "kopiena_casework/import/upload.html"
    form_class = ImportForm
    page_title = gettext_lazy("Import")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        _require_import_access(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("casework_import")
        context["kinds"] = kinds_for(self.request.user)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            result = run_import(
                data["kind"],
                data["dataset"],
                user=self.request.user,
                file_name=data["file_name"],
                dry_run=True,
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        if result.has_errors:
            return render_preview(self.request, result, token=None)  # nothing to keep
        token = uuid.uuid4().hex
        storage = conf.private_storage()
        forget_stale_uploads(storage)
        path = storage.save(
            f"{UPLOADS}/{token}/{get_valid_filename(data['file_name'])}", ContentFile(data["data"])
        )
        pending = self.request.session.get(SESSION_KEY, {})
        pending[token] = {"path": path, "name": data["file_name"], "kind": result.kind}
        self.request.session[SESSION_KEY] = pending
        return render_preview(self.request, result, token=token)


def import_template(request, kind):
    """A CSV to fill in: the kind's column headers and one example row, in the dialect
    Latvian Excel opens (UTF-8 with BOM, ``;``)."""
    allowed = _require_import_access(request)
    resource = allowed.get(kind)
    if resource is None:
        raise Http404
    columns = list(resource.columns().values())
    example = getattr(resource, "example_row", {}) or {}
    rows = [
        [column.column_name for column in columns],
        [example.get(key, "") for key in resource.columns()],
    ]
    response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kopiena-{kind}-template.csv"'
    return response


def forget_stale_uploads(storage, *, older_than=UPLOAD_KEPT_FOR) -> int:
    """Delete kept files whose preview was never confirmed (older than ``older_than``);
    returns how many. Run at each upload, so no separate cleanup job is needed."""
    cutoff = timezone.now() - older_than
    removed = 0
    try:
        folders, _files = storage.listdir(UPLOADS)
    except FileNotFoundError:
        return 0
    for folder in folders:
        for name in storage.listdir(f"{UPLOADS}/{folder}")[1]:
            path = f"{UPLOADS}/{folder}/{name}"
            if storage.get_modified_time(path) < cutoff:
                storage.delete(path)
                removed += 1
    return removed


def render_preview(request, result, *, token):
    resource = kinds_for(request.user)[result.kind]
    errors = [row for row in result.rows if row.status == "error" or row.warnings]
    others = [row for row in result.rows if row.status != "error" and not row.warnings]
    context = {
        "page_title": _("Import preview"),
        "header_icon": "upload",
        "result": result,
        "kind_label": resource.label(),
        "rows": errors + others[:PREVIEW_ROWS],
        "hidden_rows": max(len(others) - PREVIEW_ROWS, 0),
        "token": token,
        "upload_url": reverse("casework_import"),
        "confirm_url": reverse("casework_import_confirm"),
    }
    return TemplateResponse(request, "kopiena_casework/import/preview.html", context)


class ConfirmImportView(View):
    """POST only: import the kept file for real, after validating it again."""

    http_method_names = ["post"]

    def post(self, request):
        allowed = _require_import_access(request)
        token = request.POST.get("token", "")
        pending = request.session.get(SESSION_KEY, {})
        entry = pending.pop(token, None)
        request.session[SESSION_KEY] = pending
        if entry is None or entry["kind"] not in allowed:
            messages.error(request, _("That import has expired; upload the file again."))
            return redirect("casework_import")
        storage = conf.private_storage()
        try:
            with storage.open(entry["path"], "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            messages.error(request, _("That import has expired; upload the file again."))
            return redirect("casework_import")
        try:
            result = run_import(
                entry["kind"], data, user=request.user, file_name=entry["name"], dry_run=False
            )
        except ImportFileError as exc:
            messages.error(request, str(exc))
            return redirect("casework_import")
        finally:
            storage.delete(entry["path"])
        if not result.written:
            # Something changed since the preview: show why, offer no confirmation.
            messages.error(request, _("The file no longer imports cleanly; nothing was written."))
            return render_preview(request, result, token=None)
        records = result.records
        messages.success(
            request,
            _("Imported %(file)s: %(new)d new, %(changed)d changed, %(same)d unchanged.")
            % {
                "file": entry["name"],
                "new": records.get("new", 0),
                "changed": records.get("changed", 0),
                "same": records.get("unchanged", 0),
            },
        )
        return redirect(_index_url(allowed[entry["kind"]]) or "casework_import")
