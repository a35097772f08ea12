package io.conmonj.log;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * k8s-file timestamps: local time, 9 fractional digits, numeric offset ({@code 2026-03-01T10:20:30.123456789+01:00},
 * always 35 bytes). The part up to the seconds and the offset is cached per second, so a chunk costs
 * nine digit writes.
 */
public final class K8sTimestamp {
    public static final int LENGTH = 35;

    private final ZoneRules rules;
    private long cachedSecond = Long.MIN_VALUE;
    private final byte[] seconds = new byte[19];
    private final byte[] offset = new byte[6];

    public K8sTimestamp(ZoneId zone) {
        this.rules = zone.getRules();
    }

    /** Writes the timestamp of epochSecond + nanos at dst[pos..pos+35). */
    public void format(long epochSecond, int nanos, byte[] dst, int pos) {
        if (epochSecond != cachedSecond) {
            cache(epochSecond);
        }
        System.arraycopy(seconds, 0, dst, pos, 19);
        dst[pos + 19] = '.';
        int n = nanos;
        for (int i = 28; i >= 20; i--) {
            dst[pos + i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        System.arraycopy(offset, 0, dst, pos + 29, 6);
    }

    private void cache(long epochSecond) {
        ZoneOffset zoneOffset = rules.getOffset(Instant.ofEpochSecond(epochSecond));
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, zoneOffset);
        String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, seconds, 0, 19);
        int total = zoneOffset.getTotalSeconds();
        char sign = total < 0 ? '-' : '+';
        int abs = Math.abs(total);
        String off = String.format("%c%02d:%02d", sign, abs / 3600, (abs / 60) % 60);
        System.arraycopy(off.getBytes(StandardCharsets.US_ASCII), 0, offset, 0, 6);
        cachedSecond = epochSecond;
    }
}
