-- Sends the session cookie given in BENCH_COOKIE with every request, at full speed.
wrk.path = os.getenv("BENCH_PATH") or "/ping"
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
