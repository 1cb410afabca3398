package io.blastradius.ingest.social.text;

/**
 * Makes untrusted post text safe to store: control and bidirectional-override characters removed
 * (they can disguise text when shown), whitespace runs collapsed, and the length capped at a number
 * of code points without splitting a surrogate pair. The result is plain text; anything that shows
 * it must escape it.
 */
public final class PostText {
    private PostText() {
    }

    /** Cleans {@code text} and caps it at {@code maxCodePoints}, marking a cut with "…". */
    public static String clean(String text, int maxCodePoints) {
        if (maxCodePoints < 1) {
            throw new IllegalArgumentException("maxCodePoints must be at least 1, was " + maxCodePoints);
        }
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxCodePoints * 2));
        int count = 0;
        boolean space = false;
        boolean newline = false;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) {
                newline = true;
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == '\t') {
                space = true;
                continue;
            }
            if (unsafe(cp)) {
                continue;
            }
            if (count > 0 && (newline || space)) {
                if (count + 1 >= maxCodePoints) {
                    return out.append('…').toString();
                }
                out.append(newline ? '\n' : ' ');
                count++;
            }
            newline = false;
            space = false;
            if (count + 1 >= maxCodePoints && i < text.length()) {
                return out.append('…').toString();
            }
            out.appendCodePoint(cp);
            count++;
        }
        return out.toString();
    }

    private static boolean unsafe(int cp) {
        int type = Character.getType(cp);
        if (type == Character.CONTROL || type == Character.SURROGATE || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE) {
            return true;
        }
        // bidi embeddings/overrides/isolates and the BOM; ZWJ (emoji sequences) stays
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0x200E
                || cp == 0x200F;
    }
}
