-- wrk script for GET loads: prints one machine-readable line at the end,
-- "WRK <req/s> <p99 ms> <non-2xx/3xx answers> <socket errors> <requests>".
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %.1f %.2f %d %d %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, summary.requests))
end
