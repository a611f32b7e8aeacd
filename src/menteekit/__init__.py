"""menteekit: a command-line mentoring journal for mentees who drive their own mentoring."""

__version__ = "0.1.0"
