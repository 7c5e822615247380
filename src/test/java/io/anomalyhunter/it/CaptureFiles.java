package io.anomalyhunter.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small capture files written byte by byte for CLI tests. */
final class CaptureFiles {
    private CaptureFiles() {
    }

    /** A classic pcap with one Ethernet/IPv4/UDP frame. */
    static Path tinyPcap(Path file) throws IOException {
        byte[] frame = java.util.HexFormat.of().parseHex(
                "ffffffffffff0011223344550800" + "4500001c0000000040110000" + "0a0000010a000002" + "03e8003500080000");
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + frame.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        b.putInt(1_700_000_000).putInt(0).putInt(frame.length).putInt(frame.length).put(frame);
        return Files.write(file, b.array());
    }
}
