package org.hhms.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/prometheus and deploy/grafana against what the services export: every HHMS metric an alert rule or a
 * dashboard panel uses is one docs/operations.md documents (and so one the code registers), and Prometheus scrapes
 * each service on the management port compose gives it. A renamed metric would otherwise leave an alert that never
 * fires.
 */
class MonitoringFilesTest {

    static final Path ROOT = DeployFiles.root();
    static final Pattern HHMS_METRIC = Pattern.compile("\\bhhms_[a-z_]+");

    final Set<String> documented = documentedMetrics();

    @Test
    void everyAlertRuleUsesDocumentedMetricsAndSaysWhatToDo() {
        Map<String, Object> rules = DeployFiles.yaml(ROOT.resolve("deploy/prometheus/hhms-alerts.yml"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groups = (List<Map<String, Object>>) rules.get("groups");
        int count = 0;
        for (Map<String, Object> group : groups) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) group.get("rules");
            for (Map<String, Object> rule : list) {
                count++;
                assertThat(undocumented(rule.get("expr").toString())).as(rule.get("alert").toString()).isEmpty();
                assertThat(rule.get("annotations").toString()).as(rule.get("alert").toString())
                        .contains("summary", "description");
            }
        }
        assertThat(count).as("alert rules").isGreaterThanOrEqualTo(8);
    }

    @Test
    void everyDashboardPanelUsesDocumentedMetrics() {
        JsonNode dashboard = JsonMapper.builder().build()
                .readTree(DeployFiles.read(ROOT.resolve("deploy/grafana/dashboards/hhms-pipeline.json")));
        assertThat(dashboard.get("panels").size()).isGreaterThanOrEqualTo(8);
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                assertThat(undocumented(target.get("expr").asString())).as(panel.get("title").asString()).isEmpty();
            }
        }
    }

    @Test
    void prometheusScrapesEveryServiceOnItsComposeManagementPort() {
        String scrape = DeployFiles.read(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        Map<String, Object> compose = DeployFiles.yaml(ROOT.resolve("docker-compose.yml"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> services =
                (Map<String, Map<String, Map<String, Object>>>) compose.get("services");
        for (String service : ComposeSettingsTest.SERVICES) {
            Object port = services.get(service).get("environment").entrySet().stream()
                    .filter(e -> e.getKey().endsWith("_MANAGEMENT_PORT")).map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " has no management port in compose"));
            assertThat(scrape).as(service).contains("\"" + service + ":" + port + "\"");
        }
        assertThat(scrape).contains("metrics_path: /actuator/prometheus");
    }

    private Set<String> undocumented(String expression) {
        Set<String> missing = new TreeSet<>();
        Matcher m = HHMS_METRIC.matcher(expression);
        while (m.find()) {
            String name = m.group().replaceAll("_(bucket|count|sum)$", "");
            if (!documented.contains(name)) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** The metric names of docs/operations.md's metrics table (first column), without label lists. */
    private static Set<String> documentedMetrics() {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `(hhms_[a-z_]+)").matcher(DeployFiles.read(ROOT.resolve("docs/operations.md")));
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).as("metrics documented in docs/operations.md").hasSizeGreaterThan(10);
        return names;
    }
}
