package io.mailstream.bounces.classify;

/**
 * The MTA software or mailbox provider a bounce's wording comes from. Provider-specific rules
 * ({@link ProviderRules}) declare the family they were written for, so that an evaluation can
 * switch a family's own rules off and judge that family's bounces with the general rules alone
 * (leave-one-family-out, see {@code corpus.LeaveOneFamilyOut}).
 */
public enum MtaFamily {
    // mailbox providers and hosted services (their own reply codes and texts)
    MICROSOFT("Exchange / Office 365 / Outlook.com"),
    GOOGLE("Gmail / Google Workspace / Groups"),
    YAHOO_AOL("Yahoo / AOL / Verizon"),
    APPLE("iCloud"),
    AMAZON("Amazon SES / WorkMail"),
    SENDGRID("SendGrid"),
    MAILGUN("Mailgun"),
    GODADDY("GoDaddy (secureserver.net)"),
    ZOHO("Zoho"),
    MIMECAST("Mimecast"),
    PROOFPOINT("Proofpoint"),
    BARRACUDA("Barracuda"),
    FILTERING_GATEWAY("filtering gateways (McAfee/MXLogic, MailFoundry, SurfControl, m-FILTER, Trend Micro, MessageLabs ...)"),
    US_CABLE_ISP("Cox / Spectrum / Comcast"),
    ORANGE_LAPOSTE("Orange / La Poste"),
    GMX_WEBDE("GMX / Web.de / 1&1"),
    MAILRU("Mail.ru"),
    YANDEX("Yandex"),
    TENCENT("Tencent QQ"),
    NETEASE("NetEase 163 / 126 / yeah.net"),
    JAPANESE_CARRIER("KDDI au / NTT docomo / Biglobe"),
    FACEBOOK("Facebook (facebook.com mail)"),
    IUA("i.ua (Ukraine)"),
    ATT("AT&T / BellSouth / prodigy.net"),
    RACKSPACE("Rackspace Email (emailsrvr.com)"),
    CISCO_ESA("Cisco Secure Email / IronPort appliances (iphmx.com)"),
    SOPHOS("Sophos Central Email (hydra.sophos.com)"),
    HORNETSECURITY("Hornetsecurity / antispameurope"),
    KOREAN_PORTAL("Naver / Daum (Kakao) / Paran portals"),
    // MTA software (where status, reply and address live in the bounce)
    POSTFIX("Postfix"),
    SENDMAIL("Sendmail"),
    EXIM("Exim"),
    QMAIL("qmail"),
    OPENSMTPD("OpenSMTPD"),
    DRAGONFLY_DMA("DragonFly Mail Agent"),
    COURIER("Courier"),
    DOMINO("Lotus Domino / Notes"),
    MESSAGING_SERVER("Oracle / Sun Messaging Server"),
    IMAIL("Ipswitch / Progress IMail Server"),
    POWERMTA("PowerMTA (its reports' X-PowerMTA-BounceCategory)"),
    /** Nothing recognisable: generic RFC 3464 reports, feedback reports, auto-replies, unknown MTAs. */
    OTHER("other / unrecognised");

    private final String description;

    MtaFamily(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
