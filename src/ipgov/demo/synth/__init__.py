"""The calibrated synthetic Henan register of `ipgov demo`: plan → records → import-format files.

Pure Python and deterministic from a seed; see docs/demo-data.md.
"""
