-- Appends outbox rows to a stream, unless the stream has lost entries the outbox recorded as sent.
-- KEYS[1]  the stream
-- ARGV[1]  the newest entry id the outbox recorded as sent and still keeps, or '' when it keeps none
-- ARGV[2]  the stream's safety cap (XADD MAXLEN ~)
-- ARGV[3…] the payloads, in order
-- Returns the new entry ids, or {'LOST', <the stream's last id>} when the stream ends before ARGV[1]: Redis lost
-- what it had been given (restarted without persistence, or restored from an older snapshot). Checking and
-- appending in one script means no restart can fall between the two.
-- parse(id) and before(a, b) come from stream_ids.lua.
if ARGV[1] ~= '' then
  local last = '0-0'
  if redis.call('EXISTS', KEYS[1]) == 1 then
    local info = redis.call('XINFO', 'STREAM', KEYS[1])
    for i = 1, #info, 2 do
      if info[i] == 'last-generated-id' then last = info[i + 1] end
    end
  end
  if before(last, ARGV[1]) then
    return { 'LOST', last }
  end
end
local ids = {}
for i = 3, #ARGV do
  ids[#ids + 1] = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'event', ARGV[i])
end
return ids
