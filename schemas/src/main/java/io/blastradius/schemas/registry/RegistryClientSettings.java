package io.blastradius.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach a registry: its base URLs (tried in turn when one fails), optional basic-auth
 * credentials ({@code user:password}; when null, each URL's own user info is used), timeouts, and
 * the retry budget for 5xx answers and connection errors.
 */
public record RegistryClientSettings(
        List<URI> urls,
        String basicAuthUserInfo,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRetries,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        int cacheCapacity) {

    public RegistryClientSettings {
        Objects.requireNonNull(urls, "urls");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one registry URL is required");
        }
        urls = List.copyOf(urls);
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
    }

    /** Defaults for the given URLs: 5 s connect, 30 s request, 3 retries from 100 ms up to 5 s. */
    public static RegistryClientSettings of(List<URI> urls) {
        return new RegistryClientSettings(urls, null, Duration.ofSeconds(5), Duration.ofSeconds(30), 3,
                Duration.ofMillis(100), Duration.ofSeconds(5), 1000);
    }

    public static RegistryClientSettings of(String commaSeparatedUrls) {
        return of(parseUrls(commaSeparatedUrls));
    }

    public RegistryClientSettings withBasicAuth(String userInfo) {
        return new RegistryClientSettings(urls, userInfo, connectTimeout, requestTimeout, maxRetries, retryBackoff,
                maxRetryBackoff, cacheCapacity);
    }

    public RegistryClientSettings withRetries(int retries, Duration backoff, Duration maxBackoff) {
        return new RegistryClientSettings(urls, basicAuthUserInfo, connectTimeout, requestTimeout, retries, backoff,
                maxBackoff, cacheCapacity);
    }

    public RegistryClientSettings withTimeouts(Duration connect, Duration request) {
        return new RegistryClientSettings(urls, basicAuthUserInfo, connect, request, maxRetries, retryBackoff,
                maxRetryBackoff, cacheCapacity);
    }

    /** Without credentials (in the URLs or configured), so settings can be logged. */
    @Override
    public String toString() {
        return "RegistryClientSettings[urls=" + urls.stream().map(RegistryClientSettings::redact).toList()
                + ", basicAuth=" + (basicAuthUserInfo != null || urls.stream().anyMatch(u -> u.getRawUserInfo() != null))
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", maxRetries="
                + maxRetries + ", retryBackoff=" + retryBackoff + ", maxRetryBackoff=" + maxRetryBackoff
                + ", cacheCapacity=" + cacheCapacity + "]";
    }

    private static String redact(URI url) {
        return url.getRawUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "***@");
    }

    /** Splits a comma-separated URL list, dropping trailing slashes. */
    public static List<URI> parseUrls(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
                .map(URI::create)
                .toList();
    }
}
