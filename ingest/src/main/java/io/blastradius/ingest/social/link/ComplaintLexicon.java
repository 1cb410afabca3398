package io.blastradius.ingest.social.link;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The phrases of {@code complaint-terms.json}, indexed, and the rules that tell an outage "down"
 * from "down 5%", "calm down" and "I'm down for pizza". {@link #find} returns every phrase in a post
 * with its category; the scorer weighs them.
 */
final class ComplaintLexicon {
    enum Category {
        OUTAGE, CODE, SYMPTOM, QUESTION, FRUSTRATION, RESOLVED, NEGATION, HYPOTHETICAL, RETROSPECTIVE,
        ANNOUNCEMENT, POSITIVE, FINANCE, PRICE_MOVE
    }

    record Term(Category category, String canonical, List<String> tokens) {
    }

    /** A phrase found in a post, spanning tokens {@code [start, end)}. */
    record Hit(Category category, String canonical, int start, int end) {
    }

    private final PhraseIndex<Term> phrases = new PhraseIndex<>();
    private final Map<String, List<Term>> hashtagForms = new HashMap<>();
    private final List<Term> cjk = new ArrayList<>();
    private final Set<String> financeNouns;
    private final Set<String> downIdiomBefore;
    private final PhraseIndex<Boolean> downIdiomAfter = new PhraseIndex<>();
    private final PhraseIndex<Boolean> downForOutage = new PhraseIndex<>();
    private final Set<String> ifQuestion;
    private final Set<String> errorCodeContext;
    private final Set<String> numberUnits;
    private final Set<String> errorCodes;
    private final Set<String> codesNeedingContext;
    private final Set<String> weakCodes;
    private final PhraseIndex<Boolean> serviceNouns = new PhraseIndex<>();
    private final Set<String> outageCheckers;
    private final PhraseIndex<Boolean> failedVerbLead = new PhraseIndex<>();
    private final Set<String> failedVerbStop;

    private ComplaintLexicon(JsonNode root) {
        category(root, "outage", Category.OUTAGE);
        category(root, "symptom", Category.SYMPTOM);
        category(root, "question", Category.QUESTION);
        category(root, "frustration", Category.FRUSTRATION);
        category(root, "resolved", Category.RESOLVED);
        category(root, "negation", Category.NEGATION);
        category(root, "hypothetical", Category.HYPOTHETICAL);
        category(root, "retrospective", Category.RETROSPECTIVE);
        category(root, "announcement", Category.ANNOUNCEMENT);
        category(root, "positive", Category.POSITIVE);
        category(root, "finance", Category.FINANCE);
        cjk(root, "cjkOutage", Category.OUTAGE);
        cjk(root, "cjkSymptom", Category.SYMPTOM);
        cjk(root, "cjkQuestion", Category.QUESTION);
        cjk(root, "cjkResolved", Category.RESOLVED);
        financeNouns = set(root, "financeNouns");
        downIdiomBefore = set(root, "downIdiomBefore");
        phrases(root, "downIdiomAfter", downIdiomAfter);
        phrases(root, "downForOutage", downForOutage);
        ifQuestion = set(root, "ifQuestion");
        errorCodeContext = set(root, "errorCodeContext");
        numberUnits = set(root, "numberUnits");
        errorCodes = set(root, "errorCodes");
        codesNeedingContext = set(root, "errorCodesNeedingContext");
        weakCodes = set(root, "weakErrorCodes");
        phrases(root, "serviceNouns", serviceNouns);
        outageCheckers = new HashSet<>(LexiconFiles.strings(root.get("outageCheckers")));
        phrases(root, "failedVerbLead", failedVerbLead);
        failedVerbStop = set(root, "failedVerbStop");
    }

    static ComplaintLexicon defaults() {
        return new ComplaintLexicon(LexiconFiles.resource("complaint-terms.json"));
    }

    private void category(JsonNode root, String key, Category category) {
        for (String phrase : LexiconFiles.strings(root.get(key))) {
            List<String> tokens = Tokenizer.phrase(phrase, true);
            Term term = new Term(category, phrase, tokens);
            phrases.add(tokens, term);
            hashtagForms.computeIfAbsent(String.join("", tokens), k -> new ArrayList<>(1)).add(term);
        }
    }

    private void cjk(JsonNode root, String key, Category category) {
        for (String phrase : LexiconFiles.strings(root.get(key))) {
            cjk.add(new Term(category, phrase, List.of(phrase)));
        }
    }

    private static Set<String> set(JsonNode root, String key) {
        Set<String> out = new HashSet<>();
        for (String s : LexiconFiles.strings(root.get(key))) {
            out.add(String.join(" ", Tokenizer.phrase(s, true)));
        }
        return out;
    }

    private static void phrases(JsonNode root, String key, PhraseIndex<Boolean> into) {
        for (String s : LexiconFiles.strings(root.get(key))) {
            into.add(Tokenizer.phrase(s, true), Boolean.TRUE);
        }
    }

    boolean isOutageChecker(String host) {
        return outageCheckers.contains(host);
    }

    /** Length of the service noun ("app", "status page") starting at token {@code i}, or 0. */
    int serviceNounAt(List<Token> tokens, int i) {
        if (i >= tokens.size() || tokens.get(i).breakBefore()) {
            return 0;
        }
        PhraseIndex.Match<Boolean> m = serviceNouns.longest(tokens, i, ComplaintLexicon::wordKey);
        return m == null ? 0 : m.length();
    }

    /** The outage terms a hashtag body stands for ("#notworking", "#outage"), or null. */
    List<Term> hashtagTerms(String body) {
        return hashtagForms.get(body);
    }

    List<Hit> find(List<Token> tokens) {
        List<Hit> hits = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.kind() == Token.Kind.CJK) {
                for (Term term : cjk) {
                    if (t.raw().contains(term.canonical())) {
                        hits.add(new Hit(term.category(), term.canonical(), i, i + 1));
                    }
                }
                i++;
                continue;
            }
            if (t.kind() == Token.Kind.HASHTAG) {
                List<Term> terms = hashtagForms.get(t.folded());
                if (terms != null) {
                    for (Term term : terms) {
                        hits.add(new Hit(term.category(), term.canonical(), i, i + 1));
                    }
                }
                i++;
                continue;
            }
            if (t.kind() == Token.Kind.NUMBER) {
                Category code = errorCode(tokens, i);
                if (code != null) {
                    hits.add(new Hit(code, t.lower(), i, i + 1));
                    i++;
                    continue;
                }
                if (t.percent() || t.money()) {
                    hits.add(new Hit(Category.FINANCE, t.percent() ? "%" : "$", i, i + 1));
                }
            }
            PhraseIndex.Match<Term> m = phrases.longest(tokens, i, ComplaintLexicon::wordKey);
            if (m == null) {
                int end = failedVerb(tokens, i);
                if (end > i) {
                    // "won't submit", "not starting", "keeps freezing": a verb that failed, whatever the verb
                    hits.add(new Hit(Category.SYMPTOM, joined(tokens, i, end), i, end));
                    i = end;
                } else {
                    i++;
                }
                continue;
            }
            for (Term term : m.values()) {
                Hit hit = refine(tokens, new Hit(term.category(), term.canonical(), m.start(), m.end()), term);
                if (hit != null) {
                    hits.add(hit);
                }
            }
            i = m.end();
        }
        return hits;
    }

    /** End of "not/won't/can't/keeps + verb" starting at {@code i}, or {@code i} when there is none. */
    private int failedVerb(List<Token> tokens, int i) {
        PhraseIndex.Match<Boolean> lead = failedVerbLead.longest(tokens, i, ComplaintLexicon::wordKey);
        if (lead == null || lead.end() >= tokens.size()) {
            return i;
        }
        Token verb = tokens.get(lead.end());
        if (verb.kind() != Token.Kind.WORD || verb.breakBefore() || verb.folded().length() < 3
                || failedVerbStop.contains(verb.folded())) {
            return i;
        }
        return lead.end() + 1;
    }

    private static String joined(List<Token> tokens, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to; k++) {
            if (k > from) {
                b.append(' ');
            }
            b.append(tokens.get(k).folded());
        }
        return b.toString();
    }

    /** Phrases match words and numbers; hashtags, mentions, links and tickers are not prose. */
    static String wordKey(Token t) {
        return t.isWordLike() ? t.folded() : null;
    }

    private Hit refine(List<Token> tokens, Hit hit, Term term) {
        if (hit.category() == Category.OUTAGE && term.tokens().contains("down")) {
            return switch (downSense(tokens, hit, term)) {
                case OUTAGE -> hit;
                case PRICE -> new Hit(Category.PRICE_MOVE, hit.canonical(), hit.start(), hit.end());
                case IDIOM -> null;
            };
        }
        if (hit.category() == Category.HYPOTHETICAL && term.canonical().equals("if") && hit.start() > 0
                && ifQuestion.contains(tokens.get(hit.start() - 1).folded())) {
            return null; // "anyone know if X is down" asks; it does not suppose
        }
        if (hit.category() == Category.RETROSPECTIVE && hit.start() > 0
                && tokens.get(hit.start() - 1).folded().equals("since")) {
            return null; // "down since yesterday" is still down
        }
        return hit;
    }

    private enum Sense { OUTAGE, PRICE, IDIOM }

    private Sense downSense(List<Token> tokens, Hit hit, Term term) {
        int after = hit.end();
        if (after < tokens.size() && !tokens.get(after).breakBefore()) {
            Token next = tokens.get(after);
            if (next.kind() == Token.Kind.NUMBER) {
                return next.percent() || next.money() || after + 1 >= tokens.size()
                        || !isTimeUnit(tokens.get(after + 1)) ? Sense.PRICE : Sense.OUTAGE;
            }
            if (next.folded().equals("for")) {
                if (after + 1 < tokens.size() && tokens.get(after + 1).kind() == Token.Kind.NUMBER) {
                    return Sense.OUTAGE;
                }
                return downForOutage.longest(tokens, after + 1, ComplaintLexicon::wordKey) != null
                        ? Sense.OUTAGE : Sense.IDIOM;
            }
            if (downIdiomAfter.longest(tokens, after, ComplaintLexicon::wordKey) != null) {
                return Sense.IDIOM;
            }
        }
        for (int k = hit.start() - 1; k >= Math.max(0, hit.start() - 3); k--) {
            Token before = tokens.get(k);
            if (before.kind() == Token.Kind.CASHTAG || financeNouns.contains(before.folded())) {
                return Sense.PRICE;
            }
            if (tokens.get(k + 1).breakBefore()) {
                break;
            }
        }
        if (term.tokens().size() == 1 && hit.start() > 0 && !tokens.get(hit.start()).breakBefore()) {
            String prev = tokens.get(hit.start() - 1).folded();
            if (downIdiomBefore.contains(prev)) {
                return Sense.IDIOM;
            }
            // "calm it down", "let me down"
            if (hit.start() > 1 && OBJECT_PRONOUNS.contains(prev)
                    && downIdiomBefore.contains(tokens.get(hit.start() - 2).folded())) {
                return Sense.IDIOM;
            }
        }
        return Sense.OUTAGE;
    }

    private static final Set<String> OBJECT_PRONOUNS =
            Set.of("me", "it", "him", "her", "them", "us", "you", "things", "that", "this", "everything");
    private static final Set<String> TIME_UNITS = Set.of("min", "mins", "minute", "minutes", "hour", "hours", "hr",
            "hrs", "h", "day", "days", "sec", "secs", "seconds", "times", "x");

    private static boolean isTimeUnit(Token t) {
        return TIME_UNITS.contains(t.folded());
    }

    /** CODE or SYMPTOM when the number at {@code i} reads as an HTTP error code, else null. */
    private Category errorCode(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        String v = t.lower();
        boolean strong = errorCodes.contains(v);
        boolean weak = weakCodes.contains(v);
        if ((!strong && !weak) || t.money() || t.percent()) {
            return null;
        }
        if (i + 1 < tokens.size() && !tokens.get(i + 1).breakBefore()) {
            Token next = tokens.get(i + 1);
            if (numberUnits.contains(next.folded()) || next.percent()) {
                return null;
            }
        }
        if (i >= 2 && tokens.get(i - 1).folded().equals("p") && tokens.get(i - 2).folded().equals("s")) {
            return null; // S&P 500
        }
        boolean context = t.plural() || near(tokens, i, errorCodeContext);
        if (weak) {
            return context ? Category.SYMPTOM : null;
        }
        if (codesNeedingContext.contains(v) && !context) {
            return null;
        }
        return Category.CODE;
    }

    private static boolean near(List<Token> tokens, int i, Set<String> words) {
        for (int k = Math.max(0, i - 2); k <= Math.min(tokens.size() - 1, i + 2); k++) {
            if (k != i && words.contains(tokens.get(k).folded())) {
                return true;
            }
        }
        return false;
    }
}
