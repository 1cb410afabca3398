package io.blastradius.streams.query.route;

/** This instance cannot answer for a store partition right now (not hosted, not active, restoring, stopped). */
public final class NotServedHere extends Exception {
    public NotServedHere(String message) {
        super(message, null, false, false);
    }
}
