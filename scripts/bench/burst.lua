-- A deadline burst of writes for wrk: each request a different free candidate's registration
-- (BURST_MODE=register) or a different registration's ordered wishes (BURST_MODE=wishes), so no
-- request is a retry of another. With PACE_DELAY_MS set, each connection waits that long after each
-- answer, which paces the offered load at about connections * 1000 / delay requests per second.
-- Counts the answers by status; done() prints them for write-burst.sh to compare with the database.
local mode = os.getenv("BURST_MODE") or "register"
local season = os.getenv("BURST_SEASON")
local token = os.getenv("BURST_TOKEN")
local delay_ms = tonumber(os.getenv("PACE_DELAY_MS") or "0")
-- Each run of wrk numbers its candidates from a different point, so no run repeats another's IDs.
local offset = tonumber(os.getenv("BURST_OFFSET") or "0")
local threads = {}
local counter = 0

function setup(thread)
    thread:set("thread_number", #threads)
    table.insert(threads, thread)
end

local ids = {}
local subjects = { '["TOAN","NGUVAN","VATLI","HOAHOC"]', '["TOAN","NGUVAN","LICHSU","DIALI"]', '["TOAN","NGUVAN","HOAHOC","SINHHOC"]' }
statuses = {}

function init(args)
    if mode == "wishes" then
        for line in io.lines(os.getenv("BURST_IDS")) do table.insert(ids, line) end
    end
    wrk.headers["Authorization"] = "Bearer " .. token
    wrk.headers["Content-Type"] = "application/json"
end

function request()
    counter = counter + 1
    if mode == "register" then
        -- Born 2009, male: G = 2, YY = 09; the last 6 digits make the ID unique per thread and request.
        local serial = string.format("%06d", (offset + thread_number * 200000 + counter) % 1000000)
        local body = '{"citizenId":"019209' .. serial .. '","fullName":"Nguyễn Văn Thí Sinh","dateOfBirth":"2009-03-15",'
            .. '"sex":"male","purposes":["graduation","admission"],"subjects":' .. subjects[counter % 3 + 1] .. '}'
        return wrk.format("POST", "/api/v1/exam-seasons/" .. season .. "/registrations", nil, body)
    end
    local id = ids[((thread_number * 7919 + counter) % #ids) + 1]
    local first = counter % 20 + 1
    local body = string.format('{"programs":["P%03d","P%03d","P%03d"]}', first, (first + 3) % 20 + 1, (first + 7) % 20 + 1)
    return wrk.format("PUT", "/api/v1/exam-registrations/" .. id .. "/wishes", nil, body)
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

function delay() return delay_ms end

function done(summary, latency, requests)
    local totals = {}
    for _, thread in ipairs(threads) do
        local counts = thread:get("statuses")
        for status, count in pairs(counts) do totals[status] = (totals[status] or 0) + count end
    end
    for status, count in pairs(totals) do io.write(string.format("status %d %d\n", status, count)) end
end
