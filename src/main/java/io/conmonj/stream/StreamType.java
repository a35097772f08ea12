package io.conmonj.stream;

import java.nio.charset.StandardCharsets;

/** A container output stream, with its attach stream byte and its k8s-file name. */
public enum StreamType {
    STDOUT((byte) 2, "stdout"),
    STDERR((byte) 3, "stderr");

    private final byte attachByte;
    private final byte[] logName;

    StreamType(byte attachByte, String logName) {
        this.attachByte = attachByte;
        this.logName = logName.getBytes(StandardCharsets.US_ASCII);
    }

    public byte attachByte() {
        return attachByte;
    }

    /** "stdout" or "stderr", as ASCII bytes (always 6). */
    public byte[] logName() {
        return logName.clone();
    }
}
