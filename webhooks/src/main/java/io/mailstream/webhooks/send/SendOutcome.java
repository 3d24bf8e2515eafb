package io.mailstream.webhooks.send;

/** How a batch left: accepted by the endpoint, or given up (it goes to the dead letters). */
public sealed interface SendOutcome {
    int attempts();

    record Delivered(int attempts, int status) implements SendOutcome {
    }

    /** @param status the last HTTP status, 0 when the last attempt got no answer */
    record GaveUp(int attempts, int status, String reason) implements SendOutcome {
    }
}
