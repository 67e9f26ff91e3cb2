"""letter layer."""
