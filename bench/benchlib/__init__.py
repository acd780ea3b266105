"""The pieces of bench.py, one concern per module."""
