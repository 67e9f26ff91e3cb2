"""Fixtures of the letter tests: the sample review on the 2021 agreement (see letter_sample.py)."""

from letter_sample import agreement_texts, review, review_template

__all__ = ["agreement_texts", "review", "review_template"]
