package org.hhms.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hhms.testsupport.TestServers;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml against .env.example and the services' own settings: an operator who sets a variable in .env
 * must see it take effect, with the default the example documents; and the stack must not start in a state nobody
 * can use. These are the checks no compose client makes (it accepts a variable it never passes on).
 */
class ComposeSettingsTest {

    static final Path ROOT = DeployFiles.root();
    static final List<String> SERVICES = List.of("gateway", "user-service", "patient-data-service",
            "analytics-service", "alerts-service");
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    static final Pattern INTERPOLATION = Pattern.compile("(?<!\\$)\\$\\{([A-Z][A-Z0-9_]*)(?::?([-?])([^}]*))?}");

    final Map<String, String> example = DeployFiles.envExample();
    final Map<String, Object> compose = DeployFiles.yaml(ROOT.resolve("docker-compose.yml"));
    final String composeText = DeployFiles.read(ROOT.resolve("docker-compose.yml"));

    @Test
    void everySettingOfEnvExampleThatAServiceReadsReachesItsContainer() {
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Set<String> passed = environment(service).keySet();
            Matcher m = PLACEHOLDER.matcher(DeployFiles.read(ROOT.resolve(service + "/src/main/resources/application.yml")));
            while (m.find()) {
                if (example.containsKey(m.group(1)) && !passed.contains(m.group(1))) {
                    missing.computeIfAbsent(service, s -> new TreeSet<>()).add(m.group(1));
                }
            }
        }
        assertThat(missing).as("settings of .env.example that a service reads but compose does not pass it").isEmpty();
    }

    @Test
    void everySettingOfEnvExampleIsUsedByCompose() {
        Set<String> unused = new TreeSet<>();
        for (String key : example.keySet()) {
            boolean interpolated = composeText.contains("${" + key + ":") || composeText.contains("${" + key + "}");
            boolean set = services().values().stream().anyMatch(s -> environmentOf(s).containsKey(key));
            if (!interpolated && !set) {
                unused.add(key);
            }
        }
        assertThat(unused).as(".env.example settings docker compose ignores").isEmpty();
    }

    @Test
    void composeDefaultsAreTheValuesEnvExampleDocuments() {
        Map<String, String> differ = new LinkedHashMap<>();
        Set<String> undocumented = new TreeSet<>();
        Matcher m = INTERPOLATION.matcher(composeText);
        while (m.find()) {
            String key = m.group(1);
            if (!example.containsKey(key)) {
                undocumented.add(key);
            } else if ("-".equals(m.group(2)) && !example.get(key).isEmpty() && !example.get(key).equals(m.group(3))) {
                differ.put(key, "compose " + m.group(3) + ", .env.example " + example.get(key));
            }
        }
        assertThat(undocumented).as("variables compose reads that .env.example does not list").isEmpty();
        assertThat(differ).as("defaults that differ").isEmpty();
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        services().forEach((name, service) -> {
            Object image = service.get("image");
            if (image != null) {
                assertThat(image.toString()).as(name).matches("[^:]+:[^:]+").doesNotContain(":latest");
            }
        });
    }

    @Test
    void theTestsTimescaleContainerIsTheImageComposeRunsForVitals() {
        assertThat(services().get("timescale-vitals").get("image")).isEqualTo(TestServers.TIMESCALE_IMAGE);
        assertThat(services().get("redis").get("image")).isEqualTo(TestServers.REDIS_IMAGE);
    }

    @Test
    void noServiceStartsBeforeTheSettingsCheckPassed() {
        assertThat(composeText).contains("HHMS_ADMIN_PASSWORD: ${HHMS_ADMIN_PASSWORD:?");
        services().forEach((name, service) -> {
            if (service.containsKey("build")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> dependsOn = (Map<String, Object>) service.get("depends_on");
                assertThat(dependsOn).as(name).containsKey("settings-check");
                assertThat(dependsOn.get("settings-check").toString()).as(name)
                        .contains("service_completed_successfully");
            }
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private Map<String, Object> environment(String service) {
        assertThat(services()).as("compose services").containsKey(service);
        return environmentOf(services().get(service));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environmentOf(Map<String, Object> service) {
        Object environment = service.get("environment");
        return environment instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
