package io.blastradius.ingest.social.link;

/**
 * One token of a post. {@code lower} is the lowercase form used to look up names (so "über" stays
 * apart from "uber"); {@code folded} also drops diacritics and is what outage phrases are matched
 * on ("caído" = "caido").
 */
record Token(
        String raw,
        String lower,
        String folded,
        Kind kind,
        int start,
        boolean sentenceStart,
        boolean breakBefore,
        boolean possessive,
        boolean money,
        boolean percent,
        boolean plural) {

    enum Kind {
        WORD,
        NUMBER,
        HASHTAG,
        MENTION,
        CASHTAG,
        URL,
        /** A run of Han, kana or Hangul: no spaces to split on, so phrases are found inside it. */
        CJK
    }

    boolean isWordLike() {
        return kind == Kind.WORD || kind == Kind.NUMBER;
    }

    /** True when the token is written with a capital first letter and is not all capitals. */
    boolean capitalized() {
        if (raw.isEmpty() || !Character.isUpperCase(raw.codePointAt(0))) {
            return false;
        }
        for (int i = 1; i < raw.length(); i++) {
            if (Character.isLowerCase(raw.charAt(i))) {
                return true;
            }
        }
        return raw.length() == 1;
    }
}
