#!/usr/bin/python3
"""bench/charts.py: draws the benchmark charts (PNG) from the measurements the benchmarks save.

  bench/results.json                     bench/run: per-round samples and callgrind counts
  bench/results-growth.json              bench/run growth: generator/compile time, :many memory
  bench/serverless/results-lambda.json   bench/run lambda: every invocation
  bench/http/results-http.json           bench/run http: every wrk run

Each chart is drawn only when its input exists; bench/RESULTS.md embeds the ones in
bench/charts/. Needs Debian's python3-matplotlib (scripts/setup --bench).

  /usr/bin/python3 bench/charts.py [--out-dir bench/charts] [--results bench/results.json] ...
"""
import argparse
import json
import os
import statistics
import sys

plt = None  # matplotlib.pyplot, imported by main(): bench.py imports CHARTS without matplotlib

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = "libpq_binary"
CLIENTS = ["soong", "libpq_binary", "libpq_text", "libpqxx", "psycopg", "psycopg2"]
W_KEYS = [("W1", ["w1_tcp", "w1_unix"]), ("W2", ["w2_vector", "w2_stream"]),
          ("W3", ["w3_exec", "w3_batch", "w3_copy"]),
          ("W4", ["w4_server_json", "w4_client_json", "w4_direct_json"])]

# The order and file names RESULTS.md embeds them in, with their captions.
CHARTS = [
    ("ratios.png", "Client CPU per item ÷ hand-written binary libpq (medians; log scale), and "
     "callgrind instructions soong ÷ raw libpq"),
    ("latency.png", "Wall time per query / row in every round, per client (W1..W4)"),
    ("growth_rows.png", ":many memory and CPU against rows: vector, row callback (single-row "
     "mode), cursor"),
    ("growth_generator.png", "Generator and compile time against the number of queries, with "
     "the fitted lines"),
    ("lambda.png", "Lambda-shaped invocations: first-byte latency of every cold and warm "
     "invocation"),
    ("http.png", "HTTP service under wrk: requests/s and p50 / p99 latency"),
]


def load(path):
    if path and os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    return None


def median_cpu(samples, key, client):
    runs = samples.get("%s|%s" % (key, client))
    return statistics.median(r["cpu_s"] for r in runs) if runs else None


def ratios_chart(results, path):
    samples, callgrind = results["samples"], results.get("callgrind", {})
    keys = [k for _, ks in W_KEYS for k in ks]
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 8), gridspec_kw={"height_ratios": [3, 2]})
    width = 0.8 / len(CLIENTS)
    for i, client in enumerate(CLIENTS):
        values = []
        for key in keys:
            mine, ref = median_cpu(samples, key, client), median_cpu(samples, key, REFERENCE)
            values.append(mine / ref if mine and ref else 0)
        top.bar([x + i * width for x in range(len(keys))], values, width, label=client)
    top.axhline(1, color="black", linewidth=0.8)
    top.set_yscale("log")
    top.set_xticks([x + 0.4 - width / 2 for x in range(len(keys))])
    top.set_xticklabels(keys, rotation=20)
    top.set_ylabel("client CPU ÷ raw binary libpq")
    top.legend(ncol=3, fontsize=8)
    top.set_title("Client CPU per item, relative to hand-written binary libpq (median)")
    cg_keys = [k for k in ("w1_tcp", "w2_vector", "w2_stream", "w4_client_json",
                           "w4_direct_json") if callgrind.get("%s|soong" % k)]
    cg = [callgrind["%s|soong" % k] / callgrind["%s|%s" % (k, REFERENCE)] for k in cg_keys]
    bars = bottom.bar(cg_keys, cg, color="tab:blue")
    for bar, value in zip(bars, cg):
        bottom.text(bar.get_x() + bar.get_width() / 2, value, "%.3f×" % value, ha="center",
                    va="bottom", fontsize=8)
    bottom.axhline(1, color="black", linewidth=0.8)
    bottom.set_ylabel("instructions, soong ÷ raw")
    bottom.set_title("callgrind instructions per query / row, soong ÷ raw binary libpq")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def latency_chart(results, path):
    samples = results["samples"]
    fig, axes = plt.subplots(2, 2, figsize=(12, 8))
    for ax, (workload, keys) in zip(axes.flat, W_KEYS):
        data, labels = [], []
        for key in keys:
            for client in CLIENTS:
                runs = samples.get("%s|%s" % (key, client))
                if not runs:
                    continue
                data.append([r["wall_s"] / r["items"] * 1e6 for r in runs])
                labels.append("%s\n%s" % (key.split("_", 1)[1], client))
        if data:
            ax.boxplot(data, labels=labels, showfliers=True)
        ax.set_yscale("log")
        ax.set_ylabel("µs per query / row (wall)")
        ax.set_title(workload)
        ax.tick_params(axis="x", labelsize=6, rotation=90)
    fig.suptitle("Wall time per item, every round (box: quartiles)")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def growth_rows_chart(growth, path):
    rows = growth.get("rows") or []
    if not rows:
        return False
    fig, (mem, cpu) = plt.subplots(1, 2, figsize=(12, 4.5))
    for form, style in (("vector", "o-"), ("stream", "s-"), ("cursor", "^-")):
        points = sorted((r["rows"], r["max_rss_mb"], r["cpu_s"]) for r in rows
                        if r["form"] == form)
        if not points:
            continue
        label = {"stream": "row callback (single-row mode)", "cursor": "cursor, FETCH 1000",
                 "vector": "vector"}[form]
        mem.plot([p[0] for p in points], [p[1] for p in points], style, label=label)
        cpu.plot([p[0] for p in points], [p[2] for p in points], style, label=label)
    for ax, what in ((mem, "peak RSS (MB)"), (cpu, "client CPU (s)")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("rows")
        ax.set_ylabel(what)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    mem.set_title(":many peak RSS against rows")
    cpu.set_title(":many client CPU against rows")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return True


def growth_generator_chart(growth, path):
    measured = growth.get("generator") or []
    if not measured:
        return False
    fit = growth.get("generator_fit", {})
    xs = [m["queries"] for m in measured]
    fig, (gen, comp) = plt.subplots(1, 2, figsize=(12, 4.5))
    for key, label, ax in (("cold_s", "generate cold (--no-cache)", gen),
                           ("warm_s", "generate warm (cache)", gen),
                           ("compile_s", "compile generated .cpp, -O2, 2 jobs", comp)):
        ax.plot(xs, [m[key] for m in measured], "o", label=label)
        if key in fit:
            f = fit[key]
            ax.plot([0, max(xs)], [f["intercept_s"], f["intercept_s"] + f["per_query_s"] * max(xs)],
                    "--", label="fit: %.2f s + %.2f ms/query" % (f["intercept_s"],
                                                                 f["per_query_s"] * 1e3))
    for ax in (gen, comp):
        ax.set_xlabel("queries")
        ax.set_ylabel("seconds (wall)")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
    gen.set_title("soong generate against queries")
    comp.set_title("compiling the generated code against queries")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return True


def lambda_chart(lambda_results, path):
    data, labels = [], []
    for key in sorted(lambda_results):
        runs = lambda_results[key]
        if runs and "first_byte" in runs[0]:
            data.append([r["first_byte"] * 1e3 for r in runs])
            labels.append(key.replace("/", "\n"))
    if not data:
        return False
    fig, ax = plt.subplots(figsize=(12, 4.5))
    ax.boxplot(data, labels=labels)
    ax.set_yscale("log")
    ax.set_ylabel("first byte (ms)")
    ax.set_title("Lambda-shaped invocations: first-byte latency, every invocation")
    ax.tick_params(axis="x", labelsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return True


def http_chart(http_results, path):
    keys = sorted(http_results, key=lambda k: (k.split("/")[1], int(k.split("/")[2]),
                                               k.split("/")[0]))
    servers = sorted({k.split("/")[0] for k in keys})
    cases = sorted({(k.split("/")[1], int(k.split("/")[2])) for k in keys})
    if not keys:
        return False
    fig, (rps, lat) = plt.subplots(1, 2, figsize=(13, 4.5))
    width = 0.8 / len(servers)
    for i, server in enumerate(servers):
        med = lambda field, case: statistics.median(
            r[field] for r in http_results.get("%s/%s/%d" % (server, case[0], case[1]), [])
        ) if http_results.get("%s/%s/%d" % (server, case[0], case[1])) else 0
        xs = [x + i * width for x in range(len(cases))]
        rps.bar(xs, [med("rps", c) for c in cases], width, label=server)
        lat.bar(xs, [med("p99", c) * 1e3 for c in cases], width, label=server + " p99",
                alpha=0.45)
        lat.bar(xs, [med("p50", c) * 1e3 for c in cases], width, label=server + " p50")
    for ax in (rps, lat):
        ax.set_xticks([x + 0.4 - width / 2 for x in range(len(cases))])
        ax.set_xticklabels(["%s, %d conn" % c for c in cases], rotation=20, fontsize=8)
        ax.legend(fontsize=7, ncol=2)
    rps.set_ylabel("requests/s (median)")
    rps.set_title("HTTP throughput")
    lat.set_yscale("log")
    lat.set_ylabel("latency (ms, median of runs)")
    lat.set_title("HTTP latency, p50 (solid) and p99 (light)")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out-dir", default=os.path.join(HERE, "charts"))
    parser.add_argument("--results", default=os.path.join(HERE, "results.json"))
    parser.add_argument("--growth", default=os.path.join(HERE, "results-growth.json"))
    parser.add_argument("--lambda-results",
                        default=os.path.join(HERE, "serverless", "results-lambda.json"))
    parser.add_argument("--http", default=os.path.join(HERE, "http", "results-http.json"))
    args = parser.parse_args()
    global plt
    import matplotlib
    matplotlib.use("Agg")  # files only, no display
    import matplotlib.pyplot
    plt = matplotlib.pyplot
    os.makedirs(args.out_dir, exist_ok=True)
    out = lambda name: os.path.join(args.out_dir, name)
    drawn = []
    results = load(args.results)
    if results:
        ratios_chart(results, out("ratios.png"))
        latency_chart(results, out("latency.png"))
        drawn += ["ratios.png", "latency.png"]
    growth = load(args.growth)
    if growth:
        if growth_rows_chart(growth, out("growth_rows.png")):
            drawn.append("growth_rows.png")
        if growth_generator_chart(growth, out("growth_generator.png")):
            drawn.append("growth_generator.png")
    lambda_results = load(args.lambda_results)
    if lambda_results and lambda_chart(lambda_results, out("lambda.png")):
        drawn.append("lambda.png")
    http_results = load(args.http)
    if http_results and http_chart(http_results, out("http.png")):
        drawn.append("http.png")
    print("charts: wrote %s in %s" % (", ".join(drawn) or "nothing", args.out_dir),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
