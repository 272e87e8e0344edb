-- How far one consumer group is behind on a stream (for the operator's metrics and the ingest's lateness bound).
-- KEYS[1] the stream, KEYS[2] its dead-letter stream; ARGV[1] the group.
-- Returns {pending, lag, dead letters, state, next}: lag is -1 when Redis cannot tell (Redis before 7, or after
-- deletions); state is 'no-stream', 'no-group' or 'group'; next is the id of the oldest entry not yet delivered to
-- the group ('' when there is none).
local pending, lag, state, next = 0, 0, 'no-stream', ''
if redis.call('EXISTS', KEYS[1]) == 1 then
  state = 'no-group'
  for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
    local name, p, l, delivered = nil, 0, -1, nil
    for i = 1, #group, 2 do
      if group[i] == 'name' then name = group[i + 1]
      elseif group[i] == 'pending' then p = group[i + 1]
      elseif group[i] == 'last-delivered-id' then delivered = group[i + 1]
      elseif group[i] == 'lag' and group[i + 1] then l = group[i + 1] end
    end
    if name == ARGV[1] then
      pending, lag, state = p, l, 'group'
      local first = redis.call('XRANGE', KEYS[1], '(' .. delivered, '+', 'COUNT', 1)
      if #first > 0 then next = first[1][1] end
    end
  end
end
return { pending, lag, redis.call('XLEN', KEYS[2]), state, next }
