package io.blastradius.alerts.config;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * Substitutes {@code ${NAME}} and {@code ${NAME:-default}} in configuration values with variables
 * from an environment that is passed in (so secrets such as webhook URLs, HMAC secrets and PagerDuty
 * routing keys stay out of the file). {@code $${} writes a literal {@code ${}.
 */
public final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> environment;

    public Placeholders(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /**
     * The value with every placeholder replaced.
     *
     * @param key the setting the value belongs to, named in errors (the value is not: it may be a secret)
     * @throws ConfigException when a variable without a default is not set
     */
    public String resolve(String key, String value) {
        if (value == null || value.indexOf('$') < 0) {
            return value;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        while (m.find()) {
            String replacement;
            if (m.group().equals("$${")) {
                replacement = "${";
            } else {
                String name = m.group(1);
                String fallback = m.group(2);
                replacement = environment.get(name);
                if (replacement == null) {
                    if (fallback == null) {
                        throw new ConfigException(key + " refers to the environment variable " + name
                                + ", which is not set (write ${" + name + ":-default} to give a default)");
                    }
                    replacement = fallback;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
