package io.blastradius.ingest.social.link;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A token trie: phrases of one or more tokens, looked up by walking from a start token. Finding
 * every phrase in a post costs one hash lookup per token (plus one per extra token of a phrase that
 * matches), whatever the number of phrases, so a catalog of thousands of names is as fast as ten.
 */
final class PhraseIndex<T> {
    private final Node<T> root = new Node<>();
    private int size;

    private static final class Node<T> {
        private Map<String, Node<T>> children;
        private List<T> values;
    }

    /** A phrase found at a position: how many tokens it spans and what it stands for. */
    record Match<T>(int start, int length, List<T> values) {
        int end() {
            return start + length;
        }
    }

    void add(List<String> tokens, T value) {
        if (tokens.isEmpty()) {
            return;
        }
        Node<T> node = root;
        for (String t : tokens) {
            if (node.children == null) {
                node.children = new HashMap<>(4);
            }
            node = node.children.computeIfAbsent(t, k -> new Node<>());
        }
        if (node.values == null) {
            node.values = new ArrayList<>(1);
        }
        if (!node.values.contains(value)) {
            node.values.add(value);
            size++;
        }
    }

    int size() {
        return size;
    }

    /**
     * The longest phrase starting at token {@code start}, reading each token through {@code key}
     * (a null key ends the walk), or null when none starts there.
     */
    Match<T> longest(List<Token> tokens, int start, Function<Token, String> key) {
        List<Match<T>> found = all(tokens, start, key);
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    /** Every phrase starting at token {@code start}, shortest first; empty when none. */
    List<Match<T>> all(List<Token> tokens, int start, Function<Token, String> key) {
        Node<T> node = root;
        List<Match<T>> found = null;
        for (int i = start; i < tokens.size(); i++) {
            String k = key.apply(tokens.get(i));
            if (k == null || node.children == null || (i > start && tokens.get(i).breakBefore())) {
                break;
            }
            node = node.children.get(k);
            if (node == null) {
                break;
            }
            if (node.values != null) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(new Match<>(start, i - start + 1, node.values));
            }
        }
        return found == null ? List.of() : found;
    }

    /** The values of a one-token phrase, or null. */
    List<T> single(String token) {
        if (root.children == null) {
            return null;
        }
        Node<T> node = root.children.get(token);
        return node == null ? null : node.values;
    }
}
