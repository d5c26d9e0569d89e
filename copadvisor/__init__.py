"""copadvisor: a rule-driven lifecycle advisor and health checker for Communities of Practice."""

__version__ = "0.1.0"
