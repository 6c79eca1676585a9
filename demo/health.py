"""``/healthz``: the load balancer's probe.

It answers from the process alone — no database query, no cache, no session — so a probe
says whether this web process serves requests, and the benchmarks (``bench/``) use it as the
bare Django view to compare the real endpoints with.
"""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})
