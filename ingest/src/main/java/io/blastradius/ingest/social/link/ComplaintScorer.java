package io.blastradius.ingest.social.link;

import io.blastradius.ingest.social.link.ComplaintLexicon.Category;
import io.blastradius.ingest.social.link.ComplaintLexicon.Hit;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the phrases found in a post into a 0..1 complaint score: a logistic function of a weighted
 * sum. Outage phrases, error codes, "anyone else?" and an outage phrase right next to a named service
 * push it up; price talk, announcements, praise, "back up now", "not down" and hypotheticals
 * ("if AWS goes down...") push it down. Weights were set by hand on the tuning part of the labelled
 * set (see docs/social.md); the held-out part was not looked at while setting them.
 */
final class ComplaintScorer {
    private static final double BIAS = -2.2;
    private static final double OUTAGE_FIRST = 3.0;
    private static final double OUTAGE_MORE = 0.6;
    private static final double CODE_ALONE = 2.6;
    private static final double CODE_WITH_OUTAGE = 0.8;
    private static final double SYMPTOM_FIRST = 1.4;
    private static final double SYMPTOM_MORE = 0.4;
    private static final double QUESTION = 1.2;
    private static final double FRUSTRATION = 0.5;
    private static final double NEXT_TO_NAME = 0.8;
    private static final double OUTAGE_CHECKER = 2.5;
    private static final double RESOLVED = -2.0;
    private static final double NEGATION = -3.5;
    private static final double HYPOTHETICAL = -3.0;
    private static final double RETROSPECTIVE = -2.0;
    private static final double ANNOUNCEMENT = -1.6;
    private static final double POSITIVE = -1.4;
    private static final double FINANCE = -1.2;
    private static final double PRICE_MOVE = -0.8;
    private static final int NEAR = 3;

    double score(List<Token> tokens, List<Hit> hits, List<int[]> names, int emoji, boolean outageChecker) {
        Map<Category, Set<String>> distinct = new EnumMap<>(Category.class);
        for (Hit h : hits) {
            distinct.computeIfAbsent(h.category(), k -> new HashSet<>()).add(h.canonical());
        }
        int outage = count(distinct, Category.OUTAGE);
        int codes = count(distinct, Category.CODE);
        int symptoms = count(distinct, Category.SYMPTOM);
        double sum = BIAS;
        if (outage > 0) {
            sum += OUTAGE_FIRST + OUTAGE_MORE * Math.min(3, outage - 1);
        }
        if (codes > 0) {
            sum += outage > 0 ? CODE_WITH_OUTAGE : CODE_ALONE;
        }
        if (symptoms > 0) {
            sum += SYMPTOM_FIRST + SYMPTOM_MORE * Math.min(2, symptoms - 1);
        }
        if (has(distinct, Category.QUESTION)) {
            sum += QUESTION;
        }
        if (has(distinct, Category.FRUSTRATION) || (emoji & Tokenizer.EMOJI_FRUSTRATED) != 0) {
            sum += FRUSTRATION;
        }
        if (outageChecker) {
            sum += OUTAGE_CHECKER;
        }
        if (outageNextToName(hits, names)) {
            sum += NEXT_TO_NAME;
        }
        if (has(distinct, Category.RESOLVED)) {
            sum += RESOLVED;
        }
        if (has(distinct, Category.NEGATION)) {
            sum += NEGATION;
        }
        if (has(distinct, Category.HYPOTHETICAL)) {
            sum += HYPOTHETICAL;
        }
        if (has(distinct, Category.RETROSPECTIVE)) {
            sum += RETROSPECTIVE;
        }
        if (has(distinct, Category.ANNOUNCEMENT)) {
            sum += ANNOUNCEMENT;
        }
        if (has(distinct, Category.POSITIVE) || (emoji & Tokenizer.EMOJI_LOVE) != 0) {
            sum += POSITIVE;
        }
        boolean cashtag = tokens.stream().anyMatch(t -> t.kind() == Token.Kind.CASHTAG);
        if (has(distinct, Category.FINANCE) || cashtag || (emoji & Tokenizer.EMOJI_MONEY) != 0) {
            sum += FINANCE;
        }
        if (has(distinct, Category.PRICE_MOVE)) {
            sum += PRICE_MOVE;
        }
        return 1.0 / (1.0 + Math.exp(-sum));
    }

    private static boolean outageNextToName(List<Hit> hits, List<int[]> names) {
        for (Hit h : hits) {
            if (h.category() != Category.OUTAGE && h.category() != Category.CODE && h.category() != Category.SYMPTOM) {
                continue;
            }
            for (int[] n : names) {
                if ((h.start() >= n[1] && h.start() - n[1] < NEAR) || (h.end() <= n[0] && n[0] - h.end() < NEAR)
                        || (h.start() < n[1] && n[0] < h.end())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int count(Map<Category, Set<String>> distinct, Category c) {
        Set<String> s = distinct.get(c);
        return s == null ? 0 : s.size();
    }

    private static boolean has(Map<Category, Set<String>> distinct, Category c) {
        return distinct.containsKey(c);
    }
}
