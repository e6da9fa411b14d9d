"""The ``tolltrack`` command line."""
