package io.mailstream.console.state;

/** What one raw bounce ({@code mail.bounces.raw}) says about our messages, as the console counts it. */
public sealed interface BounceNotice {
    record Complaint(String messageId) implements BounceNotice {
    }

    record Bounce(String messageId, String recipient, String reason) implements BounceNotice {
    }

    record Delay(String messageId) implements BounceNotice {
    }
}
