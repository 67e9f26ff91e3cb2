"""interchange layer."""
