-- Turns through the request paths listed in the file named by MIZ_WRK_PATHS (one path a
-- line, made from the running desk's catalog by deploy/load/wrk.sh), each wrk thread from
-- its own offset in the list, so that the gateway's short reply cache does not answer
-- every request. Non-2xx replies are counted and printed at the end.
local paths = {}
local counter = 0
failures = 0 -- global: done() reads it from each thread

local function load(name)
  local file = assert(io.open(name, "r"), "cannot open MIZ_WRK_PATHS file " .. tostring(name))
  for line in file:lines() do
    if line ~= "" then paths[#paths + 1] = line end
  end
  file:close()
  assert(#paths > 0, "no paths in " .. name)
end

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  load(os.getenv("MIZ_WRK_PATHS"))
  counter = math.floor(#paths * (id or 0) / 2)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter], { ["Accept-Language"] = "fa" })
end

function response(status, headers, body)
  if status < 200 or status > 299 then failures = failures + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + (thread:get("failures") or 0) end
  io.write(string.format("non-2xx replies: %d\n", total))
end
