#!/usr/bin/python3
"""Confluent's own Python client (Debian python3-confluent-kafka, legacy confluent_kafka.avro API)
reading and writing blastradius topics through a Confluent-compatible schema registry.

  confluent_avro.py consume BOOTSTRAP REGISTRY_URL TOPIC COUNT TIMEOUT_S
      prints one JSON object per record value (timestamps as epoch millis), then exits
  confluent_avro.py produce BOOTSTRAP REGISTRY_URL TOPIC SCHEMA_FILE RECORDS_FILE
      writes each JSON line of RECORDS_FILE as an Avro value with the schema in SCHEMA_FILE
      (timestamp-millis fields given as epoch millis)

Keys are left null: AvroProducer/AvroConsumer treat keys as Avro too, and blastradius keys are
plain strings.
"""
import datetime
import json
import sys
import time

from confluent_kafka.avro import AvroConsumer, AvroProducer, loads

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def to_json(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return int((value - EPOCH) / datetime.timedelta(milliseconds=1))
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    return value


def consume(bootstrap, registry, topic, count, timeout_s):
    consumer = AvroConsumer({
        "bootstrap.servers": bootstrap,
        "group.id": "confluent-python-%d" % time.time_ns(),
        "auto.offset.reset": "earliest",
        "schema.registry.url": registry,
    })
    consumer.subscribe([topic])
    seen = 0
    deadline = time.monotonic() + timeout_s
    try:
        while seen < count and time.monotonic() < deadline:
            message = consumer.poll(0.5)
            if message is None:
                continue
            if message.error():
                raise SystemExit("consume error: %s" % message.error())
            print(json.dumps(to_json(message.value()), sort_keys=True), flush=True)
            seen += 1
    finally:
        consumer.close()
    if seen < count:
        raise SystemExit("read %d of %d records within %ss" % (seen, count, timeout_s))


def timestamp_fields(schema):
    return {f.name for f in schema.fields
            if getattr(f.type, "logical_type", None) == "timestamp-millis"}


def produce(bootstrap, registry, topic, schema_file, records_file):
    with open(schema_file, encoding="utf-8") as f:
        schema = loads(f.read())
    stamps = timestamp_fields(schema)
    producer = AvroProducer({
        "bootstrap.servers": bootstrap,
        "schema.registry.url": registry,
    }, default_value_schema=schema)
    failures = []
    written = 0
    with open(records_file, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            record = json.loads(line)
            for name in stamps:
                if record.get(name) is not None:
                    record[name] = EPOCH + datetime.timedelta(milliseconds=record[name])
            producer.produce(topic=topic, value=record,
                             on_delivery=lambda err, msg: err and failures.append(str(err)))
            written += 1
    producer.flush(30)
    if failures:
        raise SystemExit("delivery failed: %s" % failures)
    print("produced %d" % written, flush=True)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "consume":
        consume(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), float(sys.argv[6]))
    elif command == "produce":
        produce(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6])
    else:
        raise SystemExit("unknown command " + command)
