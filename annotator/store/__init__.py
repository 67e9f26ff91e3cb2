"""The annotation store: SQLAlchemy models, opening and migrating the database, and the repository.

Import ``annotator.store.database`` and ``annotator.store.repository`` where needed; ``annotator.store.errors`` can be
imported (to catch StoreError) without loading SQLAlchemy.
"""
