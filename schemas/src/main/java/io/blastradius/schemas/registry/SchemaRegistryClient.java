package io.blastradius.schemas.registry;

import java.io.Closeable;
import java.util.List;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API, limited to Avro schemas.
 *
 * <p>Implementations cache what is immutable ({@code id -> schema}, {@code (subject, schema) -> id})
 * so that the serde hot path makes no network call once a schema has been seen. Every failure is a
 * {@link SchemaRegistryException} carrying the registry's error code; nothing returns a silent null.
 */
public interface SchemaRegistryClient extends Closeable {

    /** Registers {@code schema} under {@code subject} (or finds it if already there) and returns its global id. */
    int register(String subject, Schema schema);

    /** Returns the id of {@code schema} already registered under {@code subject}, without registering it. */
    int getId(String subject, Schema schema);

    /** Returns the schema with the given global id. Ids are immutable, so this is cached forever. */
    Schema getSchemaById(int id);

    /** Returns the latest version registered under {@code subject}. Not cached: the latest version moves. */
    RegisteredSchema getLatest(String subject);

    /** Returns one version of a subject. */
    RegisteredSchema getVersion(String subject, int version);

    /** Returns the versions registered under a subject, oldest first. */
    List<Integer> getVersions(String subject);

    /** Returns all subjects. */
    List<String> getSubjects();

    /** Asks the registry whether {@code schema} could be registered under {@code subject} at its compatibility level. */
    boolean testCompatibility(String subject, Schema schema);

    /** Returns the compatibility level of a subject, or the global level when {@code subject} is null. */
    CompatibilityLevel getCompatibility(String subject);

    /** Sets the compatibility level of a subject, or the global level when {@code subject} is null. */
    void setCompatibility(String subject, CompatibilityLevel level);

    /** Deletes a subject (soft, or hard when {@code permanent}); returns the versions deleted. */
    List<Integer> deleteSubject(String subject, boolean permanent);

    @Override
    void close();
}
