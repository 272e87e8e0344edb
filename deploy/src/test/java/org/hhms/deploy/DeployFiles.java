package org.hhms.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/** Reading the deployment files of the repository this module sits in. */
final class DeployFiles {

    private DeployFiles() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root (with docker-compose.yml)").isNotNull();
        return dir;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return (Map<String, Object>) new Yaml().load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    /** KEY=value lines of .env.example, in order. */
    static Map<String, String> envExample() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : read(root().resolve(".env.example")).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                settings.put(line.substring(0, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1));
            }
        }
        return settings;
    }
}
