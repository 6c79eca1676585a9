"""``kopiena.context_processors.kopiena``: the base template Kopiena's pages extend
(``KOPIENA["BASE_TEMPLATE"]``). Without it they extend ``kopiena/base.html``; the system
check ``kopiena.E008`` says to add it when the setting names another template."""

from kopiena.conf import kopiena_setting


def kopiena(request):
    return {"kopiena_base_template": kopiena_setting("BASE_TEMPLATE")}
