package io.mailstream.tracking.classify;

/** The coarse class of the software that made a tracking request: all that is kept of its User-Agent by default. */
public enum ClientClass {
    /** A web browser (a person following a link). */
    BROWSER,
    /** A desktop or mobile mail client fetching the pixel itself. */
    MAIL_CLIENT,
    /** A webmail image proxy that fetches when the person opens the mail (Gmail's GoogleImageProxy, Yahoo's): a human open. */
    WEBMAIL_PROXY,
    /** A privacy proxy that prefetches whether or not the mail is read (Apple Mail Privacy Protection): a machine. */
    PRIVACY_PROXY,
    /** A security scanner, link checker or script that follows links before (or instead of) the person: a machine. */
    SCANNER,
    UNKNOWN
}
