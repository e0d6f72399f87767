"""govreport test suite."""
