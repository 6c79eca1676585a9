"""Wagtail's and Django's admin strings that their Latvian catalogues leave in English or
get wrong, listed so that ``makemessages`` puts them into the casework catalogue, which
the project's apps load before Wagtail's (``kopiena.installed_apps`` lists them first).

Nothing imports this module; it exists to be extracted. The composed messages are
rewritten so that the model's name stands in the nominative after a colon
("Saglabāts: iniciatīva “…”"), which Latvian and Russian can read whatever its gender.
Django's Latvian plural forms for durations are misordered ("13 minūte"); the project's
catalogue gives them again with its own plural rule; so are the byte counts of
``filesizeformat``.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

WAGTAIL_ADMIN = [
    gettext_noop("Inspect"),
    gettext_noop("Create"),
    gettext_noop("Filter by"),
    gettext_noop("Download XLSX"),
    gettext_noop("Download CSV"),
    gettext_noop("True"),
    gettext_noop("False"),
    gettext_noop("%(time_period)s ago"),
    gettext_noop("%(time_period)s ago by %(user_display_name)s"),
    gettext_noop("%(time)s by %(user_display_name)s"),
    gettext_noop("at %(time)s"),
    gettext_noop("at %(time)s by %(user_display_name)s"),
    gettext_noop("just now"),
    gettext_noop("%(model_name)s '%(object)s' created."),
    gettext_noop("%(model_name)s '%(object)s' updated."),
    gettext_noop("%(model_name)s '%(object)s' deleted."),
    gettext_noop("New: %(model_name)s"),
    gettext_noop("Add %(model_name)s"),
    gettext_noop("Choose %(object)s"),
    gettext_noop("Choose another %(object)s"),
    gettext_noop("Edit this %(object)s"),
    gettext_noop("Edit %(model_name)s"),
    gettext_noop("Delete %(model_name)s"),
    gettext_noop("Are you sure you want to delete this %(model_name)s?"),
    gettext_noop("The %(model_name)s could not be created due to errors."),
    gettext_noop("The %(model_name)s could not be saved due to errors."),
    gettext_noop("There are no %(model_name)s to display."),
    gettext_noop("No %(model_name)s match your query."),
    gettext_noop("%(related_model_name)s %(field_label)s"),
    gettext_noop("More options for '%(title)s'"),
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
    gettext_noop("Choose another"),
    gettext_noop("Select"),
    gettext_noop("Select all"),
    gettext_noop("Export"),
    gettext_noop("Download"),
    gettext_noop("Apply filters"),
    gettext_noop("Clear filters"),
    gettext_noop("Active filters"),
    gettext_noop("Remove filter"),
    gettext_noop("Show filters"),
    gettext_noop("Sort by"),
    gettext_noop("No results"),
    gettext_noop("There are no results."),
    gettext_noop("Any"),
    gettext_noop("Reports"),
    gettext_noop("Fields"),
    gettext_noop("Changes"),
    gettext_noop("Comments"),
    gettext_noop("Save changes"),
    gettext_noop("Creating…"),
    gettext_noop("More actions"),
    gettext_noop("Usage"),
    gettext_noop("Usage count"),
    gettext_noop("Live version"),
    gettext_noop("Earliest"),
    gettext_noop("Latest"),
    gettext_noop("(blank)"),
    gettext_noop("No, don't delete"),
    gettext_noop("Toggle sidebar"),
    gettext_noop("Snippets"),
    gettext_noop("Help"),
    gettext_noop("What's new in Wagtail"),
]

DJANGO_DURATIONS = [
    ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
]

#: ``filesizeformat``: Django's Latvian forms are misordered the same way ("329 baits",
#: "1 baitu"); given again so that 1 and 21 read "baits", 2, 5 and 329 "baiti".
DJANGO_FILE_SIZES = [
    ngettext_lazy("%(size)d byte", "%(size)d bytes", "size"),
]
