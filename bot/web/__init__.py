"""The ASGI app: console pages, health, and the Telegram webhook."""
