"""Where static files are found and under which names (STORAGES in config/settings.py)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]  # whitenoise has no types
    """WhiteNoise's storage — names with a hash of the content, cached by browsers for good, gzip and Brotli
    copies — once `kttt collectstatic` has written its manifest; until then (the local demo, the tests) the files'
    own names, which WhiteNoise serves from the apps. (Choosing the storage in the settings by whether the
    manifest exists would run collectstatic itself without the manifest storage, so it would never write one.)"""

    def stored_name(self, name: str) -> str:
        if not self.hashed_files:
            return name
        return str(super().stored_name(name))
