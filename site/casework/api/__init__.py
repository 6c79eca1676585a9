"""The shared half of the case API at ``/api/cases/``: what every case type's endpoints use.

* :mod:`.errors` — the one error body ``{"detail", "errors"}``, the status codes each
  operation declares, and the exception handlers (installed on the API by
  ``config.api_cases``) that turn every refusal into that body — never a bare 500;
* :mod:`.auth` — bearer tokens (Wagtail's own ``APIToken``: stored as a digest, revocable
  in the admin and by ``DELETE /auth/token``) and the browser session with CSRF;
* :mod:`.types` — bounded input types (ids, slugs, text without NUL characters);
* :mod:`.pagination` — limit/offset pages with a count;
* :mod:`.schemas` — output shapes the case types share (municipality, person);
* :mod:`.cases` — the transitions and history endpoints every case type gets, run through
  ``casework.service`` and ``casework.audit`` and nothing else.

Where it is wired: the case-type routers live in their domain apps (``grants.api``,
``community_work.api``) and import from here; ``config.api_cases`` builds the
``NinjaAPI`` from them and ``config.urls`` mounts it. Imports point one way:
``config.api_cases`` → ``grants.api`` / ``community_work.api`` → ``casework.api``;
nothing here imports a domain app.
"""
