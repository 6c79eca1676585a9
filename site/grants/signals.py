"""Keep an application's totals equal to its budget lines, whichever door the lines came
through (admin inline panel, portal form, API, import, demo): every save and delete of a
budget line calls :meth:`Application.recalculate_totals`. Connected in ``GrantsConfig.ready``.

``bulk_create`` / ``update()`` on budget lines send no signals; code that uses them calls
``recalculate_totals()`` itself.
"""

from django.db.models.signals import post_delete, post_save


def budget_line_changed(sender, instance, raw=False, origin=None, **kwargs):
    if raw:
        return  # loaddata: the fixture carries its own totals
    from .models import Application

    if _deleting_applications(origin, Application):
        # The lines go because their application goes (Django deletes them first): line by
        # line recalculation could put the requested amount below an approved one (a check
        # constraint) — and is pointless for a row about to go.
        return

    application = Application.objects.filter(pk=instance.application_id).first()
    if application is None:
        return  # the application itself is being deleted
    application.recalculate_totals()
    cached = instance._state.fields_cache.get("application")
    if cached is not None and cached is not application:
        # Keep the in-memory parent (e.g. the admin form's instance) in step.
        cached.requested_amount = application.requested_amount
        cached.own_contribution = application.own_contribution
        cached.total_cost = application.total_cost


def _deleting_applications(origin, application_model) -> bool:
    model = getattr(origin, "model", None) or type(origin)
    return isinstance(model, type) and issubclass(model, application_model)


def connect():
    from .models import BudgetLine

    post_save.connect(budget_line_changed, sender=BudgetLine, dispatch_uid="grants_budget_save")
    post_delete.connect(budget_line_changed, sender=BudgetLine, dispatch_uid="grants_budget_del")
