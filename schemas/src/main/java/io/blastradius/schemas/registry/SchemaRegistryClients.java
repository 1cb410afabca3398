package io.blastradius.schemas.registry;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates registry clients from settings. A URL of the form {@code mock://<scope>} gives an
 * in-memory registry shared by everything in this JVM that names the same scope, so that a unit
 * test's serializer and deserializer see the same ids without a server.
 */
public final class SchemaRegistryClients {
    private static final String MOCK_SCHEME = "mock";
    private static final Map<String, InMemorySchemaRegistryClient> MOCK_SCOPES = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {
    }

    public static SchemaRegistryClient create(RegistryClientSettings settings) {
        List<URI> urls = settings.urls();
        boolean mock = urls.stream().anyMatch(u -> MOCK_SCHEME.equals(u.getScheme()));
        if (mock) {
            if (urls.size() != 1) {
                throw new IllegalArgumentException("a mock:// registry URL cannot be mixed with others: " + urls);
            }
            return mockScope(scopeOf(urls.get(0)));
        }
        for (URI url : urls) {
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("schema registry URL must be http(s):// or mock://, got " + url);
            }
        }
        return new RestSchemaRegistryClient(settings);
    }

    /** The in-memory registry of a mock scope, created on first use. */
    public static InMemorySchemaRegistryClient mockScope(String scope) {
        return MOCK_SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient());
    }

    /** Forgets a mock scope, so the next test that names it starts empty. */
    public static void dropMockScope(String scope) {
        MOCK_SCOPES.remove(scope);
    }

    private static String scopeOf(URI url) {
        String scope = url.getSchemeSpecificPart().replaceFirst("^//", "");
        return scope.isEmpty() ? "default" : scope;
    }
}
