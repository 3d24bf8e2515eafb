package io.mailstream.console.health;

/**
 * One service's answer to {@code /health/ready}.
 *
 * @param detail the service's JSON report (its checks), or why it could not be asked
 */
public record HealthRow(String name, String url, Status status, String detail) {
    public enum Status { READY, NOT_READY, UNREACHABLE }
}
