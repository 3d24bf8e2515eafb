package io.mailstream.cli.lag;

/** Kafka answered, but with an error (authorization, unknown group, ...), for one step of a lag read. */
public final class LagReadException extends LagException {
    private static final long serialVersionUID = 1L;

    private final String step;

    private LagReadException(String step, Throwable cause) {
        super("reading lag failed while " + step + ": " + cause.getMessage(), cause);
        this.step = step;
    }

    public static LagReadException create(String step, Throwable cause) {
        return new LagReadException(step, cause);
    }

    public String step() {
        return step;
    }
}
