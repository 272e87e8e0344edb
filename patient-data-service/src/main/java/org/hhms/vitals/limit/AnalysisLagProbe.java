package org.hhms.vitals.limit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hhms.health.DependencyProbe;
import org.hhms.vitals.config.VitalsProperties;
import org.springframework.stereotype.Component;

/**
 * The {@code analysis} entry of this service's {@code /health}: how far behind analytics is ({@code lag_seconds},
 * {@code lag_readings}), {@code degraded} once ingest refuses readings for it or when it cannot be measured. Never
 * unhealthy: the service still serves every read, and a readiness probe must not take that away.
 */
@Component
public class AnalysisLagProbe implements DependencyProbe {

    private final AnalysisLag lag;
    private final VitalsProperties properties;

    public AnalysisLagProbe(AnalysisLag lag, VitalsProperties properties) {
        this.lag = lag;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "analysis";
    }

    @Override
    public void check() {
        inspect();
    }

    @Override
    public Finding inspect() {
        AnalysisLag.Measurement now = lag.measure();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("lag_seconds", now.known() ? now.behind().toMillis() / 1000.0 : null);
        figures.put("lag_readings", now.known() && now.entries() >= 0 ? now.entries() : null);
        figures.put("max_lag_seconds", properties.maxAnalysisLag().toSeconds());
        if (!now.known()) {
            return new Finding("Analysis lag " + now.problem() + "; readings are taken without the bound", figures);
        }
        boolean bounded = !properties.maxAnalysisLag().isZero();
        if (bounded && now.behind().compareTo(properties.maxAnalysisLag()) > 0) {
            return new Finding(AnalysisLag.describe(now) + ": new readings are refused (503) until it is within "
                    + AnalysisLag.seconds(properties.maxAnalysisLag()) + " s", figures);
        }
        return new Finding(null, figures);
    }
}
