package io.mailstream.webhooks.send;

/** Posts one signed batch to one endpoint. Never throws for HTTP or network failures: they are {@link PostResult}s. */
public interface EndpointClient {
    PostResult post(byte[] body, String signatureHeader) throws InterruptedException;
}
