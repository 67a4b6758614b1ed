"""``python -m bot`` is ``crisisbot``."""

from bot.cli import main

main()
