"""ipgov — an open platform for a regional intellectual-property administration."""

__version__ = "0.1.0"
