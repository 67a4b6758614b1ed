"""Platform connectors: one package per platform, all behind :class:`base.Connector`."""
