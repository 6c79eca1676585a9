"""POST data of the portal's application form, as the browser sends it."""

import datetime as dt

from django.utils import timezone


def line(
    description="Koordinatora darbs",
    *,
    category="staff",
    quantity="10",
    unit_cost="500",
    requested="4500",
    own="500",
    pk="",
):
    return {
        "id": pk,
        "category": category,
        "description": description,
        "quantity": quantity,
        "unit": "h",
        "unit_cost": unit_cost,
        "requested": requested,
        "own": own,
    }


def application_data(*, organisation=None, municipality, lines=(), initial=0, **fields):
    start = timezone.localdate() + dt.timedelta(days=30)
    data = {
        "title": "Kopienas dārzs",
        "summary": "Kopā ierīkojam dārzu.",
        "municipality": str(municipality.pk),
        "community": "Apkaimes seniori",
        "planned_start": start.isoformat(),
        "planned_end": (start + dt.timedelta(days=150)).isoformat(),
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": str(initial),
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "60",
    }
    if organisation is not None:
        data["organisation"] = str(organisation.pk)
    for index, values in enumerate(lines):
        for name, value in values.items():
            data[f"lines-{index}-{name}"] = value
    data.update(fields)
    return data


def existing_lines(application):
    return [
        line(
            item.description,
            category=item.category,
            quantity=str(item.quantity),
            unit_cost=str(item.unit_cost),
            requested=str(item.requested),
            own=str(item.own),
            pk=str(item.pk),
        )
        for item in application.budget_lines.all()
    ]
