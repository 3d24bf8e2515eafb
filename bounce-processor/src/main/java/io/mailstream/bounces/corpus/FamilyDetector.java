package io.mailstream.bounces.corpus;

import io.mailstream.bounces.classify.MtaFamily;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.mailstream.bounces.classify.MtaFamily.*;

/**
 * Tells which MTA family or provider wrote a bounce, from the message alone: the hosts it names
 * (Remote-MTA, "host X said", Reporting-MTA, its own From / Received / Message-Id), product
 * headers (X-Mailer, vendor X- fields) and the fixed sentences each MTA opens its report with.
 * Used to group the labelled corpus for the leave-one-family-out evaluation; file names are never
 * looked at.
 *
 * <p>Order of evidence: the receiving provider named as the remote host (its reply codes are what
 * is being classified), then a provider named in the bounce's own header, then filtering products,
 * then the MTA software's report sentences; {@link MtaFamily#OTHER} when nothing matches. Only the
 * bounce's own part is read (up to the returned message or {@value #READ_LIMIT} bytes), so the
 * returned message's headers do not count.
 */
public final class FamilyDetector {
    private static final int READ_LIMIT = 12_000;

    /** Host or domain fragments of each provider's mail servers and bounce senders. */
    private static final Map<MtaFamily, List<String>> PROVIDER_HOSTS = new java.util.LinkedHashMap<>();
    /** Product names and the fixed sentences of each MTA's report, after the provider hosts. */
    private static final Map<MtaFamily, List<String>> SIGNATURES = new java.util.LinkedHashMap<>();

    static {
        PROVIDER_HOSTS.put(MICROSOFT, List.of("outlook.com", "hotmail.com", "live.com", "msn.com", "microsoft.com",
                "exchangelabs.com"));
        PROVIDER_HOSTS.put(GOOGLE, List.of("google.com", "googlemail.com", "gmail.com", "googlegroups.com"));
        PROVIDER_HOSTS.put(YAHOO_AOL, List.of("yahoo.com", "yahoodns.net", "yahoo.co", "aol.com", "verizon.net",
                "yahooinc.com", "yahoo.net"));
        PROVIDER_HOSTS.put(APPLE, List.of("icloud.com", "me.com", "mac.com", "apple.com", "appleid.com"));
        PROVIDER_HOSTS.put(AMAZON, List.of("amazonses.com", "amazonaws.com", "awsapps.com"));
        PROVIDER_HOSTS.put(SENDGRID, List.of("sendgrid.net", "sendgrid.com"));
        PROVIDER_HOSTS.put(MAILGUN, List.of("mailgun.org", "mailgun.net"));
        PROVIDER_HOSTS.put(GODADDY, List.of("secureserver.net"));
        PROVIDER_HOSTS.put(ZOHO, List.of("zoho.com", "zohomail", "zoho.eu"));
        PROVIDER_HOSTS.put(MIMECAST, List.of("mimecast"));
        PROVIDER_HOSTS.put(PROOFPOINT, List.of("pphosted.com", "ppe-hosted.com", "proofpoint"));
        PROVIDER_HOSTS.put(BARRACUDA, List.of("barracudanetworks.com", "cudamail.com", "barracuda"));
        PROVIDER_HOSTS.put(FILTERING_GATEWAY, List.of("messagelabs.com", "mxlogic", "mcafee"));
        PROVIDER_HOSTS.put(US_CABLE_ISP, List.of("cox.net", "cloudfilter.net", "charter.net", "spectrum.net", "rr.com",
                "comcast.net"));
        PROVIDER_HOSTS.put(ORANGE_LAPOSTE, List.of("orange.fr", "wanadoo.fr", "laposte.net"));
        PROVIDER_HOSTS.put(GMX_WEBDE, List.of("gmx.net", "gmx.de", "gmx.com", "web.de", "kundenserver.de", "1and1", "1und1"));
        PROVIDER_HOSTS.put(MAILRU, List.of("mail.ru"));
        PROVIDER_HOSTS.put(YANDEX, List.of("yandex.ru", "yandex.net", "yandex.com"));
        PROVIDER_HOSTS.put(TENCENT, List.of("qq.com", "tencent.com", "foxmail.com"));
        PROVIDER_HOSTS.put(NETEASE, List.of("mail.163.com", "163.com", "126.com", "netease.com", "yeah.net"));
        PROVIDER_HOSTS.put(JAPANESE_CARRIER, List.of("ezweb.ne.jp", "au.com", "kddi.com", "docomo.ne.jp",
                "biglobe.ne.jp", "softbank.ne.jp"));
        PROVIDER_HOSTS.put(FACEBOOK, List.of("facebook.com"));
        PROVIDER_HOSTS.put(IUA, List.of("i.ua", "email.ua"));
        PROVIDER_HOSTS.put(ATT, List.of("att.net", "bellsouth.net", "prodigy.net", "sbcglobal.net"));
        PROVIDER_HOSTS.put(RACKSPACE, List.of("emailsrvr.com"));
        PROVIDER_HOSTS.put(CISCO_ESA, List.of("iphmx.com"));
        PROVIDER_HOSTS.put(SOPHOS, List.of("sophos.com"));
        PROVIDER_HOSTS.put(HORNETSECURITY, List.of("hornetsecurity.com", "antispameurope.com"));
        PROVIDER_HOSTS.put(KOREAN_PORTAL, List.of("naver.com", "hanmail.net", "daum.net", "kakao.com", "paran.com"));

        SIGNATURES.put(FILTERING_GATEWAY, List.of("x-nai-header", "mailfoundry", "surfcontrol", "m-filter",
                "trend micro", "interscan", "mailmarshal", "messagelabs", "activehunter", "amavis", "x-mxl-"));
        SIGNATURES.put(BARRACUDA, List.of("barracuda"));
        SIGNATURES.put(MIMECAST, List.of("mimecast"));
        SIGNATURES.put(AMAZON, List.of("x-ses-outgoing", "amazon ses", "amazonses"));
        // PowerMTA's report: its category field and its report's opening (Sisimai Lhost::PowerMTA)
        SIGNATURES.put(POWERMTA, List.of("x-powermta-", "hello, this is the mail server on"));
        SIGNATURES.put(MICROSOFT, List.of("x-ms-exchange", "microsoft exchange", "microsoftexchange",
                "delivery has failed to these recipients", "diagnostic information for administrators",
                "x-mimeole: produced by microsoft"));
        SIGNATURES.put(DOMINO, List.of("lotus domino", "lotus notes", "domino directory", "x-mailer: lotus"));
        SIGNATURES.put(IMAIL, List.of("x-mailer: <smtp32", "ipswitch imail", "imail server"));
        SIGNATURES.put(MESSAGING_SERVER, List.of("messaging server", "process-daemon.", "(tcp-daemon)", "tcp_intranet"));
        SIGNATURES.put(DRAGONFLY_DMA, List.of("dragonfly mail agent"));
        SIGNATURES.put(OPENSMTPD, List.of("this is the mailer-daemon, please do not reply", "opensmtpd"));
        SIGNATURES.put(COURIER, List.of("courier mail server", "=_courier_", "<courier."));
        SIGNATURES.put(QMAIL, List.of("this is the qmail-send program", "qmail-send", "qmail"));
        SIGNATURES.put(EXIM, List.of("this message was created automatically by mail delivery software",
                "x-failed-recipients", "exim"));
        SIGNATURES.put(POSTFIX, List.of("this is the mail system at host", "x-postfix-", "postfix"));
        SIGNATURES.put(SENDMAIL, List.of("----- transcript of session follows -----", "the original message was received at",
                "sendmail", "mail delivery subsystem"));
    }

    private FamilyDetector() {
    }

    public static MtaFamily detect(byte[] raw) {
        String text = new String(raw, 0, Math.min(raw.length, READ_LIMIT), StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT).replace("\r\n", "\n").replace('\r', '\n');
        int returned = returnedMessageStart(text);
        String own = returned > 0 ? text.substring(0, returned) : text;
        int headerEnd = own.indexOf("\n\n");
        String header = headerEnd > 0 ? own.substring(0, headerEnd) : own;
        String remote = remoteHosts(own);
        for (String where : List.of(remote, selfNaming(header, own))) {
            for (Map.Entry<MtaFamily, List<String>> e : PROVIDER_HOSTS.entrySet()) {
                if (containsAny(where, e.getValue())) {
                    return e.getKey();
                }
            }
        }
        for (Map.Entry<MtaFamily, List<String>> e : SIGNATURES.entrySet()) {
            if (containsAny(own, e.getValue())) {
                return e.getKey();
            }
        }
        return OTHER;
    }

    /** Remote-MTA fields and "host X[addr] said" / "X [addr] did not like" lines: the receiving side. */
    private static String remoteHosts(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("remote-mta:") || l.contains(" said:") || l.contains("] said")
                    || l.contains("did not like") || l.startsWith("remote host said")) {
                sb.append(l).append('\n');
            }
        }
        return sb.toString();
    }

    /** The bounce's own From, Received, Message-Id and Reporting-MTA: the side that wrote it. */
    private static String selfNaming(String header, String own) {
        StringBuilder sb = new StringBuilder();
        for (String line : header.split("\n(?![ \t])")) {
            if (line.startsWith("from:") || line.startsWith("received:") || line.startsWith("message-id:")) {
                sb.append(line).append('\n');
            }
        }
        for (String line : own.split("\n")) {
            if (line.strip().startsWith("reporting-mta:")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** Where the returned message (or its headers) begins, -1 if not found. */
    private static int returnedMessageStart(String text) {
        int best = -1;
        for (String marker : List.of("content-type: message/rfc822", "content-type: text/rfc822-headers",
                "------ this is a copy of the message", "original message follows", "----- unsent message follows",
                "----- original message -----", "message headers follow")) {
            int i = text.indexOf(marker);
            if (i > 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    private static boolean containsAny(String text, List<String> needles) {
        for (String n : needles) {
            if (text.contains(n)) {
                return true;
            }
        }
        return false;
    }
}
