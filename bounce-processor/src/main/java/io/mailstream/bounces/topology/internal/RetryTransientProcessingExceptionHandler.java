package io.mailstream.bounces.topology.internal;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processing errors: a {@link TransientReadException} fails the stream thread (it is replaced, and
 * the record is read again from the last commit, so a bounce is never lost to a registry outage);
 * anything else is logged and the record skipped, as Kafka's {@code LogAndContinueProcessingExceptionHandler}
 * does (corrupt values never get here: they are dead-lettered by {@link DecodeProcessor}).
 */
public final class RetryTransientProcessingExceptionHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RetryTransientProcessingExceptionHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof TransientReadException transientError) {
                LOG.warn("{}: failing the stream thread so that it is replaced and reads the record again", transientError.getMessage());
                return Response.fail();
            }
        }
        LOG.warn("Skipping a record of {}-{}@{} after a processing error in {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), exception);
        return Response.resume();
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
