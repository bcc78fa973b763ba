package dev.jobwire.cli.follow;

import com.google.gson.JsonObject;

/** Receives what a {@link JobFollower} sees: each event once and in order, plus what the user should know. */
public interface FollowListener {

    /** One job event ({@code progress}, {@code succeeded}, {@code failed}, {@code cancelled}), as received. */
    void event(JsonObject event);

    /** Events {@code fromSeq..toSeq} will never arrive (expired, or too large for a frame). */
    void lost(long fromSeq, long toSeq, String why);

    /** Something about the connection: lost, reconnecting, resumed. */
    void notice(String message);

    /** Called about once a second while nothing arrives, so that a display can show the time pass. */
    default void tick() {
    }
}
