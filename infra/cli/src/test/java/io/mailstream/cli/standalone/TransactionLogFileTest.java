package io.mailstream.cli.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.embedded.smtp.SinkTransaction;
import io.mailstream.schemas.address.EmailAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionLogFileTest {
    @TempDir
    Path dir;

    @Test
    void transactionsShouldReadBackAsWrittenToTheMicrosecondAndACutLastLineShouldBeLeftOut() throws Exception {
        Path file = dir.resolve("tx.tsv");
        SinkTransaction accepted = new SinkTransaction("d1.test", "/127.0.0.1:40000", Instant.parse("2026-12-03T12:00:00.123456Z"),
                Instant.parse("2026-12-03T12:00:00.223456Z"),
                List.of(EmailAddress.parse("a@x.test"), EmailAddress.parse("b@x.test")), true);
        SinkTransaction dropped = new SinkTransaction("bad\tname", "/127.0.0.1:40001", Instant.parse("2026-12-03T12:00:01Z"),
                Instant.parse("2026-12-03T12:00:02Z"), List.of(), false);
        try (TransactionLogFile log = TransactionLogFile.create(file)) {
            log.ended(accepted);
            log.ended(dropped);
        }
        Files.writeString(file, "1764763200000000\t17647632", StandardOpenOption.APPEND); // a sink killed mid-line

        List<SinkTransaction> read = TransactionLogFile.read(file);

        assertThat(read).hasSize(2);
        assertThat(read.get(0)).isEqualTo(accepted);
        assertThat(read.get(1).helo()).isEqualTo("bad name");
        assertThat(read.get(1).recipients()).isEmpty();
        assertThat(read.get(1).accepted()).isFalse();
    }
}
