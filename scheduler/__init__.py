"""APScheduler 3 set-up and jobs; they only trigger services in ``bot``."""
