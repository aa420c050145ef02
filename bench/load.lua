-- wrk script for bench/load.sh: a fixed number of requests, round-robin over a list of paths,
-- with the latency of every single response measured here (not taken from wrk's histogram,
-- which wrk 4.1 "corrects" with synthetic samples before done() sees it).
--
-- The trick that makes exact per-response timing possible: load.sh runs wrk with one
-- connection per thread (-t N -c N). A thread then has at most one request in flight, so
-- request() and response() alternate, and the clock read in request() (just before wrk writes
-- the request) belongs to the response() that follows.
--
-- Environment (set by load.sh):
--   LOAD_REQUESTS  total number of requests over all threads
--   LOAD_THREADS   number of wrk threads (= connections)
--   LOAD_PATHS     the paths, separated by newlines
--   LOAD_DONE_DIR  a directory where each thread drops a file when its share is done; load.sh
--                  then stops wrk (wrk itself would sleep for the whole -d duration)
--   LOAD_ACCEPT_ENCODING  sent as Accept-Encoding when not empty
--   LOAD_TIMEOUT_SECONDS  a response this late counts as a timeout (also slow, so a failure)

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } hvw_timespec;
  int clock_gettime(int clock_id, hvw_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("hvw_timespec")
local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local SLOW_MS = 2000

local function split_lines(s)
  local out = {}
  for line in string.gmatch(s or "", "[^\n]+") do
    out[#out + 1] = line
  end
  return out
end

-- ---------------------------------------------------------------------------------------------
-- Main Lua state: setup() numbers the threads, done() merges their figures.

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("id", #threads)
  -- wrk calls request() once on the first thread's state before the run, only to check that
  -- it returns a valid request (script_verify_request). That call must not count.
  thread:set("skip_first", #threads == 1)
end

-- ---------------------------------------------------------------------------------------------
-- Per-thread state (each wrk thread has its own Lua state; globals here are per thread).

function init(args)
  paths = split_lines(os.getenv("LOAD_PATHS"))
  total = tonumber(os.getenv("LOAD_REQUESTS"))
  nthreads = tonumber(os.getenv("LOAD_THREADS"))
  done_dir = os.getenv("LOAD_DONE_DIR")
  local encoding = os.getenv("LOAD_ACCEPT_ENCODING") or ""
  headers = { ["User-Agent"] = "hvw-bench-load" }
  if encoding ~= "" then
    headers["Accept-Encoding"] = encoding
  end
  -- This thread sends requests number id, id + nthreads, id + 2 * nthreads, ... (1-based) of
  -- the global sequence; request k goes to path (k - 1) mod #paths: a global round-robin.
  quota = 0
  if id <= total then
    quota = math.floor((total - id) / nthreads) + 1
  end
  sent = 0          -- requests this thread has started (within its quota)
  answered = 0      -- responses received for them
  dropped = 0       -- requests whose connection closed before an answer (wrk silently reconnects)
  pending = nil     -- {start = ms, path = ...} of the request in flight
  statuses = {}     -- status code -> count
  by_path = {}      -- "status path" -> count, for anything but 200
  slow_by_path = {} -- path -> count of responses slower than SLOW_MS
  latencies = {}    -- every response time in ms
  finished = false
end

function request()
  if skip_first then
    skip_first = false
    return wrk.format("GET", "/healthz", headers)
  end
  if pending then
    -- The previous request on this (only) connection never got its answer: the connection
    -- was closed or broke, and wrk opened a new one.
    dropped = dropped + 1
    pending = nil
    finish_if_done()
  end
  if sent >= quota then
    -- Only reached if wrk writes once more after we stopped the thread: not counted.
    return wrk.format("GET", "/healthz", headers)
  end
  local k = id + sent * nthreads
  local path = paths[((k - 1) % #paths) + 1]
  sent = sent + 1
  pending = { start = now_ms(), path = path }
  return wrk.format("GET", path, headers)
end

function response(status, hdrs, body)
  if not pending then
    return
  end
  local ms = now_ms() - pending.start
  local path = pending.path
  pending = nil
  answered = answered + 1
  latencies[#latencies + 1] = ms
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 200 then
    local key = status .. " " .. path
    by_path[key] = (by_path[key] or 0) + 1
  end
  if ms > SLOW_MS then
    slow_by_path[path] = (slow_by_path[path] or 0) + 1
  end
  finish_if_done()
end

-- Once every request of this thread's share has its answer (or was dropped): tell load.sh
-- and stop this thread's event loop.
function finish_if_done()
  if answered + dropped >= quota and not finished then
    finished = true
    local f = io.open(done_dir .. "/done." .. id, "w")
    if f then
      f:close()
    end
    wrk.thread:stop()
  end
end

-- ---------------------------------------------------------------------------------------------
-- Report (main Lua state, after all threads ended).

local function pct(sorted, p)
  if #sorted == 0 then
    return 0
  end
  -- nearest-rank percentile
  local rank = math.max(1, math.ceil(p / 100 * #sorted))
  return sorted[rank]
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do
    keys[#keys + 1] = k
  end
  table.sort(keys, function(a, b)
    return tostring(a) < tostring(b)
  end)
  return keys
end

function done(summary, latency, requests)
  local total_requests = tonumber(os.getenv("LOAD_REQUESTS"))
  local sent, answered, dropped, unanswered = 0, 0, 0, 0
  local statuses, by_path, slow_by_path, all = {}, {}, {}, {}
  for _, t in ipairs(threads) do
    local t_sent = t:get("sent") or 0
    local t_answered = t:get("answered") or 0
    local t_dropped = t:get("dropped") or 0
    sent = sent + t_sent
    answered = answered + t_answered
    dropped = dropped + t_dropped
    -- still in flight when the run ended: a request that hung
    if t:get("pending") then
      unanswered = unanswered + 1
    end
    for k, v in pairs(t:get("statuses") or {}) do
      statuses[k] = (statuses[k] or 0) + v
    end
    for k, v in pairs(t:get("by_path") or {}) do
      by_path[k] = (by_path[k] or 0) + v
    end
    for k, v in pairs(t:get("slow_by_path") or {}) do
      slow_by_path[k] = (slow_by_path[k] or 0) + v
    end
    for _, ms in ipairs(t:get("latencies") or {}) do
      all[#all + 1] = ms
    end
  end
  table.sort(all)
  local timeout_ms = 1000 * tonumber(os.getenv("LOAD_TIMEOUT_SECONDS") or "10")
  local slow, late = 0, 0
  for _, ms in ipairs(all) do
    if ms > SLOW_MS then
      slow = slow + 1
    end
    if ms >= timeout_ms then
      late = late + 1
    end
  end
  local non200 = answered - (statuses[200] or 0)
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write
  local not_sent = total_requests - sent

  local out = io.write
  out("\n== load report ==\n")
  out(string.format("requests planned:        %d\n", total_requests))
  out(string.format("requests sent:           %d\n", sent))
  out(string.format("responses:               %d in %.1f s (%.0f req/s)\n", answered,
    summary.duration / 1e6, answered / (summary.duration / 1e6)))
  for _, code in ipairs(sorted_keys(statuses)) do
    out(string.format("  status %s:              %d\n", code, statuses[code]))
  end
  for _, key in ipairs(sorted_keys(by_path)) do
    out(string.format("    %s: %d\n", key, by_path[key]))
  end
  out(string.format("slower than 2 s:         %d\n", slow))
  for _, path in ipairs(sorted_keys(slow_by_path)) do
    out(string.format("    %s: %d\n", path, slow_by_path[path]))
  end
  out(string.format("408 answers:             %d\n", statuses[408] or 0))
  out(string.format("connection errors:       %d (connect %d, read %d, write %d)\n", socket_errors,
    e.connect, e.read, e.write))
  out(string.format("closed without answer:   %d\n", dropped))
  out(string.format("timeouts:                %d (answered after ≥ %d s: %d; no answer when the run ended: %d)\n",
    late + unanswered, timeout_ms / 1000, late, unanswered))
  if not_sent > 0 then
    out(string.format("never sent:              %d (a connection hung before its share was done)\n", not_sent))
  end
  out(string.format("latency p50:             %.1f ms\n", pct(all, 50)))
  out(string.format("latency p99:             %.1f ms\n", pct(all, 99)))
  out(string.format("latency max:             %.1f ms\n", all[#all] or 0))

  local failures = {}
  if slow > 0 then failures[#failures + 1] = slow .. " slower than 2 s" end
  if (statuses[408] or 0) > 0 then failures[#failures + 1] = statuses[408] .. " × 408" end
  if non200 > 0 then failures[#failures + 1] = non200 .. " not 200" end
  if socket_errors > 0 then failures[#failures + 1] = socket_errors .. " connection errors" end
  if dropped > 0 then failures[#failures + 1] = dropped .. " closed without answer" end
  if unanswered > 0 then
    failures[#failures + 1] = unanswered .. " never answered"
  end
  if answered ~= total_requests then
    failures[#failures + 1] = answered .. " of " .. total_requests .. " answered"
  end
  if #failures == 0 then
    out("verdict: OK\n")
  else
    out("verdict: FAIL (" .. table.concat(failures, ", ") .. ")\n")
  end
end
