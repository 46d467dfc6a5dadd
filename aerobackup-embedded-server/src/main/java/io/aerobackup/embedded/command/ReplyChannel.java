package io.aerobackup.embedded.command;

import io.aerobackup.embedded.protocol.ResponseBuffer;
import io.aerobackup.embedded.security.AdminHandler;

import java.io.IOException;

/** Where a handler writes its reply; multi-record replies flush it as frames fill up. */
public interface ReplyChannel {
    ResponseBuffer buffer();

    /** Sends what the buffer holds and empties it. */
    void flush() throws IOException;

    /** The connection's login state; never null for a network connection. */
    AdminHandler.Peer peer();
}
