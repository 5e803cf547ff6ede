"""ACN-Sim (acnportal 0.3.3) on the ACN-Data sample: EDF, LLF and round robin on the Caltech ACN
at a given transformer capacity, for the side-by-side table in README "ACN-equivalent transformer".

Run it in a virtualenv outside the repository (nothing in the tests depends on it):

    python3 -m venv /tmp/acnvenv && /tmp/acnvenv/bin/pip install acnportal==0.3.3
    /tmp/acnvenv/bin/python cli/compare/acn_sim_caltech.py \
        --sessions ../shared/data/acn-data-sample/acndata_sessions_2018wk.json --transformer-kva 25 --period 15

Sessions are converted exactly as acnportal's acndata_events.get_evs does for API documents
(demand = kWhDelivered, station = spaceID, ideal Battery, 32 A x 208 V = 6.656 kW per EV), but
read from the file instead of the ACN-Data API. Prints one JSON line per algorithm.
"""
import argparse
import json
from copy import deepcopy
from datetime import timedelta
from email.utils import parsedate_to_datetime

from acnportal import acnsim, algorithms
from acnportal.acnsim.events.acndata_events import _convert_to_ev, _datetime_to_timestamp

VOLTAGE = 208
MAX_BATTERY_KW = 32 * VOLTAGE / 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", required=True)
    ap.add_argument("--transformer-kva", type=float, default=150)
    ap.add_argument("--period", type=int, default=15, help="minutes per step")
    args = ap.parse_args()

    with open(args.sessions, encoding="utf-8") as f:
        items = json.load(f)["_items"]
    docs = []
    for d in items:
        doc = dict(d)
        doc["connectionTime"] = parsedate_to_datetime(d["connectionTime"])
        doc["disconnectTime"] = parsedate_to_datetime(d["disconnectTime"])
        docs.append(doc)
    first = min(d["connectionTime"] for d in docs)
    # Start at UTC midnight before the first session, as greenslot replay does.
    start = first.replace(hour=0, minute=0, second=0, microsecond=0)
    offset = _datetime_to_timestamp(start, args.period)
    evs = [_convert_to_ev(d, offset, args.period, VOLTAGE, MAX_BATTERY_KW) for d in docs]
    events = acnsim.EventQueue([acnsim.PluginEvent(ev.arrival, ev) for ev in evs])
    network = acnsim.sites.caltech_acn(basic_evse=True, voltage=VOLTAGE, transformer_cap=args.transformer_kva)

    schedulers = {
        "edf": algorithms.SortedSchedulingAlgo(algorithms.earliest_deadline_first),
        "llf": algorithms.SortedSchedulingAlgo(algorithms.least_laxity_first),
        "rr": algorithms.RoundRobin(algorithms.first_come_first_served),
    }
    for name, scheduler in schedulers.items():
        sim = acnsim.Simulator(deepcopy(network), scheduler, deepcopy(events), start, period=args.period, verbose=False)
        sim.run()
        peak_kw = float(acnsim.aggregate_power(sim).max())
        print(json.dumps({
            "tool": "acnportal 0.3.3",
            "algorithm": name,
            "transformerKva": args.transformer_kva,
            "periodMinutes": args.period,
            "sessions": len(evs),
            "energyDeliveredPct": round(100 * acnsim.proportion_of_energy_delivered(sim), 2),
            "demandsMetPct": round(100 * acnsim.proportion_of_demands_met(sim), 2),
            "requestedKWh": round(acnsim.total_energy_requested(sim), 2),
            "deliveredKWh": round(acnsim.total_energy_delivered(sim), 2),
            "peakKw": round(peak_kw, 2),
        }))


if __name__ == "__main__":
    main()
