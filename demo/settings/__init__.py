"""Settings package: ``base`` holds what every environment shares; ``dev``, ``test`` and
``production`` switch on environment variables (``DATABASE_URL``, ``REDIS_URL``,
``SECRET_KEY``, ``ALLOWED_HOSTS``)."""
