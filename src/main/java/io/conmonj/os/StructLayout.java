package io.conmonj.os;

import com.kenai.jffi.Type;

/**
 * A C struct's layout computed the way the C compiler lays it out: each field at the next offset
 * aligned for its type, the whole size rounded up to the largest alignment. The field types' sizes
 * and alignments come from the platform (jffi), so the offsets hold on every 64-bit Linux rather
 * than being x86-64 numbers written down by hand.
 */
final class StructLayout {
    private final long[] offsets;
    private final long size;

    private StructLayout(long[] offsets, long size) {
        this.offsets = offsets;
        this.size = size;
    }

    /** Fields in declaration order; an array field is given as {@link #array}. */
    static StructLayout of(Field... fields) {
        long[] offsets = new long[fields.length];
        long offset = 0;
        long maxAlign = 1;
        for (int i = 0; i < fields.length; i++) {
            long align = fields[i].type.alignment();
            offset = alignUp(offset, align);
            offsets[i] = offset;
            offset += fields[i].type.size() * fields[i].count;
            maxAlign = Math.max(maxAlign, align);
        }
        return new StructLayout(offsets, alignUp(offset, maxAlign));
    }

    /** One field of type. */
    static Field field(Type type) {
        return new Field(type, 1);
    }

    /** count consecutive elements of type (char name[108], ...). */
    static Field array(Type type, int count) {
        return new Field(type, count);
    }

    /** The offset of the index-th declared field. */
    long offset(int index) {
        return offsets[index];
    }

    long size() {
        return size;
    }

    static long alignUp(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    record Field(Type type, int count) {
    }
}
