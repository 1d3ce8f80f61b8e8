"""Many users at once: concurrent Streamlit sessions on the real app, loopback only.

    python benchmarks/bench_load.py                 # 20 sessions x 60 s on 10,000 events, 2 waves
    python benchmarks/bench_load.py --quick         # 5 sessions x 12 s, 1 wave: under a minute
    python benchmarks/bench_load.py --sessions 40 --seconds 30 --events 100000

``streamlit run mapapp/app.py`` is started on 127.0.0.1 with ``MAPAPP_EVENTS`` pointing at a
synthetic table (the generator of ``bench_map.py``).  Each session is a websocket client
speaking Streamlit's own protocol (the protobuf ``BackMsg``/``ForwardMsg`` the browser
sends), so 20 of them fit on a small machine where 20 browsers would not.  A session opens
the app, then for ``--seconds`` alternately moves the date-range slider (a new window each
time) and ticks a category checkbox off or on, waiting for each rerun to finish.

Reported: reruns done, distinct views seen (the "N events shown" captions: proof that the
actions really changed what is shown), median / 95th percentile / worst rerun (request sent
-> script finished), errors (an exception element, a failed run, a dropped connection, a
rerun over 60 s), and the server's resident memory after the first visitor and after each
wave, once the closed sessions have been dropped (the server runs with
``server.disconnectedSessionTTL`` 5 s).  With ``--waves 2`` or more, memory that keeps
growing wave after wave (after the caches are warm) is a leak across sessions.  Nothing
here is a unit test: the figures depend on the machine and on what else it runs.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RERUN_TIMEOUT = 60.0
SESSION_TTL = 5


@dataclass
class Widget:
    """A widget the session found in the app's deltas, with the state it sends back."""

    id: str
    kind: str
    label: str
    value: object
    low: float = 0.0
    high: float = 0.0
    step: float = 1.0


@dataclass
class SessionStats:
    reruns: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    views: set[str] = field(default_factory=set)
    """Distinct "N events shown of M" captions seen: proof that the actions changed the view."""


def server_rss_mb(pid: int) -> float:
    import psutil

    process = psutil.Process(pid)
    return (process.memory_info().rss + sum(c.memory_info().rss for c in process.children(recursive=True))) / 1e6


class Session:
    """One simulated visitor: a websocket, the widgets it has seen, and its rerun timings."""

    def __init__(self, port: int, seed: int) -> None:
        self.url = f"ws://127.0.0.1:{port}/_stcore/stream"
        self.origin = f"http://127.0.0.1:{port}"
        self.random = random.Random(seed)
        self.widgets: dict[str, Widget] = {}
        self.changed: dict[str, Widget] = {}
        self.stats = SessionStats()

    async def run(self, seconds: float) -> SessionStats:
        from websockets.asyncio.client import connect

        try:
            async with connect(self.url, subprotocols=["streamlit"], origin=self.origin, max_size=None,
                               open_timeout=30, ping_interval=None) as ws:
                await self.rerun(ws)
                deadline = time.monotonic() + seconds
                turn = 0
                while time.monotonic() < deadline and len(self.stats.errors) < 5:
                    if not self.act(turn):
                        self.stats.errors.append("no slider or category checkbox found in the app")
                        break
                    await self.rerun(ws)
                    turn += 1
        except Exception as exc:  # a dropped connection is a result to report, not a crash
            self.stats.errors.append(f"{type(exc).__name__}: {exc}")
        return self.stats

    def act(self, turn: int) -> bool:
        """Move the date slider (even turns) or toggle a category checkbox (odd turns)."""
        sliders = [w for w in self.widgets.values() if w.kind == "slider" and isinstance(w.value, list)]
        boxes = [w for w in self.widgets.values() if w.kind == "checkbox" and not w.label.lower().startswith("play")]
        if turn % 2 == 0 and sliders:
            slider = sliders[0]
            span = slider.high - slider.low
            width = span * self.random.uniform(0.05, 0.5)
            start = slider.low + self.random.uniform(0, span - width)
            slider.value = [start, start + width]
            self.changed[slider.id] = slider
            return True
        if boxes:
            box = self.random.choice(boxes)
            box.value = not box.value
            self.changed[box.id] = box
            return True
        return bool(sliders)

    def back_msg(self) -> bytes:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_script_hash = ""
        for widget in self.changed.values():
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = widget.id
            if widget.kind == "slider":
                state.double_array_value.data.extend(widget.value)
            else:
                state.bool_value = bool(widget.value)
        return msg.SerializeToString()

    async def rerun(self, ws) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        started = time.perf_counter()
        await ws.send(self.back_msg())
        while True:
            raw = await asyncio.wait_for(ws.recv(), timeout=RERUN_TIMEOUT)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "delta":
                self.read_delta(msg.delta)
            elif kind == "script_finished":
                # 0 = finished successfully, 1 = with an error, 2 = rerun requested, 3 = fragment
                status = msg.script_finished
                if status == 1:
                    self.stats.errors.append("script finished with an error")
                if status in (0, 1):
                    self.stats.reruns.append(time.perf_counter() - started)
                    return

    def read_delta(self, delta) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "markdown" and "events shown of" in element.markdown.body:
            self.stats.views.add(element.markdown.body)
        elif kind == "exception":
            self.stats.errors.append(f"exception shown: {element.exception.type}: {element.exception.message[:200]}")
        elif kind == "slider":
            proto = element.slider
            if proto.id not in self.widgets and len(proto.value or proto.default) == 2:
                self.widgets[proto.id] = Widget(proto.id, "slider", proto.label, list(proto.value or proto.default),
                                                proto.min, proto.max, proto.step)
        elif kind == "checkbox":
            proto = element.checkbox
            if proto.id not in self.widgets:
                value = proto.value if proto.set_value else proto.default
                self.widgets[proto.id] = Widget(proto.id, "checkbox", proto.label, bool(value))


async def wave(port: int, sessions: int, seconds: float, seed: int) -> list[SessionStats]:
    clients = [Session(port, seed * 1000 + i) for i in range(sessions)]
    return await asyncio.gather(*(client.run(seconds) for client in clients))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions per wave (default 20)")
    parser.add_argument("--seconds", type=float, default=60, help="how long each session acts (default 60)")
    parser.add_argument("--events", type=int, default=10_000, help="rows in the synthetic table (default 10,000)")
    parser.add_argument("--waves", type=int, default=2, help="waves of sessions, one after another (default 2)")
    parser.add_argument("--quick", action="store_true", help="5 sessions x 12 s, 1 wave: under a minute")
    args = parser.parse_args()
    if args.quick:
        args.sessions, args.seconds, args.waves = 5, 12, 1
    print(f"plan: {args.waves} wave(s) of {args.sessions} concurrent websocket sessions x {args.seconds:g} s on "
          f"{args.events:,} events, loopback only; each session moves the date slider and toggles layers")

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_map import synthetic_events
    from support.appserver import free_port, start_server, stop_server

    from mapapp.load import write_events

    with tempfile.TemporaryDirectory() as tmp:
        events_path = Path(tmp) / "events.csv"
        write_events(synthetic_events(args.events), events_path)
        port = free_port()
        # A closed session is kept 120 s by default (for a reconnect); SESSION_TTL s lets the memory
        # figures show what stays once visitors are really gone.
        server = start_server(events_path, port, ["--server.disconnectedSessionTTL", str(SESSION_TTL)],
                              Path(tmp) / "server.log")
        try:
            warm = asyncio.run(wave(port, 1, 0, seed=0))[0]
            if warm.errors:
                raise SystemExit(f"the first session failed: {warm.errors}")
            print(f"first (cold) run: {warm.reruns[0]:.2f} s")
            rss = [server_rss_mb(server.pid)]
            print(f"server memory after the first visitor: {rss[0]:.0f} MB")
            rows = []
            for number in range(1, args.waves + 1):
                started = time.monotonic()
                results = asyncio.run(wave(port, args.sessions, args.seconds, seed=number))
                took = time.monotonic() - started
                time.sleep(SESSION_TTL + 10)  # sessions closed: let the server drop them
                rss.append(server_rss_mb(server.pid))
                times = [t for r in results for t in r.reruns]
                errors = [e for r in results for e in r.errors]
                views = len({v for r in results for v in r.views})
                rows.append((number, len(times), times, errors, took, rss[-1], views))
            print(f"\n{'wave':>4} {'reruns':>7} {'median':>8} {'p95':>8} {'worst':>8} {'errors':>7} "
                  f"{'reruns/s':>9} {'views':>6} {'RSS after':>10}")
            for number, count, times, errors, took, after, views in rows:
                if times:
                    print(f"{number:>4} {count:>7} {statistics.median(times) * 1000:>6.0f}ms "
                          f"{percentile(times, 0.95) * 1000:>6.0f}ms {max(times) * 1000:>6.0f}ms {len(errors):>7} "
                          f"{count / took:>9.1f} {views:>6} {after:>8.0f}MB")
                else:
                    print(f"{number:>4} {0:>7} {'-':>8} {'-':>8} {'-':>8} {len(errors):>7} {'-':>9} {views:>6} "
                          f"{after:>8.0f}MB")
                for error in sorted(set(errors))[:5]:
                    print(f"       error: {error}")
            growth = [b - a for a, b in zip(rss, rss[1:], strict=False)]
            print("\nserver memory (MB): " + " -> ".join(f"{m:.0f}" for m in rss)
                  + "  (growth per wave: " + ", ".join(f"{g:+.0f}" for g in growth) + ")")
        finally:
            stop_server(server)


if __name__ == "__main__":
    main()
