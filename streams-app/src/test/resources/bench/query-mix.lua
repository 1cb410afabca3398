-- wrk script: round robin over the paths given after '--', each connection pausing WRK_DELAY_MS
-- (default 10) between requests, so that N connections send about N * 1000 / (10 + latency) requests/s.
local paths = {}
local counter = 0

init = function(args)
  for _, p in ipairs(args) do
    table.insert(paths, p)
  end
end

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

delay = function()
  return tonumber(os.getenv("WRK_DELAY_MS") or "10")
end
