package io.mailstream.console.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EarlyReportsTest {

    @Test
    void reportsShouldBeReleasedOnceInTheOrderReadAndTheOldestMessageForgottenPastTheBound() {
        EarlyReports early = new EarlyReports(2);
        early.hold("m-1", new BounceNotice.Delay("m-1"));
        early.hold("m-1", new BounceNotice.Bounce("m-1", "a@example.com", "userunknown"));
        early.hold("m-2", new BounceNotice.Complaint("m-2"));
        early.hold("m-3", new BounceNotice.Delay("m-3"));

        assertThat(early.size()).isEqualTo(2);
        assertThat(early.release("m-1")).as("the oldest message is forgotten past the bound").isEmpty();
        assertThat(early.release("m-2")).containsExactly(new BounceNotice.Complaint("m-2"));
        assertThat(early.release("m-2")).as("released once").isEmpty();
        assertThat(early.release("m-3")).containsExactly(new BounceNotice.Delay("m-3"));
    }

    @Test
    void aMessagesReportsShouldComeBackOldestFirst() {
        EarlyReports early = new EarlyReports(EarlyReports.MAX_HELD_MESSAGES);
        early.hold("m-1", new BounceNotice.Delay("m-1"));
        early.hold("m-1", new BounceNotice.Bounce("m-1", "a@example.com", "userunknown"));

        assertThat(early.release("m-1")).containsExactly(new BounceNotice.Delay("m-1"),
                new BounceNotice.Bounce("m-1", "a@example.com", "userunknown"));
    }
}
