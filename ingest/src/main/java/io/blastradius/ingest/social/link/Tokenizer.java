package io.blastradius.ingest.social.link;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits plain post text into tokens in one pass, without regular expressions: words, numbers,
 * hashtags, mentions, cashtags, URLs (kept whole, host as the lookup form) and CJK runs. Names and
 * phrases are tokenized by the same code, so "us-east-1" in a post and in the lexicon both become
 * {@code us east 1}.
 */
final class Tokenizer {
    static final int EMOJI_FRUSTRATED = 1;
    static final int EMOJI_MONEY = 2;
    static final int EMOJI_LOVE = 4;

    private Tokenizer() {
    }

    /** Tokens of {@code text} plus a bit set of the emoji families seen. */
    record Result(List<Token> tokens, int emoji) {
    }

    static Result tokenize(String text) {
        List<Token> out = new ArrayList<>(Math.min(64, text.length() / 4 + 4));
        int n = text.length();
        int i = 0;
        boolean pendingBreak = true;
        boolean pendingMoney = false;
        int emoji = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (isCjk(cp)) {
                int end = i;
                while (end < n && isCjk(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
                String run = text.substring(i, end);
                out.add(new Token(run, run, run, Token.Kind.CJK, i, pendingBreak, pendingBreak, false, false, false, false));
                pendingBreak = false;
                i = end;
            } else if (isWordChar(cp)) {
                int urlEnd = urlEnd(text, i);
                if (urlEnd > i) {
                    String url = text.substring(i, urlEnd);
                    String host = host(url);
                    out.add(new Token(url, host, host, Token.Kind.URL, i, pendingBreak, pendingBreak, false, false, false, false));
                    pendingBreak = false;
                    i = urlEnd;
                    continue;
                }
                int end = wordEnd(text, i);
                out.add(word(text.substring(i, end), i, pendingBreak, pendingMoney));
                pendingBreak = false;
                pendingMoney = false;
                i = end;
            } else if ((cp == '#' || cp == '＃') && i + len < n && isWordChar(text.codePointAt(i + len)) && !wordCharBefore(text, i)) {
                int end = i + len;
                while (end < n && (isWordChar(text.codePointAt(end)) || text.charAt(end) == '_')) {
                    end += Character.charCount(text.codePointAt(end));
                }
                String body = text.substring(i + len, end);
                String lower = body.toLowerCase(Locale.ROOT).replace("_", "");
                out.add(new Token(body, lower, fold(lower), Token.Kind.HASHTAG, i, pendingBreak, pendingBreak, false, false, false, false));
                pendingBreak = false;
                i = end;
            } else if (cp == '@' && i + 1 < n && isWordChar(text.codePointAt(i + 1)) && !wordCharBefore(text, i)) {
                int end = i + 1;
                while (end < n && (isWordChar(text.codePointAt(end)) || "_.-@".indexOf(text.charAt(end)) >= 0)) {
                    end += Character.charCount(text.codePointAt(end));
                }
                while (end > i + 1 && ".-@".indexOf(text.charAt(end - 1)) >= 0) {
                    end--;
                }
                String handle = text.substring(i + 1, end);
                String first = handle.toLowerCase(Locale.ROOT);
                int cut = indexOfAny(first, "@.");
                if (cut > 0) {
                    first = first.substring(0, cut);
                }
                first = first.replace("_", "");
                out.add(new Token(handle, first, fold(first), Token.Kind.MENTION, i, pendingBreak, pendingBreak, false, false, false, false));
                pendingBreak = false;
                i = end;
            } else if (cp == '$' && i + 1 < n && Character.isLetter(text.charAt(i + 1)) && !wordCharBefore(text, i)) {
                int end = i + 1;
                while (end < n && end - i <= 10 && Character.isLetter(text.charAt(end))) {
                    end++;
                }
                if (end < n && isWordChar(text.codePointAt(end))) {
                    // "$5k" or "$COIN2": not a ticker; let the word pass read it
                    pendingMoney = true;
                    i++;
                    continue;
                }
                String ticker = text.substring(i, end).toLowerCase(Locale.ROOT);
                out.add(new Token(text.substring(i, end), ticker, ticker, Token.Kind.CASHTAG, i, pendingBreak, pendingBreak, false, false, false, false));
                pendingBreak = false;
                i = end;
            } else if (cp == '$' || cp == '€' || cp == '£' || cp == '¥') {
                pendingMoney = true;
                i += len;
            } else if (cp == '%' || cp == '％') {
                markPercent(out);
                i += len;
            } else {
                if (cp == '!' || cp == '?' || cp == ';' || cp == '\n' || cp == '。' || cp == '！' || cp == '？'
                        || (cp == '.' && (i + 1 >= n || Character.isWhitespace(text.charAt(i + 1))))) {
                    pendingBreak = true;
                }
                if (!Character.isWhitespace(cp)) {
                    pendingMoney = false;
                }
                emoji |= emojiFamily(cp);
                i += len;
            }
        }
        return new Result(out, emoji);
    }

    private static Token word(String raw, int start, boolean brk, boolean money) {
        String lower = raw.toLowerCase(Locale.ROOT).replace('’', '\'').replace('\u2018', '\'');
        boolean possessive = false;
        if (lower.endsWith("'s") && lower.length() > 2) {
            lower = lower.substring(0, lower.length() - 2);
            possessive = true;
        } else if (lower.endsWith("s'")) {
            lower = lower.substring(0, lower.length() - 1);
            possessive = true;
        }
        if (lower.indexOf('\'') >= 0) {
            lower = lower.replace("'", "");
        }
        boolean digits = !lower.isEmpty();
        for (int k = 0; k < lower.length() && digits; k++) {
            digits = lower.charAt(k) >= '0' && lower.charAt(k) <= '9';
        }
        if (digits) {
            return new Token(raw, lower, lower, Token.Kind.NUMBER, start, brk, brk, false, money, false, false);
        }
        // "503s": a plural error code
        if (lower.length() == 4 && lower.charAt(3) == 's' && isDigits(lower, 0, 3)) {
            String code = lower.substring(0, 3);
            return new Token(raw, code, code, Token.Kind.NUMBER, start, brk, brk, false, false, false, true);
        }
        return new Token(raw, lower, fold(lower), Token.Kind.WORD, start, brk, brk, possessive, false, false, false);
    }

    private static void markPercent(List<Token> out) {
        if (out.isEmpty()) {
            return;
        }
        Token last = out.get(out.size() - 1);
        if (last.kind() == Token.Kind.NUMBER) {
            out.set(out.size() - 1, new Token(last.raw(), last.lower(), last.folded(), last.kind(), last.start(),
                    last.sentenceStart(), last.breakBefore(), false, last.money(), true, last.plural()));
        }
    }

    private static int wordEnd(String text, int i) {
        int n = text.length();
        int end = i;
        while (end < n) {
            int c = text.codePointAt(end);
            if (isWordChar(c) && !isCjk(c)) {
                end += Character.charCount(c);
            } else if ((c == '\'' || c == '’') && end + 1 < n && Character.isLetter(text.charAt(end + 1))
                    && end > i && Character.isLetter(text.charAt(end - 1))) {
                end++;
            } else if ((c == '\'' || c == '’') && end > i && text.charAt(end - 1) == 's'
                    && (end + 1 >= n || !Character.isLetterOrDigit(text.charAt(end + 1)))) {
                end++; // plural possessive: users'
                break;
            } else {
                break;
            }
        }
        return end;
    }

    /** End of a URL starting at {@code i}, or {@code i} when none starts there. */
    private static int urlEnd(String text, int i) {
        if (!(text.regionMatches(true, i, "http://", 0, 7) || text.regionMatches(true, i, "https://", 0, 8)
                || text.regionMatches(true, i, "www.", 0, 4))) {
            return i;
        }
        if (wordCharBefore(text, i)) {
            return i;
        }
        int end = i;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (Character.isWhitespace(c) || c == '<' || c == '>' || c == '"' || c == '\u3000') {
                break;
            }
            end++;
        }
        // trailing punctuation belongs to the sentence, not the link
        while (end > i && ".,;:!?)]}'".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    static String host(String url) {
        int from = url.indexOf("://");
        from = from < 0 ? 0 : from + 3;
        int to = from;
        while (to < url.length() && "/?#:".indexOf(url.charAt(to)) < 0) {
            to++;
        }
        String host = url.substring(from, to).toLowerCase(Locale.ROOT);
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            host = host.substring(at + 1);
        }
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    /** Path of a URL (after the host), or "" when it has none. */
    static String path(String url) {
        int from = url.indexOf("://");
        from = from < 0 ? 0 : from + 3;
        int slash = url.indexOf('/', from);
        return slash < 0 ? "" : url.substring(slash);
    }

    static String fold(String lower) {
        boolean ascii = true;
        for (int k = 0; k < lower.length() && ascii; k++) {
            ascii = lower.charAt(k) < 0x80;
        }
        if (ascii) {
            return lower;
        }
        String nfd = Normalizer.normalize(lower, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(nfd.length());
        for (int k = 0; k < nfd.length(); k++) {
            char c = nfd.charAt(k);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                continue;
            }
            if (c == 'ß') {
                b.append("ss");
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Tokens of a lexicon phrase, in the form they are looked up by. */
    static List<String> phrase(String phrase, boolean folded) {
        List<Token> tokens = tokenize(phrase).tokens();
        List<String> parts = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            parts.add(folded ? t.folded() : t.lower());
        }
        return parts;
    }

    static boolean isWordChar(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        }
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    static boolean isCjk(int cp) {
        if (cp < 0x1100) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || cp == 'ー';
    }

    private static boolean wordCharBefore(String text, int i) {
        return i > 0 && isWordChar(text.codePointBefore(i));
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int indexOfAny(String s, String chars) {
        for (int k = 0; k < s.length(); k++) {
            if (chars.indexOf(s.charAt(k)) >= 0) {
                return k;
            }
        }
        return -1;
    }

    private static int emojiFamily(int cp) {
        switch (cp) {
            case 0x1F621: case 0x1F92C: case 0x1F624: case 0x1F643: case 0x1F62D: case 0x1F480: case 0x1F629:
            case 0x1F62B: case 0x1FAE0: case 0x1F926: case 0x1F620: case 0x1F612: case 0x1F611: case 0x1F525:
            case 0x1F6A8: case 0x1F4A5: case 0x1F630: case 0x1F625:
                return EMOJI_FRUSTRATED;
            case 0x1F4C8: case 0x1F4C9: case 0x1F680: case 0x1F4B0: case 0x1F4B8: case 0x1F911: case 0x1F4B5:
                return EMOJI_MONEY;
            case 0x2764: case 0x1F60D: case 0x1F970: case 0x1F499: case 0x1F49C: case 0x1F64C: case 0x1F389:
                return EMOJI_LOVE;
            default:
                return 0;
        }
    }
}
