-- How far one consumer group is behind on a stream, for the operator's metrics.
-- KEYS[1] the stream, KEYS[2] its dead-letter stream; ARGV[1] the group.
-- Returns {pending, lag, dead letters}; lag is -1 when Redis cannot tell (Redis before 7, or after deletions).
local pending, lag = 0, 0
if redis.call('EXISTS', KEYS[1]) == 1 then
  for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
    local name, p, l = nil, 0, -1
    for i = 1, #group, 2 do
      if group[i] == 'name' then name = group[i + 1]
      elseif group[i] == 'pending' then p = group[i + 1]
      elseif group[i] == 'lag' and group[i + 1] then l = group[i + 1] end
    end
    if name == ARGV[1] then pending, lag = p, l end
  end
end
return { pending, lag, redis.call('XLEN', KEYS[2]) }
