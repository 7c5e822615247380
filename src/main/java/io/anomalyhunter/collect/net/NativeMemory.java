package io.anomalyhunter.collect.net;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Reads of native memory libpcap owns (a record's header and bytes), as plain loads and one bulk copy: no JNI
 * call per read, which is what JNA's {@code Pointer} reads cost. Addresses come from libpcap and lengths are
 * checked by the caller against the array, so nothing here reads outside what libpcap handed over.
 */
final class NativeMemory {
    private static final Unsafe UNSAFE = unsafe();
    private static final long BYTES = Unsafe.ARRAY_BYTE_BASE_OFFSET;

    private NativeMemory() {
    }

    static long getLong(long address) {
        return UNSAFE.getLong(address);
    }

    static int getInt(long address) {
        return UNSAFE.getInt(address);
    }

    /** {@code length} bytes from {@code address} into the start of {@code into}. */
    static void copy(long address, byte[] into, int length) {
        if (length < 0 || length > into.length) {
            throw new IndexOutOfBoundsException("copy of " + length + " bytes into " + into.length);
        }
        UNSAFE.copyMemory(null, address, into, BYTES, length);
    }

    private static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("sun.misc.Unsafe is not available: " + e, e);
        }
    }
}
