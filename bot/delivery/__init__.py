"""The outbox dispatcher: sends queued rows within each platform's limits, never drops one."""
