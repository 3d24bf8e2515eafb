package io.mailstream.dispatcher.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MtaStsPolicyTest {
    @Test
    void parseShouldReadTheRfc8461ExampleWithLfOrCrlfLineEnds() {
        String rfc = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\nmx: backupmx.example.com\n"
                + "max_age: 604800\n";

        for (String text : new String[] {rfc, rfc.replace("\n", "\r\n")}) {
            MtaStsPolicy p = MtaStsPolicy.parse("20160831085700Z", text);

            assertThat(p.mode()).isEqualTo(MtaStsMode.ENFORCE);
            assertThat(p.mx()).containsExactly("mail.example.com", "*.example.net", "backupmx.example.com");
            assertThat(p.maxAge()).isEqualTo(Duration.ofDays(7));
        }
    }

    @Test
    void matchesShouldLetAWildcardStandForExactlyOneLeftmostLabel() {
        MtaStsPolicy p = MtaStsPolicy.parse("1", "version: STSv1\nmode: enforce\nmx: *.example.net\nmx: mail.example.com\nmax_age: 60\n");

        assertThat(p.matches("mx1.example.net")).isTrue();
        assertThat(p.matches("MX1.Example.NET.")).isTrue();
        assertThat(p.matches("a.b.example.net")).isFalse();
        assertThat(p.matches("example.net")).isFalse();
        assertThat(p.matches("mail.example.com")).isTrue();
        assertThat(p.matches("xmail.example.com")).isFalse();
    }

    @Test
    void parseShouldCapMaxAgeAtOneYearAndIgnoreUnknownKeys() {
        MtaStsPolicy p = MtaStsPolicy.parse("1", "version: STSv1\nmode: testing\nmx: a.test\nmax_age: 9999999999\nfuture: x\n");

        assertThat(p.maxAge()).isEqualTo(MtaStsPolicy.MAX_AGE_LIMIT);
        assertThat(p.mode()).isEqualTo(MtaStsMode.TESTING);
    }

    @Test
    void parseShouldRefuseWhatIsNotAnStsV1Policy() {
        assertThatThrownBy(() -> MtaStsPolicy.parse("1", "version: STSv2\nmode: enforce\nmx: a.test\nmax_age: 60\n"))
                .isInstanceOf(MtaStsPolicy.InvalidPolicyException.class).hasMessageContaining("STSv1");
        assertThatThrownBy(() -> MtaStsPolicy.parse("1", "version: STSv1\nmode: strict\nmx: a.test\nmax_age: 60\n"))
                .hasMessageContaining("strict");
        assertThatThrownBy(() -> MtaStsPolicy.parse("1", "version: STSv1\nmode: enforce\nmax_age: 60\n"))
                .hasMessageContaining("no mx");
        assertThatThrownBy(() -> MtaStsPolicy.parse("1", "version: STSv1\nmode: enforce\nmx: a.test\n"))
                .hasMessageContaining("max_age");
    }
}
