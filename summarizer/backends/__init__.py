"""The network boundary: the model client with its retries, the embedded model, cassettes and test doubles.

Only the brief pipeline, batch and the CLI use this package. ``client`` is the
one module that imports ``openai`` and ``instructor``; the embedded model and
the cassettes are ``httpx`` transports under it, and ``testing`` holds doubles
(a scripted transport, a fake server) that user code can test with offline.
"""

from .client import ModelClient

__all__ = ["ModelClient"]
