"""The shared half of the case API at ``/api/cases/``: what every case type's endpoints use.

* :mod:`.errors` — the one error body ``{"detail", "errors"}``, the status codes each
  operation declares, and the exception handlers (installed on the API by
  ``.site``) that turn every refusal into that body — never a bare 500;
* :mod:`.auth` — bearer tokens (Wagtail's own ``APIToken``: stored as a digest, revocable
  in the admin and by ``DELETE /auth/token``) and the browser session with CSRF;
* :mod:`.types` — bounded input types (ids, slugs, text without NUL characters);
* :mod:`.pagination` — limit/offset pages with a count;
* :mod:`.schemas` — output shapes the case types share (municipality, person);
* :mod:`.cases` — the transitions and history endpoints every case type gets, run through
  ``casework.service`` and ``casework.audit`` and nothing else.

Where it is wired: :mod:`.site` owns the ``NinjaAPI``; the case-type routers live in their
domain apps (``kopiena.grants.api``, ``kopiena.community_work.api``), import from here and
are registered with ``site.register_router`` from their app's ``ready()``; ``kopiena.urls``
mounts it. Nothing here imports a domain app.
"""
