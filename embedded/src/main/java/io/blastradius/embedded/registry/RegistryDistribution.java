package io.blastradius.embedded.registry;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unpacked Apicurio Registry distribution ({@code io.apicurio:apicurio-registry-app:<version>:tar.gz:all}):
 * a Quarkus runner jar with its {@code lib/} beside it.
 *
 * <p>{@link #locate()} finds one without any network access: a directory named by the system
 * property {@value #HOME_PROPERTY}, else the archive the build resolved into the local Maven
 * repository, unpacked once into a cache directory (atomically, so concurrent builds in several
 * work trees never see half an extraction).
 */
public record RegistryDistribution(Path home, Path runnerJar, String version) {
    private static final Logger log = LoggerFactory.getLogger(RegistryDistribution.class);

    /** System property naming an unpacked distribution directory; wins over every other source. */
    public static final String HOME_PROPERTY = "blastradius.registry.home";
    /** System property naming the cache directory archives are unpacked into. */
    public static final String CACHE_PROPERTY = "blastradius.cache.dir";
    private static final String GROUP_PATH = "io/apicurio/apicurio-registry-app";

    public RegistryDistribution {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(runnerJar, "runnerJar");
        Objects.requireNonNull(version, "version");
    }

    /** The Apicurio version this build was made with (from the root pom). */
    public static String expectedVersion() {
        Properties p = new Properties();
        try (InputStream in = RegistryDistribution.class.getResourceAsStream("registry.properties")) {
            if (in == null) {
                throw new IllegalStateException("registry.properties missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("apicurio.version");
    }

    /** The distribution unpacked in {@code home}. */
    public static RegistryDistribution in(Path home) {
        String version = expectedVersion();
        Path jar = home.resolve("apicurio-registry-app-" + version + "-runner.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no Apicurio Registry " + version + " in " + home + ": " + jar.getFileName()
                    + " is missing");
        }
        if (!Files.isDirectory(home.resolve("lib"))) {
            throw new IllegalStateException("Apicurio Registry in " + home + " has no lib/ directory");
        }
        return new RegistryDistribution(home, jar, version);
    }

    /**
     * Finds the distribution: {@value #HOME_PROPERTY}, else the local Maven repository's archive
     * (system property {@code maven.repo.local}, default {@code ~/.m2/repository}) unpacked into the cache.
     */
    public static RegistryDistribution locate() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return in(Path.of(home));
        }
        String version = expectedVersion();
        Path archive = mavenRepository().resolve(GROUP_PATH).resolve(version)
                .resolve("apicurio-registry-app-" + version + "-all.tar.gz");
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("Apicurio Registry " + version + " not found at " + archive
                    + ". The Maven build resolves it (mvn -B -pl embedded -am verify); or point -D" + HOME_PROPERTY
                    + " at an unpacked distribution.");
        }
        return in(unpackOnce(archive, cacheDirectory().resolve("apicurio-registry-app-" + version)));
    }

    static Path mavenRepository() {
        String repo = System.getProperty("maven.repo.local");
        return repo != null && !repo.isBlank()
                ? Path.of(repo)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    static Path cacheDirectory() {
        String cache = System.getProperty(CACHE_PROPERTY);
        if (cache != null && !cache.isBlank()) {
            return Path.of(cache);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("blastradius");
    }

    /**
     * Unpacks {@code archive} into {@code target} unless it is there already. The archive is unpacked
     * into a sibling temporary directory that is then renamed, so {@code target} either does not
     * exist or is complete; a racing process that loses the rename discards its copy.
     */
    static Path unpackOnce(Path archive, Path target) {
        if (Files.isDirectory(target)) {
            return target;
        }
        Path staging = null;
        try {
            Files.createDirectories(target.getParent());
            staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".unpacking-");
            long started = System.nanoTime();
            untar(archive, staging);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                log.info("unpacked {} into {} in {} ms", archive.getFileName(), target,
                        (System.nanoTime() - started) / 1_000_000);
            } catch (IOException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
                log.debug("another process unpacked {} first", target); // rename(2) refuses a non-empty target
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + archive + " into " + target, e);
        } finally {
            if (staging != null) {
                deleteRecursively(staging);
            }
        }
    }

    private static void untar(Path archive, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("archive entry escapes the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
