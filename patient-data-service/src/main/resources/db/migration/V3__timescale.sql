-- TimescaleDB, where the server has it (the timescale/timescaledb image does; plain PostgreSQL does not): the
-- readings table becomes a hypertable with compression, retention and an hourly continuous aggregate. On plain
-- PostgreSQL this migration does nothing and every query answers the same from the plain table.
-- Retention comes from the Flyway placeholder retention_days (VITALS_RETENTION_DAYS, default 3650).
DO $timescale$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
       OR current_setting('shared_preload_libraries', true) NOT LIKE '%timescaledb%' THEN
        RAISE NOTICE 'TimescaleDB not available: readings stays a plain table';
        RETURN;
    END IF;

    CREATE EXTENSION IF NOT EXISTS timescaledb;
    PERFORM create_hypertable('readings', 'recorded_at', chunk_time_interval => INTERVAL '1 day',
                              migrate_data => true, if_not_exists => true);

    ALTER TABLE readings SET (timescaledb.compress,
                              timescaledb.compress_segmentby = 'patient_id',
                              timescaledb.compress_orderby = 'recorded_at DESC');
    PERFORM add_compression_policy('readings', INTERVAL '7 days', if_not_exists => true);
    PERFORM add_retention_policy('readings', INTERVAL '${retention_days} days', if_not_exists => true);

    -- Hourly figures per patient; sum and count (not avg) so daily buckets can be rolled up from hourly ones.
    -- WITH NO DATA: a continuous aggregate can only be created inside a transaction without data.
    EXECUTE $cagg$
        CREATE MATERIALIZED VIEW readings_hourly WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
        SELECT patient_id, time_bucket(INTERVAL '1 hour', recorded_at) AS bucket_start,
               min(heart_rate) AS heart_rate_min, max(heart_rate) AS heart_rate_max,
               sum(heart_rate) AS heart_rate_sum, count(heart_rate) AS heart_rate_count,
               min(spo2) AS spo2_min, max(spo2) AS spo2_max, sum(spo2) AS spo2_sum, count(spo2) AS spo2_count,
               min(respiratory_rate) AS respiratory_rate_min, max(respiratory_rate) AS respiratory_rate_max,
               sum(respiratory_rate) AS respiratory_rate_sum, count(respiratory_rate) AS respiratory_rate_count,
               min(systolic_bp) AS systolic_bp_min, max(systolic_bp) AS systolic_bp_max,
               sum(systolic_bp) AS systolic_bp_sum, count(systolic_bp) AS systolic_bp_count,
               min(diastolic_bp) AS diastolic_bp_min, max(diastolic_bp) AS diastolic_bp_max,
               sum(diastolic_bp) AS diastolic_bp_sum, count(diastolic_bp) AS diastolic_bp_count,
               min(temperature) AS temperature_min, max(temperature) AS temperature_max,
               sum(temperature) AS temperature_sum, count(temperature) AS temperature_count,
               min(glucose) AS glucose_min, max(glucose) AS glucose_max,
               sum(glucose) AS glucose_sum, count(glucose) AS glucose_count,
               min(weight_kg) AS weight_kg_min, max(weight_kg) AS weight_kg_max,
               sum(weight_kg) AS weight_kg_sum, count(weight_kg) AS weight_kg_count
          FROM readings
         GROUP BY patient_id, time_bucket(INTERVAL '1 hour', recorded_at)
        WITH NO DATA
    $cagg$;
    PERFORM add_continuous_aggregate_policy('readings_hourly', start_offset => INTERVAL '3 days',
                                            end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '30 minutes');
END
$timescale$;
