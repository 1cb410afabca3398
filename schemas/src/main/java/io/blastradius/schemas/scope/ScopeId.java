package io.blastradius.schemas.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A provider scope: {@code provider}, {@code provider/region} or {@code provider/region/service},
 * lowercase, e.g. {@code aws/us-east-1/dynamodb}, {@code aws/us-east-1}, {@code cloudflare/global/cdn}.
 *
 * <p>The region {@code global} stands for everything regionless: {@code gcp/global} is the whole
 * provider in every region, {@code gcp/global/service-control} a global provider service. Scopes nest:
 * {@code aws/us-east-1/dynamodb} lies inside {@code aws/us-east-1}, inside {@code aws/global/dynamodb}
 * (the service everywhere) and inside {@code aws/global} (the whole provider). A bare
 * {@code aws} is read as {@code aws/global}.
 */
public final class ScopeId implements Comparable<ScopeId> {
    public static final String GLOBAL = "global";
    private static final Pattern PART = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final String provider;
    private final String region;
    private final String service;

    private ScopeId(String provider, String region, String service) {
        this.provider = provider;
        this.region = region;
        this.service = service;
    }

    /** Builds a scope from parts; {@code region} and {@code service} may be null. */
    public static ScopeId of(String provider, String region, String service) {
        String p = part(provider, "provider");
        String r = region == null || region.isBlank() ? GLOBAL : part(region, "region");
        String s = service == null || service.isBlank() ? null : part(service, "service");
        return new ScopeId(p, r, s);
    }

    /** Parses {@code provider[/region[/service]]}; throws {@link IllegalArgumentException} on anything else. */
    public static ScopeId parse(String text) {
        Objects.requireNonNull(text, "scope");
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("scope '" + text + "' has more than three parts (provider/region/service)");
        }
        return of(parts[0], parts.length > 1 ? parts[1] : null, parts.length > 2 ? parts[2] : null);
    }

    /** True when {@code text} parses as a scope (rather than, say, a service id without slashes). */
    public static boolean looksLikeScope(String text) {
        return text != null && text.indexOf('/') > 0;
    }

    private static String part(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!PART.matcher(v).matches()) {
            throw new IllegalArgumentException("invalid " + what + " '" + value + "' in scope: use [a-z0-9._-]");
        }
        return v;
    }

    public String provider() {
        return provider;
    }

    /** The region, {@code global} for provider-wide and global-service scopes. */
    public String region() {
        return region;
    }

    /** The provider service, or null for a region- or provider-wide scope. */
    public String service() {
        return service;
    }

    public boolean isGlobalRegion() {
        return GLOBAL.equals(region);
    }

    /** The whole provider: {@code p/global}. */
    public boolean isProviderWide() {
        return isGlobalRegion() && service == null;
    }

    /** 0 for the whole provider, 1 for a region or a global service, 2 for a service in a region. */
    public int specificity() {
        return (isGlobalRegion() ? 0 : 1) + (service == null ? 0 : 1);
    }

    /** The scopes directly containing this one (none for the whole provider). */
    public List<ScopeId> parents() {
        List<ScopeId> parents = new ArrayList<>(2);
        if (service != null) {
            parents.add(new ScopeId(provider, region, null));
            if (!isGlobalRegion()) {
                parents.add(new ScopeId(provider, GLOBAL, service));
            }
        } else if (!isGlobalRegion()) {
            parents.add(new ScopeId(provider, GLOBAL, null));
        }
        return parents;
    }

    /** This scope and every scope containing it, most specific first, without duplicates. */
    public List<ScopeId> selfAndAncestors() {
        List<ScopeId> result = new ArrayList<>(4);
        result.add(this);
        for (int i = 0; i < result.size(); i++) {
            for (ScopeId parent : result.get(i).parents()) {
                if (!result.contains(parent)) {
                    result.add(parent);
                }
            }
        }
        return result;
    }

    /** True when {@code other} is this scope or lies inside it. */
    public boolean contains(ScopeId other) {
        if (!provider.equals(other.provider)) {
            return false;
        }
        boolean regionOk = isGlobalRegion() || region.equals(other.region);
        boolean serviceOk = service == null || service.equals(other.service);
        return regionOk && serviceOk;
    }

    @Override
    public String toString() {
        return service == null ? provider + "/" + region : provider + "/" + region + "/" + service;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScopeId other && provider.equals(other.provider) && region.equals(other.region)
                && Objects.equals(service, other.service);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, region, service);
    }

    @Override
    public int compareTo(ScopeId o) {
        return toString().compareTo(o.toString());
    }
}
