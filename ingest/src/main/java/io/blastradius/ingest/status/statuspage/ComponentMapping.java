package io.blastradius.ingest.status.statuspage;

import io.blastradius.ingest.status.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps the components of a status page to subjects, for pages that describe more than one thing: a
 * provider page whose components are provider services ({@code CDN/Cache} to
 * {@code cloudflare/global/cdn}), or a service page with a component served from a known provider
 * scope. Rules are tried in order; the first whose pattern matches the component's id, name,
 * {@code group - name} or group name wins. Patterns are case-insensitive with {@code *} as wildcard.
 *
 * <p>Written as {@code pattern=subject} entries separated by {@code ;}, e.g.
 * {@code CDN*=cloudflare/global/cdn;Workers KV=cloudflare/global/workers-kv;DNS*=cloudflare/global/dns}.
 */
public final class ComponentMapping {
    private static final ComponentMapping NONE = new ComponentMapping(List.of());

    private final List<Rule> rules;

    private ComponentMapping(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static ComponentMapping none() {
        return NONE;
    }

    /** Parses {@code pattern=subject;pattern=subject}; throws {@link IllegalArgumentException} on a bad entry. */
    public static ComponentMapping parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("component mapping entry '" + entry.trim()
                        + "' is not pattern=subject");
            }
            String pattern = entry.substring(0, eq).trim();
            Subject subject = Subject.parse(entry.substring(eq + 1).trim());
            rules.add(new Rule(pattern, glob(pattern), subject));
        }
        return new ComponentMapping(rules);
    }

    /** The subject of a component, or null when no rule matches (the page's own subject applies). */
    public Subject subjectOf(String id, String name, String groupName) {
        for (Rule rule : rules) {
            if (matches(rule.regex, id) || matches(rule.regex, name) || matches(rule.regex, groupName)
                    || (groupName != null && name != null && matches(rule.regex, groupName + " - " + name))) {
                return rule.subject;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    private static boolean matches(Pattern p, String value) {
        return value != null && p.matcher(value.trim()).matches();
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (regex.length() > 0 || pattern.startsWith("*")) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part.toLowerCase(Locale.ROOT)));
        }
        // "*" alone splits into two empty parts; the loop already produced ".*" for it
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Rule r : rules) {
            b.append(b.length() == 0 ? "" : ";").append(r.pattern).append('=').append(r.subject.id());
        }
        return b.toString();
    }

    private record Rule(String pattern, Pattern regex, Subject subject) {
    }
}
