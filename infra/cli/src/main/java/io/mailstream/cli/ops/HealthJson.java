package io.mailstream.cli.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailstream.telemetry.HealthReport;

/** {@code {"service":"dispatcher","status":"UP","checks":{...},"details":{...}}}. */
final class HealthJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthJson() {
    }

    static String render(String service, HealthReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("service", service);
        root.put("status", report.up() ? "UP" : "DOWN");
        ObjectNode checks = root.putObject("checks");
        report.checks().forEach(checks::put);
        if (!report.details().isEmpty()) {
            ObjectNode details = root.putObject("details");
            report.details().forEach(details::put);
        }
        return root.toString();
    }
}
