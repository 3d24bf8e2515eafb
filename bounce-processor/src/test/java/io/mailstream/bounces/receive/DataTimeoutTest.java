package io.mailstream.bounces.receive;

import static io.mailstream.bounces.support.TestReturnPaths.RETURN_PATHS;
import static io.mailstream.bounces.support.TestReturnPaths.verp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.support.SampleBounces;
import io.mailstream.bounces.support.SmtpDialog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A message trickled after DATA past {@code dataTimeout} ends the session with 421 and stores nothing. */
class DataTimeoutTest {
    private final List<RawBounce> stored = new CopyOnWriteArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong nanoReads = new AtomicLong();
    private BounceReceiver receiver;

    @BeforeEach
    void start() {
        ReceiverConfig config = ReceiverConfig.of(RETURN_PATHS, 0).withDataTimeout(Duration.ofMinutes(10));
        receiver = BounceReceiver.start(config, (key, bounce) -> stored.add(bounce), Clock.systemUTC(), ReceiverObserver.NONE,
                () -> {
                    nanoReads.incrementAndGet();
                    return nanos.get();
                });
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aMessageStillArrivingAfterTheDataTimeoutShouldGet421AndNothingStored() throws Exception {
        try (Socket s = new Socket("127.0.0.1", receiver.port())) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            assertThat(say(out, in, "HELO mta.example.net")).startsWith("250");
            assertThat(say(out, in, "MAIL FROM:<>")).startsWith("250");
            assertThat(say(out, in, "RCPT TO:<" + verp("m1") + ">")).startsWith("250");
            assertThat(say(out, in, "DATA")).startsWith("354");
            write(out, "From: MAILER-DAEMON@mx.example.net\r\nSubject: Undelivered\r\n\r\nThe first lines, then\r\n");

            // the receiver started the message's clock and read its first bytes; then the client stalls past the limit
            await().atMost(Duration.ofSeconds(10)).until(() -> nanoReads.get() >= 2);
            nanos.addAndGet(Duration.ofMinutes(10).plusSeconds(1).toNanos());
            write(out, "a line much later\r\n");

            String answer = in.readLine();
            assertThat(answer).startsWith("421 4.4.2").contains("nothing was stored");
            assertThat(in.readLine()).as("the connection is closed").isNull();
        }
        assertThat(stored).isEmpty();

        try (SmtpDialog smtp = new SmtpDialog("127.0.0.1", receiver.port())) {
            assertThat(smtp.send("", verp("m2"), SampleBounces.autoReply("a@example.org"))).as("in time").startsWith("250");
        }
        assertThat(stored).hasSize(1);
    }

    private static String say(OutputStream out, BufferedReader in, String line) throws IOException {
        write(out, line + "\r\n");
        String reply;
        do {
            reply = in.readLine();
        } while (reply != null && reply.length() > 3 && reply.charAt(3) == '-');
        return reply;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
