package io.mailstream.bounces.topology.internal;

/** A raw record after decoding: the value, or the original bytes and why they did not decode. */
public record Decoded<T>(T value, byte[] original, String error) {
    public static <T> Decoded<T> ok(T value) {
        return new Decoded<>(value, null, null);
    }

    public static <T> Decoded<T> failed(byte[] original, String error) {
        return new Decoded<>(null, original, error);
    }

    public boolean isOk() {
        return error == null;
    }
}
