package io.mailstream.dispatcher.suppress;

class SuppressionListTest extends SuppressionStoreContract {
    @Override
    protected SuppressionStore newStore(UnsubscribeScope unsubscribes) {
        return new SuppressionList(clock, unsubscribes);
    }
}
