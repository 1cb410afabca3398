package io.blastradius.schemas.registry;

import java.util.Locale;
import org.apache.avro.Schema;

/**
 * How a serializer names the subject it registers a schema under. The three strategies of the
 * Confluent serializers, accepted by their short names or by Confluent's class names so that
 * existing configurations carry over.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic (the default). */
    TOPIC_NAME("io.confluent.kafka.serializers.subject.TopicNameStrategy"),
    /** The record's full name: one lineage per record type, across topics. */
    RECORD_NAME("io.confluent.kafka.serializers.subject.RecordNameStrategy"),
    /** {@code <topic>-<record full name>}: several record types per topic. */
    TOPIC_RECORD_NAME("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");

    private final String confluentClassName;

    SubjectNameStrategy(String confluentClassName) {
        this.confluentClassName = confluentClassName;
    }

    public String subjectName(String topic, boolean isKey, Schema schema) {
        switch (this) {
            case TOPIC_NAME:
                return topic + (isKey ? "-key" : "-value");
            case RECORD_NAME:
                return recordName(schema);
            default:
                return topic + "-" + recordName(schema);
        }
    }

    private static String recordName(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("record-name subject strategies need a record schema, got " + schema.getType());
        }
        return schema.getFullName();
    }

    /**
     * Parses a strategy name: TopicNameStrategy, topic_name, TOPIC-NAME or the Confluent class name.
     */
    public static SubjectNameStrategy parse(String name) {
        String trimmed = name.trim();
        for (SubjectNameStrategy s : values()) {
            String simple = s.confluentClassName.substring(s.confluentClassName.lastIndexOf('.') + 1);
            if (trimmed.equals(s.confluentClassName) || trimmed.equalsIgnoreCase(simple)
                    || trimmed.toUpperCase(Locale.ROOT).replace('-', '_').equals(s.name())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown subject name strategy '" + name
                + "'; use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    }
}
