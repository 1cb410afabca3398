package io.blastradius.ingest.status;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns feed text (HTML, entity-escaped HTML inside CDATA, Markdown-ish plain text) into capped plain
 * text. The result is still untrusted: it is not HTML-safe and must be escaped wherever it is shown.
 */
public final class PlainText {
    /** Default cap on body length, in characters. */
    public static final int DEFAULT_MAX_CHARS = 4000;

    private static final Pattern DROPPED_BLOCKS = Pattern.compile(
            "(?is)<(script|style|head)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern LINE_BREAKS = Pattern.compile(
            "(?i)<br\\s*/?>|</?(p|div|li|ul|ol|tr|table|h[1-6]|blockquote|pre)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9:-]*(\\s[^<>]*)?/?>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,8});");
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("ndash", "\u2013"),
            Map.entry("mdash", "\u2014"), Map.entry("hellip", "\u2026"), Map.entry("lsquo", "\u2018"),
            Map.entry("rsquo", "\u2019"), Map.entry("ldquo", "\u201C"), Map.entry("rdquo", "\u201D"),
            Map.entry("bull", "\u2022"), Map.entry("middot", "\u00B7"), Map.entry("copy", "\u00A9"),
            Map.entry("reg", "\u00AE"), Map.entry("trade", "\u2122"), Map.entry("deg", "\u00B0"));

    private PlainText() {
    }

    /** Plain text of {@code text} capped at {@link #DEFAULT_MAX_CHARS}; null stays null. */
    public static String of(String text) {
        return of(text, DEFAULT_MAX_CHARS);
    }

    /** Plain text of {@code text} capped at {@code maxChars} (an ellipsis marks a cut); null stays null. */
    public static String of(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        // Entities first: AWS puts entity-escaped HTML (&lt;br&gt;) inside CDATA, so the tags only
        // become visible once decoded.
        String s = decodeEntities(text);
        if (s.indexOf('<') >= 0) {
            s = DROPPED_BLOCKS.matcher(s).replaceAll(" ");
            s = LINE_BREAKS.matcher(s).replaceAll("\n");
            s = TAG.matcher(s).replaceAll("");
        }
        s = normalizeWhitespace(s);
        return cap(s, maxChars);
    }

    static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.charAt(0) == '#') {
                int cp;
                try {
                    cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                            ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                } catch (NumberFormatException e) {
                    cp = -1;
                }
                replacement = Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp))
                        : m.group();
            } else {
                replacement = NAMED.getOrDefault(name, m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Unifies line ends, collapses runs of blanks inside lines, trims lines, drops blank lines at the
     * ends and keeps at most one blank line between paragraphs. One pass, no regex: feed bodies are
     * normalized for every event.
     */
    static String normalizeWhitespace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int pendingNewlines = 0;
        boolean pendingSpace = false;
        boolean lineHasText = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                if (out.length() > 0) {
                    pendingNewlines = Math.min(pendingNewlines + 1, 2);
                }
                pendingSpace = false;
                lineHasText = false;
            } else if (c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\u00A0') {
                pendingSpace = lineHasText;
            } else {
                if (pendingNewlines > 0) {
                    out.append(pendingNewlines > 1 ? "\n\n" : "\n");
                    pendingNewlines = 0;
                } else if (pendingSpace) {
                    out.append(' ');
                }
                pendingSpace = false;
                lineHasText = true;
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String cap(String s, int maxChars) {
        if (s.length() <= maxChars) {
            return s;
        }
        int end = maxChars - 1;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, Math.max(end, 0)) + "\u2026";
    }
}
