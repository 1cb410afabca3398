package io.blastradius.ingest.social.text;

import java.util.Map;

/**
 * Turns post HTML (Mastodon {@code content}, Reddit {@code selftext_html}) into plain text in one
 * pass: tags dropped, {@code <br>} and block ends become line breaks, {@code <script>},
 * {@code <style>} and comments dropped with their content, character references decoded. The result
 * is text, never markup: whatever it contains is shown escaped downstream.
 */
public final class HtmlText {
    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("hellip", "…"), Map.entry("mdash", "—"),
            Map.entry("ndash", "–"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"), Map.entry("ldquo", "“"),
            Map.entry("rdquo", "”"), Map.entry("copy", "©"), Map.entry("reg", "®"), Map.entry("trade", "™"),
            Map.entry("euro", "€"), Map.entry("pound", "£"), Map.entry("yen", "¥"), Map.entry("cent", "¢"),
            Map.entry("deg", "°"), Map.entry("times", "×"), Map.entry("middot", "·"), Map.entry("bull", "•"),
            Map.entry("laquo", "«"), Map.entry("raquo", "»"), Map.entry("zwj", "\u200D"), Map.entry("zwnj", "\u200C"),
            Map.entry("shy", ""));

    private HtmlText() {
    }

    /** Plain text of an HTML fragment; null gives "". */
    public static String toPlainText(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(html.length());
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                if (html.startsWith("<!--", i)) {
                    int end = html.indexOf("-->", i + 4);
                    i = end < 0 ? n : end + 3;
                    continue;
                }
                int end = tagEnd(html, i + 1);
                if (end < 0) {
                    // a lone '<' in text ("a < b"): keep it as text
                    out.append(c);
                    i++;
                    continue;
                }
                String name = tagName(html, i + 1, end);
                boolean closing = i + 1 < n && html.charAt(i + 1) == '/';
                if (!closing && (name.equals("script") || name.equals("style") || name.equals("template"))) {
                    int close = indexOfIgnoreCase(html, "</" + name, end);
                    i = close < 0 ? n : Math.max(close + 2, tagEnd(html, close + 1) + 1);
                    continue;
                }
                if (name.equals("br")) {
                    out.append('\n');
                } else if (closing && isBlock(name)) {
                    out.append('\n');
                } else if (!closing && name.equals("li")) {
                    out.append("\n• ");
                }
                i = end + 1;
            } else if (c == '&') {
                int semi = html.indexOf(';', i + 1);
                if (semi > i + 1 && semi - i <= 12) {
                    String decoded = decode(html.substring(i + 1, semi));
                    if (decoded != null) {
                        out.append(decoded);
                        i = semi + 1;
                        continue;
                    }
                }
                out.append(c);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Decodes character references only (Reddit titles and Markdown come entity-escaped); tags stay text. */
    public static String decodeEntities(String text) {
        if (text == null || text.indexOf('&') < 0) {
            return text == null ? "" : text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int semi = c == '&' ? text.indexOf(';', i + 1) : -1;
            String decoded = semi > i + 1 && semi - i <= 12 ? decode(text.substring(i + 1, semi)) : null;
            if (decoded != null) {
                out.append(decoded);
                i = semi + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isBlock(String name) {
        return switch (name) {
            case "p", "div", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
                    "section", "article", "header", "footer" -> true;
            default -> false;
        };
    }

    /** Index of the '>' closing a tag whose name starts at {@code from}, honouring quoted attributes; -1 if none. */
    private static int tagEnd(String html, int from) {
        if (from >= html.length()) {
            return -1;
        }
        char first = html.charAt(from);
        if (!(Character.isLetter(first) || first == '/' || first == '!' || first == '?')) {
            return -1;
        }
        char quote = 0;
        for (int k = from; k < html.length(); k++) {
            char c = html.charAt(k);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return k;
            }
        }
        return -1;
    }

    private static String tagName(String html, int from, int end) {
        int k = from;
        if (k < end && html.charAt(k) == '/') {
            k++;
        }
        int start = k;
        while (k < end && Character.isLetterOrDigit(html.charAt(k))) {
            k++;
        }
        return html.substring(start, k).toLowerCase(java.util.Locale.ROOT);
    }

    private static int indexOfIgnoreCase(String s, String needle, int from) {
        for (int k = Math.max(0, from); k + needle.length() <= s.length(); k++) {
            if (s.regionMatches(true, k, needle, 0, needle.length())) {
                return k;
            }
        }
        return -1;
    }

    private static String decode(String ref) {
        if (ref.startsWith("#")) {
            try {
                int cp = ref.length() > 1 && (ref.charAt(1) == 'x' || ref.charAt(1) == 'X')
                        ? Integer.parseInt(ref.substring(2), 16) : Integer.parseInt(ref.substring(1));
                if (cp <= 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    return "\uFFFD";
                }
                return new String(Character.toChars(cp));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ENTITIES.get(ref);
    }
}
