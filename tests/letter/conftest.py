"""Fixtures of the letter tests: the sample review on the 2021 agreement (see letter_sample.py), and the realistic
review of scripts/realistic-review.py compiled into a letter (see realistic_sample.py)."""

from letter_sample import agreement_texts, review, review_template
from realistic_sample import realistic_brief, realistic_database

__all__ = ["agreement_texts", "realistic_brief", "realistic_database", "review", "review_template"]
