package io.mailstream.producer.cli;

import io.mailstream.avro.CampaignState;
import io.mailstream.producer.launch.CampaignStateChanger;
import io.mailstream.producer.launch.StateChange;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shared body of {@code pause}, {@code resume} and {@code cancel}: republish a campaign with a new state. */
abstract class StateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The campaign id.")
    String campaignId;

    @Mixin
    ClusterOptions cluster;

    abstract CampaignState target();

    StateChange change(CampaignStateChanger changer) {
        return changer.change(campaignId, target());
    }

    String describe(StateChange change) {
        return change.describe();
    }

    @Override
    public Integer call() {
        try (CampaignStateChanger changer = CampaignStateChanger.connect(cluster.toConfig(), Clock.systemUTC())) {
            StateChange change = change(changer);
            spec.commandLine().getOut().println(describe(change));
            spec.commandLine().getOut().flush();
            return CommandErrors.OK;
        } catch (RuntimeException e) {
            return CommandErrors.report(e, spec.commandLine().getErr());
        }
    }
}
