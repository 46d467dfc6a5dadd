package io.aerobackup.embedded.expression;

import static io.aerobackup.embedded.expression.DecodeChecks.checkBranch;
import static io.aerobackup.embedded.expression.DecodeChecks.expectArgs;
import static io.aerobackup.embedded.expression.DecodeChecks.expectType;
import static io.aerobackup.embedded.expression.DecodeChecks.unsupported;

import io.aerobackup.embedded.expression.MsgPackReader.Kind;
import io.aerobackup.embedded.storage.Particle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the msgpack bytes of a FILTER_EXP field into a type-checked {@link ExpNode} tree, once.
 * Type rules follow the server's build step (exp.c build_*): compared operands must have the same
 * type, logical operands must be boolean, arithmetic operands all int or all float, and anything
 * this server cannot evaluate is refused here, before any record is looked at.
 */
final class ExpressionDecoder {
    /** Guards the recursive decoder and evaluator against absurdly nested input. */
    static final int MAX_DEPTH = 512;
    /** Same limit as the server's AS_BIN_NAME_MAX_SZ (16, including the terminating NUL). */
    private static final int MAX_BIN_NAME_BYTES = 15;

    private final MsgPackReader in;
    private final LetScope vars = new LetScope();

    private ExpressionDecoder(byte[] packed) {
        this.in = new MsgPackReader(packed);
    }

    /** Decodes a whole filter: exactly one boolean expression and nothing after it. */
    static FilterExpression decodeFilter(byte[] packed) {
        if (packed == null || packed.length == 0) {
            throw MsgPackReader.malformed("empty expression");
        }
        ExpressionDecoder d = new ExpressionDecoder(packed);
        ExpNode root = d.decode(0);
        if (!d.in.atEnd()) {
            throw MsgPackReader.malformed((packed.length - d.in.position()) + " trailing bytes after the expression");
        }
        if (root.type() != ResultType.BOOL) {
            throw new ExpressionException("filter expression must return a boolean, found " + root.type().label());
        }
        return new FilterExpression(root, d.vars.slotCount());
    }

    /**
     * Decodes the operand of an expression read ({@code ExpOperation.read}): the msgpack array
     * {@code [expression, flags]}, the expression inline (not wrapped in bytes); it may return any
     * type {@link ReadExpression} reads.
     */
    static ReadExpression decodeRead(byte[] operand) {
        if (operand == null || operand.length == 0) {
            throw MsgPackReader.malformed("empty expression read");
        }
        ExpressionDecoder d = new ExpressionDecoder(operand);
        if (d.in.readArrayHeader() != 2) {
            throw MsgPackReader.malformed("an expression read is [expression, flags]");
        }
        ExpNode root = d.decode(0);
        d.in.readInt(); // flags: only EVAL_NO_FAIL exists, and this server fails no evaluation
        if (!d.in.atEnd()) {
            throw MsgPackReader.malformed((operand.length - d.in.position())
                    + " trailing bytes after the expression read");
        }
        return new ReadExpression(root, d.vars.slotCount());
    }

    private ExpNode decode(int depth) {
        if (depth > MAX_DEPTH) {
            throw MsgPackReader.malformed("nested deeper than " + MAX_DEPTH + " levels");
        }
        Kind kind = in.peekKind();
        switch (kind) {
            case ARRAY: return decodeOp(depth);
            case INT: return ConstantNode.of(in.readInt());
            case FLOAT: return ConstantNode.of(in.readDouble());
            case BOOL: return ConstantNode.of(in.readBool());
            case NIL:
                in.readNil();
                return ConstantNode.nil();
            case RAW: return decodeBytesValue();
            case MAP: throw unsupported("map values (Exp.val(Map))");
            case EXT: throw unsupported("msgpack extension values (Exp.inf(), Exp.wildcard())");
            default: throw MsgPackReader.malformed("invalid msgpack byte at offset " + in.position());
        }
    }

    /** Value strings and blobs carry a leading particle-type byte (Packer.packParticleString/Bytes). */
    private ExpNode decodeBytesValue() {
        int at = in.position();
        byte[] raw = in.readRaw();
        if (raw.length == 0) {
            throw MsgPackReader.malformed("string/blob value without particle type at offset " + at);
        }
        byte[] value = Arrays.copyOfRange(raw, 1, raw.length);
        switch (raw[0]) {
            case Particle.STRING: return ConstantNode.bytes(ResultType.STRING, value);
            case Particle.BLOB: return ConstantNode.bytes(ResultType.BLOB, value);
            case Particle.GEOJSON: throw unsupported("geojson values (Exp.geo)");
            case Particle.HLL: throw unsupported("hll values");
            default: throw MsgPackReader.malformed("invalid value particle type " + raw[0] + " at offset " + at);
        }
    }

    private ExpNode decodeOp(int depth) {
        int count = in.readArrayHeader();
        if (count == 0) {
            throw MsgPackReader.malformed("empty instruction at offset " + in.position());
        }
        if (in.peekKind() != Kind.INT) {
            throw MsgPackReader.malformed("op code is not an integer at offset " + in.position());
        }
        long op = in.readInt();
        int args = count - 1;
        switch (op < 0 || op > ExpOp.CALL ? -1 : (int) op) {
            case ExpOp.UNKNOWN:
                expectArgs(op, args, 0);
                return new LogicalNodes.UnknownLiteral();
            case ExpOp.EQ: case ExpOp.NE: case ExpOp.GT: case ExpOp.GE: case ExpOp.LT: case ExpOp.LE:
                expectArgs(op, args, 2);
                return compare((int) op, decode(depth + 1), decode(depth + 1));
            case ExpOp.AND: case ExpOp.OR: case ExpOp.EXCLUSIVE:
                return logical((int) op, args, depth);
            case ExpOp.NOT:
                expectArgs(op, args, 1);
                return new LogicalNodes.Not(expectType(op, decode(depth + 1), ResultType.BOOL));
            case ExpOp.ADD: case ExpOp.SUB: case ExpOp.MUL: case ExpOp.DIV:
                return arithmetic((int) op, args, depth);
            case ExpOp.DIGEST_MODULO:
                expectArgs(op, args, 1);
                return digestModulo();
            case ExpOp.DEVICE_SIZE: case ExpOp.LAST_UPDATE: case ExpOp.SINCE_UPDATE: case ExpOp.VOID_TIME:
            case ExpOp.TTL: case ExpOp.SET_NAME: case ExpOp.KEY_EXISTS: case ExpOp.IS_TOMBSTONE:
            case ExpOp.MEMORY_SIZE: case ExpOp.RECORD_SIZE:
                expectArgs(op, args, 0);
                return MetadataNode.of((int) op);
            case ExpOp.KEY:
                expectArgs(op, args, 1);
                return recordKey();
            case ExpOp.BIN:
                expectArgs(op, args, 2);
                return binRead();
            case ExpOp.BIN_TYPE:
                expectArgs(op, args, 1);
                return new BinNodes.BinType(binName());
            case ExpOp.COND:
                return cond(args, depth);
            case ExpOp.VAR:
                expectArgs(op, args, 1);
                return vars.reference(new String(in.readRaw(), StandardCharsets.UTF_8));
            case ExpOp.LET:
                return let(args, depth);
            default:
                if (ExpOp.isKnownButUnsupported(op)) {
                    throw unsupported("op " + op + " (" + ExpOp.name(op) + ")");
                }
                throw new ExpressionException("unknown filter expression op code " + op);
        }
    }

    private ExpNode compare(int op, ExpNode left, ExpNode right) {
        if (left.type() != right.type()) {
            throw new ExpressionException(ExpOp.name(op) + ": mismatched argument types " + left.type().label()
                    + " and " + right.type().label() + " (values of different types are never converted)");
        }
        switch (left.type()) {
            case NIL: case BOOL: case INT: case FLOAT: case STRING: case BLOB:
                return new CompareNode(op, left, right);
            default:
                throw new ExpressionException(ExpOp.name(op) + ": cannot compare " + left.type().label() + " values");
        }
    }

    private ExpNode logical(int op, int args, int depth) {
        if (args < 2) {
            throw new ExpressionException(ExpOp.name(op) + " needs at least 2 arguments, found " + args);
        }
        List<ExpNode> nodes = new ArrayList<>(args);
        for (int i = 0; i < args; i++) {
            nodes.add(expectType(op, decode(depth + 1), ResultType.BOOL));
        }
        if (op == ExpOp.AND) {
            return new LogicalNodes.And(nodes);
        }
        return op == ExpOp.OR ? new LogicalNodes.Or(nodes) : new LogicalNodes.Exclusive(nodes);
    }

    private ExpNode arithmetic(int op, int args, int depth) {
        if (args < 1) {
            throw new ExpressionException(ExpOp.name(op) + " needs at least 1 argument");
        }
        List<ExpNode> nodes = new ArrayList<>(args);
        for (int i = 0; i < args; i++) {
            ExpNode n = decode(depth + 1);
            if (n.type() != ResultType.INT && n.type() != ResultType.FLOAT) {
                throw new ExpressionException(ExpOp.name(op) + ": argument " + (i + 1) + " is " + n.type().label()
                        + ", expected int or float");
            }
            if (!nodes.isEmpty() && n.type() != nodes.get(0).type()) {
                throw new ExpressionException(ExpOp.name(op) + ": mixed int and float arguments");
            }
            nodes.add(n);
        }
        return new ArithmeticNode(op, nodes.get(0).type(), nodes);
    }

    private ExpNode digestModulo() {
        if (in.peekKind() != Kind.INT) {
            throw MsgPackReader.malformed("digest_modulo needs an integer modulus");
        }
        int modulus = (int) in.readInt(); // the server narrows to int32 the same way
        if (modulus == 0) {
            throw new ExpressionException("digest_modulo: cannot take modulo 0");
        }
        return MetadataNode.digestModulo(modulus);
    }

    private ExpNode recordKey() {
        ResultType type = readType("key");
        if (type != ResultType.INT && type != ResultType.STRING && type != ResultType.BLOB) {
            throw new ExpressionException("key: invalid key type " + type.label() + " (int, string or blob only)");
        }
        return MetadataNode.key(type);
    }

    private ExpNode binRead() {
        ResultType type = readType("bin");
        switch (type) {
            case INT: case FLOAT: case STRING: case BOOL: case BLOB:
                return new BinNodes.BinRead(binName(), type);
            case NIL:
                throw new ExpressionException("bin: invalid bin type nil");
            default:
                throw unsupported(type.label() + " bin reads (Exp." + type.label() + "Bin)");
        }
    }

    private ResultType readType(String op) {
        long code = in.peekKind() == Kind.INT ? in.readInt() : -1;
        ResultType type = ResultType.fromCode(code);
        if (type == null) {
            throw new ExpressionException(op + ": invalid type code " + code);
        }
        return type;
    }

    /** Bin names are plain msgpack strings (no particle byte), at most 15 bytes, no NUL. */
    private String binName() {
        byte[] name = in.readRaw();
        if (name.length > MAX_BIN_NAME_BYTES) {
            throw new ExpressionException("bin name longer than " + MAX_BIN_NAME_BYTES + " bytes");
        }
        for (byte b : name) {
            if (b == 0) {
                throw new ExpressionException("bin name contains a NUL byte");
            }
        }
        return new String(name, StandardCharsets.UTF_8);
    }

    private ExpNode cond(int args, int depth) {
        if (args < 3 || args % 2 == 0) {
            throw new ExpressionException("cond needs condition/action pairs and a default, found "
                    + args + " arguments");
        }
        List<ExpNode> conditions = new ArrayList<>();
        List<ExpNode> actions = new ArrayList<>();
        ResultType type = null;
        for (int i = 0; i < args / 2; i++) {
            conditions.add(expectType(ExpOp.COND, decode(depth + 1), ResultType.BOOL));
            ExpNode action = decode(depth + 1);
            type = checkBranch(type, action, i + 1);
            actions.add(action);
        }
        ExpNode otherwise = decode(depth + 1);
        type = checkBranch(type, otherwise, args / 2 + 1);
        return new ControlNodes.Cond(type == null ? ResultType.BOOL : type, conditions, actions, otherwise);
    }

    private ExpNode let(int args, int depth) {
        if (args < 3 || args % 2 == 0) {
            throw new ExpressionException("let needs name/value pairs and a scope expression, found "
                    + args + " arguments");
        }
        int definitions = args / 2;
        int firstSlot = vars.nextSlot();
        List<ExpNode> values = new ArrayList<>(definitions);
        for (int i = 0; i < definitions; i++) {
            vars.define(new String(in.readRaw(), StandardCharsets.UTF_8));
            ExpNode value = decode(depth + 1);
            vars.defined(value.type());
            values.add(value);
        }
        ExpNode scope = decode(depth + 1);
        vars.leave(definitions);
        return new ControlNodes.Let(firstSlot, values, scope);
    }
}
