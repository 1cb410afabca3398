package io.blastradius.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidator;

/**
 * A registry held in memory, with the same semantics as the REST one: global ids shared across
 * subjects for identical schemas, versions per subject, compatibility enforced on register.
 * For unit tests at the serde boundary; integration tests use a real registry server.
 * Reach one by URL {@code mock://<scope>} through {@link SchemaRegistryClients}.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {
    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<Schema, Integer> idBySchema = new HashMap<>();
    private final Map<String, List<Integer>> versionIdsBySubject = new LinkedHashMap<>();
    private final Map<String, CompatibilityLevel> levels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Integer> ids = versionIdsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        Integer existing = idBySchema.get(schema);
        if (existing != null && ids.contains(existing)) {
            return existing;
        }
        if (!compatible(subject, schema)) {
            throw new SchemaRegistryException("Schema being registered is incompatible with an earlier schema for subject \""
                    + subject + "\"", 409, SchemaRegistryException.INCOMPATIBLE_SCHEMA);
        }
        int id = existing != null ? existing : nextId++;
        byId.put(id, schema);
        idBySchema.put(schema, id);
        ids.add(id);
        return id;
    }

    @Override
    public synchronized int getId(String subject, Schema schema) {
        Integer id = idBySchema.get(schema);
        List<Integer> ids = versionIdsBySubject.get(subject);
        if (ids == null) {
            throw new SchemaRegistryException("Subject '" + subject + "' not found.", 404, SchemaRegistryException.SUBJECT_NOT_FOUND);
        }
        if (id == null || !ids.contains(id)) {
            throw new SchemaRegistryException("Schema not found", 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return id;
    }

    @Override
    public synchronized Schema getSchemaById(int id) {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("Schema " + id + " not found", 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema getLatest(String subject) {
        List<Integer> ids = versions(subject);
        return getVersion(subject, ids.size());
    }

    @Override
    public synchronized RegisteredSchema getVersion(String subject, int version) {
        List<Integer> ids = versions(subject);
        if (version < 1 || version > ids.size()) {
            throw new SchemaRegistryException("Version " + version + " not found.", 404, SchemaRegistryException.VERSION_NOT_FOUND);
        }
        int id = ids.get(version - 1);
        return new RegisteredSchema(subject, id, version, byId.get(id));
    }

    @Override
    public synchronized List<Integer> getVersions(String subject) {
        List<Integer> versions = new ArrayList<>();
        for (int i = 1; i <= versions(subject).size(); i++) {
            versions.add(i);
        }
        return versions;
    }

    @Override
    public synchronized List<String> getSubjects() {
        return new ArrayList<>(versionIdsBySubject.keySet());
    }

    @Override
    public synchronized boolean testCompatibility(String subject, Schema schema) {
        return compatible(subject, schema);
    }

    @Override
    public synchronized CompatibilityLevel getCompatibility(String subject) {
        return subject == null ? globalLevel : levels.getOrDefault(subject, globalLevel);
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        if (subject == null) {
            globalLevel = level;
        } else {
            levels.put(subject, level);
        }
    }

    @Override
    public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Integer> versions = getVersions(subject);
        versionIdsBySubject.remove(subject);
        levels.remove(subject);
        return versions;
    }

    @Override
    public void close() {
        // nothing to release
    }

    private List<Integer> versions(String subject) {
        List<Integer> ids = versionIdsBySubject.get(subject);
        if (ids == null || ids.isEmpty()) {
            throw new SchemaRegistryException("Subject '" + subject + "' not found.", 404, SchemaRegistryException.SUBJECT_NOT_FOUND);
        }
        return ids;
    }

    private boolean compatible(String subject, Schema schema) {
        SchemaValidator validator = getCompatibility(subject).validator();
        List<Integer> ids = versionIdsBySubject.getOrDefault(subject, List.of());
        if (validator == null || ids.isEmpty()) {
            return true;
        }
        // Avro validators expect the most recent schema first.
        List<Schema> existing = new ArrayList<>();
        for (int i = ids.size() - 1; i >= 0; i--) {
            existing.add(byId.get(ids.get(i)));
        }
        try {
            validator.validate(schema, existing);
            return true;
        } catch (SchemaValidationException e) {
            return false;
        }
    }
}
