package io.mailstream.cli.ops;

import io.mailstream.telemetry.OpsServer;
import io.mailstream.telemetry.OpsServerFactory;

/** The launcher's {@link OpsServerFactory}: an {@link HttpOpsServer}, or none for {@link #DISABLED_PORT}. */
public final class HttpOpsServerFactory implements OpsServerFactory {

    @Override
    public OpsServer start(String service, int port) {
        return port == DISABLED_PORT ? OpsServerFactory.disabled().start(service, port) : HttpOpsServer.start(service, port);
    }
}
