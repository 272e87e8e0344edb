-- What the consumer groups of a stream have judged, and trimming of what every group has acknowledged.
-- KEYS[1]  the stream
-- Returns {'missing'} when the stream does not exist; {'nogroups', last, first} when nobody consumes it; else
-- {'ok', last, first, below}: every group has acknowledged every entry before `below` (its oldest pending entry,
-- or the entry after the last one delivered to it), and those entries are trimmed. `first` is '' for an empty
-- stream. An entry the outbox sent that lies between `below` and `first` was trimmed (MAXLEN) before every group
-- judged it.
-- parse(id) and before(a, b) come from stream_ids.lua.
local function after(id)
  local ms, seq = parse(id)
  return string.format('%d-%d', ms, seq + 1)
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  return { 'missing' }
end
local info = redis.call('XINFO', 'STREAM', KEYS[1])
local last, first = '0-0', ''
for i = 1, #info, 2 do
  if info[i] == 'last-generated-id' then
    last = info[i + 1]
  elseif info[i] == 'first-entry' and info[i + 1] then
    first = info[i + 1][1]
  end
end
local groups = redis.call('XINFO', 'GROUPS', KEYS[1])
if #groups == 0 then
  return { 'nogroups', last, first }
end
local below = nil
for _, group in ipairs(groups) do
  local name, delivered, pending
  for i = 1, #group, 2 do
    if group[i] == 'name' then
      name = group[i + 1]
    elseif group[i] == 'last-delivered-id' then
      delivered = group[i + 1]
    elseif group[i] == 'pending' then
      pending = group[i + 1]
    end
  end
  local judged = after(delivered)
  if pending > 0 then
    judged = redis.call('XPENDING', KEYS[1], name)[2]
  end
  if below == nil or before(judged, below) then
    below = judged
  end
end
redis.call('XTRIM', KEYS[1], 'MINID', '~', below)
return { 'ok', last, first, below }
