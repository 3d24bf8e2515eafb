package io.mailstream.dispatcher.suppress;

/**
 * How far an unsubscribe reaches ({@code suppressions.unsubscribe-scope}). Hard bounces,
 * complaints, soft-bounce windows and manual entries are global whatever this says.
 */
public enum UnsubscribeScope {
    /** An unsubscribe blocks campaign mail of the list (or campaign family) it came from; an unscoped one blocks every list. */
    LIST,
    /** Every unsubscribe blocks all campaign mail, whatever list it came from. */
    GLOBAL
}
