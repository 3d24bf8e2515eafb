package io.mailstream.bounces.classify;

import io.mailstream.bounces.classify.ProviderRules.ProviderRule;
import java.util.List;

import static io.mailstream.bounces.BounceReason.*;
import static io.mailstream.bounces.classify.MtaFamily.KOREAN_PORTAL;
import static io.mailstream.bounces.classify.ProviderRules.ProviderRule.code;

/**
 * Replies of the Korean portals' mail servers (Naver, Daum / Kakao's hanmail.net, Paran) that Korean
 * administrators' reference lists of returned-mail texts explain: each refuses the sending IP in words the general
 * rules read as a content verdict ("blocked ... by anti-spam system", "SPAM_SUSPECT") or, at the greeting, as a
 * block. Decisive, withheld with {@link MtaFamily#KOREAN_PORTAL} by the leave-one-family-out evaluation.
 */
final class KoreanPortalReplies {
    private KoreanPortalReplies() {
    }

    static List<ProviderRule> all() {
        return RULES;
    }

    private static final String KR_LISTS = "Korean administrators' lists of portal replies: "
            + "https://puffinknight.tistory.com/102 (\"대량 메일 발송으로 인해 대형포털로부터 IP가 차단된 경우\"); "
            + "https://auctionpro.co.kr/?p=2544 (hanmail.net DAS51)";

    private static final List<ProviderRule> RULES = List.of(
            // Naver: "421 4.3.1 You send too many messages.": the sending IP's message rate (the lists file it under
            // IPs throttled for bulk sending), not a block of the host
            code(KOREAN_PORTAL, SPEEDING, List.of("you send too many messages"), KR_LISTS + " (Naver 421 4.3.1)"),
            // Naver: "421 4.3.2 Your IP(...) is filtered ... You must register your IP to http://realip.naver.com";
            // Daum: "554 5.7.1 DAS51 <ip>: Your mail is blocked automatically by anti-spam system. (E06)" (the IP put on
            // its block list after spam from it); Paran: "Transaction failed. (SPAM_SUSPECT:IP_CONTROL)
            // (http://cleanip.paran.com)": each refuses the sending IP, not this message's content
            code(KOREAN_PORTAL, BLOCKED, List.of("realip.naver.com", "blocked automatically by anti-spam system",
                    "spam_suspect:ip_control", "cleanip.paran.com"), KR_LISTS + " (Naver realip, Daum DAS51, Paran cleanip)"));
}
