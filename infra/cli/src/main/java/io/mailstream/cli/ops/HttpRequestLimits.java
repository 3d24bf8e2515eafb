package io.mailstream.cli.ops;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * How long any HTTP server of the launcher's JVM (the transactional API, the suppression and
 * unsubscribe API, the ops endpoints, the schema registry) waits for a request to arrive and for
 * its response to be taken. The JDK's server has no limit by default: a client that trickles its
 * request a byte at a time holds a handler thread for good, and a few of them stop the server
 * (slow loris). The JDK reads its limits once, from system properties, when its first server is
 * created: {@link #applyToJdkHttpServer} must run before that, as {@code Mailstream.main} does.
 *
 * @param requestTimeout  {@code mailstream.http.request-timeout} (ISO-8601, default PT30S): a request
 *                        not fully received by then is dropped and its thread freed
 * @param responseTimeout {@code mailstream.http.response-timeout} (ISO-8601, default PT5M): the JDK
 *                        counts it from the end of the request to the end of the response, handling
 *                        included, so it is generous; a response not done by then is dropped
 */
public record HttpRequestLimits(Duration requestTimeout, Duration responseTimeout) {
    public static final String REQUEST_TIMEOUT = "mailstream.http.request-timeout";
    public static final String RESPONSE_TIMEOUT = "mailstream.http.response-timeout";
    static final String JDK_MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
    static final String JDK_MAX_RSP_TIME = "sun.net.httpserver.maxRspTime";

    public HttpRequestLimits {
        requirePositive(REQUEST_TIMEOUT, requestTimeout);
        requirePositive(RESPONSE_TIMEOUT, responseTimeout);
    }

    /** The limits given as system properties, defaults for those not given. */
    public static HttpRequestLimits from(Properties system) {
        return new HttpRequestLimits(duration(system, REQUEST_TIMEOUT, Duration.ofSeconds(30)),
                duration(system, RESPONSE_TIMEOUT, Duration.ofMinutes(5)));
    }

    /**
     * Sets the JDK server's {@code sun.net.httpserver.maxReqTime} / {@code maxRspTime} (whole
     * seconds, rounded up), unless the user set those themselves.
     */
    public void applyToJdkHttpServer(Properties system) {
        system.putIfAbsent(JDK_MAX_REQ_TIME, Long.toString(seconds(requestTimeout)));
        system.putIfAbsent(JDK_MAX_RSP_TIME, Long.toString(seconds(responseTimeout)));
    }

    private static long seconds(Duration d) {
        return d.plusNanos(999_999_999).getSeconds();
    }

    private static Duration duration(Properties system, String key, Duration fallback) {
        String text = system.getProperty(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT30S, was '" + text + "'");
        }
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, was " + d);
        }
    }
}
