"""Crisis-communication bot for a city's 311 service."""

__version__ = "0.1.0"
