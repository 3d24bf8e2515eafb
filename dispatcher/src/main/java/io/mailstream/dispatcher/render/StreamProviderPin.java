package io.mailstream.dispatcher.render;

/**
 * Names Jakarta Mail's stream provider (Angus Mail's) in the system property that
 * {@code jakarta.mail.util.FactoryFinder} checks first. Without it, jakarta.mail-api 2.1.x runs a
 * {@link java.util.ServiceLoader} scan of every jar on the class path each time a body part or
 * multipart is created, encoded or written (jakartaee/mail-api#861): about half of the delivery
 * workers' CPU in {@code mailstream bench delivery}, with ~150 jars on the class path. A value
 * already set (by the operator, or an application server) is left alone.
 */
public final class StreamProviderPin {
    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private StreamProviderPin() {
    }

    /** Idempotent; call before building or sending MIME messages. */
    public static void ensure() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, ANGUS);
        }
    }
}
