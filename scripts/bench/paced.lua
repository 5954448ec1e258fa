-- Paces each wrk connection: with C connections and a delay of D ms after each response, the offered
-- load is about C * 1000 / D requests per second (as long as responses take far less than D).
-- The request path and headers come from the environment, set by api-latency.sh.
local delay_ms = tonumber(os.getenv("PACE_DELAY_MS") or "10")
wrk.path = os.getenv("BENCH_PATH") or "/ping"
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
function delay() return delay_ms end
