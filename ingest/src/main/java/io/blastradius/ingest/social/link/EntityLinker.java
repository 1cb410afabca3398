package io.blastradius.ingest.social.link;

import io.blastradius.ingest.social.link.ComplaintLexicon.Category;
import io.blastradius.ingest.social.link.ComplaintLexicon.Hit;
import io.blastradius.schemas.ServiceInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds which catalog services and cloud providers a post is about, and scores how much it reads
 * like an outage complaint.
 *
 * <p>Names come from the catalog ({@link ServiceInfo} name, aliases, id, endpoint and status-page
 * hosts) and a {@link ProviderLexicon}. They are compiled once into token indexes, so linking a post
 * costs a few hash lookups per token whatever the catalog size; there is no per-post scan of the
 * catalog and no regular expression. Instances are immutable and safe to share between threads.
 *
 * <p>How a name is recognised: any case; as a word, a multi-word phrase, a hashtag ({@code #Coinbase},
 * {@code #CoinbaseDown}), a mention ({@code @coinbase}), a cashtag alias ({@code $COIN}), a link to
 * one of its hosts, or a link to an outage checker naming it; with a possessive ("coinbase's"), split
 * ("coin base") or misspelt by one letter ("coinbsae", names of seven or more letters). Names that
 * are also ordinary words ("signal", "base", "ring", see {@code lookalikes.json}) and split or
 * misspelt forms link only with evidence: a service noun after them (app, servers), an outage phrase
 * next to them, a hashtag, a capitalised mid-sentence form, or a context cue elsewhere in the post.
 */
public final class EntityLinker {
    private static final int FUZZY_MIN_LENGTH = 7;
    private static final int EVIDENCE_NEEDED = 2;
    private static final int FRAME_WINDOW = 3;
    private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "my", "your", "his", "her", "our",
            "their", "no", "this", "that", "some", "any", "its", "of");
    private static final Set<String> SHARED_HOSTING = Set.of("amazonaws.com", "cloudfront.net", "herokuapp.com",
            "github.io", "githubusercontent.com", "vercel.app", "netlify.app", "statuspage.io", "atlassian.net",
            "azurewebsites.net", "cloudflare.net", "workers.dev", "pages.dev", "appspot.com", "web.app",
            "firebaseapp.com", "fly.dev", "onrender.com", "azureedge.net", "akamaiedge.net", "fastly.net",
            "google.com", "microsoft.com", "apple.com", "status.io", "instatus.com", "betteruptime.com");
    private static final Set<String> HASHTAG_SUFFIXES = Set.of("down", "isdown", "outage", "outages", "fail", "fails",
            "failure", "error", "errors", "issues", "problems", "notworking", "status", "caido", "caiu", "panne",
            "storung", "ausfall", "downagain", "offline", "broken", "dead");
    /** Suffixes of official accounts: @SlackHQ, @RobinhoodApp, @AWSSupport. */
    private static final List<String> HANDLE_SUFFIXES = List.of("hq", "app", "support", "status", "official", "inc",
            "help", "news", "eng", "team", "cares", "care", "global", "us", "uk");
    /** Words that join a list of names: "coinbase, robinhood and venmo all down". */
    private static final Set<String> CONNECTORS = Set.of("and", "or", "both", "all", "also", "too", "plus", "nor", "n",
            "y", "e", "et", "und");
    /** Verbs that take a product as object: "we use Slack", "switched to Signal". */
    private static final Set<String> USAGE_VERBS = Set.of("use", "using", "used", "uses", "switched", "switch",
            "migrated", "installed", "uninstalled", "deleted", "open", "opened", "opening", "love", "hate");

    enum Kind { SERVICE, PROVIDER, REGION, PROVIDER_SERVICE }

    /** What a name stands for. {@code context}: links only when {@code provider} is named otherwise. */
    record Target(Kind kind, String provider, String id, boolean context, Lookalike lookalike, boolean shortName,
            ProviderLexicon.Named named) {
        boolean needsEvidence() {
            return shortName || (lookalike != null && lookalike.ambiguous());
        }
    }

    private enum Form { WORD, HASHTAG, MENTION, CASHTAG, LINK, SPLIT, FUZZY, PLURAL }

    private record Candidate(Target target, int start, int end, Form form, String impliedKeyword) {
    }

    private final ComplaintLexicon complaints;
    private final ComplaintScorer scorer;
    private final Map<String, Lookalike> lookalikes;
    private final PhraseIndex<Target> names = new PhraseIndex<>();
    private final Map<String, List<Target>> joined = new HashMap<>();
    private final Map<String, List<Target>> cashtags = new HashMap<>();
    private final Map<String, List<Target>> hosts = new HashMap<>();
    private final Map<String, List<String>> fuzzyKeys = new HashMap<>();
    private final Map<String, List<Target>> fuzzyTargets = new HashMap<>();

    private EntityLinker(Collection<ServiceInfo> services, ProviderLexicon providers) {
        this.complaints = ComplaintLexicon.defaults();
        this.scorer = new ComplaintScorer();
        this.lookalikes = Lookalike.defaults();
        Map<String, Set<String>> hostOwners = new HashMap<>();
        for (ServiceInfo s : services) {
            Target target = null;
            Set<String> aliases = new LinkedHashSet<>();
            aliases.add(s.getName());
            aliases.addAll(s.getAliases());
            if (s.getService().length() >= 4) {
                aliases.add(s.getService());
            }
            for (String alias : aliases) {
                addName(alias, new Target(Kind.SERVICE, null, s.getService(), false, null, false, null));
            }
            List<String> urls = new ArrayList<>(s.getEndpoints());
            if (s.getStatusPage() != null) {
                urls.add(s.getStatusPage());
            }
            for (String url : urls) {
                String host = Tokenizer.host(url.contains("://") ? url : "https://" + url);
                hostOwners.computeIfAbsent(host, k -> new TreeSet<>()).add(s.getService());
                String registrable = registrable(host);
                if (!registrable.equals(host)) {
                    hostOwners.computeIfAbsent(registrable, k -> new TreeSet<>()).add(s.getService());
                }
            }
        }
        hostOwners.forEach((host, owners) -> {
            // a host two services share (a hosting platform) says nothing about which one a post means
            if (owners.size() == 1 && !SHARED_HOSTING.contains(host) && host.indexOf('.') > 0) {
                hosts.computeIfAbsent(host, k -> new ArrayList<>(1))
                        .add(new Target(Kind.SERVICE, null, owners.iterator().next(), false, null, false, null));
            }
        });
        for (ProviderLexicon.Provider p : providers.providers()) {
            addNamed(p.names(), Kind.PROVIDER, p.id());
            p.regions().forEach(r -> addNamed(r, Kind.REGION, p.id()));
            p.services().forEach(s -> addNamed(s, Kind.PROVIDER_SERVICE, p.id()));
        }
    }

    /** A linker for {@code services} and the built-in provider lexicon. */
    public static EntityLinker create(Collection<ServiceInfo> services) {
        return new EntityLinker(services, ProviderLexicon.defaults());
    }

    /** A linker for {@code services} and {@code providers}. */
    public static EntityLinker create(Collection<ServiceInfo> services, ProviderLexicon providers) {
        return new EntityLinker(services, providers);
    }

    private void addNamed(ProviderLexicon.Named named, Kind kind, String provider) {
        for (String alias : named.aliases()) {
            addName(alias, new Target(kind, provider, named.id(), false, null, false, named));
        }
        for (String alias : named.contextAliases()) {
            addName(alias, new Target(kind, provider, named.id(), true, null, false, named));
        }
    }

    private void addName(String alias, Target base) {
        if (alias == null || alias.isBlank()) {
            return;
        }
        String a = alias.strip();
        if (a.startsWith("$") && a.length() > 1) {
            cashtags.computeIfAbsent(a.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(base);
            return;
        }
        if (a.startsWith("#") || a.startsWith("@")) {
            a = a.substring(1);
        }
        List<String> tokens = Tokenizer.phrase(a, false);
        if (tokens.isEmpty()) {
            return;
        }
        String key = String.join(" ", tokens);
        String concat = String.join("", tokens);
        Lookalike lookalike = lookalikes.get(key);
        boolean shortName = concat.length() <= 2 && isLetters(concat);
        if (shortName && lookalike == null) {
            return; // "X", "DO": too short to find in prose without a curated context
        }
        Target target = new Target(base.kind(), base.provider(), base.id(), base.context(), lookalike, shortName,
                base.named());
        names.add(tokens, target);
        if (concat.length() >= 4) {
            addTo(joined, concat, target);
        }
        if (tokens.size() == 1 && concat.length() >= FUZZY_MIN_LENGTH && !target.needsEvidence() && isLetters(concat)) {
            for (String k : deletes(concat)) {
                fuzzyKeys.computeIfAbsent(k, x -> new ArrayList<>(1)).add(concat);
            }
            addTo(fuzzyTargets, concat, target);
        }
        if (a.indexOf('.') > 0 && a.indexOf(' ') < 0 && base.kind() == Kind.SERVICE) {
            addTo(hosts, Tokenizer.host("https://" + a), target);
        }
    }

    /** Links {@code text} (plain text, HTML already stripped). Never throws on any input. */
    public Linking link(String text) {
        if (text == null || text.isEmpty()) {
            return new Linking(List.of(), List.of(), List.of(), 0.0);
        }
        Tokenizer.Result tokenized = Tokenizer.tokenize(text);
        List<Token> tokens = tokenized.tokens();
        List<Hit> hits = complaints.find(tokens);
        List<Candidate> candidates = candidates(tokens);
        boolean checker = false;
        for (Token t : tokens) {
            checker |= t.kind() == Token.Kind.URL && complaints.isOutageChecker(t.lower());
        }

        List<Candidate> accepted = new ArrayList<>();
        Set<String> providersNamed = new TreeSet<>();
        for (Candidate c : candidates) {
            if (!c.target().context() && accept(c, tokens, hits)) {
                accepted.add(c);
                if (c.target().provider() != null) {
                    providersNamed.add(c.target().provider());
                }
            }
        }
        for (Candidate c : candidates) {
            if (c.target().context() && providersNamed.contains(c.target().provider()) && !rejectedByNeighbours(c, tokens)) {
                accepted.add(c);
            }
        }

        Set<String> services = new TreeSet<>();
        Map<String, Set<String>> regions = new TreeMap<>();
        Map<String, Map<String, ProviderLexicon.Named>> providerServices = new TreeMap<>();
        Set<String> keywords = new LinkedHashSet<>();
        for (Candidate c : accepted) {
            Target t = c.target();
            switch (t.kind()) {
                case SERVICE -> services.add(t.id());
                case PROVIDER -> regions.computeIfAbsent(t.provider(), k -> new TreeSet<>());
                case REGION -> regions.computeIfAbsent(t.provider(), k -> new TreeSet<>()).add(t.id());
                case PROVIDER_SERVICE -> {
                    regions.computeIfAbsent(t.provider(), k -> new TreeSet<>());
                    providerServices.computeIfAbsent(t.provider(), k -> new TreeMap<>()).put(t.id(), t.named());
                }
            }
        }
        List<Hit> scored = new ArrayList<>(hits);
        for (Candidate c : accepted) {
            if (c.impliedKeyword() != null) {
                scored.add(new Hit(Category.OUTAGE, c.impliedKeyword(), c.start(), c.end()));
            }
        }
        for (Hit h : scored) {
            if (h.category() == Category.OUTAGE || h.category() == Category.CODE) {
                keywords.add(h.canonical());
            }
        }
        if (checker) {
            keywords.add("downdetector");
        }
        double score = scorer.score(tokens, scored, spans(accepted), tokenized.emoji(), checker);
        return new Linking(List.copyOf(services), scopes(regions, providerServices), List.copyOf(keywords), score);
    }

    private static List<int[]> spans(List<Candidate> accepted) {
        List<int[]> spans = new ArrayList<>(accepted.size());
        for (Candidate c : accepted) {
            spans.add(new int[] {c.start(), c.end()});
        }
        return spans;
    }

    /**
     * The most specific scopes the post names: a region and a service of the same provider combine
     * when the service runs there ({@code aws/us-east-1/dynamodb}); otherwise each stands alone
     * ({@code azure/westeurope} and {@code azure/global/front-door}).
     */
    private static List<String> scopes(Map<String, Set<String>> regions,
            Map<String, Map<String, ProviderLexicon.Named>> services) {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, Set<String>> e : regions.entrySet()) {
            String p = e.getKey();
            Map<String, ProviderLexicon.Named> svc = services.getOrDefault(p, Map.of());
            Set<String> regionsUsed = new TreeSet<>();
            for (Map.Entry<String, ProviderLexicon.Named> s : svc.entrySet()) {
                boolean placed = false;
                for (String r : e.getValue()) {
                    if (s.getValue() == null || s.getValue().runsIn(r)) {
                        out.add(p + "/" + r + "/" + s.getKey());
                        regionsUsed.add(r);
                        placed = true;
                    }
                }
                if (!placed) {
                    out.add(p + "/global/" + s.getKey());
                }
            }
            for (String r : e.getValue()) {
                if (!regionsUsed.contains(r)) {
                    out.add(p + "/" + r);
                }
            }
            if (e.getValue().isEmpty() && svc.isEmpty()) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private List<Candidate> candidates(List<Token> tokens) {
        List<Candidate> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            switch (t.kind()) {
                case CASHTAG -> add(out, cashtags.get(t.lower()), i, i + 1, Form.CASHTAG, null);
                case URL -> linkTargets(out, t, i);
                case HASHTAG, MENTION -> joinedForm(out, t, i);
                case WORD, NUMBER -> {
                    List<PhraseIndex.Match<Target>> all = names.all(tokens, i, EntityLinker::nameKey);
                    if (!all.isEmpty()) {
                        PhraseIndex.Match<Target> m = all.get(all.size() - 1);
                        add(out, m.values(), i, m.end(), Form.WORD, null);
                        if (m.values().stream().allMatch(v -> v.kind() == Kind.PROVIDER_SERVICE)) {
                            // "firebase auth" is a provider service and also names the Firebase service
                            for (int k = all.size() - 2; k >= 0; k--) {
                                List<Target> services = all.get(k).values().stream().filter(v -> v.kind() == Kind.SERVICE).toList();
                                if (!services.isEmpty()) {
                                    add(out, services, i, all.get(k).end(), Form.WORD, null);
                                    break;
                                }
                            }
                        }
                        i = m.end();
                        continue;
                    }
                    if (t.kind() == Token.Kind.WORD && looseForms(out, tokens, i)) {
                        i += 2;
                        continue;
                    }
                }
                default -> {
                }
            }
            i++;
        }
        return out;
    }

    private static String nameKey(Token t) {
        return t.isWordLike() ? t.lower() : null;
    }

    /** Split ("coin base"), plural ("coinbases") and misspelt ("coinbsae") forms; true when a split matched. */
    private boolean looseForms(List<Candidate> out, List<Token> tokens, int i) {
        Token t = tokens.get(i);
        if (i + 1 < tokens.size() && tokens.get(i + 1).kind() == Token.Kind.WORD && !tokens.get(i + 1).breakBefore()) {
            List<Target> split = joined.get(t.lower() + tokens.get(i + 1).lower());
            if (split != null) {
                add(out, split, i, i + 2, Form.SPLIT, null);
                return true;
            }
        }
        String w = t.lower();
        if (w.length() > 4 && w.endsWith("s")) {
            List<Target> plural = names.single(w.substring(0, w.length() - 1));
            if (plural != null) {
                add(out, plural, i, i + 1, Form.PLURAL, null);
                return false;
            }
        }
        if (w.length() >= FUZZY_MIN_LENGTH - 1) {
            for (String name : fuzzy(w)) {
                add(out, fuzzyTargets.get(name), i, i + 1, Form.FUZZY, null);
            }
        }
        return false;
    }

    private void joinedForm(List<Candidate> out, Token t, int i) {
        Form form = t.kind() == Token.Kind.HASHTAG ? Form.HASHTAG : Form.MENTION;
        String body = t.lower();
        List<Target> whole = joined.get(body);
        if (whole != null) {
            add(out, whole, i, i + 1, form, null);
            return;
        }
        // #CoinbaseDown, #isAWSdown, #AWSOutage2025
        String b = body;
        while (!b.isEmpty() && Character.isDigit(b.charAt(b.length() - 1))) {
            b = b.substring(0, b.length() - 1);
        }
        if (b.startsWith("is") && b.length() > 4) {
            String rest = b.substring(2);
            if (joined.containsKey(rest)) {
                add(out, joined.get(rest), i, i + 1, form, null);
                return;
            }
            b = rest;
        }
        for (String suffix : HASHTAG_SUFFIXES) {
            if (b.length() > suffix.length() + 1 && b.endsWith(suffix)) {
                List<Target> head = joined.get(b.substring(0, b.length() - suffix.length()));
                if (head == null) {
                    head = names.single(b.substring(0, b.length() - suffix.length()));
                }
                if (head != null) {
                    List<ComplaintLexicon.Term> terms = complaints.hashtagTerms(suffix);
                    String keyword = terms != null && !terms.isEmpty() ? terms.get(0).canonical() : suffix;
                    add(out, head, i, i + 1, form, form == Form.HASHTAG ? keyword : null);
                    return;
                }
            }
        }
        List<Target> plain = names.single(body);
        if (plain != null) {
            add(out, plain, i, i + 1, form, null);
            return;
        }
        if (form == Form.MENTION) {
            for (String suffix : HANDLE_SUFFIXES) {
                if (body.length() > suffix.length() + 2 && body.endsWith(suffix)) {
                    List<Target> owner = joined.get(body.substring(0, body.length() - suffix.length()));
                    if (owner != null) {
                        add(out, owner, i, i + 1, form, null);
                        return;
                    }
                }
            }
        }
    }

    private void linkTargets(List<Candidate> out, Token t, int i) {
        String host = t.lower();
        for (String h = host; h.indexOf('.') > 0; h = h.substring(h.indexOf('.') + 1)) {
            List<Target> owners = hosts.get(h);
            if (owners != null) {
                add(out, owners, i, i + 1, Form.LINK, null);
                return;
            }
        }
        if (complaints.isOutageChecker(host)) {
            // downdetector.com/status/coinbase/ names the service in its path
            for (String part : Tokenizer.phrase(Tokenizer.path(t.raw()), false)) {
                List<Target> named = joined.get(part);
                if (named != null) {
                    add(out, named, i, i + 1, Form.LINK, null);
                }
            }
        }
    }

    private static void add(List<Candidate> out, List<Target> targets, int start, int end, Form form, String keyword) {
        if (targets != null) {
            for (Target target : targets) {
                out.add(new Candidate(target, start, end, form, keyword));
            }
        }
    }

    private boolean accept(Candidate c, List<Token> tokens, List<Hit> hits) {
        if (rejectedByNeighbours(c, tokens)) {
            return false;
        }
        boolean needsEvidence = c.target().needsEvidence() || c.form() == Form.SPLIT || c.form() == Form.FUZZY
                || c.form() == Form.PLURAL;
        if (!needsEvidence) {
            return true;
        }
        return evidence(c, tokens, hits) >= EVIDENCE_NEEDED;
    }

    private boolean rejectedByNeighbours(Candidate c, List<Token> tokens) {
        Lookalike l = c.target().lookalike();
        if (l == null || !(c.form() == Form.WORD || c.form() == Form.SPLIT || c.form() == Form.PLURAL)) {
            return false;
        }
        for (List<String> p : l.notBefore()) {
            if (endsBefore(tokens, c.start(), p)) {
                return true;
            }
        }
        for (List<String> p : l.notAfter()) {
            if (startsAt(tokens, c.end(), p)) {
                return true;
            }
        }
        return false;
    }

    private int evidence(Candidate c, List<Token> tokens, List<Hit> hits) {
        int score = 0;
        if (c.form() == Form.HASHTAG || c.form() == Form.MENTION || c.form() == Form.CASHTAG || c.form() == Form.LINK) {
            score += 2;
        }
        if (complaints.serviceNounAt(tokens, c.end()) > 0) {
            score += 2;
        }
        score += frameEvidence(c, tokens, hits);
        Token first = tokens.get(c.start());
        if (c.form() == Form.WORD && first.capitalized() && !first.sentenceStart()) {
            score += 1;
        }
        Lookalike l = c.target().lookalike();
        if (l != null) {
            if (anyPhrase(tokens, l.cues(), c)) {
                score += 2;
            }
            if (anyPhrase(tokens, l.notNear(), c)) {
                score -= 2;
            }
        }
        if (c.start() > 0 && !first.breakBefore()) {
            String before = tokens.get(c.start() - 1).lower();
            if (DETERMINERS.contains(before)) {
                score -= 1;
            } else if (USAGE_VERBS.contains(before) || (c.start() > 1 && before.equals("to")
                    && USAGE_VERBS.contains(tokens.get(c.start() - 2).lower()))) {
                score += 1;
            }
        }
        return score;
    }

    /**
     * 2 when an outage, error-code, "not down" or "back up" phrase stands next to the name (status
     * talk about it), 1 for a symptom ("errors", "stuck") right next to it, else 0. Other names and
     * list words in between do not count as distance: "zoom and slack both down".
     */
    private int frameEvidence(Candidate c, List<Token> tokens, List<Hit> hits) {
        int best = 0;
        for (Hit h : hits) {
            int weight = switch (h.category()) {
                case OUTAGE, CODE, NEGATION, RESOLVED -> 2;
                case SYMPTOM -> 1;
                default -> 0;
            };
            if (weight <= best) {
                continue;
            }
            int window = weight == 2 ? FRAME_WINDOW : 1;
            if (h.start() >= c.end() && gap(tokens, c.end(), h.start()) < window) {
                best = weight;
            } else if (h.end() <= c.start() && gap(tokens, h.end(), c.start()) < window) {
                best = weight;
            }
        }
        return best;
    }

    /** Tokens in {@code [from, to)} that separate a name from a phrase, or MAX_VALUE across a sentence end. */
    private int gap(List<Token> tokens, int from, int to) {
        if (breakBetween(tokens, from, to)) {
            return Integer.MAX_VALUE;
        }
        int gap = 0;
        for (int k = from; k < to; k++) {
            Token t = tokens.get(k);
            if (CONNECTORS.contains(t.lower()) || names.single(t.lower()) != null || t.kind() == Token.Kind.HASHTAG
                    || t.kind() == Token.Kind.MENTION) {
                continue;
            }
            gap++;
        }
        return gap;
    }

    /** True when punctuation ends a sentence anywhere from before token {@code from} to before token {@code to}. */
    private static boolean breakBetween(List<Token> tokens, int from, int to) {
        for (int k = Math.max(1, from); k <= to && k < tokens.size(); k++) {
            if (tokens.get(k).breakBefore()) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyPhrase(List<Token> tokens, List<List<String>> phrases, Candidate self) {
        if (phrases.isEmpty()) {
            return false;
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (i >= self.start() && i < self.end()) {
                continue;
            }
            for (List<String> p : phrases) {
                if (startsAt(tokens, i, p)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsAt(List<Token> tokens, int i, List<String> phrase) {
        if (i + phrase.size() > tokens.size()) {
            return false;
        }
        for (int k = 0; k < phrase.size(); k++) {
            Token t = tokens.get(i + k);
            if (!phrase.get(k).equals(t.lower())) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsBefore(List<Token> tokens, int end, List<String> phrase) {
        int start = end - phrase.size();
        return start >= 0 && !tokens.get(end).breakBefore() && startsAt(tokens, start, phrase);
    }

    private List<String> fuzzy(String word) {
        Set<String> found = new TreeSet<>();
        List<String> keys = new ArrayList<>(word.length() + 1);
        keys.add(word);
        keys.addAll(deletes(word));
        for (String k : keys) {
            List<String> names = fuzzyKeys.get(k);
            if (names != null) {
                for (String name : names) {
                    if (!name.equals(word) && name.charAt(0) == word.charAt(0) && closeEnough(word, name)) {
                        found.add(name);
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /** One edit for names of eight letters or more; seven-letter names only by swapping two letters. */
    private static boolean closeEnough(String word, String name) {
        int d = osaDistance(word, name);
        if (d != 1) {
            return false;
        }
        return name.length() >= 8 || (word.length() == name.length() && isTransposition(word, name));
    }

    private static boolean isTransposition(String a, String b) {
        int first = -1;
        for (int k = 0; k < a.length(); k++) {
            if (a.charAt(k) != b.charAt(k)) {
                first = k;
                break;
            }
        }
        return first >= 0 && first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1)
                && a.charAt(first + 1) == b.charAt(first) && a.substring(first + 2).equals(b.substring(first + 2));
    }

    /** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring). */
    static int osaDistance(String a, String b) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > 1) {
            return 2;
        }
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[n][m];
    }

    private static List<String> deletes(String word) {
        List<String> out = new ArrayList<>(word.length());
        for (int k = 0; k < word.length(); k++) {
            out.add(word.substring(0, k) + word.substring(k + 1));
        }
        return out;
    }

    private static boolean isLetters(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (!Character.isLetter(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static <T> void addTo(Map<String, List<T>> map, String key, T value) {
        List<T> list = map.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    /** The registrable part of a host: {@code status.coinbase.com} → {@code coinbase.com}, with co.uk-style suffixes. */
    static String registrable(String host) {
        String[] labels = host.split("\\.");
        if (labels.length <= 2) {
            return host;
        }
        int keep = 2;
        String second = labels[labels.length - 2];
        if (labels[labels.length - 1].length() == 2 && Set.of("co", "com", "org", "net", "ac", "gov", "edu", "ne", "or").contains(second)) {
            keep = 3;
        }
        return String.join(".", java.util.Arrays.copyOfRange(labels, Math.max(0, labels.length - keep), labels.length));
    }
}
