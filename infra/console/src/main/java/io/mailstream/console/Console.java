package io.mailstream.console;

import io.mailstream.console.lag.LagSource;
import io.mailstream.console.state.Counting;
import io.mailstream.console.state.PipelineState;
import io.mailstream.console.state.TopicFollower;
import io.mailstream.console.web.CampaignActions;
import io.mailstream.console.web.ConsoleServer;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistry;
import java.time.Clock;
import java.util.Optional;

/**
 * A running console: the topic follower that keeps its {@link PipelineState} current and the web
 * server that shows it. Closing it stops both.
 */
public final class Console implements AutoCloseable {
    private final TopicFollower follower;
    private final ConsoleServer server;
    private final String host;

    private Console(TopicFollower follower, ConsoleServer server, String host) {
        this.follower = follower;
        this.server = server;
        this.host = host;
    }

    /**
     * Starts following the topics and serving.
     *
     * @param counting how campaigns are counted and raw bounces read (the launcher supplies the bounce processor's)
     * @param actions  campaign state changes; empty for a read-only console
     */
    public static Console start(ConsoleConfig config, KafkaConnection kafka, SchemaRegistry registry, LagSource lag,
                                Counting counting, Optional<CampaignActions> actions) {
        PipelineState state = new PipelineState(Clock.systemUTC(), counting);
        TopicFollower follower = TopicFollower.start(kafka, registry, state);
        try {
            ConsoleServer server = ConsoleServer.start(config, state, lag, actions);
            return new Console(follower, server, config.bind());
        } catch (RuntimeException e) {
            follower.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    /** The address to open in a browser. */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    @Override
    public void close() {
        server.close();
        follower.close();
    }
}
