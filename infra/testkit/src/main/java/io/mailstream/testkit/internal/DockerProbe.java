package io.mailstream.testkit.internal;

import org.testcontainers.DockerClientFactory;

/** Asks Testcontainers whether a Docker engine answers; any failure to ask means no. */
public final class DockerProbe {
    private DockerProbe() {
    }

    public static boolean isDockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
