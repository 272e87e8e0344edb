-- A token bucket per caller, in readings (docs/security.md, "Rate limits"): `rate` readings come back every second
-- up to `burst`; a request takes as many as it carries, all or none.
-- KEYS[1] the caller's bucket; ARGV[1] rate (readings/s), ARGV[2] burst (readings), ARGV[3] readings wanted.
-- Returns {1 if taken else 0, readings left, seconds until the request would fit}.
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local wanted = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) + tonumber(time[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local taken = wanted <= tokens
if taken then
  tokens = tokens - wanted
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 1)
local wait = 0
if not taken then
  wait = math.ceil((wanted - tokens) / rate)
end
return { taken and 1 or 0, math.floor(tokens), wait }
