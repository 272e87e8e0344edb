package org.hhms.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import org.junit.jupiter.api.Test;

/**
 * deploy/k8s read into the Kubernetes model classes (fabric8), as the API server would read them: every service is
 * a Deployment with replicas to survive losing a pod, probes, requests and limits from the measured footprint, a
 * disruption budget and a Service; secrets come from a Secret only; every setting is one .env.example documents.
 */
class KubernetesManifestsTest {

    static final Path K8S = DeployFiles.root().resolve("deploy/k8s");
    /** Peak resident memory of the heaviest JVM under load in the benchmark of 2026-12-02 (docs/BENCHMARKS.md). */
    static final long MEASURED_PEAK_BYTES = 631L * 1024 * 1024;
    /** Spring Boot settings that are not HHMS's own (and so not in .env.example). */
    static final Set<String> SPRING_SETTINGS = Set.of("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED");

    final List<HasMetadata> resources = load();

    @Test
    void everyServiceIsADeploymentThatSurvivesLosingAPod() {
        List<Deployment> deployments = all(Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(ComposeSettingsTest.SERVICES);
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            assertThat(deployment.getSpec().getReplicas()).as(name + " replicas").isGreaterThanOrEqualTo(2);
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
                    .as(name + ": a rollout never takes a pod away before its successor is ready").isZero();
            PodDisruptionBudget budget = named(PodDisruptionBudget.class, name);
            assertThat(budget.getSpec().getSelector().getMatchLabels()).as(name + " budget selects its pods")
                    .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(budget.getSpec().getMinAvailable().getIntVal()).isBetween(1,
                    deployment.getSpec().getReplicas() - 1);
        }
    }

    @Test
    void everyContainerHasProbesAndRequestsAndLimitsAboveItsMeasuredFootprint() {
        for (Deployment deployment : all(Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
            String name = deployment.getMetadata().getName();
            Probe ready = container.getReadinessProbe();
            assertThat(ready).as(name + " readiness").isNotNull();
            assertThat(ready.getHttpGet().getPath()).as(name + " is ready when /health says so").isEqualTo("/health");
            assertThat(ready.getHttpGet().getPort().getStrVal()).isEqualTo("http");
            assertThat(container.getLivenessProbe()).as(name + " liveness").isNotNull();
            assertThat(container.getLivenessProbe().getHttpGet().getPath())
                    .as(name + ": liveness must not depend on the databases").isEqualTo("/actuator/health/liveness");
            assertThat(container.getStartupProbe()).as(name + " startup").isNotNull();

            Map<String, Quantity> requests = container.getResources().getRequests();
            Map<String, Quantity> limits = container.getResources().getLimits();
            assertThat(requests).as(name + " requests").containsKeys("cpu", "memory");
            assertThat(limits).as(name + " limits").containsKeys("cpu", "memory");
            long memoryLimit = limits.get("memory").getNumericalAmount().longValue();
            assertThat(memoryLimit).as(name + " memory limit above the measured peak").isGreaterThan(MEASURED_PEAK_BYTES);
            assertThat(requests.get("memory").getNumericalAmount().longValue()).isLessThanOrEqualTo(memoryLimit);
            assertThat(requests.get("cpu").getNumericalAmount())
                    .isLessThanOrEqualTo(limits.get("cpu").getNumericalAmount());
        }
    }

    @Test
    void everyServiceHasAServiceOnItsPortsAndEachStreamConsumerAPodName() {
        for (Deployment deployment : all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
            Service service = named(Service.class, name);
            assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(service.getSpec().getPorts()).extracting(p -> p.getTargetPort().getStrVal())
                    .containsExactlyInAnyOrder("http", "management");
            List<EnvVar> consumerNames = container.getEnv().stream()
                    .filter(e -> e.getName().endsWith("_CONSUMER_NAME")).toList();
            for (EnvVar var : consumerNames) {
                assertThat(var.getValueFrom().getFieldRef().getFieldPath())
                        .as(name + ": two pods must never share a consumer name").isEqualTo("metadata.name");
            }
            if (Set.of("patient-data-service", "analytics-service", "alerts-service").contains(name)) {
                assertThat(consumerNames).as(name + " consumes a stream").hasSize(1);
            }
        }
    }

    @Test
    void secretsComeFromTheSecretAndEverySettingIsDocumented() {
        Map<String, String> documented = DeployFiles.envExample();
        Set<String> unknown = new TreeSet<>();
        ConfigMap config = named(ConfigMap.class, "hhms-config");
        for (String key : config.getData().keySet()) {
            if (!documented.containsKey(key) && !SPRING_SETTINGS.contains(key)) {
                unknown.add(key);
            }
            assertThat(key).as("a secret in the ConfigMap").doesNotContain("PASSWORD", "SECRET", "TOKEN");
        }
        for (Deployment deployment : all(Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
            assertThat(container.getEnvFrom()).extracting(e -> e.getConfigMapRef().getName())
                    .containsExactly("hhms-config");
            for (EnvVar var : container.getEnv()) {
                if (!documented.containsKey(var.getName())) {
                    unknown.add(var.getName());
                }
                if (var.getName().matches(".*(PASSWORD|SECRET|TOKEN|ACCOUNT_SID).*")) {
                    assertThat(var.getValue()).as(var.getName() + " as plain text").isNull();
                    assertThat(var.getValueFrom().getSecretKeyRef().getName()).isEqualTo("hhms-secrets");
                }
            }
        }
        assertThat(unknown).as("settings .env.example does not document").isEmpty();
    }

    private <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in deploy/k8s"));
    }

    /** Every resource the kustomization lists, document by document. */
    private static List<HasMetadata> load() {
        KubernetesSerialization serialization = new KubernetesSerialization();
        @SuppressWarnings("unchecked")
        List<String> files = (List<String>) DeployFiles.yaml(K8S.resolve("kustomization.yaml")).get("resources");
        List<HasMetadata> loaded = new ArrayList<>();
        for (String file : files) {
            for (String document : DeployFiles.read(K8S.resolve(file)).split("(?m)^---$")) {
                if (!document.isBlank()) {
                    Object resource = serialization.unmarshal(document);
                    assertThat(resource).as(file).isInstanceOf(HasMetadata.class);
                    loaded.add((HasMetadata) resource);
                }
            }
        }
        return loaded;
    }
}
