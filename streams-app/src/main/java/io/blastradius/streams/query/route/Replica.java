package io.blastradius.streams.query.route;

/** Which copy of a store partition answered: the active task's, or a standby's (may trail by a commit or so). */
public enum Replica {
    ACTIVE, STANDBY;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Replica parse(String s) {
        return "standby".equalsIgnoreCase(s) ? STANDBY : ACTIVE;
    }
}
