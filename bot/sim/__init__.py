"""Platform simulators speaking the X API v2 and Telegram Bot API wire formats on 127.0.0.1."""
