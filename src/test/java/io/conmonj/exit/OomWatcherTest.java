package io.conmonj.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OomWatcherTest {
    private static final List<String> HYBRID = List.of("9:name=systemd:/", "4:memory:/machine/ctr", "2:cpu,cpuacct:/x",
            "0::/unified/ctr");

    @Test
    void theMemoryControllersPathInCgroupV1() {
        assertEquals(Optional.of("/machine/ctr"), OomWatcher.cgroupPath(HYBRID, "memory"));
        assertEquals(Optional.of("/x"), OomWatcher.cgroupPath(HYBRID, "cpuacct"));
        assertEquals(Optional.empty(), OomWatcher.cgroupPath(List.of("0::/a"), "memory"));
    }

    @Test
    void theUnifiedPathInCgroupV2() {
        assertEquals(Optional.of("/unified/ctr"), OomWatcher.cgroupPath(HYBRID, null));
        assertEquals(Optional.empty(), OomWatcher.cgroupPath(List.of("4:memory:/m"), null));
    }
}
