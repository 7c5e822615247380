package io.anomalyhunter.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a config file's text, refusing what is not one before reading a byte of it: a FIFO would block, a
 * device like /dev/zero never ends, a directory has no text. The size is checked first and the read is
 * bounded too (the file may grow between the two). Text must be UTF-8; a bad byte is named by line and column.
 */
final class ConfigFile {
    /** Far above any real config (the example is 8 KB); small enough to parse in milliseconds. */
    static final int MAX_BYTES = 1 << 20;

    private ConfigFile() {
    }

    static String read(Path file) throws ConfigException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config file: " + e.getMessage());
        }
        if (!a.isRegularFile()) {
            String kind = a.isDirectory() ? "a directory" : a.isOther() ? "a device, FIFO or socket" : "not a regular file";
            throw new ConfigException(file + ": is " + kind + ", not a config file");
        }
        if (a.size() > MAX_BYTES) {
            throw new ConfigException(file + ": is " + a.size() + " bytes; a config file may have at most " + MAX_BYTES);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config file: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new ConfigException(file + ": grew past " + MAX_BYTES + " bytes while being read");
        }
        return decode(file.toString(), bytes);
    }

    /** UTF-8 text, or a problem naming the line and column of the first byte that is not UTF-8. */
    static String decode(String source, byte[] bytes) throws ConfigException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            out.flip();
            String before = out.toString();
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            throw new ConfigException(source + ":" + line + ":" + column + ": byte 0x"
                    + String.format("%02x", bytes[in.position()] & 0xff) + " is not UTF-8 (save the file as UTF-8)");
        }
        try {
            d.flush(out);
        } catch (IllegalStateException e) {
            throw new ConfigException(source + ": cannot decode as UTF-8");
        }
        out.flip();
        String text = out.toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            String before = text.substring(0, nul);
            throw new ConfigException(source + ":" + (1 + before.chars().filter(c -> c == '\n').count()) + ":"
                    + (nul - before.lastIndexOf('\n')) + ": a NUL character; a config file is text");
        }
        return text;
    }
}
