package io.aerobackup.embedded.command;

import io.aerobackup.embedded.topology.NodeIdentity;
import io.aerobackup.embedded.expression.ExpressionException;
import io.aerobackup.embedded.protocol.AsMessage;
import io.aerobackup.embedded.protocol.MessageCodec;
import io.aerobackup.embedded.protocol.Proto;
import io.aerobackup.embedded.protocol.ProtocolException;
import io.aerobackup.embedded.protocol.ResponseBuffer;
import io.aerobackup.embedded.protocol.ResultCode;
import io.aerobackup.embedded.protocol.ServerException;
import io.aerobackup.embedded.security.AdminHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/** Routes each request of one node to its handler and turns failures into Aerospike replies. */
public final class CommandDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

    private final ServerContext ctx;
    private final InfoHandler info;
    private final RecordExecutor records;
    private final BatchHandler batch;
    private final ScanHandler scan;
    private final AdminHandler admin;

    public CommandDispatcher(ServerContext ctx, NodeIdentity self) {
        this.ctx = ctx;
        this.info = new InfoHandler(ctx, self);
        this.records = new RecordExecutor(ctx);
        this.batch = new BatchHandler(records);
        this.scan = new ScanHandler(ctx, self);
        this.admin = ctx.security() == null ? null : new AdminHandler(ctx.security(), ctx.sessions());
    }

    public void handleInfo(byte[] body, ReplyChannel channel) throws IOException {
        if (!authenticated(channel)) {
            channel.buffer().infoFrame(info.refuseAll(body, "ERROR:" + ResultCode.NOT_AUTHENTICATED
                    + ":not authenticated"));
        } else {
            channel.buffer().infoFrame(info.handle(body));
        }
        channel.flush();
    }

    /** With security on, a connection must log in or authenticate before anything else. */
    private boolean authenticated(ReplyChannel channel) {
        return admin == null || channel.peer().user() != null;
    }

    /** Community Edition cannot decompress requests: it answers ENTERPRISE_ONLY and keeps the connection. */
    public void handleCompressed(ReplyChannel channel) throws IOException {
        singleReply(channel, Reply.error(ResultCode.ENTERPRISE_ONLY));
    }

    /** Login and authenticate when security is on; else, as Community Edition, SECURITY_NOT_SUPPORTED. */
    public void handleAdmin(byte[] body, ReplyChannel channel) throws IOException {
        ResponseBuffer out = channel.buffer();
        if (admin != null) {
            out.raw(admin.handle(body, channel.peer()));
            channel.flush();
            return;
        }
        byte[] reply = new byte[16];
        reply[1] = 51;
        byte[] frame = new byte[Proto.HEADER_SIZE + reply.length];
        long proto = reply.length | ((long) Proto.VERSION << 56) | ((long) Proto.TYPE_ADMIN << 48);
        io.aerobackup.embedded.protocol.Bytes.putLong(frame, 0, proto);
        System.arraycopy(reply, 0, frame, Proto.HEADER_SIZE, reply.length);
        out.raw(frame);
        channel.flush();
    }

    public void handleMessage(byte[] body, ReplyChannel channel) throws IOException {
        AsMessage msg;
        try {
            msg = MessageCodec.decode(body, 0, body.length);
        } catch (ProtocolException e) {
            LOG.debug("malformed message: {}", e.getMessage());
            boolean batchHeader = body.length > 1 && (body[1] & Proto.INFO1_BATCH) != 0;
            if (batchHeader) {
                new MultiRecordReply(channel).finish(ResultCode.PARAMETER_ERROR);
            } else {
                singleReply(channel, Reply.error(ResultCode.PARAMETER_ERROR));
            }
            return;
        }
        boolean isBatch = msg.field(Proto.FIELD_BATCH_INDEX) != null || msg.field(Proto.FIELD_BATCH_INDEX_WITH_SET) != null;
        int injected = ctx.faults().takeFailure();
        try {
            if (!authenticated(channel)) {
                throw new ServerException(ResultCode.NOT_AUTHENTICATED, "not authenticated");
            }
            if (admin != null && (msg.info2() & (Proto.INFO2_WRITE | Proto.INFO2_DELETE)) != 0
                    && !channel.peer().user().mayWrite()) {
                throw new ServerException(ResultCode.ROLE_VIOLATION, "user " + channel.peer().user().name()
                        + " has no role that writes");
            }
            if (injected != 0) {
                throw new ServerException(injected, "injected failure");
            }
            if (isBatch) {
                if (msg.field(Proto.FIELD_BATCH_INDEX) == null) {
                    throw new ServerException(ResultCode.PARAMETER_ERROR, "batch-with-set rows are not supported");
                }
                batch.handle(msg, channel);
            } else if (msg.field(Proto.FIELD_DIGEST) == null) {
                scan.handle(msg, channel);
            } else {
                singleReply(channel, records.execute(RecordRequest.of(msg)));
            }
        } catch (ServerException | ExpressionException | ProtocolException e) {
            int code = e instanceof ServerException ? ((ServerException) e).resultCode()
                    : e instanceof ExpressionException ? ((ExpressionException) e).resultCode()
                    : ResultCode.PARAMETER_ERROR;
            LOG.debug("command failed with {}: {}", code, e.getMessage());
            channel.buffer().reset();
            if (isBatch) {
                new MultiRecordReply(channel).finish(code);
            } else {
                singleReply(channel, Reply.error(code));
            }
        }
    }

    private static void singleReply(ReplyChannel channel, Reply reply) throws IOException {
        ResponseBuffer out = channel.buffer();
        out.beginFrame();
        out.msgHeader(0, reply.resultCode, reply.generation, (int) reply.voidTime, 0, 0, reply.bins.size());
        MultiRecordReply.writeBins(out, reply.bins);
        out.endFrame();
        channel.flush();
    }
}
