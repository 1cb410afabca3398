package io.blastradius.ingest.http;

import java.util.Locale;

/**
 * What a target is supposed to return, so that an HTML page served with status 200 (a WAF challenge,
 * a captive portal, a CDN error page) is recognised as a failure instead of being handed to a parser
 * that would read it as "no incidents".
 */
public enum ExpectedBody {
    /** A JSON document: must start with '{' or '['. */
    JSON,
    /** An XML document (RSS, Atom): must start with '<' and not be an HTML page. */
    XML,
    /** Anything but an HTML page. */
    ANY;

    /**
     * Returns why {@code body} is not what was expected, or null when it looks right. Only the first
     * bytes are looked at: this is a cheap sniff, the parser still validates the whole document.
     */
    public String mismatch(String contentType, String bodyStart) {
        String start = stripLeading(bodyStart);
        String head = start.substring(0, Math.min(start.length(), 512)).toLowerCase(Locale.ROOT);
        if (looksLikeHtml(head)) {
            return "an HTML page" + (contentType == null ? "" : " (" + contentType + ")") + " where " + this
                    + " was expected";
        }
        if (start.isEmpty()) {
            return "an empty body";
        }
        char first = start.charAt(0);
        switch (this) {
            case JSON:
                if (first != '{' && first != '[') {
                    return "a body starting with '" + printable(first) + "' where JSON was expected";
                }
                return null;
            case XML:
                if (first != '<') {
                    return "a body starting with '" + printable(first) + "' where XML was expected";
                }
                return null;
            default:
                return null;
        }
    }

    private static boolean looksLikeHtml(String head) {
        if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")
                || head.startsWith("<body")) {
            return true;
        }
        // An XML prolog followed by an XHTML root is still an HTML page.
        if (head.startsWith("<?xml")) {
            int root = head.indexOf('<', 5);
            while (root >= 0 && (head.startsWith("<!--", root) || head.startsWith("<?", root))) {
                root = head.indexOf('<', root + 1);
            }
            return root >= 0 && (head.startsWith("<!doctype html", root) || head.startsWith("<html", root));
        }
        return false;
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == '\uFEFF')) {
            i++;
        }
        return s.substring(i);
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
