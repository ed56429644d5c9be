-- wrk script for the write loads: every request is a new promoter with an
-- id no other request has used: the run's name, the second this wrk started
-- (a warm-up and the measured run differ), the thread and a counter.
--   wrk ... -s post.lua -- nps    <run> <secret>   POST /hooks/nps/generic
--   wrk ... -s post.lua -- create <run>            POST /api/collections/answers/records
-- It prints the same WRK line as get.lua.
local threads = {}
local started = os.time()

setup = function(thread)
  thread:set("tid", started .. "-" .. (#threads + 1))
  table.insert(threads, thread)
end

local mode, run, secret
local n = 0

init = function(args)
  mode, run, secret = args[1], args[2], args[3]
end

request = function()
  n = n + 1
  local id = string.format("%s-%s-%d", run, tid, n)
  local email = "p-" .. id .. "@bench.example"
  if mode == "nps" then
    local body = string.format('{"email":"%s","name":"Pat Promoter","company":"Bench Co","score":10,"id":"%s"}', email, id)
    return wrk.format("POST", "/hooks/nps/generic",
      {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. secret}, body)
  end
  local body = string.format('{"email":"%s","name":"Pat Promoter","company":"Bench Co","score":10,"external_id":"%s"}', email, id)
  return wrk.format("POST", "/api/collections/answers/records", {["Content-Type"] = "application/json"}, body)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %.1f %.2f %d %d %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, summary.requests))
end
