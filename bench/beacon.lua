-- wrk script: view beacons for random live articles from many distinct browsers; counts 204 answers.
-- BENCH_IDS: "id:token" pairs, each token the one the article's page carries.
local ids = {}
for id, token in string.gmatch(os.getenv("BENCH_IDS") or "", "(%d+):([%w_-]+)") do table.insert(ids, {id, token}) end
local threads = {}
local n = 0
counted = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  -- BENCH_SALT: another wrk run at the same time (another front) makes other readers, not the same ones again.
  salt = os.getenv("BENCH_SALT") or ""
  math.randomseed(os.time() * 1000 + tid + #salt * 7919)
end

request = function()
  n = n + 1
  -- As the page's script sends it: navigator.sendBeacon("/_v?a=<id>&c=<token>"), an empty POST; every request
  -- from another browser (a reader is the address + user agent).
  local pick = ids[math.random(#ids)]
  local query = "a=" .. pick[1] .. "&c=" .. pick[2]
  local browser = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0 t" .. tid .. "n" .. n .. "r" .. math.random(1, 1000000000) .. salt
  return wrk.format("POST", "/_v?" .. query, {["Content-Length"] = "0", ["User-Agent"] = browser})
end

response = function(status, headers, body)
  if status == 204 then counted = counted + 1 end
end

done = function(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("counted") end
  io.write("COUNTED " .. total .. "\n")
end
