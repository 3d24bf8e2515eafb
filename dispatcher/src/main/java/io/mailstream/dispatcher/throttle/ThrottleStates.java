package io.mailstream.dispatcher.throttle;

import java.util.List;

/** Read-only view of the adaptive throttle, for metrics and operators: one entry per destination that has slowed down or is recovering. */
public interface ThrottleStates {
    List<ThrottleState> snapshot();
}
