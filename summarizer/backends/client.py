"""Call-model stage: the network boundary, and the only module that imports openai or instructor.

One code path for every backend: an ``openai`` client on an injectable httpx
transport (the embedded model, a real server, the cassette player, or a test
double), wrapped by instructor for validated output.

- Transient failures (429, 5xx, timeouts, dropped connections) are retried
  with tenacity: bounded, exponential backoff with jitter, Retry-After honoured.
- Output that fails validation is re-asked by instructor with the error fed
  back, a bounded number of times.
- Token usage is counted on the wire, so every request (retries and re-asks
  included) is summed.
"""

from __future__ import annotations

import contextvars
import functools
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext

import httpx
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.processing.function_calls import openai_schema
from pydantic import BaseModel, ValidationError
from tenacity import Retrying, retry_if_exception, retry_if_exception_type, stop_after_attempt, wait_random_exponential

from .cassettes import CassetteTransport
from .deadline import DeadlineTransport, budget_end
from ..config import Settings
from ..errors import Interrupted, ModelError, ModelUnavailable, SchemaFailure, SummarizerError
from ..brief.types import Usage

_MODES = {
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}
log = logging.getLogger("summarizer")
_usage: contextvars.ContextVar[Usage | None] = contextvars.ContextVar("summarizer_usage", default=None)


class UsageMeter(httpx.BaseTransport):
    """Counts every request and the tokens each response reports into the current call's Usage."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if response.status_code == 200:
            response = _checked_completion(response, request)
        usage = _usage.get()
        if usage is not None:
            prompt = completion = 0
            if response.status_code == 200:
                try:
                    reported = json.loads(response.content).get("usage") or {}
                    prompt, completion = int(reported.get("prompt_tokens") or 0), int(reported.get("completion_tokens") or 0)
                except (ValueError, AttributeError):
                    pass
            usage.add(prompt, completion)
        return response

    def close(self) -> None:
        self.inner.close()


def _checked_completion(response: httpx.Response, request: httpx.Request) -> httpx.Response:
    """A 200 whose body is not a chat completion (invalid JSON, an HTML proxy page, no choices)
    becomes a 502, so it is retried like any server fault and then reported as a model error."""
    response.read()
    problem = None
    try:
        body = json.loads(response.content)
    except ValueError:
        snippet = response.content[:40].decode("utf-8", "replace").strip()
        problem = "an HTML page" if snippet.lower().startswith(("<!doctype", "<html")) else "invalid JSON"
    else:
        if not isinstance(body, dict) or not body.get("choices"):
            problem = "no choices"
    if problem is None:
        return response
    message = f"the server answered HTTP 200 with {problem}, not a chat completion"
    return httpx.Response(502, json={"error": {"message": message}}, request=request)


class LazyTransport(httpx.BaseTransport):
    """Builds the backend on the first request, so runs that need no model never load one."""

    def __init__(self, factory: Callable[[], httpx.BaseTransport]) -> None:
        self._factory = factory
        self._inner: httpx.BaseTransport | None = None
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._inner is None:
            with self._lock:
                if self._inner is None:
                    self._inner = self._factory()
        return self._inner.handle_request(request)

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()


def _is_transient(exc: BaseException) -> bool:
    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return not isinstance(exc.__cause__, SummarizerError)
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409, 429) or exc.status_code >= 500
    return False


def _retry_after(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    if response is None:
        return None
    value = response.headers.get("retry-after-ms")
    if value:
        try:
            return float(value) / 1000
        except ValueError:
            pass
    value = response.headers.get("retry-after")
    if value:
        try:
            return float(value)
        except ValueError:
            from email.utils import parsedate_to_datetime

            try:
                return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
            except (TypeError, ValueError):
                return None
    return None


class ModelClient:
    """Asks a model for a pydantic object, with retries, re-asks and usage counting.

    ``transport`` replaces the backend (tests pass a fake; None builds the
    embedded model or a real HTTP transport from ``settings``). ``sleep`` is
    what backoff waits with (by default a wait that :meth:`cancel` cuts short).

    Every request to a server gets at most ``settings.timeout`` seconds, its
    whole answer included; one extraction (all its attempts and waits) gets
    ``timeout x (transport_retries + 1)``.
    """

    def __init__(
        self,
        settings: Settings,
        transport: httpx.BaseTransport | None = None,
        *,
        sleep: Callable[[float], None] | None = None,
        backoff_max: float = 30.0,
    ) -> None:
        self.settings = settings
        self._cancelled = threading.Event()
        self._sleep = sleep or self._cancelled.wait
        self._backoff_max = backoff_max
        base: Callable[[], httpx.BaseTransport] = ((lambda: transport) if transport is not None
                                                   else (lambda: _backend_transport(settings, self._cancelled)))
        # the embedded model generates in this process: it is not abandoned but stops itself within a token
        # (it is handed the cancel event); a server's request is abandoned by the deadline transport
        factory = base if settings.is_local else (lambda: DeadlineTransport(base(), settings.timeout, self._cancelled))
        if settings.cassette_mode != "off":
            assert settings.cassette_dir is not None
            self.cassettes: CassetteTransport | None = CassetteTransport(settings.cassette_dir, settings.cassette_mode, factory)
            inner: httpx.BaseTransport = self.cassettes
        else:
            self.cassettes = None
            inner = LazyTransport(factory)
        # on a server the deadline transport ends the request at --timeout; httpx's own timeouts sit just past
        # it, so the user reads the deadline's message ("no complete answer within N s"), not a bare "timed out"
        http_timeout = settings.timeout if settings.is_local else settings.timeout + 5
        self._http = httpx.Client(transport=UsageMeter(inner), timeout=http_timeout)
        from .local import LOCAL_BASE_URL

        url = httpx.URL(settings.base_url or LOCAL_BASE_URL)
        self._openai = openai.OpenAI(
            # a query in the base URL (?api-version=, ?api-key=) goes on every request, not into the path
            base_url=url.copy_with(query=None),
            default_query=dict(url.params) or None,
            api_key=settings.api_key or "not-needed",
            http_client=self._http,
            max_retries=0,  # tenacity below does the retrying, once, for every backend
        )
        mode = _MODES[settings.resolved_mode()]
        # not from_openai: it refuses json_schema for api.openai.com, which takes response_format json_schema
        # (structured outputs) and whose Batch API lines must carry the schema that way
        self._client = instructor.Instructor(client=self._openai, mode=mode,
                                             create=instructor.patch(create=self._openai.chat.completions.create, mode=mode))

    def extract(self, messages: list[dict[str, str]], response_model: type[BaseModel]) -> tuple[BaseModel, Usage]:
        """One validated object of ``response_model`` and the usage it cost."""
        s = self.settings
        if self._cancelled.is_set():
            raise Interrupted("interrupted: no new request is sent")
        usage = Usage()
        token = _usage.set(usage)
        budget = budget_end.set(time.monotonic() + self.budget())
        # exchanges are kept only if this extraction validates: a bad answer is asked again next run
        keep = self.cassettes.held() if self.cassettes is not None else nullcontext()
        try:
            with keep:
                result = self._extract(messages, response_model)
            return result, usage
        except IncompleteOutputException:
            raise SchemaFailure(f"the model's answer was cut off at max_tokens={s.max_tokens} before the JSON was complete") from None
        except InstructorRetryException as exc:
            raise SchemaFailure(
                f"the model's output did not match the schema after {exc.n_attempts} attempts: {schema_problem(exc)}"
            ) from None
        except openai.APIConnectionError as exc:
            if isinstance(exc.__cause__, SummarizerError):
                raise exc.__cause__ from None
            raise ModelUnavailable(s.redact(f"cannot reach the model at {s.backend}: {exc.__cause__ or exc}")) from None
        except openai.APIStatusError as exc:
            cls = ModelUnavailable if _is_transient(exc) or exc.status_code in (401, 403, 404) else ModelError
            # servers echo a wrong key back ("Incorrect API key provided: sk-..."): never show it
            raise cls(s.redact(f"{s.backend} answered HTTP {exc.status_code}: {_short(exc)}")) from None
        finally:
            _usage.reset(token)
            budget_end.reset(budget)

    def budget(self) -> float:
        """Seconds one extraction may take, all attempts and waits included."""
        return self.settings.timeout * (self.settings.transport_retries + 1)

    def cancel(self) -> None:
        """Stop: no new request is sent, waits end now, requests in flight to a server are abandoned and the
        embedded model stops generating within a token."""
        self._cancelled.set()

    def _extract(self, messages: list[dict[str, str]], response_model: type[BaseModel]) -> BaseModel:
        """The request with its transport retries (tenacity) and schema re-asks (instructor)."""
        s = self.settings
        for attempt in Retrying(
            retry=retry_if_exception(_is_transient),
            stop=stop_after_attempt(s.transport_retries + 1) | self._out_of_time,
            wait=self._wait,
            sleep=self._pause,
            before_sleep=self._log_retry,
            reraise=True,
        ):
            with attempt, _sdk_errors_unwrapped():
                result = self._client.chat.completions.create(
                    model=s.model,
                    messages=messages,
                    response_model=_wrapped(response_model),
                    max_retries=Retrying(
                        stop=stop_after_attempt(s.schema_retries + 1),
                        retry=retry_if_exception_type((ValidationError, json.JSONDecodeError, instructor.core.exceptions.ValidationError)),
                    ),
                    temperature=s.temperature,
                    max_tokens=s.max_tokens,
                    seed=s.seed,
                )
        return result

    def _wait(self, state) -> float:
        """Retry-After when the server gave one (failing at once if it is past the budget), else jittered backoff."""
        exc = state.outcome.exception() if state.outcome else None
        after = _retry_after(exc) if exc else None
        left = max(0.0, (budget_end.get() or float("inf")) - time.monotonic())
        if after is not None:
            if after > left:
                raise ModelUnavailable(
                    f"{self.settings.backend} asked to retry after {after:.0f} s, more than the {left:.0f} s left of this "
                    f"request's time budget (--timeout {self.settings.timeout:g} s x {self.settings.transport_retries + 1} "
                    "attempts); try again later or raise --timeout") from exc
            return after
        return min(left, wait_random_exponential(multiplier=0.5, max=self._backoff_max)(state))

    def _pause(self, seconds: float) -> None:
        """The wait between attempts; ends at once with :class:`Interrupted` when the client is cancelled."""
        if self._cancelled.is_set():
            raise Interrupted("interrupted: no new request is sent")
        self._sleep(seconds)
        if self._cancelled.is_set():
            raise Interrupted("interrupted: no new request is sent")

    @staticmethod
    def _out_of_time(state) -> bool:
        """Stop retrying once the extraction's budget is spent."""
        end = budget_end.get()
        return end is not None and time.monotonic() >= end

    def _log_retry(self, state) -> None:
        """One WARNING line per retry, so a refused connection is not waited on in silence."""
        exc = state.outcome.exception() if state.outcome else None
        problem = exc.__cause__ or exc if isinstance(exc, openai.APIConnectionError) else exc
        wait = state.next_action.sleep if state.next_action else 0.0
        log.warning("model at %s: %s; retry %d of %d in %.1f s", self.settings.backend, _short(problem or "error"),
                    state.attempt_number, self.settings.transport_retries, wait)

    def close(self) -> None:
        """Release the HTTP client and backend."""
        self._http.close()

    def __enter__(self) -> "ModelClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@contextmanager
def _sdk_errors_unwrapped() -> Iterator[None]:
    """Let an openai error out as itself, the way instructor 1.12 and 1.13 do.

    instructor 1.17 wraps every exception of a request (a refused connection,
    a 429) in InstructorRetryException; unwrapped, tenacity retries it and
    :meth:`ModelClient.extract` reports it as unavailable, not as a schema failure.
    """
    try:
        yield
    except InstructorRetryException as exc:
        if isinstance(exc.__cause__, openai.APIError):
            raise exc.__cause__  # its own cause (e.g. a CassetteMiss in the transport) stays attached
        raise


@functools.lru_cache(maxsize=256)
def _wrapped(response_model: type[BaseModel]) -> type[BaseModel]:
    """instructor's OpenAISchema wrapper, made once per class instead of once per request."""
    return openai_schema(response_model)


def schema_problem(exc: BaseException) -> str:
    """One line on why the last attempt failed, instead of instructor's ``<failed_attempts>`` dump."""
    attempts = getattr(exc, "failed_attempts", None) or []
    last = attempts[-1].exception if attempts else (exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc)
    if isinstance(last, ValidationError):
        errors = last.errors()
        first = errors[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "the answer"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return f"{where}: {first.get('msg', 'invalid')}{more}"
    if isinstance(last, json.JSONDecodeError):
        return f"not JSON ({last.msg} at character {last.pos})"
    text = " ".join(str(last).split())
    if "<failed_attempts>" in text:  # an exception instructor rendered itself: keep its last line
        text = text.rsplit("<last_exception>", 1)[-1].replace("</last_exception>", "").strip()
    return text[:200] + ("..." if len(text) > 200 else "")


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] + ("..." if len(text) > 300 else "")


def _backend_transport(settings: Settings, cancel: threading.Event) -> httpx.BaseTransport:
    if settings.is_local:
        from .local import local_transport

        return local_transport(model_name=settings.model, n_ctx=settings.n_ctx, seed=settings.seed, cancel=cancel)
    return httpx.HTTPTransport(retries=0)
