package dev.contrastive4j.encoder.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A reader of the protocol buffers wire format over one message's bytes, with no generated classes.
 *
 * <p>Every length is checked against the bytes left in the enclosing message before it is used, so a
 * truncated or corrupted file fails with a {@link ModelFormatException} naming the byte offset, and never
 * allocates more than the file holds. Nested messages are read by {@link #readMessage()}, which returns a
 * reader bounded to the nested bytes.
 *
 * <p>Wire types: 0 varint, 1 fixed 64-bit, 2 length-delimited, 5 fixed 32-bit. The deprecated group wire
 * types 3 and 4 are refused.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final String source;
    private final ByteBuffer bytes;
    /** Absolute file offset of {@code bytes}' index 0, for messages. */
    private final long baseOffset;

    private ProtoReader(String source, ByteBuffer bytes, long baseOffset) {
        this.source = source;
        this.bytes = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.baseOffset = baseOffset;
    }

    /** A reader over all of {@code bytes} (from its position to its limit), naming {@code source} in errors. */
    static ProtoReader of(String source, ByteBuffer bytes) {
        return new ProtoReader(source, bytes, 0);
    }

    boolean hasMore() {
        return bytes.hasRemaining();
    }

    /** Absolute offset of the next byte to read. */
    long offset() {
        return baseOffset + bytes.position();
    }

    /** Reads a field key; the field number is {@code key >>> 3}, the wire type {@code key & 7}. */
    int readKey() {
        long start = offset();
        long key = readVarint();
        if (key >>> 3 == 0 || key >>> 3 > 0x1FFF_FFFF) {
            throw error(start, "invalid field number " + (key >>> 3));
        }
        return (int) key;
    }

    long readVarint() {
        long start = offset();
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!bytes.hasRemaining()) {
                throw error(start, "truncated varint");
            }
            byte b = bytes.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw error(start, "varint longer than 10 bytes");
    }

    long readFixed64() {
        require(8, "fixed64");
        return bytes.getLong();
    }

    int readFixed32() {
        require(4, "fixed32");
        return bytes.getInt();
    }

    /** The payload of a length-delimited field, as a little-endian view (no copy). */
    ByteBuffer readBytes() {
        long start = offset();
        long length = readVarint();
        if (length < 0 || length > bytes.remaining()) {
            throw error(start, "length " + Long.toUnsignedString(length) + " exceeds the " + bytes.remaining()
                    + " bytes left in the enclosing message");
        }
        ByteBuffer payload = bytes.slice().limit((int) length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.position(bytes.position() + (int) length);
        return payload;
    }

    /** A length-delimited nested message. */
    ProtoReader readMessage() {
        ByteBuffer payload = readBytes();
        return new ProtoReader(source, payload, offset() - payload.remaining());
    }

    /** A second reader over the same bytes from the start, for a message read in two passes. */
    ProtoReader rewound() {
        return new ProtoReader(source, bytes.duplicate().position(0), baseOffset);
    }

    /** Bytes in this message, read or not. */
    int length() {
        return bytes.limit();
    }

    /** A length-delimited UTF-8 string; malformed UTF-8 is an error, not replaced silently. */
    String readString() {
        long start = offset();
        ByteBuffer payload = readBytes();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(payload)
                    .toString();
        } catch (CharacterCodingException e) {
            throw error(start, "string is not valid UTF-8");
        }
    }

    /** Skips the value of a field whose key was just read. */
    void skip(int key) {
        switch (key & 7) {
            case VARINT -> readVarint();
            case FIXED64 -> readFixed64();
            case LENGTH_DELIMITED -> readBytes();
            case FIXED32 -> readFixed32();
            default -> throw error(offset(), "unsupported wire type " + (key & 7) + " for field " + (key >>> 3));
        }
    }

    /** Fails unless the key has the expected wire type (a corrupt file can pair any type with any field). */
    void expectWireType(int key, int wireType, String field) {
        if ((key & 7) != wireType) {
            throw error(offset(), field + " has wire type " + (key & 7) + ", expected " + wireType);
        }
    }

    ModelFormatException error(String problem) {
        return error(offset(), problem);
    }

    ModelFormatException error(long at, String problem) {
        return new ModelFormatException(source + ": at byte " + at + ": " + problem);
    }

    private void require(int count, String what) {
        if (bytes.remaining() < count) {
            throw error(offset(), "truncated " + what);
        }
    }
}
