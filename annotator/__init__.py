"""annotator: review a coalition agreement against human rights and draft the response letter."""

__version__ = "0.1.0"
