package io.mailstream.producer.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.ids.MessageIds;
import org.junit.jupiter.api.Test;

class DuplicateFilterTest {

    private static String id(int i) {
        return MessageIds.forCampaign("c", EmailAddress.parse("user" + i + "@example.com"));
    }

    @Test
    void repeatInsideTheWindowShouldBeCaught() {
        DuplicateFilter filter = new DuplicateFilter(1024);

        assertThat(filter.firstTime(id(1))).isTrue();
        assertThat(filter.firstTime(id(2))).isTrue();
        assertThat(filter.firstTime(id(1))).isFalse();
    }

    @Test
    void repeatPushedOutOfTheWindowShouldBePublishedAgain() {
        DuplicateFilter filter = new DuplicateFilter(1);

        assertThat(filter.firstTime(id(1))).isTrue();
        assertThat(filter.firstTime(id(2))).isTrue();
        assertThat(filter.firstTime(id(1))).as("evicted by id 2: passed on, the ledger mails it once").isTrue();
    }

    @Test
    void distinctRecipientsShouldNeverBeTakenForRepeatsWhateverTheWindow() {
        DuplicateFilter filter = new DuplicateFilter(4);
        for (int i = 0; i < 200_000; i++) {
            assertThat(filter.firstTime(id(i))).as("recipient %d", i).isTrue();
        }
    }

    @Test
    void windowThatIsNotAPowerOfTwoShouldBeRefused() {
        assertThatThrownBy(() -> new DuplicateFilter(1000)).hasMessageContaining("power of two").hasMessageContaining("1000");
    }
}
