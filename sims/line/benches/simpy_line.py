"""The benchmark's 10-station line in SimPy, for comparison with `cargo bench -p
firstshift-line --bench events`. Same stations, cycle-time distributions, buffers of
5, two products in batches of 25 with changeovers, breakdowns shared by two
technicians, 1 % defects with an inspection that scraps them. Written
the usual SimPy way (a process per station, a Store per buffer, a Resource for the
technicians, failures as interrupts). Run: `python3 simpy_line.py`.
"""
import random
import time

import simpy

WEEK = 168 * 3600
CYCLES = [
    lambda r: 40.0,
    lambda r: r.triangular(35, 55, 42),
    lambda r: r.expovariate(1 / 38),
    lambda r: max(4.4, r.gauss(44, 5)),
    lambda r: r.uniform(36, 50),
    lambda r: r.triangular(30, 60, 40),
    lambda r: r.expovariate(1 / 41),
    lambda r: max(3.9, r.gauss(39, 4)),
    lambda r: r.uniform(35, 45),
    lambda r: 30.0,
]


def run(seed=1):
    rng = random.Random(seed)
    env = simpy.Environment()
    techs = simpy.Resource(env, capacity=2)
    buffers = [simpy.Store(env, capacity=5) for _ in CYCLES]
    shipped = [0]

    def source():
        n = 0
        while True:
            product = (n // 25) % 2
            yield buffers[0].put({"product": product, "bad": False})
            n += 1

    def station(i):
        last = None
        working = [False]
        proc_holder = {}

        def failures():
            mtbf = (240 + 30 * i) * 60
            while True:
                yield env.timeout(rng.expovariate(1 / mtbf))
                job = proc_holder.get("p")
                if working[0] and job is not None and job.is_alive:
                    job.interrupt()

        def work(seconds):
            left = seconds
            while left > 0:
                start = env.now
                working[0] = True
                try:
                    yield env.timeout(left)
                    left = 0
                except simpy.Interrupt:
                    left -= env.now - start
                    working[0] = False
                    with techs.request() as req:
                        yield req
                        yield env.timeout(max(60.0, rng.gauss(900, 300)))
            working[0] = False

        def body():
            nonlocal last
            while True:
                part = yield buffers[i].get()
                if i % 3 == 0 and last is not None and last != part["product"]:
                    yield env.timeout(300)
                last = part["product"]
                job = env.process(work(CYCLES[i](rng) + (5 if i == 6 else 0)))
                proc_holder["p"] = job
                yield job
                if rng.random() < 0.01:
                    part["bad"] = True
                if i == 6 and part["bad"]:
                    continue  # scrapped
                if i + 1 < len(CYCLES):
                    yield buffers[i + 1].put(part)
                else:
                    shipped[0] += 1

        env.process(body())
        env.process(failures())

    env.process(source())
    for i in range(len(CYCLES)):
        station(i)
    start = time.perf_counter()
    env.run(until=WEEK)
    elapsed = time.perf_counter() - start
    # SimPy numbers every event it schedules.
    return next(env._eid), elapsed, shipped[0]


if __name__ == "__main__":
    best = None
    for _ in range(3):
        events, seconds, shipped = run()
        if best is None or seconds < best[1]:
            best = (events, seconds, shipped)
    events, seconds, shipped = best
    print(f"SimPy {simpy.__version__}: one simulated week, {events} events, "
          f"{shipped} shipped, {seconds * 1000:.0f} ms, {events / seconds / 1e6:.3f} M events/s")
